"""Aggregates of the worker's own dashboard, computed by SQLite (GROUP BY).

The dashboard is the worker's own view of their own vault, so nothing here is
suppressed or generalised; but nothing here returns a name, a code or a note either:
counts by date, kind and vocabulary key only.

One statement reads the sessions of the dashboard's date range once, into a narrow
in-memory table (`acts`, with `seen`: who came on which day, and `firsts`: when each
person first came); then each chart is one GROUP BY over those, tagged with the
chart's name. A chart gets a handful of rows whatever the size of the logbook: rows
are never brought into Python. On a 100,000-session vault the whole dashboard costs
about one pass over the table.

Dates are stored as ISO text and bound as ISO text. Time buckets are named by their
first day, as ISO text: the first of the month (`month`) or the Monday of the week
(`week`).

"People" are beneficiary files seen in a session: the file of an individual session
and the tracked participants of a workshop; anonymous sessions and anonymous head
counts have no file and are not people here. A person's first visit is the date of
their first session in the whole logbook.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Literal

from sqlalchemy import text
from sqlmodel import Session

from accomp.domain.vocab import vocabulary
from accomp.store.custom_fields import has_value_sql
from accomp.store.tags import in_tag_sql

Granularity = Literal["month", "week"]

INDIVIDUAL = "Individuel"
COLLECTIVE = "Collectif"
FIRST = "first"
PEOPLE = "people"
RETURNING = "returning"
IMPROVED, SAME, DECLINED = "improved", "same", "declined"

Row = tuple[str | None, str | None, int, int]
"""(bucket, key, n, m): the bucket's first day (ISO) or None, a category key or None,
a count and a second measure (minutes, or 0)."""

CHARTS = (
    "per_month", "cards_sessions", "cards_people", "cards_firsts", "minutes", "places",
    "themes", "autonomy", "progression", "visits",
)


def bucket_sql(column: str, granularity: Granularity) -> str:
    """SQL expression: the first day of the bucket of an ISO date column."""
    if granularity == "month":
        return f"(substr({column}, 1, 7) || '-01')"
    # 6 days back, then forward to the next Monday: the Monday on or before the date.
    return f"date({column}, '-6 days', 'weekday 1')"


def _autonomy_rank(column: str) -> str:
    """SQL CASE: the position of an autonomy key in its (ordered) reference list."""
    whens = " ".join(
        f"WHEN '{t.key}' THEN {i}" for i, t in enumerate(vocabulary().terms("autonomy"))
    )
    return f"CASE {column} {whens} END"


_RANGE = "FROM activity WHERE date >= :range_start AND date <= :range_end"
_CTES = f"""
WITH acts AS MATERIALIZED (
    SELECT id, date, kind, place_type, autonomy, duration_min, beneficiary_id AS bid, themes
    FROM activity WHERE date >= :range_start AND date <= :range_end
),
seen AS MATERIALIZED (
    SELECT date, bid FROM acts WHERE bid IS NOT NULL
    UNION ALL
    SELECT a.date, p.beneficiary_id FROM acts a
    JOIN activity_participant p ON p.activity_id = a.id WHERE a.kind = '{COLLECTIVE}'
),
came_before AS MATERIALIZED (
    -- People seen before the range. Read from indexes only (date index -> session
    -- ids -> beneficiary and participant indexes): no session row is decrypted. The
    -- "+" keeps SQLite from fetching rows by id instead of scanning the narrow index.
    SELECT beneficiary_id AS bid FROM activity
    WHERE beneficiary_id IS NOT NULL
      AND +id IN (SELECT id FROM activity WHERE date < :range_start)
    UNION
    SELECT beneficiary_id FROM activity_participant
    WHERE activity_id IN (SELECT id FROM activity WHERE date < :range_start)
),
firsts AS MATERIALIZED (
    SELECT bid, min(date) AS date FROM seen
    WHERE bid NOT IN (SELECT bid FROM came_before) GROUP BY bid
),
daily AS MATERIALIZED (
    -- sessions and minutes per day, kind, place and autonomy: a few rows a day, from
    -- which the charts of sessions and time are summed without sorting every session
    SELECT date, kind, place_type, autonomy, count(*) AS n,
           coalesce(sum(duration_min), 0) AS minutes
    FROM acts GROUP BY 1, 2, 3, 4
)
"""

_IN_PERIOD = "date >= :period_start AND date <= :period_end"
# This month up to today, and the previous month up to the same day of the month:
# the comparison is of as many days on both sides.
_IN_CARDS = ("((date >= :this_month_start AND date <= :today) "
             "OR (date >= :cards_start AND date <= :cards_last_end))")
_MONTH = bucket_sql("date", "month")


@cache
def _charts(granularity: Granularity) -> dict[str, str]:
    """Each chart's GROUP BY over the shared CTEs, selecting (bucket, key, n, m)."""
    pb = bucket_sql("date", granularity)
    rank = _autonomy_rank("autonomy")
    return {
        # sessions by kind, month by month, over the months window
        "per_month": (
            f"SELECT {_MONTH}, kind, sum(n), 0 FROM daily "
            "WHERE date >= :months_start AND date <= :period_end GROUP BY 1, 2"
        ),
        # this month and last: sessions and minutes, people, first visits
        "cards_sessions": (
            f"SELECT {_MONTH}, NULL, sum(n), sum(minutes) FROM daily WHERE {_IN_CARDS} "
            "GROUP BY 1"
        ),
        "cards_people": (
            f"SELECT {_MONTH}, NULL, count(DISTINCT bid), 0 FROM seen WHERE {_IN_CARDS} "
            "GROUP BY 1"
        ),
        "cards_firsts": (
            f"SELECT {_MONTH}, NULL, count(*), 0 FROM firsts WHERE {_IN_CARDS} GROUP BY 1"
        ),
        # the worker's time by kind (a workshop counts its length once)
        "minutes": (
            f"SELECT {pb}, kind, sum(n), sum(minutes) FROM daily WHERE {_IN_PERIOD} "
            "GROUP BY 1, 2"
        ),
        "places": (
            f"SELECT NULL, place_type, sum(n), 0 FROM daily WHERE {_IN_PERIOD} GROUP BY 2"
        ),
        # a session with three themes counts once in each; m = sessions of the period
        # (the same lists of themes are grouped first: json_each runs on each list once)
        "themes": (
            "SELECT NULL, j.value, sum(t.n), 0 FROM ("
            f"  SELECT themes, count(*) AS n FROM acts WHERE {_IN_PERIOD} GROUP BY themes"
            ") t, json_each(t.themes) j GROUP BY 2 "
            f"UNION ALL SELECT NULL, NULL, sum(n), 0 FROM daily WHERE {_IN_PERIOD}"
        ),
        "autonomy": (
            f"SELECT {pb}, autonomy, sum(n), 0 FROM daily WHERE {_IN_PERIOD} "
            f"AND kind = '{INDIVIDUAL}' AND autonomy IS NOT NULL GROUP BY 1, 2"
        ),
        # first and last noted autonomy of each person seen twice or more: the level
        # of the session that sorts first (last) by date then id, packed in one
        # integer (yyyymmdd, id, level) so that min() and max() find it without a sort
        "progression": f"""
            SELECT NULL, CASE WHEN last_level > first_level THEN '{IMPROVED}'
                              WHEN last_level = first_level THEN '{SAME}'
                              ELSE '{DECLINED}' END, count(*), 0
            FROM (
                SELECT min(k) % 10 AS first_level, max(k) % 10 AS last_level FROM (
                    SELECT bid, (CAST(replace(date, '-', '') AS INTEGER) * 10000000000 + id)
                                * 10 + ({rank}) AS k
                    FROM acts WHERE {_IN_PERIOD} AND kind = '{INDIVIDUAL}'
                    AND bid IS NOT NULL AND ({rank}) IS NOT NULL
                ) GROUP BY bid HAVING count(*) >= 2
            ) GROUP BY 2
        """,
        # distinct people in each bucket, and those of them on their first visit
        # (everyone else seen in the bucket had come before)
        "visits": (
            f"SELECT {pb}, '{PEOPLE}', count(DISTINCT bid), 0 FROM seen WHERE {_IN_PERIOD} "
            "GROUP BY 1 "
            f"UNION ALL SELECT {pb}, '{FIRST}', count(*), 0 FROM firsts WHERE {_IN_PERIOD} "
            "GROUP BY 1"
        ),
    }


