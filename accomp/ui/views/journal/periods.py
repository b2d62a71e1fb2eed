"""The periods the journal filters on, as first and last days: pure date work, also
used by the Exports screen."""

from __future__ import annotations

import datetime as dt

# Period filter choices.
ALL_DATES = "all"
THIS_MONTH = "this_month"
LAST_MONTH = "last_month"
LAST_90_DAYS = "last_90_days"
THIS_YEAR = "this_year"
CUSTOM_PERIOD = "custom"


def period_bounds(choice: str, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day of a period choice (None: unbounded)."""
    first_of_month = today.replace(day=1)
    if choice == THIS_MONTH:
        return first_of_month, today
    if choice == LAST_MONTH:
        end = first_of_month - dt.timedelta(days=1)
        return end.replace(day=1), end
    if choice == LAST_90_DAYS:
        return today - dt.timedelta(days=89), today
    if choice == THIS_YEAR:
        return today.replace(month=1, day=1), today
    return None, None

