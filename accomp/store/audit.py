"""The audit journal: append-only (database triggers) and hash-chained.

Each event's hash covers its own content and the previous event's hash, so editing
or deleting a row in the raw database breaks the chain, which `accomp check`
reports. Events carry pseudonymous references (beneficiary codes, ids) only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from accomp.store.tables import AuditEvent

GENESIS = "0" * 64


def _digest(
    prev_hash: str, event_id: int, at: dt.datetime, actor: str, action: str, entity: str,
    ref: str | None, details: dict[str, Any],
) -> str:
    payload = json.dumps(
        [event_id, at.isoformat(), actor, action, entity, ref, details],
        sort_keys=True, separators=(",", ":"), ensure_ascii=False,
    )
    return hashlib.sha256((prev_hash + payload).encode("utf-8")).hexdigest()


def append(
    session: Session, *, actor: str, action: str, entity: str, ref: str | None = None,
    details: dict[str, Any] | None = None, at: dt.datetime | None = None,
) -> AuditEvent:
    """Add one event to the chain inside the caller's transaction."""
    last = session.exec(
        select(AuditEvent.id, AuditEvent.hash).order_by(col(AuditEvent.id).desc()).limit(1)
    ).first()
    prev_id, prev_hash = (last[0] or 0, last[1]) if last else (0, GENESIS)
    event_id = prev_id + 1
    when = (at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    body = details or {}
    event = AuditEvent(
        id=event_id, at=when, actor=actor, action=action, entity=entity, ref=ref,
        details=body, prev_hash=prev_hash,
        hash=_digest(prev_hash, event_id, when, actor, action, entity, ref, body),
    )
    session.add(event)
    session.flush()
    return event


@dataclass(frozen=True, slots=True)
class ChainReport:
    events: int
    broken_at: list[int]

    @property
    def sound(self) -> bool:
        return not self.broken_at


def verify(session: Session) -> ChainReport:
    """Recompute the chain from the first event; list the ids where it breaks."""
    rows = session.exec(  # type: ignore[call-overload]
        text(
            "SELECT id, at, actor, action, entity, ref, details, prev_hash, hash "
            "FROM audit_event ORDER BY id"
        )
    ).all()
    broken: list[int] = []
    prev_hash, prev_id = GENESIS, 0
    for row in rows:
        try:
            at = dt.datetime.fromisoformat(str(row.at)).replace(tzinfo=dt.UTC)
            details = json.loads(row.details)
            expected = _digest(
                prev_hash, row.id, at, row.actor, row.action, row.entity, row.ref, details
            )
        except (TypeError, ValueError):
            expected = ""
        if row.id != prev_id + 1 or row.prev_hash != prev_hash or row.hash != expected:
            broken.append(int(row.id))
        prev_hash, prev_id = row.hash, row.id
    return ChainReport(events=len(rows), broken_at=broken)
