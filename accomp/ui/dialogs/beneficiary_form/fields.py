"""The beneficiary form's fields and their layout: the legal frame, the identity,
the statistics, the notes in two columns, the proposed duplicates under them. What
the fields do is the dialog's (accomp.ui.dialogs.beneficiary_form.dialog)."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from accomp.domain.models import BeneficiaryOut
from accomp.ui.dialogs.beneficiary_form.duplicates import DuplicatesPanel
from accomp.ui.dialogs.beneficiary_form.inputs import CommuneField, vocab_items
from accomp.ui.field_errors import FieldErrors
from accomp.ui.widgets import buddy_label, heading, message_label, named, paragraph


class BeneficiaryFields(QDialog):
    """Every field of a beneficiary file, laid out by `_build()`; each field over its
    own message line (`_errors`)."""

    _editing: BeneficiaryOut | None
    _errors: FieldErrors

    def _line(self, name: str, max_length: int) -> QLineEdit:
        field = QLineEdit(self)
        field.setObjectName(name)
        field.setMaxLength(max_length)
        return field

    def _combo(self, name: str, items: list[tuple[str, str | None]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        for text, key in items:
            combo.addItem(text, key)
        return combo

    def _build(self) -> None:
        vocab = [(t, k) for k, t in vocab_items("legal_bases")]
        self.title = heading(
            self.tr("Dossier %1").replace("%1", self._editing.code) if self._editing
            else self.tr("Nouveau bénéficiaire"), self,
        )

        # legal frame
        self.legal_basis = self._combo(
            "legalBasis", [(self.tr("Aucune (statistiques seulement)"), None), *vocab]
        )
        self.informed_on = self._line("informedOn", 10)
        # As the dates the interface shows (labels.date); both forms are read.
        self.informed_on.setPlaceholderText(self.tr("jj/mm/aaaa"))
        self.today_button = named(QPushButton(self.tr("Aujourd'&hui"), self),
                                  self.tr("Informée aujourd'hui"))
        self.today_button.setAutoDefault(False)
        self.notice_version = self._line("noticeVersion", 40)
        self.basis_note = paragraph("", self)
        self.basis_note.setObjectName("basisNote")
        frame = QGroupBox(self.tr("Cadre légal"), self)
        form = QFormLayout(frame)
        form.addRow(buddy_label(self.tr("&Base légale :"), self.legal_basis, parent=self),
                    self._errors.cell("legal_basis", self.legal_basis))
        form.addRow(
            buddy_label(self.tr("&Date d'information :"), self.informed_on, parent=self),
            self._errors.cell("informed_on", self.informed_on, self.today_button),
        )
        form.addRow(
            buddy_label(self.tr("&Version de la notice :"), self.notice_version, parent=self),
            self._errors.cell("notice_version", self.notice_version),
        )
        form.addRow(self.basis_note)

        # identity
        self.first_name = self._line("firstName", 100)
        self.last_name = self._line("lastName", 100)
        self.phone = self._line("phone", 30)
        self.phone.setInputMethodHints(Qt.InputMethodHint.ImhDialableCharactersOnly)
        self.email = self._line("email", 254)
        self.email.setInputMethodHints(Qt.InputMethodHint.ImhEmailCharactersOnly)
        self.birth_year = self._line("birthYear", 4)
        self.birth_year.setValidator(QIntValidator(0, 9999, self.birth_year))
        self.birth_year.setPlaceholderText(self.tr("aaaa"))
        self.identity_box = QGroupBox(self.tr("Identité"), self)
        form = QFormLayout(self.identity_box)
        for text, name, widget in (
            (self.tr("&Prénom :"), "first_name", self.first_name),
            (self.tr("&Nom :"), "last_name", self.last_name),
            (self.tr("&Téléphone :"), "phone", self.phone),
            (self.tr("E-&mail :"), "email", self.email),
            (self.tr("&Année de naissance :"), "birth_year", self.birth_year),
        ):
            form.addRow(buddy_label(text, widget, parent=self), self._errors.cell(name, widget))

        # statistics
        any_item = self.tr("Déduite de l'année de naissance")
        self.gender = self._combo("gender", [(t, k) for k, t in vocab_items("genders")])
        self.age_band = self._combo(
            "ageBand", [(any_item, None), *((t, k) for k, t in vocab_items("age_bands"))]
        )
        self.social_status = self._combo(
            "socialStatus", [(t, k) for k, t in vocab_items("social_statuses")]
        )
        self.commune = self._line("commune", 120)
        self.commune.setPlaceholderText(self.tr("Nom ou code postal"))
        self.commune_field = CommuneField(self.commune, self)
        stats = QGroupBox(self.tr("Données statistiques"), self)
        form = QFormLayout(stats)
        stat: QWidget
        for text, name, stat in (
            (self.tr("&Genre :"), "gender", self.gender),
            (self.tr("T&ranche d'âge :"), "age_band", self.age_band),
            (self.tr("&Statut :"), "social_status", self.social_status),
            (self.tr("&Commune :"), "commune_name", self.commune),
        ):
            form.addRow(buddy_label(text, stat, parent=self), self._errors.cell(name, stat))
        stats_note = paragraph(
            self.tr("Toujours enregistrées : elles servent aux statistiques anonymes."), self
        )
        form.addRow(stats_note)

        # notes
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(70)
        self.notes_box = QGroupBox(self.tr("Notes (sensibles)"), self)
        notes_layout = QVBoxLayout(self.notes_box)
        notes_label = buddy_label(self.tr("N&otes sur le dossier :"), self.notes, parent=self)
        self.notes.setAccessibleName(self.tr("Notes (sensibles)"))
        self.notes.setAccessibleDescription(
            self.tr("Données sensibles : jamais exportées ni imprimées.")
        )
        notes_layout.addWidget(notes_label)
        notes_layout.addWidget(self._errors.cell("notes", self.notes))
        notes_layout.addWidget(paragraph(
            self.tr("Données sensibles : jamais exportées ni imprimées."), self))

        # duplicates
        self.duplicates_box = DuplicatesPanel(editing=self._editing is not None, parent=self)
        self.duplicates_table = self.duplicates_box.table
        self.open_button = self.duplicates_box.open_button
        self.anyway_button = self.duplicates_box.anyway_button
        self.merge_button = self.duplicates_box.merge_button

        self.message = message_label(self)
        self.message.setObjectName("formMessage")
        self.cancel_button = named(QPushButton(self.tr("Annuler"), self))
        self.cancel_button.setAutoDefault(False)
        self.save_button = named(QPushButton(self.tr("&Enregistrer"), self))
        self.save_button.setDefault(True)

        grid = QGridLayout()
        grid.addWidget(frame, 0, 0)
        grid.addWidget(self.identity_box, 1, 0)
        grid.addWidget(stats, 0, 1)
        grid.addWidget(self.notes_box, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(grid)
        layout.addWidget(self.duplicates_box)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        order: list[QWidget] = [
            self.legal_basis, self.informed_on, self.today_button, self.notice_version,
            self.first_name, self.last_name, self.phone, self.email, self.birth_year,
            self.gender, self.age_band, self.social_status, self.commune, self.notes,
            self.duplicates_table, self.open_button, self.anyway_button,
            self.cancel_button, self.save_button,
        ]
        for a, b in itertools.pairwise(order):
            self.setTabOrder(a, b)
        self.setMinimumWidth(760)

    def text_fields(self) -> dict[str, QLineEdit]:
        """The one-line fields, by the name of what they hold."""
        return {"informed_on": self.informed_on, "notice_version": self.notice_version,
                "first_name": self.first_name, "last_name": self.last_name,
                "phone": self.phone, "email": self.email, "birth_year": self.birth_year,
                "commune": self.commune}

    def choice_fields(self) -> dict[str, QComboBox]:
        """The drop-down lists, by the name of what they hold."""
        return {"legal_basis": self.legal_basis, "gender": self.gender,
                "age_band": self.age_band, "social_status": self.social_status}
