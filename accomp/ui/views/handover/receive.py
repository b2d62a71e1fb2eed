"""Receiving files from a colleague: open a bundle, see who sent it (a sender who
is not a recorded colleague is flagged and needs an explicit tick), until when it
is valid, which files it holds and which of one's own files may be the same
person; untick those not to import, then import them all at once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from accomp.services import transfer_import
from accomp.services.vaults import Vault
from accomp.ui import ops
from accomp.ui.widgets import message_label, named, paragraph, show_message


class TransferReceivePage(QWidget):
    COL_CODE, COL_NAME, COL_SESSIONS, COL_CONSENTS, COL_MANDATES, COL_NOTES, COL_MATCHES = \
        range(7)

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self._data: bytes | None = None
        self.intro = paragraph(self.tr(
            "Ouvrez l'envoi reçu de votre collègue (clé USB ou pièce jointe). Rien n'est "
            "importé avant que vous ne le demandiez."), self)
        self.open_button = named(QPushButton(self.tr("&Ouvrir un envoi…"), self))
        self.sender_label = QLabel(self)
        self.sender_label.setWordWrap(True)
        self.sender_label.setTextFormat(Qt.TextFormat.PlainText)
        self.warning = message_label(self)
        self.trust = named(QCheckBox(self.tr(
            "J'ai vérifié l'empreinte avec mon ou ma collègue : importer quand même"), self))
        self.trust.setVisible(False)
        self.table = QTableWidget(0, 7, self)
        self.table.setAccessibleName(self.tr("Dossiers de l'envoi"))
        self.table.setHorizontalHeaderLabels([
            self.tr("Importer (code)"), self.tr("Nom"), self.tr("Séances"),
            self.tr("Consentements"), self.tr("Mandats"), self.tr("Notes"),
            self.tr("Déjà chez vous ?")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.import_button = named(QPushButton(self.tr("&Importer"), self))
        self.import_button.setEnabled(False)
        self.message = message_label(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(buttons)
        layout.addWidget(self.sender_label)
        layout.addWidget(self.warning)
        layout.addWidget(self.trust)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self.open_button.clicked.connect(self._choose)
        self.import_button.clicked.connect(self.import_bundle)

    def clear_sensitive(self) -> None:
        self._data = None
        self.table.setRowCount(0)
        self.sender_label.clear()
        show_message(self.warning, "")
        show_message(self.message, "")
        self.trust.setVisible(False)
        self.trust.setChecked(False)
        self.import_button.setEnabled(False)

    def _choose(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Ouvrir un envoi"), str(Path.home()),
            self.tr("Envoi accomp (*.accomp-transfert);;Tous les fichiers (*)"))
        if chosen:
            self.open_bundle(Path(chosen))

    def open_bundle(self, path: Path) -> None:
        self.clear_sensitive()
        read = ops.run(self, transfer_import.read_bundle, path)
        if not read or read.value is None:
            return
        outcome = ops.run(self, transfer_import.preview_bundle, self._vault, read.value)
        if not outcome or outcome.value is None:
            return
        p = outcome.value
        self._data = read.value
        who = p.sender_contact or p.sender_name
        text = self.tr("De : %1 (empreinte %2) — envoyé le %3, valable jusqu'au %4")
        self.sender_label.setText(text
                            .replace("%1", who).replace("%2", p.sender_fingerprint)
                            .replace("%3", p.created_at.date().strftime("%d/%m/%Y"))
                            .replace("%4", p.expires_at.date().strftime("%d/%m/%Y")))
        if not p.sender_known:
            show_message(self.warning, self.tr(
                "Cet expéditeur n'est pas dans vos collègues : vérifiez son empreinte avec "
                "lui ou elle avant d'importer."))
            self.trust.setVisible(True)
        if p.already_imported:
            show_message(self.message, self.tr("Cet envoi a déjà été importé."))
        self.table.setRowCount(len(p.files))
        for row, f in enumerate(p.files):
            code = QTableWidgetItem(f.code)
            code.setFlags(code.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            code.setCheckState(Qt.CheckState.Unchecked if f.matches else Qt.CheckState.Checked)
            self.table.setItem(row, self.COL_CODE, code)
            values = (f.name, str(f.sessions), str(f.consent_events), str(f.mandates),
                      self.tr("oui") if f.has_notes else self.tr("non"), ", ".join(f.matches))
            for col, value in enumerate(values, start=1):
                self.table.setItem(row, col, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.import_button.setEnabled(not p.already_imported)

    def skipped(self) -> frozenset[str]:
        out = set()
        for row in range(self.table.rowCount()):
            item = self.table.item(row, self.COL_CODE)
            if item is not None and item.checkState() != Qt.CheckState.Checked:
                out.add(item.text())
        return frozenset(out)

    def import_bundle(self) -> None:
        if self._data is None:
            return
        outcome = ops.run(self, transfer_import.import_bundle, self._vault, self._data,
                          trust_sender=self.trust.isChecked(), skip=self.skipped(),
                          topic="beneficiaries")
        if outcome and outcome.value is not None:
            done = outcome.value
            self.clear_sensitive()
            show_message(self.message, self.tr("Importé : %1").replace(
                "%1", ", ".join(f"{a} → {b}" for a, b in done.codes.items()) or "—"),
                error=False)
