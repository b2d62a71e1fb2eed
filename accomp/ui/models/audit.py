"""The audit journal as a table, for the journal tab of the "Protection des données"
page: one line per event, newest first, loaded a page at a time by the tab.

Each line shows what happened in words (audit_labels), the file's pseudonymous code,
the details in short words and who did it; the action code and the details as
written stay in the tooltips, for an auditor comparing with an export. The lines are
never re-sorted on screen: only part of the journal is loaded, and a sorted part
would misstate it. The UserRole still gives each column's value (an instant, a
text) like the other tables. Texts are translated in the page's context.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from accomp.services.lifecycle import JournalEntry
from accomp.ui import labels
from accomp.ui.audit_labels import action_label, details_text

_Index = QModelIndex | QPersistentModelIndex


class AuditJournalModel(QAbstractTableModel):
    COL_WHEN = 0
    COL_ACTION = 1
    COL_FILE = 2
    COL_DETAILS = 3
    COL_BY = 4
    COLUMN_COUNT = 5

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._events: list[JournalEntry] = []
        self._shown: list[tuple[str, ...]] = []

    def clear(self) -> None:
        self.beginResetModel()
        self._events, self._shown = [], []
        self.endResetModel()

    def append_events(self, events: list[JournalEntry]) -> None:
        """Add a page of older events below the loaded ones."""
        if not events:
            return
        first = len(self._events)
        self.beginInsertRows(QModelIndex(), first, first + len(events) - 1)
        self._events.extend(events)
        self._shown.extend(self._texts(e) for e in events)
        self.endInsertRows()

    def events(self) -> list[JournalEntry]:
        return list(self._events)

    def last_id(self) -> int | None:
        """The id of the oldest event loaded (the next page starts below it)."""
        return self._events[-1].id if self._events else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._events):
            return None
        row, col = index.row(), index.column()
        e = self._events[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._shown[row][col]
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.COL_ACTION:
                return e.action
            if col == self.COL_DETAILS and e.details:
                return json.dumps(e.details, ensure_ascii=False, sort_keys=True)
            return None
        if role == Qt.ItemDataRole.UserRole:
            return e.at.timestamp() if col == self.COL_WHEN else self._shown[row][col]
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
        return [QCoreApplication.translate("PrivacyPage", "Date et heure"),
                QCoreApplication.translate("PrivacyPage", "Action"),
                QCoreApplication.translate("PrivacyPage", "Dossier"),
                QCoreApplication.translate("PrivacyPage", "Détails"),
                QCoreApplication.translate("PrivacyPage", "Par")]

    @staticmethod
    def _texts(e: JournalEntry) -> tuple[str, ...]:
        local = e.at.astimezone()
        when = f"{labels.date(local.date())} {local:%H:%M}"
        return (when, action_label(e.action), e.ref or "—", details_text(e.details), e.actor)
