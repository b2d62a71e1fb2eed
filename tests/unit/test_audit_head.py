"""The audit journal's anchored end: attacks by someone holding the key (raw SQL on
the closed vault) that the hash chain alone let through, each reported by `check`
(exit 1, French and English) and at unlock, the vault left byte-identical."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest
from conftest import PASSPHRASE, an_activity

from accomp import cli
from accomp.services import activities, vaults
from accomp.store import audit, audit_head
from accomp.store import engine as engines
from accomp.store.keys import KeyFile, key_hex

_UPDATE_TRIGGER = audit_head.TRIGGERS["audit_event_no_update"]
_DELETE_TRIGGER = audit_head.TRIGGERS["audit_event_no_delete"]


def _hex(paths) -> str:
    return key_hex(KeyFile.read(paths.key_file).open_with_passphrase(PASSPHRASE))


def _raw(paths):
    return engines.connect(paths.db, _hex(paths))


def _digest(paths) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(paths.data_dir.iterdir()) if p.is_file()}


def _check(paths, tmp_path: Path, capsys, lang: str = "fr") -> tuple[int, str]:
    passfile = tmp_path / "pass.txt"
    passfile.write_text(PASSPHRASE + "\n")
    capsys.readouterr()
    rc = cli.main(["--lang", lang, "check", "--data-dir", str(paths.data_dir),
                   "--passphrase-file", str(passfile)])
    return rc, capsys.readouterr().err


@pytest.fixture
def journal(vault, paths):
    """A closed vault whose journal holds 61 events."""
    for i in range(60):
        activities.log_activity(vault, an_activity(duration_min=10 + i))
    vault.lock()
    return paths


def _last(conn) -> tuple[int, str]:
    row = conn.execute("SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1").fetchone()
    return int(row[0]), str(row[1])


def _rehash_from(conn, first: int) -> None:
    """Recompute every hash from event `first` on, as a careful forger would."""
    prev = conn.execute("SELECT hash FROM audit_event WHERE id = ?", (first - 1,)).fetchone()[0]
    rows = conn.execute(
        "SELECT id, at, actor, action, entity, ref, details FROM audit_event WHERE id >= ? "
        "ORDER BY id", (first,)).fetchall()
    for event_id, at, actor, action, entity, ref, details in rows:
        when = dt.datetime.fromisoformat(str(at)).replace(tzinfo=dt.UTC)
        digest = audit._digest(prev, event_id, when, actor, action, entity, ref,
                               json.loads(details))
        conn.execute("UPDATE audit_event SET prev_hash = ?, hash = ? WHERE id = ?",
                     (prev, digest, event_id))
        prev = digest


def _truncate(paths) -> None:
    conn = _raw(paths)
    last, _ = _last(conn)
    conn.execute("DROP TRIGGER audit_event_no_delete")
    conn.execute("DELETE FROM audit_event WHERE id > ?", (last - 5,))
    conn.execute(_DELETE_TRIGGER)  # put back as it was: only the head tells
    conn.close()


def _drop_trigger(paths) -> None:
    conn = _raw(paths)
    conn.execute("DROP TRIGGER audit_event_no_delete")
    conn.close()


def _rewrite(paths, event_id: int = 20) -> None:
    conn = _raw(paths)
    conn.execute("DROP TRIGGER audit_event_no_update")
    conn.execute("UPDATE audit_event SET action = 'activity.view' WHERE id = ?", (event_id,))
    _rehash_from(conn, event_id)
    conn.execute(_UPDATE_TRIGGER)
    conn.close()


def _append(paths) -> None:
    conn = _raw(paths)
    last, prev = _last(conn)
    at = dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC)
    digest = audit._digest(prev, last + 1, at, "poste", "vault.create", "vault", None, {})
    conn.execute(
        "INSERT INTO audit_event (id, at, actor, action, entity, ref, details, prev_hash, hash)"
        " VALUES (?, ?, 'poste', 'vault.create', 'vault', NULL, '{}', ?, ?)",
        (last + 1, at.replace(tzinfo=None).isoformat(" "), prev, digest))
    conn.close()


def _forged_checkpoint(paths) -> None:
    hex_key = _hex(paths)
    conn = engines.connect(paths.db, hex_key)
    last_hash = conn.execute("SELECT hash FROM audit_event WHERE id = 50").fetchone()[0]
    at = dt.datetime(2026, 11, 30, 12)
    mac = audit.sign_checkpoint(audit.checkpoint_key(hex_key), at=at, first_id=1, last_id=50,
                                last_hash=last_hash, events=50, prev_mac="")
    conn.execute(
        "INSERT INTO audit_checkpoint (at, first_id, last_id, last_hash, events, prev_mac, mac)"
        " VALUES (?, 1, 50, ?, 50, '', ?)", (at.isoformat(" "), last_hash, mac))
    conn.execute("DELETE FROM audit_event WHERE id <= 50")  # the trigger lets them go
    conn.close()


ATTACKS = {"truncated": _truncate, "trigger dropped": _drop_trigger, "rewritten": _rewrite,
           "forged event appended": _append, "forged checkpoint": _forged_checkpoint}


def test_an_untouched_journal_passes_and_its_head_is_recorded(journal, tmp_path, capsys):
    head = KeyFile.read(journal.key_file).raw["audit_head"]
    assert head["last_id"] == 61
    assert head["open"] is False
    assert _check(journal, tmp_path, capsys)[0] == cli.EXIT_OK


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_an_attack_on_the_journal_is_reported_and_nothing_written(
    journal, tmp_path, capsys, attack,
):
    ATTACKS[attack](journal)
    before = _digest(journal)
    rc, err = _check(journal, tmp_path, capsys, "fr")
    assert rc == cli.EXIT_DAMAGE
    assert "Journal d'audit altéré" in err
    assert "Traceback" not in err
    rc, err = _check(journal, tmp_path, capsys, "en")
    assert rc == cli.EXIT_DAMAGE
    assert "Audit journal altered" in err
    for later in (False, True):
        v = vaults.unlock(journal, PASSPHRASE, check_later=later)
        try:
            v.settle_check()
            assert v.read_only
            assert v.damaged
        finally:
            v.lock()
    assert _digest(journal) == before


def test_a_crash_after_a_save_is_not_taken_for_an_attack(vault, paths, tmp_path, capsys):
    activities.log_activity(vault, an_activity())
    # Killed here: no lock, the head says the session was writing.
    assert KeyFile.read(paths.key_file).raw["audit_head"]["open"] is True
    vault._engine.dispose()
    vault._engine = None
    assert _check(paths, tmp_path, capsys)[0] == cli.EXIT_OK
    v = vaults.unlock(paths, PASSPHRASE)
    try:
        assert not v.damaged
        activities.log_activity(v, an_activity())
    finally:
        v.lock()
    assert KeyFile.read(paths.key_file).raw["audit_head"]["open"] is False
    assert _check(paths, tmp_path, capsys)[0] == cli.EXIT_OK


def test_a_forged_head_in_the_key_file_is_reported(journal, tmp_path, capsys):
    keys = KeyFile.read(journal.key_file)
    box = dict(keys.raw["audit_head"], last_id=10)
    keys.with_section("audit_head", box).write(journal.key_file)
    rc, err = _check(journal, tmp_path, capsys)
    assert rc == cli.EXIT_DAMAGE
    assert "Journal d'audit altéré" in err


def test_a_second_program_closing_meanwhile_does_not_make_a_crash_look_like_an_attack(
    vault, paths, tmp_path, capsys,
):
    activities.log_activity(vault, an_activity())  # the GUI, still open
    other = vaults.unlock(paths, PASSPHRASE)  # the command line, at the same time
    activities.log_activity(other, an_activity())
    other.lock()  # records "closed" at its end
    assert KeyFile.read(paths.key_file).raw["audit_head"]["open"] is False
    activities.log_activity(vault, an_activity())  # the GUI writes on: "open" again
    assert KeyFile.read(paths.key_file).raw["audit_head"]["open"] is True
    vault._engine.dispose()  # then the GUI is killed
    vault._engine = None
    assert _check(paths, tmp_path, capsys)[0] == cli.EXIT_OK


def _resign_head(paths) -> None:
    """What a forger who knows accomp's derivations does after rewriting: record the
    new end in vault.key with a valid MAC."""
    hex_key = _hex(paths)
    conn = engines.connect(paths.db, hex_key, read_only=True)
    try:
        audit_head.record(paths.key_file, hex_key, conn, open=False)
    finally:
        conn.close()


def test_a_backup_key_file_kept_out_of_reach_anchors_the_journal(
    vault, paths, tmp_path, capsys,
):
    from accomp.services import backups

    for i in range(10):
        activities.log_activity(vault, an_activity(duration_min=10 + i))
    usb = tmp_path / "usb"
    usb.mkdir()
    info = backups.backup_now(vault, usb)
    anchor = info.path.with_suffix(".key")
    for i in range(5):
        activities.log_activity(vault, an_activity(duration_min=30 + i))
    vault.lock()
    passfile = tmp_path / "pass.txt"
    passfile.write_text(PASSPHRASE + "\n")
    args = ["check", "--data-dir", str(paths.data_dir), "--passphrase-file", str(passfile),
            "--anchor", str(anchor)]
    assert cli.main(args) == cli.EXIT_OK  # later events are expected

    _rewrite(paths, 5)  # before the backup's end
    _resign_head(paths)
    capsys.readouterr()
    # vault.key re-signed: the check alone cannot tell (see the README's threat model)…
    assert _check(paths, tmp_path, capsys)[0] == cli.EXIT_OK
    # …the key file kept with the backup can.
    capsys.readouterr()
    assert cli.main(args) == cli.EXIT_DAMAGE
    assert "Journal d'audit altéré" in capsys.readouterr().err
    missing = [*args[:-1], str(tmp_path / "absent.key")]
    assert cli.main(missing) == cli.EXIT_USAGE
