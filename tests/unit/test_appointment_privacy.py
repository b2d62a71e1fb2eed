"""Appointments follow the person's choices: withdrawing (or letting lapse) the
recontact consent cancels what was planned and stops the card and the calendar
file; anonymising or erasing a file deletes its appointments outright."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import CANARY_NEEDLES, canary_beneficiary
from sqlalchemy import text

from accomp.domain.appointments import Status
from accomp.domain.consent import Purpose
from accomp.domain.errors import KnownError
from accomp.services import appointment_documents, appointments, consents, rights

TODAY = dt.date(2026, 12, 3)
NOW = dt.datetime(2026, 12, 3, 10, 0, tzinfo=dt.UTC)
PLAN = {"date": "2026-12-10", "start_time": "14:30", "duration_min": 30,
        "place_type": "LieuActivite", "items": ["Attestation"]}


def person_with_plans(vault: Any, *, until: dt.date | None = None) -> tuple[Any, list[int]]:
    b = canary_beneficiary(vault)
    consents.give_consent(vault, b.id, Purpose.FOLLOW_UP_CONTACT,
                          at=dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC), valid_until=until)
    ids = [appointments.plan_appointment(vault, b.id, dict(PLAN, date=day),
                                         today=TODAY, now=NOW).id
           for day in ("2026-12-03", "2026-12-10")]
    return b, ids


def journal(vault: Any) -> list[tuple[str, str | None, str]]:
    with vault.reading() as s:
        return [tuple(r) for r in s.exec(  # type: ignore[call-overload]
            text("SELECT action, ref, details FROM audit_event ORDER BY id")).all()]


def rows_of(vault: Any, beneficiary_id: int) -> int:
    with vault.reading() as s:
        return int(s.exec(text(  # type: ignore[call-overload]
            f"SELECT count(*) FROM appointment WHERE beneficiary_id = {beneficiary_id}")).one()[0])


def test_withdrawing_recontact_cancels_planned_appointments_and_journals_why(vault) -> None:
    b, ids = person_with_plans(vault)
    appointments.set_status(vault, ids[0], "done", today=TODAY, now=NOW)
    later = NOW + dt.timedelta(hours=2)
    consents.withdraw_consent(vault, b.id, Purpose.FOLLOW_UP_CONTACT, at=later)
    assert appointments.upcoming(vault, today=TODAY) == []
    # What happened stays what it was; only what was still expected is cancelled.
    assert [a.status for a in appointments.appointments_of(vault, b.id, today=TODAY)] == [
        Status.DONE, Status.CANCELLED]
    action, ref, details = journal(vault)[-1]
    assert (action, ref) == ("appointment.cancel", b.code)
    assert "consent_withdrawn" in details
    assert str(ids[1]) in details
    assert not any(n in str(journal(vault)) for n in CANARY_NEEDLES)


def test_withdrawing_another_purpose_leaves_appointments_planned(vault) -> None:
    b, _ = person_with_plans(vault)
    consents.give_consent(vault, b.id, Purpose.NOTES, at=NOW)
    consents.withdraw_consent(vault, b.id, Purpose.NOTES, at=NOW + dt.timedelta(hours=1))
    assert len(appointments.upcoming(vault, today=TODAY)) == 2


def test_a_lapsed_recontact_consent_cancels_planned_appointments(vault) -> None:
    _b, _ = person_with_plans(vault, until=dt.date(2026, 12, 8))
    before = consents.record_lapsed(vault, at=NOW)
    assert before == 0
    assert len(appointments.upcoming(vault, today=TODAY)) == 2
    after = dt.datetime(2026, 12, 9, 8, 0, tzinfo=dt.UTC)
    assert consents.record_lapsed(vault, at=after) == 1
    assert appointments.upcoming(vault, today=after.date()) == []
    cancels = [d for a, _r, d in journal(vault) if a == "appointment.cancel"]
    assert len(cancels) == 2
    assert all("consent_expired" in d for d in cancels)


def test_no_card_and_no_calendar_file_once_the_consent_no_longer_holds(
    vault, tmp_path,
) -> None:
    _b, ids = person_with_plans(vault, until=dt.date(2026, 12, 8))
    assert appointment_documents.card(vault, ids[1], today=TODAY, now=NOW).html
    # Lapsed but not yet written down (the vault was open over the end date).
    after = dt.datetime(2026, 12, 9, 8, 0, tzinfo=dt.UTC)
    with pytest.raises(KnownError) as card:
        appointment_documents.card(vault, ids[1], today=after.date(), now=after)
    assert card.value.code == "appointment_needs_recontact"
    target = tmp_path / "rdv.ics"
    with pytest.raises(KnownError) as ics:
        appointment_documents.export_ics(vault, ids, target, today=after.date(), now=after)
    assert ics.value.code == "appointment_needs_recontact"
    assert not target.exists()
    assert not any(n in card.value.message("fr") for n in CANARY_NEEDLES)


@pytest.mark.parametrize("how", ["erasure", "retention"])
def test_anonymising_a_file_deletes_its_appointments(vault, how: str) -> None:
    from accomp.store import lifecycle
    from accomp.store.tables import Beneficiary

    b, ids = person_with_plans(vault)
    appointments.set_status(vault, ids[0], "missed", today=TODAY, now=NOW)
    assert rows_of(vault, b.id) == 2
    if how == "erasure":
        rights.erase_beneficiary(vault, b.id, now=NOW)
    else:
        with vault.transaction() as s:
            row = s.get(Beneficiary, b.id)
            assert row is not None
            lifecycle.anonymise_file(s, row, NOW)
    assert rows_of(vault, b.id) == 0
    with pytest.raises(KnownError):
        appointment_documents.card(vault, ids[1], today=TODAY, now=NOW)


def test_the_persons_access_copy_lists_their_appointments_and_fields(vault, tmp_path) -> None:
    from accomp.services import custom_fields

    b, ids = person_with_plans(vault)
    appointments.set_status(vault, ids[0], "missed", today=TODAY, now=NOW)
    member = custom_fields.create_field(vault, "Cohorte", "choice", ["Printemps", "Automne"])
    custom_fields.set_file_values(vault, b.id, {member.id: "Automne"})
    record = rights.access_record(vault, b.id, now=NOW)
    assert [(a["day"], a["start"], a["status"]) for a in record["appointments"]] == [
        ("2026-12-03", "14:30", "missed"), ("2026-12-10", "14:30", "planned")]
    assert record["custom_fields"] == {"Cohorte": "Automne"}
    result = rights.access_export(vault, b.id, tmp_path, now=NOW)
    import pypdf

    text = " ".join(" ".join(p.extract_text().split())
                    for p in pypdf.PdfReader(result.pdf_path).pages)
    assert "Vos rendez-vous" in text
    assert "Manqué" in text
    assert "Automne" in text
