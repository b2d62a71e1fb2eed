"""Exports carry quasi-identifiers only at the grain of the national activity report."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from accomp.privacy.generalise import (
    NON_COMMUNIQUE,
    age_band,
    departement_of,
    duration_bucket,
    month_of,
)


@pytest.mark.parametrize(
    ("day", "month"),
    [
        (date(2025, 3, 14), "2025-03"),
        (date(2025, 12, 31), "2025-12"),
        (date(999, 1, 1), "0999-01"),
        (datetime(2025, 7, 1, 23, 59), "2025-07"),
    ],
)
def test_day_becomes_its_month(day: date, month: str) -> None:
    assert month_of(day) == month


@pytest.mark.parametrize(
    ("insee", "departement"),
    [
        ("75115", "75"),  # Paris 15e
        ("01004", "01"),  # Ambérieu-en-Bugey: the leading zero is kept
        ("13055", "13"),
        ("2A004", "2A"),  # Ajaccio
        ("2B033", "2B"),  # Bastia
        ("2a004", "2A"),
        (" 69123 ", "69"),
        ("97105", "971"),  # Basse-Terre, Guadeloupe
        ("97209", "972"),
        ("97302", "973"),
        ("97411", "974"),
        ("97502", "975"),  # Saint-Pierre
        ("97611", "976"),  # Mamoudzou, Mayotte
        ("97701", "977"),  # Saint-Barthélemy
        ("97801", "978"),  # Saint-Martin
        ("98818", "988"),  # Nouméa
    ],
)
def test_commune_becomes_its_departement(insee: str, departement: str) -> None:
    assert departement_of(insee) == departement


@pytest.mark.parametrize("insee", [None, "", "   "])
def test_unknown_commune_is_not_communicated(insee: str | None) -> None:
    assert departement_of(insee) == NON_COMMUNIQUE


@pytest.mark.parametrize(
    "insee",
    [
        "20000",  # Ajaccio's postal code, not an INSEE code
        "20200",
        "7511",
        "751150",
        "2C004",
        "A5115",
        "Paris",
        "75 115",
    ],
)
def test_malformed_commune_code_is_refused(insee: str) -> None:
    with pytest.raises(ValueError, match="not an INSEE commune code"):
        departement_of(insee)


ON = date(2025, 6, 15)


@pytest.mark.parametrize(
    ("birth_year", "band"),
    [
        (2025, "MoinsDeDouze"),
        (2014, "MoinsDeDouze"),  # 11
        (2013, "DouzeDixHuit"),  # 12
        (2008, "DouzeDixHuit"),  # 17
        (2007, "DixHuitVingtQuatre"),  # 18
        (2001, "DixHuitVingtQuatre"),  # 24
        (2000, "VingtCinqTrenteNeuf"),  # 25
        (1986, "VingtCinqTrenteNeuf"),  # 39
        (1985, "QuaranteCinquanteNeuf"),  # 40
        (1966, "QuaranteCinquanteNeuf"),  # 59
        (1965, "SoixanteSoixanteNeuf"),  # 60
        (1956, "SoixanteSoixanteNeuf"),  # 69
        (1955, "SoixanteDixPlus"),  # 70
        (1920, "SoixanteDixPlus"),
    ],
)
def test_birth_year_becomes_its_cra_age_band(birth_year: int, band: str) -> None:
    assert age_band(birth_year, ON) == band


def test_age_is_the_one_reached_during_the_year() -> None:
    # Born in 2007: 18 at some point in 2025, so in the 18-24 band for all of 2025.
    assert age_band(2007, date(2025, 1, 1)) == "DixHuitVingtQuatre"
    assert age_band(2007, date(2024, 12, 31)) == "DouzeDixHuit"


def test_unknown_birth_year_is_not_communicated() -> None:
    assert age_band(None, ON) == NON_COMMUNIQUE


def test_birth_year_after_the_activity_is_refused() -> None:
    with pytest.raises(ValueError, match="after the reference date"):
        age_band(2026, ON)


@pytest.mark.parametrize(
    ("minutes", "bucket"),
    [
        (0, "30"),
        (15, "30"),
        (29, "30"),
        (30, "60"),
        (45, "60"),
        (59, "60"),
        (60, "120"),
        (90, "120"),
        (119, "120"),
        (120, "more"),
        (480, "more"),
    ],
)
def test_duration_becomes_its_bucket(minutes: int, bucket: str) -> None:
    assert duration_bucket(minutes) == bucket


def test_negative_duration_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot be negative"):
        duration_bucket(-1)
