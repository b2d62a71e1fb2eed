"""Drafts: what was being typed in a form (session, workshop, file, consent,
mandate) and not saved yet, kept encrypted in the vault so that locking (idle,
Ctrl+L) or a crash loses nothing. The interface saves a form's draft a moment after
each change and at lock, deletes it when the form is saved or cancelled, and offers
the drafts left over after unlocking.

A draft holds personal data (names, notes): it never leaves the vault, and the
journal records only its kind and id, never a value.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, Literal

from accomp.domain.clock import instant
from accomp.domain.errors import KnownError
from accomp.store import audit, drafts, repo
from accomp.store.tables import Draft
from accomp.store.vault import Vault

KINDS = ("activity", "workshop", "beneficiary", "consent", "mandate")
# A form holds a few kilobytes; anything near this is not a form's draft.
MAX_BYTES = 256_000
Reason = Literal["saved", "cancelled", "deleted"]


@dataclass(frozen=True, slots=True)
class DraftOut:
    id: int
    kind: str
    fields: dict[str, Any]
    beneficiary_id: int | None
    beneficiary_code: str | None
    updated_at: dt.datetime


def save_draft(
    vault: Vault, kind: str, fields: dict[str, Any], *, beneficiary_id: int | None = None,
    draft_id: int | None = None, now: dt.datetime | None = None,
) -> int:
    """Keep what a form holds (`fields`, plain JSON values) as a draft: a new one, or
    over draft `draft_id` (a new one if that draft was deleted meanwhile). Returns
    the draft's id.

    Refuses (KnownError): an unknown kind (invalid, field "kind"); fields that are not
    plain JSON (invalid, "draft") or larger than MAX_BYTES (too_long, "draft"); a
    beneficiary_id naming no file (not_found, "beneficiary"); a read-only vault.
    Journal: draft.create (kind and id) when a draft is first written; updates of a
    draft are not journaled (they come every few seconds while typing)."""
    if kind not in KINDS:
        raise KnownError("invalid", "kind")
    try:
        size = len(json.dumps(fields, ensure_ascii=False, allow_nan=False).encode("utf-8"))
    except (TypeError, ValueError):
        raise KnownError("invalid", "draft") from None
    if size > MAX_BYTES:
        raise KnownError("too_long", "draft", max=MAX_BYTES)
    at = instant(now=now)
    with vault.transaction() as s:
        if beneficiary_id is not None and repo.get_beneficiary(s, beneficiary_id) is None:
            raise KnownError("not_found", "beneficiary")
        row, created = drafts.put(s, draft_id, kind=kind, fields=dict(fields),
                                  beneficiary_id=beneficiary_id, at=at)
        assert row.id is not None
        if created:
            audit.append(s, actor=vault.worker, action="draft.create", entity="draft",
                         ref=str(row.id), details={"kind": kind}, at=at)
        return row.id


def list_drafts(vault: Vault) -> list[DraftOut]:
    """The drafts left in the vault, the most recently edited first. Journal: none
    (reading)."""
    with vault.reading() as s:
        out = []
        for row in drafts.all_drafts(s):
            code = None
            if row.beneficiary_id is not None:
                person = repo.get_beneficiary(s, row.beneficiary_id)
                code = person.code if person is not None else None
            out.append(_out(row, code))
        return out


def discard_draft(vault: Vault, draft_id: int, *, reason: Reason = "deleted",
                  now: dt.datetime | None = None) -> bool:
    """Delete a draft: its form was saved or cancelled, or the worker chose to delete
    it. Returns False if there was none (already gone). Refuses: a read-only vault.
    Journal: draft.discard with the kind, the id and the reason."""
    at = instant(now=now)
    with vault.transaction() as s:
        row = drafts.remove(s, draft_id)
        if row is None:
            return False
        audit.append(s, actor=vault.worker, action="draft.discard", entity="draft",
                     ref=str(draft_id), details={"kind": row.kind, "reason": reason}, at=at)
        return True


def _out(row: Draft, code: str | None) -> DraftOut:
    assert row.id is not None
    updated = row.updated_at
    if updated.tzinfo is None:
        updated = updated.replace(tzinfo=dt.UTC)
    return DraftOut(id=row.id, kind=row.kind, fields=dict(row.fields),
                    beneficiary_id=row.beneficiary_id, beneficiary_code=code,
                    updated_at=updated)
