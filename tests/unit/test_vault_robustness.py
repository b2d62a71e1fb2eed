"""Crashes, damaged files, schema upgrades and a tampered journal."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import (
    PASSPHRASE,
    an_activity,
    as_before_journal_heads,
    canary_beneficiary,
    flip_bytes_in_a_data_page,
)
from sqlalchemy import text

from accomp import cli
from accomp.domain.errors import KnownError
from accomp.services import activities, beneficiaries, vaults
from accomp.store import engine as engines
from accomp.store import migrate, wal
from accomp.store.keys import KeyFile, key_hex

HERE = Path(__file__).parent


def _raw(paths):
    """A raw, keyed connection, as an attacker who had the key would have."""
    key = KeyFile.read(paths.key_file).open_with_passphrase(PASSPHRASE)
    return engines.connect(paths.db, key_hex(key))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_kill_9_during_continuous_logging_loses_no_saved_activity(vault, paths):
    vault.lock()
    rng = random.Random(7)
    confirmed: list[int] = []
    for _round in range(20):
        proc = subprocess.Popen(
            [sys.executable, str(HERE / "crash_writer.py"), str(paths.data_dir), PASSPHRASE],
            stdout=subprocess.PIPE, text=True,
        )
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        deadline = time.monotonic() + rng.uniform(0.2, 0.7)
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            confirmed.append(int(line))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        # Each crash leaves a log that reads sound: nothing acknowledged is lost.
        assert wal.inspect(paths.db.with_name("vault.db-wal")).sound
    assert len(confirmed) > 100
    v = vaults.unlock(paths, PASSPHRASE)
    try:
        report = vaults.check(v)
        assert report.sound, report
        stored = {row.id for row in activities.list_activities(v, limit=100_000)}
        assert set(confirmed) <= stored
    finally:
        v.lock()




def test_flipped_bytes_are_detected_and_the_vault_is_never_written(vault, paths):
    b = canary_beneficiary(vault)
    for i in range(60):
        activities.log_activity(vault, an_activity(beneficiary_id=b.id, notes="n" * 200 + str(i)))
    vault.lock()
    flip_bytes_in_a_data_page(paths.db)
    before = _digest(paths.db)
    v = vaults.unlock(paths, PASSPHRASE)
    try:
        assert v.damaged
        assert v.read_only
        with pytest.raises(KnownError) as info:
            activities.log_activity(v, an_activity())
        assert info.value.code == "vault_read_only"
        assert not vaults.check(v).sound
    finally:
        v.lock()
    assert _digest(paths.db) == before
    assert not paths.db.with_name("vault.db-wal").exists()
    assert cli.main(["check", "--data-dir", str(paths.data_dir),
                     "--passphrase-file", str(_passfile(paths))]) == cli.EXIT_DAMAGE
    assert _digest(paths.db) == before


def test_a_destroyed_header_page_is_reported_not_crashed(vault, paths):
    vault.lock()
    data = bytearray(paths.db.read_bytes())
    data[100:200] = bytes(100)
    paths.db.write_bytes(bytes(data))
    with pytest.raises(KnownError) as info:
        vaults.unlock(paths, PASSPHRASE)
    assert info.value.code == "vault_unreadable"


def _passfile(paths) -> Path:
    f = paths.data_dir.parent / "pass.txt"
    f.write_text(PASSPHRASE + "\n")
    return f


def test_upgrade_from_the_first_revision_keeps_and_extends_data(paths):
    # Build a vault as the first released schema made it, holding data.
    v, _ = vaults.create_vault(paths, PASSPHRASE, kdf=vaults.KdfParams(1, 1024, 1),
                               enforce_policy=False)
    v.lock()
    paths.db.unlink()
    as_before_journal_heads(paths)
    for suffix in ("-wal", "-shm"):
        paths.db.with_name("vault.db" + suffix).unlink(missing_ok=True)
    paths.db.touch(mode=0o600)
    key = key_hex(KeyFile.read(paths.key_file).open_with_passphrase(PASSPHRASE))
    engine = engines.make_engine(paths.db, key)
    migrate.upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO beneficiary (id, code, first_name, last_name, gender, age_band,"
            " social_status, created_at, updated_at, legal_basis, informed_on) VALUES"
            " (1, 'B-AAAA', 'Hélène', 'Martin', 'Feminin', 'NonCommunique', 'Retraite',"
            " '2025-01-01', '2025-01-01', 'MissionInteretPublic', '2025-01-01')"))
        conn.execute(text(
            "INSERT INTO activity (id, kind, date, duration_min, place_type, themes,"
            " admin_themes, equipment, beneficiary_id, referred, anonymous, participants,"
            " created_at, updated_at) VALUES (1, 'individuel', '2025-03-04', 30,"
            " 'LieuActivite', '[\"Email\"]', '[]', '[]', 1, 0, '{}', 1, '2025-03-04',"
            " '2025-03-04')"))
    engine.dispose()

    v = vaults.unlock(paths, PASSPHRASE)
    try:
        assert list(paths.backups.glob("avant-migration-*.db")), "no backup before migration"
        found = beneficiaries.search_beneficiaries(v, "helene")
        assert [b.code for b in found] == ["B-AAAA"]
        assert activities.list_activities(v)[0].beneficiary_code == "B-AAAA"
    finally:
        v.lock()
    raw = _raw(paths)
    assert raw.execute("SELECT version_num FROM alembic_version").fetchone()[0] == (
        migrate.head_revision())
    assert raw.execute("SELECT last_contact FROM beneficiary").fetchone()[0] == "2025-03-04"
    raw.close()


def test_a_vault_from_a_newer_version_is_refused_untouched(vault, paths):
    vault.lock()
    raw = _raw(paths)
    raw.execute("UPDATE alembic_version SET version_num = '9999_future'")
    raw.close()
    before = _digest(paths.db)
    with pytest.raises(KnownError) as info:
        vaults.unlock(paths, PASSPHRASE)
    assert info.value.code == "vault_too_new"
    assert "plus récente" in info.value.message("fr")
    assert _digest(paths.db) == before
    assert not paths.backups.exists()


def test_the_journal_refuses_update_and_delete(vault, paths):
    canary_beneficiary(vault)
    vault.lock()
    raw = _raw(paths)
    with pytest.raises(Exception, match="append-only"):
        raw.execute("UPDATE audit_event SET actor = 'someone else'")
    with pytest.raises(Exception, match="append-only"):
        raw.execute("DELETE FROM audit_event")
    raw.close()


@pytest.mark.parametrize("tamper", ["edit", "delete"])
def test_a_tampered_journal_is_detected_by_check(vault, paths, tamper, capsys):
    for _ in range(3):
        activities.log_activity(vault, an_activity())
    vault.lock()
    passfile = _passfile(paths)
    args = ["check", "--data-dir", str(paths.data_dir), "--passphrase-file", str(passfile)]
    assert cli.main(args) == cli.EXIT_OK
    raw = _raw(paths)
    raw.execute("DROP TRIGGER audit_event_no_update")
    raw.execute("DROP TRIGGER audit_event_no_delete")
    if tamper == "edit":
        raw.execute("UPDATE audit_event SET action = 'activity.view' WHERE id = 2")
    else:
        raw.execute("DELETE FROM audit_event WHERE id = 2")
    raw.close()
    capsys.readouterr()
    assert cli.main(args) == cli.EXIT_DAMAGE
    err = capsys.readouterr().err
    assert "Journal d'audit altéré" in err
    assert "Traceback" not in err


def test_check_cannot_unlock_with_a_wrong_passphrase(vault, paths, capsys):
    vault.lock()
    bad = paths.data_dir.parent / "bad.txt"
    bad.write_text("nope")
    code = cli.main(["check", "--data-dir", str(paths.data_dir), "--passphrase-file", str(bad)])
    assert code == cli.EXIT_USAGE
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["Phrase de passe incorrecte."]
