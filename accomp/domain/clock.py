"""The one place where a service turns an injected clock into an instant.

Services take `today=` (and sometimes `now=`) so that tests and the demo can freeze
the clock; an instant derived from a frozen day is noon UTC that day, so that rows
and journal events written "then" sort with that day whatever the machine's zone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable


def utc_now() -> dt.datetime:
    """The real clock, in UTC."""
    return dt.datetime.now(dt.UTC)


def instant(
    today: dt.date | None = None, now: dt.datetime | None = None,
    *, clock: Callable[[], dt.datetime] = utc_now,
) -> dt.datetime:
    """`now` if given; else the real clock if it falls on `today` (or no day is given);
    else noon UTC of `today`. The instant's day is always `today` when one is given."""
    if now is not None:
        return now
    real = clock()
    if today is None or real.date() == today:
        return real
    return dt.datetime.combine(today, dt.time(12), tzinfo=dt.UTC)
