"""What the Exports screen's tabs and the consolidation screen share: the preview of a
summary's published tables (a hidden cell reads "< k"), the list of formats, the busy
indicator while a file is written, the choice of destination, and the bounds of k.

exports.py and consolidation.py both import this module and never each other
(an import-linter contract in pyproject.toml keeps it so).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressDialog,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from accomp.privacy.suppression import DEFAULT_K
from accomp.reports.summary import PublishedTable, Summary, category_label, table_title
from accomp.ui import labels
from accomp.ui.destinations import SaveTarget, ask_save_file
from accomp.ui.pickers import KeyRole, TypeAheadCombo
from accomp.ui.widgets import buddy_label

_Index = QModelIndex | QPersistentModelIndex

K_MIN, K_MAX = 3, 50
SUPPRESSED_BACKGROUND = "#ececec"
SUPPRESSED_FOREGROUND = "#4a4a4a"  # 8.4:1 on the grey above

# (format, separator, file extension)
SUMMARY_FORMATS: tuple[tuple[str, str, str], ...] = (
    ("xlsx", ",", "xlsx"), ("csv", ",", "csv"), ("csv", ";", "csv"), ("pdf", ",", "pdf"),
    ("json", ",", "json"),
)
ACTIVITY_FORMATS: tuple[tuple[str, str, str], ...] = (
    ("csv", ",", "csv"), ("csv", ";", "csv"), ("xlsx", ",", "xlsx"),
    ("parquet", ",", "parquet"),
)


def tab_chain(widgets: list[QWidget]) -> None:
    """Tab walks these widgets in this order."""
    for a, b in itertools.pairwise(widgets):
        QWidget.setTabOrder(a, b)


def format_label(fmt: str, separator: str) -> str:
    """A file format as the format lists name it, in the interface language."""
    # Literals in translate() itself: lupdate collects no string passed through a
    # helper, and such a label would stay French in the English interface.
    if fmt == "csv":
        if separator == ";":
            return QCoreApplication.translate("ExportsPage", "CSV (séparateur ;)")
        return QCoreApplication.translate("ExportsPage", "CSV (séparateur ,)")
    if fmt == "xlsx":
        return QCoreApplication.translate("ExportsPage", "Classeur Excel (XLSX)")
    if fmt == "pdf":
        return QCoreApplication.translate("ExportsPage", "Rapport PDF")
    return {"json": "JSON", "parquet": "Parquet"}.get(fmt, fmt)


@contextmanager
def busy(parent: QWidget | None, text: str) -> Iterator[QProgressDialog]:
    """A modal busy indicator (no cancel: a write is atomic and short) while the
    block runs."""
    dialog = QProgressDialog(text, "", 0, 0, parent)
    dialog.setCancelButton(None)
    dialog.setWindowTitle("accomp")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAccessibleName(text)
    dialog.show()
    QApplication.processEvents()
    try:
        yield dialog
    finally:
        dialog.close()
        dialog.deleteLater()


# --- the table preview -------------------------------------------------------------------


class PublishedTableModel(QAbstractTableModel):
    """One published table: category, count; a last row for the total when there is
    one. A hidden cell shows "< k" and is read "masqué"."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._table: PublishedTable | None = None
        self._k = DEFAULT_K
        self._rows: list[tuple[str, int | None, bool, bool]] = []  # label, n, hidden, total
        font = QFont()
        font.setItalic(True)
        self._hidden_font = font

    def set_table(self, table: PublishedTable | None, k: int) -> None:
        self.beginResetModel()
        self._table, self._k = table, k
        self._rows = []
        if table is not None:
            lang = labels.current_lang()
            for row in table.rows:
                self._rows.append((category_label(table.dimension, row.category, lang),
                                   row.count, row.suppressed, False))
            if table.total is not None or table.total_suppressed:
                self._rows.append((self.tr("Total"), table.total, table.total_suppressed, True))
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return self.tr("Catégorie")
            return self.tr("Nombre")
        return None

    def is_hidden(self, row: int) -> bool:
        return self._rows[row][2]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        label, count, hidden, total = self._rows[index.row()]
        col = index.column()
        R = Qt.ItemDataRole
        if role == R.DisplayRole:
            if col == 0:
                return label
            return f"< {self._k}" if hidden else f"{count:n}".replace(",", "\u202f")
        if role == R.AccessibleTextRole:
            if col == 0:
                return label
            return self.tr("masqué") if hidden else str(count)
        if role == R.ToolTipRole and hidden and col == 1:
            return self.tr("Masqué : moins de %1 personnes ou activités, ou masqué pour "
                           "qu'un autre nombre masqué ne puisse pas être recalculé."
                           ).replace("%1", str(self._k))
        if role == R.TextAlignmentRole and col == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if hidden and col == 1:
            if role == R.BackgroundRole:
                return QBrush(QColor(SUPPRESSED_BACKGROUND))
            if role == R.ForegroundRole:
                return QBrush(QColor(SUPPRESSED_FOREGROUND))
            if role == R.FontRole:
                return self._hidden_font
        if total and role == R.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None


