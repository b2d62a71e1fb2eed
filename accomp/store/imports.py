"""Import batches: what an import created, so that the last one can be undone.

Rows of the sessions and files created by an import are listed in import_item
under their batch (tables of migration 0008). Plain SQL on the session's
connection: these tables are written by this module only.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from accomp.store import repo


@dataclass(frozen=True, slots=True)
class Batch:
    id: int
    at: dt.datetime
    kind: str
    sha256: str
    counts: dict[str, int]
    undone_at: dt.datetime | None


def _stamp(at: dt.datetime) -> str:
    return at.replace(tzinfo=None).isoformat(sep=" ")


def new_batch(session: Session, kind: str, sha256: str, at: dt.datetime) -> int:
    result = repo.connection(session).execute(
        text("INSERT INTO import_batch (at, kind, sha256, counts) VALUES (:at, :k, :s, '{}')"),
        {"at": _stamp(at), "k": kind, "s": sha256},
    )
    return int(result.lastrowid or 0)


def set_counts(session: Session, batch_id: int, counts: dict[str, int]) -> None:
    repo.connection(session).execute(
        text("UPDATE import_batch SET counts = :c WHERE id = :i"),
        {"c": json.dumps(counts, sort_keys=True), "i": batch_id},
    )


def add_items(session: Session, batch_id: int, entity: str, ids: Sequence[int]) -> None:
    if ids:
        repo.run(session, "INSERT INTO import_item (batch_id, entity, row_id) VALUES (?, ?, ?)",
                 [(batch_id, entity, i) for i in ids], many=True)


def _batch(row: Any) -> Batch:
    def when(v: Any) -> dt.datetime | None:
        if v is None or isinstance(v, dt.datetime):
            return v
        return dt.datetime.fromisoformat(str(v))

    at = when(row[1])
    assert at is not None
    return Batch(int(row[0]), at, str(row[2]), str(row[3]), json.loads(row[4] or "{}"),
                 when(row[5]))


def last_batch(session: Session) -> Batch | None:
    """The latest import (undone or not)."""
    row = repo.connection(session).execute(text(
        "SELECT id, at, kind, sha256, counts, undone_at FROM import_batch "
        "ORDER BY id DESC LIMIT 1")).first()
    return _batch(row) if row else None


def items(session: Session, batch_id: int, entity: str) -> list[int]:
    rows = repo.connection(session).execute(
        text("SELECT row_id FROM import_item WHERE batch_id = :b AND entity = :e"),
        {"b": batch_id, "e": entity}).all()
    return [int(r[0]) for r in rows]


def attached_elsewhere(session: Session, batch_id: int) -> int:
    """How many sessions, consents, mandates or drafts not created by the batch hang
    on files it created (then undoing it would lose them)."""
    conn = repo.connection(session)
    params = {"b": batch_id}
    created = ("SELECT row_id FROM import_item WHERE batch_id = :b AND entity = 'beneficiary'")
    mine = ("SELECT row_id FROM import_item WHERE batch_id = :b AND entity = 'activity'")
    total = 0
    for sql in (
        f"SELECT count(*) FROM activity WHERE beneficiary_id IN ({created}) "
        f"AND id NOT IN ({mine})",
        f"SELECT count(*) FROM activity_participant WHERE beneficiary_id IN ({created}) "
        f"AND activity_id NOT IN ({mine})",
        f"SELECT count(*) FROM consent WHERE beneficiary_id IN ({created})",
        f"SELECT count(*) FROM mandate WHERE beneficiary_id IN ({created})",
        f"SELECT count(*) FROM draft WHERE beneficiary_id IN ({created})",
    ):
        total += int(conn.execute(text(sql), params).scalar_one())
    return total


def merged_since(session: Session, batch_id: int) -> int:
    """How many files the batch created were merged with another file since (kept
    or absorbed): deleting them would lose the other file's merge."""
    created = "SELECT row_id FROM import_item WHERE batch_id = :b AND entity = 'beneficiary'"
    return int(repo.connection(session).execute(text(
        f"SELECT count(*) FROM beneficiary_alias WHERE beneficiary_id IN ({created}) "
        f"OR absorbed_id IN ({created})"), {"b": batch_id}).scalar_one())


def delete_batch_rows(session: Session, batch_id: int, at: dt.datetime) -> list[int]:
    """Delete the sessions and files the batch created and mark it undone; the ids of
    the existing files whose sessions were removed (their last contact changes)."""
    conn = repo.connection(session)
    params = {"b": batch_id}
    mine = "SELECT row_id FROM import_item WHERE batch_id = :b AND entity = 'activity'"
    created = "SELECT row_id FROM import_item WHERE batch_id = :b AND entity = 'beneficiary'"
    touched = [int(r[0]) for r in conn.execute(text(
        f"SELECT DISTINCT beneficiary_id FROM activity WHERE id IN ({mine}) "
        f"AND beneficiary_id IS NOT NULL AND beneficiary_id NOT IN ({created})"), params)]
    conn.execute(text(f"DELETE FROM activity_participant WHERE activity_id IN ({mine})"), params)
    conn.execute(text(f"DELETE FROM activity WHERE id IN ({mine})"), params)
    conn.execute(text(f"DELETE FROM beneficiary WHERE id IN ({created})"), params)
    conn.execute(text("UPDATE import_batch SET undone_at = :at WHERE id = :b"),
                 {"at": _stamp(at), "b": batch_id})
    return touched


def existing_session_keys(session: Session, date_from: dt.date,
                          date_to: dt.date) -> list[tuple[int | None, dt.date, list[str], int]]:
    """(person, date, themes, duration) of every session between the two days: what
    an import compares its rows with to find sessions already logged."""
    rows = repo.connection(session).execute(text(
        "SELECT beneficiary_id, date, themes, duration_min FROM activity "
        "WHERE date BETWEEN :a AND :b"), {"a": date_from.isoformat(), "b": date_to.isoformat()})
    out: list[tuple[int | None, dt.date, list[str], int]] = []
    for bid, day, themes, minutes in rows:
        out.append((int(bid) if bid is not None else None,
                    day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day)),
                    list(json.loads(themes) if isinstance(themes, str) else themes),
                    int(minutes)))
    return out


def ids_of_codes(session: Session, codes: Sequence[str]) -> dict[str, int]:
    """code -> id of the files (not anonymised) with these codes."""
    if not codes:
        return {}
    marks = ", ".join(f":c{i}" for i in range(len(codes)))
    rows = repo.connection(session).execute(
        text(f"SELECT code, id FROM beneficiary WHERE anonymised_at IS NULL "
             f"AND code IN ({marks})"), {f"c{i}": c for i, c in enumerate(codes)})
    return {str(c): int(i) for c, i in rows}
