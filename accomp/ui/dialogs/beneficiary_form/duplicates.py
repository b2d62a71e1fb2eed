"""The files that may already be this person (similar name, same phone or e-mail),
listed before a file is saved: the worker opens one instead (Enter on it, or
"Ouvrir"), merges it with the file being edited, or saves anyway."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from accomp.services.duplicates import DuplicateCandidate
from accomp.ui import labels
from accomp.ui.models.beneficiaries import person_name
from accomp.ui.widgets import named, paragraph


class DuplicatesPanel(QGroupBox):
    """The proposed files, hidden until `show_candidates()`; the form wires the buttons."""

    open_chosen = Signal()  # Enter on a proposed file

    def __init__(self, *, editing: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._candidates: list[DuplicateCandidate] = []
        self.setTitle(self.tr("Dossiers semblables"))
        self.setObjectName("duplicatesBox")
        self.note = paragraph("", self)
        self.table = table = QTableWidget(0, 5, self)
        table.setObjectName("duplicatesTable")
        table.setAccessibleName(self.tr("Dossiers semblables"))
        table.setHorizontalHeaderLabels([
            self.tr("Code"), self.tr("Nom"), self.tr("Naissance"), self.tr("Dernier contact"),
            self.tr("Motif"),
        ])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setTabKeyNavigation(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.installEventFilter(self)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        self.open_button = named(QPushButton(self.tr("O&uvrir ce dossier"), self))
        self.open_button.setAutoDefault(False)
        self.anyway_button = named(QPushButton(
            self.tr("Enregistrer &quand même") if editing else self.tr("Créer &quand même"),
            self,
        ))
        self.anyway_button.setAutoDefault(False)
        # editing a file: it and the proposed one can be merged (merge_files)
        self.merge_button = named(QPushButton(self.tr("&Fusionner avec ce dossier…"), self))
        self.merge_button.setAutoDefault(False)
        self.merge_button.setVisible(editing)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(table)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.merge_button)
        buttons.addWidget(self.anyway_button)
        layout.addLayout(buttons)
        self.setVisible(False)

    def candidates(self) -> list[DuplicateCandidate]:
        return list(self._candidates)

    def chosen(self) -> DuplicateCandidate | None:
        """The highlighted file, if any."""
        rows = self.table.selectionModel().selectedRows()
        if not rows or not self._candidates:
            return None
        return self._candidates[rows[0].row()]

    def show_candidates(self, found: list[DuplicateCandidate]) -> None:
        """List the files, highlight the first and give it the focus."""
        self._candidates = found
        table = self.table
        table.setRowCount(len(found))
        reasons = {"name": self.tr("nom"), "phone": self.tr("téléphone"),
                   "email": self.tr("e-mail")}
        for row, c in enumerate(found):
            cells = (
                c.code,
                person_name(c.first_name, c.last_name) or "—",
                str(c.birth_year) if c.birth_year else "—",
                labels.date(c.last_contact) if c.last_contact else "—",
                ", ".join(reasons[r] for r in c.reasons),
            )
            for col, text in enumerate(cells):
                table.setItem(row, col, QTableWidgetItem(text))
        table.resizeColumnsToContents()
        # As tall as its rows: the form above must keep its room.
        table.setFixedHeight(table.horizontalHeader().sizeHint().height()
                             + table.verticalHeader().length() + 2 * table.frameWidth())
        note = self.tr(
            "Cette personne a peut-être déjà un dossier (%n proposé(s)). Ouvrez-le plutôt "
            "que d'en créer un second, ou enregistrez quand même s'il s'agit d'une autre "
            "personne.",
            "", len(found),
        )
        self.note.setText(labels.resolve_plural(note, len(found)))
        self.setVisible(True)

    def focus_first(self) -> None:
        self.table.selectRow(0)
        self.table.setFocus()

    def clear(self) -> None:
        self.table.setRowCount(0)
        self._candidates = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter on a proposed file opens it (instead of pressing the default button).
        if (watched is self.table and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.open_chosen.emit()
            return True
        return super().eventFilter(watched, event)
