"""The journal's events as the privacy screens read them (filtered, newest first),
and its pruning: a prefix of the chain replaced by a signed checkpoint, the export
events carried over into export_record, which is pruned in its turn."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, or_, text
from sqlmodel import Session, col, select

from accomp.store import audit
from accomp.store.consents import utc
from accomp.store.tables import AuditCheckpoint, AuditEvent, ExportRecord


def concerns(code: str) -> Any:
    """Events about the file `code`: on the file itself, or naming it among a
    session's people."""
    return or_(
        col(AuditEvent.ref) == code,
        text(
            "EXISTS (SELECT 1 FROM json_each(audit_event.details, '$.beneficiaries') "
            "WHERE json_each.value = :code)"
        ).bindparams(code=code),
    )


@dataclass(frozen=True, slots=True)
class JournalDue:
    first_id: int
    last_id: int
    oldest: dt.datetime
    events: int


def journal_due(session: Session, before: dt.datetime) -> JournalDue | None:
    """The oldest run of journal events all recorded before `before` (UTC): only a
    prefix of the chain can be pruned and still be verified."""
    first_kept = session.exec(
        select(func.min(AuditEvent.id)).where(col(AuditEvent.at) >= utc(before))
    ).one()
    stmt = select(func.min(AuditEvent.id), func.max(AuditEvent.id), func.min(AuditEvent.at),
                  func.count())
    if first_kept is not None:
        stmt = stmt.where(col(AuditEvent.id) < first_kept)
    first, last, oldest, count = session.exec(stmt).one()
    if not count or first is None or last is None:
        return None
    return JournalDue(int(first), int(last), oldest, int(count))


def prune_journal(
    session: Session, due: JournalDue, key: bytes, at: dt.datetime,
    keep_as_export: Callable[[AuditEvent], bool],
) -> tuple[AuditCheckpoint, int]:
    """Replace events first_id..last_id by a signed checkpoint; carry over into
    export_record the events `keep_as_export` selects. Return the checkpoint and
    the number of export records kept."""
    last = session.get(AuditEvent, due.last_id)
    assert last is not None
    previous = session.exec(
        select(AuditCheckpoint).order_by(col(AuditCheckpoint.id).desc()).limit(1)
    ).first()
    prev_mac = previous.mac if previous else ""
    expected_first = previous.last_id + 1 if previous else 1
    if due.first_id != expected_first:
        raise ValueError("journal prefix does not follow the last checkpoint")
    when = utc(at)
    events = due.last_id - due.first_id + 1
    checkpoint = AuditCheckpoint(
        at=when, first_id=due.first_id, last_id=due.last_id, last_hash=last.hash,
        events=events, prev_mac=prev_mac,
        mac=audit.sign_checkpoint(key, at=when, first_id=due.first_id, last_id=due.last_id,
                                  last_hash=last.hash, events=events, prev_mac=prev_mac),
    )
    session.add(checkpoint)
    session.flush()
    kept = 0
    for e in session.exec(
        select(AuditEvent).where(col(AuditEvent.id) <= due.last_id).order_by(col(AuditEvent.id))
    ).all():
        if keep_as_export(e):
            assert e.id is not None
            session.add(ExportRecord(event_id=e.id, at=e.at, actor=e.actor, action=e.action,
                                     ref=e.ref, details=e.details, hash=e.hash))
            kept += 1
    session.flush()
    # Allowed by the trigger only because the checkpoint above now covers these ids.
    session.exec(delete(AuditEvent).where(col(AuditEvent.id) <= due.last_id))
    session.expire_all()
    return checkpoint, kept


def export_records_due(session: Session, before: dt.datetime) -> tuple[int, dt.datetime | None]:
    count, oldest = session.exec(
        select(func.count(), func.min(ExportRecord.at))
        .where(col(ExportRecord.at) < utc(before))
    ).one()
    return int(count), oldest


def delete_export_records(session: Session, before: dt.datetime) -> int:
    return int(session.exec(
        delete(ExportRecord).where(col(ExportRecord.at) < utc(before))
    ).rowcount)


def audit_events(
    session: Session, *, date_from: dt.datetime | None, date_to: dt.datetime | None,
    action_prefix: str | None, ref: str | None, limit: int, before_id: int | None,
) -> Sequence[AuditEvent]:
    """Journal events, newest first, filtered; keyset-paginated on id."""
    stmt = select(AuditEvent)
    if date_from is not None:
        stmt = stmt.where(col(AuditEvent.at) >= utc(date_from))
    if date_to is not None:
        stmt = stmt.where(col(AuditEvent.at) < utc(date_to))
    if action_prefix:
        stmt = stmt.where(col(AuditEvent.action).startswith(action_prefix, autoescape=True))
    if ref:
        stmt = stmt.where(concerns(ref))
    if before_id is not None:
        stmt = stmt.where(col(AuditEvent.id) < before_id)
    return session.exec(stmt.order_by(col(AuditEvent.id).desc()).limit(limit)).all()
