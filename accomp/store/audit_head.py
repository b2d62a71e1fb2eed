"""The audit journal's head, anchored outside the database.

The hash chain alone proves nothing about the journal's end: deleting its last
events, or appending forged ones, leaves a valid chain. So the head — last event id
and hash, number of checkpoints and the last checkpoint's signature — is recorded in
vault.key (and in the key file kept with every backup), under a MAC whose key is
derived from the database key, with a flag saying whether the program closed the
vault since (`open` false) or may still be writing (`open` true: a session that wrote,
or one that crashed).

- When a session first writes, the head is recorded with `open` true; at lock, the
  head as it then is, with `open` false.
- At unlock (O(1): a few indexed reads) and at `check`, the recorded head must still
  be in the journal (same id, same hash), no checkpoint may have gone or changed, and
  after a clean close nothing may have been added; the append-only triggers must be
  there as the schema made them.

What it proves, and against whom, is written in the README (threat model).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from accomp.store.keys import KeyFile

GENESIS = "0" * 64

# The append-only triggers as the current schema creates them.
_RAISE = "BEGIN SELECT RAISE(ABORT, '{t} is append-only'); END"
TRIGGERS = {
    f"{t}_no_{v.lower()}":
        f"CREATE TRIGGER {t}_no_{v.lower()} BEFORE {v} ON {t} " + _RAISE.format(t=t)
    for t, v in (("audit_event", "UPDATE"), ("audit_checkpoint", "UPDATE"),
                 ("audit_checkpoint", "DELETE"), ("consent_event", "UPDATE"),
                 ("consent_event", "DELETE"), ("purge_record", "UPDATE"),
                 ("purge_record", "DELETE"), ("export_record", "UPDATE"))
}
TRIGGERS["audit_event_no_delete"] = (
    "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event "
    "WHEN OLD.id > (SELECT coalesce(max(last_id), 0) FROM audit_checkpoint) "
    "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END"
)


@dataclass(frozen=True, slots=True)
class Head:
    last_id: int
    hash: str
    checkpoints: int
    checkpoint_mac: str
    open: bool = False

    def same_place(self, other: Head) -> bool:
        return (self.last_id, self.hash, self.checkpoints, self.checkpoint_mac) == (
            other.last_id, other.hash, other.checkpoints, other.checkpoint_mac)


def head_key(hex_key: str) -> bytes:
    """The MAC key of the recorded head, derived from the database key."""
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"accomp audit head v1"
    ).derive(bytes.fromhex(hex_key))


def _mac(key: bytes, head: Head) -> str:
    payload = json.dumps([head.last_id, head.hash, head.checkpoints, head.checkpoint_mac,
                          head.open], separators=(",", ":"))
    return hmac.new(key, payload.encode("ascii"), hashlib.sha256).hexdigest()


def signed(key: bytes, head: Head) -> dict[str, Any]:
    """The head as vault.key records it."""
    return {"last_id": head.last_id, "hash": head.hash, "checkpoints": head.checkpoints,
            "checkpoint_mac": head.checkpoint_mac, "open": head.open,
            "mac": _mac(key, head)}


def recorded(key: bytes, box: Any) -> Head | None:
    """The head recorded in a key file's section, None when its MAC fails (or the
    section is malformed)."""
    try:
        head = Head(int(box["last_id"]), str(box["hash"]), int(box["checkpoints"]),
                    str(box["checkpoint_mac"]), bool(box["open"]))
        ok = hmac.compare_digest(str(box["mac"]), _mac(key, head))
    except (KeyError, TypeError, ValueError):
        return None
    return head if ok else None


def _has_table(conn: Any, name: str) -> bool:
    return conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)
    ).fetchone() is not None


def current(conn: Any) -> Head:
    """The journal's head as the database holds it now (a DB-API connection)."""
    cps, cp_mac, cp_last = 0, "", None
    if _has_table(conn, "audit_checkpoint"):
        cps = int(conn.execute("SELECT count(*) FROM audit_checkpoint").fetchone()[0])
        row = conn.execute(
            "SELECT mac, last_id, last_hash FROM audit_checkpoint ORDER BY id DESC LIMIT 1"
        ).fetchone()
        if row is not None:
            cp_mac, cp_last = str(row[0]), (int(row[1]), str(row[2]))
    row = conn.execute("SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1").fetchone()
    last = (int(row[0]), str(row[1])) if row is not None else cp_last or (0, GENESIS)
    return Head(last[0], last[1], cps, cp_mac)


