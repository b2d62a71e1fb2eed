"""What the dialogs that set a new passphrase (creating the vault, changing its
passphrase) share: the rows under the new passphrase (the confirmation, "Afficher
les caractères", the strength meter and the hint, which
accomp.ui.widgets.check_new_passphrase fills), and the call that uses it, made
under the wait cursor with a known error shown in the dialog."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QWidget,
)

from accomp.domain import passphrase as policy
from accomp.domain.errors import KnownError
from accomp.ui.i18n import current_lang
from accomp.ui.widgets import (
    buddy_label,
    named,
    paragraph,
    secret_field,
    show_message,
    strength_meter,
)

T = TypeVar("T")


def add_new_passphrase_rows(
    form: QFormLayout, parent: QWidget, *, changing: bool,
) -> tuple[QLineEdit, QCheckBox, QProgressBar, QLabel, QLabel]:
    """Add the rows to `form` (`changing`: the passphrase replaces another one, and the
    names say "nouvelle"): returns (confirmation field, show check box, meter, meter
    level, hint)."""
    translate = QCoreApplication.translate
    confirmation = secret_field(policy.MAX_LENGTH, parent)
    show_chars = named(QCheckBox(translate("passphrase_form", "A&fficher les caractères"),
                                 parent))
    meter, meter_level, meter_row = strength_meter(parent)
    hint = paragraph("", parent)
    if changing:
        names = (translate("passphrase_form", "Confirmation de la nouvelle phrase de passe"),
                 translate("passphrase_form", "Solidité de la nouvelle phrase de passe"))
    else:
        names = (translate("passphrase_form", "Confirmation de la phrase de passe"),
                 translate("passphrase_form", "Solidité de la phrase de passe"))
    confirm_label = translate("passphrase_form", "C&onfirmation :")
    form.addRow(buddy_label(confirm_label, confirmation, accessible_name=names[0]), confirmation)
    form.addRow("", show_chars)
    strength_label = translate("passphrase_form", "Solidité :")
    form.addRow(buddy_label(strength_label, meter, accessible_name=names[1]), meter_row)
    form.addRow("", hint)
    return confirmation, show_chars, meter, meter_level, hint


def call_waiting(error: QLabel, call: Callable[[], T]) -> T | KnownError:
    """Run `call` under the wait cursor, `error` emptied first. A KnownError is shown
    in `error` (in the interface's language) and returned, not raised; anything else
    is raised, the cursor restored."""
    show_message(error, "")
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return call()
    except KnownError as err:
        show_message(error, err.message(current_lang()))
        return err
    finally:
        QApplication.restoreOverrideCursor()
