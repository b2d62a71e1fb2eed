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

from PySide6.QtCore import QCoreApplication, Qt

from accomp.services.lifecycle import JournalEntry
from accomp.ui import labels
from accomp.ui.audit_labels import action_label, details_text
from accomp.ui.models.shown_table import ShownTableModel


class AuditJournalModel(ShownTableModel):
    COL_WHEN = 0
    COL_ACTION = 1
    COL_FILE = 2
    COL_DETAILS = 3
    COL_BY = 4
    COLUMN_COUNT = 5

    def clear(self) -> None:
        self._reset([])

    def append_events(self, events: list[JournalEntry]) -> None:
        """Add a page of older events below the loaded ones."""
        self._append(events)

    def events(self) -> list[JournalEntry]:
        return list(self._items)

    def last_id(self) -> int | None:
        """The id of the oldest event loaded (the next page starts below it)."""
        return self._items[-1].id if self._items else None

    def sort_key(self, row: int, col: int) -> Any:
        return self._items[row].at.timestamp() if col == self.COL_WHEN else self._shown[row][col]

    def role_data(self, row: int, col: int, role: int) -> Any:
        e = self._items[row]
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.COL_ACTION:
                return e.action
            if col == self.COL_DETAILS and e.details:
                return json.dumps(e.details, ensure_ascii=False, sort_keys=True)
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
