"""A start-up check for CI, kept out of the user's help: with the environment variable
ACCOMP_SMOKE_QUIT=1 and `--demo`, the application opens the demo vault with its
printed passphrase as soon as the unlock screen is painted, and quits with status 0
once the main window has been painted.

It proves on a real display server (Xvfb in `.ci/run`) that the platform plugin and
the system libraries it needs are there: a missing one aborts the process instead.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

ENV = "ACCOMP_SMOKE_QUIT"


def requested() -> bool:
    return os.environ.get(ENV) == "1"


class SmokeDriver(QObject):
    """Watches paint events: unlock the demo vault, then quit after the window."""

    def __init__(self, app: QCoreApplication, passphrase: str) -> None:
        super().__init__(app)
        self._app = app
        self._passphrase = passphrase
        self._unlocking = False
        self._quitting = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            from PySide6.QtWidgets import QWidget

            from accomp.ui.dialogs.unlock import UnlockDialog

            window = watched.window() if isinstance(watched, QWidget) else None
            if isinstance(window, UnlockDialog) and not self._unlocking:
                self._unlocking = True
                QTimer.singleShot(0, lambda: self._unlock(window))
            elif type(window).__name__ == "MainWindow" and not self._quitting:
                self._quitting = True
                QTimer.singleShot(0, self._app.quit)
        return False

    def _unlock(self, dialog: QObject) -> None:
        from accomp.ui.dialogs.unlock import UnlockDialog

        assert isinstance(dialog, UnlockDialog)
        dialog.secret.setText(self._passphrase)
        dialog.unlock_button.click()


def install(app: QCoreApplication, passphrase: str) -> SmokeDriver:
    driver = SmokeDriver(app, passphrase)
    app.installEventFilter(driver)
    return driver
