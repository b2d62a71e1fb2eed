"""`accomp check` never writes to the vault: not the upgrade an older schema would get
at unlock, not the backup made before it, not a -wal or -shm beside the file."""

from __future__ import annotations

import datetime as dt
import hashlib
import stat
from pathlib import Path

import pytest
from conftest import (
    CANARY,
    CANARY_NEEDLES,
    PASSPHRASE,
    an_activity,
    as_before_journal_heads,
    canary_beneficiary,
    flip_bytes_in_a_data_page,
)
from sqlalchemy import text

from accomp import cli
from accomp.services import activities, vaults
from accomp.store import audit, migrate, vault_files
from accomp.store import backup as backups
from accomp.store import engine as engines
from accomp.store.keys import KeyFile, key_hex


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _hex(paths) -> str:
    return key_hex(KeyFile.read(paths.key_file).open_with_passphrase(PASSPHRASE))


def _sides(paths) -> list[Path]:
    return [paths.db.with_name("vault.db" + s) for s in ("-wal", "-shm")]


@pytest.fixture
def scratch(tmp_path, monkeypatch) -> Path:
    """Where the check's temporary folders go: watched for leftovers."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(vault_files.tempfile, "tempdir", str(folder))
    return folder


def _passfile(paths) -> Path:
    f = paths.data_dir.parent / "pass.txt"
    f.write_text(PASSPHRASE + "\n")
    return f


def _check(paths) -> int:
    return cli.main(["check", "--data-dir", str(paths.data_dir),
                     "--passphrase-file", str(_passfile(paths))])


def _old_vault(paths, *, events: int = 3, forged: bool = False, rows: int = 1) -> None:
    """A vault as the first released schema (0001) made it, holding a canary file,
    `rows` activities and a journal of `events` chained events (the last one forged)."""
    v, _ = vaults.create_vault(paths, PASSPHRASE, kdf=vaults.KdfParams(1, 1024, 1),
                               enforce_policy=False)
    v.lock()
    paths.db.unlink()
    as_before_journal_heads(paths)
    for side in _sides(paths):
        side.unlink(missing_ok=True)
    paths.db.touch(mode=0o600)
    engine = engines.make_engine(paths.db, _hex(paths))
    migrate.upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO beneficiary (id, code, first_name, last_name, phone, gender, age_band,"
            " social_status, created_at, updated_at, legal_basis, informed_on) VALUES"
            " (1, 'B-AAAA', :first, :last, :phone, 'Feminin', 'NonCommunique', 'Retraite',"
            " '2025-01-01', '2025-01-01', 'MissionInteretPublic', '2025-01-01')"),
            {"first": CANARY["first_name"], "last": CANARY["last_name"],
             "phone": CANARY["phone"]})
        for i in range(1, rows + 1):
            conn.execute(text(
                "INSERT INTO activity (id, kind, date, duration_min, place_type, themes,"
                " admin_themes, equipment, beneficiary_id, referred, anonymous, participants,"
                " notes, created_at, updated_at) VALUES (:id, 'Individuel', '2025-03-04', 30,"
                " 'LieuActivite', '[\"Email\"]', '[]', '[]', 1, 0, '{}', 1, :notes,"
                " '2025-03-04', '2025-03-04')"),
                {"id": i, "notes": CANARY["notes"] + " " + "n" * 300})
        prev = audit.GENESIS
        for i in range(1, events + 1):
            at = dt.datetime(2025, 3, 4, 10, i, tzinfo=dt.UTC)
            digest = audit._digest(prev, i, at, "poste", "activity.create", "activity",
                                   str(i), {})
            if forged and i == events:
                digest = "0" * 64
            conn.execute(text(
                "INSERT INTO audit_event (id, at, actor, action, entity, ref, details,"
                " prev_hash, hash) VALUES (:id, :at, 'poste', 'activity.create',"
                " 'activity', :ref, '{}', :prev, :hash)"),
                {"id": i, "at": at.replace(tzinfo=None).isoformat(sep=" "), "ref": str(i),
                 "prev": prev, "hash": digest})
            prev = digest
    engine.dispose()
    assert not any(side.exists() for side in _sides(paths))


def _revision(paths) -> str:
    conn = engines.connect(paths.db, _hex(paths), read_only=True)
    try:
        return str(engines.schema_revision(conn))
    finally:
        conn.close()


def _assert_untouched(paths, before: str, listing: list[str], scratch: Path) -> None:
    assert _digest(paths.db) == before
    assert sorted(p.name for p in paths.data_dir.iterdir()) == listing
    assert not paths.backups.exists() or not any(paths.backups.iterdir())
    assert not any(side.exists() for side in _sides(paths))
    assert list(scratch.iterdir()) == [], "the check left a temporary file behind"


def test_checking_an_older_vault_writes_nothing_and_cleans_up(paths, scratch, monkeypatch,
                                                               capsys):
    _old_vault(paths)
    before, listing = _digest(paths.db), sorted(p.name for p in paths.data_dir.iterdir())
    seen: list[tuple[int, int]] = []
    write_backup = backups.write_backup

    def spying(engine, hex_key, dest):
        out = write_backup(engine, hex_key, dest)
        seen.append((stat.S_IMODE(dest.parent.stat().st_mode), stat.S_IMODE(out.stat().st_mode)))
        assert dest.parent.parent == scratch
        return out

    monkeypatch.setattr(backups, "write_backup", spying)
    assert _check(paths) == cli.EXIT_OK
    out, err = capsys.readouterr()
    first, second = out.splitlines()
    assert first.startswith("Ce coffre vient d'une version précédente"), out
    assert second.startswith("Coffre sain"), err
    assert "3 événements" in out
    assert seen == [(0o700, 0o600)], "the copy must be private"
    _assert_untouched(paths, before, listing, scratch)
    assert _revision(paths) == "0001", "a check must not upgrade the vault"
    for needle in CANARY_NEEDLES:
        assert needle not in out + err


def test_a_tampered_journal_in_an_older_vault_is_still_reported(paths, scratch, capsys):
    _old_vault(paths, events=4, forged=True)
    before, listing = _digest(paths.db), sorted(p.name for p in paths.data_dir.iterdir())
    assert _check(paths) == cli.EXIT_DAMAGE
    err = capsys.readouterr().err
    assert "Journal d'audit altéré à partir de l'événement n° 4" in err
    assert "Traceback" not in err
    _assert_untouched(paths, before, listing, scratch)
    assert _revision(paths) == "0001"


def test_damage_in_an_older_vault_is_reported_without_a_write(paths, scratch, capsys):
    _old_vault(paths, rows=60)
    flip_bytes_in_a_data_page(paths.db)
    before, listing = _digest(paths.db), sorted(p.name for p in paths.data_dir.iterdir())
    assert _check(paths) == cli.EXIT_DAMAGE
    out, err = capsys.readouterr()
    assert "Coffre endommagé" in err
    for needle in CANARY_NEEDLES:
        assert needle not in out + err
    _assert_untouched(paths, before, listing, scratch)


def test_a_failed_upgrade_of_the_copy_is_damage_and_leaves_nothing(paths, scratch,
                                                                    monkeypatch, capsys):
    _old_vault(paths)
    before, listing = _digest(paths.db), sorted(p.name for p in paths.data_dir.iterdir())

    def broken(engine, target="head"):
        raise RuntimeError("boom")

    monkeypatch.setattr(migrate, "upgrade", broken)
    assert _check(paths) == cli.EXIT_DAMAGE
    err = capsys.readouterr().err
    assert "Coffre endommagé" in err
    assert "Traceback" not in err
    _assert_untouched(paths, before, listing, scratch)


def test_an_error_during_the_check_still_removes_the_copy(paths, scratch, monkeypatch):
    _old_vault(paths)
    before, listing = _digest(paths.db), sorted(p.name for p in paths.data_dir.iterdir())

    def interrupted(vault):
        assert any(scratch.iterdir())  # the upgraded copy exists while the check reads
        raise KeyboardInterrupt

    monkeypatch.setattr(vaults, "check", interrupted)
    with pytest.raises(KeyboardInterrupt):
        _check(paths)
    _assert_untouched(paths, before, listing, scratch)


def test_a_newer_vault_is_refused_by_check_untouched(vault, paths, scratch, capsys):
    vault.lock()
    conn = engines.connect(paths.db, _hex(paths))
    conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    before, listing = _digest(paths.db), sorted(p.name for p in paths.data_dir.iterdir())
    assert _check(paths) == cli.EXIT_USAGE
    assert "plus récente" in capsys.readouterr().err
    _assert_untouched(paths, before, listing, scratch)


def test_checking_a_current_vault_writes_nothing_and_reads_once(vault, paths, scratch,
                                                                monkeypatch, capsys):
    canary_beneficiary(vault)
    for _ in range(3):
        activities.log_activity(vault, an_activity())
    vault.lock()
    assert not any(side.exists() for side in _sides(paths))
    before, listing = _digest(paths.db), sorted(p.name for p in paths.data_dir.iterdir())
    calls: list[int] = []
    full_check = engines.integrity_problems

    def counting(conn):
        calls.append(1)
        return full_check(conn)

    monkeypatch.setattr(engines, "integrity_problems", counting)
    assert _check(paths) == cli.EXIT_OK
    out, err = capsys.readouterr()
    assert out.startswith("Coffre sain"), err
    assert "version précédente" not in out
    assert len(calls) == 1, "the file was read through twice"
    _assert_untouched(paths, before, listing, scratch)
    for needle in CANARY_NEEDLES:
        assert needle not in out + err


def test_checking_beside_a_pending_wal_leaves_vault_and_log_untouched(vault, paths, scratch,
                                                                       capsys):
    for _ in range(3):
        activities.log_activity(vault, an_activity())
    wal = paths.db.with_name("vault.db-wal")
    assert wal.exists()  # still open: the last writes are in the log
    files = {p.name: _digest(p) for p in paths.data_dir.iterdir() if p.is_file()}
    try:
        assert _check(paths) == cli.EXIT_OK
        assert "4 événements" in capsys.readouterr().out  # the log's events are seen
        assert {p.name: _digest(p) for p in paths.data_dir.iterdir() if p.is_file()} == files
        assert list(scratch.iterdir()) == []
    finally:
        vault.lock()


def test_open_for_check_reports_the_older_revision_and_stays_read_only(paths, scratch):
    _old_vault(paths)
    with vaults.open_for_check(paths, PASSPHRASE) as v:
        assert v.read_only
        assert v.integrity_checked
        assert v.outdated_from == "0001"
        report = vaults.check(v)
    assert report.sound
    assert report.audit_events == 3
    assert v.is_locked
    assert list(scratch.iterdir()) == []
