"""This vault's transfer key: the fingerprint a colleague checks by voice or on
paper, the public key as text to copy, and a button to save it as a file. Shown in
Paramètres and on the sending page."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from accomp.services import transfers
from accomp.services.vaults import Vault
from accomp.ui import ops
from accomp.ui.destinations import ask_save_file
from accomp.ui.widgets import buddy_label, named, paragraph


class TransferKeyBox(QGroupBox):
    """Built empty; `load()` (at first show) reads or makes the key pair."""

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Clé de transmission de ce coffre"), parent)
        self._vault = vault
        self.intro = paragraph(self.tr(
            "Pour recevoir un dossier, donnez votre clé publique à votre collègue, puis "
            "vérifiez ensemble l'empreinte, à voix haute ou sur papier."), self)
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
        self.save_button = named(QPushButton(self.tr("&Enregistrer la clé publique…"), self))
        self.save_button.clicked.connect(self._save)
        row = QHBoxLayout()
        row.addWidget(buddy_label(self.tr("Empreinte :"), self.fingerprint, parent=self))
        row.addWidget(self.fingerprint, 1)
        key_row = QHBoxLayout()
        key_row.addWidget(buddy_label(self.tr("Clé &publique :"), self.key_text, parent=self))
        key_row.addWidget(self.key_text, 1)
        key_row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(row)
        layout.addLayout(key_row)
        self._loaded = False

    def showEvent(self, event: object) -> None:
        if not self._loaded:
            self.load()
        super().showEvent(event)  # type: ignore[arg-type]

    def load(self) -> None:
        outcome = ops.run(self, transfers.my_public_key, self._vault)
        if outcome and outcome.value is not None:
            self._loaded = True
            self.fingerprint.setText(outcome.value.fingerprint)
            self.fingerprint.setAccessibleName(
                self.tr("Empreinte : %1").replace("%1", outcome.value.fingerprint))
            self.key_text.setText(outcome.value.text)

    def _save(self) -> None:
        target = ask_save_file(self, self.tr("Enregistrer la clé publique"),
                               Path.home() / "cle-accomp.txt",
                               self.tr("Clé publique (*.txt)"), "txt")
        if target is not None:
            ops.run(self, transfers.save_public_key, self._vault, target.path,
                    replace=target.replace)
