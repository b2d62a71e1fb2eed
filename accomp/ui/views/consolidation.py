"""The Consolidation screen: a supervisor's team summary from the workers' anonymised
activity files.

Files are added with the system dialog (several at once) and listed in the order
the refusals name them ("le fichier n° 2"). Each addition is checked at once by
computing the team summary: a file that cannot join the others (the same export
twice, overlapping periods of one worker, another structure, not an accomp file)
is refused with the service's plain message and left out of the list. The preview
is the same table preview as the worker's summary; the export is journaled in the
supervisor's own vault.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from accomp.domain.errors import KnownError
from accomp.privacy.suppression import DEFAULT_K
from accomp.services import consolidation
from accomp.services.vaults import Vault
from accomp.ui import labels, ops
from accomp.ui.pickers import KeyRole
from accomp.ui.views.export_common import (
    K_MAX,
    K_MIN,
    SUMMARY_FORMATS,
    TablePreview,
    ask_destination,
    busy,
    format_combo,
    tab_chain,
)
from accomp.ui.widgets import buddy_label, message_label, named, show_message

FILE_FILTER = "CSV, Parquet (*.csv *.parquet);;CSV (*.csv);;Parquet (*.parquet)"


class ConsolidationPage(QWidget):
    """Files, k, the team preview, format and export."""

    def __init__(self, vault: Vault | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault = vault
        explain = QLabel(self.tr(
            "Ajoutez les fichiers d'activités anonymisés exportés par chaque membre de "
            "l'équipe (onglet « Fichier d'activités » de leur accomp). Ils doivent avoir été "
            "exportés avec le même secret de structure. Un même export ajouté deux fois, "
            "ou deux exports d'un même poste sur des périodes qui se chevauchent, sont "
            "refusés : rien n'est compté deux fois."), self)
        explain.setWordWrap(True)
        self.files = QListWidget(self)
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.files.setMaximumHeight(130)
        self.add_button = named(QPushButton(self.tr("&Ajouter des fichiers…"), self))
        self.remove_button = named(QPushButton(self.tr("&Retirer"), self),
                                   self.tr("Retirer le fichier sélectionné"))
        self.k = QSpinBox(self)
        self.k.setRange(K_MIN, K_MAX)
        self.k.setValue(DEFAULT_K)
        self.preview = TablePreview(self)
        self.message = message_label(self)
        self.format = format_combo(self, SUMMARY_FORMATS)
        self.export_button = named(QPushButton(self.tr("Exporter la synt&hèse d'équipe…"), self))

        files_label = buddy_label(self.tr("&Fichiers des membres de l'équipe :"), self.files)
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        files_row = QHBoxLayout()
        files_row.addWidget(self.files, 1)
        files_row.addLayout(buttons)
        k_row = QHBoxLayout()
        k_row.addWidget(buddy_label(self.tr("Seuil &k :"), self.k, accessible_name=self.tr(
            "Seuil k de masquage")))
        k_row.addWidget(self.k)
        k_row.addStretch(1)
        out = QHBoxLayout()
        out.addWidget(buddy_label(self.tr("F&ormat :"), self.format, accessible_name=self.tr(
            "Format de la synthèse d'équipe")))
        out.addWidget(self.format)
        out.addStretch(1)
        out.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(files_label)
        layout.addLayout(files_row)
        layout.addLayout(k_row)
        layout.addWidget(self.message)
        layout.addWidget(self.preview, 1)
        layout.addLayout(out)

        self.add_button.clicked.connect(self.ask_files)
        self.remove_button.clicked.connect(self.remove_selected)
        self.files.itemSelectionChanged.connect(self._update_buttons)
        self.k.valueChanged.connect(self.refresh)
        self.export_button.clicked.connect(self.export)
        chain = [self.files, self.add_button, self.remove_button, self.k, self.preview.tables,
                 self.preview.view, self.format, self.export_button]
        tab_chain(chain)
        self._update_buttons()

    # --- files

    def paths(self) -> list[Path]:
        return [Path(self.files.item(i).data(KeyRole)) for i in range(self.files.count())]

    def ask_files(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        chosen, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Fichiers d'activités à consolider"), "", FILE_FILTER)
        if chosen:
            self.add_files([Path(p) for p in chosen])

    def add_files(self, new: list[Path]) -> bool:
        """Add files if they consolidate with those already listed; otherwise say why
        and leave the list as it was."""
        current = self.paths()
        seen = [p.resolve() for p in current]
        for path in new:
            resolved = path.resolve()
            if resolved in seen:
                first = seen.index(resolved) + 1
                ops.show_error(self, KnownError("consolidation_same_file", a=first,
                                                b=len(seen) + 1), action="add files")
                return False
            seen.append(resolved)
        outcome = ops.run(self, consolidation.consolidate, [*current, *new], k=self.k.value(),
                         vault=self.vault)
        if not outcome:
            return False
        for path in new:
            item = QListWidgetItem(f"{self.files.count() + 1}. {path.name}")
            item.setData(KeyRole, str(path))
            item.setToolTip(str(path))
            self.files.addItem(item)
        self._show(outcome.value)
        self._update_buttons()
        return True

    def remove_selected(self) -> None:
        rows = sorted((self.files.row(i) for i in self.files.selectedItems()), reverse=True)
        if not rows and self.files.currentRow() >= 0:
            rows = [self.files.currentRow()]
        for row in rows:
            self.files.takeItem(row)
        self._renumber()
        self.refresh()
        self.files.setFocus()

    def _renumber(self) -> None:
        for i in range(self.files.count()):
            item = self.files.item(i)
            item.setText(f"{i + 1}. {Path(item.data(KeyRole)).name}")

    def _update_buttons(self) -> None:
        has_files = self.files.count() > 0
        self.remove_button.setEnabled(has_files)
        self.export_button.setEnabled(has_files)

    # --- preview and export

    def refresh(self) -> None:
        paths = self.paths()
        if not paths:
            self._show(None)
            self._update_buttons()
            return
        outcome = ops.run(self, consolidation.consolidate, paths, k=self.k.value(),
                         vault=self.vault)
        self._show(outcome.value if outcome else None)
        self._update_buttons()

    def _show(self, summary: object) -> None:
        from accomp.reports.summary import Summary

        if isinstance(summary, Summary):
            files = int(str(summary.inputs.get("files", len(self.paths()))))
            rows = int(str(summary.inputs.get("rows", 0)))
            plural = labels.resolve_plural
            text = plural(self.tr("%n fichier(s)", "", files), files) + ", " + plural(self.tr(
                "%n activité(s)", "", rows), rows) + " — " + self.tr(
                "période du %1 au %2").replace("%1", labels.date(summary.date_from)).replace(
                "%2", labels.date(summary.date_to))
            show_message(self.message, text, error=False, announce=False)
            self.preview.set_summary(summary)
        else:
            show_message(self.message, "")
            self.preview.clear()

    def export(self) -> None:
        paths = self.paths()
        if not paths:
            return
        fmt, separator, extension = self.format.currentData(KeyRole)
        out = ask_destination(self, self.tr("Exporter la synthèse d'équipe"),
                              f"synthese_equipe.{extension}", extension)
        if out is None:
            return
        with busy(self, self.tr("Consolidation et écriture…")):
            outcome = ops.run(self, consolidation.export_consolidation, paths, fmt, out.path,
                              k=self.k.value(), vault=self.vault, lang=labels.current_lang(),
                              separator=separator, replace=out.replace, topic="exports")
        if outcome:
            show_message(self.message, self.tr("Synthèse d'équipe écrite : %1").replace(
                "%1", out.path.name), error=False)

    def reload(self) -> None:
        self.refresh()

    def clear_sensitive(self) -> None:
        self.files.clear()
        self.preview.clear()
        show_message(self.message, "")
        self._update_buttons()
