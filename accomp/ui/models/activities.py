"""The journal as a table: one row per logged session, newest first, loaded a page
at a time.

The model knows nothing of vaults: it is given `fetch(filters, limit, after)` and
`count(filters)` (the services' list_activities / count_activities bound to a vault),
so a journal of 100,000 sessions costs one page of memory until the user scrolls.

It does not sort the loaded pages (that would lie about the journal): created with
`sortable=True`, `sort()` asks the service for the journal in another order (see
services.activities.JOURNAL_ORDERS) and pages by offset; `fetch` is then called as
`fetch(filters, limit, None, order=..., ascending=..., offset=...)` for any order but
the default (newest first, paged on (date, id)). The UserRole of each column is the
value to sort on (a QDate, minutes, a list rank) for a proxy over a small set.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, ClassVar, NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from accomp.domain.models import ActivityFilter, ActivityRow
from accomp.ui import labels
from accomp.ui.widgets import qdate

Fetch = Callable[..., list[ActivityRow]]
Count = Callable[[ActivityFilter | None], int]

_Index = QModelIndex | QPersistentModelIndex


class _Line(NamedTuple):
    """What a row shows and sorts on, computed once when its page is loaded."""

    shown: tuple[str, ...]
    keys: tuple[Any, ...]
    tip: str


class ActivityTableModel(QAbstractTableModel):
    COL_DATE = 0
    COL_KIND = 1
    COL_BENEFICIARY = 2
    COL_THEMES = 3
    COL_DURATION = 4
    COL_PLACE = 5
    COL_AUTONOMY = 6
    COLUMN_COUNT = 7

    ActivityIdRole = Qt.ItemDataRole.UserRole + 1
    PAGE_SIZE = 200

    # Column -> the service's order; themes are a list and sort on nothing.
    SORT_KEYS: ClassVar[dict[int, str]] = {
        COL_DATE: "date", COL_KIND: "kind", COL_BENEFICIARY: "beneficiary",
        COL_DURATION: "duration", COL_PLACE: "place", COL_AUTONOMY: "autonomy",
    }

    # A page could not be read (locked vault, damaged file, bug): the exception.
    # Loading stops until the next reload(); the view decides how to tell the user.
    fetch_failed = Signal(object)

    def __init__(
        self,
        fetch: Fetch,
        count: Count,
        *,
        page_size: int = PAGE_SIZE,
        sortable: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if page_size < 1:
            raise ValueError("page_size must be positive")
        self._fetch = fetch
        self._count = count
        self._page_size = page_size
        self._filters: ActivityFilter | None = None
        self._rows: list[ActivityRow] = []
        self._lines: list[_Line] = []
        self._exhausted = False
        self._total: int | None = None
        self._sortable = sortable
        self._sort_column = self.COL_DATE
        self._sort_order = Qt.SortOrder.DescendingOrder

    # --- loading -------------------------------------------------------------------

    def filters(self) -> ActivityFilter | None:
        return self._filters

    def set_filters(self, filters: ActivityFilter | None, *, load: bool = True) -> None:
        """Show the journal under new filters, from its first page (or only note them,
        to be read at the next reload())."""
        self._filters = filters
        if load:
            self.reload()

    # --- order -----------------------------------------------------------------------

    def sort_column(self) -> int:
        return self._sort_column

    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

    def is_sortable(self, column: int) -> bool:
        return self._sortable and column in self.SORT_KEYS

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Read the journal again in the order of `column` (ignored for a column that
        sorts on nothing, or when the model was not made sortable)."""
        if not self.is_sortable(column):
            return
        if (column, order) == (self._sort_column, self._sort_order):
            return
        self._sort_column, self._sort_order = column, order
        self.reload()

    def _default_order(self) -> bool:
        return (self._sort_column, self._sort_order) == (
            self.COL_DATE, Qt.SortOrder.DescendingOrder
        )

    def _page(self, after: tuple[dt.date, int] | None) -> list[ActivityRow]:
        if not self._sortable or self._default_order():
            return self._fetch(self._filters, self._page_size, after)
        return self._fetch(
            self._filters, self._page_size, None,
            order=self.SORT_KEYS[self._sort_column],
            ascending=self._sort_order == Qt.SortOrder.AscendingOrder,
            offset=len(self._rows) if after is not None else 0,
        )

    def reload(self) -> None:
        """Read the total and the first page again, then show them in one reset (the
        table never flashes empty). On failure the table is cleared."""
        try:
            total = self._count(self._filters)
            page = self._page(None)
        except Exception as exc:
            self.clear()
            self.fetch_failed.emit(exc)
            return
        self.beginResetModel()
        self._rows = list(page)
        self._lines = [self._line(r) for r in page]
        self._exhausted = len(page) < self._page_size
        self._total = total
        self.endResetModel()

    def clear(self) -> None:
        """Drop every row and load nothing more until reload() (used when locking)."""
        self.beginResetModel()
        self._rows, self._lines = [], []
        self._exhausted = True
        self._total = 0
        self.endResetModel()

    def total(self) -> int:
        """How many sessions match the filters (loaded or not)."""
        if self._total is None:
            try:
                self._total = self._count(self._filters)
            except Exception as exc:
                self._fail(exc)
                return 0
        return self._total

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted:
            return
        after = (self._rows[-1].date, self._rows[-1].id) if self._rows else None
        try:
            page = self._page(after)
        except Exception as exc:
            self._fail(exc)
            return
        if len(page) < self._page_size:
            self._exhausted = True
        if not page:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self._lines.extend(self._line(r) for r in page)
        self.endInsertRows()

    def _fail(self, exc: Exception) -> None:
        self._exhausted = True
        self.fetch_failed.emit(exc)

    # --- reading -------------------------------------------------------------------

    def activity_id(self, row: int) -> int:
        return self._rows[row].id

    def row_of(self, row: int) -> ActivityRow:
        return self._rows[row]

    def row_with_id(self, activity_id: int) -> int:
        """The row of a loaded activity, -1 if it is not loaded (or not shown)."""
        for row, r in enumerate(self._rows):
            if r.id == activity_id:
                return row
        return -1

    def describe(self, row: int) -> str:
        """A row in a few words, for a confirmation: "20/11/2026 — Individuel — B-7F3K"."""
        return self._lines[row].tip.split("\n", 1)[0]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._lines):
            return None
        line = self._lines[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return line.shown[col]
        if role == Qt.ItemDataRole.UserRole:
            return line.keys[col]
        if role == self.ActivityIdRole:
            return self._rows[index.row()].id
        if role == Qt.ItemDataRole.ToolTipRole:
            return line.tip
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_alignment(col))
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_alignment(section))
        return None

    def headers(self) -> list[str]:
        return [
            self.tr("Date"),
            self.tr("Type"),
            self.tr("Bénéficiaire"),
            self.tr("Thèmes"),
            self.tr("Durée"),
            self.tr("Lieu"),
            self.tr("Autonomie"),
        ]

    def kind_label(self, kind: str) -> str:
        return self.tr("Collectif") if kind == "collectif" else self.tr("Individuel")

    def _line(self, r: ActivityRow) -> _Line:
        themes = labels.vocab_labels("themes", r.themes)
        kind = self.kind_label(r.kind)
        if r.kind == "collectif":
            who = labels.resolve_plural(
                self.tr("%n participant(s)", "", r.participants), r.participants
            )
            who_key: Any = r.participants
        else:
            who = r.beneficiary_code or self.tr("Anonyme")
            who_key = r.beneficiary_code or ""
        place = labels.vocab_label("place_types", r.place_type)
        autonomy = labels.vocab_label("autonomy", r.autonomy) if r.autonomy else "—"
        shown = (
            labels.date(r.date),
            kind,
            who,
            ", ".join(themes),
            labels.duration(r.duration_min),
            place,
            autonomy,
        )
        keys = (
            qdate(r.date),
            r.kind,
            who_key,
            ", ".join(themes),
            r.duration_min,
            place,
            labels.vocab_rank("autonomy", r.autonomy),
        )
        tip = "\n".join([f"{shown[0]} — {kind} — {who}", *themes])
        return _Line(shown, keys, tip)


def _alignment(col: int) -> Qt.AlignmentFlag:
    # Durations are compared at a glance: aligned on the right, like numbers.
    side = (
        Qt.AlignmentFlag.AlignRight if col == ActivityTableModel.COL_DURATION
        else Qt.AlignmentFlag.AlignLeft
    )
    return side | Qt.AlignmentFlag.AlignVCenter