def trigger_problems(conn: Any) -> list[str]:
    """The append-only triggers must all be there, as the schema made them."""
    found = {str(r[0]): str(r[1]) for r in conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type='trigger'")}
    problems = []
    for name, sql in sorted(TRIGGERS.items()):
        if name not in found:
            problems.append(f"append-only trigger {name} missing")
        elif " ".join(found[name].split()) != sql:
            problems.append(f"append-only trigger {name} altered")
    return problems


def _pruned_past(conn: Any, event_id: int) -> bool:
    if not _has_table(conn, "audit_checkpoint"):
        return False
    row = conn.execute("SELECT max(last_id) FROM audit_checkpoint").fetchone()
    return row is not None and row[0] is not None and int(row[0]) >= event_id


def problems(conn: Any, key: bytes, box: Any, *, triggers: bool = True) -> list[str]:
    """Compare the journal with the head recorded in vault.key (`box`: its section,
    None for a vault that has none yet). A few indexed reads."""
    out = trigger_problems(conn) if triggers else []
    if box is None:
        return out
    head = recorded(key, box)
    if head is None:
        return [*out, "journal head recorded in vault.key fails its MAC"]
    now = current(conn)
    out += _compare(conn, head, now)
    if not head.open and not now.same_place(head) and not out:
        out.append("journal written after the program last closed the vault")
    return out


def anchor_problems(conn: Any, key: bytes, box: Any, name: str) -> list[str]:
    """Compare the journal with the head kept in another key file (`name`, the one
    beside a backup kept out of reach): what it recorded must still be there. Events
    after it are expected."""
    head = recorded(key, box) if box is not None else None
    if head is None:
        return [f"journal, against {name}: no head recorded there, or its MAC fails"]
    return [f"journal, against {name}: {p}" for p in _compare(conn, head, current(conn))]


def _compare(conn: Any, head: Head, now: Head) -> list[str]:
    out: list[str] = []
    if now.checkpoints < head.checkpoints:
        out.append("journal checkpoint(s) removed")
    elif head.checkpoints:
        row = conn.execute(
            "SELECT mac FROM audit_checkpoint ORDER BY id LIMIT 1 OFFSET ?",
            (head.checkpoints - 1,),
        ).fetchone()
        if row is None or str(row[0]) != head.checkpoint_mac:
            out.append("journal checkpoint altered")
    if now.last_id < head.last_id:
        out.append(f"journal truncated: it ends at event {now.last_id}, "
                   f"event {head.last_id} was recorded")
    elif head.last_id:
        row = conn.execute("SELECT hash FROM audit_event WHERE id = ?",
                           (head.last_id,)).fetchone()
        pruned = conn.execute(
            "SELECT last_hash FROM audit_checkpoint WHERE last_id = ?", (head.last_id,)
        ).fetchone() if _has_table(conn, "audit_checkpoint") else None
        known = row if row is not None else pruned
        if known is not None and str(known[0]) != head.hash:
            out.append(f"journal rewritten: event {head.last_id} differs from the one recorded")
        elif known is None and not _pruned_past(conn, head.last_id):
            out.append(f"journal truncated: event {head.last_id} was recorded and is gone")
    return out


def with_head(key_file: KeyFile, hex_key: str, conn: Any, *, open: bool) -> KeyFile:
    """The key file with the journal's current head recorded in it."""
    head = replace(current(conn), open=open)
    return key_file.with_section("audit_head", signed(head_key(hex_key), head))


def record(key_path: Path, hex_key: str, conn: Any, *, open: bool) -> None:
    """Record the journal's current head in vault.key (nothing written when the file
    already says so)."""
    key_file = KeyFile.read(key_path)
    updated = with_head(key_file, hex_key, conn, open=open)
    if updated.raw.get("audit_head") != key_file.raw.get("audit_head"):
        updated.write(key_path)
