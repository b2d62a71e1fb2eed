"""Appointments as an iCalendar file (.ics) for the worker's office calendar.

An office calendar is shared, synced and backed up far from the vault, so by default
an event carries only the file's pseudonymous code and the place type ("Rendez-vous
B-7F3K", "Lieu d'activité"): no name, no checklist, no note. The name is added only
when the caller passes one (the worker ticked it, after a warning).

Times are "floating" (no time zone): the wall-clock time written on the person's
card, shown as is by the calendar of the office's own zone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from icalendar import Calendar, Event

from accomp.domain.vocab import Lang, vocabulary

PRODID = "-//accomp//appointments//FR"


@dataclass(frozen=True, slots=True)
class IcsAppointment:
    uid_seed: str  # stable and non-personal: the same appointment updates in place
    code: str
    starts_at: dt.datetime  # naive wall-clock time
    duration_min: int
    place_type: str
    name: str | None = None  # only when the worker asked for it


def _summary(a: IcsAppointment, lang: Lang) -> str:
    word = "Rendez-vous" if lang == "fr" else "Appointment"
    return f"{word} {a.code} — {a.name}" if a.name else f"{word} {a.code}"


def to_ics(appointments: Sequence[IcsAppointment], *, stamp: dt.datetime,
           lang: Lang = "fr") -> bytes:
    """The calendar file; `stamp` (aware) is when it was made (DTSTAMP)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    for a in appointments:
        event = Event()
        uid = hashlib.sha256(a.uid_seed.encode("utf-8")).hexdigest()[:32]
        event.add("uid", f"{uid}@accomp")
        event.add("dtstamp", stamp.astimezone(dt.UTC))
        event.add("dtstart", a.starts_at)
        event.add("dtend", a.starts_at + dt.timedelta(minutes=a.duration_min))
        event.add("summary", _summary(a, lang))
        event.add("location", vocabulary().label("place_types", a.place_type, lang))
        event.add("class", "PRIVATE" if a.name else "PUBLIC")
        cal.add_component(event)
    return bytes(cal.to_ical())
