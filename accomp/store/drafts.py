"""Drafts of unsaved forms (table `draft`): read and written in the caller's
transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, col, select

from accomp.store.tables import Draft


def put(
    session: Session, draft_id: int | None, *, kind: str, fields: dict[str, Any],
    beneficiary_id: int | None, at: dt.datetime,
) -> tuple[Draft, bool]:
    """Write a draft: a new one (`draft_id` None, or a draft no longer there) or over
    the one given. Returns the row and whether it was created."""
    row = session.get(Draft, draft_id) if draft_id is not None else None
    created = row is None
    if row is None:
        row = Draft(kind=kind, fields=fields, beneficiary_id=beneficiary_id, created_at=at,
                    updated_at=at)
    else:
        row.kind = kind
        row.fields = fields
        row.beneficiary_id = beneficiary_id
        row.updated_at = at
    session.add(row)
    session.flush()
    return row, created


def get(session: Session, draft_id: int) -> Draft | None:
    return session.get(Draft, draft_id)


def all_drafts(session: Session) -> list[Draft]:
    """Every draft, the most recently edited first."""
    return list(session.exec(
        select(Draft).order_by(col(Draft.updated_at).desc(), col(Draft.id).desc())
    ).all())


def remove(session: Session, draft_id: int) -> Draft | None:
    """Delete a draft; the row as it was, or None if there was none."""
    row = session.get(Draft, draft_id)
    if row is None:
        return None
    session.delete(row)
    session.flush()
    return row


def remove_for(session: Session, beneficiary_id: int) -> int:
    """Delete the drafts of one file (it is being anonymised); how many."""
    result = session.exec(delete(Draft).where(col(Draft.beneficiary_id) == beneficiary_id))
    return int(result.rowcount)
