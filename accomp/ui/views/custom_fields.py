"""Custom fields on screen: Paramètres › Champs personnalisés (define a short text
or a choice list), the file's "Champs de la structure" box (set them), and the
journal's filter on a choice (services.custom_fields). Each reads the fields again
when they change (topic "custom_fields")."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from accomp.domain.custom_fields import (
    CHOICE_MAX,
    MAX_CHOICES,
    MIN_CHOICES,
    NAME_MAX,
    TEXT_MAX,
    Kind,
)
from accomp.domain.errors import KnownError
from accomp.services import custom_fields
from accomp.services.custom_fields import TOPIC, FieldInfo
from accomp.store.vault import Vault
from accomp.ui import ops
from accomp.ui.views.list_section import ListSection
from accomp.ui.widgets import named

CHOICE_SEPARATOR = ";"


def fields_of(parent: QWidget, vault: Vault) -> list[FieldInfo]:
    if vault.is_locked:
        return []
    found = ops.run(parent, custom_fields.list_fields, vault)
    return list(found.value or []) if found else []


def add_editors(parent: QWidget, form: QFormLayout, fields: list[FieldInfo],
                values: dict[int, str], label: str) -> dict[int, QLineEdit | QComboBox]:
    """A labelled editor per field in `form` (a list with an empty choice, or a
    short text), showing `values`; `label` is the label's pattern ("%1 :", the
    caller's translation); field id -> editor."""
    editors: dict[int, QLineEdit | QComboBox] = {}
    for field in fields:
        editor: QLineEdit | QComboBox
        if field.kind == Kind.CHOICE:
            editor = QComboBox(parent)
            editor.addItem("", None)
            for choice in field.choices:
                editor.addItem(choice, choice)
            editor.setCurrentIndex(max(editor.findData(values.get(field.id)), 0))
        else:
            editor = QLineEdit(values.get(field.id, ""), parent)
            editor.setMaxLength(TEXT_MAX)
        editor.setAccessibleName(field.name)
        text = QLabel(label.replace("%1", field.name), parent)
        text.setBuddy(editor)
        form.addRow(text, editor)
        editors[field.id] = editor
    return editors


def editor_values(editors: dict[int, QLineEdit | QComboBox]) -> dict[int, str | None]:
    """field id -> what an editor holds (None: an empty choice)."""
    return {field_id: (editor.currentData() if isinstance(editor, QComboBox) else editor.text())
            for field_id, editor in editors.items()}


