"""The rows under a new passphrase, the same when the vault is created and when its
passphrase is changed: the confirmation, "Afficher les caractères", the strength
meter and the hint (accomp.ui.widgets.check_new_passphrase fills the last two)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit, QProgressBar, QWidget

from accomp.domain import passphrase as policy
from accomp.ui.widgets import buddy_label, named, paragraph, secret_field, strength_meter


@dataclass(frozen=True, slots=True)
class Texts:
    """The rows' words, translated by the dialog that shows them."""

    show: str  # the check box that shows the characters
    confirm: str  # the confirmation's label, and its accessible name
    confirm_name: str
    strength: str  # the meter's label, and its accessible name
    strength_name: str


def add_new_passphrase_rows(
    form: QFormLayout, parent: QWidget, texts: Texts,
) -> tuple[QLineEdit, QCheckBox, QProgressBar, QLabel, QLabel]:
    """Add the rows to `form`: returns (confirmation field, show check box, meter,
    meter level, hint)."""
    confirmation = secret_field(policy.MAX_LENGTH, parent)
    show_chars = named(QCheckBox(texts.show, parent))
    meter, meter_level, meter_row = strength_meter(parent)
    hint = paragraph("", parent)
    form.addRow(buddy_label(texts.confirm, confirmation, accessible_name=texts.confirm_name),
                confirmation)
    form.addRow("", show_chars)
    form.addRow(buddy_label(texts.strength, meter, accessible_name=texts.strength_name),
                meter_row)
    form.addRow("", hint)
    return confirmation, show_chars, meter, meter_level, hint
