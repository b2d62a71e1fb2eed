"""Where accomp keeps its files, and how it creates them: folders 0700, files 0600,
created with that mode from the start (never chmod-ed after).

Profiles: several workers sharing one computer (one operating-system session) each
have their own vault in `profiles/<name>/` of the user's data folder, with its own
vault.key, backups/, unlock-attempts and settings. The only thing anyone at the
computer sees before a passphrase is the list of the names the workers chose (the
folder names): no other data is kept about a profile. `--data-dir` still names one
vault folder directly, without profiles.

A data folder from before profiles (vault.key at its top) is moved into a first
profile at the next start (migrate_single_vault): renames inside one file system,
never a copy, resumed if interrupted.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from accomp.domain.errors import KnownError

APP_NAME = "accomp"
PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600

PROFILES_DIR = "profiles"
PROFILE_NAME_MAX = 40
FIRST_PROFILE = "Profil 1"
# Where a single vault waits while it moves into its profile (never a valid name).
MIGRATION_DIR = ".migration"
# Characters no profile name may hold: path separators, and what Windows refuses.
_FORBIDDEN = frozenset('/\\:*?"<>|')


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

    # Profiles: `self` is then the user's data folder, each profile an AppPaths of its own.

    @property
    def profiles_dir(self) -> Path:
        return self.data_dir / PROFILES_DIR

    def has_single_vault(self) -> bool:
        """A vault from before profiles sits at the top of this folder."""
        return self.key_file.exists()

    def profile_names(self) -> list[str]:
        """The profiles' names, sorted without regard to case (folders only; anything
        else found there, such as the migration folder, is not a profile)."""
        try:
            entries = list(self.profiles_dir.iterdir())
        except FileNotFoundError:
            return []
        names = [e.name for e in entries if e.is_dir() and _valid_name(e.name)]
        return sorted(names, key=lambda n: (n.casefold(), n))

    def profile(self, name: str) -> AppPaths:
        """The existing profile called `name` (capitals do not count). Refuses an
        invalid name (profile_name_invalid) and an unknown one (profile_unknown)."""
        wanted = check_profile_name(name).casefold()
        for existing in self.profile_names():
            if existing.casefold() == wanted:
                return AppPaths(self.profiles_dir / existing)
        raise KnownError("profile_unknown")

    def new_profile(self, name: str) -> AppPaths:
        """Create the folder (0700) of a new profile; its vault is created afterwards
        as any vault. Refuses an invalid name (profile_name_invalid) and one that
        differs from an existing profile's only by capitals (profile_name_taken)."""
        name = check_profile_name(name)
        if any(n.casefold() == name.casefold() for n in self.profile_names()):
            raise KnownError("profile_name_taken")
        ensure_private_dir(self.profiles_dir)
        folder = self.profiles_dir / name
        with restrictive_umask():
            try:
                folder.mkdir(mode=PRIVATE_DIR)
            except FileExistsError:
                raise KnownError("profile_name_taken") from None
        return AppPaths(folder)

    def migrate_single_vault(self) -> str | None:
        """Move a vault from before profiles (everything at the top of this folder
        but profiles/) into a first profile; return its name, or None when there was
        nothing to move. Each entry is renamed into profiles/.migration/ (vault.key
        last, so that the vault is seen at the top until everything else has moved),
        then that folder is renamed to the profile's name: nothing is ever copied, and
        an interruption (a failing rename, a crash) leaves every file either at the
        top or in .migration/, which the next call finishes moving. Refuses with
        profile_migration_failed when a rename fails (the rest stays where it is)."""
        staging = self.profiles_dir / MIGRATION_DIR
        if not self.has_single_vault() and not staging.is_dir():
            return None
        try:
            ensure_private_dir(staging)
            tops = [e for e in self.data_dir.iterdir() if e.name != PROFILES_DIR]
            tops.sort(key=lambda e: e.name == self.key_file.name)  # vault.key last
            for entry in tops:
                if (staging / entry.name).exists():
                    # Put back at the top meanwhile: moving it would overwrite the
                    # one already moved. Stop; lose nothing.
                    raise FileExistsError(entry.name)
                os.rename(entry, staging / entry.name)
            fsync_dir(self.data_dir)
            fsync_dir(staging)
            name = self._free_profile_name()
            os.rename(staging, self.profiles_dir / name)
            fsync_dir(self.profiles_dir)
        except OSError:
            raise KnownError("profile_migration_failed") from None
        return name

    def _free_profile_name(self) -> str:
        taken = {n.casefold() for n in self.profile_names()}
        number = 1
        while f"Profil {number}".casefold() in taken:
            number += 1
        return f"Profil {number}"


def _valid_name(name: str) -> bool:
    try:
        check_profile_name(name)
    except KnownError:
        return False
    return True


def check_profile_name(name: str) -> str:
    """`name` if it can name a profile's folder on every system: 1 to PROFILE_NAME_MAX
    characters, no path separator or character Windows refuses, no invisible
    character, no dot or space at either end, not a reserved Windows device name.
    Kept in NFC form (an accent typed as two characters is the same name).
    Refuses with profile_name_invalid (the name itself is never in the message)."""
    name = unicodedata.normalize("NFC", name)
    stem = name.split(".")[0].strip().upper()
    if (
        not name
        or len(name) > PROFILE_NAME_MAX
        or name[0] in ". " or name[-1] in ". "
        or any(_bad_char(c) for c in name)
        or stem in _RESERVED
    ):
        raise KnownError("profile_name_invalid", max=PROFILE_NAME_MAX)
    return name


def _bad_char(c: str) -> bool:
    # Separators and controls (categories Z*, C*) but the plain space.
    return c in _FORBIDDEN or (c != " " and unicodedata.category(c)[0] in "CZ")


_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL"} | {f"COM{i}" for i in range(10)} | {f"LPT{i}" for i in range(10)}
)


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