def dashboard_sql(granularity: Granularity, tagged: bool = False, valued: bool = False) -> str:
    """The whole statement: rows of (chart, bucket, key, n, m); `tagged`: only the
    sessions in the tag bound as :tag (store.tags); `valued`: only those holding
    :cf_value in the custom field :cf_field (store.custom_fields)."""
    parts = [
        f"SELECT '{name}' AS chart, * FROM ({body})"
        for name, body in _charts(granularity).items()
    ]
    cut = (f" AND {in_tag_sql('activity')}" if tagged else "") + (
        f" AND {has_value_sql('activity', 'cf_field', 'cf_value')}" if valued else "")
    ctes = _CTES.replace(_RANGE, f"{_RANGE}{cut}")
    return ctes + " UNION ALL ".join(parts)


@dataclass(frozen=True, slots=True)
class Window:
    """The dates of one dashboard: the chosen period, the start of the months
    window of the sessions-per-month chart, and the month comparison's start
    (first day of last month) and end (today)."""

    period_start: dt.date
    period_end: dt.date
    months_start: dt.date
    cards_start: dt.date
    today: dt.date
    granularity: Granularity
    # The last day of the previous month compared (its day of the month is today's,
    # or its last day when shorter); the previous month's last day if not given.
    cards_last_end: dt.date | None = None
    tag: int | None = None
    """Only the sessions in this tag (store.tags)."""
    value: tuple[int, str] | None = None
    """Only the sessions holding this (custom field id, value) (store.custom_fields)."""


def dashboard_rows(session: Session, window: Window) -> dict[str, list[Row]]:
    """Every chart's rows, by chart name (see CHARTS)."""
    start = min(window.period_start, window.months_start, window.cards_start)
    end = max(window.period_end, window.today)
    params: dict[str, object] = {
        "range_start": start.isoformat(), "range_end": end.isoformat(),
        "period_start": window.period_start.isoformat(),
        "period_end": window.period_end.isoformat(),
        "months_start": window.months_start.isoformat(),
        "cards_start": window.cards_start.isoformat(), "today": window.today.isoformat(),
        "this_month_start": window.today.replace(day=1).isoformat(),
        "cards_last_end": (window.cards_last_end
                           or window.today.replace(day=1) - dt.timedelta(days=1)).isoformat(),
    }
    out: dict[str, list[Row]] = {name: [] for name in CHARTS}
    if window.tag is not None:
        params["tag"] = window.tag
    if window.value is not None:
        params["cf_field"], params["cf_value"] = window.value
    for chart, bucket, key, n, m in session.connection().execute(
        text(dashboard_sql(window.granularity, window.tag is not None,
                           window.value is not None)), params
    ):
        out[str(chart)].append((
            None if bucket is None else str(bucket), None if key is None else str(key),
            int(n or 0), int(m or 0),
        ))
    return out
