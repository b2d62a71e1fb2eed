"""Our reference lists are the national tool's (La Coop de la médiation numérique),
key for key and French label for label, so that a funder reading an accomp export
and a Coop export reads the same words.

tests/data/coop_vocabulary.json is a data copy of the Coop's lists (source commit
and paths inside); refresh it from a newer commit when the Coop changes them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from accomp.domain.vocab import vocabulary

COOP = json.loads((Path(__file__).parent.parent / "data" / "coop_vocabulary.json")
                  .read_text("utf-8"))

# What accomp keeps and the Coop does not, documented in docs/exports.md.
ACCOMP_ONLY_LISTS = {"completion"}  # the Coop dropped DegreDeFinalisationDemarche


def test_the_copy_names_its_source_commit_and_files():
    assert COOP["source"].endswith("inclusion-numerique/coop-mediation-numerique")
    assert len(COOP["commit"]) == 40
    assert "apps/web/prisma/schema.prisma" in COOP["paths"]


@pytest.mark.parametrize("name", sorted(COOP["lists"]))
def test_keys_and_french_labels_are_the_coops_verbatim(name):
    ours = {t.key: t.fr for t in vocabulary().terms(name)}
    theirs = {t["key"]: t["fr"] for t in COOP["lists"][name]}
    assert ours == theirs


def test_every_list_has_an_english_label():
    for name, terms in vocabulary().lists.items():
        assert all(t.en.strip() for t in terms), name


def test_the_thirty_themes_and_the_structure_typology_are_all_there():
    v = vocabulary()
    assert len(v.terms("themes")) + len(v.terms("admin_themes")) == 30
    assert len(v.terms("structure_typologies")) == len(COOP["lists"]["structure_typologies"])
    assert v.label("structure_typologies", "CCAS") == "Centres communaux d’action sociale (CCAS)"


def test_the_duration_buckets_have_the_coops_bounds():
    from accomp.privacy.generalise import duration_bucket

    for bucket in COOP["lists"]["duration_buckets"]:
        assert duration_bucket(bucket["min"]) == bucket["key"]
        if bucket["max"] is not None:
            assert duration_bucket(bucket["max"] - 1) == bucket["key"]


def test_lists_the_coop_does_not_have_are_the_documented_ones():
    ours = set(vocabulary().lists)
    national = set(COOP["lists"])
    only_ours_in_cra = ours - national - {
        # accomp's own lists, outside the activity report (legal, consent, mandate)
        "mandate_scopes", "mandate_durations", "legal_bases", "consent_purposes",
        "consent_event_kinds", "consent_methods",
        # appointments: what to bring, and how it went
        "appointment_items", "appointment_statuses",
    }
    assert only_ours_in_cra == ACCOMP_ONLY_LISTS
