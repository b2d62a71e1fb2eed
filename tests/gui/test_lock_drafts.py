"""Locking with a form open: nothing stays on screen but the unlock screen, what was
typed is kept as an encrypted draft, offered after unlocking, and saved intact.

The forms run as a worker opens them, in their own modal loop inside the
application's loop (the lock comes from inside it: Ctrl+L, the lock button or the
idle timer), so each step below is driven from a timer that fires in whichever loop
runs at the time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine
from conftest import CANARY, CANARY_NEEDLES, PASSPHRASE, canary_beneficiary
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget
from sqlalchemy import text
from test_app import _visible_texts

from accomp.app import GuiSession
from accomp.domain.consent import Purpose
from accomp.services import activities, beneficiaries, consents, drafts, mandates
from accomp.ui import drafts as ui_drafts
from accomp.ui import lockdown
from accomp.ui.dialogs.beneficiary_form import BeneficiaryDialog
from accomp.ui.dialogs.unlock import UnlockDialog
from accomp.ui.views.activity_form import ActivityDialog
from accomp.ui.views.consent_panel import ConsentDialog

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")
# The worker's day in these sessions: after the canary file's information date
# (2026-10-01) and creation (2026-11-28), whatever the machine's date.
DAY = dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def pinned_day() -> Iterator[None]:
    """A whole session (GuiSession, MainWindow, the forms it opens) has no injected
    day: each screen reads the date itself. Pinned here, ticking on from DAY, so that
    the forms judge the canary file's legal basis and the dates typed on that day."""
    with time_machine.travel(DAY, tick=True):
        yield

NOTE = "CANARYNOTE rendez-vous CAF reporte"  # QTest types ASCII only
POLL_MS = 20


def when_shown(kind: type[QWidget], then: Callable[[Any], None], *,
               other_than: QWidget | None = None) -> None:
    """Run `then(widget)` once a visible top-level widget of `kind` is on screen."""
    def look() -> None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, kind) and w.isVisible() and w is not other_than:
                then(w)
                return
        QTimer.singleShot(POLL_MS, look)

    QTimer.singleShot(POLL_MS, look)


