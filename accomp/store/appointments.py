"""Appointments (table `appointment`): read and written in the caller's transaction.

The table lives here rather than in tables.py because nothing else of the store
reads it; it holds no free text and no identity, only the file's id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import JSON, Column, delete, func
from sqlmodel import Field, Session, SQLModel, col, select

from accomp.store.tables import Beneficiary


class Appointment(SQLModel, table=True):
    __tablename__ = "appointment"

    id: int | None = Field(default=None, primary_key=True)
    beneficiary_id: int = Field(foreign_key="beneficiary.id", index=True, ondelete="CASCADE")
    activity_id: int | None = Field(default=None, foreign_key="activity.id",
                                    ondelete="SET NULL")
    day: dt.date
    start: dt.time
    duration_min: int
    place_type: str = Field(max_length=40)
    items: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    status: str = Field(max_length=12)
    status_at: dt.datetime | None = None
    created_at: dt.datetime
    updated_at: dt.datetime


def add(session: Session, row: Appointment) -> Appointment:
    session.add(row)
    session.flush()
    return row


def get(session: Session, appointment_id: int) -> Appointment | None:
    return session.get(Appointment, appointment_id)


def with_codes(
    session: Session, *, beneficiary_id: int | None = None, statuses: Sequence[str] = (),
    until: dt.date | None = None, open_files_only: bool = False,
) -> list[tuple[Appointment, str]]:
    """Appointments with their file's code, soonest first: of one file when
    `beneficiary_id` is given, of the given statuses when any, up to `until`, of
    files not anonymised with `open_files_only`."""
    query: Any = select(Appointment, Beneficiary.code).join(
        Beneficiary, col(Beneficiary.id) == col(Appointment.beneficiary_id))
    if open_files_only:
        query = query.where(col(Beneficiary.anonymised_at).is_(None))
    if beneficiary_id is not None:
        query = query.where(col(Appointment.beneficiary_id) == beneficiary_id)
    if statuses:
        query = query.where(col(Appointment.status).in_(list(statuses)))
    if until is not None:
        query = query.where(col(Appointment.day) <= until)
    query = query.order_by(col(Appointment.day), col(Appointment.start), col(Appointment.id))
    return [(a, str(code)) for a, code in session.exec(query).all()]


def planned_of(session: Session, beneficiary_id: int) -> list[Appointment]:
    """The appointments of a file that are still planned, soonest first."""
    query: Any = (
        select(Appointment)
        .where(col(Appointment.beneficiary_id) == beneficiary_id,
               col(Appointment.status) == "planned")
        .order_by(col(Appointment.day), col(Appointment.start), col(Appointment.id))
    )
    return list(session.exec(query).all())


def ids_of(session: Session, beneficiary_id: int) -> list[int]:
    """Ids of a file's appointments (a merge moves them to the kept file)."""
    return sorted(int(i) for i in session.exec(select(Appointment.id).where(
        col(Appointment.beneficiary_id) == beneficiary_id)).all() if i is not None)


def of_person(session: Session, beneficiary_id: int) -> list[dict[str, Any]]:
    """A file's appointments as the person's access record gives them (JSON-ready)."""
    rows = session.exec(select(Appointment).where(
        col(Appointment.beneficiary_id) == beneficiary_id).order_by(
        col(Appointment.day), col(Appointment.start), col(Appointment.id))).all()
    return [{"day": r.day.isoformat(), "start": r.start.strftime("%H:%M"),
             "duration_min": r.duration_min, "place_type": r.place_type,
             "items": list(r.items), "status": r.status} for r in rows]


def forget_person(session: Session, beneficiary_id: int) -> int:
    """Delete every appointment of a file (whatever its status); how many went."""
    result = session.exec(delete(Appointment).where(
        col(Appointment.beneficiary_id) == beneficiary_id))
    return int(result.rowcount)


def ids_by_status(
    session: Session, date_from: dt.date, date_to: dt.date, statuses: Sequence[str],
) -> dict[str, list[int]]:
    """The ids of the appointments of days in [date_from, date_to] with each of
    `statuses` (for the summary: its cells' record keys are made from them)."""
    query: Any = select(Appointment.id, Appointment.status).where(
        col(Appointment.day) >= date_from, col(Appointment.day) <= date_to,
        col(Appointment.status).in_(list(statuses)))
    found: dict[str, list[int]] = {s: [] for s in statuses}
    for appointment_id, status in session.exec(query).all():
        found[str(status)].append(int(appointment_id))
    return found


def count_by_status(session: Session, date_from: dt.date, date_to: dt.date) -> dict[str, int]:
    """How many appointments of days in [date_from, date_to] have each status."""
    query: Any = (
        select(Appointment.status, func.count())
        .where(col(Appointment.day) >= date_from, col(Appointment.day) <= date_to)
        .group_by(col(Appointment.status))
    )
    return {str(status): int(n) for status, n in session.exec(query).all()}
