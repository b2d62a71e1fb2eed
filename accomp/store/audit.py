"""The audit journal: append-only (database triggers) and hash-chained.

Each event's hash covers its own content and the previous event's hash, so editing
or deleting a row in the raw database breaks the chain, which `accomp check`
reports. Events carry pseudonymous references (beneficiary codes, ids) only.

Past its retention period the oldest part of the journal is pruned (see
store/journal.py): a checkpoint row, signed with a key derived from the vault key,
records the last pruned event's id and hash, and the chain of the kept events
resumes from it. Checkpoints form their own chain (each signs the previous one's
signature), so removing one, or rows of the journal without one, is detected.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import text
from sqlmodel import Session

from accomp.store.repo import Columns, run
from accomp.store.tables import AuditEvent

GENESIS = "0" * 64
# Every write appends here: the statements run on the driver's cursor (repo.run).
_LAST_EVENT = "SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1"
_LAST_CHECKPOINT = "SELECT last_id, last_hash FROM audit_checkpoint ORDER BY id DESC LIMIT 1"
_EVENT = Columns(AuditEvent, ["id", "at", "actor", "action", "entity", "ref", "details",
                              "prev_hash", "hash"])
_INSERT_EVENT = f"INSERT INTO audit_event ({_EVENT.names}) VALUES ({_EVENT.placeholders})"


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
) -> int:
    """Add one event to the chain inside the caller's transaction; its id.

    The previous event is the last row (rowid order: one step down the table's
    b-tree). Any write waits on this: the statements run on the driver's cursor
    (repo.run), with the columns' own conversions."""
    found = run(session, _LAST_EVENT, fetch=True)
    if not found:  # everything so far was pruned: resume from the checkpoint
        found = run(session, _LAST_CHECKPOINT, fetch=True)
    prev_id, prev_hash = (found[0][0] or 0, found[0][1]) if found else (0, GENESIS)
    event_id = prev_id + 1
    when = (at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    body = details or {}
    digest = _digest(prev_hash, event_id, when, actor, action, entity, ref, body)
    run(session, _INSERT_EVENT, _EVENT.bind(session, [
        event_id, when, actor, action, entity, ref, body, prev_hash, digest,
    ]))
    return event_id


def checkpoint_key(hex_key: str) -> bytes:
    """The key that signs journal checkpoints, derived from the database key (so only
    someone able to open the vault can sign one)."""
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"accomp audit checkpoint v1"
    ).derive(bytes.fromhex(hex_key))


def sign_checkpoint(
    key: bytes, *, at: dt.datetime, first_id: int, last_id: int, last_hash: str, events: int,
    prev_mac: str,
) -> str:
    when = at.replace(tzinfo=None, microsecond=0).isoformat()
    payload = json.dumps(
        [when, first_id, last_id, last_hash, events, prev_mac], separators=(",", ":")
    )
    return hmac.new(key, payload.encode("utf-8"), hashlib.sha256).hexdigest()


@dataclass(frozen=True, slots=True)
class ChainReport:
    events: int
    broken_at: list[int]
    pruned: int = 0

    @property
    def sound(self) -> bool:
        return not self.broken_at


def _checkpoints(session: Session) -> list[Any]:
    exists = session.exec(  # type: ignore[call-overload]
        text("SELECT 1 FROM sqlite_master WHERE type='table' AND name='audit_checkpoint'")
    ).first()
    if exists is None:  # a damaged vault opened read-only may predate the table
        return []
    return list(session.exec(  # type: ignore[call-overload]
        text(
            "SELECT id, at, first_id, last_id, last_hash, events, prev_mac, mac "
            "FROM audit_checkpoint ORDER BY id"
        )
    ).all())


def verify(session: Session, signing_key: bytes | None = None) -> ChainReport:
    """Recompute the chain from the first event, or from the last checkpoint of the
    pruned part; list the ids where it breaks. With `signing_key`, the
    checkpoints' signatures are verified too (a broken one is reported at its last
    pruned id)."""
    broken: list[int] = []
    prev_hash, prev_id, prev_mac, pruned = GENESIS, 0, "", 0
    for cp in _checkpoints(session):
        try:
            at = dt.datetime.fromisoformat(str(cp.at))
            signed = signing_key is None or hmac.compare_digest(
                str(cp.mac),
                sign_checkpoint(
                    signing_key, at=at, first_id=cp.first_id, last_id=cp.last_id,
                    last_hash=cp.last_hash, events=cp.events, prev_mac=cp.prev_mac,
                ),
            )
        except (TypeError, ValueError):
            signed = False
        if (not signed or cp.first_id != prev_id + 1 or cp.prev_mac != prev_mac
                or cp.events != cp.last_id - cp.first_id + 1):
            broken.append(int(cp.last_id))
        prev_hash, prev_id, prev_mac = cp.last_hash, cp.last_id, cp.mac
        pruned += int(cp.events)
    rows = session.exec(  # type: ignore[call-overload]
        text(
            "SELECT id, at, actor, action, entity, ref, details, prev_hash, hash "
            "FROM audit_event ORDER BY id"
        )
    ).all()
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
    return ChainReport(events=len(rows), broken_at=broken, pruned=pruned)
