"""Drafts of unsaved forms: kept in the vault (encrypted like everything else),
offered again, deleted on save or cancel; the journal names their kind and id only."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import CANARY, CANARY_NEEDLES, PASSPHRASE, canary_beneficiary
from sqlalchemy import text

from accomp.domain.errors import KnownError
from accomp.services import drafts, rights, vaults

NOW = dt.datetime(2026, 11, 28, 10, 0, tzinfo=dt.UTC)
TYPED = {"first_name": CANARY["first_name"], "last_name": CANARY["last_name"],
         "phone": CANARY["phone"], "notes": CANARY["notes"]}


def _journal(vault) -> list[tuple[str, str, str, str]]:
    with vault.reading() as s:
        return [tuple(str(c) for c in r) for r in s.execute(text(
            "SELECT action, entity, ref, details FROM audit_event ORDER BY id"))]


def test_a_draft_is_kept_updated_in_place_and_listed_newest_first(vault):
    first = drafts.save_draft(vault, "beneficiary", TYPED, now=NOW)
    again = drafts.save_draft(vault, "beneficiary", {**TYPED, "notes": "plus"},
                              draft_id=first, now=NOW + dt.timedelta(seconds=5))
    other = drafts.save_draft(vault, "activity", {"notes": "x"},
                              now=NOW + dt.timedelta(seconds=1))
    assert again == first
    listed = drafts.list_drafts(vault)
    assert [d.id for d in listed] == [first, other]
    assert listed[0].fields == {**TYPED, "notes": "plus"}
    assert listed[0].updated_at == NOW + dt.timedelta(seconds=5)


def test_a_draft_survives_locking_and_unlocking(vault, paths):
    draft_id = drafts.save_draft(vault, "beneficiary", TYPED, now=NOW)
    vault.lock()
    reopened = vaults.unlock(paths, PASSPHRASE)
    try:
        [kept] = drafts.list_drafts(reopened)
        assert (kept.id, kept.kind, kept.fields) == (draft_id, "beneficiary", TYPED)
    finally:
        reopened.lock()


def test_the_journal_records_kind_and_id_of_a_draft_never_what_was_typed(vault):
    b = canary_beneficiary(vault)
    draft_id = drafts.save_draft(vault, "activity", {**TYPED, "beneficiary_id": b.id},
                                 beneficiary_id=b.id, now=NOW)
    for _ in range(3):  # typing goes on: the same draft, no new event
        drafts.save_draft(vault, "activity", TYPED, beneficiary_id=b.id, draft_id=draft_id,
                          now=NOW)
    assert drafts.discard_draft(vault, draft_id, reason="saved", now=NOW)
    events = [e for e in _journal(vault) if e[1] == "draft"]
    assert [(a, ref) for a, _e, ref, _d in events] == [
        ("draft.create", str(draft_id)), ("draft.discard", str(draft_id))]
    assert '"kind": "activity"' in events[1][3]
    assert '"reason": "saved"' in events[1][3]
    journal = repr(_journal(vault))
    for needle in CANARY_NEEDLES:
        assert needle not in journal


def test_a_draft_is_not_readable_in_the_vault_file(vault, paths):
    drafts.save_draft(vault, "beneficiary", TYPED, now=NOW)
    vault.lock()  # the write-ahead log is folded in and the file closed
    raw = b"".join(p.read_bytes() for p in paths.db.parent.iterdir() if p.is_file())
    for needle in CANARY_NEEDLES:
        assert needle.encode("utf-8") not in raw


def test_discarding_twice_says_there_was_nothing_left(vault):
    draft_id = drafts.save_draft(vault, "consent", {"method": "oral"}, now=NOW)
    assert drafts.discard_draft(vault, draft_id, now=NOW)
    assert not drafts.discard_draft(vault, draft_id, now=NOW)
    assert drafts.list_drafts(vault) == []


def test_saving_over_a_discarded_draft_makes_a_new_one(vault):
    draft_id = drafts.save_draft(vault, "mandate", {"scopes": ["caf"]}, now=NOW)
    drafts.discard_draft(vault, draft_id, now=NOW)
    new_id = drafts.save_draft(vault, "mandate", {"scopes": ["caf"]}, draft_id=draft_id,
                               now=NOW)
    assert [d.id for d in drafts.list_drafts(vault)] == [new_id]


@pytest.mark.parametrize(("kind", "fields", "code", "field"), [
    ("nonsense", {}, "invalid", "kind"),
    ("activity", {"when": dt.date(2026, 1, 1)}, "invalid", "draft"),
    ("activity", {"n": float("nan")}, "invalid", "draft"),
    ("activity", {"notes": "x" * (drafts.MAX_BYTES + 1)}, "too_long", "draft"),
])
def test_what_is_not_a_form_draft_is_refused(vault, kind, fields, code, field):
    with pytest.raises(KnownError) as err:
        drafts.save_draft(vault, kind, fields, now=NOW)
    assert (err.value.code, err.value.field) == (code, field)
    assert drafts.list_drafts(vault) == []


def test_a_draft_for_a_file_that_does_not_exist_is_refused(vault):
    with pytest.raises(KnownError) as err:
        drafts.save_draft(vault, "consent", {}, beneficiary_id=999, now=NOW)
    assert err.value.code == "not_found"


def test_erasing_a_file_deletes_its_drafts(vault):
    b = canary_beneficiary(vault)
    drafts.save_draft(vault, "beneficiary", TYPED, beneficiary_id=b.id, now=NOW)
    kept = drafts.save_draft(vault, "activity", {"notes": "anonyme"}, now=NOW)
    listed = drafts.list_drafts(vault)
    assert {d.beneficiary_code for d in listed} == {b.code, None}
    rights.erase_beneficiary(vault, b.id, now=NOW)
    assert [d.id for d in drafts.list_drafts(vault)] == [kept]
