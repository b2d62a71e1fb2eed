"""A multi-select of a reference list (themes…) ticked from the keyboard: type to
filter (synonyms understood), Enter or Space ticks."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from accomp.domain import synonyms
from accomp.domain.text import fold
from accomp.domain.vocab import vocabulary
from accomp.ui import labels
from accomp.ui.pickers.matching import RETURN_KEYS, KeyRole, best_match, matches

_Index = QModelIndex | QPersistentModelIndex


class _FoldFilter(QSortFilterProxyModel):
    """Labels that answer what was typed, and the terms a synonym of it stands for
    ("caf" -> Aide aux démarches administratives; resources/vocab/synonyms.json)."""

    def __init__(self, list_name: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._typed = ""
        self._list_name = list_name
        self._synonym_keys: frozenset[str] = frozenset()

    def set_typed(self, typed: str) -> None:
        self.beginFilterChange()
        self._typed = typed
        self._synonym_keys = synonyms.keys_for(self._list_name, typed)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: _Index) -> bool:
        if not fold(self._typed):
            return True
        index = self.sourceModel().index(row, 0, parent)
        return (matches(str(index.data()), self._typed)
                or index.data(KeyRole) in self._synonym_keys)


class CheckList(QWidget):
    """Tick several terms of a reference list from the keyboard.

    A filter line: type a few letters ("ema", "sante"), Enter ticks (or unticks) the
    first item shown and clears the filter for the next one. Down enters the list,
    where Space ticks. A line under the list says what is ticked."""

    changed = Signal()

    def __init__(
        self, list_name: str, name: str, *, rows: int = 6, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.list_name = list_name
        self.model = QStandardItemModel(self)
        for term in vocabulary().terms(list_name):
            item = QStandardItem(labels.vocab_label(list_name, term.key))
            item.setData(term.key, KeyRole)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            item.setCheckState(Qt.CheckState.Unchecked)
            self.model.appendRow(item)
        self.proxy = _FoldFilter(list_name, self)
        self.proxy.setSourceModel(self.model)

        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Tapez pour chercher, Entrée pour cocher"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName(name)
        self.filter.setAccessibleDescription(self._filter_help())
        self.view = QListView(self)
        self.view.setModel(self.proxy)
        self.view.setAccessibleName(self.tr("Liste : %1").replace("%1", name))
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setUniformItemSizes(True)
        row_height = self.view.fontMetrics().height() + 6
        self.view.setFixedHeight(rows * row_height + 6)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        # Under the filter: "no result for …", or which synonyms were understood.
        self.hint = QLabel(self)
        self.hint.setObjectName("checkListHint")
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setVisible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.filter)
        layout.addWidget(self.hint)
        layout.addWidget(self.view)
        layout.addWidget(self.summary)
        self.setFocusProxy(self.filter)

        self.filter.textChanged.connect(self._on_filter)
        self.filter.installEventFilter(self)
        self.model.itemChanged.connect(self._on_item_changed)
        self._update_summary()

    # --- keyboard --------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: Any) -> bool:
        if watched is self.filter and isinstance(event, QKeyEvent) and (
            event.type() == QKeyEvent.Type.KeyPress
        ):
            if event.key() in RETURN_KEYS:
                self._tick_first_shown()
                return True
            if event.key() == Qt.Key.Key_Down and self.proxy.rowCount() > 0:
                self.view.setFocus(Qt.FocusReason.TabFocusReason)
                current = self.view.currentIndex()
                if not current.isValid():
                    self.view.setCurrentIndex(self.proxy.index(0, 0))
                return True
        return super().eventFilter(watched, event)

    def _tick_first_shown(self) -> None:
        if not fold(self.filter.text()) or self.proxy.rowCount() == 0:
            return
        shown = [self.proxy.index(r, 0) for r in range(self.proxy.rowCount())]
        best = max(best_match([str(i.data()) for i in shown], self.filter.text()), 0)
        item = self.model.itemFromIndex(self.proxy.mapToSource(shown[best]))
        item.setCheckState(
            Qt.CheckState.Unchecked if item.checkState() == Qt.CheckState.Checked
            else Qt.CheckState.Checked
        )
        self.filter.clear()

    def _on_filter(self, text: str) -> None:
        self.proxy.set_typed(text)
        self._update_hint(text)
        if self.proxy.rowCount():
            shown = [str(self.proxy.index(r, 0).data()) for r in range(self.proxy.rowCount())]
            self.view.setCurrentIndex(self.proxy.index(max(best_match(shown, text), 0), 0))

    def _update_hint(self, text: str) -> None:
        hint = ""
        if fold(text) and self.proxy.rowCount() == 0:
            hint = self.tr("Aucun résultat pour « %1 ».").replace("%1", text.strip())
        elif fold(text):
            words = [w for w, _keys in synonyms.synonym_hits(self.list_name, text)]
            if words:
                hint = self.tr("Compris comme : %1").replace("%1", ", ".join(words[:3]))
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        self.filter.setAccessibleDescription(hint or self._filter_help())

    def _filter_help(self) -> str:
        return self.tr("Tapez le début d'un mot puis Entrée pour cocher ; Bas pour "
                       "parcourir la liste, Espace pour cocher.")

    # --- values ----------------------------------------------------------------------

    def keys(self) -> list[str]:
        """The ticked keys, in the order of the reference list."""
        return [
            str(self.model.item(r).data(KeyRole)) for r in range(self.model.rowCount())
            if self.model.item(r).checkState() == Qt.CheckState.Checked
        ]

    def set_keys(self, keys: Iterable[str]) -> None:
        wanted = set(keys)
        self.model.blockSignals(True)
        try:
            for r in range(self.model.rowCount()):
                item = self.model.item(r)
                item.setCheckState(
                    Qt.CheckState.Checked if item.data(KeyRole) in wanted
                    else Qt.CheckState.Unchecked
                )
        finally:
            self.model.blockSignals(False)
        self.view.viewport().update()
        self.filter.clear()
        self._on_item_changed()

    def is_checked(self, key: str) -> bool:
        return key in self.keys()

    def _on_item_changed(self, *_: object) -> None:
        self._update_summary()
        self.changed.emit()

    def _update_summary(self) -> None:
        chosen = labels.vocab_labels(self.list_name, self.keys())
        n = len(chosen)
        if not chosen:
            text = self.tr("Aucun élément coché")
        else:
            text = labels.resolve_plural(self.tr("%n coché(s) : ", "", n), n) + ", ".join(chosen)
        self.summary.setText(text)
        self.view.setAccessibleDescription(text)


