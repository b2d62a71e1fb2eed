"""What the beneficiary form shows: a stored file, and the draft of what was typed
(kept as plain JSON values, shown again as it was)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from accomp.domain.models import BeneficiaryOut
from accomp.domain.rules import age_band as derived_age_band
from accomp.ui import labels

if TYPE_CHECKING:
    from accomp.ui.dialogs.beneficiary_form.dialog import BeneficiaryDialog


def fill(form: BeneficiaryDialog, b: BeneficiaryOut, *, today: dt.date) -> None:
    """Show a stored file; its age band stays "derived" when the birth year gives it."""
    form.legal_basis.setCurrentIndex(max(0, form.legal_basis.findData(b.legal_basis)))
    if b.informed_on is not None:
        form.informed_on.setText(labels.date(b.informed_on))
    form.notice_version.setText(b.notice_version or "")
    form.first_name.setText(b.first_name or "")
    form.last_name.setText(b.last_name or "")
    form.phone.setText(b.phone or "")
    form.email.setText(b.email or "")
    form.birth_year.setText(str(b.birth_year) if b.birth_year else "")
    form.notes.setPlainText(b.notes or "")
    form.gender.setCurrentIndex(max(0, form.gender.findData(b.gender)))
    form.social_status.setCurrentIndex(max(0, form.social_status.findData(b.social_status)))
    derived = b.birth_year is not None and b.age_band == derived_age_band(b.birth_year, today)
    form.age_band.setCurrentIndex(0 if derived else max(0, form.age_band.findData(b.age_band)))
    if b.commune is not None:
        form.commune_field.show_stored(b.commune)


def draft_fields(form: BeneficiaryDialog, editing_id: int | None) -> dict[str, Any]:
    """Everything typed, as plain JSON values."""
    commune = form.commune_field
    return {
        **{name: field.text() for name, field in form.text_fields().items()},
        "beneficiary_id": editing_id,
        **{name: combo.currentData() for name, combo in form.choice_fields().items()},
        "notes": form.notes.toPlainText(),
        "chosen_commune": dict(commune.chosen) if commune.chosen is not None else None,
        "chosen_label": commune.chosen_label,
    }


def restore_draft(form: BeneficiaryDialog, fields: dict[str, Any]) -> None:
    """Show a draft as it was kept (`draft_fields`)."""
    commune = form.commune_field
    for name, combo in form.choice_fields().items():
        combo.setCurrentIndex(max(0, combo.findData(fields.get(name))))
    for name, field in form.text_fields().items():
        field.setText(str(fields.get(name) or ""))
    form.notes.setPlainText(str(fields.get("notes") or ""))
    chosen = fields.get("chosen_commune")
    commune.chosen = dict(chosen) if isinstance(chosen, dict) else None
    commune.chosen_label = str(fields.get("chosen_label") or "")
