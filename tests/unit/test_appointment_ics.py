"""The .ics file for the worker's calendar, parsed back with icalendar: the file code
and the place only, unless the worker asked for the name (canary values)."""

from __future__ import annotations

import datetime as dt
import os
import stat
from typing import Any

import pytest
from conftest import CANARY, CANARY_NEEDLES, canary_beneficiary
from icalendar import Calendar
from sqlalchemy import text

from accomp.domain.consent import Purpose
from accomp.domain.errors import KnownError
from accomp.services import appointment_documents, appointments, consents

TODAY = dt.date(2026, 12, 3)
NOW = dt.datetime(2026, 12, 3, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def planned(vault: Any) -> tuple[Any, Any]:
    b = canary_beneficiary(vault)
    consents.give_consent(vault, b.id, Purpose.FOLLOW_UP_CONTACT,
                          at=dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC))
    a = appointments.plan_appointment(
        vault, b.id, {"date": "2026-12-10", "start_time": "14:30", "duration_min": 45,
                      "place_type": "Domicile", "items": ["CarteVitale"]},
        today=TODAY, now=NOW)
    return b, a


def events_of(path: Any) -> list[Any]:
    cal = Calendar.from_ical(path.read_bytes())
    return list(cal.walk("VEVENT"))


def test_by_default_the_calendar_gets_the_code_and_the_place_only(vault, planned,
                                                                 tmp_path) -> None:
    b, a = planned
    target = appointment_documents.export_ics(vault, [a.id], tmp_path / "rdv.ics",
                                              today=TODAY, now=NOW)
    raw = target.read_bytes().decode("utf-8")
    assert not any(n in raw for n in CANARY_NEEDLES)
    assert "Carte Vitale" not in raw  # not even what to bring
    [event] = events_of(target)
    assert str(event["summary"]) == f"Rendez-vous {b.code}"
    assert str(event["location"]) == "À domicile"
    assert event.decoded("dtstart") == dt.datetime(2026, 12, 10, 14, 30)
    assert event.decoded("dtend") == dt.datetime(2026, 12, 10, 15, 15)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600


def test_the_name_goes_out_only_when_the_worker_asks(vault, planned, tmp_path) -> None:
    b, a = planned
    target = appointment_documents.export_ics(vault, [a.id], tmp_path / "rdv.ics", with_name=True,
                                     lang="en", today=TODAY, now=NOW)
    [event] = events_of(target)
    assert CANARY["last_name"] in str(event["summary"])
    assert str(event["summary"]).startswith(f"Appointment {b.code}")
    assert str(event["class"]) == "PRIVATE"
    with vault.reading() as s:
        last = s.exec(text(  # type: ignore[call-overload]
            "SELECT action, details FROM audit_event ORDER BY id DESC LIMIT 1")).one()
    assert last[0] == "appointment.export"
    assert '"with_name": true' in last[1] or '"with_name":true' in last[1]
    assert not any(n in str(last) for n in CANARY_NEEDLES)
    assert "rdv" not in str(last)


def test_the_calendar_file_is_never_written_in_the_data_folder(vault, planned) -> None:
    _, a = planned
    with pytest.raises(KnownError) as caught:
        appointment_documents.export_ics(vault, [a.id], vault.paths.data_dir / "rdv.ics",
                                today=TODAY, now=NOW)
    assert caught.value.code == "output_in_data_folder"
    with pytest.raises(KnownError):
        appointment_documents.export_ics(vault, [], vault.paths.data_dir.parent / "x.ics",
                                today=TODAY, now=NOW)
