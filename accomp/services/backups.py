"""Encrypted backups of the vault: at close (at most one a day), on demand, to a
chosen folder (a USB key for the office); each verified after writing; the last N
kept (7 unless changed); restore of a verified backup over the closed vault.

A backup is encrypted with the vault's own database key, which only the key file
(`vault.key`, opened by the passphrase or the recovery code) gives. Every backup
therefore takes a copy of the key file with it (`<name>.key`, itself protected by
the passphrase and the recovery code), so that it can be restored on a new computer
or after vault.key was lost or damaged.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from accomp.domain.errors import KnownError
from accomp.paths import AppPaths, write_private_atomic
from accomp.reports.destination import absolute, check_folder, write_error, write_file
from accomp.services import lifecycle
from accomp.store import audit
from accomp.store import vault_keys as store
from accomp.store.backup import BEFORE_RESTORE, BackupCheck
from accomp.store.vault import Vault

log = logging.getLogger("accomp.services.backups")

_NAME = re.compile(r"^accomp-(\d{8}-\d{6})(?:-(\d+))?\.db$")

__all__ = [
    "BEFORE_RESTORE",
    "BackupCheck",
    "BackupInfo",
    "Restored",
    "backup_if_due",
    "backup_now",
    "check_backup",
    "list_backups",
    "record_restore",
    "restore",
]


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    taken_at: dt.datetime  # local time, from the file's name
    size: int
    tables: int = 0  # known when just written and verified
    rows: int = 0


def _taken_at(path: Path) -> dt.datetime | None:
    m = _NAME.match(path.name)
    if m is None:
        return None
    return dt.datetime.strptime(m.group(1), "%Y%m%d-%H%M%S")


def list_backups(where: AppPaths | Path) -> list[BackupInfo]:
    """The backups in the vault's backup folder (or any folder), newest first.
    Only finished, verified ones carry the name looked for (unfinished ones end in
    .part); backups made before a schema upgrade are not listed."""
    folder = where.backups if isinstance(where, AppPaths) else where
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        taken = _taken_at(path)
        if taken is not None and path.is_file():
            found.append(BackupInfo(path, taken, path.stat().st_size))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def _destination(folder: Path, now: dt.datetime) -> Path:
    stem = f"accomp-{now:%Y%m%d-%H%M%S}"
    dest, n = folder / f"{stem}.db", 1
    while any(p.exists() for p in (dest, dest.with_name(dest.name + ".part"),
                                   dest.with_suffix(".key"))):
        n += 1
        dest = folder / f"{stem}-{n}.db"
    return dest


def backup_now(
    vault: Vault, folder: Path | None = None, *, keep: int | None = None,
    now: dt.datetime | None = None,
) -> BackupInfo:
    """Write an encrypted backup and verify it (opens with the key, integrity
    checks, same rows in every table as the vault at that instant). Without
    `folder` it goes to the vault's backups/ folder, which is then rotated to the
    newest `keep` (default: the vault's setting, 7). The key file goes beside it
    (`<name>.key`, still protected by the passphrase and the recovery code, with the
    journal's head as the backup holds it). With `folder` (a USB key), nothing there
    is rotated; the chosen folder (relative to the current one, links followed) must
    exist and lie outside the data folder.
    Refuses: vault_locked, output_folder_missing, output_in_data_folder,
    folder_unwritable, disk_error (full disk; nothing is left), backup_unverified (the
    bad file is deleted and the previous backups are kept). Journal: backup.write
    (file name, local or external, counts)."""
    now = now or dt.datetime.now()
    external = folder is not None
    target = (check_folder(folder, data_dir=vault.paths.data_dir) if folder is not None
              else vault.paths.backups)
    try:
        dest = _destination(target, now)
        check = store.write_verified_backup(vault, dest)
        if check.sound:
            _copy_key(vault, dest, external=external)
    except OSError as exc:
        raise write_error(exc) from None
    if not check.sound:
        raise KnownError("backup_unverified", reason=check.problems[0])
    with vault.transaction() as s:
        audit.append(s, actor=vault.worker, action="backup.write", entity="vault",
                     details={"name": dest.name, "external": external,
                              "tables": len(check.tables), "rows": check.rows})
    if not external:
        _rotate(target, keep if keep is not None else lifecycle.backup_keep(vault))
    return BackupInfo(dest, _taken_at(dest) or now, dest.stat().st_size, len(check.tables),
                      check.rows)


def _copy_key(vault: Vault, dest: Path, *, external: bool) -> None:
    """Every backup set has its key file: a lost vault.key comes back from a backup,
    opened with the passphrase or the recovery code. Without it, the backup is
    removed. Outside the data folder it goes through the checks of any output."""
    key = store.key_file_for_backup(vault)
    try:
        if external:
            write_file(dest.with_suffix(".key"), key, data_dir=vault.paths.data_dir)
        else:
            write_private_atomic(dest.with_suffix(".key"), key)
    except BaseException:
        dest.unlink(missing_ok=True)
        raise


def _rotate(folder: Path, keep: int) -> None:
    for old in list_backups(folder)[max(keep, 1):]:
        old.path.unlink()
        old.path.with_suffix(".key").unlink(missing_ok=True)
        log.info("old backup removed by rotation")


def backup_if_due(
    vault: Vault, *, now: dt.datetime | None = None, keep: int | None = None
) -> BackupInfo | None:
    """At close: a backup unless one was already made today (local time)."""
    now = now or dt.datetime.now()
    if any(b.taken_at.date() == now.date() for b in list_backups(vault.paths)):
        return None
    return backup_now(vault, keep=keep, now=now)


def _key_file_for(paths: AppPaths, backup_file: Path) -> Path:
    """vault.key, or the key file kept beside the backup when vault.key is missing
    or damaged."""
    beside = backup_file.with_suffix(".key")
    if paths.key_file.exists() and (not beside.exists() or store.key_file_opens(paths.key_file)):
        return paths.key_file
    if beside.exists():
        return beside
    raise KnownError("no_vault")


def check_backup(paths: AppPaths, passphrase: str, backup_file: Path) -> BackupCheck:
    """Verify a backup without restoring it (for the restore screen). Reads only.
    Refuses: no_vault (no key file here nor beside the backup), wrong_passphrase."""
    backup_file = absolute(backup_file)
    if not backup_file.is_file():
        raise KnownError("file_missing", backup_file.name)
    return store.check_backup_file(paths, passphrase, backup_file,
                                   _key_file_for(paths, backup_file))


@dataclass(frozen=True, slots=True)
class Restored:
    backup: Path
    tables: int
    rows: int
    before_restore: Path | None  # the replaced database, kept beside the vault


def restore(paths: AppPaths, passphrase: str, backup_file: Path) -> Restored:
    """Replace the vault's database by a verified backup. The vault must be locked
    (closed) first. The backup is checked with the vault's key (or, on a new
    computer, the key file beside it, which is then installed), copied, checked
    again, and renamed over vault.db in one step; the replaced file is kept as
    vault.db.before-restore. Nothing is changed when a check fails.
    Refuses: no_vault, wrong_passphrase, file_missing, backup_unreadable,
    vault_too_new. Changes made after the backup (erasures included) are lost:
    call `record_restore` once the vault is unlocked again, to journal it.
    `backup_file` may be relative to the current folder."""
    backup_file = absolute(backup_file)
    if not backup_file.is_file():
        raise KnownError("file_missing", backup_file.name)
    key_file = _key_file_for(paths, backup_file)
    had_vault = paths.db.exists()
    check = store.restore_vault(paths, passphrase, backup_file, key_file)
    before = paths.data_dir / BEFORE_RESTORE
    return Restored(backup_file, len(check.tables), check.rows,
                    before if had_vault else None)


def record_restore(vault: Vault, restored: Restored) -> None:
    """Journal the restore in the restored vault (backup.restore, file name)."""
    with vault.transaction() as s:
        audit.append(s, actor=vault.worker, action="backup.restore", entity="vault",
                     details={"name": restored.backup.name, "tables": restored.tables,
                              "rows": restored.rows})
