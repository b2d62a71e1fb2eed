"""This vault's transfer key: the fingerprint a colleague checks by voice or on
paper, the public key as text to copy, and a button to save it as a file. Shown in
Paramètres and on the sending page."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from accomp.domain.errors import KnownError
from accomp.services import transfers
from accomp.services.vaults import Vault
from accomp.ui import ops
from accomp.ui.destinations import ask_save_file
from accomp.ui.labels import current_lang
from accomp.ui.widgets import buddy_label, named, paragraph, plain_text


class TransferKeyBox(QGroupBox):
    """Built empty; `load()` (at first show) reads or makes the key pair."""

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self.intro = paragraph("", self)
        self.fingerprint = QLabel("—", self)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                                 | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.fingerprint.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        font = self.fingerprint.font()
        font.setFamily("monospace")
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.fingerprint.setFont(font)
        self.key_text = QLineEdit(self)
        self.key_text.setReadOnly(True)
        self.save_button = QPushButton(self)
        self.save_button.clicked.connect(self._save)
        self.fingerprint_label = buddy_label("", self.fingerprint, parent=self)
        self.key_label = buddy_label("", self.key_text, parent=self)
        row = QHBoxLayout()
        row.addWidget(self.fingerprint_label)
        row.addWidget(self.fingerprint, 1)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_label)
        key_row.addWidget(self.key_text, 1)
        key_row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(row)
        layout.addLayout(key_row)
        self._loaded = False
        self._retranslate()

    def _retranslate(self) -> None:
        """Every text, in the interface's language (again at a change of language:
        the Paramètres page translates its own)."""
        self.setTitle(self.tr("Clé de transmission de ce coffre"))
        self.intro.setText(self.tr(
            "Pour recevoir un dossier, donnez votre clé publique à votre collègue, puis "
            "vérifiez ensemble l'empreinte, à voix haute ou sur papier."))
        self.save_button.setText(self.tr("&Enregistrer la clé publique…"))
        named(self.save_button)
        self.fingerprint_label.setText(self.tr("Empreinte :"))
        self.fingerprint.setAccessibleName(plain_text(self.fingerprint_label.text()))
        self.key_label.setText(self.tr("Clé &publique :"))
        self.key_text.setAccessibleName(plain_text(self.key_label.text()))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def showEvent(self, event: object) -> None:
        if not self._loaded:
            self.load()
        super().showEvent(event)  # type: ignore[arg-type]

    def load(self) -> None:
        """Show the key if this vault has one (reads only: the pair is made at the
        first sending, receiving, colleague added or key saved). Any failure is
        shown inside the box, never in a message box: the box appears with
        Paramètres, also on a locked or read-only vault."""
        if self._vault.is_locked:
            return
        try:
            key = transfers.existing_public_key(self._vault)
        except KnownError as err:
            ops.note_error(err, action="transfer key")
            self.fingerprint.setText("—")
            self.key_text.setText(err.message(current_lang()))
            return
        self._loaded = True
        if key is None:
            self.fingerprint.setText("—")
            self.key_text.setText(self.tr(
                "Pas encore de clé : elle est créée au premier envoi ou en l'enregistrant."))
            self._loaded = False
            return
        self.fingerprint.setText(key.fingerprint)
        self.key_text.setText(key.text)

    def _save(self) -> None:
        target = ask_save_file(self, self.tr("Enregistrer la clé publique"),
                               Path.home() / "cle-accomp.txt",
                               self.tr("Clé publique (*.txt)"), "txt")
        if target is not None and ops.run(self, transfers.save_public_key, self._vault,
                                          target.path, replace=target.replace):
            self.load()
