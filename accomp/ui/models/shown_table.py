"""The scaffolding shared by the read-only tables of items (backups, retention
review, purge register, audit journal): each item is turned into its texts once,
when the items arrive; the view reads those texts, the headers, and for sorting the
UserRole value of each cell (`sort_key`: an instant, a number; by default the text).

A subclass gives COLUMN_COUNT, `headers()`, `_texts(item)` and, where it sorts on
something else than the text or answers other roles, `sort_key()` / `role_data()`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

_Index = QModelIndex | QPersistentModelIndex


class ShownTableModel(QAbstractTableModel):
    COLUMN_COUNT = 0

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[Any] = []
        self._shown: list[tuple[str, ...]] = []

    # --- changing the rows -----------------------------------------------------------

    def _reset(self, items: Iterable[Any], shown: list[tuple[str, ...]] | None = None) -> None:
        """Replace every row in one reset. `shown`: the items' texts, when they were
        made beforehand (in a worker thread, for a long list: `texts_of`)."""
        self.beginResetModel()
        self._items = list(items)
        self._shown = shown if shown is not None else [self._texts(i) for i in self._items]
        self._reset_extra()
        self.endResetModel()

    @classmethod
    def texts_of(cls, items: Iterable[Any]) -> list[tuple[str, ...]]:
        """The texts of `items` as the table shows them; pure, so a worker thread may
        make them for a long list (translations are thread-safe in Qt)."""
        return [cls._texts(item) for item in items]

    def _reset_extra(self) -> None:
        """What a subclass keeps per row besides the items (called inside the reset)."""

    def _append(self, items: list[Any]) -> None:
        """Add rows below the loaded ones."""
        if not items:
            return
        first = len(self._items)
        self.beginInsertRows(QModelIndex(), first, first + len(items) - 1)
        self._items.extend(items)
        self._shown.extend(self._texts(item) for item in items)
        self.endInsertRows()

    # --- what the view reads ---------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._items):
            return None
        row, col = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._shown[row][col]
        if role == Qt.ItemDataRole.UserRole:
            return self.sort_key(row, col)
        return self.role_data(row, col, role)

    def headerData(
        self, section: int, orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < self.COLUMN_COUNT):
            return self.headers()[section]
        return None

    def sort_key(self, row: int, col: int) -> Any:
        """The value a sorting proxy compares (UserRole); the text by default."""
        return self._shown[row][col]

    def role_data(self, row: int, col: int, role: int) -> Any:
        """Any other role (tooltips, check states): nothing by default."""
        return None

    @staticmethod
    def headers() -> list[str]:
        raise NotImplementedError

    @staticmethod
    def _texts(item: Any) -> tuple[str, ...]:
        raise NotImplementedError
