"""Custom fields the structure defines: named once in Paramètres (a short text or a
choice), set on people's files, used to filter the journal; their values are about
the person: never journaled, a text never cuts an anonymised output, given in the
access record and gone when the file is anonymised. Sessions' values, the
dashboard and summary filters and renaming: test_session_fields.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import CANARY_NEEDLES, an_activity, canary_beneficiary
from sqlalchemy import text

from accomp.domain.errors import KnownError
from accomp.domain.models import ActivityFilter
from accomp.services import activities, beneficiaries, custom_fields, reports, rights

TODAY = dt.date(2026, 11, 28)
NOW = dt.datetime(2026, 11, 28, 10, 0, tzinfo=dt.UTC)
SECRET = "Canary-Adhérent-7731"  # a value typed by the worker, about the person


def journal(vault: Any) -> str:
    with vault.reading() as s:
        return str(s.exec(text(  # type: ignore[call-overload]
            "SELECT action, ref, details FROM audit_event ORDER BY id")).all())


def structure_fields(vault: Any) -> tuple[Any, Any]:
    district = custom_fields.create_field(vault, "Quartier prioritaire", "choice",
                                          ["Oui", "Non"], now=NOW)
    member = custom_fields.create_field(vault, "  N° d'adhérent ", "text", now=NOW)
    return district, member


def test_fields_are_defined_once_with_clean_names_and_choices(vault) -> None:
    district, member = structure_fields(vault)
    assert (member.name, member.kind, member.choices) == ("N° d'adhérent", "text", ())
    assert district.choices == ("Oui", "Non")
    assert [f.name for f in custom_fields.list_fields(vault)] == [
        "N° d'adhérent", "Quartier prioritaire"]
    refusals = [
        (("quartier PRIORITAIRE", "text"), "custom_field_exists"),
        (("", "text"), "required"),
        (("Cohorte", "choice", ["Seule"]), "custom_field_choices"),
        (("Cohorte", "choice", ["A", "a"]), "custom_field_choices"),
        (("Cohorte", "date"), "not_in_list"),
        (("Ligne\nbrisée", "text"), "control_chars"),
    ]
    for args, code in refusals:
        with pytest.raises(KnownError) as caught:
            custom_fields.create_field(vault, *args)
        assert caught.value.code == code, args
        assert caught.value.message("fr")
        assert caught.value.message("en")


def test_values_on_a_file_are_checked_kept_and_journaled_without_them(vault) -> None:
    district, member = structure_fields(vault)
    b = canary_beneficiary(vault)
    kept = custom_fields.set_file_values(
        vault, b.id, {district.id: "Oui", member.id: SECRET}, now=NOW)
    assert kept == {district.id: "Oui", member.id: SECRET}
    assert custom_fields.file_values(vault, b.id) == kept
    assert "beneficiary.fields" in journal(vault)
    assert SECRET not in journal(vault)
    assert "Oui" not in journal(vault)
    with pytest.raises(KnownError) as caught:
        custom_fields.set_file_values(vault, b.id, {district.id: "Peut-être"}, now=NOW)
    assert caught.value.code == "custom_field_not_a_choice"
    with pytest.raises(KnownError) as long:
        custom_fields.set_file_values(vault, b.id, {member.id: "x" * 81}, now=NOW)
    assert long.value.code == "too_long"
    assert SECRET not in long.value.message("fr")
    # emptying a field removes the value
    assert custom_fields.set_file_values(vault, b.id, {member.id: ""}, now=NOW) == {
        district.id: "Oui"}
    custom_fields.delete_field(vault, district.id, now=NOW)
    assert custom_fields.file_values(vault, b.id) == {}


def test_the_journal_filters_sessions_on_a_choice_of_the_persons_file(vault) -> None:
    district, _ = structure_fields(vault)
    inside = canary_beneficiary(vault)
    outside = beneficiaries.create_beneficiary(vault, {"gender": "Masculin"}, today=TODAY)
    custom_fields.set_file_values(vault, inside.id, {district.id: "Oui"}, now=NOW)
    custom_fields.set_file_values(vault, outside.id, {district.id: "Non"}, now=NOW)
    mine = activities.log_activity(vault, an_activity(beneficiary_id=inside.id),
                                   today=TODAY, at=NOW)
    activities.log_activity(vault, an_activity(beneficiary_id=outside.id), today=TODAY, at=NOW)
    activities.log_activity(vault, an_activity(), today=TODAY, at=NOW)
    chosen = ActivityFilter(custom_field=district.id, custom_value="Oui")
    assert [r.id for r in activities.list_activities(vault, chosen)] == [mine.id]
    assert activities.count_activities(vault, chosen) == 1
    assert activities.count_activities(vault, ActivityFilter()) == 3
    member = next(f for f in custom_fields.list_fields(vault) if f.kind == "text")
    with pytest.raises(KnownError) as caught:  # a text is never a summary's filter
        reports.summary(vault, "2026-01-01", "2026-12-31",
                        filters={"custom_field": member.id, "custom_value": "Oui"})
    assert caught.value.code == "custom_field_filter_output"


def test_values_are_in_the_access_record_and_gone_at_anonymisation(vault) -> None:
    _, member = structure_fields(vault)
    b = canary_beneficiary(vault)
    custom_fields.set_file_values(vault, b.id, {member.id: SECRET}, now=NOW)
    assert rights.access_record(vault, b.id, now=NOW)["custom_fields"] == {
        "N° d'adhérent": SECRET}
    rights.erase_beneficiary(vault, b.id, now=NOW)
    assert custom_fields.file_values(vault, b.id) == {}
    with vault.reading() as s:
        stored = s.exec(text("SELECT count(*) FROM file_field_value")).one()[0]  # type: ignore[call-overload]
    assert stored == 0
    with pytest.raises(KnownError) as caught:
        custom_fields.set_file_values(vault, b.id, {member.id: SECRET}, now=NOW)
    assert caught.value.code == "already_anonymised"
    assert not any(n in journal(vault) for n in CANARY_NEEDLES)


def test_a_merge_moves_values_and_appointments_to_the_kept_file_and_undo_puts_them_back(
    vault,
) -> None:
    from accomp.domain.consent import Purpose
    from accomp.services import appointments, consents, merge

    district, member = structure_fields(vault)
    kept = canary_beneficiary(vault)
    absorbed = beneficiaries.create_beneficiary(vault, {
        "first_name": "Zephyrine", "last_name": "ANCIEN", "gender": "Feminin",
        "legal_basis": "MissionInteretPublic", "informed_on": "2026-09-15"}, today=TODAY)
    custom_fields.set_file_values(vault, kept.id, {district.id: "Non"}, now=NOW)
    custom_fields.set_file_values(vault, absorbed.id, {district.id: "Oui", member.id: SECRET},
                                  now=NOW)
    consents.give_consent(vault, absorbed.id, Purpose.FOLLOW_UP_CONTACT, at=NOW)
    planned = appointments.plan_appointment(vault, absorbed.id, {
        "date": "2026-12-10", "start_time": "10:00", "duration_min": 30,
        "place_type": "LieuActivite"}, today=TODAY, now=NOW)

    merge.merge(vault, kept.id, absorbed.id, now=NOW)
    assert custom_fields.file_values(vault, kept.id) == {district.id: "Non", member.id: SECRET}
    assert custom_fields.file_values(vault, absorbed.id) == {}  # the shell keeps nothing
    assert [a.id for a in appointments.appointments_of(vault, kept.id, today=TODAY)] == [
        planned.id]
    assert [a.code for a in appointments.upcoming(vault, today=TODAY)] == [kept.code]

    merge.undo_last_merge(vault, now=NOW + dt.timedelta(minutes=5))
    assert custom_fields.file_values(vault, kept.id) == {district.id: "Non"}
    assert custom_fields.file_values(vault, absorbed.id) == {district.id: "Oui",
                                                             member.id: SECRET}
    assert [a.id for a in appointments.appointments_of(vault, absorbed.id, today=TODAY)] == [
        planned.id]
    assert SECRET not in journal(vault)
