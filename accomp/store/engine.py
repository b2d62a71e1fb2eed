"""SQLCipher connections and engines: the one place that hands the key to SQLite."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import NullPool, QueuePool

from accomp.domain.errors import KnownError
from accomp.store.keys import validated_hex

log = logging.getLogger("accomp.store")


def connect(path: Path, hex_key: str, *, read_only: bool = False) -> Any:
    """Open `path` with the raw key and the pragmas every connection must have.

    The key is interpolated into a PRAGMA (SQLite has no parameter there), so it is
    re-validated as 64 hex digits right here, whatever the caller did.
    """
    key = validated_hex(hex_key)
    path = Path(path).absolute()  # a file URI (below) needs an absolute path
    if read_only:
        # Without a pending WAL, "immutable" reads the file without creating -wal or
        # -shm next to it: a damaged vault is inspected without writing a byte.
        wal = path.with_name(path.name + "-wal")
        flags = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
        conn = sqlcipher3.connect(
            f"{path.as_uri()}?{flags}", uri=True, check_same_thread=False, isolation_level=None
        )
    else:
        conn = sqlcipher3.connect(str(path), check_same_thread=False, isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key}'\"")
        # Reading the schema is what proves the key; do it before anything else.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if not read_only:
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA busy_timeout = 5000")
    except BaseException:
        conn.close()
        raise
    return conn


def make_engine(
    path: Path, hex_key: str, *, read_only: bool = False, keep_open: bool = True
) -> Engine:
    """An engine over the vault.

    While the vault is unlocked one connection is kept open: opening a SQLCipher
    connection costs a key set-up, an empty page cache (every page read again is
    decrypted again) and, when the last one closes, a WAL checkpoint with its fsync —
    several milliseconds per keystroke of a search or per save. `Vault.lock()`
    disposes the engine, which closes it: locking still leaves no connection open.
    `keep_open=False` (NullPool) is for short-lived engines such as migrations.
    """
    creator: Callable[[], Any] = lambda: connect(path, hex_key, read_only=read_only)  # noqa: E731
    pool: dict[str, Any] = (
        {"poolclass": QueuePool, "pool_size": 1, "max_overflow": 4}
        if keep_open
        else {"poolclass": NullPool}
    )
    # module=sqlcipher3: the driver's exceptions are sqlcipher3's, not the standard
    # sqlite3's; told so, SQLAlchemy wraps them (OperationalError…) as it documents,
    # and a full disk becomes disk_error instead of an unexplained failure.
    engine = create_engine("sqlite://", module=sqlcipher3, creator=creator,
                           hide_parameters=True, **pool)

    # The driver's own transaction handling is off (isolation_level=None): SQLAlchemy
    # emits BEGIN itself, so DDL in migrations and savepoints are transactional.
    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")

    # A page reading in a worker thread may hold a connection when the vault locks:
    # dispose() closes only the idle ones, and the one in use would go back to the
    # discarded pool still open (keyed) until garbage collection. Once disposed, a
    # connection handed back is closed at once.
    disposed: list[bool] = []

    @event.listens_for(engine, "engine_disposed")
    def _disposed(_engine: Any) -> None:
        disposed.append(True)

    @event.listens_for(engine, "checkin")
    def _checkin(dbapi_connection: Any, record: Any) -> None:
        if disposed and dbapi_connection is not None:
            record.invalidate()

    return engine


def disk_error(exc: BaseException | None) -> KnownError | None:
    """The plain disk_error for a driver error that comes from the disk (full,
    read-only, input/output), None for any other. Says only the error's type."""
    if exc is None:
        return None
    text = str(exc).lower()
    if "disk" in text or "full" in text or "readonly" in text or "i/o" in text:
        return KnownError("disk_error", reason=type(exc).__name__)
    return None


def integrity_problems(conn: Any) -> list[str]:
    """quick_check + cipher_integrity_check. Messages name pages and indexes only."""
    problems = [row[0] for row in conn.execute("PRAGMA quick_check") if row[0] != "ok"]
    problems += [str(row[0]) for row in conn.execute("PRAGMA cipher_integrity_check")]
    return problems


def schema_revision(conn: Any) -> str | None:
    row = conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'"
    ).fetchone()
    if row is None:
        return None
    rev = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return None if rev is None else str(rev[0])
