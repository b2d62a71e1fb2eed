"""Merging two files of the same person, side by side (services.merge).

The worker chooses which file is kept, then each field's value (one row per field,
a radio button per file: arrows move within a row, Tab to the next row), sees what
moves to the kept file and what they are told about consents, and confirms. Nothing
is written before "Fusionner".

`MergeActions` puts "Fusionner…" (two files selected in a list) and "Annuler la
dernière fusion" on a page with a few lines there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from accomp.domain.errors import field_label
from accomp.domain.merge import FIELD_GROUPS, Side
from accomp.services import merge
from accomp.services.merge import MergePreview, MergeResult
from accomp.services.vaults import Vault
from accomp.ui import labels, ops
from accomp.ui.labels import current_lang
from accomp.ui.widgets import heading, message_label, named, paragraph

TOPIC = "beneficiaries"
# The label of each field group (the domain's field labels, in both languages).
_GROUP_LABEL = {"commune": "commune_name"}
_NOTES_SHOWN = 60  # characters of the notes shown in a cell


def _shown(group: str, values: dict[str, Any]) -> str:
    """A field group's value as the worker reads it; an em dash when empty."""
    first = values[FIELD_GROUPS[group][0]]
    if first in (None, ""):
        return "—"
    if group in ("gender", "social_status"):
        return labels.vocab_label({"gender": "genders"}.get(group, "social_statuses"), first)
    if group == "commune":
        code = values["commune_postal_code"]
        return f"{first} ({code})" if code else str(first)
    if group == "legal_basis":
        text = labels.vocab_label("legal_bases", first)
        informed = values["informed_on"]
        return f"{text}, {labels.date(informed)}" if informed else text
    text = str(first).replace("\n", " ")
    return text if len(text) <= _NOTES_SHOWN else text[:_NOTES_SHOWN] + "…"


