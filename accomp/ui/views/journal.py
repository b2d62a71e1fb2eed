"""The journal screen: every logged session, newest first, with its count."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from accomp.domain.models import ActivityFilter, ActivityRow
from accomp.services import activities
from accomp.services.vaults import Vault
from accomp.ui import labels, ops
from accomp.ui.models.activities import ActivityTableModel

TOPIC = "activities"


class JournalView(QWidget):
    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        # False once cleared for locking: announced changes are ignored until reload().
        self._active = True
        self.model = ActivityTableModel(self._fetch, self._count, parent=self)

        title = QLabel(self.tr("Journal des activités"), self)
        title.setObjectName("journalTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("journalCount")
        self.count_label.setAccessibleName(self.tr("Nombre d'activités"))
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.table = QTableView(self)
        self.table.setObjectName("journalTable")
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Journal des activités"))
        self.table.setAccessibleDescription(
            self.tr("Une ligne par activité, la plus récente en premier.")
        )
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Tab leaves the table (arrows move inside it), so the keyboard is never trapped.
        self.table.setTabKeyNavigation(False)
        self.table.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setCornerButtonEnabled(False)
        self.table.verticalHeader().setVisible(False)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self._size_columns()

        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.table, 1)

        self.model.fetch_failed.connect(self._on_fetch_failed, Qt.ConnectionType.QueuedConnection)
        self.model.modelReset.connect(self._update_count)
        ops.changes().changed.connect(self._on_changed)
        self.reload()

    # --- data ------------------------------------------------------------------------

    def _fetch(
        self, filters: ActivityFilter | None, limit: int, after: tuple[dt.date, int] | None
    ) -> list[ActivityRow]:
        return activities.list_activities(self._vault, filters, limit=limit, after=after)

    def _count(self, filters: ActivityFilter | None) -> int:
        return activities.count_activities(self._vault, filters)

    def reload(self) -> None:
        self._active = True
        self.model.reload()
        self._update_count()

    def set_filters(self, filters: ActivityFilter | None) -> None:
        self.model.set_filters(filters)
        self._update_count()

    def clear(self) -> None:
        """Show nothing and read nothing more until reload() (the vault is locked)."""
        self._active = False
        self.model.clear()
        self.count_label.clear()

    def selected_activity_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.activity_id(rows[0].row()) if rows else None

    def _on_changed(self, topic: str) -> None:
        if topic == TOPIC and self._active:
            self.reload()

    def _on_fetch_failed(self, exc: Exception) -> None:
        if self.isVisible():
            ops.show_error(self, exc, action="journal")
        else:  # nobody to tell: a box over a hidden screen would only puzzle
            ops.note_error(exc, action="journal")

    def _update_count(self) -> None:
        n = self.model.total()
        if n == 0:
            self.count_label.setText(self.tr("Aucune activité enregistrée"))
        else:
            self.count_label.setText(labels.resolve_plural(self.tr("%Ln activité(s)", "", n), n))

    # --- layout ----------------------------------------------------------------------

    def _size_columns(self) -> None:
        """Widths from the font and the longest labels, not from the rows: measuring
        rows would read every loaded page, and the widths would jump while scrolling."""
        m = ActivityTableModel
        fm = self.table.fontMetrics()
        pad = 2 * fm.horizontalAdvance("M")

        def fit(*samples: str) -> int:
            return max(fm.horizontalAdvance(s) for s in samples) + pad

        header = self.table.horizontalHeader()
        heads = self.model.headers()
        widths = {
            m.COL_DATE: fit(heads[m.COL_DATE], labels.date(dt.date(2000, 12, 28))),
            m.COL_KIND: fit(
                heads[m.COL_KIND], *map(self.model.kind_label, ("individuel", "collectif"))
            ),
            m.COL_BENEFICIARY: fit(heads[m.COL_BENEFICIARY], "B-WWWW", "888 participants"),
            m.COL_DURATION: fit(heads[m.COL_DURATION], labels.duration(725)),
            m.COL_PLACE: fit(heads[m.COL_PLACE], *labels.all_labels("place_types")),
            m.COL_AUTONOMY: fit(heads[m.COL_AUTONOMY], *labels.all_labels("autonomy")),
        }
        for col, width in widths.items():
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)
        header.setSectionResizeMode(m.COL_THEMES, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(fm.horizontalAdvance("Durée") + pad // 2)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
