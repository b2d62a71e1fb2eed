"""The journal screen: every logged session, newest first, with its count; filters,
sorting, and the everyday actions on a session.

Keyboard: Ctrl+N a new session, Ctrl+Shift+N a new workshop, Enter (or a double
click) edits the highlighted one, Ctrl+D duplicates it, Delete deletes it after a
confirmation; for a few seconds afterwards "Annuler" (or Ctrl+Z) logs it again.
The journal is read a page at a time (see ActivityTableModel): sorting and filtering
ask the service again rather than rearranging what happens to be loaded.
"""
from accomp.ui.views.journal.actions import TOPIC, UNDO_BAR_STYLE
from accomp.ui.views.journal.periods import (
    ALL_DATES,
    CUSTOM_PERIOD,
    LAST_90_DAYS,
    LAST_MONTH,
    THIS_MONTH,
    THIS_YEAR,
    period_bounds,
)
from accomp.ui.views.journal.view import JournalView

__all__ = [
    "ALL_DATES",
    "CUSTOM_PERIOD",
    "LAST_90_DAYS",
    "LAST_MONTH",
    "THIS_MONTH",
    "THIS_YEAR",
    "TOPIC",
    "UNDO_BAR_STYLE",
    "JournalView",
    "period_bounds",
]