class MergeFilesDialog(QDialog):
    def __init__(self, vault: Vault, first_id: int, second_id: int, preview: MergePreview,
                 *, today: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self._ids = (first_id, second_id)
        self._today = today
        self._preview = preview
        self.result_value: MergeResult | None = None
        self.setWindowTitle(self.tr("Fusionner deux dossiers"))  # no code: task bar
        self.title = heading(self.tr("Fusionner deux dossiers de la même personne"), self)
        self.kept_box = QGroupBox(self.tr("Dossier conservé"), self)
        self.kept_first = QRadioButton(preview.kept_code, self.kept_box)
        self.kept_second = QRadioButton(preview.absorbed_code, self.kept_box)
        self.kept_first.setObjectName("keptFirst")
        self.kept_second.setObjectName("keptSecond")
        self.kept_first.setChecked(True)
        for button, code in ((self.kept_first, preview.kept_code),
                             (self.kept_second, preview.absorbed_code)):
            button.setAccessibleName(self.tr("Conserver le dossier %1").replace("%1", code))
        kept_layout = QHBoxLayout(self.kept_box)
        kept_layout.addWidget(self.kept_first)
        kept_layout.addWidget(self.kept_second)
        kept_layout.addStretch(1)
        self.kept_group = QButtonGroup(self)
        self.kept_group.addButton(self.kept_first)
        self.kept_group.addButton(self.kept_second)
        self.kept_group.buttonToggled.connect(self._kept_changed)

        self.fields_box = QGroupBox(self.tr("Valeur conservée pour chaque champ"), self)
        self.grid = QGridLayout(self.fields_box)
        self.kept_header = QLabel(self.fields_box)
        self.absorbed_header = QLabel(self.fields_box)
        self.grid.addWidget(self.kept_header, 0, 1)
        self.grid.addWidget(self.absorbed_header, 0, 2)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(2, 1)
        self.choices: dict[str, tuple[QRadioButton, QRadioButton]] = {}
        self._groups: list[QButtonGroup] = []
        for row, group in enumerate(FIELD_GROUPS, start=1):
            label = QLabel(field_label(_GROUP_LABEL.get(group, group), current_lang()),
                           self.fields_box)
            kept_radio = QRadioButton(self.fields_box)
            absorbed_radio = QRadioButton(self.fields_box)
            kept_radio.setObjectName(f"keep_{group}")
            absorbed_radio.setObjectName(f"take_{group}")
            buttons = QButtonGroup(self)
            buttons.addButton(kept_radio)
            buttons.addButton(absorbed_radio)
            self._groups.append(buttons)
            label.setBuddy(kept_radio)
            self.grid.addWidget(label, row, 0)
            self.grid.addWidget(kept_radio, row, 1)
            self.grid.addWidget(absorbed_radio, row, 2)
            self.choices[group] = (kept_radio, absorbed_radio)
        self.grid.setRowStretch(len(FIELD_GROUPS) + 1, 1)  # spare room below, not between
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.fields_box)

        self.counts = paragraph("", self)
        self.counts.setObjectName("mergeCounts")
        self.consent_box = QGroupBox(self.tr("Consentements"), self)
        self.consent_text = paragraph("", self.consent_box)
        self.consent_text.setObjectName("mergeConsents")
        QVBoxLayout(self.consent_box).addWidget(self.consent_text)
        self.note = paragraph(self.tr(
            "Le dossier absorbé est anonymisé ; son code reste valable et désigne le dossier "
            "conservé (reçus et attestations déjà imprimés). La fusion peut être annulée "
            "jusqu'à la suivante."), self)
        self.message = message_label(self)
        self.merge_button = named(QPushButton(self.tr("&Fusionner"), self))
        self.merge_button.setObjectName("mergeConfirm")
        self.merge_button.setAutoDefault(False)
        self.cancel_button = named(QPushButton(self.tr("&Annuler"), self))
        self.cancel_button.setAutoDefault(False)
        self.buttons = QDialogButtonBox(self)
        self.buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.merge_button.clicked.connect(self.confirm)
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.kept_box)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.counts)
        layout.addWidget(self.consent_box)
        layout.addWidget(self.note)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._show(preview)
        self.kept_first.setFocus()
        self.resize(900, min(680, self.sizeHint().height()))

    # --- showing the two files -----------------------------------------------------------

    def _show(self, preview: MergePreview) -> None:
        self._preview = preview
        self.kept_header.setText(self.tr("Conservé : %1").replace("%1", preview.kept_code))
        self.absorbed_header.setText(self.tr("Absorbé : %1").replace("%1", preview.absorbed_code))
        for group, (kept_radio, absorbed_radio) in self.choices.items():
            name = field_label(_GROUP_LABEL.get(group, group), current_lang())
            for radio, values, code in ((kept_radio, preview.kept, preview.kept_code),
                                        (absorbed_radio, preview.absorbed,
                                         preview.absorbed_code)):
                radio.setText(_shown(group, values).replace("&", "&&"))
                radio.setAccessibleName(
                    self.tr("%1 du dossier %2").replace("%1", name).replace("%2", code))
            side = preview.defaults[group]
            (absorbed_radio if side == Side.ABSORBED else kept_radio).setChecked(True)
        c = preview.counts
        self.counts.setText(labels.resolve_plural(self.tr(
            "Rattachés au dossier conservé : %n séance(s), ", "", c.activities), c.activities)
            + labels.resolve_plural(self.tr("%n atelier(s), ", "", c.workshops), c.workshops)
            + labels.resolve_plural(self.tr("%n consentement(s), ", "", c.consents), c.consents)
            + labels.resolve_plural(self.tr("%n mandat(s).", "", c.mandates), c.mandates))
        lang = current_lang()
        told = [n.text(lang) for n in preview.notices]
        self.consent_text.setText("\n".join(f"• {t}" for t in told) if told else self.tr(
            "Aucun consentement ne change : ceux du dossier conservé s'appliquent."))

    def _kept_changed(self, _button: QAbstractButton, checked: bool) -> None:
        if not checked:
            return
        first, second = self._ids
        kept, absorbed = (first, second) if self.kept_first.isChecked() else (second, first)
        got = ops.run(self, merge.preview, self._vault, kept, absorbed, today=self._today)
        if got.value is not None:
            self._show(got.value)

    def kept_and_absorbed(self) -> tuple[int, int]:
        first, second = self._ids
        return (first, second) if self.kept_first.isChecked() else (second, first)

    def chosen(self) -> dict[str, Side]:
        """The file chosen for each field group."""
        return {g: Side.ABSORBED if pair[1].isChecked() else Side.KEPT
                for g, pair in self.choices.items()}

    def confirm(self) -> None:
        kept, absorbed = self.kept_and_absorbed()
        got = ops.run(self, merge.merge, self._vault, kept, absorbed, self.chosen(),
                      today=self._today, topic=TOPIC)
        if got.value is not None:
            self.result_value = got.value
            self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, vault: Vault, first_id: int, second_id: int, *,
            today: dt.date | None = None) -> MergeResult | None:
        """Show both files side by side (the first one kept unless the worker
        chooses otherwise) and merge once confirmed. The merge's result, or None when
        cancelled or refused (a refusal is shown)."""
        got = ops.run(parent, merge.preview, vault, first_id, second_id, today=today)
        if got.value is None:
            return None
        dialog = cls(vault, first_id, second_id, got.value, today=today, parent=parent)
        try:
            dialog.exec()
            return dialog.result_value
        finally:
            dialog.deleteLater()


