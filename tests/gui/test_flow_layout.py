"""The flow layout of the filter bars: items on one line while they fit, wrapped onto
the next when not, hidden ones taking no room (issue 14, an 800×600 screen)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from accomp.ui.flow_layout import FlowLayout, labelled


def _bar(qtbot: QtBot, width: int) -> tuple[QWidget, list[QPushButton]]:
    bar = QWidget()
    qtbot.addWidget(bar)
    flow = FlowLayout(bar)
    buttons = [QPushButton("Un bouton assez large", bar) for _ in range(4)]
    for button in buttons:
        flow.addWidget(button)
    bar.resize(width, flow.heightForWidth(width))
    bar.show()
    return bar, buttons


def test_items_wrap_when_the_line_is_full(qtbot: QtBot) -> None:
    one_wide = QPushButton("Un bouton assez large").sizeHint().width()
    bar, buttons = _bar(qtbot, one_wide * 4 + 60)
    assert len({b.y() for b in buttons}) == 1  # all on one line
    narrow = one_wide * 2 + 20
    bar.resize(narrow, bar.layout().heightForWidth(narrow))
    qtbot.waitUntil(lambda: len({b.y() for b in buttons}) == 2)
    assert all(b.geometry().right() < narrow for b in buttons)


def test_a_hidden_pair_takes_no_room(qtbot: QtBot) -> None:
    bar = QWidget()
    qtbot.addWidget(bar)
    flow = FlowLayout(bar)
    field = QPushButton("champ", bar)
    pair = labelled(QLabel("Du :", bar), field, bar)
    after = QPushButton("après", bar)
    flow.addWidget(pair)
    flow.addWidget(after)
    bar.resize(600, 40)
    bar.show()
    qtbot.waitUntil(lambda: after.x() > pair.x())
    for widget in pair.findChildren(QWidget):
        widget.hide()
    flow.invalidate()
    qtbot.waitUntil(lambda: after.x() == 0)