class Screens:
    """Stands in for the unlock screen (types the passphrase) and for the question
    that offers the drafts (answers `answer`, then runs `on_offer`). Records what was
    on screen when the unlock screen was asked for."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, answer: str = "resume") -> None:
        self.on_screen_at_unlock: list[list[str]] = []
        self.offered: list[drafts.DraftOut] = []
        self.answer = answer
        self.on_offer: Callable[[], None] | None = None
        self.on_unlock: Callable[[], None] | None = None
        monkeypatch.setattr(UnlockDialog, "ask", classmethod(
            lambda cls, parent, unlock, **k: self._unlock(unlock)))
        monkeypatch.setattr(ui_drafts, "ask_about", self._ask_about)

    def _unlock(self, unlock: Callable[[str], Any]) -> Any:
        self.on_screen_at_unlock.append(
            [f"{type(w).__name__} {w.windowTitle()}" for w in lockdown.visible_windows()])
        self.texts_at_unlock = _visible_texts()
        if self.on_unlock is not None:
            self.on_unlock()
        return unlock(PASSPHRASE)

    def _ask_about(self, parent: Any, draft: drafts.DraftOut) -> str:
        self.offered.append(draft)
        if self.on_offer is not None:
            self.on_offer()
        return self.answer


def _start(paths: Any, qtbot: Any) -> GuiSession:
    session = GuiSession(paths, demo=False)
    assert session.start()  # (its windows are deleted by the session as it locks)
    return session


def _assert_nothing_was_on_screen(screens: Screens, *needles: str) -> None:
    assert screens.on_screen_at_unlock[-1] == []
    for needle in (*CANARY_NEEDLES, *needles):
        assert needle not in screens.texts_at_unlock


def _journal_actions(vault: Any) -> list[str]:
    with vault.reading() as s:
        return [r[0] for r in s.execute(text("SELECT action FROM audit_event ORDER BY id"))]


def _finish(session: GuiSession, qtbot: Any) -> None:
    """No draft is left; the vault is locked and the window deleted (so that no
    later test finds this one's widgets)."""
    assert session.vault is not None
    assert drafts.list_drafts(session.vault) == []
    session.vault.lock()
    session.window.close()
    session.window.deleteLater()
    qtbot.wait(10)


# --- a session ---------------------------------------------------------------------------


def test_ctrl_l_with_a_message_box_over_the_activity_form_keeps_the_session(
    qtbot, make_vault, paths, monkeypatch
):
    vault = make_vault()
    person = canary_beneficiary(vault)
    consents.give_consent(vault, person.id, Purpose.NOTES)  # notes may be kept (now)
    vault.lock()
    screens = Screens(monkeypatch)
    notices: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: notices.append(a[2]))
    session = _start(paths, qtbot)
    first = session.window
    typed: dict[str, Any] = {}

    def fill(dialog: ActivityDialog) -> None:
        form = dialog.form
        form.beneficiary.set_beneficiary(beneficiaries.get_beneficiary(session.vault, person.id))
        qtbot.keyClicks(form.notes, NOTE)
        form.themes.set_keys(["Email"])
        typed["before"] = form.draft_fields()
        # Escape: "Abandonner cette saisie ?" opens over the form; the lock comes then.
        when_shown(QMessageBox, lambda _box: first.lock_action.trigger())
        QTimer.singleShot(0, lambda: qtbot.keyClick(dialog, Qt.Key.Key_Escape))

    def resumed(dialog: ActivityDialog) -> None:
        typed["again"] = dialog.form.draft_fields()
        dialog.save_button.click()

    screens.on_offer = lambda: when_shown(ActivityDialog, resumed)
    when_shown(ActivityDialog, fill)
    QTimer.singleShot(0, first.journal.new_activity)
    qtbot.waitUntil(lambda: "again" in typed, timeout=10_000)

    _assert_nothing_was_on_screen(screens, person.code)
    assert session.window is not first
    [offered] = screens.offered
    assert (offered.kind, offered.beneficiary_id) == ("activity", person.id)
    assert typed["again"] == typed["before"]
    assert notices == []
    [row] = activities.list_activities(session.vault)
    saved = activities.get_activity(session.vault, row.id)
    assert (saved.notes, saved.beneficiary_id, saved.themes) == (NOTE, person.id, ["Email"])
    actions = _journal_actions(session.vault)
    assert actions.count("draft.create") == 1
    assert actions.count("draft.discard") == 1
    _finish(session, qtbot)


def test_idle_lock_with_the_workshop_form_open_keeps_the_workshop(
    qtbot, make_vault, paths, monkeypatch
):
    make_vault().lock()
    screens = Screens(monkeypatch)
    session = _start(paths, qtbot)
    typed: dict[str, Any] = {}

    def fill(dialog: ActivityDialog) -> None:
        form = dialog.form
        qtbot.keyClicks(form.title, "Atelier messagerie")
        form.counts.total.setValue(7)
        form.themes.set_keys(["Email"])
        typed["before"] = form.draft_fields()
        session.idle.set_interval_ms(50)  # then no input: the idle lock comes

    def resumed(dialog: ActivityDialog) -> None:
        typed["again"] = dialog.form.draft_fields()
        dialog.save_button.click()

    screens.on_offer = lambda: when_shown(ActivityDialog, resumed)
    screens.on_unlock = lambda: session.idle.set_minutes(5)  # one idle lock only
    when_shown(ActivityDialog, fill)
    QTimer.singleShot(0, session.window.journal.new_workshop)
    qtbot.waitUntil(lambda: "again" in typed, timeout=10_000)

    _assert_nothing_was_on_screen(screens, "Atelier messagerie")
    assert [d.kind for d in screens.offered] == ["workshop"]
    assert typed["again"] == typed["before"]
    [row] = activities.list_activities(session.vault)
    saved = activities.get_activity(session.vault, row.id)
    assert (saved.kind, saved.workshop_title) == ("Collectif", "Atelier messagerie")
    _finish(session, qtbot)


