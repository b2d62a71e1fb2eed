"""The "À venir" list: planned appointments, overdue first, then today, this week and
later; on the dashboard (every file) and in a person's file (theirs). From the list
the worker says how it went (missed, done, cancelled), prints the person's card and
exports to the office calendar (.ics, the file code only unless the name is ticked,
after a warning). The dashboard's list also counts missed appointments this month.

`today` is injected (tests freeze it); the list reads again on the "appointments"
change topic.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from accomp.domain.appointments import Bucket, Status
from accomp.services import appointment_documents, appointments
from accomp.services.appointments import AppointmentOut
from accomp.services.vaults import Vault
from accomp.ui import labels, ops
from accomp.ui.dialogs.appointment import TOPIC, _today
from accomp.ui.labels import current_lang
from accomp.ui.widgets import heading, named

_Index = QModelIndex | QPersistentModelIndex


class UpcomingModel(QAbstractTableModel):
    COL_WHEN = 0
    COL_DAY = 1
    COL_TIME = 2
    COL_FILE = 3
    COL_PLACE = 4
    COL_ITEMS = 5

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[AppointmentOut] = []

    def set_rows(self, rows: list[AppointmentOut]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return (self.tr("Quand"), self.tr("Date"), self.tr("Heure"), self.tr("Dossier"),
                self.tr("Lieu"), self.tr("À apporter"))[section]

    def bucket_text(self, bucket: Bucket | None) -> str:
        return {
            Bucket.OVERDUE: self.tr("En retard"),
            Bucket.TODAY: self.tr("Aujourd'hui"),
            Bucket.THIS_WEEK: self.tr("Cette semaine"),
            Bucket.LATER: self.tr("Plus tard"),
        }.get(bucket, "") if bucket is not None else ""

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        a = self.rows[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole and a.bucket == Bucket.OVERDUE:
            from PySide6.QtGui import QColor

            return QColor("#b3261e")
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        column = index.column()
        if column == self.COL_WHEN:
            return self.bucket_text(a.bucket)
        if column == self.COL_DAY:
            return labels.date(a.day)
        if column == self.COL_TIME:
            return a.start.strftime("%H:%M")
        if column == self.COL_FILE:
            return a.code
        if column == self.COL_PLACE:
            return labels.vocab_label("place_types", a.place_type)
        return ", ".join(labels.vocab_labels("appointment_items", list(a.items)))


class UpcomingPanel(QWidget):
    """The "À venir" list. With `per_file`, it shows one file's appointments once
    `show_file(id)` is called (nothing before); else every file's."""

    def __init__(self, vault: Vault, *, per_file: bool = False,
                 today: Callable[[], dt.date] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self._per_file = per_file
        self._today = today or _today
        self._file: int | None = None
        self._active = True
        self.title = heading(self.tr("À venir"), self)
        self.model = UpcomingModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("upcomingTable")
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Rendez-vous à venir"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(140)
        self.empty = QLabel(self.tr("Aucun rendez-vous prévu."), self)
        self.missed_count = QLabel(self)
        self.missed_count.setObjectName("missedCount")
        self.missed_button = named(QPushButton(self.tr("Marquer &manqué"), self))
        self.done_button = named(QPushButton(self.tr("Marquer &honoré"), self))
        self.cancel_button = named(QPushButton(self.tr("A&nnuler le rendez-vous"), self))
        self.card_button = named(QPushButton(self.tr("&Carte pour la personne (PDF)…"), self))
        self.ics_button = named(QPushButton(self.tr("E&xporter vers l'agenda (.ics)…"), self))
        self.with_name = named(QCheckBox(self.tr("Inclure le &nom dans l'agenda"), self))
        self.with_name.setToolTip(self.tr(
            "Par défaut, l'agenda ne reçoit que le code du dossier et le lieu."))
        self.plan_button = named(QPushButton(self.tr("&Prévoir un rendez-vous…"), self))
        self.plan_button.setVisible(per_file)

        # Two rows: a person's file is narrow on a laptop.
        actions, documents = QHBoxLayout(), QHBoxLayout()
        for button in (self.missed_button, self.done_button, self.cancel_button):
            actions.addWidget(button)
        for control in (self.card_button, self.ics_button, self.with_name):
            documents.addWidget(control)
        actions.addStretch(1)
        documents.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.plan_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.missed_count)
        layout.addWidget(self.empty)
        layout.addWidget(self.table)
        layout.addLayout(actions)
        layout.addLayout(documents)

        self.missed_button.clicked.connect(lambda: self.set_status(Status.MISSED))
        self.done_button.clicked.connect(lambda: self.set_status(Status.DONE))
        self.cancel_button.clicked.connect(lambda: self.set_status(Status.CANCELLED))
        self.card_button.clicked.connect(self.save_card)
        self.ics_button.clicked.connect(self.export_ics)
        self.with_name.toggled.connect(self._warn_name)
        self.plan_button.clicked.connect(self.plan)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        ops.changes().changed.connect(self._on_changed)
        self.reload()

    # --- reading ---------------------------------------------------------------------

    def show_file(self, beneficiary_id: int | None) -> None:
        self._file = beneficiary_id
        self.reload()

    def clear_sensitive(self) -> None:
        """Show nothing and read nothing until reload() (the vault is being locked)."""
        self._active = False
        self.model.set_rows([])
        self.missed_count.clear()
        self._enable()

    def reload(self) -> None:
        self._active = True
        if self._vault.is_locked or (self._per_file and self._file is None):
            self.model.set_rows([])
            self._enable()
            return
        today = self._today()
        got = ops.run(self, appointments.upcoming, self._vault, today=today,
                      beneficiary_id=self._file)
        self.model.set_rows(got.value or [])
        if not self._per_file:
            first = today.replace(day=1)
            counts = ops.run(self, appointments.counts, self._vault, first, today).value
            missed = counts.missed if counts else 0
            self.missed_count.setText(
                self.tr("Rendez-vous manqués ce mois-ci : %1").replace("%1", str(missed)))
        self.missed_count.setVisible(not self._per_file)
        self.table.resizeColumnsToContents()
        self._enable()

    def _enable(self) -> None:
        has_rows = self.model.rowCount() > 0
        self.empty.setVisible(not has_rows)
        chosen = self.selected() is not None
        for b in (self.missed_button, self.done_button, self.cancel_button, self.card_button):
            b.setEnabled(chosen)
        self.ics_button.setEnabled(has_rows)

    def _on_changed(self, topic: str) -> None:
        if topic in (TOPIC, "beneficiaries", "consents") and self._active \
                and not self._vault.is_locked:
            self.reload()

    def selected(self) -> AppointmentOut | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    # --- acting ----------------------------------------------------------------------

    def set_status(self, status: Status) -> None:
        chosen = self.selected()
        if chosen is not None:
            ops.run(self, appointments.set_status, self._vault, chosen.id, status,
                    today=self._today(), topic=TOPIC)

    def plan(self) -> None:
        from accomp.ui.dialogs.appointment import AppointmentDialog

        if self._file is not None:
            AppointmentDialog.ask(self, self._vault, self._file, today=self._today())

    def _warn_name(self, ticked: bool) -> None:
        if not ticked:
            return
        answer = QMessageBox.warning(
            self, self.tr("Nom dans l'agenda"),
            self.tr("Un agenda de bureau est souvent partagé et synchronisé hors de ce "
                    "poste. Le nom de la personne y sera lisible par d'autres. "
                    "L'inclure quand même ?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            self.with_name.setChecked(False)

    def export_ics(self) -> None:
        rows = self.model.rows
        if not rows:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Exporter vers l'agenda"), "rendez-vous.ics",
            self.tr("Agenda (*.ics)"))
        if path:
            ops.run(self, appointment_documents.export_ics, self._vault,
                    [a.id for a in rows], Path(path), with_name=self.with_name.isChecked(),
                    lang=current_lang(), replace=Path(path).exists(), today=self._today())

    def save_card(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Carte de rendez-vous"), "rendez-vous.pdf", self.tr("PDF (*.pdf)"))
        if not path:
            return
        doc = ops.run(self, appointment_documents.card, self._vault, chosen.id,
                      current_lang(), today=self._today())
        if doc.value is not None:
            ops.run(self, appointment_documents.save_card_pdf, self._vault, doc.value,
                    Path(path), replace=Path(path).exists())
