"""Activity rows leave the machine only if each one hides among k alike."""

from __future__ import annotations

import pytest

from accomp.privacy.generalise import NON_COMMUNIQUE
from accomp.privacy.suppression import suppress_rare_combinations

QI = ("departement", "tranche_age", "genre")


def row(departement: str, age: str, genre: str, theme: str = "Email") -> dict[str, object]:
    return {"departement": departement, "tranche_age": age, "genre": genre, "theme": theme}


def test_export_where_everyone_is_common_is_unchanged() -> None:
    records = [row("75", "VingtCinqTrenteNeuf", "Feminin")] * 5
    kept, report = suppress_rare_combinations(records, QI)
    assert kept == records
    assert report.k == 5
    assert report.quasi_identifiers == QI
    assert report.rows_kept == 5
    assert report.rows_dropped == 0
    assert report.values_suppressed == {"departement": 0, "tranche_age": 0, "genre": 0}


def test_rare_row_loses_its_rarest_value_and_joins_others() -> None:
    records = [
        *[row("75", "VingtCinqTrenteNeuf", "Feminin")] * 3,
        row("75", "SoixanteDixPlus", "Feminin", theme="Sante"),
        *[row("75", NON_COMMUNIQUE, "Feminin")] * 2,
    ]
    kept, report = suppress_rare_combinations(records, QI, k=3)
    assert kept[3] == row("75", NON_COMMUNIQUE, "Feminin", theme="Sante")
    assert kept[:3] == records[:3]
    assert kept[4:] == records[4:]
    assert report.values_suppressed == {"departement": 0, "tranche_age": 1, "genre": 0}
    assert report.rows_dropped == 0


def test_generalisation_continues_until_the_combination_is_common() -> None:
    records = [
        *[row("75", "VingtCinqTrenteNeuf", "Feminin")] * 3,
        *[row("93", "VingtCinqTrenteNeuf", "Masculin")] * 3,
        row("92", "VingtCinqTrenteNeuf", "Feminin"),
        row("94", "VingtCinqTrenteNeuf", "Masculin"),
        row("95", "QuaranteCinquanteNeuf", "Masculin"),
    ]
    kept, report = suppress_rare_combinations(records, QI, k=3)
    combinations = [(r["departement"], r["tranche_age"], r["genre"]) for r in kept]
    assert combinations[:6] == [
        (r["departement"], r["tranche_age"], r["genre"]) for r in records[:6]
    ]
    assert all(combinations.count(c) >= 3 for c in combinations)
    assert report.rows_kept == 9
    assert report.values_suppressed["departement"] == 3


def test_rows_with_nothing_left_to_hide_behind_are_dropped_and_counted() -> None:
    records = [
        *[row("75", "VingtCinqTrenteNeuf", "Feminin")] * 3,
        *[row("75", "VingtCinqTrenteNeuf", "Masculin")] * 3,
        row("75", "SoixanteDixPlus", "Feminin"),
    ]
    kept, report = suppress_rare_combinations(records, QI, k=3)
    assert kept == records[:6]
    assert report.rows_kept == 6
    assert report.rows_dropped == 1
    assert report.values_suppressed == {"departement": 1, "tranche_age": 1, "genre": 1}


def test_rows_already_unknown_everywhere_are_kept_when_numerous() -> None:
    records = [row(NON_COMMUNIQUE, NON_COMMUNIQUE, NON_COMMUNIQUE)] * 3
    kept, report = suppress_rare_combinations(records, QI, k=3)
    assert kept == records
    assert report.rows_dropped == 0


def test_other_columns_are_untouched_and_input_is_not_modified() -> None:
    records = [
        *[row("75", "VingtCinqTrenteNeuf", "Feminin", theme="Email")] * 3,
        row("75", "SoixanteDixPlus", "Feminin", theme="Justice"),
        *[row("75", NON_COMMUNIQUE, "Feminin", theme="Sante")] * 2,
    ]
    before = [dict(r) for r in records]
    kept, _ = suppress_rare_combinations(records, QI, k=3)
    assert records == before
    assert [r["theme"] for r in kept] == ["Email"] * 3 + ["Justice"] + ["Sante"] * 2


def test_empty_export_stays_empty() -> None:
    kept, report = suppress_rare_combinations([], QI)
    assert kept == []
    assert report.rows_kept == report.rows_dropped == 0


def test_without_quasi_identifiers_a_too_small_export_is_withheld() -> None:
    kept, report = suppress_rare_combinations([{"theme": "Email"}] * 2, (), k=3)
    assert kept == []
    assert report.rows_dropped == 2


def test_missing_quasi_identifier_column_is_refused() -> None:
    records: list[dict[str, object]] = [
        row("75", "VingtCinqTrenteNeuf", "Feminin"),
        {"departement": "75"},
    ]
    with pytest.raises(ValueError, match="record 1 has no column tranche_age, genre"):
        suppress_rare_combinations(records, QI)


def test_threshold_below_official_floor_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 3"):
        suppress_rare_combinations([], QI, k=2)
