"""Idle lock: connections closed, screens emptied, back to the same screen."""

from __future__ import annotations

from typing import Any

from conftest import CANARY_NEEDLES, PASSPHRASE, an_activity, canary_beneficiary
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from sqlalchemy import event
from sqlalchemy.pool import Pool
from test_app import _visible_texts

from accomp.app import GuiSession
from accomp.services import activities
from accomp.ui.idle import IdleWatcher


def _filled_vault(make_vault: Any) -> Any:
    vault = make_vault()
    b = canary_beneficiary(vault)
    activities.log_activity(vault, an_activity(beneficiary_id=b.id, notes="CANARYNOTE x"))
    vault.lock()
    return b


def test_idle_timeout_closes_every_connection_and_clears_the_screens(
    qtbot, make_vault, paths, fake_unlock
):
    b = _filled_vault(make_vault)
    unlock = fake_unlock([PASSPHRASE, None])
    opened: list[int] = []
    closed: list[int] = []

    def on_connect(*_: Any) -> None:
        opened.append(1)

    def on_close(*_: Any) -> None:
        closed.append(1)

    event.listen(Pool, "connect", on_connect)
    event.listen(Pool, "close", on_close)
    session = GuiSession(paths, demo=False)
    assert session.start()
    window = session.window  # deleted by the session when it locks
    qtbot.waitUntil(lambda: window.journal.model.rowCount() == 1)
    vault = session.vault
    window.journal.reload()
    assert len(opened) > len(closed)  # the unlocked vault keeps its connection
    assert b.code in _visible_texts()

    session.idle.set_interval_ms(50)
    qtbot.waitUntil(lambda: len(unlock.calls) == 2, timeout=3000)  # the unlock screen came back

    assert vault.is_locked
    assert len(opened) == len(closed)
    event.remove(Pool, "connect", on_connect)
    event.remove(Pool, "close", on_close)
    text = _visible_texts()
    assert b.code not in text
    for needle in CANARY_NEEDLES:
        assert needle not in text


def test_input_postpones_the_idle_lock(qtbot):
    watcher = IdleWatcher()
    watcher.set_interval_ms(300)
    fired: list[int] = []
    watcher.timed_out.connect(lambda: fired.append(1))
    field = QWidget()
    qtbot.addWidget(field)
    field.show()
    watcher.start()
    for _ in range(4):
        qtbot.wait(150)
        qtbot.keyClick(field, Qt.Key.Key_Shift)
    assert not fired
    qtbot.waitUntil(lambda: bool(fired), timeout=2000)
    watcher.uninstall()



def test_the_watcher_sees_events_only_while_it_runs(qtbot, monkeypatch):
    seen: list[int] = []
    real = IdleWatcher.eventFilter

    def counting(self, watched, event):
        seen.append(1)
        return real(self, watched, event)

    monkeypatch.setattr(IdleWatcher, "eventFilter", counting)
    watcher = IdleWatcher()
    field = QWidget()
    qtbot.addWidget(field)
    field.show()
    qtbot.keyClick(field, Qt.Key.Key_Shift)
    assert seen == []  # locked or not started: no Python call per event
    watcher.start()
    qtbot.keyClick(field, Qt.Key.Key_Shift)
    assert seen
    watcher.stop()
    seen.clear()
    qtbot.keyClick(field, Qt.Key.Key_Shift)
    assert seen == []
    watcher.uninstall()

def test_idle_minutes_are_kept_within_one_and_fifteen():
    watcher = IdleWatcher(0)
    assert watcher.interval_ms() == 60_000
    watcher.set_minutes(60)
    assert watcher.interval_ms() == 15 * 60_000
    watcher.uninstall()


def test_unlocking_returns_to_the_same_screen(qtbot, make_vault, paths, fake_unlock):
    _filled_vault(make_vault)
    fake_unlock([PASSPHRASE, PASSPHRASE])
    session = GuiSession(paths, demo=False)
    assert session.start()
    session.window.show_page(session.window.PAGE_DASHBOARD)
    first = session.vault
    session.lock()
    assert first.is_locked
    assert session.vault is not None
    assert not session.vault.is_locked
    assert session.window.pages.currentIndex() == session.window.PAGE_DASHBOARD
    session.vault.lock()
    session.window.close()
