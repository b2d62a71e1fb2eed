"""The list of départements (resources/vocab/departements.json) against INSEE's
count: 101 départements, 96 in metropolitan France and 5 overseas, and every
département code of the communes the app knows."""

from __future__ import annotations

import csv
import gzip
import io
from importlib import resources

from accomp.domain.departements import departements
from accomp.privacy.generalise import NON_COMMUNIQUE, departement_of


def test_there_are_101_departements_96_in_metropolitan_france_and_5_overseas():
    d = departements().of_kind("departement")
    assert len(d) == 101
    metro = {f"{n:02d}" for n in range(1, 96) if n != 20} | {"2A", "2B"}
    overseas = {"971", "972", "973", "974", "976"}
    assert len(metro) == 96
    assert {p.code for p in d} == metro | overseas
    assert departements().name("01") == "Ain"
    assert departements().name("2B") == "Haute-Corse"
    assert departements().name("976") == "Mayotte"


def test_collectivities_abroad_and_unknown_are_listed_apart():
    assert {p.code for p in departements().of_kind("collectivite")} == {
        "975", "977", "978", "984", "986", "987", "988", "989"}
    assert [p.code for p in departements().of_kind("etranger")] == ["99"]
    assert departements().unknown.code == NON_COMMUNIQUE
    assert departements().name(NON_COMMUNIQUE) == "Non communiqué"
    assert departements().name("20") is None
    codes = [p.code for p in departements().places]
    assert len(codes) == len(set(codes))
    names = [p.name for p in departements().places]
    assert len(names) == len(set(names))
    # the separator of a spreadsheet CSV's "01 – Ain" is in no name
    assert not any(" – " in n for n in names)


def test_every_commune_the_app_knows_falls_in_a_listed_code():
    data = resources.files("accomp.resources").joinpath(
        "communes", "communes.csv.gz").read_bytes()
    rows = csv.DictReader(io.StringIO(gzip.decompress(data).decode("utf-8")), delimiter=";")
    codes = {departement_of(r["insee"]) for r in rows}
    assert len(codes) > 100
    assert all(departements().name(c) for c in codes), codes - set(departements().by_code)
