"""The Qt binding itself must not corrupt the interpreter."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_qt_calls_returning_nothing_keep_none_alive(qtbot):
    # PySide6 6.12.0 dropped one reference to None per call of a void method; on
    # Python 3.11 the process then aborts ("none_dealloc") within minutes of use.
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("x")
    assert sys.getrefcount(None) - before > -100