class MergeActions(QObject):
    """"Fusionner…" for two files selected in a list, and "Annuler la dernière
    fusion", as actions (with shortcuts) and buttons for a page to place."""

    def __init__(self, page: QWidget, vault: Vault, selected: Callable[[], list[int]],
                 show: Callable[[int], None], today: Callable[[], dt.date]) -> None:
        super().__init__(page)
        self._page, self._vault = page, vault
        self._selected, self._show_file, self._today = selected, show, today
        self.merge_action = QAction(self.tr("Fusionner les deux dossiers sélectionnés"), page)
        self.merge_action.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.undo_action = QAction(self.tr("Annuler la dernière fusion"), page)
        for action in (self.merge_action, self.undo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            page.addAction(action)
        self.merge_button = named(QPushButton(self.tr("F&usionner…"), page))
        self.merge_button.setObjectName("mergeFiles")
        self.merge_button.setToolTip(self.tr(
            "Sélectionnez deux dossiers (Ctrl+clic ou Maj+flèches), puis fusionnez-les (%1)")
            .replace("%1", self.merge_action.shortcut().toString(
                QKeySequence.SequenceFormat.NativeText)))
        self.undo_button = named(QPushButton(self.tr("Annuler la &fusion"), page))
        self.undo_button.setObjectName("undoMerge")
        self.merge_button.clicked.connect(self.merge_selected)
        self.merge_action.triggered.connect(self.merge_selected)
        self.undo_button.clicked.connect(self.undo_last)
        self.undo_action.triggered.connect(self.undo_last)
        ops.changes().changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, topic: str) -> None:
        if topic == TOPIC:
            self.refresh()

    def selection_changed(self, *_args: object) -> None:
        two = len(self._selected()) == 2
        self.merge_button.setEnabled(two)
        self.merge_action.setEnabled(two)

    def refresh(self) -> None:
        """Enable the buttons for what can be done now."""
        self.selection_changed()
        try:
            last = merge.last_merge(self._vault)
        except Exception as exc:  # a locked vault: nothing to undo from here
            ops.note_error(exc, action="merge.last_merge")
            last = None
        self.undo_button.setEnabled(last is not None)
        self.undo_action.setEnabled(last is not None)

    def merge_selected(self) -> MergeResult | None:
        ids = self._selected()
        if len(ids) != 2:
            return None
        done = MergeFilesDialog.ask(self._page, self._vault, ids[0], ids[1],
                                    today=self._today())
        if done is not None:
            self._show_file(done.kept_id)
        self.refresh()
        return done

    def undo_last(self) -> bool:
        last = ops.run(self._page, merge.last_merge, self._vault).value
        if last is None:
            return False
        asked = QMessageBox.question(
            self._page, self.tr("Annuler la dernière fusion"),
            self.tr("Séparer de nouveau les dossiers %1 et %2, comme avant la fusion ?")
            .replace("%1", last.kept_code).replace("%2", last.absorbed_code))
        if asked != QMessageBox.StandardButton.Yes:
            return False
        done = ops.run(self._page, merge.undo_last_merge, self._vault, topic=TOPIC)
        if done:
            self._show_file(last.kept_id)
        self.refresh()
        return bool(done)
