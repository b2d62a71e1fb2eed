"""Pruning the audit journal past its retention keeps it verifiable: a signed
checkpoint of the pruned part anchors the chain of the kept events, `accomp check`
still passes, and editing a kept row (or removing the checkpoint) is detected."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile

import pytest
import sqlcipher3
from conftest import PASSPHRASE
from sqlalchemy import delete, text, update
from sqlalchemy.exc import DatabaseError
from sqlmodel import select

from accomp.services import lifecycle, vaults
from accomp.store import audit
from accomp.store.tables import AuditCheckpoint, AuditEvent

_DB_ERRORS = (DatabaseError, sqlcipher3.DatabaseError)
TODAY = dt.date(2028, 6, 1)  # journal period 12 months: events before 2027-06-01 go
CREATED = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)  # the vault's creation event


def _months_of_events(vault) -> None:
    with vault.transaction() as s:
        for month in range(1, 13):
            audit.append(s, actor="mediatrice", action="beneficiary.update",
                         entity="beneficiary", ref=f"B-{month:04d}",
                         details={"fields": ["phone"]},
                         at=dt.datetime(2027, month, 10, 9, 0, tzinfo=dt.UTC))


def _raw(vault, *statements: str) -> None:
    """What someone with the key and an SQLite shell could do, triggers and all."""
    raw = vault.engine.raw_connection()
    try:
        for sql in statements:
            raw.driver_connection.execute(sql)
    finally:
        raw.close()


@pytest.fixture
def pruned(make_vault):
    vault = make_vault(now=CREATED)
    _months_of_events(vault)  # ids 2..13 after the vault's creation (id 1)
    assert lifecycle.prune_journal(vault, TODAY) == 6  # creation + January..May
    return vault


def test_pruning_removes_the_expired_prefix_and_check_still_passes(pruned):
    with pruned.reading() as s:
        ids = s.exec(select(AuditEvent.id).order_by(AuditEvent.id)).all()
        checkpoint = s.exec(select(AuditCheckpoint)).one()
    assert ids[0] == 7  # June onwards, plus the journal.prune event itself
    assert (checkpoint.first_id, checkpoint.last_id, checkpoint.events) == (1, 6, 6)
    report = vaults.check(pruned)
    assert report.sound
    assert report.audit_events == 8
    with pruned.reading() as s:
        assert audit.verify(s, b"\x00" * 32).broken_at == [6]  # signature checked
    last = lifecycle.journal_events(pruned, action="journal.prune")[0]
    assert last.details == {"events": 6, "first_id": 1, "last_id": 6, "export_records": 0}
    assert [r.data_class for r in lifecycle.purge_register(pruned)] == ["journal"]


def test_editing_a_kept_row_fails_the_check(pruned):
    _raw(pruned, "DROP TRIGGER audit_event_no_update",
         "UPDATE audit_event SET actor = 'quelqu''un' WHERE id = 9")
    report = vaults.check(pruned)
    assert not report.sound
    assert report.audit_broken_at[0] == 9


def test_removing_the_checkpoint_or_forging_it_fails_the_check(pruned):
    _raw(pruned, "DROP TRIGGER audit_checkpoint_no_update",
         "UPDATE audit_checkpoint SET events = 5, first_id = 2")
    assert vaults.check(pruned).audit_broken_at[0] == 6
    _raw(pruned, "DROP TRIGGER audit_checkpoint_no_delete", "DELETE FROM audit_checkpoint")
    assert vaults.check(pruned).audit_broken_at[0] == 7  # the chain no longer starts at 1


def test_ordinary_code_still_cannot_delete_or_edit_journal_rows(pruned):
    for statement in (delete(AuditEvent).where(AuditEvent.id == 9),
                      update(AuditEvent).where(AuditEvent.id == 9).values(actor="x"),
                      delete(AuditCheckpoint)):
        with pytest.raises(_DB_ERRORS, match="append-only"), pruned.transaction() as s:
            s.exec(statement)
    assert vaults.check(pruned).sound


def test_successive_prunings_chain_their_checkpoints(pruned):
    assert lifecycle.prune_journal(pruned, dt.date(2028, 10, 1)) == 4  # June..September
    with pruned.reading() as s:
        cps = s.exec(select(AuditCheckpoint).order_by(AuditCheckpoint.id)).all()
    assert [(c.first_id, c.last_id) for c in cps] == [(1, 6), (7, 10)]
    assert cps[1].prev_mac == cps[0].mac
    assert vaults.check(pruned).sound
    with pruned.transaction() as s:  # new events keep chaining after the prunes
        audit.append(s, actor="t", action="vault.open", entity="vault")
    assert vaults.check(pruned).sound


def test_nothing_is_pruned_before_its_time(make_vault):
    vault = make_vault(now=CREATED)
    _months_of_events(vault)
    assert lifecycle.prune_journal(vault, dt.date(2027, 11, 1)) == 0
    assert not [i for i in lifecycle.due_for_retention(vault, dt.date(2027, 11, 1))
                if i.ref == "journal"]


def test_accomp_check_passes_after_pruning(pruned, paths, tmp_path):
    pruned.lock()
    passfile = tmp_path / "pass.txt"
    passfile.write_text(PASSPHRASE)
    result = subprocess.run(
        [sys.executable, "-P", "-m", "accomp", "check", "--data-dir", str(paths.data_dir),
         "--passphrase-file", str(passfile)],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "ACCOMP_LANG": "fr"},
        cwd=tempfile.gettempdir(),  # the installed program, as a user runs it
    )
    assert result.returncode == 0, result.stderr
    assert "journal de 8 événements intègre" in result.stdout
    conn = vaults.unlock(paths, PASSPHRASE)
    try:
        with conn.reading() as s:
            assert s.exec(text("SELECT min(id) FROM audit_event")).one()[0] == 7
    finally:
        conn.lock()
