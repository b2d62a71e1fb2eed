"""Fields that pick from a list while typing, made for the keyboard.

- `TypeAheadCombo` / `VocabCombo`: a drop-down list that jumps to the item whose
  words start with what was typed, accents and case ignored ("dom" -> "À domicile").
- `CheckList`: a multi-select of a reference list (themes…): type to filter, Enter
  or Space ticks the highlighted item, Down walks the list.
- `BeneficiaryPicker`: search-as-you-type by code, name or phone; empty or
  "Anonyme" means an anonymous person. `ParticipantsPicker` adds several.
- `CommunePicker`: completion over the shipped list of French communes.
- `DateField`: a date whose sections are typed, and that Tab leaves at once.

Pickers never query the vault themselves: they are given a search function (a
service bound to the vault), so they can be tested with a plain list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QDate,
    QElapsedTimer,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTime,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QCompleter,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from accomp.domain import communes, synonyms
from accomp.domain.errors import KnownError
from accomp.domain.models import BeneficiaryOut
from accomp.domain.person_match import MatchReason, match_reason
from accomp.domain.text import fold
from accomp.domain.vocab import vocabulary
from accomp.services.beneficiaries import person_text
from accomp.ui import labels, ops
from accomp.ui.widgets import named

KeyRole = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex
_RETURN = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def matches(label: str, typed: str) -> bool:
    """Whether a label answers what was typed: the folded label, or one of its later
    words, starts with the folded text ("dom" and "a dom" -> "À domicile"); spaces
    and hyphens may be left out ("email" -> "E-mail")."""
    needle = fold(typed)
    if not needle:
        return False
    hay = fold(label)
    if hay.startswith(needle) or f" {needle}" in f" {hay}":
        return True
    squeezed = needle.replace(" ", "")
    words = hay.split()
    return any("".join(words[i:]).startswith(squeezed) for i in range(len(words)))


def best_match(labels_: Sequence[str], typed: str) -> int:
    """The index of the label that best answers what was typed (-1 if none): one
    equal to it, else the first starting with it, else the first matching at all
    ("autonome" -> "Autonome" rather than "Partiellement autonome")."""
    needle = fold(typed)
    folded = [fold(label) for label in labels_]
    tests: list[Callable[[int], bool]] = [
        lambda i: folded[i] == needle,
        lambda i: folded[i].startswith(needle),
        lambda i: matches(labels_[i], typed),
    ]
    for test in tests:
        for i in range(len(labels_)):
            if test(i):
                return i
    return -1


def _printable(event: QKeyEvent) -> str:
    mods = event.modifiers() & ~(
        Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
    )
    text = event.text()
    if mods or not text or not text.isprintable():
        return ""
    return text


# --- drop-down lists -------------------------------------------------------------------


class TypeAheadCombo(QComboBox):
    """A non-editable drop-down whose keyboard search ignores accents and case and
    matches any word: a French worker types "dom" for "À domicile", "45" for
    "45 min". Letters typed within the keyboard interval add up, as in Qt's own
    search; Space with nothing typed opens the list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._typed = ""
        self._clock = QElapsedTimer()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = _printable(event)
        if not text or (text == " " and not self._typed_recently()):
            super().keyPressEvent(event)
            return
        typed = (self._typed if self._typed_recently() else "") + text
        self._clock.restart()
        row = self._find(typed)
        if row < 0 and typed != text:
            typed, row = text, self._find(text)
        self._typed = typed
        if row >= 0:
            self.setCurrentIndex(row)
        event.accept()

    def _typed_recently(self) -> bool:
        return (
            bool(self._typed) and self._clock.isValid()
            and self._clock.elapsed() < QApplication.keyboardInputInterval()
        )

    def _find(self, typed: str) -> int:
        if not fold(typed):
            return -1
        return best_match([self.itemText(row) for row in range(self.count())], typed)

    def value(self) -> Any:
        return self.currentData(KeyRole)

    def set_value(self, value: Any) -> None:
        for row in range(self.count()):
            if self.itemData(row, KeyRole) == value:
                self.setCurrentIndex(row)
                return
        self.setCurrentIndex(0)