class TablePreview(QWidget):
    """The list of a summary's tables and the chosen one, as it will be published.
    Shared by the summary tab and the consolidation screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary: Summary | None = None
        self.tables = QListWidget(self)
        self.tables.setMinimumWidth(240)
        self.model = PublishedTableModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.info = QLabel(self)
        self.info.setWordWrap(True)
        tables_label = buddy_label(self.tr("&Tableaux :"), self.tables)
        self.table_label = buddy_label(self.tr("Ta&bleau choisi :"), self.view)

        left = QVBoxLayout()
        left.addWidget(tables_label)
        left.addWidget(self.tables, 1)
        right = QVBoxLayout()
        right.addWidget(self.table_label)
        right.addWidget(self.view, 1)
        right.addWidget(self.info)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 2)
        layout.addLayout(right, 3)
        self.tables.currentRowChanged.connect(self._show)

    def set_summary(self, summary: Summary | None) -> None:
        previous = self.current_table_name()
        self.summary = summary
        self.tables.blockSignals(True)
        self.tables.clear()
        lang = labels.current_lang()
        if summary is not None:
            for table in summary.tables:
                item = QListWidgetItem(table_title(table, lang))
                item.setData(KeyRole, table.name)
                self.tables.addItem(item)
        self.tables.blockSignals(False)
        row = 0
        for i in range(self.tables.count()):
            if self.tables.item(i).data(KeyRole) == previous:
                row = i
        if summary is not None and self.tables.count():
            self.tables.setCurrentRow(row)
            self._show(row)
        else:
            self._show(-1)

    def current_table_name(self) -> str | None:
        item = self.tables.currentItem()
        return str(item.data(KeyRole)) if item is not None else None

    def select_table(self, name: str) -> None:
        for i in range(self.tables.count()):
            if self.tables.item(i).data(KeyRole) == name:
                self.tables.setCurrentRow(i)
                return
        raise KeyError(name)

    def _show(self, row: int) -> None:
        if self.summary is None or row < 0:
            self.model.set_table(None, DEFAULT_K)
            self.info.setText("")
            self.view.setAccessibleName(self.tr("Tableau choisi"))
            return
        table = self.summary.tables[row]
        self.model.set_table(table, self.summary.k)
        title = table_title(table, labels.current_lang())
        self.view.setAccessibleName(self.tr("Tableau choisi : %1").replace("%1", title))
        hidden = sum(r.suppressed for r in table.rows) + table.total_suppressed
        text = labels.resolve_plural(
            self.tr("%n cellule(s) masquée(s) dans ce tableau", "", hidden), hidden) if hidden \
            else self.tr("Valeurs protégées par une légère perturbation (zéros exacts) : les "
                         "lignes ne s'additionnent pas exactement au total.")
        if table.multi_valued:
            text += " — " + self.tr("une activité ou une personne peut compter dans "
                                    "plusieurs lignes : pas de total.")
        self.info.setText(text)

    def cell_text(self, row: int, column: int = 1) -> str:
        return str(self.model.data(self.model.index(row, column)))

    def clear(self) -> None:
        self.set_summary(None)


def format_combo(parent: QWidget, choices: tuple[tuple[str, str, str], ...]) -> QComboBox:
    combo = TypeAheadCombo(parent)
    for choice in choices:
        combo.addItem(format_label(choice[0], choice[1]))
        combo.setItemData(combo.count() - 1, choice, KeyRole)
    return combo


def ask_destination(parent: QWidget, title: str, name: str, extension: str) -> SaveTarget | None:
    """The file to write, asked with the system dialog; the extension added if left
    out; an existing file only once the worker agreed to replace it."""
    filters = f"{extension.upper()} (*.{extension})"
    return ask_save_file(parent, title, Path.home() / name, filters, extension)
