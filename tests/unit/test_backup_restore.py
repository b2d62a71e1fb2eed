"""Restore: backup -> the vault is tampered with or damaged -> restore gives back
every table exactly as backed up; the replaced file is kept; a file that is not a
good backup of this vault changes nothing."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import PASSPHRASE, an_activity, canary_beneficiary

from accomp.domain.errors import KnownError
from accomp.paths import AppPaths
from accomp.services import activities, backups, beneficiaries, lifecycle, vaults
from accomp.store import attempts
from accomp.store import backup as store_backup
from accomp.store import engine as engines


def _digests(path: Path, hex_key: str) -> dict:
    conn = engines.connect(path, hex_key, read_only=True)
    try:
        return store_backup.table_digests(conn)
    finally:
        conn.close()


def _files(root: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def backed_up(vault):
    person = canary_beneficiary(vault)
    for day in ("2026-11-02", "2026-11-09", "2026-11-16"):
        activities.log_activity(vault, an_activity(beneficiary_id=person.id, date=day))
    info = backups.backup_now(vault)
    hex_key = vault._hex_key
    return vault, person, info, hex_key


def test_restore_after_tampering_gives_back_every_table_as_backed_up(backed_up):
    vault, person, info, hex_key = backed_up
    expected = _digests(info.path, hex_key)
    # tampering: rows changed, deleted and added after the backup
    beneficiaries.update_beneficiary(vault, person.id, {"gender": "Masculin"})
    activities.delete_activity(vault, 1)
    activities.log_activity(vault, an_activity(date="2026-11-25"))
    lifecycle.set_retention_period(vault, "notes", 6)
    assert _digests(vault.paths.db, hex_key) != expected
    paths = vault.paths
    vault.lock()

    restored = backups.restore(paths, PASSPHRASE, info.path)

    assert _digests(paths.db, hex_key) == expected  # every table, row for row
    assert restored.before_restore == paths.data_dir / "vault.db.before-restore"
    assert restored.tables == len(expected)
    reopened = vaults.unlock(paths, PASSPHRASE)
    try:
        assert activities.count_activities(reopened) == 3
        assert vaults.check(reopened).sound
        backups.record_restore(reopened, restored)
        assert lifecycle.journal_events(reopened)[0].action == "backup.restore"
        assert vaults.check(reopened).sound
    finally:
        reopened.lock()
    old = _digests(restored.before_restore, hex_key)  # the replaced file is intact
    assert old["activity"].rows == 3  # two kept + one added, one deleted


def test_restore_repairs_a_damaged_vault_file(backed_up):
    vault, _, info, hex_key = backed_up
    paths = vault.paths
    vault.lock()
    with paths.db.open("r+b") as fh:  # flipped bytes in the middle of the file
        fh.seek(paths.db.stat().st_size // 2)
        fh.write(os.urandom(512))
    damaged = vaults.unlock(paths, PASSPHRASE)
    assert damaged.read_only
    assert damaged.damaged
    damaged.lock()

    backups.restore(paths, PASSPHRASE, info.path)

    assert _digests(paths.db, hex_key) == _digests(info.path, hex_key)
    healthy = vaults.unlock(paths, PASSPHRASE)
    assert not healthy.damaged
    healthy.lock()


def test_a_file_that_is_not_a_good_backup_changes_nothing(backed_up, tmp_path):
    vault, _, info, _ = backed_up
    paths = vault.paths
    vault.lock()
    before = _files(paths.data_dir)

    junk = tmp_path / "accomp-20260101-000000.db"
    junk.write_bytes(os.urandom(8192))
    truncated = tmp_path / "truncated.db"
    truncated.write_bytes(info.path.read_bytes()[: 3 * 4096])
    for candidate in (junk, truncated):
        with pytest.raises(KnownError) as err:
            backups.restore(paths, PASSPHRASE, candidate)
        assert err.value.code == "backup_unreadable"
        assert "Rien n'a été modifié" in str(err.value)
    with pytest.raises(KnownError) as err:
        backups.restore(paths, PASSPHRASE + "x", info.path)
    assert err.value.code == "wrong_passphrase"
    with pytest.raises(KnownError) as err:
        backups.restore(paths, PASSPHRASE, tmp_path / "absent.db")
    assert err.value.code == "file_missing"
    (paths.data_dir / attempts.FILE_NAME).unlink()  # the back-off's count, beside the key
    assert _files(paths.data_dir) == before


def test_a_usb_backup_restores_on_a_new_computer(backed_up, tmp_path):
    vault, _, _, hex_key = backed_up
    usb = tmp_path / "usb"
    usb.mkdir()
    info = backups.backup_now(vault, usb)
    new_computer = AppPaths.at(tmp_path / "nouveau-poste")
    restored = backups.restore(new_computer, PASSPHRASE, info.path)
    assert restored.before_restore is None
    installed, kept = (json.loads(p.read_bytes()) for p in (new_computer.key_file,
                                                           vault.paths.key_file))
    assert installed["passphrase"] == kept["passphrase"]
    assert installed["recovery"] == kept["recovery"]
    assert _digests(new_computer.db, hex_key) == _digests(info.path, hex_key)
    other = vaults.unlock(new_computer, PASSPHRASE)
    assert activities.count_activities(other) == 3
    other.lock()


def _accomp(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-P", "-m", "accomp", *args], capture_output=True, text=True,
        input=stdin, env={**os.environ, "ACCOMP_LANG": "fr"}, timeout=120, check=False,
        cwd=tempfile.gettempdir(),  # the installed program, as a user runs it
    )


def test_accomp_restore_replaces_the_vault_and_journals_it(backed_up, tmp_path):
    vault, _, info, hex_key = backed_up
    activities.log_activity(vault, an_activity(date="2026-11-25"))
    paths = vault.paths
    vault.lock()
    passfile = tmp_path / "pass.txt"
    passfile.write_text(PASSPHRASE + "\n")

    done = _accomp("restore", "--data-dir", str(paths.data_dir), "--passphrase-file",
                   str(passfile), str(info.path), "--yes")

    assert done.returncode == 0, done.stderr
    assert "Coffre restauré" in done.stdout
    assert "vault.db.before-restore" in done.stdout
    digests = _digests(paths.db, hex_key)
    backup_digests = _digests(info.path, hex_key)
    assert {k: v for k, v in digests.items() if k != "audit_event"} == {
        k: v for k, v in backup_digests.items() if k != "audit_event"}
    assert digests["audit_event"].rows == backup_digests["audit_event"].rows + 1
    reopened = vaults.unlock(paths, PASSPHRASE)
    try:
        assert lifecycle.journal_events(reopened)[0].action == "backup.restore"
        assert vaults.check(reopened).sound
    finally:
        reopened.lock()


@pytest.mark.parametrize("answer", ["non\n", ""])  # a "no", or no terminal at all
def test_accomp_restore_without_confirmation_changes_nothing(
    backed_up, tmp_path, monkeypatch, capsys, answer
):
    from accomp import cli

    vault, _, info, _ = backed_up
    paths = vault.paths
    vault.lock()
    passfile = tmp_path / "pass.txt"
    passfile.write_text(PASSPHRASE)
    before = _files(paths.data_dir)
    monkeypatch.setattr("sys.stdin", io.StringIO(answer))
    umask = os.umask(0o077)
    try:
        status = cli.main(["restore", "--data-dir", str(paths.data_dir), "--passphrase-file",
                           str(passfile), str(info.path)])
    finally:
        os.umask(umask)
    assert status == 2
    assert "Restauration annulée" in capsys.readouterr().err
    assert _files(paths.data_dir) == before
