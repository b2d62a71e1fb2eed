"""The application as a worker starts it: create or unlock, the journal, lock."""

from __future__ import annotations

import contextlib
from typing import Any

from conftest import (
    CANARY_NEEDLES,
    PASSPHRASE,
    an_activity,
    canary_beneficiary,
    flip_bytes_in_a_data_page,
)
from PySide6.QtCore import QModelIndex, QTimer
from PySide6.QtWidgets import QApplication

from accomp.app import GuiSession
from accomp.services import activities, vaults
from accomp.ui.dialogs.create_vault import CreateVaultDialog

STRONG = "Trois-Chats-Gris dorment au soleil 2026 !"


def _visible_texts() -> str:
    texts = []
    for w in QApplication.allWidgets():
        for attr in ("text", "toPlainText", "windowTitle"):
            fn = getattr(w, attr, None)
            if callable(fn):
                with contextlib.suppress(TypeError):
                    texts.append(str(fn()))
        model = getattr(w, "model", None)
        if callable(model) and model() is not None:
            m = model()
            root = QModelIndex()
            try:
                columns = m.columnCount(root)
            except TypeError:  # list models hide columnCount
                columns = 1
            for r in range(min(m.rowCount(root), 50)):
                for c in range(columns):
                    texts.append(str(m.index(r, c).data()))
    return "\n".join(texts)


def test_first_run_creates_the_vault_through_the_dialog(qtbot, paths, monkeypatch):
    shown: list[CreateVaultDialog] = []

    def drive() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, CreateVaultDialog) and w.isVisible())
        shown.append(dialog)
        qtbot.keyClicks(dialog.passphrase, STRONG)
        qtbot.keyClicks(dialog.confirmation, STRONG)
        dialog.create_button.click()
        dialog.noted.setChecked(True)
        dialog.finish_button.click()

    QTimer.singleShot(0, drive)
    session = GuiSession(paths, demo=False)
    monkeypatch.setattr(vaults, "create_vault", _cheap_create(vaults.create_vault))
    assert session.start()
    assert shown
    qtbot.addWidget(session.window)
    assert vaults.exists(paths)
    assert session.window.isVisible()
    session.vault.lock()


def _cheap_create(real: Any) -> Any:
    def create(paths: Any, passphrase: str, **kwargs: Any) -> Any:
        return real(paths, passphrase, kdf=vaults.KdfParams(1, 1024, 1))
    return create


def test_unlock_shows_the_journal_and_lock_clears_every_widget(qtbot, make_vault, paths,
                                                               fake_unlock):
    vault = make_vault()
    b = canary_beneficiary(vault)
    for _ in range(3):
        activities.log_activity(vault, an_activity(beneficiary_id=b.id))
    vault.lock()

    fake_unlock([PASSPHRASE, None])
    session = GuiSession(paths, demo=False)
    assert session.start()
    window = session.window
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.journal.model.rowCount() == 3)
    assert b.code in _visible_texts()
    opened = session.vault
    session.lock()  # the second answer cancels the unlock screen
    assert opened.is_locked
    assert window.journal.model.rowCount() == 0
    text = _visible_texts()
    assert b.code not in text
    for needle in CANARY_NEEDLES:
        assert needle not in text


def test_restoring_a_backup_from_the_privacy_page(qtbot, make_vault, paths, fake_unlock):
    from sqlalchemy import text

    from accomp.services import backups

    vault = make_vault()
    activities.log_activity(vault, an_activity())
    vault.lock()

    fake_unlock([PASSPHRASE] * 3)
    session = GuiSession(paths, demo=False)
    assert session.start()
    backup = backups.backup_now(session.vault).path
    activities.log_activity(session.vault, an_activity(notes=None))
    assert activities.count_activities(session.vault) == 2

    session.window.privacy.restore_requested.emit(backup)

    restored = session.vault
    assert restored is not None
    assert activities.count_activities(restored) == 1
    with restored.reading() as s:
        actions = [r[0] for r in s.execute(text("SELECT action FROM audit_event ORDER BY id"))]
    assert actions[-1] == "backup.restore"
    assert vaults.check(restored).sound
    assert session.window.pages.currentIndex() == 0
    restored.lock()
    session.window.close()


