"""The import's people found in existing files, as the wizard shows them: before the
import (pre-check), which file each one will be linked to, or that a file of their
own will be created when the match is only possible (a close name, a name several
files share); after the import, "Fusionner…" opens the merge dialog for a possible
match and the file the import created, so that the imported sessions move to the
existing file as any merge moves them.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from accomp.services.imports import ImportResult, PersonPlan, Precheck
from accomp.services.merge import MergeResult
from accomp.services.vaults import Vault
from accomp.ui.dialogs.merge_files import MergeFilesDialog
from accomp.ui.widgets import named

_LINES_SHOWN = 5


class ImportMatches(QWidget):
    """A table of the people the import found in existing files; with `can_merge`,
    a "Fusionner…" button for the possible matches once the import is written."""

    merged = Signal(object)  # the MergeResult

    COL_PERSON, COL_LINES, COL_FILE, COL_WHY, COL_OUTCOME = range(5)

    def __init__(self, vault: Vault, today: dt.date, *, can_merge: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault, self._today = vault, today
        self._people: list[PersonPlan] = []
        self._created: dict[str, tuple[int, str]] = {}
        self._merged: dict[str, str] = {}  # person key -> code of the kept file
        self._kind = "activities"
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        box.addWidget(self.label)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([
            self.tr("Personne du fichier"), self.tr("Lignes"), self.tr("Dossier existant"),
            self.tr("Reconnue par"), self.tr("Suite")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setAccessibleName(self.tr("Personnes reconnues"))
        self.label.setBuddy(self.table)
        box.addWidget(self.table, 1)
        self.merge_button: QPushButton | None = None
        if can_merge:
            row = QHBoxLayout()
            self.hint = QLabel(self.tr(
                "Si une personne au rapprochement incertain est bien celle du dossier "
                "existant, fusionnez les deux dossiers."))
            self.hint.setWordWrap(True)
            self.merge_button = named(QPushButton(self.tr("F&usionner…")),
                                      self.tr("Fusionner avec le dossier existant"))
            self.merge_button.setObjectName("importMerge")
            self.merge_button.clicked.connect(self.merge_selected)
            self.table.itemSelectionChanged.connect(self._sync)
            # Enter on a possible match opens the merge too
            for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                shortcut = QShortcut(QKeySequence(key), self.table)
                shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
                shortcut.activated.connect(self.merge_selected)
            row.addWidget(self.hint, 1)
            row.addWidget(self.merge_button)
            box.addLayout(row)
        self._sync()
        self.setHidden(True)

    # --- filling -----------------------------------------------------------------------

    def set_plan(self, plan: Precheck, result: ImportResult | None = None) -> None:
        """Show the people of `plan` found in existing files (and, after the import,
        the files it created)."""
        self._kind = plan.kind
        self._people = [p for p in plan.people
                        if p.match_id is not None or p.maybe_id is not None]
        self._created = dict(result.created) if result is not None else {}
        self._merged = {}
        self._fill()

    def _fill(self) -> None:
        self.table.setRowCount(len(self._people))
        for row, person in enumerate(self._people):
            lines = ", ".join(str(n) for n in person.lines[:_LINES_SHOWN]) + (
                "…" if len(person.lines) > _LINES_SHOWN else "")
            texts = (self._name(person), lines,
                     person.match_code or person.maybe_code or "",
                     ", ".join(self._why(r) for r in person.reasons), self._outcome(person))
            for col, text in enumerate(texts):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        uncertain = sum(1 for p in self._people if p.maybe_id is not None)
        self.label.setText(self.tr(
            "Personnes reconnues dans des dossiers existants (%n incertaine(s)) :", "",
            uncertain))
        self.setHidden(not self._people)  # no room taken when nobody was recognised
        if self.merge_button is not None:
            offered = any(self._pair(p) for p in self._people)
            self.hint.setVisible(offered)
            self.merge_button.setVisible(offered)
            first = next((r for r, p in enumerate(self._people) if self._pair(p)), -1)
            if first >= 0:
                self.table.selectRow(first)
        self._sync()

    @staticmethod
    def _name(person: PersonPlan) -> str:
        d = person.data
        return " ".join(x for x in (d.first_name, d.last_name) if x) or d.code or "—"

    def _why(self, reason: str) -> str:
        return {"code": self.tr("code du dossier"), "name": self.tr("nom"),
                "phone": self.tr("téléphone"), "email": self.tr("e-mail")}.get(reason, reason)

    def _outcome(self, p: PersonPlan) -> str:
        if p.match_id is not None:
            return self.tr("Rattachée au dossier existant")
        if p.key in self._merged:
            return self.tr("Fusionnée dans le dossier %1").replace("%1", self._merged[p.key])
        if p.key in self._created:
            return self.tr("Incertain : nouveau dossier %1, à fusionner si c’est la même "
                           "personne").replace("%1", self._created[p.key][1])
        if self._kind == "activities" and not p.identified:
            return self.tr("Incertain : séances importées sans identité")
        return self.tr("Incertain : un nouveau dossier sera créé ; vous pourrez le "
                       "fusionner après l’import")

    # --- merging -------------------------------------------------------------------------

    def _pair(self, p: PersonPlan) -> tuple[int, int] | None:
        """(existing file, file the import created) when they may be merged."""
        if p.maybe_id is None or p.key not in self._created or p.key in self._merged:
            return None
        return p.maybe_id, self._created[p.key][0]

    def _selected(self) -> PersonPlan | None:
        rows = self.table.selectionModel().selectedRows()
        return self._people[rows[0].row()] if rows else None

    def _sync(self) -> None:
        if self.merge_button is None:
            return
        person = self._selected()
        self.merge_button.setEnabled(person is not None and self._pair(person) is not None)

    def merge_selected(self) -> MergeResult | None:
        """The merge dialog for the selected possible match, the existing file kept by
        default and the imported one absorbed."""
        person = self._selected()
        pair = self._pair(person) if person is not None else None
        if person is None or pair is None:
            return None
        done = MergeFilesDialog.ask(self, self._vault, pair[0], pair[1], today=self._today)
        if done is not None:
            self._merged[person.key] = done.kept_code
            self._fill()
            self.merged.emit(done)
        return done
