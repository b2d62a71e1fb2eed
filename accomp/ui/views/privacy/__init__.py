"""The "Protection des données" page: page.py holds the tabs, one module each
(retention, journal, backups, register); the words of the audit journal are in
accomp.ui.audit_labels. The names the window, the application and the tests import
are re-exported here."""

from accomp.ui.audit_labels import ACTION_LABELS, ACTION_PREFIXES, action_label, details_text
from accomp.ui.views.privacy.page import PrivacyPage

__all__ = [
    "ACTION_LABELS",
    "ACTION_PREFIXES",
    "PrivacyPage",
    "action_label",
    "details_text",
]
