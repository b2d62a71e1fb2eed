"""Where a file that leaves the vault may be written, and how.

Every file accomp writes for the user (exports, team summaries, the structure
secret, documents, the register, right-of-access copies, external backups and the
key copied beside them) goes through here, because a destination is a weapon
against the vault as much as a place:

- never inside a data folder (the vault, its key file, its backups), whatever the
  path looks like: symbolic links are followed and folders compared by identity;
- never over a key file or a backup found elsewhere (a USB key), nor over anything
  that is not a regular file (a device, a pipe, a folder);
- an existing file only when the caller says the user agreed (`replace`);
- only in a folder that exists: nothing is created on the way;
- written to an unpredictable temporary name created exclusively (mode 0600) in
  the same folder, flushed, then renamed: another user of a shared folder can
  neither get the file nor a half-written one.

Every refusal is a KnownError that says nothing has been written.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from accomp.domain.errors import KnownError
from accomp.paths import AppPaths, fsync_dir

# The files that make a folder a data folder.
VAULT_FILES = ("vault.key", "vault.db")
# Names of backups (and of the key copied beside an external one): never replaced.
_BACKUP_NAME = re.compile(r"^accomp-\d{8}-\d{6}(?:-\d+)?\.(?:db|key)(?:\.part)?$")
_SNIFF_BYTES = 1 << 16
_DISK_FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))


def absolute(path: str | os.PathLike[str]) -> Path:
    """`path` made absolute against the current folder (`~` expanded), symbolic
    links followed. Refuses output_not_regular for a loop of links."""
    try:
        return Path(path).expanduser().resolve()
    except (RuntimeError, OSError):  # a loop of symbolic links
        raise KnownError("output_not_regular") from None


def _data_folders(data_dir: Path | None) -> list[Path]:
    folders = [AppPaths.default().data_dir]
    if data_dir is not None:
        folders.insert(0, data_dir)
    return folders


def _same(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _inside_data_folder(target: Path, data_dir: Path | None) -> bool:
    """True when `target` (resolved) is a data folder or lies inside one: the
    vault's, the default one, or any folder that holds a vault (a file beside
    `vault.key` or `vault.db`, whichever profile it belongs to). Compared by path
    and by identity, so that another spelling of the same folder (case on a
    case-insensitive disk, a bind mount) is caught too."""
    if target.is_dir():
        holds_vault = [target / name for name in VAULT_FILES]
    else:
        holds_vault = [target.with_name(name) for name in VAULT_FILES]
    if any(os.path.lexists(p) for p in holds_vault):
        return True
    ancestors = [target, *target.parents]
    for folder in _data_folders(data_dir):
        resolved = absolute(folder)
        if resolved in ancestors:
            return True
        try:
            wanted = os.stat(resolved)
        except OSError:
            continue
        for ancestor in ancestors:
            with contextlib.suppress(OSError):
                if _same(os.stat(ancestor), wanted):
                    return True
    return False


def _looks_like_key_file(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            head = fh.read(_SNIFF_BYTES)
        raw = json.loads(head)
    except (OSError, ValueError):
        return False
    return isinstance(raw, dict) and "format" in raw and "passphrase" in raw


def check_folder(folder: str | os.PathLike[str], *, data_dir: Path | None) -> Path:
    """The folder, resolved, where files may be written.
    Refuses output_folder_missing (absent, or not a folder), output_in_data_folder."""
    resolved = absolute(folder)
    if not resolved.is_dir():
        raise KnownError("output_folder_missing")
    if _inside_data_folder(resolved, data_dir):
        raise KnownError("output_in_data_folder")
    return resolved


def check_destination(
    path: str | os.PathLike[str], *, data_dir: Path | None, replace: bool = False
) -> Path:
    """The file, resolved, that writing to `path` will create or replace.
    Refuses output_folder_missing, output_in_data_folder, output_not_regular (a
    folder, a device, a pipe, or a link to one), output_protected (a key file or a
    backup), output_exists (an existing file, unless `replace`)."""
    target = absolute(path)
    check_folder(target.parent, data_dir=data_dir)
    if _inside_data_folder(target, data_dir):
        raise KnownError("output_in_data_folder")
    try:
        found = os.lstat(target)
    except FileNotFoundError:
        found = None
    except OSError:
        raise KnownError("output_not_regular") from None
    if found is None:
        return target
    if not stat.S_ISREG(found.st_mode):
        raise KnownError("output_not_regular")
    if _BACKUP_NAME.match(target.name) or _looks_like_key_file(target):
        raise KnownError("output_protected")
    if not replace:
        raise KnownError("output_exists")
    return target


def write_file(
    path: str | os.PathLike[str], data: bytes | Iterable[bytes], *, data_dir: Path | None,
    replace: bool = False,
) -> Path:
    """Write `data` to `path` once `check_destination` accepts it; return the file
    written (resolved). Refuses as check_destination does, disk_error when the disk
    is full, folder_unwritable for any other failure to write; nothing is left
    behind on failure."""
    target = check_destination(path, data_dir=data_dir, replace=replace)
    chunks = [data] if isinstance(data, bytes) else data
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                        dir=target.parent)
    except OSError as exc:
        raise write_error(exc) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        _install(tmp, target, replace=replace, data_dir=data_dir)
    except KnownError:
        tmp.unlink(missing_ok=True)
        raise
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise write_error(exc) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    with contextlib.suppress(OSError):
        fsync_dir(target.parent)
    return target


def write_files(data_dir: Path | None, *files: tuple[Path, bytes | None]) -> list[Path]:
    """Write several new files (never replacing one) as `write_file` does; a file
    given None is skipped. If one is refused or fails, those already written are
    removed: all of them are written, or none."""
    written: list[Path] = []
    try:
        for path, data in files:
            if data is not None:
                written.append(write_file(path, data, data_dir=data_dir))
    except BaseException:
        for done in written:
            done.unlink(missing_ok=True)
        raise
    return written


def _install(tmp: Path, target: Path, *, replace: bool, data_dir: Path | None) -> None:
    """Rename the finished temporary file to its name. Without `replace`, a file
    that appeared meanwhile is not overwritten: a hard link fails if the name is
    taken (on a disk without links, such as FAT, it is looked for once more)."""
    if replace:
        # The name may have become something else since the check: look again.
        check_destination(target, data_dir=data_dir, replace=True)
        os.replace(tmp, target)
        return
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise KnownError("output_exists") from None
    except OSError:
        if os.path.lexists(target):
            raise KnownError("output_exists") from None
        os.replace(tmp, target)
        return
    tmp.unlink()


def write_error(exc: OSError) -> KnownError:
    """disk_error for a full disk (or quota), folder_unwritable for any other
    failure to write; only the system's description of the error is said."""
    if exc.errno in _DISK_FULL:
        return KnownError("disk_error", reason=exc.strerror or type(exc).__name__)
    return KnownError("folder_unwritable", reason=exc.strerror or type(exc).__name__)
