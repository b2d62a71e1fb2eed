"""At lock, nothing of the vault stays on screen: every window and dialog of the
application is hidden, in any window title or task bar entry included.

A dialog whose modal loop (`exec()`) is running is ended with `done(Rejected)`: its
loop returns as if cancelled once the lock hands control back (no question asked,
and never deleted under its caller's feet); `reject()` is not called, so a form does
not ask "abandon?" and keeps its draft. Menus and completion pop-ups close. The
unlock screen comes only once those loops have returned (see GuiSession).
"""

from __future__ import annotations

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QDialog, QWidget

# app.exec() runs the main window's loop at this level; a modal dialog's exec() one
# level deeper (test helpers that wait also run one loop, at this level).
MAIN_LOOP_LEVEL = 1


def visible_windows() -> list[QWidget]:
    """Every top-level widget of the application on screen."""
    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def hide_all_windows() -> None:
    """Hide every top-level window, end every dialog's loop, close every pop-up."""
    while (popup := QApplication.activePopupWidget()) is not None:
        popup.close()
        if popup.isVisible():  # a pop-up that refuses to close is hidden
            popup.hide()
    # Modal dialogs first (the most recent last in the list): a message box over a
    # form ends before the form.
    for widget in reversed(visible_windows()):
        if isinstance(widget, QDialog):
            widget.done(QDialog.DialogCode.Rejected.value)
        widget.hide()


def nested_in_a_modal_loop() -> bool:
    """True while the caller runs inside a dialog's or menu's own event loop."""
    return QThread.currentThread().loopLevel() > MAIN_LOOP_LEVEL
