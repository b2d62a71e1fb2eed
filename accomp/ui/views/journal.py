"""The journal screen: every logged session, newest first, with its count; filters,
sorting, and the everyday actions on a session.

Keyboard: Ctrl+N a new session, Ctrl+Shift+N a new workshop, Enter (or a double
click) edits the highlighted one, Ctrl+D duplicates it, Delete deletes it after a
confirmation; for a few seconds afterwards "Annuler" (or Ctrl+Z) logs it again.
The journal is read a page at a time (see ActivityTableModel): sorting and filtering
ask the service again rather than rearranging what happens to be loaded.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from accomp.domain.models import ActivityFilter, ActivityIn, ActivityOut, ActivityRowValues
from accomp.services import activities, beneficiaries
from accomp.services.vaults import Vault
from accomp.ui import labels, ops
from accomp.ui.fit import narrow_combos
from accomp.ui.flow_layout import FlowLayout, labelled
from accomp.ui.models.activities import ActivityTableModel
from accomp.ui.pickers import BeneficiaryPicker, DateField, KeyRole, TypeAheadCombo, VocabCombo
from accomp.ui.views.activity_form import ActivityDialog
from accomp.ui.views.custom_fields import FieldValueFilterCombo
from accomp.ui.views.tag_widgets import TagFilterCombo
from accomp.ui.widgets import named, plain_text, qdate

TOPIC = "activities"

# Period filter choices.
ALL_DATES = "all"
THIS_MONTH = "this_month"
LAST_MONTH = "last_month"
LAST_90_DAYS = "last_90_days"
THIS_YEAR = "this_year"
CUSTOM_PERIOD = "custom"

UNDO_BAR_STYLE = (
    "QFrame#undoBar { background: #e8f0fe; border: 1px solid #1a56b8; border-radius: 3px; }"
    " QFrame#undoBar QLabel { color: #0b2a5b; }"
)


def period_bounds(choice: str, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day of a period choice (None: unbounded)."""
    first_of_month = today.replace(day=1)
    if choice == THIS_MONTH:
        return first_of_month, today
    if choice == LAST_MONTH:
        end = first_of_month - dt.timedelta(days=1)
        return end.replace(day=1), end
    if choice == LAST_90_DAYS:
        return today - dt.timedelta(days=89), today
    if choice == THIS_YEAR:
        return today.replace(month=1, day=1), today
    return None, None


def _as_date(value: object) -> dt.date:
    assert isinstance(value, dt.date)
    return value


def _sort_value(column: int, order: Qt.SortOrder) -> str:
    return f"{column}:{order.value}"


