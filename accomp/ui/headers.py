"""A table header whose sort arrow points the way the sort says.

Qt draws DescendingOrder as an arrow pointing up (▲: "the largest on top") and
AscendingOrder pointing down, while our sort menu reads "Date, décroissant": a worker
saw ▲ beside "décroissant". Here ▼ means décroissant (newest or largest first) and ▲
croissant, as in a spreadsheet.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QStyleOptionHeader, QWidget

_FLIP = {
    QStyleOptionHeader.SortIndicator.SortUp: QStyleOptionHeader.SortIndicator.SortDown,
    QStyleOptionHeader.SortIndicator.SortDown: QStyleOptionHeader.SortIndicator.SortUp,
}


class SortHeader(QHeaderView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        # As a table view's own header is set up.
        self.setSectionsClickable(True)
        self.setHighlightSections(True)

    def initStyleOptionForIndex(self, option: QStyleOptionHeader, logicalIndex: int) -> None:
        super().initStyleOptionForIndex(option, logicalIndex)
        option.sortIndicator = _FLIP.get(option.sortIndicator, option.sortIndicator)


def arrow_of(header: QHeaderView, section: int) -> str:
    """The arrow drawn on `section`: "▼", "▲" or "" (for tests and screen readers)."""
    option = QStyleOptionHeader()
    header.initStyleOptionForIndex(option, section)
    return {QStyleOptionHeader.SortIndicator.SortDown: "▼",
            QStyleOptionHeader.SortIndicator.SortUp: "▲"}.get(option.sortIndicator, "")
