"""Tables of the retention tab of the "Protection des données" page: what is due for
retention, each line checkable (nothing goes unless checked), and the register of
the purges done.

`set_*()` replaces the rows in one reset (every line unchecked) and `clear()` drops
them (at lock). Only the check boxes are editable. The UserRole of each column is
the value to sort on (a QDate, an instant, a number), never the text shown. Texts
are translated in the page's context, "PrivacyPage".
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt

from accomp.domain.retention import DataClass
from accomp.services import lifecycle
from accomp.services.lifecycle import DueItem, PurgeEntry
from accomp.ui import labels
from accomp.ui.models.shown_table import ShownTableModel
from accomp.ui.widgets import qdate

_Index = QModelIndex | QPersistentModelIndex


def class_text(data_class: str) -> str:
    """What a class of data is called on the page."""
    texts = {
        DataClass.IDENTIFIED_FILE.value: QCoreApplication.translate(
            "PrivacyPage", "Dossier identifié"),
        DataClass.NOTES.value: QCoreApplication.translate("PrivacyPage", "Notes"),
        DataClass.JOURNAL.value: QCoreApplication.translate("PrivacyPage", "Journal"),
        DataClass.EXPORT_RECORDS.value: QCoreApplication.translate(
            "PrivacyPage", "Traces des exports"),
    }
    return texts.get(data_class, data_class)


def ref_text(ref: str) -> str:
    """A line's file: its code, or what stands for "no file"."""
    if ref == lifecycle.NO_FILE:
        return QCoreApplication.translate("PrivacyPage", "Séances sans dossier")
    if ref in ("journal", "exports"):
        return "—"
    return ref


def _is_checked(value: Any) -> bool:
    """A check state as the delegate sets it (the enum, or its int value)."""
    state = value.value if isinstance(value, Qt.CheckState) else int(value)
    return bool(state == Qt.CheckState.Checked.value)


class DueModel(ShownTableModel):
    """What has passed its retention period, in the order the service gives."""

    COL_FILE = 0
    COL_CLASS = 1
    COL_REFERENCE = 2  # the last contact, or the oldest note or event concerned
    COL_DUE = 3
    COL_ROWS = 4
    COLUMN_COUNT = 5

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._checked: list[bool] = []

    def set_items(self, items: list[DueItem],
                  shown: list[tuple[str, ...]] | None = None) -> None:
        self._reset(items, shown)

    def _reset_extra(self) -> None:
        self._checked = [False] * len(self._items)

    def clear(self) -> None:
        self.set_items([])

    def items(self) -> list[DueItem]:
        return list(self._items)

    def checked_items(self) -> list[DueItem]:
        return [item for item, checked in zip(self._items, self._checked, strict=True)
                if checked]

    def is_checked(self, row: int) -> bool:
        return 0 <= row < len(self._checked) and self._checked[row]

    def set_checked(self, row: int, checked: bool = True) -> None:
        if not 0 <= row < len(self._checked) or self._checked[row] == checked:
            return
        self._checked[row] = checked
        index = self.index(row, self.COL_FILE)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.COL_FILE:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def role_data(self, row: int, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.CheckStateRole and col == self.COL_FILE:
            return Qt.CheckState.Checked if self._checked[row] else Qt.CheckState.Unchecked
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (not index.isValid() or role != Qt.ItemDataRole.CheckStateRole
                or index.column() != self.COL_FILE):
            return False
        self.set_checked(index.row(), _is_checked(value))
        return True

    @staticmethod
    def headers() -> list[str]:
        return [QCoreApplication.translate("PrivacyPage", "Dossier"),
                QCoreApplication.translate("PrivacyPage", "Données"),
                QCoreApplication.translate("PrivacyPage", "Dernier contact"),
                QCoreApplication.translate("PrivacyPage", "Échéance"),
                QCoreApplication.translate("PrivacyPage", "Éléments")]

    @staticmethod
    def _texts(item: DueItem) -> tuple[str, ...]:
        return (ref_text(item.ref), class_text(item.data_class.value),
                labels.date(item.reference_date), labels.date(item.due_on), str(item.rows))

    def sort_key(self, row: int, col: int) -> Any:
        item = self._items[row]
        if col == self.COL_REFERENCE:
            return qdate(item.reference_date)
        if col == self.COL_DUE:
            return qdate(item.due_on)
        if col == self.COL_ROWS:
            return item.rows
        return self._shown[row][col].casefold()


class PurgeModel(ShownTableModel):
    """The register of purges (codes only), in the order given (newest first)."""

    COL_DATE = 0
    COL_CLASS = 1
    COL_FILE = 2
    COL_REASON = 3
    COL_ROWS = 4
    COLUMN_COUNT = 5

    def set_entries(self, entries: list[PurgeEntry]) -> None:
        self._reset(entries)

    def clear(self) -> None:
        self.set_entries([])

    def codes(self) -> list[str]:
        """The file column as shown, line by line."""
        return [shown[self.COL_FILE] for shown in self._shown]

    def sort_key(self, row: int, col: int) -> Any:
        if col == self.COL_DATE:
            return self._items[row].at.timestamp()
        if col == self.COL_ROWS:
            return self._items[row].rows
        return self._shown[row][col].casefold()

    @staticmethod
    def headers() -> list[str]:
        return [QCoreApplication.translate("PrivacyPage", "Date"),
                QCoreApplication.translate("PrivacyPage", "Données"),
                QCoreApplication.translate("PrivacyPage", "Dossier"),
                QCoreApplication.translate("PrivacyPage", "Motif"),
                QCoreApplication.translate("PrivacyPage", "Éléments")]

    @staticmethod
    def _texts(e: PurgeEntry) -> tuple[str, ...]:
        reasons = {"retention": QCoreApplication.translate("PrivacyPage",
                                                           "Durée de conservation"),
                   "erasure": QCoreApplication.translate("PrivacyPage", "Effacement demandé")}
        return (labels.date(e.at.astimezone().date()), class_text(e.data_class),
                ref_text(e.ref), reasons.get(e.reason, e.reason), str(e.rows))

