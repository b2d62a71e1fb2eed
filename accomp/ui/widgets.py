"""Small helpers shared by the dialogs: labelled fields, secret fields, inline
messages, the demo marker."""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QWidget,
)

B = TypeVar("B", bound=QAbstractButton)

# Two Qt enum values the unlock screen needs, written through Qt's property system
# (QObject.setProperty) as plain numbers: touching PySide's `Qt` namespace builds its
# ~90 Python enums (~25 ms), which the unlock screen can do without before it is first
# painted. tests/gui/test_widgets.py checks them against the Qt.* values.
PLAIN_TEXT = 0  # Qt.TextFormat.PlainText
# Qt.InputMethodHint: ImhHiddenText | ImhSensitiveData | ImhNoAutoUppercase |
# ImhNoPredictiveText — no prediction, no learning, no capitalisation of a secret.
SECRET_INPUT_HINTS = 0x1 | 0x2 | 0x4 | 0x40


def _set(widget: QWidget, name: str, value: int) -> None:
    if not widget.setProperty(name, value):
        raise RuntimeError(f"Qt property {name} not set")


# Dark red readable on a light background (contrast 6.5:1 on white).
ERROR_COLOR = "#b3261e"


def plain_text(label_text: str) -> str:
    """A label's text without its mnemonic "&" and trailing colon, for accessible names."""
    text = label_text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.rstrip().rstrip(":").rstrip()


def buddy_label(
    text: str, widget: QWidget, *, accessible_name: str | None = None, parent: QWidget | None = None
) -> QLabel:
    """A visible label for `widget` (its buddy: Alt+mnemonic focuses the widget), and the
    widget's accessible name taken from it."""
    label = QLabel(text, parent)
    label.setBuddy(widget)
    widget.setAccessibleName(accessible_name or plain_text(text))
    return label


def secret_field(max_length: int, parent: QWidget | None = None) -> QLineEdit:
    """A line edit for a passphrase or a recovery code: hidden, no prediction, no drag."""
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(max_length)
    field.setDragEnabled(False)
    _set(field, "inputMethodHints", SECRET_INPUT_HINTS)
    return field


def set_secret_visible(fields: list[QLineEdit], visible: bool) -> None:
    mode = QLineEdit.EchoMode.Normal if visible else QLineEdit.EchoMode.Password
    for field in fields:
        field.setEchoMode(mode)


def named(widget: B, name: str | None = None) -> B:
    """Give a button or check box an explicit accessible name: `name`, or by default its
    own text without the mnemonic (so that every focusable control has one)."""
    widget.setAccessibleName(plain_text(name if name is not None else widget.text()))
    return widget


def message_label(parent: QWidget | None = None) -> QLabel:
    """An inline message under a form: word-wrapped, hidden while empty."""
    label = QLabel(parent)
    label.setWordWrap(True)
    _set(label, "textFormat", PLAIN_TEXT)
    label.setVisible(False)
    return label


def show_message(label: QLabel, text: str, *, error: bool = True, announce: bool = True) -> None:
    """Show `text` in an inline message label (red for an error), and have screen
    readers announce it. Empty text hides the label."""
    label.setStyleSheet(f"color: {ERROR_COLOR};" if error else "")
    label.setText(text)
    label.setVisible(bool(text))
    if text and announce and QAccessible.isActive():
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(label, text))


def heading(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.3)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def paragraph(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    _set(label, "textFormat", PLAIN_TEXT)
    return label


def demo_marker(parent: QWidget | None = None) -> QLabel:
    """A visible "DÉMO" badge: this window works on fictitious data."""
    from PySide6.QtCore import Qt

    label = QLabel(QCoreApplication.translate("widgets", "DÉMO"), parent)
    label.setAccessibleName(
        QCoreApplication.translate("widgets", "Mode démonstration : données fictives")
    )
    label.setToolTip(label.accessibleName())
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setStyleSheet(
        "background: #8a4b00; color: white; font-weight: bold; padding: 2px 8px;"
        " border-radius: 3px;"
    )
    return label


def qdate(day: dt.date) -> QDate:
    """A Python date as a QDate (the binding's typing has no such constructor)."""
    return QDate(day.year, day.month, day.day)


# Strength meter colours, from "very weak" to "strong enough"; the level is also
# written next to the bar, so colour is never the only sign.
METER_COLORS = ("#c62828", "#e65100", "#f9a825", "#9e9d24", "#2e7d32")


def strength_meter(parent: QWidget) -> tuple[QProgressBar, QLabel, QHBoxLayout]:
    """A passphrase strength bar (0-4) with its level in words beside it."""
    from PySide6.QtCore import Qt

    bar = QProgressBar(parent)
    bar.setRange(0, 4)
    bar.setTextVisible(False)
    bar.setMaximumHeight(12)
    bar.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    level = QLabel(parent)
    level.setMinimumWidth(level.fontMetrics().horizontalAdvance("M" * 11))
    row = QHBoxLayout()
    row.addWidget(bar, 1)
    row.addWidget(level)
    return bar, level, row


def check_new_passphrase(bar: QProgressBar, level: QLabel, text: str,
                         confirmation: str) -> tuple[bool, str]:
    """For a new passphrase typed twice (creating the vault, changing the passphrase):
    show its strength on the meter; return whether it can be used (strong enough, and
    confirmed) and the hint to show under the fields."""
    from accomp.domain import passphrase as policy
    from accomp.ui.labels import current_lang

    assessment = policy.assess(text)
    levels = (
        QCoreApplication.translate("widgets", "Très faible"),
        QCoreApplication.translate("widgets", "Faible"),
        QCoreApplication.translate("widgets", "Moyenne"),
        QCoreApplication.translate("widgets", "Presque suffisante"),
        QCoreApplication.translate("widgets", "Suffisante"),
    )
    show_strength(bar, level, assessment.score, levels[assessment.score])
    if not assessment.ok:
        hint = policy.describe(assessment.problems[0], current_lang())
    elif not confirmation or (confirmation != text and text.startswith(confirmation)):
        hint = QCoreApplication.translate(
            "widgets", "Phrase de passe suffisante. Saisissez-la une seconde fois.")
    elif confirmation != text:
        hint = QCoreApplication.translate("widgets", "Les deux saisies ne correspondent pas.")
    else:
        hint = QCoreApplication.translate(
            "widgets", "Phrase de passe suffisante, et les deux saisies correspondent.")
    return assessment.ok and confirmation == text, hint


def show_strength(bar: QProgressBar, level: QLabel, score: int, level_name: str) -> None:
    bar.setValue(score)
    level.setText(level_name)
    bar.setAccessibleDescription(level_name)
    bar.setStyleSheet(
        "QProgressBar { border: 1px solid #8a8a8a; border-radius: 3px; background: #eeeeee; }"
        f" QProgressBar::chunk {{ background-color: {METER_COLORS[score]}; }}"
    )
