"""Passing a file to a colleague: the round trip, who can open a bundle, and what
the journals keep. The attacks on the bundle itself are in test_transfer_attacks.py."""

from __future__ import annotations

import json
import stat
from typing import Any

import pytest
from sqlalchemy import text
from transfer_setup import DAY, T0, introduce, person_with_history, worker_vault

from accomp.domain.errors import KnownError
from accomp.domain.transfer_parts import ALL_PARTS, Part
from accomp.services import transfer_import, transfers
from accomp.store import consents as store_consents
from accomp.store import transfers as store_transfers
from accomp.store.tables import Beneficiary


@pytest.fixture
def pair(tmp_path: Any) -> Any:
    a, b = worker_vault(tmp_path, "alice"), worker_vault(tmp_path, "bruno")
    introduce(a, b)
    yield a, b
    a.lock()
    b.lock()


def comparable_file(vault: Any, code: str) -> dict[str, Any]:
    """What a colleague must find identical: the file, its consent and mandate
    history, its sessions (ids, codes and bookkeeping instants aside)."""
    with vault.reading() as s:
        row = s.exec(text("SELECT id FROM beneficiary WHERE code = :c"),  # type: ignore[call-overload]
                     params={"c": code}).one()
        bid = row[0]
        b = s.get(Beneficiary, bid)
        part = store_transfers.file_part(s, b, frozenset(ALL_PARTS))
        return part.model_dump(exclude={"code"}) | {"last_contact": b.last_contact}


def test_round_trip_gives_the_colleague_identical_data(pair: Any, tmp_path: Any) -> None:
    a, b = pair
    person = person_with_history(a)
    out = tmp_path / "out"
    out.mkdir()
    sent = transfers.export_bundle(a, [person.id], recipient=transfers.my_public_key(b).fingerprint,
                                   parts=ALL_PARTS, path=out / "x.accomp-transfert", now=T0)
    assert stat.S_IMODE(sent.path.stat().st_mode) == 0o600
    data = sent.path.read_bytes()
    preview = transfer_import.preview_bundle(b, data, now=T0 + DAY)
    assert preview.sender_contact == "alice"
    assert not preview.already_imported
    assert [f.code for f in preview.files] == [person.code]
    assert preview.files[0].sessions == 2
    assert preview.files[0].has_notes
    done = transfer_import.import_bundle(b, data, now=T0 + DAY)
    new_code = done.codes[person.code]
    assert comparable_file(b, new_code) == comparable_file(a, person.code)
    assert done.digest == sent.digest


def test_both_journals_record_the_transfer_without_personal_data(pair: Any, tmp_path: Any) -> None:
    from conftest import CANARY_NEEDLES

    a, b = pair
    person = person_with_history(a)
    sent = transfers.export_bundle(a, [person.id], recipient=transfers.my_public_key(b).fingerprint,
                                   parts=ALL_PARTS, path=tmp_path / "x.bin", now=T0)
    done = transfer_import.import_bundle(b, sent.path.read_bytes(), now=T0 + DAY)

    def events(v: Any, action: str) -> list[Any]:
        with v.reading() as s:
            return [(r[0], r[1], json.loads(r[2])) for r in s.exec(text(  # type: ignore[call-overload]
                "SELECT actor, at, details FROM audit_event WHERE action = :a"),
                params={"a": action}).all()]

    (actor, at, details), = events(a, "transfer.export")
    assert actor == "alice"
    assert str(at).startswith("2026-11-28 10:00")
    assert details["bundle"] == sent.digest
    assert details["beneficiaries"] == [person.code]
    assert details["recipient"]
    assert sorted(details["parts"]) == sorted(p.value for p in ALL_PARTS)
    (actor, _at, details), = events(b, "transfer.import")
    assert actor == "bruno"
    assert details["bundle"] == sent.digest
    assert details["beneficiaries"] == list(done.codes.values())
    assert details["sender"] == transfers.my_public_key(a).fingerprint
    for v in (a, b):
        with v.reading() as s:
            journal = repr(s.exec(text("SELECT * FROM audit_event")).all())  # type: ignore[call-overload]
        assert not any(n in journal for n in CANARY_NEEDLES)


def test_a_file_without_sharing_consent_is_refused_and_nothing_is_written(
        pair: Any, tmp_path: Any) -> None:
    a, b = pair
    person = person_with_history(a, sharing=False)
    with pytest.raises(KnownError) as err:
        transfers.export_bundle(a, [person.id], recipient=transfers.my_public_key(b).fingerprint,
                                parts=ALL_PARTS, path=tmp_path / "x.bin", now=T0)
    assert err.value.code == "transfer_not_allowed"
    assert person.code in err.value.message("fr")
    assert not (tmp_path / "x.bin").exists()


def test_notes_stay_without_the_notes_consent(pair: Any, tmp_path: Any) -> None:
    a, b = pair
    person = person_with_history(a, notes=False)
    sent = transfers.export_bundle(a, [person.id], recipient=transfers.my_public_key(b).fingerprint,
                                   parts=ALL_PARTS, path=tmp_path / "x.bin", now=T0)
    assert sent.without_notes == [person.code]
    done = transfer_import.import_bundle(b, sent.path.read_bytes(), now=T0 + DAY)
    got = comparable_file(b, done.codes[person.code])
    assert got["notes"] is None
    assert all(s["notes"] is None for s in got["sessions"])
    assert got["last_name"] == "CANARYNAME"


