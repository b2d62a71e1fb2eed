"""The journal screen (see the package): its title and count, the table of sessions
read a page at a time, and the wiring of the filter bar (`JournalFilters`) and of
the actions (`JournalActions`) it is made of."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from accomp.domain.models import ActivityFilter, ActivityOut, ActivityRowValues
from accomp.services import activities
from accomp.services.vaults import Vault
from accomp.ui import labels, ops
from accomp.ui.models.activities import ActivityTableModel
from accomp.ui.views.journal.actions import TOPIC, JournalActions
from accomp.ui.views.journal.filters import JournalFilters
from accomp.ui.widgets import named


class JournalView(JournalFilters, JournalActions):
    """Every logged session, newest first, with its filters and actions."""

    # Filters and order apply this long after the last key: reading a large journal
    # again between two letters would break the drop-downs' type-ahead.
    SETTLE_MS = 250

    def __init__(
        self, vault: Vault, parent: QWidget | None = None, *,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self._vault = vault
        # False once cleared for locking: announced changes are ignored until reload().
        self._active = True
        self._deleted: ActivityOut | None = None
        self._select_after_reload: int | None = None
        self.today = today  # the periods' day and the new sessions'
        self.model = ActivityTableModel(self._fetch, self._count, sortable=True, parent=self)

        self.title = title = QLabel(self)
        title.setObjectName("journalTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("journalCount")
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(self.SETTLE_MS)
        self._settle.timeout.connect(self._apply_now)
        self._build_actions()
        self._build_filters()
        self._build_undo_bar()

        self.table = QTableView(self)
        self.table.setObjectName("journalTable")
        self.table.setModel(self.model)
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
        # Before the columns are sized: their widths are the header's.
        from accomp.ui.headers import SortHeader

        self.table.setHorizontalHeader(SortHeader(self.table))
        self._size_columns()
        header = self.table.horizontalHeader()
        header.setSortIndicator(self.model.sort_column(), self.model.sort_order())
        header.setSortIndicatorShown(True)
        self.table.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._on_sort_indicator)
        self.table.addAction(self.delete_action)
        self.table.activated.connect(lambda _index: self.edit_selected())

        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.count_label)
        buttons = QHBoxLayout()
        for button in self.action_buttons:
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(buttons)
        layout.addLayout(self.filter_bar)
        layout.addWidget(self.undo_bar)
        layout.addWidget(self.table, 1)

        chain = [
            *self.action_buttons, self.period, self.date_from, self.date_to, self.sort_choice,
            self.kind_filter, self.theme_filter, self.place_filter, self.autonomy_filter,
            self.beneficiary_filter.edit, self.tag_filter, self.field_filter,
            self.reset_filters_button,
            self.undo_button,
            self.table,
        ]
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)

        self.model.fetch_failed.connect(self._on_fetch_failed, Qt.ConnectionType.QueuedConnection)
        self.model.modelReset.connect(self._update_count)
        self.model.modelReset.connect(self._after_reset)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        ops.changes().changed.connect(self._on_changed)
        self._retranslate()
        self.reload()
        self._ready = True

    # --- texts -----------------------------------------------------------------------

    def _retranslate(self) -> None:
        """Every text set when building, in the interface's language (again after a
        change of language)."""
        self.title.setText(self.tr("Journal des activités"))
        self.count_label.setAccessibleName(self.tr("Nombre d'activités"))
        self.table.setAccessibleName(self.tr("Journal des activités"))
        self.table.setAccessibleDescription(
            self.tr("Une ligne par activité. Entrée : modifier ; Suppr : supprimer ; "
                    "Ctrl+D : dupliquer.")
        )
        self._retranslate_actions()
        self._retranslate_filters()
        self.undo_button.setText(self.tr("Annuler"))
        named(self.undo_button, self.tr("Annuler la suppression"))
        self.undo_button.setToolTip(self.tr("Annuler la suppression (Ctrl+Z)"))
        if self._deleted is not None:
            self.undo_label.setText(self._undo_text(self._deleted))

    def changeEvent(self, event: QEvent) -> None:
        # Only once the page is built: Qt may deliver the event before.
        if event.type() == QEvent.Type.LanguageChange and getattr(self, "_ready", False):
            self._retranslate()
            self.model.retranslate()
            if self._active:
                self._update_count()
        super().changeEvent(event)

    # --- data ------------------------------------------------------------------------

    def _fetch(
        self, filters: ActivityFilter | None, limit: int, after: tuple[dt.date, int] | None,
        **order: Any,
    ) -> list[ActivityRowValues]:
        return activities.list_activity_values(self._vault, filters, limit=limit,
                                               after=after, **order)

    def _count(self, filters: ActivityFilter | None) -> int:
        return activities.count_activities(self._vault, filters)

    def reload(self) -> None:
        self._active = True
        self.model.reload()
        self._update_count()

    def set_filters(self, filters: ActivityFilter | None) -> None:
        self.model.set_filters(filters)
        self._update_count()
        self._update_actions()

    def clear(self) -> None:
        """Show nothing and read nothing more until reload() (the vault is locked):
        no row, no person in the filter, no deleted session kept for undoing."""
        self._active = False
        self._settle.stop()
        self._forget_deleted()
        self.beneficiary_filter.blockSignals(True)
        self.beneficiary_filter.edit.blockSignals(True)
        self.beneficiary_filter.clear()
        self.beneficiary_filter.edit.blockSignals(False)
        self.beneficiary_filter.blockSignals(False)
        self.model.set_filters(self._filters(), load=False)
        self.model.clear()
        self.count_label.clear()
        self._update_actions()

    def clear_sensitive(self) -> None:
        """Empty every widget showing personal data (used when locking)."""
        self.clear()

    def selected_activity_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.activity_id(rows[0].row()) if rows else None

    def select_activity(self, activity_id: int) -> bool:
        row = self.model.row_with_id(activity_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        return row >= 0

    def _on_changed(self, topic: str) -> None:
        if topic == TOPIC and self._active:
            self.reload()

    def _after_reset(self) -> None:
        if self._select_after_reload is not None:
            wanted, self._select_after_reload = self._select_after_reload, None
            self.select_activity(wanted)
        self._update_actions()

    def _on_fetch_failed(self, exc: Exception) -> None:
        if self.isVisible():
            ops.show_error(self, exc, action="journal")
        else:  # nobody to tell: a box over a hidden screen would only puzzle
            ops.note_error(exc, action="journal")

    def _update_count(self) -> None:
        n = self.model.total()
        if n == 0:
            if self._filters_active():
                self.count_label.setText(self.tr("Aucune activité pour ces filtres"))
            else:
                self.count_label.setText(self.tr("Aucune activité enregistrée"))
        else:
            self.count_label.setText(labels.resolve_plural(self.tr("%Ln activité(s)", "", n), n))

    def refresh_actions(self) -> None:
        """Enable what the vault allows now (it may have turned read-only)."""
        self._update_actions()

    def _update_actions(self, *_: object) -> None:
        chosen = self._active and self.selected_activity_id() is not None
        for action in (self.edit_action, self.duplicate_action, self.delete_action):
            action.setEnabled(chosen)
        for action in (self.new_action, self.new_workshop_action):
            action.setEnabled(self._active and not self._vault.read_only)
        if self._vault.read_only:
            self.delete_action.setEnabled(False)
            self.duplicate_action.setEnabled(False)

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
                heads[m.COL_KIND], *map(self.model.kind_label, ("Individuel", "Collectif"))
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
