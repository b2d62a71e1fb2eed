"""The beneficiary dialog (see the package): it reads the fields laid out by
`BeneficiaryFields`, lists the possible duplicates before saving, calls the service
and writes a refusal next to the field it names."""

from __future__ import annotations

import datetime as dt
import weakref
from typing import Any, ClassVar

import shiboken6
from PySide6.QtWidgets import (
    QDialog,
    QWidget,
)

from accomp.domain.errors import KnownError
from accomp.domain.models import BeneficiaryOut
from accomp.domain.rules import EARLIEST_BIRTH_YEAR
from accomp.services import beneficiaries, duplicates
from accomp.services.drafts import DraftOut
from accomp.services.duplicates import DuplicateCandidate
from accomp.services.vaults import Vault
from accomp.ui import labels, ops
from accomp.ui.dialogs.beneficiary_form import values
from accomp.ui.dialogs.beneficiary_form.fields import BeneficiaryFields
from accomp.ui.dialogs.beneficiary_form.identity import IdentityGate
from accomp.ui.dialogs.beneficiary_form.inputs import parse_date
from accomp.ui.dialogs.merge_files import MergeFilesDialog
from accomp.ui.drafts import DraftKeeper
from accomp.ui.field_errors import FieldErrors
from accomp.ui.labels import current_lang
from accomp.ui.widgets import (
    show_message,
)

TOPIC = "beneficiaries"
# Fields whose refusal is shown next to the commune.
_COMMUNE_FIELDS = ("commune_name", "commune_postal_code", "commune_insee")
NOT_GIVEN = "NonCommunique"


class BeneficiaryDialog(BeneficiaryFields):
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
        self._confirmed = False  # "save anyway" chosen for the candidates shown
        self.value: BeneficiaryOut | None = None

        # No code in the title: window titles reach the task bar and window lists.
        self.setWindowTitle(
            self.tr("Modifier le dossier") if beneficiary else self.tr("Nouveau bénéficiaire")
        )
        self._errors = FieldErrors(self, spacing=2)
        self._build()
        self._identity = IdentityGate(
            legal_basis=self.legal_basis, informed_on=self.informed_on, note=self.basis_note,
            identity=(self.first_name, self.last_name, self.phone, self.email,
                      self.birth_year),
            notes=self.notes, others=(self.notice_version, self.identity_box, self.notes_box),
            today=self._today, parent=self,
        )
        self._connect()
        for combo in (self.gender, self.social_status):
            combo.setCurrentIndex(combo.findData(NOT_GIVEN))
        if beneficiary is not None:
            values.fill(self, beneficiary, today=self._today)
        if draft is not None:
            self.restore_draft(draft.fields)
        self._identity.refresh()
        self.legal_basis.setFocus()
        BeneficiaryDialog._alive.add(self)
        # What is typed is kept in the vault a moment after each change and at lock.
        self.drafts = DraftKeeper(
            vault, self, kind=lambda: "beneficiary", read=self.draft_fields,
            beneficiary=lambda: beneficiary.id if beneficiary is not None else None,
            draft_id=draft.id if draft is not None else None,
        )
        self.drafts.watch(self)

    def _connect(self) -> None:
        self.legal_basis.currentIndexChanged.connect(self._identity.refresh)
        self.informed_on.textChanged.connect(self._identity.refresh)
        self.today_button.clicked.connect(
            lambda: self.informed_on.setText(labels.date(self._today)))
        for field in (self.first_name, self.last_name, self.phone, self.email, self.birth_year):
            field.textEdited.connect(self._identity_edited)
        self.notes.textChanged.connect(self._identity.refresh)
        self.commune_field.connect()
        self.open_button.clicked.connect(self._open_selected)
        self.duplicates_box.open_chosen.connect(self._open_selected)
        self.anyway_button.clicked.connect(self._save_anyway)
        self.merge_button.clicked.connect(self._merge_selected)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button.clicked.connect(self._on_save)

    # --- drafts -----------------------------------------------------------------------

    def draft_fields(self) -> dict[str, Any]:
        """Everything typed, as plain JSON values, to keep as a draft."""
        return values.draft_fields(self, self._editing.id if self._editing is not None else None)

    def restore_draft(self, fields: dict[str, Any]) -> None:
        """Show a draft as it was kept (`draft_fields`)."""
        values.restore_draft(self, fields)

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
        return self._identity.is_open()

    def _identity_edited(self) -> None:
        self._confirmed = False

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
        commune, valid = self.commune_field.value()
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
        self._errors.clear()
        show_message(self.message, "", announce=False)

    def _show_error(self, field: str | None, text: str) -> None:
        label = self._errors.label(_field_shown(field))
        show_message(label if label is not None else self.message, text)

    def _focus_first_error(self) -> None:
        first = self._errors.first_refused()
        if first is not None:
            first.setFocus()

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
            field = self._errors.target(_field_shown(exc.field))
            if field is not None and field.isEnabled():
                field.setFocus()
        else:
            ops.show_error(self, exc, action="beneficiary_form")

    # --- duplicates ------------------------------------------------------------------

    def candidates(self) -> list[DuplicateCandidate]:
        return self.duplicates_box.candidates()

    def _show_duplicates(self, found: list[DuplicateCandidate]) -> None:
        self.duplicates_box.show_candidates(found)
        show_message(self.message,
                     self.tr("Rien n'est enregistré tant que vous n'avez pas choisi."),
                     error=False)
        self.duplicates_box.focus_first()

    def _open_selected(self) -> None:
        chosen = self.duplicates_box.chosen()
        if chosen is not None:
            self._open_instead(chosen.id)

    def _merge_selected(self) -> None:
        chosen = self.duplicates_box.chosen()
        if chosen is None or self._editing is None:
            return
        done = MergeFilesDialog.ask(self, self._vault, self._editing.id, chosen.id,
                                    today=self._today)
        if done is not None:  # what was typed here is dropped: the merge chose the values
            self._open_instead(done.kept_id)

    def _open_instead(self, beneficiary_id: int) -> None:
        """Open an existing file (the person's, or the one kept by a merge) instead of
        saving what was typed."""
        try:
            self.value = beneficiaries.get_beneficiary(self._vault, beneficiary_id)
        except Exception as exc:
            self._failed(exc)
            return
        self.drafts.discard("cancelled")
        self.accept()

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
        for field in self.text_fields().values():
            field.clear()
        self.notes.clear()
        self.duplicates_box.clear()
        self.commune_field.clear()
        self._clear_errors()


def _field_shown(field: str | None) -> str | None:
    """The field whose message line shows a refusal of `field`."""
    return "commune_name" if field in _COMMUNE_FIELDS else field
