"""Unlocking with the integrity check in the background (what the GUI does): the vault
reads at once, writes only once the check has passed, and turns read-only when the
check finds damage."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import pytest
from conftest import PASSPHRASE, an_activity, canary_beneficiary, flip_bytes_in_a_data_page

from accomp.domain.errors import KnownError
from accomp.services import activities, vaults
from accomp.store import engine as engines
from accomp.store import migrate
from accomp.store import vault as store_vault


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fill(vault, n: int = 60) -> int:
    b = canary_beneficiary(vault)
    for i in range(n):
        activities.log_activity(vault, an_activity(beneficiary_id=b.id, notes="n" * 200 + str(i)))
    return b.id




def test_a_sound_vault_opens_with_the_check_pending_then_writes(vault, paths):
    _fill(vault, 5)
    vault.lock()
    v = vaults.unlock(paths, PASSPHRASE, check_later=True)
    try:
        assert not v.damaged
        assert not v.read_only
        assert activities.count_activities(v) == 5  # reads do not wait
        activities.log_activity(v, an_activity())  # the write waited for the check
        assert not v.check_pending()
        assert not v.settle_check()
        assert activities.count_activities(v) == 6
        assert vaults.check(v).sound
    finally:
        v.lock()


def test_damage_found_after_unlock_makes_the_vault_read_only_before_any_write(vault, paths):
    _fill(vault)
    vault.lock()
    flip_bytes_in_a_data_page(paths.db)
    before = _digest(paths.db)
    v = vaults.unlock(paths, PASSPHRASE, check_later=True)
    try:
        with pytest.raises(KnownError) as info:
            activities.log_activity(v, an_activity())
        assert info.value.code == "vault_read_only"
        assert v.damaged
        assert v.read_only
        assert v.damage  # what the check found (page numbers, no data)
        assert not v.settle_check()  # already applied: nothing more to wait for
    finally:
        v.lock()
    assert _digest(paths.db) == before


def test_the_background_check_waits_for_nothing_when_polled(vault, paths):
    _fill(vault, 3)
    vault.lock()
    v = vaults.unlock(paths, PASSPHRASE, check_later=True)
    try:
        while v.check_pending():
            threading.Event().wait(0.01)
        assert not v.settle_check()
        assert not v.damaged
    finally:
        v.lock()


def test_locking_interrupts_a_pending_check_and_leaves_no_connection(vault, paths,
                                                                      monkeypatch):
    _fill(vault, 3)
    vault.lock()
    started = threading.Event()
    release = threading.Event()
    real = engines.integrity_problems

    def slow(conn):
        started.set()
        release.wait(5)
        return real(conn)

    monkeypatch.setattr(engines, "integrity_problems", slow)
    closed: list[object] = []
    real_connect = engines.connect

    def tracking_connect(*args, **kwargs):
        conn = real_connect(*args, **kwargs)
        real_close = conn.close

        class Tracked:
            def __getattr__(self, name):
                return getattr(conn, name)

            def close(self):
                closed.append(conn)
                real_close()

        return Tracked()

    monkeypatch.setattr(engines, "connect", tracking_connect)
    v = vaults.unlock(paths, PASSPHRASE, check_later=True)
    assert started.wait(5)
    assert v.check_pending()
    release.set()
    v.lock()
    assert v.is_locked
    assert not v.check_pending()
    assert closed  # the check's own connection was closed


def test_a_vault_that_needs_an_upgrade_is_checked_before_it_opens(vault, paths, monkeypatch):
    vault.lock()
    monkeypatch.setattr(migrate, "head_revision", lambda: "a-newer-head")
    monkeypatch.setattr(migrate, "is_known_revision", lambda rev: True)
    seen: list[bool] = []
    real = store_vault._inspect

    def inspect(db, hex_key, **kwargs):
        seen.append(True)
        return real(db, hex_key, **kwargs)

    monkeypatch.setattr(store_vault, "_inspect", inspect)
    monkeypatch.setattr(migrate, "upgrade", lambda engine: None)
    v = vaults.unlock(paths, PASSPHRASE, check_later=True)
    try:
        assert seen, "the full check ran before opening"
        assert not v.check_pending()
    finally:
        v.lock()


def test_without_check_later_the_check_runs_before_unlock_returns(vault, paths):
    _fill(vault, 3)
    vault.lock()
    flip_bytes_in_a_data_page(paths.db)
    v = vaults.unlock(paths, PASSPHRASE)
    try:
        assert v.damaged
        assert v.read_only
        assert not v.check_pending()
    finally:
        v.lock()
