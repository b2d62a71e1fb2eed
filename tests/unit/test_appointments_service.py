"""Appointments as the service keeps them: planned only with the recontact consent,
listed by what is coming, marked done / missed / cancelled, counted, and journaled
without a name."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import CANARY_NEEDLES, an_activity, canary_beneficiary
from sqlalchemy import text

from accomp.domain.appointments import Bucket, Status
from accomp.domain.consent import Purpose
from accomp.domain.errors import KnownError
from accomp.services import activities, appointments, consents

TODAY = dt.date(2026, 12, 3)  # a Thursday
NOW = dt.datetime(2026, 12, 3, 10, 0, tzinfo=dt.UTC)


def a_plan(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"date": "2026-12-10", "start_time": "14:30",
                            "duration_min": 30, "place_type": "LieuActivite",
                            "items": ["Attestation", "PieceIdentite"]}
    data.update(overrides)
    return data


def person(vault: Any, *, recontact: bool = True) -> Any:
    b = canary_beneficiary(vault)
    if recontact:
        consents.give_consent(vault, b.id, Purpose.FOLLOW_UP_CONTACT,
                              at=dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC))
    return b


def journal(vault: Any) -> list[tuple[str, str | None, str]]:
    with vault.reading() as s:
        return [tuple(r) for r in s.exec(  # type: ignore[call-overload]
            text("SELECT action, ref, details FROM audit_event ORDER BY id")).all()]


def test_a_planned_appointment_keeps_its_plan_and_is_journaled_without_a_name(vault) -> None:
    b = person(vault)
    a = appointments.plan_appointment(vault, b.id, a_plan(), today=TODAY, now=NOW)
    assert (a.day, a.start, a.place_type) == (dt.date(2026, 12, 10), dt.time(14, 30),
                                              "LieuActivite")
    assert a.items == ("Attestation", "PieceIdentite")
    assert a.status == Status.PLANNED
    assert a.code == b.code
    action, ref, details = journal(vault)[-1]
    assert (action, ref) == ("appointment.plan", b.code)
    assert "2026-12-10" in details
    assert not any(n in str(journal(vault)) for n in CANARY_NEEDLES)


@pytest.mark.parametrize(("history", "why_fr", "why_en"), [
    ("none", "n'a pas donné son consentement", "has not given consent"),
    ("withdrawn", "a retiré son consentement", "has withdrawn their consent"),
])
def test_without_recontact_consent_planning_is_refused_and_the_worker_told_why(
    vault, history: str, why_fr: str, why_en: str,
) -> None:
    b = person(vault, recontact=history != "none")
    if history == "withdrawn":
        consents.withdraw_consent(vault, b.id, Purpose.FOLLOW_UP_CONTACT,
                                  at=NOW - dt.timedelta(hours=1))
    with pytest.raises(KnownError) as caught:
        appointments.plan_appointment(vault, b.id, a_plan(), today=TODAY, now=NOW)
    err = caught.value
    assert err.code == "appointment_needs_recontact"
    assert why_fr in err.message("fr")
    assert "Recontact pour le suivi" in err.message("fr")
    assert why_en in err.message("en")
    assert "Follow-up contact" in err.message("en")
    assert not any(n in err.message("fr") for n in CANARY_NEEDLES)
    assert appointments.upcoming(vault, today=TODAY) == []


def test_an_expired_recontact_consent_refuses_a_later_appointment(vault) -> None:
    b = canary_beneficiary(vault)
    consents.give_consent(vault, b.id, Purpose.FOLLOW_UP_CONTACT, at=NOW,
                          valid_until=dt.date(2026, 12, 5))
    later = dt.datetime(2026, 12, 6, 9, 0, tzinfo=dt.UTC)
    with pytest.raises(KnownError) as caught:
        appointments.plan_appointment(vault, b.id, a_plan(), today=later.date(), now=later)
    assert "expiré" in caught.value.message("fr")


def test_from_a_session_the_appointment_goes_to_the_person_of_that_session(vault) -> None:
    b = person(vault)
    session = activities.log_activity(
        vault, an_activity(date="2026-12-03", beneficiary_id=b.id), today=TODAY, at=NOW)
    a = appointments.plan_from_session(vault, session.id, a_plan(), today=TODAY, now=NOW)
    assert (a.beneficiary_id, a.activity_id) == (b.id, session.id)
    anonymous = activities.log_activity(vault, an_activity(date="2026-12-03"),
                                        today=TODAY, at=NOW)
    with pytest.raises(KnownError) as caught:
        appointments.plan_from_session(vault, anonymous.id, a_plan(), today=TODAY, now=NOW)
    assert caught.value.code == "appointment_needs_file"


def test_the_upcoming_list_shows_overdue_today_this_week_and_later(vault) -> None:
    b = person(vault)
    planned_on = dt.date(2026, 11, 30)
    at = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)
    for day in ("2026-12-01", "2026-12-03", "2026-12-05", "2026-12-09"):
        appointments.plan_appointment(vault, b.id, a_plan(date=day), today=planned_on, now=at)
    listed = appointments.upcoming(vault, today=TODAY)
    assert [a.bucket for a in listed] == [Bucket.OVERDUE, Bucket.TODAY, Bucket.THIS_WEEK,
                                          Bucket.LATER]
    assert [a.day.isoformat() for a in appointments.upcoming(
        vault, today=TODAY, until=dt.date(2026, 12, 6))] == [
        "2026-12-01", "2026-12-03", "2026-12-05"]
    assert len(appointments.upcoming(vault, today=TODAY, beneficiary_id=b.id)) == 4


def test_marking_missed_takes_it_off_the_list_and_counts_it(vault) -> None:
    b = person(vault)
    at = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)
    first = appointments.plan_appointment(vault, b.id, a_plan(date="2026-12-01"),
                                          today=at.date(), now=at)
    second = appointments.plan_appointment(vault, b.id, a_plan(date="2026-12-02"),
                                           today=at.date(), now=at)
    third = appointments.plan_appointment(vault, b.id, a_plan(date="2026-12-20"),
                                          today=at.date(), now=at)
    missed = appointments.mark_missed(vault, first.id, today=TODAY, now=NOW)
    assert missed.status == Status.MISSED
    assert missed.bucket is None
    appointments.set_status(vault, second.id, "done", today=TODAY, now=NOW)
    appointments.set_status(vault, third.id, "cancelled", today=TODAY, now=NOW)
    assert appointments.upcoming(vault, today=TODAY) == []
    counts = appointments.counts(vault, dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    assert (counts.missed, counts.done, counts.cancelled, counts.planned) == (1, 1, 1, 0)
    assert counts.total == 3
    assert [j[0] for j in journal(vault)[-3:]] == [
        "appointment.missed", "appointment.done", "appointment.cancel"]
    assert [a.status for a in appointments.appointments_of(vault, b.id, today=TODAY)] == [
        Status.MISSED, Status.DONE, Status.CANCELLED]


def test_status_changes_the_rules_forbid_are_refused(vault) -> None:
    b = person(vault)
    a = appointments.plan_appointment(vault, b.id, a_plan(), today=TODAY, now=NOW)
    with pytest.raises(KnownError) as early:
        appointments.mark_missed(vault, a.id, today=TODAY, now=NOW)
    assert (early.value.code, early.value.field) == ("date_future", "date")
    appointments.set_status(vault, a.id, "cancelled", today=TODAY, now=NOW)
    with pytest.raises(KnownError) as caught:
        appointments.set_status(vault, a.id, "done", today=dt.date(2026, 12, 11))
    assert caught.value.code == "appointment_status"
    assert "Annulé" in caught.value.message("fr")
    assert "Cancelled" in caught.value.message("en")
    with pytest.raises(KnownError) as missing:
        appointments.mark_missed(vault, 999, today=TODAY, now=NOW)
    assert (missing.value.code, missing.value.field) == ("not_found", "appointment")


def test_an_invalid_plan_writes_nothing(vault) -> None:
    b = person(vault)
    before = journal(vault)
    with pytest.raises(KnownError) as caught:
        appointments.plan_appointment(vault, b.id, a_plan(date="2026-12-01"),
                                      today=TODAY, now=NOW)
    assert caught.value.code == "date_past"
    assert journal(vault) == before


def test_an_erased_file_has_nothing_coming_up(vault) -> None:
    from accomp.services import rights

    b = person(vault)
    appointments.plan_appointment(vault, b.id, a_plan(), today=TODAY, now=NOW)
    rights.erase_beneficiary(vault, b.id, now=NOW)
    assert appointments.upcoming(vault, today=TODAY) == []
    with pytest.raises(KnownError) as caught:
        appointments.plan_appointment(vault, b.id, a_plan(), today=TODAY, now=NOW)
    assert caught.value.code == "already_anonymised"


def test_unknown_sessions_files_and_appointments_are_refused_by_name(vault, tmp_path) -> None:
    from accomp.services import appointment_documents

    with pytest.raises(KnownError) as session:
        appointments.plan_from_session(vault, 999, a_plan(), today=TODAY, now=NOW)
    assert (session.value.code, session.value.field) == ("not_found", "activity")
    with pytest.raises(KnownError) as file:
        appointments.appointments_of(vault, 999, today=TODAY)
    assert (file.value.code, file.value.field) == ("not_found", "beneficiary")
    with pytest.raises(KnownError) as card:
        appointment_documents.card(vault, 999, today=TODAY, now=NOW)
    assert card.value.field == "appointment"
    with pytest.raises(KnownError) as ics:
        appointment_documents.export_ics(vault, [999], tmp_path / "x.ics", today=TODAY, now=NOW)
    assert ics.value.field == "appointment"
    assert not (tmp_path / "x.ics").exists()


def test_an_appointment_knows_when_it_starts(vault) -> None:
    b = person(vault)
    a = appointments.plan_appointment(vault, b.id, a_plan(items=[]), today=TODAY, now=NOW)
    assert a.starts_at == dt.datetime(2026, 12, 10, 14, 30)
    assert a.items == ()