class FieldSettingsBox(ListSection):
    """The structure's custom fields: a list, a name, a kind, the choices of a list,
    Ajouter / Renommer / Supprimer."""

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(vault, parent, topic=TOPIC, prefix="customField", list_height=110,
                         name_max=NAME_MAX)
        self._known: list[FieldInfo] = []
        self.kind = QComboBox(self)
        self.kind.setObjectName("customFieldKind")
        self.kind.addItem("", str(Kind.TEXT))
        self.kind.addItem("", str(Kind.CHOICE))
        self.kind_label = QLabel(self)
        self.kind_label.setBuddy(self.kind)
        self.choices = QLineEdit(self)
        self.choices.setObjectName("customFieldChoices")
        self.choices_label = QLabel(self)
        self.choices_label.setBuddy(self.choices)
        form = QFormLayout()
        form.addRow(self.name_label, self.name)
        form.addRow(self.kind_label, self.kind)
        form.addRow(self.choices_label, self.choices)
        buttons = QHBoxLayout()
        for button in self.buttons():
            buttons.addWidget(button)
        buttons.addStretch(1)
        self._finish(form, buttons)
        self.kind.currentIndexChanged.connect(self._on_kind)
        self._on_kind()

    def _editors(self) -> list[QWidget]:
        return [self.kind, self.choices]

    def _retranslate(self) -> None:
        self.setTitle(self.tr("Champs personnalisés"))
        self.text.setText(self.tr(
            "Quelques champs propres à la structure (un texte court ou une liste de "
            "choix) se remplissent dans le dossier de la personne et dans une séance ; "
            "le journal, le tableau de bord et la synthèse peuvent filtrer sur un choix "
            "(la synthèse protège alors les petits groupes). Leurs valeurs concernent la "
            "personne : elles disparaissent avec son dossier. Renommer : choisissez le "
            "champ, corrigez son nom et ses choix dans le même ordre."))
        self.list_label.setText(self.tr("Champs déf&inis :"))
        self.list.setAccessibleName(self.tr("Champs personnalisés existants"))
        self.name_label.setText(self.tr("No&m du champ :"))
        self.name.setAccessibleName(self.tr("Nom du champ"))
        self.kind_label.setText(self.tr("T&ype :"))
        self.kind.setAccessibleName(self.tr("Type du champ"))
        self.kind.setItemText(0, self.tr("Texte court"))
        self.kind.setItemText(1, self.tr("Liste de choix"))
        self.choices_label.setText(self.tr("Choix (séparés &par « ; ») :"))
        self.choices.setAccessibleName(
            self.tr("Choix de la liste, séparés par des points-virgules"))
        named(self.add_button, self.tr("Ajouter le champ")).setText(self.tr("Ajouter"))
        named(self.delete_button, self.tr("Supprimer le champ")).setText(self.tr("Supprimer"))
        named(self.rename_button, self.tr("Renommer le champ et ses choix")).setText(
            self.tr("Renommer"))
        self.reload()  # the list's labels are words too

    def _items(self) -> list[tuple[int, str]]:
        self._known = fields_of(self, self._vault)
        return [(field.id, field.name if field.kind == Kind.TEXT else
                 self.tr("%1 (choix : %2)").replace("%1", field.name)
                 .replace("%2", ", ".join(field.choices)))
                for field in self._known]

    def clear_sensitive(self) -> None:
        super().clear_sensitive()
        self.choices.clear()

    def _on_kind(self, *_: object) -> None:
        is_choice = self.kind.currentData() == str(Kind.CHOICE)
        self.choices.setEnabled(is_choice)

    def _on_current(self, *_: object) -> None:
        super()._on_current()
        field = next((f for f in self._known if f.id == self.current_id()), None)
        if field is not None:  # ready to be renamed
            self.name.setText(field.name)
            self.kind.setCurrentIndex(max(self.kind.findData(str(field.kind)), 0))
            self.choices.setText(f" {CHOICE_SEPARATOR} ".join(field.choices))

    def rename(self) -> bool:
        """Rename the chosen field with the name typed and, for a list, its choices
        typed in the same order (a choice can be renamed, not added nor removed)."""
        field = next((f for f in self._known if f.id == self.current_id()), None)
        if field is None:
            return False
        typed = [c.strip() for c in self.choices.text().split(CHOICE_SEPARATOR)]
        renamed: dict[str, str] = {}
        if field.kind == Kind.CHOICE:
            if len(typed) != len(field.choices):
                ops.show_error(self, KnownError(
                    "custom_field_choices", "custom_field", min=MIN_CHOICES, max=MAX_CHOICES,
                    length=CHOICE_MAX), action="custom field rename")
                return False
            renamed = {old: new for old, new in zip(field.choices, typed, strict=True)
                       if old != new}
        return bool(ops.run(self, custom_fields.rename_field, self._vault, field.id,
                            self.name.text(), renamed, topic=TOPIC))

    def add(self) -> bool:
        kind = str(self.kind.currentData())
        choices = ([c for c in self.choices.text().split(CHOICE_SEPARATOR)]
                   if kind == str(Kind.CHOICE) else [])
        done = ops.run(self, custom_fields.create_field, self._vault, self.name.text(), kind,
                       choices, topic=TOPIC)
        if done:
            self.name.clear()
            self.choices.clear()
        return bool(done)

    def _delete_question(self) -> tuple[str, str]:
        return (self.tr("Supprimer le champ"),
                self.tr("Supprimer ce champ ? Ses valeurs seront effacées de tous les dossiers."))

    def _remove(self, item_id: int) -> bool:
        return bool(ops.run(self, custom_fields.delete_field, self._vault, item_id,
                            topic=TOPIC))


