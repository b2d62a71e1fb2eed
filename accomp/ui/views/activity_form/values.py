"""What the activity form holds: read as the service's input (refusing what it
cannot read), as a draft (never refusing), as a state to tell whether something
was typed; and shown again from a stored session or from a draft.

A stored session and a draft are shown by the same code (`_show`): only the date,
the commune and the person differ in how they are kept."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

from accomp.domain.errors import KnownError
from accomp.domain.models import ActivityIn, BeneficiaryOut
from accomp.services import beneficiaries
from accomp.ui import ops
from accomp.ui.drafts import as_date
from accomp.ui.views.activity_form.kinds import INDIVIDUAL, MANAGED_FIELDS
from accomp.ui.widgets import qdate

if TYPE_CHECKING:
    from accomp.ui.views.activity_form.form import ActivityForm


def service_input(form: ActivityForm) -> dict[str, Any]:
    """The service's input from what is shown. Raises KnownError when a picker holds
    text that names nobody or no commune (the form does not guess)."""
    kind = form.kind_key()
    out: dict[str, Any] = {
        **form.kept,
        "kind": kind,
        "date": form.date.date().toPython(),
        "duration_min": form.duration_min(),
        "place_type": form.place.key(),
        "themes": form.themes.keys(),
        "equipment": form.equipment_boxes.keys(),
        "notes": form.notes.toPlainText() or None,
    }
    if form.needs_commune():
        out["commune"] = form.commune.commune_input()
    if form.is_admin():
        out["admin_themes"] = form.admin_themes.keys()
        out["procedure_details"] = form.details.text() or None
    if kind == INDIVIDUAL:
        referred = form.referred.isChecked()
        out["beneficiary_id"] = form.beneficiary.beneficiary_id()
        out["autonomy"] = form.autonomy.key()
        out["referred"] = referred
        out["referral_target"] = form.referral_target.key() if referred else None
        out["referral_shares_data"] = referred and form.shares_data.isChecked()
        out["completion"] = form.completion.key()
        out["under_mandate_scope"] = form.mandate_scope.key()
    else:
        out["workshop_title"] = form.title.text() if form.title.text().strip() else None
        out["level"] = form.level.key()
        out["participant_ids"] = form.participants.ids()
        out["anonymous"] = form.counts.value()
    return out


def draft_fields(form: ActivityForm) -> dict[str, Any]:
    """Everything shown, as plain JSON values: unlike `service_input` it never
    refuses (a name typed but not picked is kept as typed)."""
    commune: dict[str, Any] = {"text": form.commune.text()}
    try:
        commune["input"] = form.commune.commune_input()
    except KnownError:  # text naming no commune yet: kept as typed
        commune["input"] = None
    chosen = form.beneficiary.beneficiary()
    return {
        "kind": form.kind_key(),
        "date": form.date.date().toString(Qt.DateFormat.ISODate),
        "duration_min": form.duration_min(),
        "place_type": form.place.key(),
        "commune": commune,
        "themes": form.themes.keys(),
        "admin_themes": form.admin_themes.keys(),
        "procedure_details": form.details.text(),
        "equipment": form.equipment_boxes.keys(),
        "notes": form.notes.toPlainText(),
        "beneficiary_id": chosen.id if chosen is not None else None,
        "beneficiary_text": "" if chosen is not None else form.beneficiary.text(),
        "autonomy": form.autonomy.key(),
        "referred": form.referred.isChecked(),
        "referral_target": form.referral_target.key(),
        "referral_shares_data": form.shares_data.isChecked(),
        "completion": form.completion.key(),
        "under_mandate_scope": form.mandate_scope.key(),
        "workshop_title": form.title.text(),
        "level": form.level.key(),
        "participant_ids": form.participants.ids(),
        "anonymous": form.counts.value(),
    }


def screen_state(form: ActivityForm) -> tuple[Any, ...]:
    """What is on screen, to tell whether something was typed."""
    return (
        form.kind.currentIndex(), form.beneficiary.text(), form.date.date(),
        form.duration.currentIndex(), form.custom_duration.time(),
        form.place.currentIndex(), form.commune.text(), tuple(form.themes.keys()),
        tuple(form.admin_themes.keys()), form.details.text(),
        form.equipment_boxes.state(),
        form.autonomy.currentIndex(), form.referred.isChecked(),
        form.referral_target.currentIndex(), form.shares_data.isChecked(),
        form.completion.currentIndex(), form.mandate_scope.currentIndex(),
        form.notes.toPlainText(), form.title.text(), form.level.currentIndex(),
        tuple(form.participants.ids()), form.counts.state(),
    )


def show_activity(form: ActivityForm, a: ActivityIn, *, as_copy: bool = False) -> None:
    """Show a stored session; as a copy, dated today and without its notes."""
    form.kept = {
        name: getattr(a, name) for name in ActivityIn.model_fields
        if name not in MANAGED_FIELDS
    }
    if a.commune is not None:
        form.commune.set_stored(a.commune.name, a.commune.postal_code, a.commune.insee)
    form.beneficiary.set_beneficiary(_person(form, a.beneficiary_id))
    fields = a.model_dump(exclude={"commune", "beneficiary_id"})
    fields["date"] = form.today if as_copy else a.date
    if as_copy:
        fields["notes"] = ""
    _show(form, fields)


def restore_draft(form: ActivityForm, fields: dict[str, Any]) -> None:
    """Show a draft as it was kept (`draft_fields`)."""
    commune = fields.get("commune") or {}
    stored = commune.get("input")
    if stored:
        form.commune.set_stored(stored.get("name"), stored.get("postal_code"),
                                stored.get("insee"))
    else:
        form.commune.set_commune(None)
        form.commune.edit.setText(str(commune.get("text") or ""))
    person = _person(form, fields.get("beneficiary_id"))
    form.beneficiary.set_beneficiary(person)
    if person is None and fields.get("beneficiary_text"):
        form.beneficiary.edit.setText(str(fields["beneficiary_text"]))
    _show(form, fields)


def _show(form: ActivityForm, fields: Mapping[str, Any]) -> None:
    """Show every field but the commune and the person, from plain values."""
    form.kind.set_value(fields.get("kind") or INDIVIDUAL)
    day = as_date(fields.get("date"))
    if day is not None:
        form.date.setDate(qdate(day))
    if fields.get("duration_min"):
        form.set_duration(int(fields["duration_min"]))
    form.place.set_key(fields.get("place_type"))
    form.themes.set_keys(fields.get("themes") or [])
    form.admin_themes.set_keys(fields.get("admin_themes") or [])
    form.details.setText(str(fields.get("procedure_details") or ""))
    form.equipment_boxes.set_keys(fields.get("equipment") or [])
    form.notes.setPlainText(str(fields.get("notes") or ""))
    form.autonomy.set_key(fields.get("autonomy"))
    form.referred.setChecked(bool(fields.get("referred")))
    form.referral_target.set_key(fields.get("referral_target"))
    form.shares_data.setChecked(bool(fields.get("referral_shares_data")))
    form.completion.set_key(fields.get("completion"))
    form.mandate_scope.set_key(fields.get("under_mandate_scope"))
    form.title.setText(str(fields.get("workshop_title") or ""))
    form.level.set_key(fields.get("level"))
    people = [_person(form, int(i)) for i in fields.get("participant_ids") or []]
    form.participants.set_participants(p for p in people if p is not None)
    form.counts.set_value(fields.get("anonymous") or {})
    form.sync()


def _person(form: ActivityForm, beneficiary_id: int | None) -> BeneficiaryOut | None:
    if beneficiary_id is None:
        return None
    try:
        return beneficiaries.get_beneficiary(form.vault, beneficiary_id)
    except KnownError as err:  # gone since: the service will say so on save
        ops.note_error(err, action="activity form")
        return None
