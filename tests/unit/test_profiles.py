"""Several workers on one computer: one vault per profile in the user's data folder,
names checked, a vault from before profiles moved into a first profile without ever
being copied or lost, and each profile's vault shut to the other's passphrase."""

from __future__ import annotations

import os
import stat
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from conftest import CHEAP_KDF_ARGS

from accomp import paths as paths_module
from accomp.domain.errors import KnownError
from accomp.paths import PROFILE_NAME_MAX, AppPaths, check_profile_name


@pytest.fixture
def root(tmp_path: Path) -> AppPaths:
    return AppPaths.at(tmp_path / "accomp")


@pytest.mark.parametrize("name", ["Anne", "Profil 1", "J.-É. Martin", "Ça va", "a" * 40,
                                  "médiatrice 2", "李"])
def test_names_a_worker_would_choose_are_accepted(name: str) -> None:
    assert check_profile_name(name) == name


@pytest.mark.parametrize("name", [
    "", "a" * (PROFILE_NAME_MAX + 1), "../Anne", "Anne/..", "a\\b", ".cache", "..",
    "Anne.", " Anne", "Anne ", "a:b", "a*b", "a?b", 'a"b', "a<b", "a|b", "tab\there",
    "nul\0", "line\nbreak", "nbsp\u00a0here", "zero\u200bwidth", "CON", "con", "Nul.txt",
    "COM1", "lpt9",
])
def test_a_name_that_could_leave_the_profiles_folder_or_trip_a_system_is_refused(
    name: str,
) -> None:
    with pytest.raises(KnownError) as err:
        check_profile_name(name)
    assert err.value.code == "profile_name_invalid"
    # The refused name is never repeated in the message (it may be anything typed).
    for lang in ("fr", "en"):
        message = err.value.message(lang)  # type: ignore[arg-type]
        assert str(PROFILE_NAME_MAX) in message
        if len(name) > 3:
            assert name not in message


def test_profiles_are_private_folders_listed_by_name_only(root: AppPaths) -> None:
    assert root.profile_names() == []
    b = root.new_profile("bruno")
    a = root.new_profile("Anne")
    assert root.profile_names() == ["Anne", "bruno"]
    assert a.data_dir == root.data_dir / "profiles" / "Anne"
    for folder in (root.data_dir, root.profiles_dir, a.data_dir, b.data_dir):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    # Anything else in profiles/ is not a profile.
    (root.profiles_dir / ".migration").mkdir()
    (root.profiles_dir / "stray-file").write_text("x")
    assert root.profile_names() == ["Anne", "bruno"]


def test_a_name_taken_whatever_its_capitals_is_refused(root: AppPaths) -> None:
    root.new_profile("Anne")
    for name in ("Anne", "ANNE", "anne"):
        with pytest.raises(KnownError) as err:
            root.new_profile(name)
        assert err.value.code == "profile_name_taken"
    assert root.profile("aNNe").data_dir.name == "Anne"
    root.new_profile("Éloïse")
    with pytest.raises(KnownError):  # the same name, its accents typed another way
        root.new_profile(unicodedata.normalize("NFD", "éloïse"))
    with pytest.raises(KnownError) as unknown:
        root.profile("Bruno")
    assert unknown.value.code == "profile_unknown"
    with pytest.raises(KnownError) as invalid:
        root.profile("../Anne")
    assert invalid.value.code == "profile_name_invalid"


# --- the vault from before profiles -------------------------------------------------


def _single_vault(root: AppPaths) -> dict[str, tuple[int, bytes]]:
    """A data folder as accomp wrote it before profiles; (inode, bytes) of each file."""
    top = root.data_dir
    (top / "backups").mkdir(parents=True)
    files = {
        "vault.db": b"SQLCIPHER PAGES" * 100, "vault.db-wal": b"WAL FRAMES",
        "vault.key": b"WRAPPED KEY", "settings.json": b'{"language": "en"}',
        "unlock-attempts": b'{"failures": 2}', "backups/accomp-2026-11-30.db": b"BACKUP",
    }
    for name, data in files.items():
        (top / name).write_bytes(data)
    return {name: ((top / name).stat().st_ino, data) for name, data in files.items()}


def _where(root: AppPaths, name: str) -> list[Path]:
    candidates = [root.data_dir / name, root.profiles_dir / ".migration" / name,
                  *(root.profiles_dir / p / name for p in root.profile_names())]
    return [p for p in candidates if p.exists()]


def test_a_single_vault_moves_into_a_first_profile_without_a_copy(root: AppPaths) -> None:
    before = _single_vault(root)
    assert root.has_single_vault()
    assert root.migrate_single_vault() == "Profil 1"
    profile = root.profile("Profil 1")
    for name, (inode, data) in before.items():
        moved = profile.data_dir / name
        assert moved.read_bytes() == data
        assert moved.stat().st_ino == inode  # renamed, never copied
    assert [p.name for p in root.data_dir.iterdir()] == ["profiles"]
    assert not root.has_single_vault()
    assert root.migrate_single_vault() is None  # nothing left to move
    assert root.profile_names() == ["Profil 1"]


