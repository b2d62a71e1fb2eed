"""What unlock and check run on a vault file before handing it out: integrity
(quick_check, cipher_integrity_check), schema revision, and the audit journal
against the end recorded in vault.key — at once, or in a background thread."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlcipher3

from accomp.domain.errors import KnownError
from accomp.store import audit_head, migrate
from accomp.store import engine as engines

DB_ERRORS = (sqlcipher3.DatabaseError, sqlite3.DatabaseError)


class IntegrityCheck:
    """quick_check + cipher_integrity_check on their own read-only connection, in a
    thread, so that a large vault opens without waiting for every page to be read.

    SQLite releases the GIL while it reads, so the check runs beside the window being
    built. `result()` waits for the end; `cancel()` interrupts it (at lock).
    """

    def __init__(self, conn: Any, journal: Callable[[Any], list[str]] | None = None) -> None:
        self._conn = conn
        self._journal = journal
        self._problems: list[str] = []
        self._cancelled = False
        self._thread = threading.Thread(target=self._run, name="accomp-integrity", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._problems = engines.integrity_problems(self._conn)
            if not self._problems and self._journal is not None:
                self._problems = self._journal(self._conn)
        except DB_ERRORS as exc:
            if not self._cancelled:
                self._problems = [type(exc).__name__]
        finally:
            self._conn.close()

    def done(self) -> bool:
        return not self._thread.is_alive()

    def result(self) -> list[str]:
        """The problems found (empty: sound); waits for the check to end."""
        self._thread.join()
        return [] if self._cancelled else list(self._problems)

    def cancel(self) -> None:
        self._cancelled = True
        with contextlib.suppress(sqlcipher3.DatabaseError, sqlite3.DatabaseError):
            self._conn.interrupt()
        self._thread.join()


NOT_CHECKED = object()


def journal_problems(conn: Any, hex_key: str, head: Any, current_schema: bool) -> list[str]:
    """The journal against the head recorded in vault.key, and the append-only
    triggers (those of the current schema only: an older vault is upgraded first)."""
    try:
        return audit_head.problems(conn, audit_head.head_key(hex_key), head,
                                   triggers=current_schema)
    except DB_ERRORS as exc:
        return [type(exc).__name__]


def inspect_file(
    db: Path, hex_key: str, *, replay: bool = True, head: Any = NOT_CHECKED
) -> tuple[list[str], str | None]:
    """Integrity and schema revision, read without writing a byte when possible
    (never, without `replay`); with `head` (vault.key's record, None if it has
    none), the journal's end and triggers too."""
    try:
        conn = engines.connect(db, hex_key, read_only=True)
    except sqlcipher3.OperationalError:
        # A crash can leave a WAL that a read-only connection cannot replay;
        # replaying it is the normal recovery, so that case opens read-write.
        if not replay:
            raise KnownError("vault_unreadable") from None
        try:
            conn = engines.connect(db, hex_key)
        except DB_ERRORS:
            raise KnownError("vault_unreadable") from None
    except DB_ERRORS:
        raise KnownError("vault_unreadable") from None
    try:
        try:
            problems = engines.integrity_problems(conn)
        except DB_ERRORS as exc:
            problems = [type(exc).__name__]
        try:
            revision = engines.schema_revision(conn)
        except DB_ERRORS:
            revision = None
        if not problems and head is not NOT_CHECKED:
            problems = journal_problems(conn, hex_key, head,
                                        revision == migrate.head_revision())
        return problems, revision
    finally:
        conn.close()
