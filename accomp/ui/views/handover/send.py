"""Sending files to a colleague: who (a recorded colleague), which files (codes, or
the whole caseload when leaving), what of them, for how long; a check shows which
files may go and which stay, then the bundle is saved where the worker says (a USB
stick, a folder to attach to an e-mail)."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from accomp.domain.errors import KnownError
from accomp.domain.transfer_parts import DEFAULT_VALIDITY_DAYS, MAX_VALIDITY_DAYS, Part
from accomp.services import transfers
from accomp.services.vaults import Vault
from accomp.ui import ops
from accomp.ui.destinations import ask_save_file
from accomp.ui.labels import current_lang
from accomp.ui.widgets import buddy_label, message_label, named, paragraph, show_message

_CODE = re.compile(r"B-[0-9A-Z]{2,10}", re.IGNORECASE)


class TransferSendPage(QWidget):
    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self.intro = paragraph(self.tr(
            "Un dossier ne part que si la personne a donné son consentement au partage "
            "(ou si une obligation légale le permet) ; ses notes seulement avec le "
            "consentement aux notes. L'envoi est chiffré pour votre collègue et expire."), self)

        self.recipient = QComboBox(self)
        self.contact_name = QLineEdit(self)
        self.contact_name.setMaxLength(120)
        self.contact_key = QLineEdit(self)
        self.contact_key.setPlaceholderText("accomp1:…")
        self.add_contact_button = named(QPushButton(self.tr("A&jouter ce·tte collègue"), self))
        self.contact_message = message_label(self)
        contact_box = QGroupBox(self.tr("Nouveau·elle collègue"), self)
        contact_form = QFormLayout(contact_box)
        contact_form.addRow(buddy_label(self.tr("&Nom :"), self.contact_name, parent=self),
                            self.contact_name)
        contact_form.addRow(buddy_label(self.tr("&Clé publique :"), self.contact_key,
                                        parent=self), self.contact_key)
        contact_form.addRow("", self.add_contact_button)
        contact_form.addRow("", self.contact_message)

        self.codes = QLineEdit(self)
        self.codes.setPlaceholderText("B-7F3K, B-2M9Q")
        self.caseload = named(QCheckBox(self.tr("Tout mon &portefeuille (départ)"), self))
        self.parts = {
            Part.IDENTITY: named(QCheckBox(self.tr("&Identité et contact"), self)),
            Part.SESSIONS: named(QCheckBox(self.tr("&Séances"), self)),
            Part.CONSENTS: named(QCheckBox(self.tr("Consentements et &mandats"), self)),
            Part.NOTES: named(QCheckBox(self.tr("N&otes (si la personne l'a accepté)"), self)),
        }
        for box in self.parts.values():
            box.setChecked(True)
        self.days = QSpinBox(self)
        self.days.setRange(1, MAX_VALIDITY_DAYS)
        self.days.setValue(DEFAULT_VALIDITY_DAYS)
        self.days.setSuffix(self.tr(" jours"))
        self.mark = named(QCheckBox(self.tr("Marquer les dossiers « &transféré »"), self))
        self.check_button = named(QPushButton(self.tr("&Vérifier"), self))
        self.send_button = named(QPushButton(self.tr("&Enregistrer l'envoi…"), self))
        self.summary = QListWidget(self)
        self.summary.setAccessibleName(self.tr("Ce qui part et ce qui reste"))
        self.message = message_label(self)

        form = QFormLayout()
        form.addRow(buddy_label(self.tr("&Destinataire :"), self.recipient, parent=self),
                    self.recipient)
        form.addRow(buddy_label(self.tr("Dossiers (co&des) :"), self.codes, parent=self),
                    self.codes)
        form.addRow("", self.caseload)
        parts_row = QHBoxLayout()
        for box in self.parts.values():
            parts_row.addWidget(box)
        form.addRow(self.tr("Ce qui part :"), parts_row)
        form.addRow(buddy_label(self.tr("Va&lable :"), self.days, parent=self), self.days)
        form.addRow("", self.mark)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.send_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.summary, 1)
        layout.addWidget(self.message)
        layout.addWidget(contact_box)

        self.add_contact_button.clicked.connect(self._add_contact)
        self.caseload.toggled.connect(lambda on: self.codes.setEnabled(not on))
        self.check_button.clicked.connect(self.check)
        self.send_button.clicked.connect(self.send)
        self.refresh_contacts()

    def refresh_contacts(self) -> None:
        outcome = ops.run(self, transfers.list_contacts, self._vault)
        self.recipient.clear()
        for c in outcome.value or []:
            self.recipient.addItem(f"{c.name} — {c.fingerprint}", c.fingerprint)

    def clear_sensitive(self) -> None:
        self.codes.clear()
        self.summary.clear()
        show_message(self.message, "")

    def _add_contact(self) -> None:
        outcome = ops.run(self, transfers.add_contact, self._vault, self.contact_name.text(),
                          self.contact_key.text(), topic="settings")
        if outcome and outcome.value is not None:
            show_message(self.contact_message, self.tr(
                "Ajouté·e. Vérifiez cette empreinte avec votre collègue : %1")
                .replace("%1", outcome.value.fingerprint), error=False)
            self.contact_name.clear()
            self.contact_key.clear()
            self.refresh_contacts()

    def _ids(self) -> list[int] | None:
        codes = _CODE.findall(self.codes.text())
        if not codes:
            show_message(self.message, self.tr("Indiquez au moins un code de dossier."))
            return None
        outcome = ops.run(self, transfers.ids_of_codes, self._vault, codes)
        return outcome.value if outcome else None

    def check(self) -> None:
        """Show which files may go (and with their notes or not) and which stay."""
        self.summary.clear()
        show_message(self.message, "")
        if self.caseload.isChecked():
            outcome = ops.run(self, transfers.caseload, self._vault)
        else:
            ids = self._ids()
            if ids is None:
                return
            outcome = ops.run(self, transfers.check_files, self._vault, ids)
        lang = current_lang()
        for c in outcome.value or []:
            if c.allowed:
                line = (self.tr("%1 : part, avec ses notes") if c.notes_allowed
                        else self.tr("%1 : part, sans ses notes")).replace("%1", c.code)
            else:
                why = KnownError(c.reason or "transfer_not_allowed", c.subject,
                                 file_code=c.code).message(lang)
                line = self.tr("%1 : reste ici — %2").replace("%1", c.code).replace("%2", why)
            self.summary.addItem(line)

    def send(self) -> None:
        fingerprint = self.recipient.currentData()
        if not fingerprint:
            show_message(self.message, self.tr("Ajoutez d'abord votre collègue."))
            return
        ids: list[int] | None = []
        if not self.caseload.isChecked():
            ids = self._ids()
            if ids is None:
                return
        target = ask_save_file(self, self.tr("Enregistrer l'envoi"),
                               Path.home() / "dossiers.accomp-transfert",
                               self.tr("Envoi accomp (*.accomp-transfert)"), "accomp-transfert")
        if target is None:
            return
        parts = {p for p, box in self.parts.items() if box.isChecked()}
        options = {"recipient": fingerprint, "parts": parts, "path": target.path,
                   "validity_days": self.days.value(), "mark": self.mark.isChecked()}
        if self.caseload.isChecked():
            outcome = ops.run(self, transfers.hand_over_caseload, self._vault,
                              topic="beneficiaries", **options)
        else:
            outcome = ops.run(self, transfers.export_bundle, self._vault, ids,
                              topic="beneficiaries", **options)
        if outcome and outcome.value is not None:
            sent = outcome.value
            if self.caseload.isChecked():
                self.check()
            show_message(self.message, self.tr(
                "Envoi enregistré : %n dossier(s). Empreinte de l'envoi : %1", "",
                len(sent.codes)).replace("%1", sent.digest[:16]), error=False)
