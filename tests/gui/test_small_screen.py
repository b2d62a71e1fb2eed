"""The main window maximised on a small screen (800×600): on every page, and every tab
of a page, each visible control can be reached — it lies on the screen, or inside a
scroll area whose viewport is on the screen and can scroll to it. In French and in
English (issue 14).

The offscreen platform's screen is 800×800 and one process has one: the window is given
the geometry a maximised window has on an 800×600 screen, and must keep it (its minimum
size fits), and that rectangle stands for the screen."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import interface_in
from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTabWidget,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from accomp.services import beneficiaries
from accomp.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (raise|grabbing)")

SMALL = (800, 600)
CONTROLS = (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit,
            QPlainTextEdit, QTextEdit)


def _global(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size())


def _scroll_area(widget: QWidget) -> QScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea) and parent.widget() is not None and (
                parent.widget().isAncestorOf(widget)):
            return parent
        parent = parent.parentWidget()
    return None


def _reachable(widget: QWidget, screen: QRect) -> bool:
    """On the screen, or in a scroll area on the screen that can bring it into view."""
    area = _scroll_area(widget)
    if area is None:
        return screen.contains(_global(widget))
    if not _reachable(area.viewport(), screen):
        return False
    inner = area.widget()
    spot = QRect(widget.mapTo(inner, widget.rect().topLeft()), widget.size())
    view = area.viewport().rect()
    bars = (area.horizontalScrollBar(), area.verticalScrollBar())
    # The viewport, moved as far as the scroll bars go, covers the control.
    reach = QRect(0, 0, view.width() + bars[0].maximum(), view.height() + bars[1].maximum())
    return reach.contains(spot)


def out_of_reach(window: QWidget, screen: QRect) -> list[str]:
    names = []
    for control in window.findChildren(QWidget):
        if not isinstance(control, CONTROLS) or not control.isVisible():
            continue
        if control.width() <= 0 or control.height() <= 0:
            continue
        if not _reachable(control, screen):
            label = (control.accessibleName() or getattr(control, "text", lambda: "")()
                     or control.objectName())
            names.append(f"{type(control).__name__} {label!r} at {_global(control)}")
    return names


def _walk(window: MainWindow, qtbot: QtBot, qapp: Any, lang: str,
          person_id: int) -> dict[str, list[str]]:
    screen = QRect(window.mapToGlobal(window.rect().topLeft()), window.size())
    assert (screen.width(), screen.height()) == SMALL  # the window's minimum fits
    problems: dict[str, list[str]] = {}
    for index in range(MainWindow.PAGE_PRIVACY + 1):
        window.show_page(index)
        page = window.pages.currentWidget()
        if index == MainWindow.PAGE_BENEFICIARIES:  # with a person's file open
            page.show_beneficiary(person_id)
        busy = getattr(page, "is_busy", None)
        if callable(busy):
            qtbot.waitUntil(lambda b=busy: not b(), timeout=10000)
        qapp.processEvents()
        tabs = [t for t in page.findChildren(QTabWidget) if t.isVisible()] or [None]
        for tab_widget in tabs:
            for tab in range(tab_widget.count() if tab_widget is not None else 1):
                if tab_widget is not None:
                    tab_widget.setCurrentIndex(tab)
                qapp.processEvents()
                where = f"{lang} page {index}" + (f" tab {tab}" if tab_widget else "")
                found = out_of_reach(window, screen)
                if window.size().toTuple() != SMALL:  # grown past the screen
                    found.append(f"window {window.size().toTuple()}")
                if found:
                    problems[where] = found
    return problems


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_page_is_usable_maximised_on_an_800_by_600_screen(
    qtbot: QtBot, qapp: Any, vault: Any, lang: str
) -> None:
    person = beneficiaries.create_beneficiary(vault, {
        "first_name": "Jean", "last_name": "Moreau", "legal_basis": "MissionInteretPublic",
        "informed_on": "2026-01-05"}, today=dt.date(2026, 3, 2))
    with interface_in(qapp, lang):
        window = MainWindow(vault)
        qtbot.addWidget(window)
        window.setGeometry(0, 0, *SMALL)
        window.show()
        qtbot.waitExposed(window)
        problems = _walk(window, qtbot, qapp, lang, person.id)
        window.close()
    assert not problems, "\n".join(
        f"{where}: {control}" for where, found in problems.items() for control in found)
