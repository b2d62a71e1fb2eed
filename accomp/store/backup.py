"""Encrypted backups: SQLite's online backup API between two connections keyed
with the same database key, so a backup is as protected as the vault.

A verified backup is written to `<name>.part`, opened again with the key, checked
(quick_check, cipher_integrity_check, known schema) and compared table by table
with the snapshot it was taken from (row counts and a hash of every row); only then
is it renamed to its final name. A restore verifies the backup the same way, then
replaces the vault file atomically, keeping the replaced one beside it.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine

from accomp.domain.errors import KnownError
from accomp.paths import AppPaths, create_private_file, ensure_private_dir
from accomp.store import engine as engines
from accomp.store import migrate
from accomp.store import wal as wal_reader

log = logging.getLogger("accomp.store.backup")

_DB_ERRORS = (sqlcipher3.DatabaseError, sqlite3.DatabaseError)
BEFORE_RESTORE = "vault.db.before-restore"


@dataclass(frozen=True, slots=True)
class TableDigest:
    rows: int
    sha256: str


@dataclass(frozen=True, slots=True)
class BackupCheck:
    """What verifying a backup file found. `problems` empty means sound."""

    problems: list[str]
    tables: dict[str, TableDigest]
    revision: str | None

    @property
    def sound(self) -> bool:
        return not self.problems

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables.values())


def table_digests(conn: Any) -> dict[str, TableDigest]:
    """Row count and SHA-256 of every row (in rowid order) of every table."""
    names = [
        str(r[0]) for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    out: dict[str, TableDigest] = {}
    for name in names:
        quoted = '"' + name.replace('"', '""') + '"'
        digest, rows = hashlib.sha256(), 0
        for row in conn.execute(f"SELECT * FROM {quoted} ORDER BY rowid"):
            digest.update(repr(tuple(row)).encode("utf-8") + b"\n")
            rows += 1
        out[name] = TableDigest(rows, digest.hexdigest())
    return out


def _copy(src: Any, target_path: Path, hex_key: str) -> None:
    """Page-by-page copy of the open source connection into a new keyed file."""
    target = engines.connect(target_path, hex_key)
    try:
        src.backup(target)
        # A backup is one self-contained file: no -wal beside it.
        target.execute("PRAGMA journal_mode = DELETE").fetchone()
    finally:
        target.close()


def _fresh(path: Path) -> None:
    ensure_private_dir(path.parent)
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    create_private_file(path)


def write_backup(engine: Engine, hex_key: str, dest: Path) -> Path:
    """Copy the live vault to `dest` (0600, encrypted with the vault's key)."""
    tmp = dest.with_name(dest.name + ".part")
    _fresh(tmp)
    raw = engine.raw_connection()
    try:
        _copy(raw.driver_connection, tmp, hex_key)
    finally:
        raw.close()
    tmp.replace(dest)
    log.info("backup written")
    return dest


def write_verified_backup(engine: Engine, hex_key: str, dest: Path) -> BackupCheck:
    """Write a backup of the live vault to `dest` and verify it before it takes that
    name. A backup that fails verification is deleted; its problems are returned.
    Refuses disk_error (full disk, read-only or failing disk: nothing is left)."""
    tmp = dest.with_name(dest.name + ".part")
    _fresh(tmp)
    raw = engine.raw_connection()
    src = raw.driver_connection
    try:
        # One read transaction: the copy and the reference digests see the same state.
        src.execute("BEGIN")  # type: ignore[union-attr]
        try:
            expected = table_digests(src)
            _copy(src, tmp, hex_key)
        finally:
            src.execute("ROLLBACK")  # type: ignore[union-attr]
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        known = engines.disk_error(exc) if isinstance(exc, _DB_ERRORS) else None
        if known is not None:
            raise known from None
        raise
    finally:
        raw.close()
    check = verify_file(tmp, hex_key, expected)
    if not check.sound:
        tmp.unlink()
        log.warning("backup failed verification: %s", "; ".join(check.problems[:3]))
        return check
    tmp.replace(dest)
    log.info("verified backup written (%d tables)", len(check.tables))
    return check


def verify_file(
    path: Path, hex_key: str, expected: dict[str, TableDigest] | None = None
) -> BackupCheck:
    """Open a backup (read-only) with the key and check it; with `expected`, every
    table must have the same rows as that snapshot."""
    try:
        conn = engines.connect(path, hex_key, read_only=True)
    except _DB_ERRORS as exc:
        return BackupCheck([f"unreadable ({type(exc).__name__})"], {}, None)
    try:
        try:
            problems = engines.integrity_problems(conn)
            revision = engines.schema_revision(conn)
            tables = table_digests(conn)
        except _DB_ERRORS as exc:
            return BackupCheck([f"unreadable ({type(exc).__name__})"], {}, None)
    finally:
        conn.close()
    if revision is None or not migrate.is_known_revision(revision):
        problems.append("unknown schema")
    if expected is not None:
        for name in sorted(set(expected) | set(tables)):
            if name not in tables:
                problems.append(f"table {name} missing")
            elif name not in expected:
                problems.append(f"table {name} unexpected")
            elif tables[name].rows != expected[name].rows:
                problems.append(
                    f"table {name}: {tables[name].rows} rows, {expected[name].rows} expected"
                )
            elif tables[name] != expected[name]:
                problems.append(f"table {name}: content differs")
    return BackupCheck(problems, tables, revision)


def live_digests(engine: Engine) -> dict[str, TableDigest]:
    raw = engine.raw_connection()
    try:
        return table_digests(raw.driver_connection)
    finally:
        raw.close()


# --- restore ---------------------------------------------------------------------------


def restore_file(paths: AppPaths, hex_key: str, backup: Path) -> BackupCheck:
    """Replace the (closed) vault's database with a verified copy of `backup`.

    The backup is verified, copied next to the vault and verified again; the current
    database is kept as `vault.db.before-restore` (with its -wal if it could not be
    folded in), then the copy is renamed over `vault.db` in one step.
    Refuses: backup_unreadable (nothing touched), vault_too_new (nothing touched).
    """
    check = verify_file(backup, hex_key)
    if not check.sound:
        if check.problems == ["unknown schema"] and check.revision is not None:
            raise KnownError("vault_too_new")
        log.warning("backup refused: %s", check.problems[0])  # technical, for support
        raise KnownError("backup_unreadable", reason=check.problems[0])
    ensure_private_dir(paths.data_dir)
    tmp = paths.data_dir / "vault.db.restoring"
    _fresh(tmp)
    try:
        with backup.open("rb") as src, tmp.open("r+b") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
            dst.flush()
            os.fsync(dst.fileno())
        copied = verify_file(tmp, hex_key, check.tables)
        if not copied.sound:
            raise KnownError("backup_unreadable", reason=copied.problems[0])
        if paths.db.exists():
            _set_aside(paths, hex_key)
        os.replace(tmp, paths.db)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            paths.db.with_name(paths.db.name + suffix).unlink()
    _fsync_dir(paths.data_dir)
    log.info("vault restored from a verified backup (%d tables)", len(check.tables))
    return check


def _set_aside(paths: AppPaths, hex_key: str) -> None:
    """Keep the current database as vault.db.before-restore, WAL included."""
    wal = paths.db.with_name(paths.db.name + "-wal")
    if wal.exists() and wal_reader.inspect(wal).sound:
        # Fold the log into the file: the kept copy is then one self-contained file.
        # A damaged log is never handed to SQLite (it would drop what follows the
        # damage): it is kept beside the set-aside file as it is.
        with contextlib.suppress(*_DB_ERRORS):
            conn = engines.connect(paths.db, hex_key)
            try:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            finally:
                conn.close()
    before = paths.data_dir / BEFORE_RESTORE
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            before.with_name(before.name + suffix).unlink()
    for suffix in ("-wal", "-shm"):  # a damaged vault's log goes with it, unreplayed
        side = paths.db.with_name(paths.db.name + suffix)
        if side.exists():
            os.replace(side, before.with_name(before.name + suffix))
    try:
        os.link(paths.db, before)
    except OSError:  # no hard links on this file system: copy
        create_private_file(before)
        with paths.db.open("rb") as src, before.open("r+b") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
            dst.flush()
            os.fsync(dst.fileno())


def _fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