# --- a file ------------------------------------------------------------------------------


def test_lock_button_with_the_beneficiary_form_open_keeps_what_was_typed(
    qtbot, make_vault, paths, monkeypatch
):
    make_vault().lock()
    screens = Screens(monkeypatch)
    session = _start(paths, qtbot)
    first = session.window
    first.show_page(first.PAGE_BENEFICIARIES)
    typed: dict[str, Any] = {}

    def fill(dialog: BeneficiaryDialog) -> None:
        dialog.legal_basis.setCurrentIndex(dialog.legal_basis.findData("MissionInteretPublic"))
        qtbot.keyClicks(dialog.informed_on, "01/10/2026")
        dialog.first_name.insert(CANARY["first_name"])  # accented: pasted
        qtbot.keyClicks(dialog.last_name, CANARY["last_name"])
        qtbot.keyClicks(dialog.phone, CANARY["phone"])
        qtbot.keyClicks(dialog.notes, CANARY["notes"])
        typed["before"] = dialog.draft_fields()
        first.lock_button.click()

    def resumed(dialog: BeneficiaryDialog) -> None:
        typed["again"] = dialog.draft_fields()
        dialog.save_button.click()

    screens.on_offer = lambda: when_shown(BeneficiaryDialog, resumed)
    when_shown(BeneficiaryDialog, fill)
    QTimer.singleShot(0, first.beneficiaries.new_beneficiary)
    qtbot.waitUntil(lambda: "again" in typed, timeout=10_000)

    _assert_nothing_was_on_screen(screens)
    assert [d.kind for d in screens.offered] == ["beneficiary"]
    assert typed["again"] == typed["before"]
    [found] = beneficiaries.search_beneficiaries(session.vault, CANARY["last_name"])
    assert (found.first_name, found.phone, found.notes) == (
        CANARY["first_name"], CANARY["phone"], CANARY["notes"])
    # the new file is shown
    assert session.window.beneficiaries.file_view.current_id() == found.id
    _finish(session, qtbot)


# --- consents and mandates -----------------------------------------------------------------


def test_lock_with_the_consent_dialog_open_offers_the_consent_again(
    qtbot, make_vault, paths, monkeypatch
):
    vault = make_vault()
    person = canary_beneficiary(vault)
    vault.lock()
    screens = Screens(monkeypatch)
    session = _start(paths, qtbot)
    first = session.window
    first.show_page(first.PAGE_BENEFICIARIES)
    first.beneficiaries.show_beneficiary(person.id)
    panel = first.person_panels.consents
    row = panel.rows[Purpose.FOLLOW_UP_CONTACT]
    chosen: dict[str, Any] = {}

    def fill(dialog: ConsentDialog) -> None:
        dialog.method.setCurrentIndex(dialog.method.count() - 1)
        chosen["method"] = dialog.chosen_method()
        first.lock_action.trigger()

    def resumed(dialog: ConsentDialog) -> None:
        chosen["again"] = dialog.chosen_method()
        dialog.save_button.click()

    screens.on_offer = lambda: when_shown(ConsentDialog, resumed)
    when_shown(ConsentDialog, fill)
    QTimer.singleShot(0, row.record.click)
    qtbot.waitUntil(lambda: "again" in chosen, timeout=10_000)

    _assert_nothing_was_on_screen(screens, person.code)
    [offered] = screens.offered
    assert (offered.kind, offered.beneficiary_code) == ("consent", person.code)
    assert chosen["again"] == chosen["method"]
    qtbot.waitUntil(lambda: any(e.method == chosen["method"]
                                for e in consents.history(session.vault, person.id)))
    _finish(session, qtbot)


