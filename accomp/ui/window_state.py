"""Where the worker left the window: its size, position and state, and where each
splitter was dragged. Kept with QSettings in the user's configuration folder
(an INI file): a few numbers about the screen, nothing personal, nothing from the
vault, so it is shared by every vault and the demo.

A first start, or a saved geometry that no longer fits a screen, opens the window
maximised on a small screen (up to 1440×900) and at four fifths of a larger one,
centred.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSettings, Qt
from PySide6.QtWidgets import QSplitter, QWidget

ORGANISATION = "accomp"
APPLICATION = "window"
GEOMETRY_KEY = "main/geometry"
SPLITTER_PREFIX = "splitters/"
SMALL_SCREEN = (1440, 900)
SHARE = 0.8


def settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                     ORGANISATION, APPLICATION)


def _bytes(value: object) -> QByteArray | None:
    if isinstance(value, QByteArray) and not value.isEmpty():
        return value
    return None


def default_geometry(available: QRect) -> tuple[QRect, bool]:
    """(geometry, maximised) of a first start on a screen of `available` size."""
    small = available.width() <= SMALL_SCREEN[0] or available.height() <= SMALL_SCREEN[1]
    width, height = int(available.width() * SHARE), int(available.height() * SHARE)
    rect = QRect(0, 0, width, height)
    rect.moveCenter(available.center())
    return rect, small


def restore_window(window: QWidget) -> None:
    """Give `window` its saved geometry, or the first start's (before it is shown)."""
    saved = _bytes(settings().value(GEOMETRY_KEY))
    if saved is not None and window.restoreGeometry(saved):
        return
    screen = window.screen()
    rect, maximised = default_geometry(screen.availableGeometry())
    window.setGeometry(rect)
    if maximised:
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def save_window(window: QWidget) -> None:
    """Remember `window`'s geometry and every named splitter in it."""
    store = settings()
    store.setValue(GEOMETRY_KEY, window.saveGeometry())
    for splitter in window.findChildren(QSplitter):
        if splitter.objectName():
            store.setValue(SPLITTER_PREFIX + splitter.objectName(), splitter.saveState())
    store.sync()


def restore_splitter(splitter: QSplitter) -> bool:
    """Put a named splitter where it was left; False if there is nothing saved."""
    saved = _bytes(settings().value(SPLITTER_PREFIX + splitter.objectName()))
    return saved is not None and splitter.restoreState(saved)
