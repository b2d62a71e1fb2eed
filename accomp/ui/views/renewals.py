"""The "À renouveler" list of the dashboard: consents that expired, or end within 30
days, with a "Renouveler…" button on each line (two clicks: the button, then "Oui").
Withdrawn consents are not listed: the person said no.

Emits `open_requested(beneficiary_id)` when the worker asks to open a file (Enter or
double-click on a line, or "Ouvrir le dossier").
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from accomp.domain.consent import ConsentStatus, Purpose
from accomp.services import consents
from accomp.services.consents import Renewal
from accomp.services.vaults import Vault
from accomp.ui import labels, ops
from accomp.ui.views.consent_panel import Clock, badge_style
from accomp.ui.widgets import heading, named, paragraph

TOPICS = ("consents", "beneficiaries")


class RenewalsList(QWidget):
    COL_CODE = 0
    COL_PURPOSE = 1
    COL_STATUS = 2
    COL_UNTIL = 3
    COL_ACTION = 4

    open_requested = Signal(int)

    def __init__(self, vault: Vault, parent: QWidget | None = None, *,
                 clock: Clock | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self._clock = clock or consents.now
        self._rows: list[Renewal] = []
        self._active = True

        self.title = heading(self.tr("À renouveler"), self)
        self.count = QLabel(self)
        self.count.setObjectName("renewalCount")
        self.empty = paragraph(self.tr("Aucun consentement à renouveler dans les 30 jours."),
                               self)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("renewalTable")
        self.table.setHorizontalHeaderLabels([
            self.tr("Dossier"), self.tr("Finalité"), self.tr("État"), self.tr("Jusqu'au"),
            self.tr("Action"),
        ])
        self.table.setAccessibleName(self.tr("Consentements à renouveler"))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.COL_PURPOSE, QHeaderView.ResizeMode.Stretch)
        for col in (self.COL_CODE, self.COL_STATUS, self.COL_UNTIL, self.COL_ACTION):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda index: self._open_row(index.row()))
        self.table.activated.connect(lambda index: self._open_row(index.row()))
        self.open_button = named(QPushButton(self.tr("&Ouvrir le dossier"), self))
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(lambda: self._open_row(self.table.currentRow()))

        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.count)
        foot = QHBoxLayout()
        foot.addStretch(1)
        foot.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(foot)
        ops.changes().changed.connect(self._on_changed)
        self.reload()

    def reload(self) -> None:
        self._active = True
        outcome = ops.run(self, consents.renewals, self._vault, at=self._clock())
        if outcome.value is not None:
            self._show(outcome.value)

    def clear_sensitive(self) -> None:
        self._active = False
        self._rows = []
        self.table.setRowCount(0)
        self.count.clear()
        self.open_button.setEnabled(False)

    def rows(self) -> list[Renewal]:
        return list(self._rows)

    def _status_text(self, status: ConsentStatus) -> str:
        return self.tr("Expiré") if status == ConsentStatus.EXPIRED else self.tr("Expire bientôt")

    def _show(self, rows: list[Renewal]) -> None:
        self._rows = rows
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            purpose = labels.vocab_label("consent_purposes", r.purpose)
            status = self._status_text(r.status)
            for col, text in ((self.COL_CODE, r.code), (self.COL_PURPOSE, purpose),
                              (self.COL_UNTIL, labels.date(r.last_day) if r.last_day else "—")):
                self.table.setItem(i, col, QTableWidgetItem(text))
            badge = QLabel(status)
            badge.setStyleSheet(badge_style(r.status))
            badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
            badge.setAccessibleName(status)
            self.table.setItem(i, self.COL_STATUS, QTableWidgetItem(status))
            self.table.setCellWidget(i, self.COL_STATUS, badge)
            button = named(QPushButton(self.tr("Renouveler…")),
                           self.tr("Renouveler : %1, %2").replace("%1", r.code).replace(
                               "%2", purpose))
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, row=i: self.renew_row(row))
            self.table.setCellWidget(i, self.COL_ACTION, button)
        self.table.resizeRowsToContents()
        n = len(rows)
        self.count.setText(labels.resolve_plural(self.tr("%n à renouveler", "", n), n))
        self.empty.setVisible(n == 0)
        self.table.setVisible(n > 0)
        self.open_button.setEnabled(n > 0)
        if n and self.table.currentRow() < 0:
            self.table.setCurrentCell(0, self.COL_CODE)

    def renew_button(self, row: int) -> QPushButton:
        widget = self.table.cellWidget(row, self.COL_ACTION)
        assert isinstance(widget, QPushButton)
        return widget

    def renew_row(self, row: int) -> bool:
        """Renew one line's consent after confirmation (same form as last time)."""
        if not 0 <= row < len(self._rows):
            return False
        r = self._rows[row]
        purpose = labels.vocab_label("consent_purposes", r.purpose)
        text = self.tr("Renouveler « %1 » pour le dossier %2 ?\nLa personne a redonné son "
                       "accord.").replace("%1", purpose).replace("%2", r.code)
        if r.purpose == Purpose.MANDATE:
            text += "\n" + self.tr("Le dernier mandat est renouvelé avec ses démarches.")
        answer = QMessageBox.question(
            self, self.tr("Renouveler"), text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        return bool(ops.run(self, consents.renew, self._vault, r.beneficiary_id, r.purpose,
                            at=self._clock(), topic="consents"))

    def _open_row(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.open_requested.emit(self._rows[row].beneficiary_id)

    def _on_changed(self, topic: str) -> None:
        if topic in TOPICS and self._active and not self._vault.is_locked:
            self.reload()
