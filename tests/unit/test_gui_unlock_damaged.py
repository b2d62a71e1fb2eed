"""The GUI's unlock (check_later=True) of a damaged vault writes nothing: not a save,
not the checkpoint a read-write connection makes when it closes, not a -wal."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from conftest import PASSPHRASE, an_activity, canary_beneficiary, flip_bytes_in_a_data_page
from test_wal import _killed_writer

from accomp import cli
from accomp.domain.errors import KnownError
from accomp.services import activities, vaults


def _state(paths) -> dict[str, str]:
    """The vault's data files: the database and its write-ahead log. Not vault.db-shm:
    SQLite's index of the log, which the first connection after a killed writer
    rebuilds from the log (it holds no record, and whether it is rebuilt depends on
    the instant the writer was killed)."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(paths.data_dir.iterdir())
            if p.name.startswith("vault.db") and p.name != "vault.db-shm"}


def _check(paths, tmp_path: Path) -> int:
    passfile = tmp_path / "pass.txt"
    passfile.write_text(PASSPHRASE + "\n")
    return cli.main(["check", "--data-dir", str(paths.data_dir),
                     "--passphrase-file", str(passfile)])


def _gui_unlock_writes_nothing(paths) -> None:
    before = _state(paths)
    v = vaults.unlock(paths, PASSPHRASE, check_later=True)
    try:
        assert v.settle_check() or v.damaged
        assert v.read_only
        with pytest.raises(KnownError) as info:
            activities.log_activity(v, an_activity())
        assert info.value.code == "vault_read_only"
    finally:
        v.lock()
    assert _state(paths) == before


def test_gui_unlock_of_a_damaged_vault_writes_zero_bytes(vault, paths, tmp_path):
    b = canary_beneficiary(vault)
    for i in range(60):
        activities.log_activity(vault, an_activity(beneficiary_id=b.id, notes="n" * 200 + str(i)))
    vault.lock()
    flip_bytes_in_a_data_page(paths.db)
    _gui_unlock_writes_nothing(paths)
    assert _check(paths, tmp_path) == cli.EXIT_DAMAGE


def test_gui_unlock_of_a_damaged_vault_left_with_a_log_writes_zero_bytes(
    vault, paths, tmp_path,
):
    b = canary_beneficiary(vault)
    for i in range(60):
        activities.log_activity(vault, an_activity(beneficiary_id=b.id, notes="n" * 200 + str(i)))
    vault.lock()
    assert _killed_writer(paths, 0.5)
    assert paths.db.with_name("vault.db-wal").exists()
    flip_bytes_in_a_data_page(paths.db)
    _gui_unlock_writes_nothing(paths)
    assert paths.db.with_name("vault.db-wal").exists()
    assert _check(paths, tmp_path) == cli.EXIT_DAMAGE


def test_gui_unlock_of_a_sound_vault_writes_once_the_check_passed(vault, paths):
    vault.lock()
    v = vaults.unlock(paths, PASSPHRASE, check_later=True)
    try:
        activities.log_activity(v, an_activity())
        assert not v.read_only
        assert not v.damaged
        assert len(activities.list_activities(v, limit=10)) == 1
    finally:
        v.lock()