def test_the_first_profile_takes_a_free_name(root: AppPaths) -> None:
    root.new_profile("profil 1")
    _single_vault(root)
    assert root.migrate_single_vault() == "Profil 2"


@pytest.mark.parametrize("fail_at", [1, 3, 6, 7])
def test_a_move_failing_halfway_loses_nothing_and_resumes(
    root: AppPaths, monkeypatch: pytest.MonkeyPatch, fail_at: int,
) -> None:
    """The attacker here is the disk: a rename refused after some have succeeded
    (a crash is the same: renames already made stay made)."""
    before = _single_vault(root)
    real_rename = os.rename
    calls = {"n": 0}

    def failing(src: Any, dst: Any) -> None:
        calls["n"] += 1
        if calls["n"] == fail_at:
            raise PermissionError("refused")
        real_rename(src, dst)

    monkeypatch.setattr(paths_module.os, "rename", failing)
    with pytest.raises(KnownError) as err:
        root.migrate_single_vault()
    assert err.value.code == "profile_migration_failed"
    for name, (inode, data) in before.items():
        found = _where(root, name)
        assert len(found) == 1, (name, found)  # neither lost nor copied
        assert found[0].read_bytes() == data
        assert found[0].stat().st_ino == inode
    # While vault.key has not moved, the vault is still seen where it was.
    key_moved = not (root.data_dir / "vault.key").exists()
    assert root.has_single_vault() is not key_moved

    monkeypatch.setattr(paths_module.os, "rename", real_rename)
    assert root.migrate_single_vault() == "Profil 1"
    profile = root.profile("Profil 1")
    for name, (inode, data) in before.items():
        assert (profile.data_dir / name).read_bytes() == data
        assert (profile.data_dir / name).stat().st_ino == inode
    assert not (root.profiles_dir / ".migration").exists()


def test_a_file_put_back_at_the_top_meanwhile_is_never_written_over(root: AppPaths) -> None:
    _single_vault(root)
    staging = root.profiles_dir / ".migration"
    staging.mkdir(parents=True)
    (staging / "vault.db").write_bytes(b"MOVED EARLIER")
    with pytest.raises(KnownError):
        root.migrate_single_vault()
    assert (staging / "vault.db").read_bytes() == b"MOVED EARLIER"
    assert (root.data_dir / "vault.db").read_bytes() == b"SQLCIPHER PAGES" * 100


# --- two workers' vaults -------------------------------------------------------------


def _tree_modes(folder: Path) -> list[tuple[str, int]]:
    out = [(str(folder), stat.S_IMODE(folder.stat().st_mode))]
    for path in folder.rglob("*"):
        out.append((str(path), stat.S_IMODE(path.stat().st_mode)))
    return out


def test_two_profiles_are_private_and_each_shut_to_the_others_passphrase(
    root: AppPaths,
) -> None:
    from accomp.services import vaults

    kdf = vaults.KdfParams(*CHEAP_KDF_ARGS)
    secrets = {"Anne": "Anne-la-mediatrice ouvre son coffre 2026",
               "Bruno": "Bruno garde le sien ailleurs, merci 2026"}
    for name, passphrase in secrets.items():
        vault, _code = vaults.create_vault(root.new_profile(name), passphrase, kdf=kdf,
                                           enforce_policy=False)
        vault.lock()
    anne, bruno = root.profile("Anne"), root.profile("Bruno")

    for profile in (anne, bruno):
        for path, mode in _tree_modes(profile.data_dir):
            expected = 0o700 if Path(path).is_dir() else 0o600
            assert mode == expected, (path, oct(mode))
    assert stat.S_IMODE(root.profiles_dir.stat().st_mode) == 0o700

    for profile, other in ((anne, secrets["Bruno"]), (bruno, secrets["Anne"])):
        with pytest.raises(KnownError) as err:
            vaults.unlock(profile, other)
        assert err.value.code == "wrong_passphrase"
    # Failures are counted per profile: Anne's do not slow Bruno down.
    for _ in range(4):
        with pytest.raises(KnownError):
            vaults.unlock(anne, "not Anne's passphrase at all")
    from accomp.store import attempts

    assert attempts.read(anne.data_dir).failures == 5
    assert attempts.read(bruno.data_dir).failures == 1
    for profile, own in ((anne, secrets["Anne"]), (bruno, secrets["Bruno"])):
        vaults.unlock(profile, own).lock()
    assert attempts.read(bruno.data_dir).failures == 0
