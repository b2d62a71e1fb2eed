"""The "Protection des données" page (see page.py), with the names the window, the
application and the tests use."""

from accomp.ui.views.privacy.page import (
    ACTION_LABELS,
    ACTION_PREFIXES,
    PrivacyPage,
    action_label,
    details_text,
    retention_reminder,
)

__all__ = [
    "ACTION_LABELS",
    "ACTION_PREFIXES",
    "PrivacyPage",
    "action_label",
    "details_text",
    "retention_reminder",
]
