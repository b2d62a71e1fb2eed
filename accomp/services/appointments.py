"""Appointments: plan a follow-up with a person (from a session or from their file),
list what is coming (overdue, today, this week, later), say how it went (done,
missed, cancelled) and count them for the dashboard.

An appointment holds no free text and no identity: a day, a time, a duration, a
place type and a checklist, all from the reference lists, and the file's id. The
journal names the file by its pseudonymous code and the appointment by its id.

Planning needs the file's "RecontactSuivi" consent (domain.consent,
Action.PLAN_APPOINTMENT), at the instant of planning. Saying how an appointment went
does not: it records what happened, and the person may have withdrawn meanwhile.
Every function takes `today` (and `now`) so that tests freeze the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from accomp.domain import appointments as rules
from accomp.domain.appointments import Bucket, Status
from accomp.domain.clock import instant
from accomp.domain.consent import Action
from accomp.domain.errors import KnownError
from accomp.domain.vocab import vocabulary
from accomp.services import consent_records as records
from accomp.store import appointments as store
from accomp.store import audit, repo
from accomp.store import consents as consent_store
from accomp.store.appointments import Appointment
from accomp.store.tables import Activity
from accomp.store.vault import Vault

# Journal action per status change (appointment.* in ui/audit_labels.py).
_STATUS_ACTIONS = {
    Status.DONE: "appointment.done",
    Status.MISSED: "appointment.missed",
    Status.CANCELLED: "appointment.cancel",
}


@dataclass(frozen=True, slots=True)
class AppointmentOut:
    id: int
    beneficiary_id: int
    code: str  # the file's pseudonymous code
    activity_id: int | None
    day: dt.date
    start: dt.time
    duration_min: int
    place_type: str
    items: tuple[str, ...]
    status: Status
    bucket: Bucket | None  # where it falls in the "À venir" list on the day asked

    @property
    def starts_at(self) -> dt.datetime:
        return dt.datetime.combine(self.day, self.start)


@dataclass(frozen=True, slots=True)
class AppointmentCounts:
    """Appointments of a period's days, by status (for the dashboard)."""

    planned: int = 0
    done: int = 0
    missed: int = 0
    cancelled: int = 0

    @property
    def total(self) -> int:
        return self.planned + self.done + self.missed + self.cancelled


def _out(row: Appointment, code: str, today: dt.date) -> AppointmentOut:
    assert row.id is not None
    return AppointmentOut(
        id=row.id, beneficiary_id=row.beneficiary_id, code=code, activity_id=row.activity_id,
        day=row.day, start=row.start, duration_min=row.duration_min,
        place_type=row.place_type, items=tuple(row.items), status=Status(row.status),
        bucket=rules.bucket(row.day, row.status, today),
    )


def _require_recontact(s: Any, beneficiary_id: int, at: dt.datetime) -> str:
    """The file's code once planning is allowed at `at`; else the refusal, in words
    that say why an appointment needs this consent."""
    row = records._open_file(s, beneficiary_id)
    decision = records._decide(row, consent_store.events_of(s, beneficiary_id), [],
                               Action.PLAN_APPOINTMENT, at)
    if not decision.allowed:
        assert decision.reason is not None
        inner = records._refusal(decision)
        raise KnownError("appointment_needs_recontact", decision.subject,
                         reason=(inner.message("fr"), inner.message("en")))
    return row.code


def plan_appointment(
    vault: Vault, beneficiary_id: int, data: Mapping[str, Any], *,
    activity_id: int | None = None, today: dt.date | None = None,
    now: dt.datetime | None = None,
) -> AppointmentOut:
    """Plan an appointment for a file: `data` holds date, start_time, duration_min,
    place_type and items (what to bring, from the `appointment_items` list).

    Refuses (KnownError): an invalid plan (domain.appointments.validate_plan: a past
    day, a bad time, a place or item not in the lists…); an unknown file (not_found)
    or an anonymised one (already_anonymised); a file whose "RecontactSuivi" consent
    is not valid at `now` (appointment_needs_recontact, saying why: no consent,
    withdrawn, expired, no legal basis). Nothing is written then.
    Journal: appointment.plan with the file's code, the appointment's id and day."""
    at = consent_store.utc(instant(today, now))
    day = today if today is not None else at.date()
    plan = rules.validate_plan(data, today=day)
    with vault.transaction() as s:
        code = _require_recontact(s, beneficiary_id, at)
        row = store.add(s, Appointment(
            beneficiary_id=beneficiary_id, activity_id=activity_id, day=plan.day,
            start=plan.start, duration_min=plan.duration_min, place_type=plan.place_type,
            items=list(plan.items), status=Status.PLANNED, created_at=at, updated_at=at,
        ))
        audit.append(s, actor=vault.worker, action="appointment.plan", entity="appointment",
                     ref=code, details={"appointment": row.id,
                                        "starts_on": plan.day.isoformat()}, at=at)
        return _out(row, code, day)


def plan_from_session(
    vault: Vault, activity_id: int, data: Mapping[str, Any], *,
    today: dt.date | None = None, now: dt.datetime | None = None,
) -> AppointmentOut:
    """Plan the next appointment of the person a session was with ("revient jeudi
    avec l'attestation CAF"), linked to that session. Refuses not_found ("activity")
    and appointment_needs_file for an anonymous session or a workshop; otherwise as
    plan_appointment. Journal: as plan_appointment."""
    with vault.reading() as s:
        activity = s.get(Activity, activity_id)
        if activity is None:
            raise KnownError("not_found", "activity")
        beneficiary_id = activity.beneficiary_id
    if beneficiary_id is None:
        raise KnownError("appointment_needs_file")
    return plan_appointment(vault, beneficiary_id, data, activity_id=activity_id,
                            today=today, now=now)


