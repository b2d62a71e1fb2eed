"""What an attacker with the laptop's disk finds: nothing readable."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from conftest import CANARY_NEEDLES, PASSPHRASE, an_activity, canary_beneficiary

from accomp.domain.errors import KnownError
from accomp.services import activities, vaults
from accomp.store import attempts


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def _snapshot(root: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in _files(root)}


def _assert_no_plaintext(root: Path) -> None:
    files = _files(root)
    assert files
    for path in files:
        data = path.read_bytes()
        for needle in CANARY_NEEDLES:
            for encoding in ("utf-8", "utf-16-le"):
                assert needle.encode(encoding) not in data, f"{needle!r} in {path.name}"
        assert not data.startswith(b"SQLite format 3"), path.name


def _log_canaries(vault) -> None:
    b = canary_beneficiary(vault)
    activities.log_activity(
        vault, an_activity(beneficiary_id=b.id, notes="CANARYNOTE rendez-vous CAF"),
    )


def test_no_canary_in_any_file_while_open_and_after_lock(vault, paths):
    # A connection held open keeps the -wal and -shm files (as the GUI does between
    # two saves): they must be encrypted too.
    held = vault.engine.raw_connection()
    _log_canaries(vault)
    vault.backup_to(paths.backups / "manual.db")
    assert paths.db.with_name("vault.db-wal").stat().st_size > 0
    _assert_no_plaintext(paths.data_dir)
    held.close()
    vault.lock()
    _assert_no_plaintext(paths.data_dir)


def test_python_sqlite_cannot_read_the_vault(vault, paths):
    _log_canaries(vault)
    vault.lock()
    conn = sqlite3.connect(paths.db)
    with pytest.raises(sqlite3.DatabaseError):
        conn.execute("SELECT * FROM sqlite_master").fetchall()
    conn.close()


def test_wrong_passphrase_is_refused_and_changes_no_byte(vault, paths):
    _log_canaries(vault)
    vault.lock()
    before = _snapshot(paths.data_dir)
    with pytest.raises(KnownError) as info:
        vaults.unlock(paths, PASSPHRASE + "x")
    assert info.value.code == "wrong_passphrase"
    assert "incorrecte" in str(info.value)
    # Only the failure count of the back-off is written, beside vault.key.
    counter = paths.data_dir / attempts.FILE_NAME
    assert counter.exists()
    counter.unlink()
    assert _snapshot(paths.data_dir) == before


def test_recovery_code_unlocks_and_resets_the_passphrase(vault, paths):
    _log_canaries(vault)
    code = vault.recovery_code
    vault.lock()
    v = vaults.unlock_with_recovery(paths, code.lower().replace("-", " "))
    assert activities.count_activities(v) == 1
    v.lock()
    with pytest.raises(KnownError):
        vaults.unlock_with_recovery(paths, "AAAAA-" * 6 + "AAAAA")
    vaults.reset_passphrase(paths, code, "new passphrase for the office", enforce_policy=False)
    with pytest.raises(KnownError):
        vaults.unlock(paths, PASSPHRASE)
    vaults.unlock(paths, "new passphrase for the office").lock()


def test_changing_the_passphrase_rewraps_without_touching_data(vault, paths):
    _log_canaries(vault)
    vault.lock()
    db_before = hashlib.sha256(paths.db.read_bytes()).hexdigest()
    vaults.change_passphrase(
        paths, PASSPHRASE, "another long passphrase here", enforce_policy=False
    )
    assert hashlib.sha256(paths.db.read_bytes()).hexdigest() == db_before
    with pytest.raises(KnownError) as info:
        vaults.unlock(paths, PASSPHRASE)
    assert info.value.code == "wrong_passphrase"
    v = vaults.unlock(paths, "another long passphrase here")
    rows = activities.list_activities(v)
    assert len(rows) == 1
    assert rows[0].themes == ["Email", "AideAuxDemarchesAdministratives"]
    v.lock()


def test_changing_the_passphrase_needs_the_old_one(vault, paths):
    vault.lock()
    with pytest.raises(KnownError):
        vaults.change_passphrase(paths, "not it", "whatever new one", enforce_policy=False)
    vaults.unlock(paths, PASSPHRASE).lock()


def test_folders_are_0700_and_files_0600(vault, paths):
    _log_canaries(vault)
    vault.backup_to(paths.backups / "b.db")
    for path in [paths.data_dir, *paths.data_dir.rglob("*")]:
        mode = stat.S_IMODE(os.stat(path).st_mode)
        expected = 0o700 if path.is_dir() else 0o600
        assert mode == expected, (path.name, oct(mode))


def test_files_are_private_even_with_a_permissive_umask(paths):
    old = os.umask(0o022)
    try:
        v, _ = vaults.create_vault(paths, PASSPHRASE, kdf=vaults.KdfParams(1, 1024, 1),
                                   enforce_policy=False)
        _log_canaries(v)
        v.lock()
    finally:
        os.umask(old)
    for path in paths.data_dir.rglob("*"):
        assert stat.S_IMODE(os.stat(path).st_mode) & 0o077 == 0, path.name


def test_key_file_uses_argon2id_with_the_agreed_cost(paths):
    v, _ = vaults.create_vault(paths, PASSPHRASE, enforce_policy=False)  # real cost
    v.lock()
    box = json.loads(paths.key_file.read_text())
    kdf = box["passphrase"]["kdf"]
    assert kdf["alg"] == "argon2id"
    assert (kdf["time_cost"], kdf["memory_kib"], kdf["parallelism"]) == (3, 65536, 4)
    assert len(__import__("base64").b64decode(kdf["salt"])) == 16
    assert box["format"] == 1
    vaults.unlock(paths, PASSPHRASE).lock()


def test_creating_over_an_existing_vault_is_refused(vault, paths):
    with pytest.raises(KnownError) as info:
        vaults.create_vault(paths, PASSPHRASE, enforce_policy=False)
    assert info.value.code == "vault_exists"


def test_a_damaged_key_file_is_reported(vault, paths):
    vault.lock()
    paths.key_file.write_text("{not json")
    with pytest.raises(KnownError) as info:
        vaults.unlock(paths, PASSPHRASE)
    assert info.value.code == "key_file_damaged"


def test_locked_vault_refuses_reads(vault):
    vault.lock()
    assert vault.is_locked
    with pytest.raises(KnownError) as info:
        activities.count_activities(vault)
    assert info.value.code == "vault_locked"
