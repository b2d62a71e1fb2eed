"""Encrypted backups: SQLite's online backup API between two connections keyed
with the same database key, so a backup is as protected as the vault."""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

from sqlalchemy import Engine

from accomp.paths import create_private_file, ensure_private_dir
from accomp.store import engine as engines

log = logging.getLogger("accomp.store.backup")


def write_backup(engine: Engine, hex_key: str, dest: Path) -> Path:
    """Copy the live vault to `dest` (0600, encrypted with the vault's key)."""
    ensure_private_dir(dest.parent)
    tmp = dest.with_name(dest.name + ".part")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    create_private_file(tmp)
    raw = engine.raw_connection()
    try:
        src = raw.driver_connection
        target = engines.connect(tmp, hex_key)
        try:
            src.backup(target)  # type: ignore[union-attr]
            target.execute("PRAGMA journal_mode = DELETE").fetchone()
        finally:
            target.close()
    finally:
        raw.close()
    tmp.replace(dest)
    log.info("backup written")
    return dest

