"""The vault's backups as a table, for the backups tab of the "Protection des
données" page: when, how big, verified. `set_backups()` replaces the rows in one
reset; the UserRole of each column is the value to sort on (the instant, the size in
bytes), never the text shown. Texts are translated in the page's context.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from accomp.services.backups import BackupInfo
from accomp.ui import labels
from accomp.ui.audit_labels import size_text

_Index = QModelIndex | QPersistentModelIndex


class BackupModel(QAbstractTableModel):
    COL_DATE = 0
    COL_SIZE = 1
    COL_VERIFIED = 2
    COLUMN_COUNT = 3

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._backups: list[BackupInfo] = []
        self._shown: list[tuple[str, ...]] = []

    def set_backups(self, found: list[BackupInfo]) -> None:
        self.beginResetModel()
        self._backups = list(found)
        self._shown = [self._texts(b) for b in found]
        self.endResetModel()

    def clear(self) -> None:
        self.set_backups([])

    def backups(self) -> list[BackupInfo]:
        return list(self._backups)

    def backup(self, row: int) -> BackupInfo:
        return self._backups[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._backups)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._backups):
            return None
        row, col = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._shown[row][col]
        if role == Qt.ItemDataRole.UserRole:
            b = self._backups[row]
            if col == self.COL_DATE:
                return b.taken_at.isoformat()  # local time, as in the file's name
            if col == self.COL_SIZE:
                return b.size
            return self._shown[row][col]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < self.COLUMN_COUNT):
            return self.headers()[section]
        return None

    @staticmethod
    def headers() -> list[str]:
        return [QCoreApplication.translate("PrivacyPage", "Date"),
                QCoreApplication.translate("PrivacyPage", "Taille"),
                QCoreApplication.translate("PrivacyPage", "Vérifiée")]

    @staticmethod
    def _texts(b: BackupInfo) -> tuple[str, ...]:
        # Only a backup that passed its check gets its final name (see backups).
        return (f"{labels.date(b.taken_at.date())} {b.taken_at:%H:%M}", size_text(b.size),
                QCoreApplication.translate("PrivacyPage", "Oui, à l'écriture"))
