"""Which person a picker lists first for what was typed, and why: the code, then a
last name starting with it, then a first name, a phone, an e-mail, then a name that
merely contains it; and the synonyms a worker types for a theme."""

from __future__ import annotations

import json
from importlib import resources

from accomp.domain import synonyms
from accomp.domain.person_match import MatchReason, PersonText, match_reason, rank_people
from accomp.domain.vocab import vocabulary

ISABEL = PersonText("B-AAAA", "Isabel", "LOPEZ", "06 11 22 33 44", "isa@example.org")
BELKACEM = [PersonText(f"B-BK{i}A", name, "BELKACEM") for i, name in
            enumerate(("Yacine", "Nora", "Karim"))]
ABEL = PersonText("B-CCCC", "Abel", "MARTIN")
BELLA = PersonText("B-DDDD", "Bella", "NGUYEN")


def test_bel_lists_the_three_belkacem_before_isabel_lopez() -> None:
    people = [ISABEL, ABEL, BELLA, *BELKACEM]  # most recently seen first
    ranked = rank_people("bel", people, lambda p: p)
    assert [p for p, _ in ranked[:3]] == BELKACEM
    assert [(p, r) for p, r in ranked[3:]] == [
        (BELLA, MatchReason.FIRST_NAME), (ISABEL, MatchReason.CONTAINS),
        (ABEL, MatchReason.CONTAINS),
    ]


def test_each_reason() -> None:
    assert match_reason("aaaa", ISABEL) is MatchReason.CODE
    assert match_reason("B-AA", ISABEL) is MatchReason.CODE
    assert match_reason("lop", ISABEL) is MatchReason.LAST_NAME
    assert match_reason("isa", ISABEL) is MatchReason.FIRST_NAME
    assert match_reason("06 11 22", ISABEL) is MatchReason.PHONE
    assert match_reason("example", ISABEL) is MatchReason.EMAIL
    assert match_reason("pez", ISABEL) is MatchReason.CONTAINS
    assert match_reason("zorro", ISABEL) is None
    assert match_reason("", ISABEL) is None


def test_every_word_must_match_and_the_best_one_gives_the_reason() -> None:
    assert match_reason("isabel lop", ISABEL) is MatchReason.LAST_NAME
    assert match_reason("isabel zorro", ISABEL) is None
    assert match_reason("belkacem nora", BELKACEM[1]) is MatchReason.LAST_NAME


def test_accents_and_case_are_ignored() -> None:
    eloise = PersonText("B-EEEE", "Éloïse", "DE LA FONTAINE")
    assert match_reason("elo", eloise) is MatchReason.FIRST_NAME
    assert match_reason("font", eloise) is MatchReason.LAST_NAME


def test_caf_ameli_ants_and_france_travail_find_their_themes() -> None:
    assert "AideAuxDemarchesAdministratives" in synonyms.keys_for("themes", "caf")
    assert synonyms.keys_for("admin_themes", "CAF") == {"SocialSante"}
    assert synonyms.keys_for("admin_themes", "rsa") == {"SocialSante"}
    assert synonyms.keys_for("admin_themes", "prime d'activite") == {"SocialSante"}
    assert "Logement" in synonyms.keys_for("admin_themes", "APL")
    for word in ("ameli", "CPAM", "mutuelle", "css"):
        assert "Sante" in synonyms.keys_for("themes", word)
        assert "SocialSante" in synonyms.keys_for("admin_themes", word)
    assert synonyms.keys_for("admin_themes", "impots.gouv") == {"ArgentImpots"}
    for word in ("ANTS", "carte grise", "passeport"):
        assert synonyms.keys_for("admin_themes", word) == {"PapiersElectionsCitoyennete"}
    for word in ("France Travail", "pole emploi", "Pôle"):
        assert "TravailFormation" in synonyms.keys_for("admin_themes", word)
    assert synonyms.keys_for("themes", "c") == frozenset()  # one letter: nothing
    assert synonyms.synonym_hits("themes", "") == []


def test_every_key_in_the_synonyms_file_exists_in_its_list() -> None:
    raw = json.loads(resources.files("accomp.resources").joinpath(
        "vocab", "synonyms.json").read_text("utf-8"))
    for entry in raw["entries"]:
        assert entry["words"]
        for list_name, keys in entry.items():
            if list_name != "words":
                assert set(keys) <= vocabulary().keys(list_name), (list_name, keys)
