"""The worker's dashboard: their own month at a glance, and the shape of their work
over a period (themes, places, autonomy, first visits, time spent).

Every figure is an aggregate computed by the database (one statement per chart), so
the dashboard stays quick on a logbook of 100,000 sessions. It is the worker's own
view of their own vault: counts are exact (no small-cell suppression, that is for
what leaves the machine), but nothing identifies anyone: no name, no code, no note.

Reading the dashboard writes nothing, not even to the journal.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from accomp.domain.consent import add_months
from accomp.domain.errors import KnownError
from accomp.domain.vocab import vocabulary
from accomp.store import dashboard as q
from accomp.store.dashboard import COLLECTIVE, FIRST, INDIVIDUAL, RETURNING, Granularity
from accomp.store.vault import Vault

__all__ = [
    "COLLECTIVE",
    "FIRST",
    "INDIVIDUAL",
    "PRESETS",
    "RETURNING",
    "Dashboard",
    "Granularity",
    "MonthComparison",
    "MonthFigures",
    "Period",
    "Preset",
    "Progression",
    "Ranked",
    "Series",
    "load",
    "month_comparison",
    "preset_period",
    "window",
]

Preset = Literal["month", "3m", "12m", "custom"]
PRESETS: tuple[Preset, ...] = ("month", "3m", "12m", "custom")

# Periods up to this many days are shown week by week, longer ones month by month.
WEEKLY_UP_TO_DAYS = 62
# The activities-per-month chart shows at least this many months.
MONTHS_SHOWN = 12
TOP_THEMES = 10


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


@dataclass(frozen=True, slots=True)
class Period:
    """Days from `start` to `end`, both included."""

    start: dt.date
    end: dt.date

    @property
    def granularity(self) -> Granularity:
        return "week" if (self.end - self.start).days < WEEKLY_UP_TO_DAYS else "month"

    def buckets(self, granularity: Granularity | None = None) -> list[dt.date]:
        """First day of every bucket overlapping the period, in order."""
        granularity = granularity or self.granularity
        if granularity == "week":
            day = self.start - dt.timedelta(days=self.start.weekday())  # its Monday
            weeks = []
            while day <= self.end:
                weeks.append(day)
                day += dt.timedelta(days=7)
            return weeks
        months = []
        month = month_start(self.start)
        while month <= self.end:
            months.append(month)
            month = add_months(month, 1)
        return months


def preset_period(preset: Preset, today: dt.date) -> Period:
    """The period of a preset, ending today: this month, the last 3 or 12 months
    (the current month counting as one). "custom" has no preset: ValueError."""
    months = {"month": 1, "3m": 3, "12m": 12}.get(preset)
    if months is None:
        raise ValueError(f"no preset period for {preset!r}")
    return Period(add_months(month_start(today), 1 - months), today)


@dataclass(frozen=True, slots=True)
class MonthFigures:
    """The dashboard's cards for one month."""

    activities: int = 0
    people: int = 0  # distinct files seen (individual sessions and workshops)
    minutes: int = 0  # the worker's time: a workshop counts its length once
    first_visits: int = 0  # people whose first session ever falls in the month


@dataclass(frozen=True, slots=True)
class MonthComparison:
    """This month up to today against the previous month up to the same day
    (`last_until`)."""

    this_month: dt.date
    last_month: dt.date
    this: MonthFigures
    last: MonthFigures
    last_until: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Series:
    """Values over time buckets: `values[name][i]` belongs to `buckets[i]`."""

    granularity: Granularity
    buckets: list[dt.date]
    values: dict[str, list[int]]

    def total(self, name: str) -> int:
        return sum(self.values.get(name, ()))


@dataclass(frozen=True, slots=True)
class Ranked:
    """Counts by vocabulary key, largest first; `others` sums what is beyond the top."""

    items: list[tuple[str, int]]
    others: int = 0
    others_keys: int = 0
    sessions: int = 0


@dataclass(frozen=True, slots=True)
class Progression:
    improved: int = 0
    same: int = 0
    declined: int = 0

    @property
    def people(self) -> int:
        return self.improved + self.same + self.declined


@dataclass(frozen=True, slots=True)
class Dashboard:
    period: Period
    comparison: MonthComparison
    per_month: Series  # sessions by kind, month by month (MONTHS_SHOWN at least)
    themes: Ranked
    places: Ranked
    autonomy: Series  # individual sessions by autonomy level
    progression: Progression
    visits: Series  # people: "first" visit in the bucket, or "returning"
    minutes: Series  # the worker's time by kind


def _check(period: Period) -> None:
    if period.start > period.end:
        raise KnownError("period_invalid")


def _series(
    granularity: Granularity, buckets: list[dt.date], names: Iterable[str],
    rows: Iterable[tuple[str | None, str | None, int]],
) -> Series:
    index = {b.isoformat(): i for i, b in enumerate(buckets)}
    values = {name: [0] * len(buckets) for name in names}
    for bucket, name, n in rows:
        i = index.get(bucket or "")
        if i is not None and name in values:
            values[name][i] += n
    return Series(granularity, buckets, values)


