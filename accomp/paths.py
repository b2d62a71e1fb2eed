"""Where accomp keeps its files, and how it creates them: folders 0700, files 0600,
created with that mode from the start (never chmod-ed after)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "accomp"
PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


@dataclass(frozen=True, slots=True)
class AppPaths:
    data_dir: Path

    @classmethod
    def default(cls) -> AppPaths:
        # Local (not roaming) data: a vault must not follow a roaming Windows profile.
        return cls(Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False)))

    @classmethod
    def at(cls, data_dir: str | os.PathLike[str]) -> AppPaths:
        return cls(Path(data_dir).expanduser().absolute())

    @property
    def db(self) -> Path:
        return self.data_dir / "vault.db"

    @property
    def key_file(self) -> Path:
        return self.data_dir / "vault.key"

    @property
    def backups(self) -> Path:
        return self.data_dir / "backups"

    @property
    def settings(self) -> Path:
        return self.data_dir / "settings.json"


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and missing parents) as 0700 folders."""
    with restrictive_umask():
        path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    return path


@contextlib.contextmanager
def restrictive_umask() -> Iterator[None]:
    old = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(old)


def create_private_file(path: Path) -> None:
    """Create an empty file with mode 0600; fails if it exists."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _binary(), PRIVATE_FILE)
    os.close(fd)


def write_private_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically: a 0600 temporary file in the same folder,
    flushed to disk, then renamed over the target. The temporary name is
    unpredictable and created exclusively (never one someone else made first).
    For accomp's own files; a file written for the user goes through
    reports.destination, which refuses dangerous destinations."""
    ensure_private_dir(path.parent)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)


def _binary() -> int:
    return getattr(os, "O_BINARY", 0)


def fsync_dir(path: Path) -> None:
    """Make a rename in `path` durable (POSIX; nothing to do elsewhere)."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
