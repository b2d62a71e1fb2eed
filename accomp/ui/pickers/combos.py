"""Drop-down lists searched by typing, and a date or a duration typed section by
section that Tab leaves at once."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, QElapsedTimer, Qt, QTime
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QDateEdit, QTimeEdit, QWidget

from accomp.domain.text import fold
from accomp.domain.vocab import vocabulary
from accomp.ui import labels
from accomp.ui.pickers.matching import KeyRole, best_match


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
