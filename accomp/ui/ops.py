"""Run a service call from the interface.

Every screen calls services through `run()`: a KnownError (the user's or the
environment's doing) is shown plainly in the interface language; anything else is a
bug, logged with its traceback for the developer and shown as "Erreur inattendue"
without any detail that could carry personal data. On success the topic of the
change is announced on the process-wide `changes()` object, and each screen that
shows that kind of data refreshes itself: no screen reaches into another.

Topics: "activities", "beneficiaries", "consents", "settings", "vault".
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from accomp.domain.errors import KnownError
from accomp.ui.labels import current_lang

log = logging.getLogger("accomp.ui")

T = TypeVar("T")


class Changes(QObject):
    """Announces that data of one kind changed; screens listen to `changed`."""

    changed = Signal(str)


_changes: Changes | None = None


def changes() -> Changes:
    """The process-wide change notifier (created on first use, in the GUI thread)."""
    global _changes
    if _changes is None:
        _changes = Changes()
    return _changes


@dataclass(frozen=True, slots=True)
class Outcome(Generic[T]):
    """What `run()` did: `ok` and the call's result (None when it failed).
    Truthy when it succeeded, so `if ops.run(...): dialog.accept()` reads well."""

    ok: bool
    value: T | None = None

    def __bool__(self) -> bool:
        return self.ok


TITLE = "accomp"


def run(
    parent: QWidget | None,
    fn: Callable[..., T],
    *args: Any,
    topic: str | None = None,
    **kwargs: Any,
) -> Outcome[T]:
    """Call `fn(*args, **kwargs)`; show any failure to the user; on success emit
    `changes().changed(topic)` when a topic is given (reads pass none)."""
    try:
        value = fn(*args, **kwargs)
    except Exception as exc:
        show_error(parent, exc, action=getattr(fn, "__qualname__", "call"))
        return Outcome(False)
    if topic is not None:
        changes().changed.emit(topic)
    return Outcome(True, value)


def show_error(parent: QWidget | None, exc: BaseException, *, action: str = "") -> None:
    """Show a failure: a KnownError as its own message, anything else as a bug."""
    note_error(exc, action=action)
    if isinstance(exc, KnownError):
        QMessageBox.warning(parent, TITLE, exc.message(current_lang()))
    else:
        # A literal in translate() itself, so that lupdate finds it.
        text = QCoreApplication.translate(
            "ops",
            "Erreur inattendue : l'opération n'a pas abouti.\n"
            "Le détail technique a été noté dans le journal de l'application. "
            "Si cela se reproduit, signalez-le à votre référent.",
        )
        QMessageBox.critical(parent, TITLE, text)


def note_error(exc: BaseException, *, action: str = "") -> None:
    """Log a failure without showing it: a KnownError by its code, a bug with its
    traceback (for developers; the user never sees the exception's text, which may
    echo what was typed)."""
    if isinstance(exc, KnownError):
        log.info("refused: %s (%s)", exc.code, action or "-")
    else:
        log.error("unexpected error in %s", action or "-", exc_info=exc)
