"""The pre-check's rejected rows, as the import wizard's table shows them: line,
column, value as read, and why (sorted on the line number)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication

from accomp.services.import_report import reason_text
from accomp.services.imports import RowProblem
from accomp.ui.i18n import current_lang
from accomp.ui.models.shown_table import ShownTableModel


class ImportProblemsModel(ShownTableModel):
    COL_LINE, COL_COLUMN, COL_VALUE, COL_REASON = range(4)
    COLUMN_COUNT = 4

    def set_problems(self, problems: Sequence[RowProblem]) -> None:
        self._reset(problems)

    @staticmethod
    def headers() -> list[str]:
        return [QCoreApplication.translate("ImportProblemsModel", "Ligne"),
                QCoreApplication.translate("ImportProblemsModel", "Colonne"),
                QCoreApplication.translate("ImportProblemsModel", "Valeur lue"),
                QCoreApplication.translate("ImportProblemsModel", "Motif")]

    @staticmethod
    def _texts(item: Any) -> tuple[str, ...]:
        return (str(item.line), item.column, item.value, reason_text(item.code, current_lang()))

    def sort_key(self, row: int, col: int) -> Any:
        if col == self.COL_LINE:
            return self._items[row].line
        return self._shown[row][col]
