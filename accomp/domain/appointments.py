"""Appointments: a follow-up planned with a person, and where it stands.

Pure rules (standard library and the vocabulary only). An appointment holds no free
text: a day, a start time, a duration, a place type and a short checklist of what to
bring, all from the reference lists, so that it can be shown, printed and exported to
an office calendar without carrying anything the person said.

Planning one needs the file's "RecontactSuivi" consent (Action.PLAN_APPOINTMENT in
domain.consent): the worker is going to expect, and maybe call, the person back.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from accomp.domain.errors import KnownError
from accomp.domain.vocab import vocabulary

ITEMS_LIST = "appointment_items"
PLACES_LIST = "place_types"
MAX_ITEMS = 6  # a short checklist: more is a letter, not a card
MIN_DURATION, MAX_DURATION = 5, 480
# How far ahead an appointment may be planned (a typo in the year is caught).
MAX_DAYS_AHEAD = 366
_TIME = re.compile(r"^([01]?[0-9]|2[0-3])[:h]([0-5][0-9])$")


class Status(StrEnum):
    """Where an appointment stands (`appointment_statuses`); stored as is."""

    PLANNED = "planned"
    DONE = "done"
    MISSED = "missed"
    CANCELLED = "cancelled"


class Bucket(StrEnum):
    """Where a planned appointment falls in the "À venir" list."""

    OVERDUE = "overdue"  # its day has passed and nobody said how it went
    TODAY = "today"
    THIS_WEEK = "this_week"  # after today, up to Sunday of this week
    LATER = "later"


@dataclass(frozen=True, slots=True)
class Plan:
    """What is decided for an appointment (validated)."""

    day: dt.date
    start: dt.time
    duration_min: int
    place_type: str
    items: tuple[str, ...]

    @property
    def starts_at(self) -> dt.datetime:
        """Local wall-clock start (naive: it is the time written on the card)."""
        return dt.datetime.combine(self.day, self.start)

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=self.duration_min)


def parse_time(value: object) -> dt.time:
    """"14:30", "9:05", "14h30" or a time -> a time to the minute. Refuses invalid."""
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0)
    match = _TIME.match(value.strip()) if isinstance(value, str) else None
    if match is None:
        raise KnownError("invalid", "start_time")
    return dt.time(int(match.group(1)), int(match.group(2)))


def _day(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        raise KnownError("invalid", "date")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise KnownError("invalid", "date") from None
    raise KnownError("required", "date")


def _duration(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise KnownError("invalid", "duration_min")
    if not MIN_DURATION <= value <= MAX_DURATION:
        raise KnownError("out_of_range", "duration_min", min=str(MIN_DURATION),
                         max=str(MAX_DURATION))
    return value


def _items(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise KnownError("invalid", "items")
    allowed = vocabulary().keys(ITEMS_LIST)
    if any(v not in allowed for v in value):
        raise KnownError("not_in_list", "items")
    if len(set(value)) != len(value):
        raise KnownError("invalid", "items")
    if len(value) > MAX_ITEMS:
        raise KnownError("too_many", "items", max=str(MAX_ITEMS))
    return tuple(value)


def validate_plan(data: Mapping[str, Any], *, today: dt.date) -> Plan:
    """The plan in `data` (date, start_time, duration_min, place_type, items), checked.

    Refuses (KnownError): a missing or malformed date (required/invalid, "date"), a day
    before `today` (date_past, "date") or more than a year ahead (date_too_far,
    "date"); a malformed time (invalid, "start_time"); a duration outside 5..480
    minutes (out_of_range, "duration_min"); a place or an item not in the lists
    (not_in_list); an item twice (invalid); more than MAX_ITEMS items (too_many)."""
    day = _day(data.get("date"))
    if day < today:
        raise KnownError("date_past", "date")
    if (day - today).days > MAX_DAYS_AHEAD:
        raise KnownError("date_too_far", "date", max=str(MAX_DAYS_AHEAD))
    start = parse_time(data.get("start_time"))
    duration = _duration(data.get("duration_min"))
    place = data.get("place_type")
    if place not in vocabulary().keys(PLACES_LIST):
        raise KnownError("not_in_list", "place_type")
    return Plan(day, start, duration, str(place), _items(data.get("items")))


def can_move(current: str, wanted: str) -> bool:
    """Whether an appointment may go from `current` to `wanted`: only a planned one
    changes (to done, missed or cancelled); a missed one can still be marked done
    (the person came late, or the worker clicked the wrong line)."""
    now, then = Status(current), Status(wanted)
    if now == Status.PLANNED:
        return then != Status.PLANNED
    return now == Status.MISSED and then == Status.DONE


def bucket(day: dt.date, status: str, today: dt.date) -> Bucket | None:
    """Where an appointment of `day` falls in the "À venir" list on `today`; None
    when it is not planned any more (done, missed, cancelled)."""
    if Status(status) != Status.PLANNED:
        return None
    if day < today:
        return Bucket.OVERDUE
    if day == today:
        return Bucket.TODAY
    sunday = today + dt.timedelta(days=6 - today.weekday())
    return Bucket.THIS_WEEK if day <= sunday else Bucket.LATER
