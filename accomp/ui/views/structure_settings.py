"""Paramètres › Structure: the structure's name and the worker's own name, printed on
the documents handed to people, and the structure's type in the national tool's
typology (services.structure). Each is saved when it is left, and said saved by the
page (`saved`)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLineEdit, QWidget

from accomp.services import structure
from accomp.services.vaults import Vault
from accomp.ui import ops
from accomp.ui.fit import narrow_combos
from accomp.ui.pickers import VocabCombo
from accomp.ui.widgets import buddy_label, paragraph

TOPIC = "settings"


def show_name(field: QLineEdit, name: str) -> None:
    """Put `name` in `field` without it counting as typed, its start in view."""
    field.blockSignals(True)
    field.setText(name)
    field.setCursorPosition(0)
    field.blockSignals(False)


class StructureSettingsBox(QGroupBox):
    """The structure's name, the worker's name and the structure's type."""

    saved = Signal()

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self._active = True
        self.structure_name = QLineEdit(self)
        self.structure_name.setObjectName("structureName")
        self.structure_name.setMaxLength(structure.STRUCTURE_NAME_MAX)
        self.structure_name.setEnabled(not vault.read_only)
        self.structure_label = buddy_label("", self.structure_name, parent=self)
        self.structure_text = paragraph("", self)
        # the worker's name, printed as "Noté par" instead of the computer's login
        self.worker_name = QLineEdit(self)
        self.worker_name.setObjectName("workerName")
        self.worker_name.setMaxLength(structure.STRUCTURE_NAME_MAX)
        self.worker_name.setEnabled(not vault.read_only)
        self.worker_label = buddy_label("", self.worker_name, parent=self)
        # its type in the national tool's typology: what funders aggregate on
        self.structure_typology = VocabCombo("structure_typologies", none_label="—",
                                             parent=self)
        self.structure_typology.setObjectName("structureTypology")
        narrow_combos((self.structure_typology,), chars=30)  # fits an 800×600 screen
        self.structure_typology.setEnabled(not vault.read_only)
        self.typology_label = buddy_label("", self.structure_typology, parent=self)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.structure_label, self.structure_name)
        form.addRow(self.worker_label, self.worker_name)
        form.addRow(self.structure_text)
        form.addRow(self.typology_label, self.structure_typology)
        self._retranslate()
        self.structure_name.editingFinished.connect(
            lambda: self._save_name(self.structure_name, structure.structure_name,
                                    structure.set_structure_name))
        self.worker_name.editingFinished.connect(
            lambda: self._save_name(self.worker_name, structure.worker_name,
                                    structure.set_worker_name))
        self.structure_typology.currentIndexChanged.connect(self._on_structure_typology)

    def focus_chain(self) -> list[QWidget]:
        return [self.structure_name, self.worker_name, self.structure_typology]

    def _retranslate(self) -> None:
        self.setTitle(self.tr("Structure"))
        self.structure_label.setText(self.tr("&Nom de la structure :"))
        self.structure_name.setAccessibleName(self.tr("Nom de la structure"))
        self.structure_name.setPlaceholderText(self.tr("Non renseigné"))
        self.worker_label.setText(self.tr("V&otre nom :"))
        self.worker_name.setAccessibleName(self.tr("Votre nom, imprimé sur les reçus"))
        self.worker_name.setPlaceholderText(self.tr("Non renseigné"))
        self.structure_text.setText(self.tr(
            "Imprimés sur la notice d'information, les reçus et les attestations remis "
            "aux personnes (votre nom : « Noté par », et la signature du mandat). Tant "
            "qu'ils ne sont pas renseignés, une ligne en pointillés est laissée à remplir "
            "à la main pour la structure, et l'identifiant de session de l'ordinateur "
            "est imprimé pour vous."))
        self.typology_label.setText(self.tr("&Type de structure :"))
        self.structure_typology.setAccessibleName(self.tr(
            "Type de structure (typologie de la Coop de la médiation numérique)"))
        self.structure_typology.setItemText(0, self.tr("Non renseigné"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def reload(self) -> None:
        """Show the values in force (after unlocking, or when they changed)."""
        self._active = True
        name = ops.run(self, structure.structure_name, self._vault)
        if name:
            show_name(self.structure_name, name.value or "")
        worker = ops.run(self, structure.worker_name, self._vault)
        if worker:
            show_name(self.worker_name, worker.value or "")
        typology = ops.run(self, structure.structure_typology, self._vault)
        if typology:
            self.structure_typology.blockSignals(True)
            self.structure_typology.set_key(typology.value)
            self.structure_typology.blockSignals(False)

    def clear_sensitive(self) -> None:
        """Emptied at locking; nothing is saved until reload()."""
        self._active = False
        show_name(self.structure_name, "")
        show_name(self.worker_name, "")
        self.structure_typology.blockSignals(True)
        self.structure_typology.setCurrentIndex(0)
        self.structure_typology.blockSignals(False)

    def _save_name(self, field: QLineEdit, read: Callable[[Vault], str | None],
                   write: Callable[[Vault, str], str | None]) -> None:
        """Save the name typed in `field` if it differs from the one in force; the
        field then shows what is in force (stripped, or the old name if refused)."""
        if not self._active or self._vault.is_locked:
            return
        text = field.text()
        current = ops.run(self, read, self._vault)
        if not current:
            return
        if text.strip() == (current.value or ""):
            if text != (current.value or ""):  # only spaces around it: show it stripped
                show_name(field, current.value or "")
            return
        saved = ops.run(self, write, self._vault, text, topic=TOPIC)
        show_name(field, (saved.value if saved else current.value) or "")
        if saved:
            self.saved.emit()

    def _on_structure_typology(self) -> None:
        if not self._active or self._vault.is_locked:
            return
        if ops.run(self, structure.set_structure_typology, self._vault,
                   self.structure_typology.key(), topic=TOPIC):
            self.saved.emit()
