"""Planning an appointment as a worker does it: from a session just logged, by the
keyboard only (Ctrl+Shift+R saves the session and opens the appointment, Ctrl+S
plans it); from a file; and refused, with the reason, without recontact consent."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from accomp.domain.consent import Purpose
from accomp.services import activities, appointments, beneficiaries, consents
from accomp.ui.dialogs import appointment
from accomp.ui.dialogs.appointment import AppointmentDialog
from accomp.ui.views.activity_form import ActivityDialog

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (raise|grabbing)")

TODAY = dt.date(2026, 12, 3)
KEY = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
GIVEN = dt.datetime(2026, 1, 10, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def frozen_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(appointment, "_today", lambda: TODAY)


@pytest.fixture(autouse=True)
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Message boxes answered, never shown: what they said is kept."""
    said: list[str] = []

    def answer(_parent: Any, _title: str, text: str, *_a: Any, **_k: Any) -> Any:
        said.append(text)
        return QMessageBox.StandardButton.Yes

    for name in ("question", "information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, answer)
    return said


def person(vault: Any, *, recontact: bool = True) -> Any:
    b = beneficiaries.create_beneficiary(vault, {
        "first_name": "Marie-Thérèse", "last_name": "Dupont", "phone": "06 12 34 56 78",
        "legal_basis": "MissionInteretPublic", "informed_on": "2026-01-05"})
    if recontact:
        consents.give_consent(vault, b.id, Purpose.FOLLOW_UP_CONTACT, at=GIVEN)
    return b


def target() -> Any:
    """Where a real keyboard sends keys: an open pop-up list, else the focus."""
    return QApplication.activePopupWidget() or QApplication.focusWidget()


def press(qtbot: Any, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
          ) -> None:
    qtbot.keyClick(target(), key, modifier)


def type_(qtbot: Any, text: str) -> None:
    qtbot.keyClicks(target(), text)


def open_(qtbot: Any, dialog: Any, *, owned: bool = True) -> Any:
    if owned:  # else ask() deletes it
        qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def fill_appointment_by_keyboard(qtbot: Any, dialog: AppointmentDialog) -> None:
    assert QApplication.focusWidget() is dialog.date  # a week ahead already
    press(qtbot, KEY.Key_Tab)
    assert QApplication.focusWidget() is dialog.start
    type_(qtbot, "0930")
    press(qtbot, KEY.Key_Tab)
    assert QApplication.focusWidget() is dialog.duration
    press(qtbot, KEY.Key_Tab)  # half an hour already
    assert QApplication.focusWidget() is dialog.place
    type_(qtbot, "dom")
    press(qtbot, KEY.Key_Tab)
    assert QApplication.focusWidget() is dialog.items.filter
    for item in ("attest", "charg"):
        type_(qtbot, item)
        press(qtbot, KEY.Key_Return)
    press(qtbot, KEY.Key_S, CTRL)


def test_an_appointment_is_planned_from_a_session_by_keyboard_only(
    qtbot, vault, monkeypatch
) -> None:
    b = person(vault)
    seen: list[AppointmentDialog] = []

    def exec_by_keyboard(self: AppointmentDialog) -> int:
        seen.append(open_(qtbot, self, owned=False))
        fill_appointment_by_keyboard(qtbot, self)
        return int(self.result())

    monkeypatch.setattr(AppointmentDialog, "exec", exec_by_keyboard)
    dialog = open_(qtbot, ActivityDialog(vault))
    type_(qtbot, "dupont")
    press(qtbot, KEY.Key_Return)
    form = dialog.form
    while QApplication.focusWidget() is not form.themes.filter:
        press(qtbot, KEY.Key_Tab)
    type_(qtbot, "email")
    press(qtbot, KEY.Key_Return)
    press(qtbot, KEY.Key_R, CTRL | SHIFT)

    assert dialog.result() == ActivityDialog.DialogCode.Accepted
    [session] = activities.list_activities(vault)
    assert len(seen) == 1
    [planned] = appointments.upcoming(vault, today=TODAY)
    assert planned.beneficiary_id == b.id
    assert planned.activity_id == session.id
    assert planned.day == TODAY + dt.timedelta(days=7)
    assert planned.start == dt.time(9, 30)
    assert planned.duration_min == 30
    assert planned.place_type == "Domicile"
    assert planned.items == ("Attestation", "TelephoneCharge")


def test_without_recontact_consent_the_dialog_says_why_and_stays_open(qtbot, vault) -> None:
    b = person(vault, recontact=False)
    dialog = open_(qtbot, AppointmentDialog(vault, b.id))
    press(qtbot, KEY.Key_S, CTRL)
    assert dialog.isVisible()
    assert dialog.message.isVisible()
    text = dialog.message.text()
    assert "Recontact pour le suivi" in text
    assert "n'a pas donné son consentement" in text
    assert "Dupont" not in text
    assert appointments.upcoming(vault, today=TODAY) == []


def test_every_control_of_the_dialog_has_a_name(qtbot, vault) -> None:
    b = person(vault)
    dialog = open_(qtbot, AppointmentDialog(vault, b.id))
    for widget in (dialog.date, dialog.start, dialog.duration, dialog.place,
                   dialog.items.filter, dialog.items.view, dialog.plan_button,
                   dialog.cancel_button):
        assert widget.accessibleName(), widget.objectName()


def test_a_workshop_offers_no_appointment(qtbot, vault) -> None:
    dialog = open_(qtbot, ActivityDialog(vault, kind="Collectif"))
    assert not dialog.plan_button.isVisible()
    assert not dialog.plan_shortcut.isEnabled()
    dialog.form.kind.set_value("Individuel")
    assert dialog.plan_button.isVisible()