def test_lock_with_procedures_ticked_for_a_mandate_offers_them_again(
    qtbot, make_vault, paths, monkeypatch
):
    vault = make_vault()
    person = canary_beneficiary(vault)
    vault.lock()
    screens = Screens(monkeypatch)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    session = _start(paths, qtbot)
    first = session.window
    first.show_page(first.PAGE_BENEFICIARIES)
    first.beneficiaries.show_beneficiary(person.id)
    first.person_panels.show_mandates()
    panel = first.person_panels.mandates
    ticked = sorted(list(panel.scope_boxes)[:2])
    # Maximised on the small offscreen screen, the window may leave the boxes outside
    # itself, where a mouse click lands on nothing: click them as a keypress would.
    for scope in ticked:
        panel.scope_boxes[scope].click()
    panel.duration.setCurrentIndex(panel.duration.count() - 1)
    duration = str(panel.duration.currentData())

    session.lock()

    _assert_nothing_was_on_screen(screens, person.code)
    qtbot.waitUntil(lambda: bool(screens.offered), timeout=5000)
    [offered] = screens.offered
    assert (offered.kind, offered.beneficiary_id) == ("mandate", person.id)
    again = session.window.person_panels.mandates
    assert again is not panel
    assert sorted(again.chosen_scopes()) == ticked
    assert str(again.duration.currentData()) == duration
    assert again.create_mandate()
    [made] = mandates.list_mandates(session.vault, person.id,
                                    at=dt.datetime.now(dt.UTC))
    assert sorted(s.scope for s in made.scopes) == ticked
    assert made.duration == duration
    _finish(session, qtbot)


# --- offering -------------------------------------------------------------------------------


def test_a_draft_put_off_stays_and_a_deleted_one_goes(qtbot, make_vault, paths, monkeypatch):
    vault = make_vault()
    kept = drafts.save_draft(vault, "activity", {"notes": NOTE})
    vault.lock()
    screens = Screens(monkeypatch, answer="later")
    session = _start(paths, qtbot)
    qtbot.waitUntil(lambda: bool(screens.offered), timeout=5000)
    assert [d.id for d in drafts.list_drafts(session.vault)] == [kept]

    screens.answer = "delete"
    session.lock()
    qtbot.waitUntil(lambda: len(screens.offered) == 2, timeout=5000)
    assert drafts.list_drafts(session.vault) == []
    assert _journal_actions(session.vault)[-1] == "draft.discard"
    _finish(session, qtbot)


def test_the_offer_names_the_form_and_the_file_never_what_was_typed(make_vault, qapp):
    vault = make_vault()
    person = canary_beneficiary(vault)
    drafts.save_draft(vault, "beneficiary", {"last_name": CANARY["last_name"]},
                      beneficiary_id=person.id)
    [draft] = drafts.list_drafts(vault)
    said = ui_drafts.describe(draft)
    assert "dossier de bénéficiaire" in said
    assert person.code in said
    for needle in CANARY_NEEDLES:
        assert needle not in said


def test_a_file_dialog_open_at_lock_ends_as_cancelled_and_hides(
    qtbot, make_vault, paths, monkeypatch
):
    vault = make_vault()
    person = canary_beneficiary(vault)
    vault.lock()
    screens = Screens(monkeypatch)
    session = _start(paths, qtbot)
    first = session.window
    first.show_page(first.PAGE_BENEFICIARIES)
    first.beneficiaries.show_beneficiary(person.id)
    button = first.person_panels.consents.notice_button
    returned: list[object] = []

    when_shown(QFileDialog, lambda _dialog: first.lock_action.trigger())
    QTimer.singleShot(0, lambda: returned.append(button.save_document("fr")))
    qtbot.waitUntil(lambda: bool(returned) and session.window is not first, timeout=10_000)

    _assert_nothing_was_on_screen(screens, person.code)
    assert returned == [None]  # nothing was written
    assert session.vault is not None
    _finish(session, qtbot)
