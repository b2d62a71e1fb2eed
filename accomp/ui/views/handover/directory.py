"""The partner directory: the structures people are referred to. A list on the
left, the chosen partner's form on the right; CSV to share the list with the team.
No beneficiary data here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from accomp.domain.vocab import vocabulary
from accomp.services import partners
from accomp.services.vaults import Vault
from accomp.ui import labels, ops
from accomp.ui.destinations import ask_save_file
from accomp.ui.pickers import VocabCombo
from accomp.ui.widgets import buddy_label, message_label, named, show_message

TOPIC = "partners"


class PartnerDirectoryPage(QWidget):
    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self._current: int | None = None
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Partenaires"))
        self.name = QLineEdit(self)
        self.name.setMaxLength(200)
        self.typology = VocabCombo("structure_typologies", none_label=self.tr("(non précisé)"),
                                   parent=self)
        self.address = QLineEdit(self)
        self.address.setMaxLength(400)
        self.hours = QLineEdit(self)
        self.hours.setMaxLength(400)
        self.phone = QLineEdit(self)
        self.phone.setMaxLength(40)
        self.themes = QListWidget(self)
        self.themes.setMaximumHeight(120)
        for term in vocabulary().terms("themes"):
            item = QListWidgetItem(labels.vocab_label("themes", term.key), self.themes)
            item.setData(Qt.ItemDataRole.UserRole, term.key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.contact = QLineEdit(self)
        self.contact.setMaxLength(200)
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(80)
        self.new_button = named(QPushButton(self.tr("&Nouveau"), self))
        self.save_button = named(QPushButton(self.tr("&Enregistrer"), self))
        self.delete_button = named(QPushButton(self.tr("&Supprimer"), self))
        self.import_button = named(QPushButton(self.tr("&Importer un CSV…"), self))
        self.export_button = named(QPushButton(self.tr("E&xporter en CSV…"), self))
        self.message = message_label(self)

        form = QFormLayout()
        for text, widget in ((self.tr("No&m :"), self.name),
                             (self.tr("&Type de structure :"), self.typology),
                             (self.tr("&Adresse :"), self.address),
                             (self.tr("&Horaires :"), self.hours),
                             (self.tr("Télé&phone :"), self.phone),
                             (self.tr("Th&èmes traités :"), self.themes),
                             (self.tr("Personne à &contacter :"), self.contact),
                             (self.tr("N&otes :"), self.notes)):
            form.addRow(buddy_label(text, widget, parent=self), widget)
        buttons = QHBoxLayout()
        for b in (self.new_button, self.save_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addLayout(buttons)
        right.addWidget(self.message)
        right.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        csv_row = QHBoxLayout()
        csv_row.addWidget(self.import_button)
        csv_row.addWidget(self.export_button)
        left.addLayout(csv_row)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addLayout(right, 3)

        self.list.currentRowChanged.connect(self._show_row)
        self.new_button.clicked.connect(self.new_partner)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        self.import_button.clicked.connect(self._import)
        self.export_button.clicked.connect(self._export)
        ops.changes().changed.connect(self._on_changed)
        self.refresh()

    def clear_sensitive(self) -> None:
        """Nothing personal here; the form is cleared like any other after a lock."""
        self.new_partner()

    def _on_changed(self, topic: str) -> None:
        if topic == TOPIC:
            self.refresh()

    def refresh(self) -> None:
        outcome = ops.run(self, partners.list_partners, self._vault)
        self._partners = list(outcome.value or [])
        current = self._current
        self.list.blockSignals(True)
        self.list.clear()
        for p in self._partners:
            kind = labels.vocab_label("structure_typologies", p.typology) if p.typology else ""
            self.list.addItem(f"{p.name}" + (f" — {kind}" if kind else ""))
        self.list.blockSignals(False)
        rows = [i for i, p in enumerate(self._partners) if p.id == current]
        if rows:
            self.list.setCurrentRow(rows[0])
        self.delete_button.setEnabled(self._current is not None)

    def _show_row(self, row: int) -> None:
        if not 0 <= row < len(self._partners):
            return
        p = self._partners[row]
        self._current = p.id
        self.name.setText(p.name)
        self.typology.set_key(p.typology)
        self.address.setText(p.address or "")
        self.hours.setText(p.hours or "")
        self.phone.setText(p.phone or "")
        self.contact.setText(p.contact or "")
        self.notes.setPlainText(p.notes or "")
        for i in range(self.themes.count()):
            item = self.themes.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole)
                               in p.themes else Qt.CheckState.Unchecked)
        self.delete_button.setEnabled(True)

    def new_partner(self) -> None:
        self._current = None
        self.list.clearSelection()
        for field in (self.name, self.address, self.hours, self.phone, self.contact):
            field.clear()
        self.notes.clear()
        self.typology.set_key(None)
        for i in range(self.themes.count()):
            self.themes.item(i).setCheckState(Qt.CheckState.Unchecked)
        self.delete_button.setEnabled(False)
        show_message(self.message, "")
        self.name.setFocus()

    def values(self) -> dict[str, Any]:
        return {"name": self.name.text(), "typology": self.typology.key(),
                "address": self.address.text(), "hours": self.hours.text(),
                "phone": self.phone.text(), "contact": self.contact.text(),
                "notes": self.notes.toPlainText(),
                "themes": [self.themes.item(i).data(Qt.ItemDataRole.UserRole)
                           for i in range(self.themes.count())
                           if self.themes.item(i).checkState() == Qt.CheckState.Checked]}

    def save(self) -> None:
        outcome = ops.run(self, partners.save_partner, self._vault, self.values(),
                          self._current, topic=TOPIC)
        if outcome and outcome.value is not None:
            self._current = outcome.value.id
            self.refresh()
            show_message(self.message, self.tr("Partenaire enregistré."), error=False)

    def delete(self) -> None:
        if self._current is not None and ops.run(self, partners.delete_partner, self._vault,
                                                 self._current, topic=TOPIC):
            self.new_partner()
            self.refresh()

    def _import(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Importer un annuaire"),
                                                str(Path.home()), self.tr("CSV (*.csv)"))
        if chosen:
            outcome = ops.run(self, partners.import_csv, self._vault, Path(chosen), topic=TOPIC)
            if outcome and outcome.value is not None:
                show_message(self.message, self.tr("%1 ajouté(s), %2 déjà présent(s).")
                             .replace("%1", str(outcome.value.added))
                             .replace("%2", str(outcome.value.skipped)), error=False)

    def _export(self) -> None:
        target = ask_save_file(self, self.tr("Exporter l'annuaire"),
                               Path.home() / "annuaire-partenaires.csv",
                               self.tr("CSV (*.csv)"), "csv")
        if target is not None and ops.run(self, partners.export_csv, self._vault, target.path,
                                          replace=target.replace):
            show_message(self.message, self.tr("Annuaire exporté."), error=False)
