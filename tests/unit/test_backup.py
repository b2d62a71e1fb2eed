"""Backups: encrypted, verified after writing, at most one a day at close, the last
seven kept; a backup that fails verification is reported and never counted."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat

import pytest
from conftest import CANARY_NEEDLES, an_activity, canary_beneficiary

from accomp.domain.errors import KnownError
from accomp.services import activities, backups, lifecycle
from accomp.store import backup as store_backup

NOON = dt.datetime(2026, 11, 28, 12, 0)


@pytest.fixture
def logged(vault):
    person = canary_beneficiary(vault)
    activities.log_activity(vault, an_activity(beneficiary_id=person.id, notes="CANARYNOTE"))
    return vault


def test_a_backup_is_encrypted_private_verified_and_journaled(logged):
    info = backups.backup_now(logged, now=NOON)
    assert info.path == logged.paths.backups / "accomp-20261128-120000.db"
    data = info.path.read_bytes()
    assert not data.startswith(b"SQLite format 3")
    for needle in CANARY_NEEDLES:
        assert needle.encode() not in data
    assert stat.S_IMODE(os.stat(info.path).st_mode) == 0o600
    assert info.tables >= 10
    assert info.rows >= 4  # vault creation, file, activity, their events...
    assert [b.path for b in backups.list_backups(logged.paths)] == [info.path]
    event = lifecycle.journal_events(logged, action="backup.write")[0]
    assert event.details == {"name": info.path.name, "external": False,
                             "tables": info.tables, "rows": info.rows}
    check = backups.check_backup(logged.paths, "correct horse battery staple vault test",
                                 info.path)
    assert check.sound
    assert check.tables["activity"].rows == 1


def test_at_close_at_most_one_backup_a_day(logged):
    first = backups.backup_if_due(logged, now=NOON)
    assert first is not None
    assert backups.backup_if_due(logged, now=NOON + dt.timedelta(hours=5)) is None
    assert backups.backup_if_due(logged, now=NOON + dt.timedelta(days=1)) is not None
    assert len(backups.list_backups(logged.paths)) == 2


def test_rotation_keeps_the_newest_seven_by_default_and_the_setting_changes_it(logged):
    for day in range(9):
        backups.backup_now(logged, now=NOON + dt.timedelta(days=day))
    kept = backups.list_backups(logged.paths)
    assert len(kept) == 7
    assert kept[0].taken_at == NOON + dt.timedelta(days=8)
    assert kept[-1].taken_at == NOON + dt.timedelta(days=2)
    lifecycle.set_backup_keep(logged, 3)
    backups.backup_now(logged, now=NOON + dt.timedelta(days=9))
    assert len(backups.list_backups(logged.paths)) == 3
    with pytest.raises(KnownError) as info:
        lifecycle.set_backup_keep(logged, 0)
    assert info.value.code == "retention_out_of_bounds"


def test_a_backup_failing_verification_is_reported_deleted_and_not_counted(
    logged, monkeypatch
):
    good = backups.backup_now(logged, now=NOON)
    real_copy = store_backup._copy

    def copy_then_damage(src, target_path, hex_key):
        real_copy(src, target_path, hex_key)
        with target_path.open("r+b") as fh:  # a bad sector on the way to the disk
            fh.seek(4096 + 100)
            fh.write(b"\xff" * 64)

    monkeypatch.setattr(store_backup, "_copy", copy_then_damage)
    with pytest.raises(KnownError) as info:
        backups.backup_now(logged, now=NOON + dt.timedelta(days=1))
    assert info.value.code == "backup_unverified"
    assert "supprimée" in str(info.value)
    assert [b.path for b in backups.list_backups(logged.paths)] == [good.path]
    assert sorted(p.name for p in logged.paths.backups.iterdir()) == [
        good.path.name, good.path.with_suffix(".key").name]
    assert len(lifecycle.journal_events(logged, action="backup.write")) == 1
    # the day's backup is still due: the failed one did not count
    monkeypatch.setattr(store_backup, "_copy", real_copy)
    assert backups.backup_if_due(logged, now=NOON + dt.timedelta(days=1)) is not None


def test_a_backup_whose_rows_differ_from_the_vault_is_refused(logged, monkeypatch):
    real = store_backup.table_digests
    calls = []

    def digests(conn):
        result = real(conn)
        calls.append(1)
        if len(calls) == 2:  # the copy, read back: one row short in a table
            t = result["activity"]
            result["activity"] = store_backup.TableDigest(t.rows - 1, t.sha256)
        return result

    monkeypatch.setattr(store_backup, "table_digests", digests)
    with pytest.raises(KnownError) as info:
        backups.backup_now(logged, now=NOON)
    assert "activity" in info.value.params["reason"]
    assert backups.list_backups(logged.paths) == []


def _wrapped(path):
    """The key file's wrapped key (its journal head is the backup's own)."""
    raw = json.loads(path.read_bytes())
    return {k: v for k, v in raw.items() if k != "audit_head"}


def test_a_backup_to_a_chosen_folder_takes_the_key_file_and_is_not_rotated(logged, tmp_path):
    usb = tmp_path / "CLE_USB"
    usb.mkdir()
    for day in range(9):
        backups.backup_now(logged, usb, keep=2, now=NOON + dt.timedelta(days=day))
    found = backups.list_backups(usb)
    assert len(found) == 9
    assert _wrapped(usb / "accomp-20261128-120000.key") == _wrapped(logged.paths.key_file)
    event = lifecycle.journal_events(logged, action="backup.write")[0]
    assert event.details["external"] is True
    assert str(usb) not in repr(event.details)


def test_a_folder_that_is_not_one_is_a_known_error(logged, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(KnownError) as info:
        backups.backup_now(logged, blocker / "sub", now=NOON)
    assert info.value.code == "output_folder_missing"
    assert not (blocker / "sub").exists()