class VocabCombo(TypeAheadCombo):
    """The terms of a reference list, in its order; `none_label` adds a first item
    meaning "not given" (value None)."""

    def __init__(
        self, list_name: str, *, none_label: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.list_name = list_name
        if none_label is not None:
            self.addItem(none_label)
            self.setItemData(0, None, KeyRole)
        for term in vocabulary().terms(list_name):
            self.addItem(labels.vocab_label(list_name, term.key))
            self.setItemData(self.count() - 1, term.key, KeyRole)

    def key(self) -> str | None:
        value = self.value()
        return str(value) if value is not None else None

    def set_key(self, key: str | None) -> None:
        self.set_value(key)


# --- a date typed, left with Tab -------------------------------------------------------


class DateField(QDateEdit):
    """dd/MM/yyyy with a calendar (Alt+Down or F4). Typing moves from day to month to
    year by itself; Tab leaves the field rather than walking its sections."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("dd/MM/yyyy")
        self.setCalendarPopup(True)
        self.setMinimumDate(QDate(2000, 1, 1))

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


class DurationField(QTimeEdit):
    """A duration as h:mm (0:01 to 12:00); Tab leaves it, as DateField."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("H:mm")
        self.setTimeRange(QTime(0, 0), QTime(12, 0))

    def minutes(self) -> int:
        t = self.time()
        return t.hour() * 60 + t.minute()

    def set_minutes(self, minutes: int) -> None:
        minutes = max(0, min(minutes, 12 * 60))
        self.setTime(QTime(minutes // 60, minutes % 60))

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


# --- several keys ticked ---------------------------------------------------------------


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
        self.filter.setAccessibleDescription(
            self.tr("Tapez le début d'un mot puis Entrée pour cocher ; Bas pour parcourir "
                    "la liste, Espace pour cocher.")
        )
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
            if event.key() in _RETURN:
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
        self.filter.setAccessibleDescription(hint or self.tr(
            "Tapez le début d'un mot puis Entrée pour cocher ; Bas pour parcourir "
            "la liste, Espace pour cocher."))

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


# --- search while typing ---------------------------------------------------------------


class _SearchField(QWidget):
    """A line edit whose completion list is recomputed on every keystroke by
    `_results(text)` -> [(shown, value)]; picking one calls `_picked(value, shown)`.
    The first result is highlighted, so Enter takes it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setClearButtonEnabled(True)
        self.results = QStandardItemModel(self)
        self.completer = QCompleter(self.results, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(10)
        self.completer.setWidget(self.edit)
        self.completer.activated[QModelIndex].connect(  # type: ignore[index]
            self._on_activated
        )
        self.edit.textEdited.connect(self._on_edited)
        self.edit.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        self.setFocusProxy(self.edit)

    def eventFilter(self, watched: QObject, event: Any) -> bool:
        # Down in the empty field, or after the list was closed, shows it again.
        if (
            watched is self.edit and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down
            and not self._popup().isVisible()
        ):
            self._show_results(self.edit.text())
            return True
        return super().eventFilter(watched, event)

    def _popup(self) -> QAbstractItemView:
        popup = self.completer.popup()
        assert popup is not None  # a QCompleter always has one
        return popup

    def _results(self, text: str) -> Sequence[tuple[str, object]]:
        raise NotImplementedError

    def _picked(self, value: object, shown: str) -> None:
        raise NotImplementedError

    def _edited(self) -> None:
        """The text changed by hand: what was picked no longer holds."""

    def _on_edited(self, text: str) -> None:
        self._edited()
        if not text.strip():  # emptied: nothing to propose until asked (Down)
            self.results.clear()
            self._popup().hide()
            return
        self._show_results(text)

    def _show_results(self, text: str) -> None:
        self.results.clear()
        for shown, value in self._results(text):
            item = QStandardItem(shown)
            item.setData(value, KeyRole)
            item.setEditable(False)
            self.results.appendRow(item)
        if self.results.rowCount() == 0:
            self._popup().hide()
            return
        self.completer.setCompletionPrefix("")
        self.completer.complete()
        self._popup().setCurrentIndex(self.completer.completionModel().index(0, 0))

    def _on_activated(self, index: QModelIndex) -> None:
        value = index.data(KeyRole)
        shown = str(index.data())
        self._picked(value, shown)

    def text(self) -> str:
        return self.edit.text()


class BeneficiaryPicker(_SearchField):
    """Who the session was with: a file found by code, name or phone, or nobody
    (anonymous). Empty, or "Anonyme" picked, means anonymous."""

    picked = Signal(object)  # BeneficiaryOut | None

    ANONYMOUS = "anonymous"

    def __init__(
        self,
        search: Callable[[str], Sequence[BeneficiaryOut]],
        *,
        allow_anonymous: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._search = search
        self._allow_anonymous = allow_anonymous
        self._found: dict[int, BeneficiaryOut] = {}
        self._chosen: BeneficiaryOut | None = None
        self.edit.textChanged.connect(self._on_text_changed)
        if allow_anonymous:
            self.edit.setPlaceholderText(
                self.tr("Anonyme — ou tapez un code, un nom, un téléphone")
            )
        else:
            self.edit.setPlaceholderText(self.tr("Tapez un code, un nom, un téléphone"))

    def anonymous_label(self) -> str:
        return self.tr("Anonyme")

    @staticmethod
    def describe(b: BeneficiaryOut, *, with_phone: bool = False) -> str:
        """"B-7F3K — Marie DUPONT" (and the phone in the list, to tell people apart)."""
        parts = [b.code]
        name = " ".join(p for p in (b.first_name, (b.last_name or "").upper()) if p)
        if name:
            parts.append(name)
        if with_phone and b.phone:
            parts.append(b.phone)
        return " — ".join(parts)

    def _results(self, text: str) -> Sequence[tuple[str, object]]:
        out: list[tuple[str, object]] = []
        anonymous_typed = bool(fold(text)) and matches(self.anonymous_label(), text)
        if self._allow_anonymous and anonymous_typed:
            out.append((self.anonymous_label(), self.ANONYMOUS))
        try:
            found = list(self._search(text))
        except Exception as exc:  # a locked vault: nothing to propose, say it once
            ops.note_error(exc, action="beneficiary search")
            found = []
        self._found = {b.id: b for b in found}
        # Best reason first (BELKACEM before Isabel LOPEZ for "bel"), and each line
        # says why it matched, so Enter on the first row takes the expected person.
        reasons = {b.id: match_reason(text, person_text(b)) or MatchReason.CONTAINS
                   for b in found}
        found.sort(key=lambda b: reasons[b.id])
        out.extend((f"{self.describe(b, with_phone=True)}  ·  {self.reason_label(reasons[b.id])}",
                    b.id) for b in found)
        return out

    def reason_label(self, reason: MatchReason) -> str:
        """Why a line matched what was typed, in a word or two."""
        return {
            MatchReason.CODE: self.tr("code"),
            MatchReason.LAST_NAME: self.tr("nom"),
            MatchReason.FIRST_NAME: self.tr("prénom"),
            MatchReason.PHONE: self.tr("téléphone"),
            MatchReason.EMAIL: self.tr("e-mail"),
            MatchReason.CONTAINS: self.tr("contient le texte"),
        }[reason]

    def _picked(self, value: object, shown: str) -> None:
        if value == self.ANONYMOUS or value is None:
            self.set_beneficiary(None)
            if self._allow_anonymous:
                self.edit.setText(self.anonymous_label())
        else:
            b = self._found.get(int(str(value)))
            if b is not None:
                self.set_beneficiary(b)
        self.picked.emit(self._chosen)

    def _edited(self) -> None:
        self._chosen = None

    def _on_text_changed(self, text: str) -> None:
        # However the field was emptied (clear button, code), nobody is chosen any more.
        if not text:
            self._chosen = None

    # --- values ----------------------------------------------------------------------

    def beneficiary(self) -> BeneficiaryOut | None:
        return self._chosen

    def beneficiary_id(self) -> int | None:
        """The picked file's id; None for anonymous. Raises KnownError(pick_from_list) when
        something was typed and nothing picked: the form must not guess who it was."""
        if self._chosen is not None:
            return self._chosen.id
        if self.is_anonymous():
            return None
        raise KnownError("pick_from_list", "beneficiary_id")

    def is_anonymous(self) -> bool:
        text = self.edit.text().strip()
        return self._chosen is None and (
            not text or (self._allow_anonymous and text == self.anonymous_label())
        )

    def set_beneficiary(self, b: BeneficiaryOut | None) -> None:
        self._chosen = b
        self.edit.setText(self.describe(b) if b is not None else "")
        self._popup().hide()

    def clear(self) -> None:
        self._found = {}
        self.results.clear()
        self.set_beneficiary(None)


class ParticipantsPicker(QWidget):
    """The tracked participants of a workshop: search and Enter adds one to the list
    below; Delete (or "Retirer") takes the highlighted one off."""

    changed = Signal()

    def __init__(
        self,
        search: Callable[[str], Sequence[BeneficiaryOut]],
        name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.picker = BeneficiaryPicker(search, allow_anonymous=False, parent=self)
        self.picker.edit.setAccessibleName(name)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Participants ajoutés"))
        self.list.setFixedHeight(4 * (self.list.fontMetrics().height() + 6) + 6)
        self.remove_button = named(QPushButton(self.tr("Retirer"), self))
        self.remove_button.setAccessibleName(self.tr("Retirer le participant choisi"))
        self.remove_button.setAutoDefault(False)
        self.remove_button.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.picker)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row)
        self.setFocusProxy(self.picker)

        self.picker.picked.connect(self._add)
        self.remove_button.clicked.connect(self.remove_current)
        self.list.currentRowChanged.connect(
            lambda row: self.remove_button.setEnabled(row >= 0)
        )
        self.list.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: Any) -> bool:
        if (
            watched is self.list and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
        ):
            self.remove_current()
            return True
        return super().eventFilter(watched, event)

    def _add(self, b: BeneficiaryOut | None) -> None:
        if b is not None and b.id not in self.ids():
            self.add(b)
        self.picker.clear()

    def add(self, b: BeneficiaryOut) -> None:
        item = QListWidgetItem(BeneficiaryPicker.describe(b))
        item.setData(KeyRole, b.id)
        self.list.addItem(item)
        self.changed.emit()

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self.changed.emit()

    def ids(self) -> list[int]:
        return [int(self.list.item(r).data(KeyRole)) for r in range(self.list.count())]

    def set_participants(self, people: Iterable[BeneficiaryOut]) -> None:
        self.list.clear()
        for b in people:
            self.add(b)
        self.changed.emit()

    def clear(self) -> None:
        self.picker.clear()
        self.list.clear()
        self.changed.emit()


class CommunePicker(_SearchField):
    """A commune from the shipped list, by name or postal code ("lyon", "69003",
    "st etienne")."""

    picked = Signal(object)  # communes.Commune | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._chosen: communes.Commune | None = None
        self._stored: dict[str, str | None] | None = None
        self._found: dict[str, communes.Commune] = {}
        self.edit.setPlaceholderText(self.tr("Nom ou code postal"))

    def _results(self, text: str) -> Sequence[tuple[str, object]]:
        found = communes.search(text, 10)
        self._found = {c.label: c for c in found}
        return [(c.label, c.label) for c in found]

    def _picked(self, value: object, shown: str) -> None:
        chosen = self._found.get(str(value))
        if chosen is not None:
            self.set_commune(chosen)
        self.picked.emit(self._chosen)

    def _edited(self) -> None:
        self._chosen = None

    def commune_input(self) -> dict[str, str | None] | None:
        """The `commune` field of an activity: the commune picked, else the one the
        text names exactly ("Lyon (69003)", or a name only one commune bears), else
        the stored one still shown; None when empty. Raises KnownError(pick_from_list)
        for text that names no commune of the list: the form does not guess."""
        text = self.edit.text().strip()
        if self._chosen is not None:
            return dict(self._chosen.as_input())
        if not text:
            return None
        if self._stored is not None and text == self._stored["name"]:
            return dict(self._stored)
        found = communes.search(text, 2)
        exact = [c for c in found if c.label == text or fold(c.name) == fold(text)]
        if len(exact) == 1 or (exact and exact[0].label == text):
            return dict(exact[0].as_input())
        raise KnownError("pick_from_list", "commune_name")

    def set_commune(self, commune: communes.Commune | None) -> None:
        self._chosen = commune
        self._stored = None
        self.edit.setText(commune.label if commune else "")
        self._popup().hide()

    def set_stored(self, name: str | None, postal_code: str | None, insee: str | None) -> None:
        """Show a commune as an activity stored it (kept as it is if it is not in
        the shipped list)."""
        found = communes.by_insee(insee, postal_code) if insee else None
        if found is not None or not name:
            self.set_commune(found)
            return
        self.set_commune(None)
        self._stored = {"name": name, "postal_code": postal_code, "insee": insee}
        self.edit.setText(name)

    def clear(self) -> None:
        self.set_commune(None)
