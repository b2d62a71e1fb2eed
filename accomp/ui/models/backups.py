"""The vault's backups as a table, for the backups tab of the "Protection des
données" page: when, how big, verified. `set_backups()` replaces the rows in one
reset; the UserRole of each column is the value to sort on (the instant, the size in
bytes), never the text shown. Texts are translated in the page's context.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from accomp.services.backups import BackupInfo
from accomp.ui import labels
from accomp.ui.audit_labels import size_text
from accomp.ui.models.shown_table import ShownTableModel


class BackupModel(ShownTableModel):
    COL_DATE = 0
    COL_SIZE = 1
    COL_VERIFIED = 2
    COLUMN_COUNT = 3

    def set_backups(self, found: list[BackupInfo]) -> None:
        self._reset(found)

    def clear(self) -> None:
        self.set_backups([])

    def backups(self) -> list[BackupInfo]:
        return list(self._items)

    def backup(self, row: int) -> BackupInfo:
        found: BackupInfo = self._items[row]
        return found

    def sort_key(self, row: int, col: int) -> Any:
        b = self._items[row]
        if col == self.COL_DATE:
            return b.taken_at.isoformat()  # local time, as in the file's name
        if col == self.COL_SIZE:
            return b.size
        return self._shown[row][col]

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
