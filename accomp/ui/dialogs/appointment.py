"""Plan an appointment with a person, from a session or from their file: day, time,
duration, place and what to bring, from the keyboard (Tab between fields, Ctrl+S
to plan, Escape to cancel). A refusal (no recontact consent, a past day…) is written
in the dialog, which stays open; nothing is stored then.

The session form hooks it with `attach()`: a button (and Ctrl+Shift+R) that saves
the session, then plans the next appointment of the person it was with.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from accomp.domain.errors import KnownError
from accomp.services import appointments
from accomp.services.appointments import AppointmentOut
from accomp.services.vaults import Vault
from accomp.ui import ops
from accomp.ui.labels import current_lang
from accomp.ui.pickers import CheckList, DateField, DurationField, VocabCombo
from accomp.ui.widgets import buddy_label, message_label, named, qdate, show_message

TOPIC = "appointments"
DEFAULT_DAYS_AHEAD = 7
DEFAULT_START = QTime(14, 0)
DEFAULT_DURATION = 30


def _today() -> dt.date:
    """The day the dialogs plan from (tests replace it: no wall clock in tests)."""
    return dt.date.today()


class TimeField(QTimeEdit):
    """A time of day as HH:mm; Tab leaves it, as the date field does."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("HH:mm")

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


class AppointmentDialog(QDialog):
    def __init__(self, vault: Vault, beneficiary_id: int | None, *,
                 activity_id: int | None = None, today: dt.date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self._beneficiary_id = beneficiary_id
        self._activity_id = activity_id
        self._today = today or _today()
        self.planned: AppointmentOut | None = None
        title = self.tr("Prévoir un rendez-vous")
        self.setWindowTitle(f"accomp — {title}")  # no code: titles reach the task bar

        self.date = DateField(self)
        self.date.setObjectName("appointmentDate")
        self.date.setDate(qdate(self._today + dt.timedelta(days=DEFAULT_DAYS_AHEAD)))
        self.start = TimeField(self)
        self.start.setObjectName("appointmentTime")
        self.start.setTime(DEFAULT_START)
        self.duration = DurationField(self)
        self.duration.setObjectName("appointmentDuration")
        self.duration.set_minutes(DEFAULT_DURATION)
        self.place = VocabCombo("place_types", parent=self)
        self.place.setObjectName("appointmentPlace")
        items_name = self.tr("À apporter")
        self.items = CheckList("appointment_items", items_name, rows=5, parent=self)
        self.items.setObjectName("appointmentItems")
        self.message = message_label(self)
        self.message.setObjectName("appointmentMessage")

        form = QFormLayout()
        form.addRow(buddy_label(self.tr("&Date :"), self.date, parent=self), self.date)
        form.addRow(buddy_label(self.tr("&Heure :"), self.start, parent=self), self.start)
        form.addRow(buddy_label(self.tr("D&urée :"), self.duration, parent=self),
                    self.duration)
        form.addRow(buddy_label(self.tr("&Lieu :"), self.place, parent=self), self.place)
        form.addRow(buddy_label(self.tr("À a&pporter :"), self.items.filter,
                                accessible_name=items_name, parent=self), self.items)

        self.cancel_button = named(QPushButton(self.tr("Annuler"), self))
        self.plan_button = named(QPushButton(self.tr("&Prévoir le rendez-vous"), self))
        self.plan_button.setToolTip(self.tr("Prévoir le rendez-vous (Ctrl+S)"))
        for button in (self.cancel_button, self.plan_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.plan_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        self.plan_shortcut = QShortcut(QKeySequence("Ctrl+S"), self)
        self.plan_shortcut.activated.connect(self.plan)
        self.plan_button.clicked.connect(self.plan)
        self.cancel_button.clicked.connect(self.reject)
        QWidget.setTabOrder(self.date, self.start)
        QWidget.setTabOrder(self.start, self.duration)
        QWidget.setTabOrder(self.duration, self.place)
        QWidget.setTabOrder(self.place, self.items.filter)
        self.date.setFocus(Qt.FocusReason.OtherFocusReason)

    def data(self) -> dict[str, Any]:
        return {
            "date": self.date.date().toPython(),
            "start_time": self.start.time().toString("HH:mm"),
            "duration_min": self.duration.minutes(),
            "place_type": self.place.key(),
            "items": self.items.keys(),
        }

    def plan(self) -> bool:
        """Plan it; on refusal say why in the dialog and keep it open."""
        show_message(self.message, "")
        try:
            if self._activity_id is not None:
                out = appointments.plan_from_session(self._vault, self._activity_id,
                                                     self.data(), today=self._today)
            elif self._beneficiary_id is not None:
                out = appointments.plan_appointment(self._vault, self._beneficiary_id,
                                                    self.data(), today=self._today)
            else:
                raise KnownError("appointment_needs_file")
        except KnownError as err:
            ops.note_error(err, action="appointment form")
            show_message(self.message, err.message(current_lang()))
            return False
        except Exception as exc:
            ops.show_error(self, exc, action="appointment form")
            return False
        self.planned = out
        ops.changes().changed.emit(TOPIC)
        self.accept()
        return True

    @classmethod
    def ask(cls, parent: QWidget | None, vault: Vault, beneficiary_id: int | None, *,
            activity_id: int | None = None, today: dt.date | None = None,
            ) -> AppointmentOut | None:
        """The appointment as planned, or None when cancelled."""
        dialog = cls(vault, beneficiary_id, activity_id=activity_id, today=today,
                     parent=parent)
        try:
            dialog.exec()
            return dialog.planned
        finally:
            dialog.deleteLater()


def attach(dialog: Any, save: Callable[[], bool] | None = None) -> QPushButton:
    """A button for the session dialog (and Ctrl+Shift+R) that saves the session and
    then plans the next appointment of its person. Returns the button to place."""
    button = named(QPushButton(
        QCoreApplication.translate("AppointmentDialog", "Enregistrer et prévoir un &rendez-vous"),
        dialog))
    button.setToolTip(QCoreApplication.translate(
        "AppointmentDialog", "Enregistrer la séance, puis prévoir le prochain rendez-vous "
        "(Ctrl+Maj+R)"))
    button.setAutoDefault(False)

    def save_then_plan() -> None:
        if not (save or dialog.save)():
            return
        saved = dialog.saved
        if saved is not None and saved.beneficiary_id is not None:
            AppointmentDialog.ask(dialog.parentWidget(), dialog._vault, saved.beneficiary_id,
                                  activity_id=saved.id)
        elif saved is not None:
            ops.show_error(dialog.parentWidget(), KnownError("appointment_needs_file"))

    def one_person_only() -> None:  # a workshop has no one person to expect back
        button.setVisible(not dialog.form.is_collective())
        shortcut.setEnabled(not dialog.form.is_collective())

    button.clicked.connect(save_then_plan)
    shortcut = QShortcut(QKeySequence("Ctrl+Shift+R"), dialog)
    shortcut.activated.connect(save_then_plan)
    dialog.form.kind.currentIndexChanged.connect(lambda _i: one_person_only())
    one_person_only()
    dialog.plan_button, dialog.plan_shortcut = button, shortcut
    return button
