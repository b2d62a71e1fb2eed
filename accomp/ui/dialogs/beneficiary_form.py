"""Create or edit a beneficiary file.

Statistical attributes (gender, age band, status, commune) can always be given.
Identity (names, phone, e-mail, birth year) and the sensitive notes open only once a
legal basis is chosen and the date the person was informed is given: the form says
so next to those fields, and sends no identity otherwise.

Before saving, the files that may already be this person (similar name, same phone
or e-mail) are listed: the worker opens the existing file instead, or saves anyway.
Refusals are shown next to the field concerned; nothing is written then.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import weakref
from typing import Any, ClassVar

import shiboken6
from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt
from PySide6.QtGui import QIntValidator, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from accomp.domain import communes
from accomp.domain.errors import KnownError
from accomp.domain.models import BeneficiaryOut
from accomp.domain.rules import EARLIEST_BIRTH_YEAR
from accomp.domain.rules import age_band as derived_age_band
from accomp.domain.text import fold
from accomp.domain.vocab import vocabulary
from accomp.services import beneficiaries, duplicates
from accomp.services.drafts import DraftOut
from accomp.services.duplicates import DuplicateCandidate
from accomp.services.vaults import Vault
from accomp.ui import labels, ops
from accomp.ui.dialogs.merge_files import MergeFilesDialog
from accomp.ui.drafts import DraftKeeper
from accomp.ui.labels import current_lang
from accomp.ui.models.beneficiaries import person_name
from accomp.ui.widgets import (
    buddy_label,
    heading,
    message_label,
    named,
    paragraph,
    show_message,
)

TOPIC = "beneficiaries"
# Fields whose refusal is shown next to the commune.
_COMMUNE_FIELDS = ("commune_name", "commune_postal_code", "commune_insee")
_DATE_FR = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$")
_DATE_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_COMMUNE_SUGGESTIONS = 12
NOT_GIVEN = "NonCommunique"


def parse_date(text: str) -> dt.date | None:
    """A date typed as 01/10/2026 (also 1.10.2026, 01-10-2026) or 2026-10-01; None if
    it is not one."""
    m = _DATE_FR.match(text)
    try:
        if m:
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
        m = _DATE_ISO.match(text)
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
    return None


class BeneficiaryDialog(QDialog):
    # Every form alive, so that locking can close them (see close_all).
    _alive: ClassVar[weakref.WeakSet[BeneficiaryDialog]] = weakref.WeakSet()

    def __init__(
        self, vault: Vault, *, beneficiary: BeneficiaryOut | None = None,
        today: dt.date | None = None, draft: DraftOut | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._vault = vault
        self._editing = beneficiary
        self._today = today or dt.date.today()
        self._communes: dict[str, communes.Commune] = {}
        self._chosen_commune: dict[str, str | None] | None = None
        self._chosen_label = ""
        self._confirmed = False  # "save anyway" chosen for the candidates shown
        self._candidates: list[DuplicateCandidate] = []
        self.value: BeneficiaryOut | None = None

        # No code in the title: window titles reach the task bar and window lists.
        self.setWindowTitle(
            self.tr("Modifier le dossier") if beneficiary else self.tr("Nouveau bénéficiaire")
        )
        self._errors: dict[str, QLabel] = {}
        self._fields: dict[str, QWidget] = {}
        self._build()
        self._connect()
        for combo in (self.gender, self.social_status):
            combo.setCurrentIndex(combo.findData(NOT_GIVEN))
        if beneficiary is not None:
            self._fill(beneficiary)
        if draft is not None:
            self.restore_draft(draft.fields)
        self._update_identity()
        self.legal_basis.setFocus()
        BeneficiaryDialog._alive.add(self)
        # What is typed is kept in the vault a moment after each change and at lock.
        self.drafts = DraftKeeper(
            vault, self, kind=lambda: "beneficiary", read=self.draft_fields,
            beneficiary=lambda: beneficiary.id if beneficiary is not None else None,
            draft_id=draft.id if draft is not None else None,
        )
        self.drafts.watch(self)

    # --- building --------------------------------------------------------------------

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

    def _with_error(self, name: str, widget: QWidget, *extra: QWidget) -> QWidget:
        """The field and, under it, its own message (hidden while empty)."""
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        if extra:
            row = QHBoxLayout()
            row.addWidget(widget, 1)
            for w in extra:
                row.addWidget(w)
            layout.addLayout(row)
        else:
            layout.addWidget(widget)
        error = message_label(box)
        error.setObjectName(f"{name}Error")
        layout.addWidget(error)
        self._errors[name] = error
        self._fields[name] = widget
        return box

    def _build(self) -> None:
        vocab = [(t, k) for k, t in _vocab_items("legal_bases")]
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
                    self._with_error("legal_basis", self.legal_basis))
        form.addRow(
            buddy_label(self.tr("&Date d'information :"), self.informed_on, parent=self),
            self._with_error("informed_on", self.informed_on, self.today_button),
        )
        form.addRow(
            buddy_label(self.tr("&Version de la notice :"), self.notice_version, parent=self),
            self._with_error("notice_version", self.notice_version),
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
            form.addRow(buddy_label(text, widget, parent=self), self._with_error(name, widget))

        # statistics
        any_item = self.tr("Déduite de l'année de naissance")
        self.gender = self._combo("gender", [(t, k) for k, t in _vocab_items("genders")])
        self.age_band = self._combo(
            "ageBand", [(any_item, None), *((t, k) for k, t in _vocab_items("age_bands"))]
        )
        self.social_status = self._combo(
            "socialStatus", [(t, k) for k, t in _vocab_items("social_statuses")]
        )
        self.commune = self._line("commune", 120)
        self.commune.setPlaceholderText(self.tr("Nom ou code postal"))
        self._commune_model = QStringListModel(self)
        self._completer = QCompleter(self._commune_model, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setMaxVisibleItems(_COMMUNE_SUGGESTIONS)
        self.commune.setCompleter(self._completer)
        stats = QGroupBox(self.tr("Données statistiques"), self)
        form = QFormLayout(stats)
        stat: QWidget
        for text, name, stat in (
            (self.tr("&Genre :"), "gender", self.gender),
            (self.tr("T&ranche d'âge :"), "age_band", self.age_band),
            (self.tr("&Statut :"), "social_status", self.social_status),
            (self.tr("&Commune :"), "commune_name", self.commune),
        ):
            form.addRow(buddy_label(text, stat, parent=self), self._with_error(name, stat))
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
        notes_layout.addWidget(self._with_error("notes", self.notes))
        notes_layout.addWidget(paragraph(
            self.tr("Données sensibles : jamais exportées ni imprimées."), self))

        # duplicates
        self.duplicates_box = QGroupBox(self.tr("Dossiers semblables"), self)
        self.duplicates_box.setObjectName("duplicatesBox")
        self.duplicates_note = paragraph("", self)
        self.duplicates_table = QTableWidget(0, 5, self)
        self.duplicates_table.setObjectName("duplicatesTable")
        self.duplicates_table.setAccessibleName(self.tr("Dossiers semblables"))
        self.duplicates_table.setHorizontalHeaderLabels([
            self.tr("Code"), self.tr("Nom"), self.tr("Naissance"), self.tr("Dernier contact"),
            self.tr("Motif"),
        ])
        self.duplicates_table.verticalHeader().setVisible(False)
        self.duplicates_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.duplicates_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.duplicates_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.duplicates_table.setTabKeyNavigation(False)
        self.duplicates_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.duplicates_table.horizontalHeader().setStretchLastSection(True)
        self.duplicates_table.installEventFilter(self)
        self.duplicates_table.verticalHeader().setDefaultSectionSize(
            self.duplicates_table.fontMetrics().height() + 10)
        self.open_button = named(QPushButton(self.tr("O&uvrir ce dossier"), self))
        self.open_button.setAutoDefault(False)
        self.anyway_button = named(QPushButton(
            self.tr("Enregistrer &quand même") if self._editing else self.tr("Créer &quand même"),
            self,
        ))
        self.anyway_button.setAutoDefault(False)
        # editing a file: it and the proposed one can be merged (merge_files)
        self.merge_button = named(QPushButton(self.tr("&Fusionner avec ce dossier…"), self))
        self.merge_button.setAutoDefault(False)
        self.merge_button.setVisible(self._editing is not None)
        dup_layout = QVBoxLayout(self.duplicates_box)
        dup_layout.addWidget(self.duplicates_note)
        dup_layout.addWidget(self.duplicates_table)
        dup_buttons = QHBoxLayout()
        dup_buttons.addStretch(1)
        dup_buttons.addWidget(self.open_button)
        dup_buttons.addWidget(self.merge_button)
        dup_buttons.addWidget(self.anyway_button)
        dup_layout.addLayout(dup_buttons)
        self.duplicates_box.setVisible(False)

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

    def _connect(self) -> None:
        self.legal_basis.currentIndexChanged.connect(self._update_identity)
        self.informed_on.textChanged.connect(self._update_identity)
        self.today_button.clicked.connect(
            lambda: self.informed_on.setText(labels.date(self._today)))
        for field in (self.first_name, self.last_name, self.phone, self.email, self.birth_year):
            field.textEdited.connect(self._identity_edited)
        self.notes.textChanged.connect(self._update_identity)
        self.commune.textEdited.connect(self._suggest_communes)
        self._completer.activated[str].connect(  # type: ignore[index]
            self._pick_commune)
        self.open_button.clicked.connect(self._open_selected)
        self.anyway_button.clicked.connect(self._save_anyway)
        self.merge_button.clicked.connect(self._merge_selected)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button.clicked.connect(self._on_save)

    def _fill(self, b: BeneficiaryOut) -> None:
        self.legal_basis.setCurrentIndex(max(0, self.legal_basis.findData(b.legal_basis)))
        if b.informed_on is not None:
            self.informed_on.setText(labels.date(b.informed_on))
        self.notice_version.setText(b.notice_version or "")
        self.first_name.setText(b.first_name or "")
        self.last_name.setText(b.last_name or "")
        self.phone.setText(b.phone or "")
        self.email.setText(b.email or "")
        self.birth_year.setText(str(b.birth_year) if b.birth_year else "")
        self.notes.setPlainText(b.notes or "")
        self.gender.setCurrentIndex(max(0, self.gender.findData(b.gender)))
        self.social_status.setCurrentIndex(max(0, self.social_status.findData(b.social_status)))
        derived = b.birth_year is not None and b.age_band == derived_age_band(
            b.birth_year, self._today)
        self.age_band.setCurrentIndex(0 if derived else max(0, self.age_band.findData(b.age_band)))
        if b.commune is not None:
            label = b.commune.name + (f" ({b.commune.postal_code})" if b.commune.postal_code
                                      else "")
            self.commune.setText(label)
            self._chosen_commune = {"name": b.commune.name, "postal_code": b.commune.postal_code,
                                    "insee": b.commune.insee}
            self._chosen_label = label

    # --- drafts -----------------------------------------------------------------------

    def draft_fields(self) -> dict[str, Any]:
        """Everything typed, as plain JSON values, to keep as a draft."""
        texts = {name: field.text() for name, field in (
            ("informed_on", self.informed_on), ("notice_version", self.notice_version),
            ("first_name", self.first_name), ("last_name", self.last_name),
            ("phone", self.phone), ("email", self.email), ("birth_year", self.birth_year),
            ("commune", self.commune))}
        return {
            **texts,
            "beneficiary_id": self._editing.id if self._editing is not None else None,
            "legal_basis": self.legal_basis.currentData(),
            "gender": self.gender.currentData(),
            "age_band": self.age_band.currentData(),
            "social_status": self.social_status.currentData(),
            "notes": self.notes.toPlainText(),
            "chosen_commune": (dict(self._chosen_commune)
                               if self._chosen_commune is not None else None),
            "chosen_label": self._chosen_label,
        }

    def restore_draft(self, fields: dict[str, Any]) -> None:
        """Show a draft as it was kept (`draft_fields`)."""
        for combo, name in ((self.legal_basis, "legal_basis"), (self.gender, "gender"),
                            (self.age_band, "age_band"),
                            (self.social_status, "social_status")):
            combo.setCurrentIndex(max(0, combo.findData(fields.get(name))))
        for name, field in (("informed_on", self.informed_on),
                            ("notice_version", self.notice_version),
                            ("first_name", self.first_name), ("last_name", self.last_name),
                            ("phone", self.phone), ("email", self.email),
                            ("birth_year", self.birth_year), ("commune", self.commune)):
            field.setText(str(fields.get(name) or ""))
        self.notes.setPlainText(str(fields.get("notes") or ""))
        chosen = fields.get("chosen_commune")
        self._chosen_commune = dict(chosen) if isinstance(chosen, dict) else None
        self._chosen_label = str(fields.get("chosen_label") or "")

    def reject(self) -> None:
        self.drafts.discard("cancelled")
        super().reject()

    @classmethod
    def ask(
        cls, parent: QWidget | None, vault: Vault, *, beneficiary: BeneficiaryOut | None = None,
        today: dt.date | None = None, draft: DraftOut | None = None,
    ) -> BeneficiaryOut | None:
        """Create a file (or edit `beneficiary`) and return it as saved; or return the
        existing file the worker chose to open instead; None if cancelled (or the
        vault locked: what was typed is then kept as a draft). With `draft`, the form
        reopens as it was kept (on the file it was editing, if it still exists)."""
        if draft is not None and beneficiary is None and draft.fields.get("beneficiary_id"):
            try:
                beneficiary = beneficiaries.get_beneficiary(
                    vault, int(draft.fields["beneficiary_id"]))
            except KnownError as err:  # gone since: the draft becomes a new file
                ops.note_error(err, action="beneficiary draft")
        dialog = cls(vault, beneficiary=beneficiary, today=today, draft=draft, parent=parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.value
        finally:
            dialog.clear_sensitive()
            dialog.deleteLater()

    # --- identity gate ---------------------------------------------------------------

    def identity_enabled(self) -> bool:
        """Identity may be kept: a legal basis is chosen and a valid information date
        (not in the future) is given."""
        day = parse_date(self.informed_on.text())
        return (self.legal_basis.currentData() is not None and day is not None
                and day <= self._today)

    def _identity_widgets(self) -> list[QWidget]:
        return [self.first_name, self.last_name, self.phone, self.email, self.birth_year,
                self.notes, self.notice_version]

    def _has_identity_text(self) -> bool:
        return any(w.text().strip() for w in (self.first_name, self.last_name, self.phone,
                                              self.email, self.birth_year)) or bool(
            self.notes.toPlainText().strip())

    def _update_identity(self) -> None:
        enabled = self.identity_enabled()
        for w in self._identity_widgets():
            w.setEnabled(enabled)
        self.identity_box.setEnabled(enabled)
        self.notes_box.setEnabled(enabled)
        show_message(self.basis_note, self._basis_text(enabled), error=False, announce=False)

    def _basis_text(self, enabled: bool) -> str:
        basis = self.legal_basis.currentData()
        text = self.informed_on.text().strip()
        day = parse_date(text)
        if enabled:
            assert day is not None
            return (self.tr("Identité conservée au titre de : %1 (personne informée le %2).")
                    .replace("%1", labels.vocab_label("legal_bases", basis))
                    .replace("%2", labels.date(day)))
        if text and day is None:
            why = self.tr("La date d'information n'est pas une date valide.")
        elif day is not None and day > self._today:
            why = self.tr("La date d'information ne peut pas être dans le futur.")
        elif basis is None:
            why = self.tr(
                "Sans base légale, seules des données statistiques sont conservées : "
                "l'identité et les notes restent fermées. Choisissez une base légale et "
                "indiquez quand la personne a été informée pour les saisir."
            )
        else:
            why = self.tr(
                "Indiquez la date à laquelle la personne a été informée du traitement de "
                "ses données : l'identité et les notes s'ouvrent ensuite."
            )
        if self._has_identity_text():
            why += " " + self.tr("L'identité et les notes saisies ne seront pas conservées.")
        return why

    def _identity_edited(self) -> None:
        self._confirmed = False

    # --- communes --------------------------------------------------------------------

    def _suggest_communes(self, text: str) -> None:
        self._chosen_commune = None
        if len(fold(text)) < 2:
            self._commune_model.setStringList([])
            return
        found = communes.search(text, _COMMUNE_SUGGESTIONS)
        self._communes = {c.label: c for c in found}
        self._commune_model.setStringList([c.label for c in found])
        if found:
            self._completer.complete()

    def _pick_commune(self, label: str) -> None:
        commune = self._communes.get(label)
        if commune is not None:
            self._chosen_commune = dict(commune.as_input())
            self._chosen_label = label
            self.commune.setText(label)

    def _commune_input(self) -> tuple[dict[str, str | None] | None, bool]:
        """The commune to save (None when empty), and whether the text is valid."""
        text = self.commune.text().strip()
        if not text:
            return None, True
        if self._chosen_commune is not None and text == self._chosen_label:
            return self._chosen_commune, True
        if text in self._communes:
            return dict(self._communes[text].as_input()), True
        exact = [c for c in communes.search(text, _COMMUNE_SUGGESTIONS)
                 if fold(c.label) == fold(text) or fold(c.name) == fold(text)]
        if len({c.insee for c in exact}) == 1:
            return dict(exact[0].as_input()), True
        return None, False

    # --- reading the form ------------------------------------------------------------

    def form_data(self) -> dict[str, Any] | None:
        """What the form would save, or None (with the problems shown) if a field
        cannot be read."""
        self._clear_errors()
        lang = current_lang()
        data: dict[str, Any] = {
            "gender": self.gender.currentData(),
            "social_status": self.social_status.currentData(),
            "age_band": self.age_band.currentData(),
            "legal_basis": self.legal_basis.currentData(),
        }
        ok = True
        informed = self.informed_on.text().strip()
        if informed:
            day = parse_date(informed)
            if day is None:
                self._show_error("informed_on", KnownError("invalid", "informed_on").message(lang))
                ok = False
            data["informed_on"] = day
        commune, valid = self._commune_input()
        if not valid:
            self._show_error("commune_name",
                             KnownError("not_in_list", "commune_name").message(lang))
            ok = False
        data["commune"] = commune
        if self.identity_enabled():
            for name, field in (("first_name", self.first_name), ("last_name", self.last_name),
                                ("phone", self.phone), ("email", self.email),
                                ("notice_version", self.notice_version)):
                data[name] = field.text().strip() or None
            data["notes"] = self.notes.toPlainText().strip() or None
            year = self.birth_year.text().strip()
            data["birth_year"] = int(year) if year else None
            if year and not EARLIEST_BIRTH_YEAR <= int(year) <= self._today.year:
                self._show_error("birth_year", KnownError(
                    "out_of_range", "birth_year", min=EARLIEST_BIRTH_YEAR,
                    max=self._today.year).message(lang))
                ok = False
        if not ok:
            self._focus_first_error()
            return None
        return data

    def _clear_errors(self) -> None:
        for label in self._errors.values():
            show_message(label, "", announce=False)
        show_message(self.message, "", announce=False)

    def _show_error(self, field: str | None, text: str) -> None:
        name = "commune_name" if field in _COMMUNE_FIELDS else field
        label = self._errors.get(name or "")
        show_message(label if label is not None else self.message, text)

    def _focus_first_error(self) -> None:
        for name, label in self._errors.items():
            if label.text():
                self._fields[name].setFocus()
                return

    # --- saving ----------------------------------------------------------------------

    def _on_save(self) -> None:
        data = self.form_data()
        if data is None:
            return
        if not self._confirmed:
            found = self._find_duplicates(data)
            if found is None:
                return
            if found:
                self._show_duplicates(found)
                return
        self._save(data)

    def _save_anyway(self) -> None:
        self._confirmed = True
        self._on_save()

    def _find_duplicates(self, data: dict[str, Any]) -> list[DuplicateCandidate] | None:
        try:
            return duplicates.find_duplicates(
                self._vault, first_name=data.get("first_name"), last_name=data.get("last_name"),
                phone=data.get("phone"), email=data.get("email"),
                birth_year=data.get("birth_year"),
                exclude_id=self._editing.id if self._editing else None,
            )
        except Exception as exc:
            self._failed(exc)
            return None

    def _save(self, data: dict[str, Any]) -> None:
        try:
            if self._editing is None:
                saved = beneficiaries.create_beneficiary(self._vault, data, today=self._today)
            else:
                saved = beneficiaries.update_beneficiary(self._vault, self._editing.id, data,
                                                         today=self._today)
        except Exception as exc:
            self._failed(exc)
            return
        self.value = saved
        self.drafts.discard("saved")
        ops.changes().changed.emit(TOPIC)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, KnownError):
            ops.note_error(exc, action="beneficiary_form")
            self._show_error(exc.field, exc.message(current_lang()))
            field = self._fields.get("commune_name" if exc.field in _COMMUNE_FIELDS
                                     else exc.field or "")
            if field is not None and field.isEnabled():
                field.setFocus()
        else:
            ops.show_error(self, exc, action="beneficiary_form")

    # --- duplicates ------------------------------------------------------------------

    def candidates(self) -> list[DuplicateCandidate]:
        return list(self._candidates)

    def _show_duplicates(self, found: list[DuplicateCandidate]) -> None:
        self._candidates = found
        table = self.duplicates_table
        table.setRowCount(len(found))
        reasons = {"name": self.tr("nom"), "phone": self.tr("téléphone"),
                   "email": self.tr("e-mail")}
        for row, c in enumerate(found):
            cells = (
                c.code,
                person_name(c.first_name, c.last_name) or "—",
                str(c.birth_year) if c.birth_year else "—",
                labels.date(c.last_contact) if c.last_contact else "—",
                ", ".join(reasons[r] for r in c.reasons),
            )
            for col, text in enumerate(cells):
                table.setItem(row, col, QTableWidgetItem(text))
        table.resizeColumnsToContents()
        # As tall as its rows: the form above must keep its room.
        table.setFixedHeight(table.horizontalHeader().sizeHint().height()
                             + table.verticalHeader().length() + 2 * table.frameWidth())
        note = self.tr(
            "Cette personne a peut-être déjà un dossier (%n proposé(s)). Ouvrez-le plutôt "
            "que d'en créer un second, ou enregistrez quand même s'il s'agit d'une autre "
            "personne.",
            "", len(found),
        )
        self.duplicates_note.setText(labels.resolve_plural(note, len(found)))
        self.duplicates_box.setVisible(True)
        show_message(self.message,
                     self.tr("Rien n'est enregistré tant que vous n'avez pas choisi."),
                     error=False)
        table.selectRow(0)
        table.setFocus()

    def _open_selected(self) -> None:
        rows = self.duplicates_table.selectionModel().selectedRows()
        if not rows or not self._candidates:
            return
        chosen = self._candidates[rows[0].row()]
        try:
            self.value = beneficiaries.get_beneficiary(self._vault, chosen.id)
        except Exception as exc:
            self._failed(exc)
            return
        self.drafts.discard("cancelled")  # the person's existing file is opened instead
        self.accept()

    def _merge_selected(self) -> None:
        rows = self.duplicates_table.selectionModel().selectedRows()
        if not rows or not self._candidates or self._editing is None:
            return
        done = MergeFilesDialog.ask(self, self._vault, self._editing.id,
                                    self._candidates[rows[0].row()].id, today=self._today)
        if done is not None:  # what was typed here is dropped: the merge chose the values
            self._open_merged(done.kept_id)

    def _open_merged(self, kept_id: int) -> None:
        try:
            self.value = beneficiaries.get_beneficiary(self._vault, kept_id)
        except Exception as exc:
            self._failed(exc)
            return
        self.drafts.discard("cancelled")
        self.accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter on a proposed file opens it (instead of pressing the default button).
        if (watched is self.duplicates_table and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self._open_selected()
            return True
        return super().eventFilter(watched, event)

    @classmethod
    def close_all(cls) -> None:
        """Empty and cancel every open form (the vault is being locked): nothing of
        what was typed stays on screen, and nothing is saved."""
        for dialog in list(cls._alive):
            if shiboken6.isValid(dialog) and dialog.isVisible():
                dialog.clear_sensitive()
                dialog.reject()

    def clear_sensitive(self) -> None:
        """Empty every field showing personal data."""
        for field in (self.first_name, self.last_name, self.phone, self.email,
                      self.birth_year, self.commune, self.informed_on, self.notice_version):
            field.clear()
        self.notes.clear()
        self.duplicates_table.setRowCount(0)
        self._candidates = []
        self._communes.clear()
        self._commune_model.setStringList([])
        self._chosen_commune = None
        self._clear_errors()


def _vocab_items(list_name: str) -> list[tuple[str, str]]:
    return [(t.key, t.label(current_lang())) for t in vocabulary().terms(list_name)]
