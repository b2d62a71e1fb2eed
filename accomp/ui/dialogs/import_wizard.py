"""The import wizard: map the columns, pre-check (nothing written), choose what to do
with values outside the lists, import in one go, undo.

The pre-check and the write run in the shared background thread (ui/background.py)
with a progress bar and a Stop button; the window stays responsive on 50,000 rows.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from accomp.domain.errors import field_label
from accomp.domain.import_headers import ImportKind
from accomp.domain.import_rows import SKIP
from accomp.domain.import_values import NOT_GIVEN
from accomp.domain.text import fold
from accomp.domain.vocab import vocabulary
from accomp.services import import_layouts, import_report, imports
from accomp.services.imports import ImportOptions, Precheck
from accomp.store.vault import Vault
from accomp.ui import ops
from accomp.ui.background import BackgroundRead
from accomp.ui.destinations import ask_save_file
from accomp.ui.i18n import current_lang
from accomp.ui.models.import_problems import ImportProblemsModel
from accomp.ui.views.import_mapping import MappingStep
from accomp.ui.views.import_matches import ImportMatches

_LIST_OF_FIELD = {
    "themes": "themes", "equipment": "equipment", "kind": "activity_kinds",
    "place_type": "place_types", "autonomy": "autonomy", "referral_target": "referral_targets",
    "completion": "completion", "level": "workshop_levels", "gender": "genders",
    "age_band": "age_bands", "social_status": "social_statuses", "legal_basis": "legal_bases",
}


class ImportWizard(QDialog):
    progressed = Signal(int, int)  # rows read, rows in all (from the worker thread)
    checked = Signal()  # a pre-check result is shown
    imported = Signal()  # the rows were written
    undone = Signal()

    def __init__(self, vault: Vault, path: Path, kind: ImportKind,
                 layout: import_layouts.Layout, *, today: dt.date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault, self.path, self.kind = vault, path, kind
        self.today = today or dt.date.today()
        self.plan: Precheck | None = None
        self._cancel = threading.Event()
        self._worker = BackgroundRead("import", self)
        self.setWindowTitle(self.tr("Importer « %1 »").replace("%1", path.name))
        self.resize(900, 640)
        self.pages = QStackedWidget()
        self.mapping_step = MappingStep(kind, layout, self.today)
        self.pages.addWidget(self._with_buttons(self.mapping_step, self._mapping_buttons()))
        self.pages.addWidget(self._check_page())
        self.pages.addWidget(self._done_page())
        layout_box = QVBoxLayout(self)
        layout_box.addWidget(self.pages)
        self.progressed.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)

    @classmethod
    def ask(cls, parent: QWidget | None, vault: Vault, path: Path, kind: ImportKind,
            *, today: dt.date | None = None) -> bool:
        """Run the wizard on `path`; True when rows were imported (and not undone)."""
        layout = ops.run(parent, import_layouts.read_layout, vault, path, kind)
        if layout.value is None:
            return False
        dialog = cls(vault, path, kind, layout.value, today=today, parent=parent)
        try:
            dialog.exec()
            return dialog.pages.currentIndex() == 2 and dialog.undo_button.isEnabled()
        finally:
            dialog.deleteLater()

    # --- building ----------------------------------------------------------------------

    @staticmethod
    def _with_buttons(body: QWidget, buttons: QHBoxLayout) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.addWidget(body, 1)
        box.addLayout(buttons)
        return page

    def _mapping_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Fermer"))
        self.cancel_button.clicked.connect(self.reject)
        self.check_button = QPushButton(self.tr("&Vérifier le fichier"))
        self.check_button.setDefault(True)
        self.check_button.setAccessibleName(self.tr("Vérifier le fichier sans rien enregistrer"))
        self.check_button.clicked.connect(self.start_check)
        row.addWidget(self.cancel_button)
        row.addWidget(self.check_button)
        return row

    def _check_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Résultat de la vérification"))
        box.addWidget(self.summary)
        progress_row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Avancement"))
        self.stop_button = QPushButton(self.tr("&Arrêter"))
        self.stop_button.setAccessibleName(self.tr("Arrêter la vérification"))
        self.stop_button.clicked.connect(self._cancel.set)
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.stop_button)
        box.addLayout(progress_row)
        self.unknown_label = QLabel(self.tr("Valeurs hors des listes : que faire ?"))
        box.addWidget(self.unknown_label)
        self.unknown = QTableWidget(0, 4)
        self.unknown.setHorizontalHeaderLabels(
            [self.tr("Champ"), self.tr("Valeur"), self.tr("Lignes"), self.tr("Choix")])
        self.unknown.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.unknown.setAccessibleName(self.tr("Valeurs hors des listes"))
        self.unknown.verticalHeader().setVisible(False)
        self.unknown_label.setBuddy(self.unknown)
        box.addWidget(self.unknown, 1)
        problems_label = QLabel(self.tr("Lignes refusées :"))
        box.addWidget(problems_label)
        self.problems_model = ImportProblemsModel(self)
        self.problems = QTableView()
        self.problems.setModel(self.problems_model)
        self.problems.horizontalHeader().setStretchLastSection(True)
        self.problems.verticalHeader().setVisible(False)
        self.problems.setSortingEnabled(False)
        self.problems.setAccessibleName(self.tr("Lignes refusées"))
        problems_label.setBuddy(self.problems)
        box.addWidget(self.problems, 2)
        self.matches = ImportMatches(self.vault, self.today, can_merge=False)
        box.addWidget(self.matches, 1)
        row = QHBoxLayout()
        self.back_button = QPushButton(self.tr("&Retour aux colonnes"))
        self.back_button.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        self.recheck_button = QPushButton(self.tr("Vérifier à &nouveau"))
        self.recheck_button.setAccessibleName(self.tr("Vérifier à nouveau avec ces choix"))
        self.recheck_button.clicked.connect(self.start_check)
        self.save_button = QPushButton(self.tr("&Enregistrer les lignes refusées…"))
        self.save_button.clicked.connect(self.save_rejected)
        self.import_button = QPushButton(self.tr("&Importer"))
        self.import_button.setAccessibleName(self.tr("Importer les lignes prêtes"))
        self.import_button.clicked.connect(self.start_import)
        for b in (self.back_button, self.recheck_button, self.save_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.import_button)
        box.addLayout(row)
        return page

    def _done_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setAccessibleName(self.tr("Résultat de l’import"))
        box.addWidget(self.result_label)
        self.done_matches = ImportMatches(self.vault, self.today, can_merge=True)
        box.addWidget(self.done_matches, 1)
        box.addStretch(0)  # the room left when nobody was recognised
        row = QHBoxLayout()
        self.undo_button = QPushButton(self.tr("&Annuler cet import"))
        self.undo_button.setAccessibleName(self.tr("Annuler tout cet import"))
        self.undo_button.clicked.connect(self.undo)
        close = QPushButton(self.tr("Fermer"))
        close.clicked.connect(self.accept)
        row.addWidget(self.undo_button)
        row.addStretch(1)
        row.addWidget(close)
        box.addLayout(row)
        return page

    # --- pre-check -----------------------------------------------------------------------

    def options(self) -> ImportOptions:
        return ImportOptions(mapping=self.mapping_step.mapping(), choices=self._choices(),
                             legal_basis=self.mapping_step.legal_basis(),
                             informed_on=self.mapping_step.informed())

    def _choices(self) -> dict[str, dict[str, str]]:
        out: dict[str, dict[str, str]] = {}
        for row in range(self.unknown.rowCount()):
            combo = self.unknown.cellWidget(row, 3)
            assert isinstance(combo, QComboBox)
            if combo.currentData():
                field, value = combo.property("field"), combo.property("value")
                out.setdefault(field, {})[fold(value)] = combo.currentData()
        return out

    def start_check(self) -> None:
        options = self.options()
        if self.mapping_step.remember.isChecked():
            ops.run(self, import_layouts.save_layout, self.vault, self.kind,
                    self.mapping_step.layout_info.layout, options.mapping or {})
        self._cancel.clear()
        self._busy(True)
        self.pages.setCurrentIndex(1)
        self.summary.setText(self.tr("Vérification en cours…"))
        vault, path, kind, today = self.vault, self.path, self.kind, self.today
        emit = self.progressed.emit
        self._worker.start(
            lambda: imports.precheck(vault, path, kind, options, today=today, progress=emit,
                                     cancelled=self._cancel.is_set),
            self._checked)

    def _show_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.stop_button.setVisible(busy)
        for b in (self.recheck_button, self.import_button, self.save_button, self.back_button):
            b.setEnabled(not busy)

    def _checked(self, plan: Precheck | None, error: Exception | None) -> None:
        self._busy(False)
        if error is not None or plan is None:
            ops.show_error(self, error or RuntimeError("no result"), action="import.precheck")
            self.pages.setCurrentIndex(0)
            return
        self.plan = plan
        c = plan.counts()
        self.summary.setText(self.tr(
            "%1 ligne(s) lues : %2 prête(s), %3 refusée(s), %4 écartée(s), %5 déjà "
            "enregistrée(s). Personnes : %6 reconnue(s) dans des dossiers existants, %7 "
            "dossier(s) à créer, %8 ligne(s) sans identité (base légale manquante).")
            .replace("%1", str(c["rows"])).replace("%2", str(c["ready"]))
            .replace("%3", str(c["rejected"])).replace("%4", str(c["skipped"]))
            .replace("%5", str(c["existing"])).replace("%6", str(c["matched"]))
            .replace("%7", str(c["to_create"])).replace("%8", str(c["anonymous"])))
        self._fill_unknown(plan)
        self.problems_model.set_problems(plan.problems)
        self.problems.resizeColumnsToContents()
        self.matches.set_plan(plan)
        self.import_button.setText(self.tr("&Importer %n ligne(s)", "", len(plan.ready)))
        self.import_button.setEnabled(bool(plan.ready))
        self.save_button.setEnabled(bool(plan.problems))
        self.checked.emit()

    def _fill_unknown(self, plan: Precheck) -> None:
        before = self._choices()
        lang = current_lang()
        items = sorted(plan.unknown_values.items(), key=lambda kv: (kv[0][0], kv[0][1]))
        self.unknown.setRowCount(len(items))
        for row, ((field, value), count) in enumerate(items):
            for col, text in enumerate((field_label(field, lang), value, str(count))):
                cell = QLabel(text)
                self.unknown.setCellWidget(row, col, cell)
            combo = QComboBox()
            combo.setProperty("field", field)
            combo.setProperty("value", value)
            combo.addItem(self.tr("Laisser la ligne refusée"), "")
            combo.addItem(self.tr("Non communiqué"), NOT_GIVEN)
            combo.addItem(self.tr("Ignorer la ligne"), SKIP)
            lists = ("themes", "admin_themes") if field == "themes" else (
                (_LIST_OF_FIELD[field],) if field in _LIST_OF_FIELD else ())
            for list_name in lists:
                shown = (self.tr("Associer à la démarche « %1 »") if list_name == "admin_themes"
                         else self.tr("Associer à « %1 »"))
                for term in vocabulary().terms(list_name):
                    combo.addItem(shown.replace("%1", term.label(lang)), term.key)
            combo.setCurrentIndex(max(0, combo.findData(before.get(field, {}).get(fold(value),
                                                                                   ""))))
            combo.setAccessibleName(self.tr("Choix pour la valeur « %1 »").replace("%1", value))
            self.unknown.setCellWidget(row, 3, combo)
        self.unknown.resizeColumnsToContents()
        self.unknown_label.setVisible(bool(items))
        self.unknown.setVisible(bool(items))

    def save_rejected(self) -> None:
        if self.plan is None:
            return
        target = ask_save_file(self, self.tr("Lignes refusées"),
                               self.path.with_name(self.path.stem + "-refus.csv"),
                               self.tr("Fichiers CSV (*.csv)"), "csv")
        if target is not None:
            ops.run(self, import_report.save_rejected, self.plan, target.path,
                    data_dir=self.vault.paths.data_dir, lang=current_lang(),
                    replace=target.replace)

    # --- write, undo -------------------------------------------------------------------

    def start_import(self) -> None:
        plan = self.plan
        if plan is None:
            return
        self._busy(True)
        self.progress.setMaximum(0)  # busy indicator: one transaction
        self.stop_button.setVisible(False)
        vault, today = self.vault, self.today
        self._worker.start(lambda: imports.write_import(vault, plan, today=today),
                           self._written)

    def _written(self, result: Any, error: Exception | None) -> None:
        self._busy(False)
        if error is not None or result is None:
            ops.show_error(self, error or RuntimeError("no result"), action="import.write")
            return
        self.result_label.setText(self.tr(
            "Import enregistré : %1 activité(s), %2 dossier(s) créé(s). Vous pouvez "
            "l’annuler tant qu’aucun autre import n’a été fait.")
            .replace("%1", str(result.counts["activities_created"]))
            .replace("%2", str(result.counts["files_created"])))
        if self.plan is not None:
            self.done_matches.set_plan(self.plan, result)
        self.pages.setCurrentIndex(2)
        for topic in ("activities", "beneficiaries"):
            ops.changes().changed.emit(topic)
        self.imported.emit()

    def undo(self) -> None:
        done = ops.run(self, imports.undo_last_import, self.vault, topic="activities")
        if done.value is not None:
            ops.changes().changed.emit("beneficiaries")
            self.result_label.setText(self.tr(
                "Import annulé : %1 activité(s) et %2 dossier(s) retirés.")
                .replace("%1", str(done.value["activities"]))
                .replace("%2", str(done.value["files"])))
            self.undo_button.setEnabled(False)
            self.undone.emit()


def start_import(parent: QWidget | None, vault: Vault) -> bool:
    """From the menu: ask for the file and what it holds, then run the wizard."""
    people = QCoreApplication.translate("ImportWizard",
                                        "Bénéficiaires (*.xlsx *.ods *.csv *.txt)")
    chosen, selected = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("ImportWizard", "Importer un tableur"), "",
        QCoreApplication.translate("ImportWizard", "Activités (*.xlsx *.ods *.csv *.txt)")
        + ";;" + people)
    if not chosen:
        return False
    kind: ImportKind = "beneficiaries" if selected == people else "activities"
    return ImportWizard.ask(parent, vault, Path(chosen), kind)
