"""Receipts say who recorded the event by the name the worker gave, not the
computer's login ("Noté par : root"), and the mandate attestation has signature lines
for the person and the worker. The name is journaled as set, never written there."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import canary_beneficiary

from accomp.domain.consent import Purpose
from accomp.domain.errors import KnownError
from accomp.services import consents, lifecycle, mandates, structure

T0 = dt.datetime(2026, 11, 28, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def records(vault: Any) -> dict[str, Any]:
    b = canary_beneficiary(vault)
    given = consents.give_consent(vault, b.id, Purpose.FOLLOW_UP_CONTACT, at=T0)
    m = mandates.create_mandate(vault, b.id, ["logement"], "6m", at=T0).mandate
    return {"given": given, "mandate": m}


def test_receipts_print_the_workers_name_once_set(vault: Any, records: Any) -> None:
    login = vault.worker
    receipt = consents.receipt(vault, records["given"].id, "fr", at=T0)
    assert f"Noté par&nbsp;: {login}" in receipt.html  # before: the session's login

    assert structure.set_worker_name(vault, "  Camille Durand ") == "Camille Durand"
    assert structure.worker_name(vault) == "Camille Durand"
    receipt = consents.receipt(vault, records["given"].id, "fr", at=T0)
    assert "Camille Durand" in receipt.html
    assert f"Noté par&nbsp;: {login}" not in receipt.html
    for lang in ("fr", "en"):
        attestation = mandates.attestation(vault, records["mandate"].id, lang, at=T0)
        assert "Camille Durand" in attestation.html


def test_the_mandate_attestation_has_two_signature_lines(vault: Any, records: Any) -> None:
    structure.set_worker_name(vault, "Camille Durand")
    fr = mandates.attestation(vault, records["mandate"].id, "fr", at=T0).html
    assert fr.count("Signature&nbsp;: ____") == 2
    assert "La personne&nbsp;: Zéphyrine CANARYNAME" in fr
    assert "L'aidant ou l'aidante&nbsp;: Camille Durand" in fr
    en = mandates.attestation(vault, records["mandate"].id, "en", at=T0).html
    assert en.count("Signature: ____") == 2
    assert "The helper: Camille Durand" in en


def test_the_journal_says_the_name_was_set_without_the_name(vault: Any) -> None:
    structure.set_worker_name(vault, "Camille Durand")
    structure.set_worker_name(vault, "Camille Durand")  # unchanged: nothing written
    events = [e for e in lifecycle.journal_events(vault)
              if e.action == "settings.worker_name"]
    assert len(events) == 1
    assert "Camille" not in str(events[0].details)


def test_a_name_with_control_characters_is_refused(vault: Any) -> None:
    with pytest.raises(KnownError) as err:
        structure.set_worker_name(vault, "Camille\x07")
    assert err.value.code == "control_chars"
    assert structure.set_worker_name(vault, "   ") is None