def _ranked(counts: dict[str, int], order: list[str], top: int | None, sessions: int) -> Ranked:
    """Largest first; ties in the reference list's order; keys no longer in the list
    (an older vocabulary) still count, after the known ones."""
    position = {k: i for i, k in enumerate(order)}
    rank = sorted(
        ((k, n) for k, n in counts.items() if n),
        key=lambda kv: (-kv[1], position.get(kv[0], len(order)), kv[0]),
    )
    if top is None or len(rank) <= top:
        return Ranked(rank, sessions=sessions)
    rest = rank[top:]
    return Ranked(rank[:top], sum(n for _, n in rest), len(rest), sessions)


def window(period: Period, today: dt.date) -> q.Window:
    """The dates a dashboard reads: the period, at least MONTHS_SHOWN months ending
    with it for the sessions-per-month chart, and this month and the last for the
    comparison."""
    months_start = min(
        month_start(period.start), add_months(month_start(period.end), 1 - MONTHS_SHOWN)
    )
    return q.Window(
        period_start=period.start, period_end=period.end, months_start=months_start,
        cards_start=add_months(month_start(today), -1), today=today,
        granularity=period.granularity, cards_last_end=same_day_last_month(today),
    )


def same_day_last_month(today: dt.date) -> dt.date:
    """The day of the previous month that ends a comparison with this month up to
    `today`: 3 December -> 3 November, 31 March -> 28 (or 29) February."""
    last_month_end = month_start(today) - dt.timedelta(days=1)
    return last_month_end.replace(day=min(today.day, last_month_end.day))


def load(vault: Vault, period: Period, *, today: dt.date | None = None,
         tag: int | None = None, value: tuple[int, str] | None = None) -> Dashboard:
    """Every figure of the dashboard for `period`, in one read.

    The month comparison is always this month up to `today` against the previous
    month up to the same day of the month (3 December against 1–3 November); the
    sessions-per-month chart covers at least the MONTHS_SHOWN months ending with the
    period; the other charts cover the period, week by week
    up to WEEKLY_UP_TO_DAYS days, month by month beyond.

    With `tag`, only the sessions in that tag (services.tags) are counted; with
    `value` (a custom field's id and one of its values), only the sessions holding
    it, or whose person's file does (services.custom_fields).
    Refuses period_invalid (start after end) and vault_locked. Writes nothing, and
    nothing to the journal (it shows no one's data).
    """
    _check(period)
    today = today or dt.date.today()
    w = dataclasses.replace(window(period, today), tag=tag, value=value)
    with vault.reading() as s:
        rows = q.dashboard_rows(s, w)
    g = period.granularity
    buckets = period.buckets()

    cards: dict[str, dict[str, int]] = {}
    for part in ("cards_sessions", "cards_people", "cards_firsts"):
        for bucket, _, n, m in rows[part]:
            month = cards.setdefault(bucket or "", {})
            month[part] = n
            if part == "cards_sessions":
                month["minutes"] = m

    def figures(month: dt.date) -> MonthFigures:
        c = cards.get(month.isoformat(), {})
        return MonthFigures(c.get("cards_sessions", 0), c.get("cards_people", 0),
                             c.get("minutes", 0), c.get("cards_firsts", 0))

    this_month = month_start(today)
    last_month = add_months(this_month, -1)
    themes = {k: n for _, k, n, _ in rows["themes"] if k is not None}
    sessions = sum(n for _, k, n, _ in rows["themes"] if k is None)
    places = {k: n for _, k, n, _ in rows["places"] if k is not None}
    progression = {k: n for _, k, n, _ in rows["progression"]}
    kinds = (INDIVIDUAL, COLLECTIVE)
    return Dashboard(
        period=period,
        comparison=MonthComparison(this_month, last_month, figures(this_month),
                                   figures(last_month), same_day_last_month(today)),
        per_month=_series(
            "month", Period(w.months_start, period.end).buckets("month"), kinds,
            ((b, k, n) for b, k, n, _ in rows["per_month"]),
        ),
        themes=_ranked(themes, _keys("themes"), TOP_THEMES, sessions),
        places=_ranked(places, _keys("place_types"), None, sum(places.values())),
        autonomy=_series(g, buckets, _keys("autonomy"),
                         ((b, k, n) for b, k, n, _ in rows["autonomy"])),
        progression=Progression(progression.get(q.IMPROVED, 0), progression.get(q.SAME, 0),
                                progression.get(q.DECLINED, 0)),
        visits=_visits(g, buckets, rows["visits"]),
        minutes=_series(g, buckets, kinds, ((b, k, m) for b, k, _, m in rows["minutes"])),
    )


def _visits(g: Granularity, buckets: list[dt.date], rows: list[q.Row]) -> Series:
    """People seen in each bucket, split into first visits and the others."""
    people = _series(g, buckets, (q.PEOPLE,), ((b, k, n) for b, k, n, _ in rows))
    first = _series(g, buckets, (q.FIRST,), ((b, k, n) for b, k, n, _ in rows))
    seen, new = people.values[q.PEOPLE], first.values[q.FIRST]
    return Series(g, buckets, {
        q.FIRST: new, q.RETURNING: [p - f for p, f in zip(seen, new, strict=True)],
    })


def _keys(list_name: str) -> list[str]:
    return [t.key for t in vocabulary().terms(list_name)]


def month_comparison(vault: Vault, today: dt.date) -> MonthComparison:
    """This month up to `today` against the previous one up to the same day, as on
    the dashboard. Refuses vault_locked. Writes nothing."""
    return load(vault, preset_period("month", today), today=today).comparison