def test_the_sender_chooses_the_parts(pair: Any, tmp_path: Any) -> None:
    a, b = pair
    person = person_with_history(a)
    sent = transfers.export_bundle(a, [person.id], recipient=transfers.my_public_key(b).fingerprint,
                                   parts={Part.IDENTITY}, path=tmp_path / "x.bin", now=T0)
    done = transfer_import.import_bundle(b, sent.path.read_bytes(), now=T0 + DAY)
    got = comparable_file(b, done.codes[person.code])
    assert got["last_name"] == "CANARYNAME"
    assert got["sessions"] == ()
    assert got["consents"] == ()
    assert got["mandates"] == ()
    assert got["notes"] is None


def test_transferred_file_is_marked_and_can_then_be_anonymised(pair: Any, tmp_path: Any) -> None:
    a, b = pair
    person = person_with_history(a)
    other = person_with_history(a)
    with pytest.raises(KnownError) as err:
        transfers.anonymise_transferred(a, person.id, now=T0)
    assert err.value.code == "transfer_not_transferred"
    transfers.export_bundle(a, [person.id], recipient=transfers.my_public_key(b).fingerprint,
                            parts=ALL_PARTS, path=tmp_path / "x.bin", mark=True, now=T0)
    transfers.anonymise_transferred(a, person.id, now=T0 + DAY)
    with a.reading() as s:
        gone = store_consents.file(s, person.id)
        kept = store_consents.file(s, other.id)
        register = s.exec(text("SELECT ref, reason FROM purge_record")).all()  # type: ignore[call-overload]
    assert gone is not None
    assert gone.last_name is None
    assert gone.anonymised_at is not None
    assert kept is not None
    assert kept.last_name == "CANARYNAME"
    assert (person.code, "transfer") in [tuple(r) for r in register]


def test_caseload_hands_over_those_who_agreed_and_lists_the_others(
        pair: Any, tmp_path: Any) -> None:
    a, b = pair
    agreed = [person_with_history(a) for _ in range(2)]
    refused = person_with_history(a, sharing=False)
    sent = transfers.hand_over_caseload(a, recipient=transfers.my_public_key(b).fingerprint,
                                        parts=ALL_PARTS, path=tmp_path / "all.bin", now=T0)
    assert sorted(sent.codes) == sorted(p.code for p in agreed)
    assert [c.code for c in sent.left] == [refused.code]
    assert sent.left[0].reason == "no_consent"
    done = transfer_import.import_bundle(b, sent.path.read_bytes(), now=T0 + DAY)
    assert sorted(done.codes) == sorted(p.code for p in agreed)


def test_public_key_text_and_fingerprint_identify_the_vault(pair: Any) -> None:
    a, b = pair
    key = transfers.my_public_key(a)
    assert transfers.my_public_key(a) == key  # kept in the vault, not remade
    assert len(key.fingerprint) == 19
    assert key.fingerprint.count("-") == 3
    assert key.text.startswith("accomp1:")
    assert len(key.text) < 100
    assert [c.name for c in transfers.list_contacts(b)] == ["alice"]
    with pytest.raises(KnownError) as err:
        transfers.add_contact(a, "me", key.text)
    assert err.value.code == "transfer_own_key"
    with pytest.raises(KnownError) as err:
        transfers.add_contact(a, "x", key.text[:-3] + "AAA" + "AA")
    assert err.value.code == "transfer_bad_key"
    with a.reading() as s:
        settings = dict(s.exec(text("SELECT key, value FROM setting")).all())  # type: ignore[call-overload]
    assert "transfer.x25519" in settings
    assert "transfer.ed25519" in settings
    assert not any(p.name.endswith((".pem", ".key")) for p in a.paths.data_dir.iterdir()
                   if p.name != "vault.key")


def test_matches_with_the_recipients_own_files_are_shown_and_can_be_skipped(
        pair: Any, tmp_path: Any) -> None:
    from conftest import canary_beneficiary

    a, b = pair
    person = person_with_history(a)
    own = canary_beneficiary(b)
    sent = transfers.export_bundle(a, [person.id], recipient=transfers.my_public_key(b).fingerprint,
                                   parts=ALL_PARTS, path=tmp_path / "x.bin", now=T0)
    data = sent.path.read_bytes()
    preview = transfer_import.preview_bundle(b, data, now=T0 + DAY)
    assert preview.files[0].matches == (own.code,)
    done = transfer_import.import_bundle(b, data, skip=frozenset({person.code}), now=T0 + DAY)
    assert done.codes == {}


def test_a_transferred_file_is_listed_for_the_retention_review_and_anonymised_there(
        pair: Any, tmp_path: Any) -> None:
    from accomp.services import lifecycle

    a, b = pair
    person = person_with_history(a)
    assert person.code not in [i.ref for i in lifecycle.due_for_retention(a, T0.date())]
    transfers.export_bundle(a, [person.id], recipient=transfers.my_public_key(b).fingerprint,
                            parts=ALL_PARTS, path=tmp_path / "x.bin", mark=True, now=T0)
    due = [i for i in lifecycle.due_for_retention(a, T0.date()) if i.ref == person.code]
    assert len(due) == 1
    lifecycle.apply_retention(a, due, T0.date(), now=T0)
    with a.reading() as s:
        row = store_consents.file(s, person.id)
    assert row is not None
    assert row.last_name is None
    assert person.code not in [i.ref for i in lifecycle.due_for_retention(a, T0.date())]
