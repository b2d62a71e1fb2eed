"""Copies of the vault's files, byte for byte, made without SQLite: private scratch
folders for checks and read-only openings, and the copy of a damaged write-ahead log
kept in `recovery/` for whoever repairs it."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from accomp.domain.errors import KnownError
from accomp.paths import AppPaths, create_private_file, ensure_private_dir

log = logging.getLogger("accomp.store.vault")


def wal_of(db: Path) -> Path:
    return db.with_name(db.name + "-wal")


@contextlib.contextmanager
def scratch_dir() -> Iterator[Path]:
    """A private temporary folder (0700) for copies of the vault, removed on leaving."""
    folder = new_scratch()
    try:
        yield folder
    finally:
        remove_scratch(folder)


def new_scratch() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="accomp-check-"))
    os.chmod(folder, 0o700)
    return folder


def remove_scratch(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    if folder.exists():
        log.warning("could not remove the check's temporary folder")


RECOVERY_DIR = "recovery"


def keep_for_recovery(paths: AppPaths) -> Path | None:
    """Copy the vault file and its damaged write-ahead log, byte for byte, into
    `recovery/` beside the vault (0700, files 0600), once per distinct log: what
    SQLite would drop is kept for whoever repairs it. The vault itself is untouched."""
    log_path = wal_of(paths.db)
    try:
        digest = hashlib.sha256(log_path.read_bytes()).hexdigest()[:16]
    except FileNotFoundError:
        return None
    folder = paths.data_dir / RECOVERY_DIR
    dest = folder / f"vault-{digest}.db"
    if dest.exists() and wal_of(dest).exists():
        return dest
    ensure_private_dir(folder)
    try:
        raw_copy(paths.db, dest)
    except OSError:
        log.warning("could not keep a copy of the damaged write-ahead log")
        return None
    log.warning("damaged write-ahead log kept in %s", folder.name)
    return dest


def raw_copy(db: Path, dest: Path) -> Path:
    """Copy the vault file and its -wal, byte for byte, to `dest` (files 0600)."""
    for src, dst in ((db, dest), (wal_of(db), wal_of(dest))):
        create_private_file(dst)
        try:
            with src.open("rb") as fin, dst.open("r+b") as fout:
                shutil.copyfileobj(fin, fout, 1 << 20)
        except FileNotFoundError:
            if src == db:
                raise KnownError("vault_unreadable") from None
            dst.unlink()  # the log was folded in meanwhile: the file alone is the vault
    return dest
