"""The open vault's key and files, outside any session: the key that signs the
journal's checkpoints, verified backups and the key file that goes beside them,
restoring a backup, and emptying the write-ahead log after secure deletes."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine

from accomp.domain.errors import KnownError
from accomp.paths import AppPaths
from accomp.store import attempts, audit, audit_head, backup
from accomp.store import engine as engines
from accomp.store.keys import KeyFile, key_hex
from accomp.store.vault import Vault


def _hex_key(vault: Vault) -> str:
    hex_key = vault._hex_key  # the store's own secret, read inside the store only
    if hex_key is None:
        raise KnownError("vault_locked")
    return hex_key


def signing_key(vault: Vault) -> bytes:
    """The key that signs journal checkpoints (derived from the database key)."""
    return audit.checkpoint_key(_hex_key(vault))


def write_verified_backup(vault: Vault, dest: Path) -> backup.BackupCheck:
    """A backup of the open vault at `dest`, verified before it takes that name."""
    return backup.write_verified_backup(vault.engine, _hex_key(vault), dest)


def restore_vault(paths: AppPaths, passphrase: str, source: Path,
                  key_file: Path) -> backup.BackupCheck:
    """Open `key_file` with the passphrase, then restore `source` over the vault and
    install the key file (when it came from beside the backup) with the restored
    journal's head recorded in it: the journal legitimately goes back to the backup.
    Refuses: wrong_passphrase, key_file_damaged, backup_unreadable, vault_too_new."""
    keys = KeyFile.read(key_file)
    hex_key = key_hex(attempts.guarded(paths.data_dir,
                                       lambda: keys.open_with_passphrase(passphrase)))
    check = backup.restore_file(paths, hex_key, source)
    conn = engines.connect(paths.db, hex_key, read_only=True)
    try:
        audit_head.with_head(keys, hex_key, conn, open=False).write(paths.key_file)
    finally:
        conn.close()
    return check


def key_file_opens(path: Path) -> bool:
    """Whether the key file at `path` is sound enough to be opened with a passphrase."""
    try:
        return not KeyFile.read(path).passphrase_problems()
    except KnownError:
        return False


def key_file_for_backup(vault: Vault) -> bytes:
    """vault.key as it goes beside a backup: the same wrapped key (passphrase and
    recovery code), with the head of the journal the backup holds."""
    hex_key = _hex_key(vault)
    raw = vault.engine.raw_connection()
    try:
        keys = audit_head.with_head(KeyFile.read(vault.paths.key_file), hex_key,
                                    raw.driver_connection, open=False)
    finally:
        raw.close()
    return json.dumps(keys.raw, indent=1).encode("utf-8")


def check_backup_file(paths: AppPaths, passphrase: str, source: Path,
                      key_file: Path) -> backup.BackupCheck:
    keys = KeyFile.read(key_file)
    key = attempts.guarded(paths.data_dir, lambda: keys.open_with_passphrase(passphrase))
    return backup.verify_file(source, key_hex(key))


def truncate_wal(engine: Engine) -> None:
    """Copy the write-ahead log into the database file and empty it, so that pages
    overwritten by secure_delete are the only copy left on disk."""
    raw = engine.raw_connection()
    try:
        raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()  # type: ignore[union-attr]
    finally:
        raw.close()