def test_damage_found_by_the_check_after_unlock_is_said_and_shown(qtbot, make_vault, paths,
                                                                   monkeypatch, fake_unlock):
    from PySide6.QtWidgets import QMessageBox

    vault = make_vault()
    b = canary_beneficiary(vault)
    for i in range(60):
        activities.log_activity(vault, an_activity(beneficiary_id=b.id, notes="n" * 200 + str(i)))
    vault.lock()
    flip_bytes_in_a_data_page(paths.db)  # found only by the full check

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text, *a, **k: warnings.append(text))
    fake_unlock([PASSPHRASE])
    session = GuiSession(paths, demo=False)
    assert session.start()
    window = session.window
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(warnings), timeout=10_000)
    assert session.vault is not None
    assert session.vault.read_only
    assert session.vault.damaged
    assert window.banner is not None
    assert "lecture seule" in window.banner.text()
    assert not window.journal.new_action.isEnabled()
    assert b.code not in warnings[0]
    session.close()


def test_the_unlock_screen_loads_no_database_layer_and_preload_loads_them():
    import os
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import accomp.cli, accomp.app, accomp.ui.app_settings, accomp.ui.i18n\n"
        "import accomp.ui.dialogs.unlock, accomp.ui.dialogs.profiles\n"
        # alembic: loaded only when a vault needs an upgrade (tests/unit/test_migrate_light.py)
        "heavy = ('sqlalchemy', 'sqlmodel', 'sqlcipher3', 'pydantic', 'argon2',\n"
        "         'cryptography', 'accomp.services.vaults', 'accomp.ui.main_window')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
        "accomp.app.preload(); accomp.app.wait_for_preload()\n"
        "print(sorted(m for m in heavy if m not in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-P", "-c", code], capture_output=True, text=True,
                         check=True, timeout=120, env={**os.environ,
                                                       "QT_QPA_PLATFORM": "offscreen"})
    before, missing_after = out.stdout.strip().splitlines()
    assert before == "[]", before
    assert missing_after == "[]", missing_after


def test_objects_loaded_at_unlock_are_set_aside_from_the_collector(qtbot, make_vault, paths,
                                                                   fake_unlock):
    import gc

    make_vault().lock()
    fake_unlock([PASSPHRASE])
    gc.unfreeze()
    session = GuiSession(paths, demo=False)
    assert session.start()
    qtbot.addWidget(session.window)
    try:
        qtbot.waitUntil(lambda: gc.get_freeze_count() > 0, timeout=5000)
    finally:
        gc.unfreeze()
        session.close()


def test_consents_that_lapsed_get_their_expired_event_once_the_vault_is_checked(
        qtbot, make_vault, paths, fake_unlock):
    import datetime as dt

    from accomp.domain.consent import EventKind, Purpose
    from accomp.services import consents

    vault = make_vault()
    b = canary_beneficiary(vault)
    given = dt.datetime(2026, 10, 2, tzinfo=dt.UTC)
    consents.give_consent(vault, b.id, Purpose.FOLLOW_UP_CONTACT, at=given,
                          valid_until=dt.date(2026, 11, 1))
    consents.give_consent(vault, b.id, Purpose.NOTES, at=given)  # still valid
    vault.lock()
    fake_unlock([PASSPHRASE])
    session = GuiSession(paths, demo=False,
                         now=lambda: dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC))
    assert session.start()
    qtbot.addWidget(session.window)

    def kinds(purpose: Purpose) -> list[str]:
        return [e.kind for e in consents.history(session.vault, b.id) if e.purpose == purpose]

    expired = EventKind.EXPIRED.value
    qtbot.waitUntil(lambda: expired in kinds(Purpose.FOLLOW_UP_CONTACT), timeout=5000)
    assert expired not in kinds(Purpose.NOTES)
    session.close()