class FileFieldsBox(QGroupBox):
    """The structure's fields in a person's file: a line per field (a text field, or
    a list with an empty choice), saved with one button."""

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self._person: int | None = None
        self.setObjectName("fileCustomFields")
        self.editors: dict[int, QLineEdit | QComboBox] = {}
        self.form = QFormLayout()
        self.save_button = QPushButton(self)
        self.save_button.setAutoDefault(False)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        box = QVBoxLayout(self)
        box.addLayout(self.form)
        box.addLayout(row)
        self._retranslate()
        self.save_button.clicked.connect(self.save)
        ops.changes().changed.connect(self._on_changed)
        self.setVisible(False)

    def focus_chain(self) -> list[QWidget]:
        return [*self.editors.values(), self.save_button]

    def _retranslate(self) -> None:
        self.setTitle(self.tr("Champs de la structure"))
        named(self.save_button, self.tr("Enregistrer les champs de la structure")).setText(
            self.tr("Enregistrer les champs"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self.show_person(self._person)
        super().changeEvent(event)

    def _on_changed(self, topic: str) -> None:
        if topic == TOPIC:
            self.show_person(self._person)

    def show_person(self, beneficiary_id: int | None) -> None:
        """The fields of a file with its values; None empties the box (the file was
        closed, or the vault is being locked)."""
        self._person = beneficiary_id
        while self.form.rowCount():
            self.form.removeRow(0)
        self.editors = {}
        if beneficiary_id is None or self._vault.is_locked:
            self.setVisible(False)
            return
        fields = fields_of(self, self._vault)
        read = ops.run(self, custom_fields.file_values, self._vault, beneficiary_id)
        values = dict(read.value or {}) if read else {}
        self.editors = add_editors(self, self.form, fields, values, self.tr("%1 :"))
        chain = [*self.editors.values(), self.save_button]
        for before, after in itertools.pairwise(chain):
            self.setTabOrder(before, after)
        self.setVisible(bool(fields))

    def values(self) -> dict[int, str | None]:
        return editor_values(self.editors)

    def save(self) -> bool:
        if self._person is None:
            return False
        return bool(ops.run(self, custom_fields.set_file_values, self._vault, self._person,
                            self.values(), topic=TOPIC))


class FieldValueFilterCombo(QComboBox):
    """"Tous les champs", then each choice of each choice field ("Quartier
    prioritaire : Oui"): `choice()` is the (field id, value) chosen. With
    `hide_when_empty` (the dashboard, the summary), hidden while no choice field
    exists."""

    def __init__(self, vault: Vault, parent: QWidget | None = None, *,
                 hide_when_empty: bool = False) -> None:
        super().__init__(parent)
        self._vault = vault
        self._hide_when_empty = hide_when_empty
        self.setObjectName("customFieldFilter")
        self.addItem("", None)
        self._retranslate()
        self.reload()
        ops.changes().changed.connect(self._on_changed)

    def _retranslate(self) -> None:
        self.setItemText(0, self.tr("Tous les champs"))
        self.setAccessibleName(self.tr("Champ personnalisé"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def choice(self) -> tuple[int | None, str | None]:
        value = self.currentData()
        if value is None:
            return None, None
        field_id, text = str(value).split(":", 1)
        return int(field_id), text

    def value(self) -> tuple[int, str] | None:
        """The (field id, value) chosen, or None for every session."""
        field_id, text = self.choice()
        return None if field_id is None or text is None else (field_id, text)

    def filters(self) -> dict[str, object]:
        """The choice as an output's filters (nothing when none is chosen)."""
        chosen = self.value()
        return {} if chosen is None else {"custom_field": chosen[0], "custom_value": chosen[1]}

    def reload(self) -> None:
        chosen = self.currentData()
        self.blockSignals(True)
        while self.count() > 1:
            self.removeItem(1)
        for field in fields_of(self, self._vault):
            for value in field.choices:
                self.addItem(f"{field.name} : {value}", f"{field.id}:{value}")
        index = self.findData(chosen) if chosen is not None else 0
        self.setCurrentIndex(max(index, 0))
        self.blockSignals(False)
        if self._hide_when_empty:
            self.setVisible(self.count() > 1)
        if chosen is not None and index < 0:  # the chosen field was deleted
            self.currentIndexChanged.emit(0)

    def _on_changed(self, topic: str) -> None:
        if topic == TOPIC and not self._vault.is_locked:
            self.reload()
