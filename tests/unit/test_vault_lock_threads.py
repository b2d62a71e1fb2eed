"""Pages read the vault in a worker thread while the window stays free; the worker may
still hold a connection when the vault locks (idle timeout, Ctrl+L). Locking must then
leave no keyed connection open, the worker must end with a refusal rather than a
crash, and the next unlock must read the vault as it is now."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from conftest import PASSPHRASE
from sqlalchemy import text

from accomp.domain.errors import KnownError
from accomp.services import activities, vaults

TODAY = dt.date(2026, 11, 28)


def count(vault: Any) -> int:
    with vault.reading() as session:
        return int(session.execute(text("SELECT count(*) FROM activity")).scalar_one())


def log(vault: Any) -> None:
    activities.log_activity(vault, {
        "date": TODAY, "duration_min": 30, "place_type": "LieuActivite",
        "themes": ["Email"], "autonomy": "Autonome"}, today=TODAY)


def test_a_connection_held_by_a_worker_at_lock_is_closed_when_handed_back(vault: Any) -> None:
    held: list[Any] = []
    errors: list[BaseException] = []
    inside, release = threading.Event(), threading.Event()

    def worker() -> None:
        try:
            with vault.reading() as session:
                session.execute(text("SELECT 1")).all()
                held.append(session.connection().connection.driver_connection)
                inside.set()
                release.wait(5)
            count(vault)  # a second read, after the lock: refused, not a crash
        except KnownError as exc:
            errors.append(exc)

    thread = threading.Thread(target=worker)
    thread.start()
    assert inside.wait(5)
    vault.lock()
    release.set()
    thread.join(5)
    assert [getattr(e, "code", None) for e in errors] == ["vault_locked"]
    with pytest.raises(Exception, match=r"[Cc]losed"):
        held[0].execute("SELECT 1")  # no keyed connection is left open


def test_after_a_lock_during_a_read_the_next_unlock_reads_the_vault_as_it_is(
        vault: Any) -> None:
    log(vault)
    inside, release = threading.Event(), threading.Event()
    seen: list[int] = []

    def worker() -> None:
        with vault.reading() as session:
            seen.append(int(session.execute(text("SELECT count(*) FROM activity")).scalar_one()))
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=worker)
    thread.start()
    assert inside.wait(5)
    vault.lock()
    release.set()
    thread.join(5)
    assert seen == [1]
    again = vaults.unlock(vault.paths, PASSPHRASE)
    try:
        log(again)
        assert count(again) == 2
    finally:
        again.lock()
