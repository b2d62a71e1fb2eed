"""The journal's filter bar and order: a period, the kind, theme, place, autonomy,
person, tag and custom field of a session, and the order of the rows. What is chosen
applies a moment after the last key (`SETTLE_MS`): reading a large journal again
between two letters would break the drop-downs' type-ahead."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QPushButton, QTableView, QWidget

from accomp.domain.models import ActivityFilter
from accomp.services import beneficiaries
from accomp.services.vaults import Vault
from accomp.ui import labels
from accomp.ui.fit import narrow_combos
from accomp.ui.flow_layout import FlowLayout, labelled
from accomp.ui.models.activities import ActivityTableModel
from accomp.ui.pickers import BeneficiaryPicker, DateField, KeyRole, TypeAheadCombo, VocabCombo
from accomp.ui.views.custom_fields import FieldValueFilterCombo
from accomp.ui.views.journal.periods import (
    ALL_DATES,
    CUSTOM_PERIOD,
    LAST_90_DAYS,
    LAST_MONTH,
    THIS_MONTH,
    THIS_YEAR,
    period_bounds,
)
from accomp.ui.views.tag_widgets import TagFilterCombo
from accomp.ui.widgets import named, plain_text, qdate


def _as_date(value: object) -> dt.date:
    assert isinstance(value, dt.date)
    return value


def _sort_value(column: int, order: Qt.SortOrder) -> str:
    return f"{column}:{order.value}"



class JournalFilters(QWidget):
    """The filters and the order of the journal (a part of JournalView)."""

    # Set by JournalView before the filters are built.
    _vault: Vault
    _active: bool
    _settle: QTimer
    model: ActivityTableModel
    table: QTableView

    today: Callable[[], dt.date]

    def set_filters(self, filters: ActivityFilter | None) -> None:
        raise NotImplementedError

    def _build_filters(self) -> None:
        self.period = TypeAheadCombo(self)
        # Item texts and labels are set by _retranslate().
        for value in (ALL_DATES, THIS_MONTH, LAST_MONTH, LAST_90_DAYS, THIS_YEAR,
                      CUSTOM_PERIOD):
            self.period.addItem("")
            self.period.setItemData(self.period.count() - 1, value, KeyRole)
        self.date_from = DateField(self)
        self.date_to = DateField(self)
        today = qdate(self.today())
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

