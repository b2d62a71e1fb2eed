"""Create, unlock, lock and re-key a worker's encrypted vault.

Files in the data folder: `vault.db` (SQLCipher 4), `vault.key` (the wrapped
database key, see keys.py), `backups/`. Folders 0700, files 0600 from creation.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import logging
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlmodel import Session

from accomp.domain.errors import KnownError
from accomp.paths import AppPaths, create_private_file, ensure_private_dir
from accomp.store import attempts, audit_head, backup, migrate, wal
from accomp.store import engine as engines
from accomp.store.keys import (
    DEFAULT_KDF,
    KdfParams,
    KeyFile,
    key_hex,
    new_database_key,
    new_key_file,
    new_recovery_code,
)
from accomp.store.vault_checks import DB_ERRORS, IntegrityCheck, journal_problems
from accomp.store.vault_checks import inspect_file as _inspect
from accomp.store.vault_files import (
    keep_for_recovery,
    new_scratch,
    raw_copy,
    remove_scratch,
    scratch_dir,
    wal_of,
)

log = logging.getLogger("accomp.store.vault")


class Vault:
    """An unlocked vault. Hands out sessions to the store's own modules only.

    Opened with a pending `IntegrityCheck`, it reads at once but writes only once the
    check has passed: the first write waits for it, and a check that finds damage
    turns the vault read-only (`damage` then lists what it found).
    """

    def __init__(
        self,
        paths: AppPaths,
        engine: Engine,
        *,
        worker: str,
        hex_key: str,
        read_only: bool = False,
        damage: list[str] | None = None,
        check: IntegrityCheck | None = None,
        integrity_checked: bool = False,
        outdated_from: str | None = None,
        writable: Callable[[], Engine] | None = None,
        on_lock: Callable[[], None] | None = None,
    ) -> None:
        self.paths = paths
        self._engine: Engine | None = engine
        self._hex_key: str | None = hex_key
        self.worker = worker or "poste"
        self.read_only = read_only
        self.damage = list(damage or [])
        self._check = check
        # Opened for a check: the full integrity check already ran on the file as it is
        # (`damage` holds its result) and nothing can have been written since.
        self.integrity_checked = integrity_checked
        # Opened for a check, a vault of an older schema is read through an upgraded
        # temporary copy; this is the revision the vault file itself still has.
        self.outdated_from = outdated_from
        # With a pending check the engine is read-only (not even a checkpoint at
        # close can write); `writable` makes the read-write one once the check passed.
        self._writable = writable
        self._on_lock = on_lock
        # Whether this session recorded the journal's head as open in vault.key (it
        # does before its first write); if so, lock records where the journal ends.
        # `_head_seen` is vault.key's stat after that: another program's session that
        # closed meanwhile changes it, and the next write records "open" again.
        self._head_open = False
        self._head_seen: tuple[int, int] | None = None

    def check_pending(self) -> bool:
        """True while the integrity check started at unlock is still reading."""
        return self._check is not None and not self._check.done()

    def settle_check(self) -> bool:
        """Wait for the integrity check started at unlock (if any) and apply its
        result; True if the vault turned out damaged (it is read-only from then on)."""
        check, self._check = self._check, None
        if check is None:
            return False
        problems = check.result()
        writable, self._writable = self._writable, None
        if problems:
            log.warning("vault damaged: %d problem(s) found after unlock", len(problems))
            self.damage = problems
            self.read_only = True
        elif writable is not None and self._engine is not None:
            reader, self._engine = self._engine, writable()
            reader.dispose()
        return bool(problems)

    @property
    def is_locked(self) -> bool:
        return self._engine is None

    @property
    def damaged(self) -> bool:
        return bool(self.damage)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            raise KnownError("vault_locked")
        return self._engine

    @contextlib.contextmanager
    def reading(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """One write transaction: all of it is committed, or none of it."""
        self.settle_check()
        if self.read_only:
            raise KnownError("vault_read_only")
        if not self._head_open or self._key_file_stat() != self._head_seen:
            self._record_head(open=True)
            self._head_open = True
            self._head_seen = self._key_file_stat()
        try:
            with Session(self.engine, expire_on_commit=False) as session, session.begin():
                yield session
        except OperationalError as exc:
            raise _disk_error(exc) from None

    def backup_to(self, dest: Path) -> Path:
        if self._engine is None or self._hex_key is None:
            raise KnownError("vault_locked")
        return backup.write_backup(self._engine, self._hex_key, dest)

    def _key_file_stat(self) -> tuple[int, int] | None:
        try:
            st = self.paths.key_file.stat()
        except OSError:
            return None
        return st.st_mtime_ns, st.st_ino

    def _record_head(self, *, open: bool) -> None:
        if self._hex_key is None:
            raise KnownError("vault_locked")
        raw = self.engine.raw_connection()
        try:
            audit_head.record(self.paths.key_file, self._hex_key, raw.driver_connection,
                              open=open)
        except OSError as exc:
            raise KnownError("disk_error", reason=type(exc).__name__) from None
        finally:
            raw.close()

    def lock(self) -> None:
        """Close every connection: disposing the engine closes its pooled one (and a
        pending integrity check is interrupted). A session that wrote records where
        the journal ends in vault.key first (see audit_head)."""
        check, self._check = self._check, None
        if check is not None:
            check.cancel()
        if self._head_open and self._engine is not None:
            self._head_open = False
            try:
                self._record_head(open=False)
            except (KnownError, *DB_ERRORS):
                # Left "open": the next unlock accepts what follows the recorded head.
                log.warning("could not record the journal's head at lock")
        self._writable = None
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
            self._hex_key = None
            log.info("vault locked")
        on_lock, self._on_lock = self._on_lock, None
        if on_lock is not None:
            on_lock()


def _disk_error(exc: DBAPIError) -> Exception:
    return engines.disk_error(exc.orig) or exc


def exists(paths: AppPaths) -> bool:
    return paths.key_file.exists()


def create(
    paths: AppPaths,
    passphrase: str,
    *,
    kdf: KdfParams = DEFAULT_KDF,
    worker: str | None = None,
    enforce_policy: bool = True,
) -> tuple[Vault, str]:
    """Create a new vault; return it unlocked with its recovery code (shown once).

    Refuses: weak_passphrase (policy), vault_exists.
    """
    if enforce_policy:
        from accomp.domain.passphrase import check

        check(passphrase)
    if paths.key_file.exists() or paths.db.exists():
        raise KnownError("vault_exists")
    ensure_private_dir(paths.data_dir)
    key = new_database_key()
    code = new_recovery_code()
    try:
        new_key_file(key, passphrase, code, kdf, worker or _default_worker()).write(
            paths.key_file
        )
        create_private_file(paths.db)
        engine = engines.make_engine(paths.db, key_hex(key))
        migrate.upgrade(engine)
    except BaseException:
        for path in (paths.db, paths.key_file):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        raise
    log.info("vault created")
    vault = Vault(paths, engine, worker=KeyFile.read(paths.key_file).worker, hex_key=key_hex(key))
    return vault, code


def _default_worker() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "poste"


def unlock(
    paths: AppPaths, passphrase: str, *, check_later: bool = False, wait: bool = True
) -> Vault:
    """Open the vault with the passphrase.

    Refuses: no_vault, key_file_damaged, wrong_passphrase (nothing is touched),
    vault_unreadable, vault_too_new (nothing is touched); unlock_wait when an
    attempt comes too soon after failures and `wait` is False (the GUI: otherwise
    the delay owed is slept first, see attempts.py). A damaged vault is
    returned open read-only with `damage` listing what the checks found.

    `check_later` (the GUI): the full integrity check (every page read) runs in the
    background instead of before returning; see Vault. A vault that needs a schema
    upgrade is always checked first, since the upgrade writes.
    """
    key_file = KeyFile.read(paths.key_file)
    key = attempts.guarded(paths.key_file.parent,
                           lambda: key_file.open_with_passphrase(passphrase), wait=wait)
    return _open(paths, key, key_file, check_later=check_later)


def unlock_with_recovery(
    paths: AppPaths, code: str, *, check_later: bool = False, wait: bool = True
) -> Vault:
    key_file = KeyFile.read(paths.key_file)
    key = attempts.guarded(paths.key_file.parent,
                           lambda: key_file.open_with_recovery(code), wait=wait)
    return _open(paths, key, key_file, check_later=check_later)


@contextlib.contextmanager
def opened_for_check(
    paths: AppPaths, passphrase: str, anchors: Sequence[Path] = ()
) -> Iterator[Vault]:
    """Open the vault for a check without writing a byte to it; close it on leaving.

    The key is validated and the integrity checks (quick_check,
    cipher_integrity_check) run on a read-only connection, as at unlock; a vault from
    a newer program is refused (vault_too_new), as at unlock. Then:

    - current schema: a read-only engine over the file (no -wal/-shm created);
    - older schema: the vault is *not* upgraded and no backup is written beside it.
      The backup machinery copies it (same key) into a private temporary folder
      (0700, files 0600), the copy is upgraded and read instead; `outdated_from`
      names the revision the vault file still has;
    - a -wal left beside the vault (a crash): the file and its log are copied to that
      folder and the log is replayed there, not in the vault.

    `anchors`: key files kept beside backups out of reach (a USB key); the journal
    must still hold the end each of them recorded.

    The vault yielded is read-only, with `integrity_checked` set (`damage` is the
    result). On leaving, its engine is closed and the temporary folder removed,
    whatever happened. Refuses as unlock does: no_vault, key_file_damaged,
    wrong_passphrase (nothing is touched), vault_unreadable, vault_too_new.
    """
    key_file = KeyFile.read(paths.key_file)
    hex_key = key_hex(attempts.guarded(paths.key_file.parent,
                                       lambda: key_file.open_with_passphrase(passphrase)))
    if not paths.db.exists():
        raise KnownError("vault_unreadable")
    log_report = wal.inspect(wal_of(paths.db))
    if not log_report.sound:
        keep_for_recovery(paths)
    with scratch_dir() as scratch:
        source = paths.db
        if wal_of(paths.db).exists():
            source = raw_copy(paths.db, scratch / "replayed.db")
        problems, revision = _inspect(source, hex_key, replay=source != paths.db,
                                      head=key_file.raw.get("audit_head"))
        outdated: str | None = None
        if not problems:
            if revision is not None and not migrate.is_known_revision(revision):
                raise KnownError("vault_too_new")
            if revision != migrate.head_revision():
                outdated = revision or "base"
                try:
                    source = _upgraded_copy(source, hex_key, scratch / "upgraded.db")
                except Exception as exc:
                    # The upgrade an unlock would make fails: that is damage to report.
                    log.warning("schema upgrade of the check copy failed")
                    problems = [f"schema upgrade failed ({type(exc).__name__})"]
        if anchors and not problems:
            problems = _anchor_problems(source, hex_key, anchors)
        vault = Vault(
            paths, engines.make_engine(source, hex_key, read_only=True), worker=key_file.worker,
            hex_key=hex_key, read_only=True, integrity_checked=True, outdated_from=outdated,
            damage=log_report.damage + key_file.problems() + problems,
        )
        try:
            yield vault
        finally:
            vault.lock()


def _anchor_problems(db: Path, hex_key: str, anchors: Sequence[Path]) -> list[str]:
    key = audit_head.head_key(hex_key)
    conn = engines.connect(db, hex_key, read_only=True)
    try:
        out: list[str] = []
        for anchor in anchors:
            if not anchor.is_file():
                raise KnownError("file_missing", anchor.name)
            try:
                box = KeyFile.read(anchor).raw.get("audit_head")
            except KnownError:
                box = None
            out += audit_head.anchor_problems(conn, key, box, anchor.name)
        return out
    finally:
        conn.close()


def _upgraded_copy(source: Path, hex_key: str, dest: Path) -> Path:
    """An encrypted copy of `source` (same key) at `dest`, upgraded to the head."""
    src = engines.make_engine(source, hex_key, read_only=True, keep_open=False)
    try:
        backup.write_backup(src, hex_key, dest)
    finally:
        src.dispose()
    engine = engines.make_engine(dest, hex_key, keep_open=False)
    try:
        migrate.upgrade(engine)
    finally:
        engine.dispose()
    return dest


def change_passphrase(
    paths: AppPaths, old: str, new: str, *, kdf: KdfParams | None = None,
    enforce_policy: bool = True,
) -> None:
    """Re-wrap the database key under a new passphrase; the database is unchanged."""
    key_file = KeyFile.read(paths.key_file)
    key = attempts.guarded(paths.key_file.parent, lambda: key_file.open_with_passphrase(old))
    _rewrap(paths, key_file, key, new, kdf, enforce_policy)


def reset_passphrase(
    paths: AppPaths, recovery_code: str, new: str, *, kdf: KdfParams | None = None,
    enforce_policy: bool = True,
) -> None:
    """Forgotten passphrase: the recovery code sets a new one."""
    key_file = KeyFile.read(paths.key_file)
    key = attempts.guarded(paths.key_file.parent,
                           lambda: key_file.open_with_recovery(recovery_code))
    _rewrap(paths, key_file, key, new, kdf, enforce_policy)


def _rewrap(
    paths: AppPaths, key_file: KeyFile, key: bytes, new: str, kdf: KdfParams | None,
    enforce_policy: bool,
) -> None:
    if enforce_policy:
        from accomp.domain.passphrase import check

        check(new)
    key_file.with_passphrase(key, new, kdf or key_file.kdf).write(paths.key_file)
    log.info("passphrase changed")


def _open(paths: AppPaths, key: bytes, key_file: KeyFile, *,
          check_later: bool = False) -> Vault:
    if not paths.db.exists():
        raise KnownError("vault_unreadable")
    hex_key = key_hex(key)
    worker, head = key_file.worker, key_file.raw.get("audit_head")
    # The write-ahead log is read before SQLite sees it: SQLite would keep the frames
    # before a damaged one, drop the rest and delete the log at its next checkpoint.
    log_report = wal.inspect(wal_of(paths.db))
    if not log_report.sound:
        keep_for_recovery(paths)
        return _open_copy_read_only(paths, hex_key, worker, log_report.damage, head)
    if check_later and log_report.committed_frames == 0:
        opened = _open_checking_later(paths, hex_key, worker, head)
        if opened is not None:
            return opened
    if log_report.committed_frames:
        # A crash left saves in the log: check a copy with the log replayed there, so
        # that nothing is written to the vault before the checks have passed.
        with scratch_dir() as scratch:
            problems, revision = _inspect(raw_copy(paths.db, scratch / "replayed.db"),
                                          hex_key, head=head)
        if problems:
            return _open_copy_read_only(paths, hex_key, worker, [], head)
    else:
        problems, revision = _inspect(paths.db, hex_key, head=head)
    if problems:
        log.warning("vault damaged: %d problem(s) found at unlock", len(problems))
        ro = engines.make_engine(paths.db, hex_key, read_only=True)
        return Vault(paths, ro, worker=worker, hex_key=hex_key, read_only=True, damage=problems)
    if revision is not None and not migrate.is_known_revision(revision):
        raise KnownError("vault_too_new")
    engine = engines.make_engine(paths.db, hex_key)
    vault = Vault(paths, engine, worker=worker, hex_key=hex_key)
    if revision != migrate.head_revision():
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        backup.write_backup(engine, hex_key, paths.backups / f"avant-migration-{stamp}.db")
        # An upgrade writes: the journal's head is recorded open first, as for any
        # session that writes, and closed again at lock.
        vault._record_head(open=True)
        vault._head_open = True
        log.info("vault schema upgraded from %s", revision)
        migrate.upgrade(engine)
    return vault


def _open_copy_read_only(
    paths: AppPaths, hex_key: str, worker: str, damage: list[str], head: Any
) -> Vault:
    """A damaged vault whose -wal must stay as it is: read through a private copy
    (what SQLite can replay of the log is replayed there), read-only; the vault and
    its log are never opened by SQLite. The copy goes at lock."""
    scratch = new_scratch()
    try:
        copy = raw_copy(paths.db, scratch / "read-only.db")
        problems, _revision = _inspect(copy, hex_key, head=head)
        ro = engines.make_engine(copy, hex_key, read_only=True)
    except BaseException:
        remove_scratch(scratch)
        raise
    problems = damage + problems
    log.warning("vault damaged: %d problem(s) found at unlock", len(problems))
    return Vault(paths, ro, worker=worker, hex_key=hex_key, read_only=True, damage=problems,
                 on_lock=lambda: remove_scratch(scratch))


def _open_checking_later(
    paths: AppPaths, hex_key: str, worker: str, head: Any
) -> Vault | None:
    """Open at once with the integrity check running in the background; None when
    the vault must be checked first (unreadable schema, an upgrade to make)."""
    try:
        conn = engines.connect(paths.db, hex_key, read_only=True)
    except DB_ERRORS:
        return None  # a WAL to replay, or worse: the full path decides
    try:
        revision = engines.schema_revision(conn)
    except DB_ERRORS:
        conn.close()
        return None
    if revision != migrate.head_revision():
        conn.close()
        return None
    # The check's connection is opened before the engine, so that it reads the file
    # as it was unlocked; nothing is written until the check has passed.
    check = IntegrityCheck(conn, lambda c: journal_problems(c, hex_key, head, True))
    try:
        # Read-only until the check has passed: no write, not even the checkpoint a
        # read-write connection makes when it closes (see Vault.settle_check).
        engine = engines.make_engine(paths.db, hex_key, read_only=True)
    except BaseException:
        check.cancel()
        raise
    return Vault(paths, engine, worker=worker, hex_key=hex_key, check=check,
                 writable=lambda: engines.make_engine(paths.db, hex_key))
