"""Log a session: the form of the CRA, individual or collective, made to be filled
from the keyboard in a few seconds.

The form only collects what was typed; the service decides. On Save it calls
`activities.log_activity` (or `update_activity`); a refusal (KnownError) is written
next to the field it names and that field takes the focus; nothing is written then
(the service is one transaction). Defaults come from the worker's habits
(accomp.ui.prefs): the usual place and duration.

Keyboard: Tab follows the page from top to bottom, lists search as you type
(accents ignored), Enter picks in a list, Ctrl+S saves from anywhere, Enter on the
Save button saves, Escape cancels (after asking, if something was typed).
"""

from accomp.ui.views.activity_form.dialog import ActivityDialog
from accomp.ui.views.activity_form.form import ActivityForm
from accomp.ui.views.activity_form.kinds import (
    COLLECTIVE,
    CUSTOM_DURATION,
    INDIVIDUAL,
    MANAGED_FIELDS,
    TOPIC,
)

__all__ = [
    "COLLECTIVE",
    "CUSTOM_DURATION",
    "INDIVIDUAL",
    "MANAGED_FIELDS",
    "TOPIC",
    "ActivityDialog",
    "ActivityForm",
]
