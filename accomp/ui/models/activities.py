"""The journal as a table: one row per logged session, newest first, loaded a page
at a time.

The model knows nothing of vaults: it is given `fetch(filters, limit, after)` and
`count(filters)` (the services' list_activity_values / count_activities bound to a
vault), so a journal of 100,000 sessions costs one page of memory until the user
scrolls.

It does not sort the loaded pages (that would lie about the journal): created with
`sortable=True`, `sort()` asks the service for the journal in another order (see
services.activities.JOURNAL_ORDERS) and pages by offset; `fetch` is then called as
`fetch(filters, limit, None, order=..., ascending=..., offset=...)` for any order but
the default (newest first, paged on (date, id)). The UserRole of each column is the
value to sort on (a QDate, minutes, a list rank) for a proxy over a small set.

Memory and pauses: a fully scrolled journal holds 100,000 rows. Each is kept as a
plain tuple (ActivityRowValues) whose repeated values (keys, codes, dates, theme
tuples) are shared between rows: about 170 bytes a row, and no work for Python's
cyclic garbage collector, which untracks such tuples. Loaded rows neither lengthen its
full collections nor, by piling up in its oldest generation, trigger them. (With a
slotted dataclass and a tuple of texts and QDate per row, scrolling 100,000 rows set
off several full collections, the last ones of some 200 ms, and took 1.7 KB a row.)
What a row shows is computed when the view first asks for it and kept for at most
LINE_CACHE rows, not for every loaded row. `row_of()` gives a row back as an
ActivityRow.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, ClassVar, Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from accomp.domain.models import ActivityFilter, ActivityRow, ActivityRowValues
from accomp.ui import labels
from accomp.ui.widgets import qdate

Fetch = Callable[..., list[ActivityRowValues]]
Count = Callable[[ActivityFilter | None], int]

_Index = QModelIndex | QPersistentModelIndex


# Items of a loaded row (ActivityRowValues: ActivityRow's fields in their order). It
# stays a plain tuple: the collector untracks exact tuples only, not a NamedTuple.
_ID: Final = 0
_DATE: Final = 2

# What a row shows: the text of each column, then its tooltip (a plain tuple of str,
# untracked by the collector too).
_Line = tuple[str, ...]
_TIP: Final = 7

# Roles as plain ints: a paint of the journal calls data() some 1,300 times, seven
# roles per cell of which it answers two (text, alignment); int comparisons send the
# others back at once.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_USER = int(Qt.ItemDataRole.UserRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ACTIVITY_ID = _USER + 1


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
    # How many rows' texts are kept; past this the cache starts again (a screen shows
    # a few dozen rows, and a row's texts take some 15 µs to compute again).
    LINE_CACHE = 2048

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
        self._rows: list[ActivityRowValues] = []
        # Row -> its line, for the rows the view has asked about since the last reset.
        self._lines: dict[int, _Line] = {}
        # One instance of each repeated value of the loaded rows (keys, codes, dates,
        # theme tuples): 100,000 rows share a few thousand objects.
        self._shared: dict[Any, Any] = {}
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

    def _page(self, after: tuple[dt.date, int] | None) -> list[ActivityRowValues]:
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
        self._shared = {}
        self._rows = self._packed(page)
        self._lines = {}
        self._exhausted = len(page) < self._page_size
        self._total = total
        self.endResetModel()

    def clear(self) -> None:
        """Drop every row and load nothing more until reload() (used when locking)."""
        self.beginResetModel()
        self._rows, self._lines, self._shared = [], {}, {}
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
        last = self._rows[-1] if self._rows else None
        after = (last[_DATE], last[_ID]) if last is not None else None
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
        self._rows.extend(self._packed(page))
        self.endInsertRows()

    def _packed(self, page: list[ActivityRowValues]) -> list[ActivityRowValues]:
        """The page's rows with their repeated values shared with the loaded rows."""
        share = self._shared.setdefault
        return [
            (i, share(kind, kind), share(day, day), minutes, share(place, place),
             share(themes, themes), autonomy if autonomy is None else share(autonomy, autonomy),
             code if code is None else share(code, code), participants, title)
            for i, kind, day, minutes, place, themes, autonomy, code, participants, title
            in page
        ]

    def _fail(self, exc: Exception) -> None:
        self._exhausted = True
        self.fetch_failed.emit(exc)

    # --- reading -------------------------------------------------------------------

    def activity_id(self, row: int) -> int:
        return self._rows[row][_ID]

    def row_of(self, row: int) -> ActivityRow:
        """A loaded row (a new ActivityRow at each call)."""
        return ActivityRow.from_values(self._rows[row])

    def row_with_id(self, activity_id: int) -> int:
        """The row of a loaded activity, -1 if it is not loaded (or not shown)."""
        for row, r in enumerate(self._rows):
            if r[_ID] == activity_id:
                return row
        return -1

    def describe(self, row: int) -> str:
        """A row in a few words, for a confirmation: "20/11/2026 — Individuel — B-7F3K"."""
        return self._line_at(row)[_TIP].split("\n", 1)[0]

    def retranslate(self) -> None:
        """Show the headers and the loaded rows in the interface's language now (after
        a change of language): their texts are computed again when next asked for;
        the rows, the selection and the scroll position stay as they are."""
        self._lines = {}
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMN_COUNT - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, self.COLUMN_COUNT - 1),
                [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                 Qt.ItemDataRole.UserRole],
            )

    def cached_lines(self) -> int:
        """How many rows' texts are held (at most LINE_CACHE)."""
        return len(self._lines)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == _DISPLAY:
            row = index.row()
            if 0 <= row < len(self._rows) and index.isValid():
                return self._line_at(row)[index.column()]
        elif role == _ALIGNMENT:
            if index.isValid():
                return _ALIGNMENTS[index.column()]
        elif role in (_USER, _ACTIVITY_ID, _TOOLTIP):
            row = index.row()
            if 0 <= row < len(self._rows) and index.isValid():
                if role == _USER:
                    return self._sort_key(row, index.column())
                if role == _ACTIVITY_ID:
                    return self._rows[row][_ID]
                return self._line_at(row)[_TIP]
        return None

    def _line_at(self, row: int) -> _Line:
        line = self._lines.get(row)
        if line is None:
            if len(self._lines) >= self.LINE_CACHE:
                self._lines.clear()
            line = self._lines[row] = self._line(self._rows[row])
        return line

    def _sort_key(self, row: int, col: int) -> Any:
        _, kind, day, minutes, _, _, autonomy, code, participants, _ = self._rows[row]
        if col == self.COL_DATE:
            return qdate(day)
        if col == self.COL_KIND:
            return kind
        if col == self.COL_BENEFICIARY:
            return participants if kind == "Collectif" else code or ""
        if col == self.COL_DURATION:
            return minutes
        if col == self.COL_AUTONOMY:
            return labels.vocab_rank("autonomy", autonomy)
        return self._line_at(row)[col]  # themes and place: their labels

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
        return self.tr("Collectif") if kind == "Collectif" else self.tr("Individuel")

    def _line(self, r: ActivityRowValues) -> _Line:
        _, kind_key, date, minutes, place, theme_keys, autonomy, code, n, title = r
        themes = [labels.vocab_label("themes", t) for t in theme_keys]
        kind = self.kind_label(kind_key)
        if kind_key == "Collectif":
            who = labels.resolve_plural(self.tr("%n participant(s)", "", n), n)
            if title:  # the workshop is known by its title first
                who = self.tr("« %1 » · %2").replace("%1", title).replace("%2", who)
        else:
            who = code or self.tr("Anonyme")
        day = labels.date(date)
        return (
            day,
            kind,
            who,
            ", ".join(themes),
            labels.duration(minutes),
            labels.vocab_label("place_types", place),
            labels.vocab_label("autonomy", autonomy) if autonomy else "—",
            "\n".join([f"{day} — {kind} — {who}", *themes]),
        )


def _alignment(col: int) -> Qt.AlignmentFlag:
    # Durations are compared at a glance: aligned on the right, like numbers.
    side = (
        Qt.AlignmentFlag.AlignRight if col == ActivityTableModel.COL_DURATION
        else Qt.AlignmentFlag.AlignLeft
    )
    return side | Qt.AlignmentFlag.AlignVCenter


_ALIGNMENTS = tuple(int(_alignment(c)) for c in range(ActivityTableModel.COLUMN_COUNT))
