"""The referral slip of a session: the partner of the directory the person is sent
to, why and what to bring (in plain words), the slip's language, and — only when
the person's sharing consent is in force — whether their name goes on it. Saved as
a PDF to print or hand over."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from accomp.services import partners, slips
from accomp.services.vaults import Vault
from accomp.ui import labels, ops
from accomp.ui.destinations import ask_save_file
from accomp.ui.widgets import buddy_label, heading, message_label, named, paragraph, show_message

SLIP_LANGUAGES = {"fr": "Français", "en": "English"}


class ReferralSlipDialog(QDialog):
    def __init__(self, vault: Vault, activity_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self._activity = activity_id
        self.setWindowTitle(self.tr("accomp — Fiche d'orientation"))
        self.setMinimumWidth(520)
        self.title = heading(self.tr("Fiche d'orientation"), self)
        self.partner = QComboBox(self)
        listed = ops.run(self, partners.list_partners, vault)
        for p in listed.value or []:
            kind = labels.vocab_label("structure_typologies", p.typology) if p.typology else ""
            self.partner.addItem(p.name + (f" — {kind}" if kind else ""), p.id)
        linked = ops.run(self, partners.referral_partner, vault, activity_id).value
        if linked is not None:
            self.partner.setCurrentIndex(max(0, self.partner.findData(linked.id)))
        self.why = QPlainTextEdit(self)
        self.why.setTabChangesFocus(True)
        self.why.setMaximumHeight(70)
        self.bring = QPlainTextEdit(self)
        self.bring.setTabChangesFocus(True)
        self.bring.setMaximumHeight(90)
        self.bring.setPlaceholderText(self.tr("Une ligne par document"))
        self.language = QComboBox(self)
        for lang, name in SLIP_LANGUAGES.items():  # each named in itself
            self.language.addItem(name, lang)
        allowed = bool(ops.run(self, slips.identity_allowed, vault, activity_id).value)
        self.with_identity = named(QCheckBox(self.tr("Mettre le &nom de la personne"), self))
        self.with_identity.setEnabled(allowed)
        self.identity_note = paragraph(
            self.tr("La personne a accepté le partage : vous pouvez mettre son nom.") if allowed
            else self.tr("Sans consentement au partage en vigueur, la fiche ne porte que le "
                         "code du dossier."), self)
        self.message = message_label(self)
        self.cancel_button = named(QPushButton(self.tr("Fermer"), self))
        self.save_button = named(QPushButton(self.tr("&Enregistrer la fiche (PDF)…"), self))
        self.save_button.setEnabled(self.partner.count() > 0)
        if self.partner.count() == 0:
            show_message(self.message, self.tr(
                "L'annuaire est vide : ajoutez le partenaire dans « Partenaires »."))
        form = QFormLayout()
        form.addRow(buddy_label(self.tr("&Partenaire :"), self.partner, parent=self),
                    self.partner)
        form.addRow(buddy_label(self.tr("Pour&quoi :"), self.why, parent=self), self.why)
        form.addRow(buddy_label(self.tr("À &apporter :"), self.bring, parent=self), self.bring)
        form.addRow(buddy_label(self.tr("&Langue de la fiche :"), self.language, parent=self),
                    self.language)
        form.addRow("", self.with_identity)
        form.addRow("", self.identity_note)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button.clicked.connect(self.save)
        self.written: Path | None = None

    @classmethod
    def ask(cls, parent: QWidget | None, vault: Vault, activity_id: int) -> Path | None:
        """Show the dialog; the slip written, or None."""
        dialog = cls(vault, activity_id, parent)
        try:
            dialog.exec()
            return dialog.written
        finally:
            dialog.deleteLater()

    def save(self) -> None:
        partner_id = self.partner.currentData()
        if partner_id is None:
            return
        if not ops.run(self, partners.link_referral, self._vault, self._activity, partner_id,
                       topic="activities"):
            return
        target = ask_save_file(self, self.tr("Enregistrer la fiche d'orientation"),
                               Path.home() / "fiche-orientation.pdf", self.tr("PDF (*.pdf)"),
                               "pdf")
        if target is None:
            return
        bring = [line for line in self.bring.toPlainText().splitlines() if line.strip()]
        outcome = ops.run(self, slips.save_slip, self._vault, self._activity, target.path,
                          replace=target.replace, why=self.why.toPlainText(), bring=bring,
                          with_identity=self.with_identity.isChecked(),
                          lang=self.language.currentData())
        if outcome and outcome.value is not None:
            self.written = outcome.value
            self.accept()


class SlipButton(QPushButton):
    """The "Fiche d'orientation…" button of a saved session with a referral."""

    def __init__(self, vault: Vault, activity_id: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.setText(self.tr("&Fiche d'orientation…"))
        named(self)
        self.setAutoDefault(False)
        self.clicked.connect(lambda: ReferralSlipDialog.ask(parent, vault, activity_id))
