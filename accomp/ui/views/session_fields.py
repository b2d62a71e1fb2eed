"""The structure's custom fields on a session: a button on the session dialog's
button line ("Champs (1)…", next to the tags, so that the form keeps its height)
opens a small dialog with a line per field. What is chosen is kept with the
dialog (and its draft) and written after the session itself is saved
(services.custom_fields.set_session_values): a refusal is shown, the session
stays saved. The button is hidden while the structure defines no field."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from accomp.domain.clock import instant
from accomp.services import custom_fields
from accomp.services.custom_fields import TOPIC, FieldInfo
from accomp.store.vault import Vault
from accomp.ui import ops
from accomp.ui.views.custom_fields import add_editors, editor_values, fields_of


class SessionFieldsDialog(QDialog):
    """A line per field of the structure, showing a session's values."""

    def __init__(self, fields: list[FieldInfo], values: dict[int, str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionFieldsDialog")
        self.setWindowTitle(self.tr("Champs de la structure"))
        self.text = QLabel(self.tr(
            "Une séance compte dans « champ = valeur » si elle porte la valeur ou si le "
            "dossier de sa personne la porte."), self)
        self.text.setWordWrap(True)
        form = QFormLayout()
        self.editors = add_editors(self, form, fields, values, self.tr("%1 :"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Valider"))
        ok.setAccessibleName(self.tr("Valider les champs de la séance"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Annuler"))
        cancel.setAccessibleName(self.tr("Annuler"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.text)
        box.addLayout(form)
        box.addWidget(self.buttons)
        for before, after in itertools.pairwise([*self.editors.values(), ok, cancel]):
            QWidget.setTabOrder(before, after)
        if self.editors:
            next(iter(self.editors.values())).setFocus()

    def values(self) -> dict[int, str | None]:
        return editor_values(self.editors)

    @classmethod
    def ask(cls, parent: QWidget | None, fields: list[FieldInfo],
            values: dict[int, str]) -> dict[int, str | None] | None:
        """The values chosen, or None when cancelled."""
        dialog = cls(fields, values, parent)
        try:
            return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


class SessionFieldsButton(QPushButton):
    """"Champs…" ("Champs (2)…" once two are set) on the session dialog's button
    line; `save(activity_id)` writes what was chosen."""

    def __init__(self, vault: Vault, activity_id: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self.setObjectName("sessionFields")
        self.setAutoDefault(False)
        self.fields = fields_of(self, vault)
        self._values: dict[int, str] = {}
        self._touched = False
        if activity_id is not None and self.fields:
            read = ops.run(self, custom_fields.session_values, vault, activity_id)
            self._values = dict(read.value or {}) if read else {}
        self.clicked.connect(self.edit)
        self._retranslate()
        self.setVisible(bool(self.fields))

    def values(self) -> dict[int, str]:
        return dict(self._values)

    def set_values(self, values: dict[int, str | None]) -> None:
        self._values = {f: v for f, v in values.items() if v}
        self._touched = True
        self._retranslate()

    def edit(self) -> bool:
        """Open the fields' dialog; True when the values were validated."""
        chosen = SessionFieldsDialog.ask(self.window(), self.fields, self._values)
        if chosen is None:
            return False
        self.set_values(chosen)
        return True

    def _retranslate(self) -> None:
        n = len(self._values)
        self.setText(self.tr("Champs (%1)…").replace("%1", str(n)) if n
                     else self.tr("Champs…"))
        self.setAccessibleName(self.tr("Champs de la structure de la séance"))
        self.setToolTip(self.tr("Les champs personnalisés de la structure pour cette séance"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def draft(self) -> dict[str, Any]:
        """What was chosen, kept in the session's draft (only once changed)."""
        return {str(f): v for f, v in self._values.items()} if self._touched else {}

    def restore(self, kept: object) -> None:
        """Show a draft's values again (nothing if it has none)."""
        if isinstance(kept, dict) and kept:
            known = {f.id for f in self.fields}
            self.set_values({int(f): str(v) for f, v in kept.items()
                             if str(f).isdigit() and int(f) in known and v})

    def save(self, activity_id: int, *, today: dt.date | None = None) -> bool:
        """Write the values chosen (every field: one emptied is removed), when they
        were changed; shows a refusal. `today` is the dialog's clock."""
        if not self._touched:
            return True
        now = instant(today) if today is not None else None
        values: dict[int, str | None] = {f.id: self._values.get(f.id) for f in self.fields}
        return bool(ops.run(self.window(), custom_fields.set_session_values, self._vault,
                            activity_id, values, topic=TOPIC, now=now))
