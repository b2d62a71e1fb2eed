"""Ending the GUI cleanly on SIGTERM, SIGINT or SIGHUP (`kill`, Ctrl+C in the
terminal, the terminal closed)."""

from __future__ import annotations

import logging
import signal
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer

log = logging.getLogger("accomp.app")


class SignalStop:
    """SIGTERM, SIGINT (and SIGHUP) end the GUI the way closing it does: the vault
    is locked and the demo's temporary folder removed, instead of the process dying
    where it stands.

    Before any event loop runs (the demo vault being filled), the handler raises
    SystemExit, which unwinds through the `finally` that removes the folder. Once
    the dialogs and the window run, Python code only runs when Qt calls it: a timer
    gives the handler a chance several times a second, and every event loop running
    (a modal dialog's included) is then asked to end."""

    POLL_MS = 200

    def __init__(self, app: QCoreApplication) -> None:
        self.app = app
        self.received: int | None = None
        self._looping = False
        self._timer = QTimer()
        self._timer.timeout.connect(self._poll)
        self._previous: dict[int, Any] = {}
        for name in ("SIGTERM", "SIGINT", "SIGHUP"):
            signum = getattr(signal, name, None)
            if signum is not None:
                self._previous[signum] = signal.signal(signum, self._handle)

    @property
    def status(self) -> int:
        return 128 + self.received if self.received is not None else 0

    def in_event_loops(self) -> None:
        self._looping = True
        self._timer.start(self.POLL_MS)

    def _handle(self, signum: int, _frame: object) -> None:
        log.info("stopped by signal %d", signum)
        self.received = signum
        if not self._looping:
            raise SystemExit(self.status)
        self._poll()

    def _poll(self) -> None:
        if self.received is not None:
            self.app.exit(self.status)

    def restore(self) -> None:
        self._timer.stop()
        for signum, previous in self._previous.items():
            signal.signal(signum, previous)