def upcoming(
    vault: Vault, *, today: dt.date, beneficiary_id: int | None = None,
    until: dt.date | None = None,
) -> list[AppointmentOut]:
    """The "À venir" list on `today`: planned appointments (of one file when
    `beneficiary_id` is given), overdue ones first, soonest first, up to `until` when
    given. Each has its bucket (overdue, today, this week, later). The appointments
    of an anonymised file are not listed: nobody is expected any more. Reads only."""
    with vault.reading() as s:
        rows = store.with_codes(s, beneficiary_id=beneficiary_id,
                                statuses=[Status.PLANNED], until=until, open_files_only=True)
        return [_out(row, code, today) for row, code in rows]


def appointments_of(vault: Vault, beneficiary_id: int, *, today: dt.date) -> list[AppointmentOut]:
    """Every appointment of a file, whatever its status, in date order. Reads only.
    Refuses not_found for an unknown file."""
    with vault.reading() as s:
        if repo.get_beneficiary(s, beneficiary_id) is None:
            raise KnownError("not_found", "beneficiary")
        return [_out(row, code, today)
                for row, code in store.with_codes(s, beneficiary_id=beneficiary_id)]


def set_status(
    vault: Vault, appointment_id: int, status: Status | str, *, today: dt.date | None = None,
    now: dt.datetime | None = None,
) -> AppointmentOut:
    """Say how an appointment went: done, missed or cancelled.

    Refuses (KnownError): an unknown appointment (not_found, "appointment"); a change
    the rules do not allow (appointment_status: only a planned appointment changes,
    and a missed one may still be marked done); done or missed before its day
    (date_future, "date"). Journal: appointment.done / appointment.missed /
    appointment.cancel with the file's code and the appointment's id."""
    wanted = Status(status)
    at = consent_store.utc(instant(today, now))
    day = today if today is not None else at.date()
    with vault.transaction() as s:
        row = store.get(s, appointment_id)
        if row is None:
            raise KnownError("not_found", "appointment")
        if not rules.can_move(row.status, wanted):
            raise KnownError("appointment_status", "status",
                             status=_status_label(row.status), wanted=_status_label(wanted))
        if wanted in (Status.DONE, Status.MISSED) and row.day > day:
            raise KnownError("date_future", "date")
        row.status, row.status_at, row.updated_at = wanted, at, at
        s.add(row)
        s.flush()
        code = repo.codes_of(s, [row.beneficiary_id])[row.beneficiary_id]
        audit.append(s, actor=vault.worker, action=_STATUS_ACTIONS[wanted],
                     entity="appointment", ref=code, details={"appointment": appointment_id},
                     at=at)
        return _out(row, code, day)


def cancel_without_consent(
    s: Any, vault: Vault, beneficiary_id: int, code: str, reason: str, at: dt.datetime,
) -> int:
    """Cancel every planned appointment of a file, in the caller's transaction, when
    its "RecontactSuivi" consent stops (`reason`: consent_withdrawn or
    consent_expired); how many were cancelled.

    Why cancel rather than flag: an appointment left standing means the worker keeps
    expecting the person and may call them when they do not come — the very contact
    they no longer agree to — and its card and calendar entry keep a time and place
    tied to them. Cancelling is visible (the file lists it as cancelled), counted as
    such, and nothing is deleted: the person may renew and be planned again. Past
    appointments (done, missed) are facts and stay as they are.
    Journal: appointment.cancel per appointment, with the file's code, its id and the
    reason (no personal data)."""
    rows = store.planned_of(s, beneficiary_id)
    for row in rows:
        row.status, row.status_at, row.updated_at = Status.CANCELLED, at, at
        s.add(row)
        audit.append(s, actor=vault.worker, action="appointment.cancel", entity="appointment",
                     ref=code, details={"appointment": row.id, "reason": reason}, at=at)
    s.flush()
    return len(rows)


def require_recontact(s: Any, beneficiary_id: int, at: dt.datetime) -> str:
    """The file's code while the person may be expected back at `at` (its
    "RecontactSuivi" consent holds); else appointment_needs_recontact, saying why.
    For what prints or exports an appointment: the refusal covers a consent that
    lapsed and whose lapse is not written yet."""
    return _require_recontact(s, beneficiary_id, at)


def mark_missed(vault: Vault, appointment_id: int, *, today: dt.date | None = None,
                now: dt.datetime | None = None) -> AppointmentOut:
    """set_status(…, missed): the person did not come."""
    return set_status(vault, appointment_id, Status.MISSED, today=today, now=now)


def counts(vault: Vault, date_from: dt.date, date_to: dt.date) -> AppointmentCounts:
    """How many appointments of days in [date_from, date_to] were done, missed,
    cancelled or are still planned. Counts only, no file: for the dashboard. Reads
    only."""
    with vault.reading() as s:
        found = store.count_by_status(s, date_from, date_to)
    return AppointmentCounts(**{str(k): found.get(k, 0) for k in Status})


def _status_label(status: str) -> tuple[str, str]:
    v = vocabulary()
    return (v.label("appointment_statuses", status, "fr"),
            v.label("appointment_statuses", status, "en"))

