"""Idle lock: after some minutes without keyboard or mouse input, ask to lock.

An event filter on the application sees every input event before any widget does,
so typing in a dialog counts as activity just like clicking in the main window. It is
installed only while the watcher runs (the vault unlocked): a Python filter costs a
call for every event of every widget.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

DEFAULT_MINUTES = 5
MIN_MINUTES, MAX_MINUTES = 1, 15

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
    }
)


class IdleWatcher(QObject):
    """Emits `timed_out` once the interval passes without input; `start()` re-arms."""

    timed_out = Signal()

    def __init__(self, minutes: int = DEFAULT_MINUTES, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._expire)
        self.set_minutes(minutes)
        self._installed = False

    def set_minutes(self, minutes: int) -> None:
        minutes = max(MIN_MINUTES, min(MAX_MINUTES, int(minutes)))
        self.set_interval_ms(minutes * 60_000)

    def set_interval_ms(self, ms: int) -> None:
        """Exact interval; the settings go through set_minutes (tests shorten it here)."""
        self._timer.setInterval(ms)
        if self._timer.isActive():
            self._timer.start()

    def interval_ms(self) -> int:
        return self._timer.interval()

    def start(self) -> None:
        app = QApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._remove_filter()

    def _remove_filter(self) -> None:
        app = QApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
        self._installed = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS and self._timer.isActive():
            self._timer.start()
        return False

    def _expire(self) -> None:
        self.timed_out.emit()

    def uninstall(self) -> None:
        self.stop()
