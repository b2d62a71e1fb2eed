"""Opening and checking vaults: what the command line and the GUI call."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from accomp.domain.errors import KnownError
from accomp.paths import AppPaths
from accomp.store import audit, vault_keys
from accomp.store import engine as engines
from accomp.store.keys import DEFAULT_KDF, KdfParams
from accomp.store.vault import (
    Vault,
    change_passphrase,
    create,
    exists,
    opened_for_check,
    reset_passphrase,
    unlock,
    unlock_with_recovery,
)

__all__ = [
    "DEFAULT_KDF",
    "CheckReport",
    "KdfParams",
    "Vault",
    "change_passphrase",
    "change_passphrase_of",
    "check",
    "create_vault",
    "damage_kind",
    "damage_refused",
    "exists",
    "open_for_check",
    "reset_passphrase",
    "unlock",
    "unlock_with_recovery",
]


def create_vault(
    paths: AppPaths, passphrase: str, *, kdf: KdfParams = DEFAULT_KDF,
    enforce_policy: bool = True, now: dt.datetime | None = None,
) -> tuple[Vault, str]:
    """Create a vault and write its creation to the journal (at `now`, else the real
    clock); return it with the recovery code. Refuses weak_passphrase and vault_exists."""
    vault, code = create(paths, passphrase, kdf=kdf, enforce_policy=enforce_policy)
    with vault.transaction() as s:
        audit.append(s, actor=vault.worker, action="vault.create", entity="vault", at=now)
    return vault, code


def change_passphrase_of(vault: Vault, old: str, new: str) -> None:
    """Change the passphrase of an open vault (re-wrap its key) and journal it.

    Refuses: wrong_passphrase (old), weak_passphrase (new). The database itself is
    not rewritten. Journal: vault.passphrase_change (no secret, of course)."""
    change_passphrase(vault.paths, old, new)
    with vault.transaction() as s:
        audit.append(s, actor=vault.worker, action="vault.passphrase_change", entity="vault")


_KEY_FILE = ("passphrase section", "recovery section", "journal head section",
             "unknown format", "worker ")


def damage_kind(problem: str) -> str:
    """What a problem found by the checks is about: "key_file" (vault.key),
    "log" (the -wal), "journal" (the audit journal's end or its triggers) or
    "database" (pages, indexes)."""
    if problem.startswith(_KEY_FILE):
        return "key_file"
    if problem.startswith("write-ahead log"):
        return "log"
    if problem.startswith(("journal", "append-only trigger")):
        return "journal"
    return "database"


@dataclass(frozen=True, slots=True)
class CheckReport:
    integrity_problems: list[str]
    audit_events: int
    audit_broken_at: list[int]

    @property
    def sound(self) -> bool:
        return not self.integrity_problems and not self.audit_broken_at

    @property
    def kinds(self) -> set[str]:
        """The kinds of damage found (see damage_kind)."""
        return {damage_kind(p) for p in self.integrity_problems}


@contextmanager
def open_for_check(
    paths: AppPaths, passphrase: str, anchors: Sequence[Path] = ()
) -> Iterator[Vault]:
    """The vault opened for `check` only: nothing is written to it, not even the
    schema upgrade or the backup an unlock would make (an older vault is read through
    an upgraded temporary copy, removed on leaving). Closed on leaving. `anchors`:
    key files kept with backups out of reach, whose recorded journal end must still
    be in the journal (reported as damage otherwise).
    Refuses as unlock does: no_vault, wrong_passphrase, vault_unreadable, vault_too_new."""
    with opened_for_check(paths, passphrase, anchors) as vault:
        yield vault


def check(vault: Vault) -> CheckReport:
    """Integrity checks of the database file and verification of the audit chain.
    Reads only. A vault from `open_for_check` was checked when it opened: the file is
    not read through a second time."""
    vault.settle_check()
    problems = list(vault.damage)
    if not problems and not vault.integrity_checked:
        raw = vault.engine.raw_connection()
        try:
            problems = engines.integrity_problems(raw.driver_connection)
        finally:
            raw.close()
    try:
        with vault.reading() as s:
            chain = audit.verify(s, vault_keys.signing_key(vault))
    except Exception as exc:  # a damaged file can fail any read: report it as damage
        problems.append(type(exc).__name__)
        return CheckReport(problems, 0, [])
    return CheckReport(problems, chain.events, chain.broken_at)


@contextmanager
def damage_refused(vault: Vault) -> Iterator[None]:
    """Around the reads of a vault unlocked with `check_later` (the command line's
    exports): a read that fails while the integrity check is still running waits for
    the check. Refuses vault_damaged when the check found damage (the vault is
    read-only from then on, as if it had been checked before opening); any other
    failure is not the file's and goes on as it was. Journal: nothing (a damaged
    vault is not written to)."""
    try:
        yield
    except KnownError:
        raise
    except Exception:
        vault.settle_check()
        if vault.damaged:
            raise KnownError("vault_damaged") from None
        raise
