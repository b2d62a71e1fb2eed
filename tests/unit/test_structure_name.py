"""The structure's name: a setting of the vault, set once in Paramètres, written to
the journal, printed (escaped) on every document handed to a person, a dotted line
while none is set. It never changes the notice's hash nor a record's hash."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import canary_beneficiary

from accomp.domain.consent import Purpose
from accomp.domain.errors import KnownError
from accomp.reports import documents
from accomp.services import consents, lifecycle, mandates, structure

T0 = dt.datetime(2026, 11, 28, 10, 0, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)
NAME = "Espace numérique <Les Pins> & \"Co\""
ESCAPED = "Espace numérique &lt;Les Pins&gt; &amp; &quot;Co&quot;"
BLANK = "......................................................"


def name_events(vault: Any) -> list[Any]:
    return [e for e in lifecycle.journal_events(vault)
            if e.action == "settings.structure_name"]


# --- the setting --------------------------------------------------------------------------


def test_the_name_is_unset_until_the_worker_sets_it(vault: Any) -> None:
    assert structure.structure_name(vault) is None
    assert structure.set_structure_name(vault, f"  {NAME}\n ") == NAME  # stripped
    assert structure.structure_name(vault) == NAME
    events = name_events(vault)
    assert len(events) == 1
    assert events[0].entity == "vault"
    assert events[0].details == {"structure_name": NAME}


def test_setting_the_same_name_again_writes_nothing(vault: Any) -> None:
    structure.set_structure_name(vault, NAME)
    structure.set_structure_name(vault, f" {NAME} ")
    assert len(name_events(vault)) == 1


def test_a_blank_name_clears_it_and_is_journaled(vault: Any) -> None:
    structure.set_structure_name(vault, NAME)
    assert structure.set_structure_name(vault, "   ") is None
    assert structure.structure_name(vault) is None
    assert sorted(e.details["structure_name"] for e in name_events(vault)) == ["", NAME]


@pytest.mark.parametrize("text", [
    "CCAS\tde Lille", "CCAS\nde Lille", "CCAS\x00", "CCAS\x7f", "CCAS\u2028Lille",
    "CCAS \u202eelliL", "CCAS\u2066x\u2069", "CCAS\x85Lille",
])
def test_control_characters_are_refused(vault: Any, text: str) -> None:
    structure.set_structure_name(vault, "CCAS de Lille")
    with pytest.raises(KnownError) as refused:
        structure.set_structure_name(vault, text)
    assert refused.value.code == "control_chars"
    assert refused.value.message("fr") == (
        "Le champ « Nom de la structure » contient des caractères invisibles non autorisés.")
    assert refused.value.message("en") == (
        "The field “Organisation name” contains invisible characters that are "
        "not allowed.")
    assert text not in str(refused.value)
    assert structure.structure_name(vault) == "CCAS de Lille"
    assert len(name_events(vault)) == 1


def test_a_name_longer_than_the_limit_is_refused(vault: Any) -> None:
    limit = structure.STRUCTURE_NAME_MAX
    assert limit == 120
    assert structure.set_structure_name(vault, "x" * limit + "   ") == "x" * limit
    with pytest.raises(KnownError) as refused:
        structure.set_structure_name(vault, "y" * (limit + 1))
    assert refused.value.code == "too_long"
    assert refused.value.message("fr") == (
        "Le champ « Nom de la structure » dépasse 120 caractères.")
    assert refused.value.message("en") == (
        "The field “Organisation name” is longer than 120 characters.")
    assert structure.structure_name(vault) == "x" * limit


def test_accents_and_punctuation_are_kept(vault: Any) -> None:
    name = "Maison France services — Saint-Étienne (l'Île), n° 2"
    assert structure.set_structure_name(vault, name) == name


# --- the documents ------------------------------------------------------------------------


@pytest.fixture
def records(vault: Any) -> dict[str, Any]:
    b = canary_beneficiary(vault)
    given = consents.give_consent(vault, b.id, Purpose.FOLLOW_UP_CONTACT, at=T0)
    m = mandates.create_mandate(vault, b.id, ["logement", "argent"], "6m", at=T0).mandate
    mandates.revoke_scope(vault, m.id, "argent", at=T0 + HOUR)
    return {"given": given, "mandate": m}


def every_document(vault: Any, records: dict[str, Any]) -> list[consents.Document]:
    m = records["mandate"]
    out = []
    for lang in documents.LANGS:
        out += [
            consents.notice_document(lang, vault=vault),
            consents.receipt(vault, records["given"].id, lang, at=T0),
            mandates.attestation(vault, m.id, lang, at=T0),
            mandates.revocation_receipt(vault, m.id, lang, scope="argent", at=T0),
        ]
    return out


def test_every_document_shows_the_name_escaped(vault: Any, records: dict[str, Any]) -> None:
    structure.set_structure_name(vault, NAME)
    docs = every_document(vault, records)
    assert {d.kind for d in docs} == {"notice", "consent_receipt", "mandate_attestation",
                                      "revocation_receipt"}
    for doc in docs:
        assert ESCAPED in doc.html, doc.kind
        assert "<Les Pins>" not in doc.html, doc.kind
        assert BLANK not in doc.html, doc.kind


def test_every_document_keeps_the_dotted_line_while_no_name_is_set(
    vault: Any, records: dict[str, Any]
) -> None:
    for doc in every_document(vault, records):
        assert f"Structure&nbsp;: {BLANK}" in doc.html or f"Service: {BLANK}" in doc.html
    structure.set_structure_name(vault, NAME)
    structure.set_structure_name(vault, "")
    for doc in every_document(vault, records):
        assert BLANK in doc.html
        assert "Les Pins" not in doc.html


def test_the_name_changes_neither_the_notice_hash_nor_the_record_hashes(
    vault: Any, records: dict[str, Any]
) -> None:
    before = every_document(vault, records)
    structure.set_structure_name(vault, NAME)
    after = every_document(vault, records)
    assert [d.record_hash for d in after] == [d.record_hash for d in before]
    pinned = documents.notice_hash(documents.NOTICE_VERSION)
    # the hash covers the notice's own text, never the page around it
    assert documents.computed_notice_hash(documents.NOTICE_VERSION) == pinned
    for lang in documents.LANGS:
        assert "Les Pins" not in documents.notice_text(documents.NOTICE_VERSION, lang)
    for doc in after:
        assert pinned in doc.html, doc.kind
    assert after[0].record_hash == pinned  # the notice's QR code holds the notice hash
    # a person informed once the name is set gets the same recorded notice hash
    b = canary_beneficiary(vault)
    given = consents.give_consent(vault, b.id, Purpose.FOLLOW_UP_CONTACT, at=T0)
    receipt = consents.receipt(vault, given.id, "fr", at=T0)
    assert receipt.html.count(pinned) >= 1
    assert records["given"].notice_hash == given.notice_hash == pinned


def test_the_writer_escapes_the_name_and_blanks_an_empty_one() -> None:
    page = documents.information_notice("en", structure="<script>alert(1)</script>")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>" not in page
    assert f"Service: {BLANK}" in documents.information_notice("en", structure="  ")
    assert f"Service: {BLANK}" in documents.information_notice("en")
