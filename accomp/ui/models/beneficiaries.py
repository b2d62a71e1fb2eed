"""Tables of the Bénéficiaires page: the list of files, and the timeline of one
person's sessions.

Both are read-only and hold what a service returned; `set_*()` replaces the rows in
one reset and `clear()` drops them (at lock). The UserRole of each column is the
value to sort on (a QDate, a number, a list rank), never the text shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from accomp.domain.models import ActivityRow
from accomp.services.duplicates import BeneficiaryLine, BeneficiaryPage
from accomp.ui import labels
from accomp.ui.widgets import qdate

_Index = QModelIndex | QPersistentModelIndex


def person_name(first_name: str | None, last_name: str | None) -> str:
    """"Marie-Thérèse DUPONT" as it was typed, or "" when the file has no name."""
    return " ".join(p for p in (first_name, last_name) if p)


class BeneficiaryTableModel(QAbstractTableModel):
    # What finds a person first (code, name, when last seen), then the rest.
    COL_CODE = 0
    COL_NAME = 1
    COL_LAST_CONTACT = 2
    COL_BIRTH_YEAR = 3
    COL_AGE_BAND = 4
    COL_GENDER = 5
    COL_STATUS = 6
    COL_COMMUNE = 7
    COLUMN_COUNT = 8

    BeneficiaryIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: list[BeneficiaryLine] = []
        self._shown: list[tuple[str, ...]] = []
        self._total = 0
        self._fetch: Callable[[int], BeneficiaryPage | None] | None = None

    # --- loading -------------------------------------------------------------------

    def set_page(
        self, page: BeneficiaryPage,
        fetch: Callable[[int], BeneficiaryPage | None] | None = None,
    ) -> None:
        """The first lines of a search; `fetch(offset)` reads the next ones when the
        view scrolls to the end (like the journal: the whole list is reachable)."""
        self.beginResetModel()
        self._lines = list(page.lines)
        self._shown = [self._texts(line) for line in page.lines]
        self._total = page.total
        self._fetch = fetch
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._lines, self._shown, self._total, self._fetch = [], [], 0, None
        self.endResetModel()

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return (not parent.isValid() and self._fetch is not None
                and len(self._lines) < self._total)

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        assert self._fetch is not None
        page = self._fetch(len(self._lines))
        known = {line.id for line in self._lines}
        # A file saved meanwhile shifts the pages: never list one twice.
        lines = [line for line in (page.lines if page else []) if line.id not in known]
        if not lines:
            self._fetch = None  # nothing more to read: stop asking
            return
        first = len(self._lines)
        self.beginInsertRows(QModelIndex(), first, first + len(lines) - 1)
        self._lines.extend(lines)
        self._shown.extend(self._texts(line) for line in lines)
        self.endInsertRows()

    # --- reading -------------------------------------------------------------------

    def total(self) -> int:
        """Files matching the search and filters, shown or not."""
        return self._total

    def beneficiary_id(self, row: int) -> int:
        return self._lines[row].id

    def line(self, row: int) -> BeneficiaryLine:
        return self._lines[row]

    def row_of(self, beneficiary_id: int) -> int | None:
        for row, line in enumerate(self._lines):
            if line.id == beneficiary_id:
                return row
        return None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._lines):
            return None
        line = self._lines[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._shown[index.row()][col]
        if role == Qt.ItemDataRole.UserRole:
            return self._key(index.row(), col)
        if role == self.BeneficiaryIdRole:
            return line.id
        if role == Qt.ItemDataRole.ToolTipRole and col == self.COL_NAME:
            if line.anonymised:
                return self.tr("Dossier anonymisé : seules les données statistiques restent.")
            if not line.has_identity:
                return self.tr("Données statistiques uniquement")
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < self.COLUMN_COUNT):
            return self.headers()[section]
        return None

    def headers(self) -> list[str]:
        return [
            self.tr("Code"),
            self.tr("Nom"),
            self.tr("Dernier contact"),
            self.tr("Naissance"),
            self.tr("Tranche d'âge"),
            self.tr("Genre"),
            self.tr("Statut"),
            self.tr("Commune"),
        ]

    def _texts(self, line: BeneficiaryLine) -> tuple[str, ...]:
        if line.anonymised:
            name = self.tr("(anonymisé)")
        else:
            name = person_name(line.first_name, line.last_name) or "—"
        return (
            line.code,
            name,
            labels.date(line.last_contact) if line.last_contact else "—",
            str(line.birth_year) if line.birth_year else "—",
            labels.vocab_label("age_bands", line.age_band),
            labels.vocab_label("genders", line.gender),
            labels.vocab_label("social_statuses", line.social_status),
            line.commune or "—",
        )

    def _key(self, row: int, col: int) -> Any:
        line = self._lines[row]
        if col == self.COL_LAST_CONTACT:
            return qdate(line.last_contact) if line.last_contact else QDate()
        if col == self.COL_BIRTH_YEAR:
            return line.birth_year or 0
        if col == self.COL_AGE_BAND:
            return labels.vocab_rank("age_bands", line.age_band)
        return self._shown[row][col].casefold()


class TimelineModel(QAbstractTableModel):
    """One person's sessions, newest first."""

    COL_DATE = 0
    COL_KIND = 1
    COL_THEMES = 2
    COL_DURATION = 3
    COL_AUTONOMY = 4
    COLUMN_COUNT = 5

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ActivityRow] = []
        self._shown: list[tuple[str, ...]] = []

    def set_rows(self, rows: list[ActivityRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._shown = [self._texts(r) for r in rows]
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def row_of(self, row: int) -> ActivityRow:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._shown[index.row()][col]
        if role == Qt.ItemDataRole.ToolTipRole and col == self.COL_THEMES:
            return "\n".join(labels.vocab_labels("themes", r.themes))
        if role == Qt.ItemDataRole.UserRole:
            keys: tuple[Any, ...] = (qdate(r.date), r.kind, self._shown[index.row()][col],
                                     r.duration_min, labels.vocab_rank("autonomy", r.autonomy))
            return keys[col]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            side = (Qt.AlignmentFlag.AlignRight if col == self.COL_DURATION
                    else Qt.AlignmentFlag.AlignLeft)
            return int(side | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < self.COLUMN_COUNT):
            return [self.tr("Date"), self.tr("Type"), self.tr("Thèmes"), self.tr("Durée"),
                    self.tr("Autonomie")][section]
        return None

    def _texts(self, r: ActivityRow) -> tuple[str, ...]:
        kind = self.tr("Atelier collectif") if r.kind == "Collectif" else self.tr("Individuel")
        return (
            labels.date(r.date),
            kind,
            ", ".join(labels.vocab_labels("themes", r.themes)),
            labels.duration(r.duration_min),
            labels.vocab_label("autonomy", r.autonomy) if r.autonomy else "—",
        )