class JournalView(QWidget):
    # How long "Annuler" stays offered after a deletion; tests shorten it.
    UNDO_SECONDS = 10
    # Filters and order apply this long after the last key: reading a large journal
    # again between two letters would break the drop-downs' type-ahead.
    SETTLE_MS = 250

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        # False once cleared for locking: announced changes are ignored until reload().
        self._active = True
        self._deleted: ActivityOut | None = None
        self._select_after_reload: int | None = None
        self.today: Callable[[], dt.date] = dt.date.today
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

    def _retranslate_actions(self) -> None:
        texts = {
            self.new_action: self.tr("&Nouvelle activité"),
            self.new_workshop_action: self.tr("Nouvel a&telier"),
            self.edit_action: self.tr("&Modifier"),
            self.duplicate_action: self.tr("D&upliquer"),
            self.delete_action: self.tr("&Supprimer"),
            self.undo_action: self.tr("Annuler la suppression"),
        }
        for action, text in texts.items():
            action.setText(text)
        keys = [
            "Ctrl+N", self.tr("Ctrl+Maj+N"), self.tr("Entrée"), "Ctrl+D", self.tr("Suppr"),
        ]
        for button, action, shortcut in zip(self.action_buttons, self._button_actions, keys,
                                            strict=True):
            button.setText(action.text())
            named(button)
            button.setToolTip(f"{button.accessibleName()} ({shortcut})")

    def _retranslate_filters(self) -> None:
        periods = [
            self.tr("Toutes les dates"), self.tr("Ce mois-ci"), self.tr("Le mois dernier"),
            self.tr("Les 90 derniers jours"), self.tr("Cette année"),
            self.tr("Période choisie…"),
        ]
        for i, text in enumerate(periods):
            self.period.setItemText(i, text)
        for i, text in enumerate([self.tr("Tous"), self.tr("Individuel"),
                                  self.tr("Collectif")]):
            self.kind_filter.setItemText(i, text)
        for combo, none_label in [(self.theme_filter, self.tr("Tous les thèmes")),
                                  (self.place_filter, self.tr("Tous les lieux")),
                                  (self.autonomy_filter, self.tr("Toutes"))]:
            for i in range(combo.count()):
                key = combo.itemData(i, KeyRole)
                combo.setItemText(
                    i, none_label if key is None else labels.vocab_label(combo.list_name, key)
                )
        self.beneficiary_filter.edit.setPlaceholderText(
            self.tr("Tous — tapez un code, un nom, un téléphone")
        )
        self.beneficiary_filter.setMinimumWidth(
            self.fontMetrics().horizontalAdvance(self.beneficiary_filter.edit.placeholderText())
            + 40
        )
        headers = self.model.headers()
        words = {Qt.SortOrder.DescendingOrder: self.tr("décroissant"),
                 Qt.SortOrder.AscendingOrder: self.tr("croissant")}
        for i in range(self.sort_choice.count()):
            column, order = (int(part) for part in
                             str(self.sort_choice.itemData(i, KeyRole)).split(":"))
            self.sort_choice.setItemText(i, f"{headers[column]}, {words[Qt.SortOrder(order)]}")
        self.reset_filters_button.setText(self.tr("Effacer les filtres"))
        named(self.reset_filters_button)
        texts = {
            self.period: self.tr("&Période :"), self.date_from: self.tr("Du :"),
            self.date_to: self.tr("Au :"), self.sort_choice: self.tr("&Trier par :"),
            self.kind_filter: self.tr("T&ype :"), self.theme_filter: self.tr("T&hème :"),
            self.place_filter: self.tr("&Lieu :"), self.autonomy_filter: self.tr("&Autonomie :"),
            self.beneficiary_filter: self.tr("&Bénéficiaire :"),
            self.tag_filter: self.tr("Éti&quette :"), self.field_filter: self.tr("&Champ :"),
        }
        for widget, text in texts.items():
            label = self._filter_labels[widget]
            label.setText(text)
            label.buddy().setAccessibleName(plain_text(text))
        self.date_from.setAccessibleName(self.tr("Période : du"))
        self.date_to.setAccessibleName(self.tr("Période : au"))

    def changeEvent(self, event: QEvent) -> None:
        # Only once the page is built: Qt may deliver the event before.
        if event.type() == QEvent.Type.LanguageChange and getattr(self, "_ready", False):
            self._retranslate()
            self.model.retranslate()
            if self._active:
                self._update_count()
        super().changeEvent(event)

    # --- building --------------------------------------------------------------------

    def _action(self, keys: str | None, slot: Callable[[], Any]) -> QAction:
        """An action with its shortcut; its text is set by _retranslate()."""
        action = QAction(self)
        if keys:
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action("Ctrl+N", self.new_activity)
        self.new_workshop_action = self._action("Ctrl+Shift+N", self.new_workshop)
        self.edit_action = self._action(None, self.edit_selected)
        self.duplicate_action = self._action("Ctrl+D", self.duplicate_selected)
        self.delete_action = self._action(None, self.delete_selected)
        # Delete belongs to the table: in a filter field it erases a letter.
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.removeAction(self.delete_action)
        self.undo_action = self._action("Ctrl+Z", self.undo_delete)
        self.undo_action.setEnabled(False)

        # Their texts, names and tooltips are set by _retranslate().
        self._button_actions = [self.new_action, self.new_workshop_action, self.edit_action,
                                self.duplicate_action, self.delete_action]
        self.action_buttons: list[QPushButton] = []
        for action in self._button_actions:
            button = QPushButton(self)
            button.setAutoDefault(False)
            button.clicked.connect(action.trigger)
            action.enabledChanged.connect(button.setEnabled)
            self.action_buttons.append(button)
        self.new_button, self.new_workshop_button, self.edit_button = self.action_buttons[:3]
        self.duplicate_button, self.delete_button = self.action_buttons[3:]

    def _build_filters(self) -> None:
        self.period = TypeAheadCombo(self)
        # Item texts and labels are set by _retranslate().
        for value in (ALL_DATES, THIS_MONTH, LAST_MONTH, LAST_90_DAYS, THIS_YEAR,
                      CUSTOM_PERIOD):
            self.period.addItem("")
            self.period.setItemData(self.period.count() - 1, value, KeyRole)
        self.date_from = DateField(self)
        self.date_to = DateField(self)
        today = qdate(dt.date.today())
        self.date_from.setDate(today.addMonths(-1))
        self.date_to.setDate(today)
        self.kind_filter = TypeAheadCombo(self)
        for kind in (None, "Individuel", "Collectif"):
            self.kind_filter.addItem("")
            self.kind_filter.setItemData(self.kind_filter.count() - 1, kind, KeyRole)
        self.theme_filter = VocabCombo("themes", none_label="", parent=self)
        self.place_filter = VocabCombo("place_types", none_label="", parent=self)
        self.autonomy_filter = VocabCombo("autonomy", none_label="", parent=self)
        self.beneficiary_filter = BeneficiaryPicker(
            lambda text: beneficiaries.search_beneficiaries(self._vault, text, limit=10),
            allow_anonymous=False, parent=self,
        )
        self.tag_filter = TagFilterCombo(self._vault, self)
        self.field_filter = FieldValueFilterCombo(self._vault, self)
        self.sort_choice = TypeAheadCombo(self)
        for column in ActivityTableModel.SORT_KEYS:
            for order in (Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder):
                self.sort_choice.addItem("")
                self.sort_choice.setItemData(
                    self.sort_choice.count() - 1, _sort_value(column, order), KeyRole
                )
        self.reset_filters_button = QPushButton(self)
        self.reset_filters_button.setAutoDefault(False)
        self.reset_filters_button.setEnabled(False)

        rows: list[list[tuple[QWidget, QWidget]]] = [
            [(self.period, self.period), (self.date_from, self.date_from),
             (self.date_to, self.date_to), (self.sort_choice, self.sort_choice)],
            [(self.kind_filter, self.kind_filter), (self.theme_filter, self.theme_filter),
             (self.place_filter, self.place_filter),
             (self.autonomy_filter, self.autonomy_filter)],
            [(self.beneficiary_filter, self.beneficiary_filter.edit),
             (self.tag_filter, self.tag_filter), (self.field_filter, self.field_filter)],
        ]
        self._filter_labels: dict[QWidget, QLabel] = {}
        # The filters wrap onto as many lines as the window needs: an 800×600 screen too.
        bar = FlowLayout()
        for pairs in rows:
            for widget, buddy in pairs:
                label = QLabel(self)
                label.setBuddy(buddy)
                self._filter_labels[widget] = label
                bar.addWidget(labelled(label, widget, self))
        bar.addWidget(self.reset_filters_button)  # at the end of the last line
        self.filter_bar = bar
        narrow_combos((self.period, self.sort_choice, self.kind_filter, self.theme_filter,
                       self.place_filter, self.autonomy_filter))  # fits 800×600
        self._show_custom_period(False)

        for combo in (self.period, self.kind_filter, self.theme_filter, self.place_filter,
                      self.autonomy_filter, self.tag_filter, self.field_filter):
            combo.currentIndexChanged.connect(self._apply_filters)
        self.period.currentIndexChanged.connect(
            lambda _i: self._show_custom_period(self.period.value() == CUSTOM_PERIOD)
        )
        self.date_from.dateChanged.connect(self._apply_filters)
        self.date_to.dateChanged.connect(self._apply_filters)
        self.beneficiary_filter.picked.connect(self._apply_filters)
        self.beneficiary_filter.edit.textChanged.connect(self._on_beneficiary_text)
        self.sort_choice.currentIndexChanged.connect(lambda _i: self._settle.start())
        self.reset_filters_button.clicked.connect(self.reset_filters)

    def _build_undo_bar(self) -> None:
        self.undo_bar = QFrame(self)
        self.undo_bar.setObjectName("undoBar")
        self.undo_bar.setStyleSheet(UNDO_BAR_STYLE)
        self.undo_label = QLabel(self.undo_bar)
        self.undo_label.setTextFormat(Qt.TextFormat.PlainText)
        self.undo_button = QPushButton(self.undo_bar)  # its texts: _retranslate()
        self.undo_button.setAutoDefault(False)
        self.undo_button.clicked.connect(self.undo_delete)
        row = QHBoxLayout(self.undo_bar)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.undo_label, 1)
        row.addWidget(self.undo_button)
        self.undo_bar.setVisible(False)
        self.undo_timer = QTimer(self)
        self.undo_timer.setSingleShot(True)
        self.undo_timer.timeout.connect(self._forget_deleted)

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

    # --- filters and order -----------------------------------------------------------

    def _show_custom_period(self, visible: bool) -> None:
        for widget in (self.date_from, self.date_to):
            widget.setVisible(visible)
            self._filter_labels[widget].setVisible(visible)
        if visible:
            self._apply_filters()

    def _filters(self) -> ActivityFilter:
        choice = str(self.period.value())
        if choice == CUSTOM_PERIOD:
            start: dt.date | None = _as_date(self.date_from.date().toPython())
            end: dt.date | None = _as_date(self.date_to.date().toPython())
        else:
            start, end = period_bounds(choice, self.today())
        person = self.beneficiary_filter.beneficiary()
        return ActivityFilter(
            date_from=start, date_to=end, kind=self.kind_filter.value(),
            theme=self.theme_filter.key(), place_type=self.place_filter.key(),
            autonomy=self.autonomy_filter.key(),
            beneficiary_id=person.id if person is not None else None,
            tag=self.tag_filter.tag_id(),
            custom_field=self.field_filter.choice()[0], custom_value=self.field_filter.choice()[1],
        )

    def _filters_active(self) -> bool:
        return self._filters() != ActivityFilter()

    def pending(self) -> bool:
        """Whether a filter or an order was chosen and is not applied yet."""
        return self._settle.isActive()

    def _apply_filters(self, *_: object) -> None:
        self.reset_filters_button.setEnabled(self._filters() != ActivityFilter())
        self._settle.start()

    def _apply_now(self) -> None:
        """Apply the order and the filters shown (each only if it changed)."""
        self._settle.stop()
        if not self._active:
            return
        value = self.sort_choice.value()
        if value:
            column, order = (int(part) for part in str(value).split(":"))
            if (column, Qt.SortOrder(order)) != (self.model.sort_column(),
                                                  self.model.sort_order()):
                self.table.horizontalHeader().setSortIndicator(column, Qt.SortOrder(order))
        filters = self._filters()
        self.reset_filters_button.setEnabled(filters != ActivityFilter())
        if filters != (self.model.filters() or ActivityFilter()):
            self.set_filters(filters)

    def _on_beneficiary_text(self, text: str) -> None:
        # An emptied field shows everybody again; a name being typed changes nothing
        # until a person is picked.
        if not text.strip():
            self._apply_filters()

    def reset_filters(self) -> None:
        widgets = (self.period, self.kind_filter, self.theme_filter, self.place_filter,
                   self.autonomy_filter, self.tag_filter, self.field_filter)
        for combo in widgets:
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self._show_custom_period(False)
        self.beneficiary_filter.edit.blockSignals(True)
        self.beneficiary_filter.clear()
        self.beneficiary_filter.edit.blockSignals(False)
        self._apply_now()

    def _on_sort_indicator(self, column: int, order: Qt.SortOrder) -> None:
        header = self.table.horizontalHeader()
        if not self.model.is_sortable(column):
            # Themes sort on nothing: put the indicator back where the order is.
            header.blockSignals(True)
            header.setSortIndicator(self.model.sort_column(), self.model.sort_order())
            header.blockSignals(False)
            return
        self.sort_choice.blockSignals(True)
        self.sort_choice.set_value(_sort_value(self.model.sort_column(), self.model.sort_order()))
        self.sort_choice.blockSignals(False)

    # --- actions ---------------------------------------------------------------------

    def new_activity(self) -> ActivityOut | None:
        return self._open_dialog(kind="Individuel")

    def new_workshop(self) -> ActivityOut | None:
        return self._open_dialog(kind="Collectif")

    def _open_dialog(self, **kw: Any) -> ActivityOut | None:
        if not self._active:
            return None
        saved = ActivityDialog.ask(self, self._vault, **kw)
        if saved is not None:
            self._select_after(saved.id)
        return saved

    def _select_after(self, activity_id: int) -> None:
        # The dialog announced the change and the journal was read again: select it.
        if not self.select_activity(activity_id):
            self._select_after_reload = activity_id

    def _selected(self) -> ActivityOut | None:
        activity_id = self.selected_activity_id()
        if activity_id is None or not self._active:
            return None
        done = ops.run(self, activities.get_activity, self._vault, activity_id)
        return done.value if done else None

    def edit_selected(self) -> ActivityOut | None:
        current = self._selected()
        if current is None:
            return None
        return self._open_dialog(activity=current)

    def duplicate_selected(self) -> ActivityOut | None:
        current = self._selected()
        if current is None:
            return None
        return self._open_dialog(duplicate_of=current)

    def delete_selected(self) -> bool:
        """Delete the highlighted session once the worker confirms; offer to undo."""
        activity_id = self.selected_activity_id()
        if activity_id is None or not self._active:
            return False
        row = self.model.row_with_id(activity_id)
        answer = QMessageBox.question(
            self,
            self.tr("Supprimer l'activité"),
            self.tr("Supprimer cette activité ?\n%1\n\nVous pourrez annuler pendant "
                    "quelques secondes.").replace("%1", self.model.describe(row)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        done = ops.run(self, activities.delete_activity, self._vault, activity_id, topic=TOPIC)
        if not done or done.value is None:
            return False
        self._offer_undo(done.value)
        self._select_row(row)
        return True

    def _select_row(self, row: int) -> None:
        count = self.model.rowCount()
        if count:
            self.table.selectRow(min(row, count - 1))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _offer_undo(self, deleted: ActivityOut) -> None:
        self._deleted = deleted
        text = self._undo_text(deleted)
        self.undo_label.setText(text)
        self.undo_bar.setVisible(True)
        self.undo_action.setEnabled(True)
        self.undo_timer.start(int(self.UNDO_SECONDS * 1000))
        if QAccessible.isActive():
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self.undo_label, text))

    def _undo_text(self, deleted: ActivityOut) -> str:
        return self.tr("Activité du %1 supprimée.").replace("%1", labels.date(deleted.date))

    def _forget_deleted(self) -> None:
        self._deleted = None
        self.undo_timer.stop()
        self.undo_bar.setVisible(False)
        self.undo_label.clear()
        self.undo_action.setEnabled(False)

    def undo_delete(self) -> ActivityOut | None:
        """Log the deleted session again (it gets a new number)."""
        deleted = self._deleted
        if deleted is None or not self._active:
            return None
        data = deleted.model_dump(include=set(ActivityIn.model_fields))
        done = ops.run(self, activities.log_activity, self._vault, data, topic=TOPIC)
        if not done or done.value is None:
            return None
        self._forget_deleted()
        self._select_after(done.value.id)
        return done.value

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
