"""The shipped list of French communes and its completion search, as a worker typing
a commune in a form would use them."""

from __future__ import annotations

import re
import time
from importlib import resources

import pytest

from accomp.domain import communes
from accomp.domain.text import fold


def names(results: list[communes.Commune]) -> list[str]:
    return [c.name for c in results]


def test_list_holds_every_current_commune_with_its_postal_codes():
    everything = communes.all_communes()
    assert len({c.insee for c in everything}) > 34_000
    assert len({(c.insee, c.postal_code) for c in everything}) == len(everything)
    assert all(re.fullmatch(r"[0-9]{5}|2[AB][0-9]{3}", c.insee) for c in everything)
    assert all(re.fullmatch(r"[0-9]{5}", c.postal_code) for c in everything)
    assert {c.departement for c in everything} >= {"01", "2A", "2B", "75", "95", "971", "976"}


def test_source_and_licence_ship_with_the_data():
    doc = resources.files("accomp.resources").joinpath("communes", "SOURCE.md").read_text("utf-8")
    assert "Licence Ouverte" in doc
    assert "@etalab/decoupage-administratif" in doc


def test_search_ignores_accents_case_and_hyphens():
    for query in ("saint etienne", "SAINT-ETIENNE", "Saint-Étienne", "st etienne"):
        first = communes.search(query)[0]
        assert (first.name, first.insee, first.departement) == ("Saint-Étienne", "42218", "42")


def test_a_name_given_in_full_lists_each_of_its_postal_codes_first():
    results = communes.search("saint etienne")
    assert [c.postal_code for c in results[:3]] == ["42000", "42100", "42230"]
    # then the communes whose name starts with it, the biggest first
    assert results[3].name == "Saint-Étienne-du-Rouvray"
    assert all(fold(c.name).startswith("saint etienne") for c in results)


def test_prefix_matches_come_by_population():
    assert names(communes.search("par"))[:3] == ["Paris", "Parempuyre", "Parthenay"]
    results = communes.search("chatel")
    assert "Châtellerault" in names(results)
    pops = [c.population for c in results[1:]]  # after the exact "Châtel"
    assert pops == sorted(pops, reverse=True)


def test_a_later_word_of_the_name_matches_too():
    results = communes.search("etienne")
    assert results[0].name == "Saint-Étienne"
    assert "Saint-Étienne-du-Rouvray" in names(results)


def test_search_by_postal_code_or_its_beginning():
    exact = communes.search("86100")
    assert exact[0].name == "Châtellerault"
    assert {c.postal_code for c in exact} == {"86100"}
    assert len(exact) >= 3
    prefix = communes.search("861", limit=50)
    assert len(prefix) == 50
    assert all(c.postal_code.startswith("861") for c in prefix)
    assert communes.search("75011") == [communes.by_insee("75056", "75011")]


def test_name_and_postal_code_together_narrow_the_results():
    results = communes.search("saint 42")
    assert results[0].name == "Saint-Étienne"
    assert all(c.postal_code.startswith("42") for c in results)
    assert all(fold(c.name).startswith("saint") or " saint" in fold(c.name) for c in results)


@pytest.mark.parametrize("query", ["", "   ", "zzzz", "-", "2A"])
def test_nothing_typed_or_nothing_matching_gives_no_result(query):
    assert communes.search(query) == []


def test_limit_is_respected():
    assert len(communes.search("s", limit=5)) == 5
    assert communes.search("paris", limit=0) == []


def test_by_insee():
    ajaccio = communes.by_insee("2A004")
    assert ajaccio is not None
    assert (ajaccio.name, ajaccio.departement, ajaccio.postal_code) == ("Ajaccio", "2A", "20000")
    assert communes.by_insee("75056", "75011") is not None
    assert communes.by_insee("75056", "13001") is None
    assert communes.by_insee("00000") is None
    assert communes.postal_codes("13055")[:2] == ("13001", "13002")


def test_a_commune_fills_the_form_field():
    paris = communes.by_insee("75056", "75015")
    assert paris is not None
    assert paris.label == "Paris (75015)"
    assert paris.as_input() == {"name": "Paris", "postal_code": "75015", "insee": "75056"}


def test_departement_and_largest():
    vienne = communes.of_departement("86")
    assert names(vienne)[:2] == ["Poitiers", "Châtellerault"]
    assert all(c.departement == "86" for c in vienne)
    assert names(communes.largest(3)) == ["Paris", "Marseille", "Lyon"]


def test_index_folds_every_name_as_fold_does():
    idx = communes._index()
    assert all(fold(name) == key for name, key in zip(idx.names, idx.keys, strict=True))


def test_search_is_fast_once_loaded():
    communes.warm_up()
    queries = ["s", "l", "la", "saint", "saint et", "cha", "etienne", "8", "86", "861",
               "75011", "s 4", "saint 7", "e 1", "marseille", "sur", "les", "y"]
    start = time.perf_counter()
    for _ in range(5):
        for q in queries:
            communes.search(q)
    per_call = (time.perf_counter() - start) / (5 * len(queries))
    assert per_call < 0.005
