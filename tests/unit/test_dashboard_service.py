"""The worker's dashboard counts what they did, exactly: sessions, distinct people,
time and first visits of this month against the last, and the charts of a period.

The logbook below is built by hand, so every number can be checked on paper:

    2025-06-01  E individual (E's first visit, long before the dashboard's range)
    2026-03-10  D individual
    2026-09-08  F individual, autonomous
    2026-09-22  F individual, partly autonomous (F slipped back)
    2026-10-05  A individual, fully guided (A's first visit)        45 min
    2026-10-12  anonymous individual                                30 min
    2026-11-03  A individual, autonomous (A progressed)             45 min
    2026-11-10  B individual (B's first visit)                      30 min
    2026-11-15  workshop: B, C (C's first visit), E, + 2 anonymous  90 min

Today is 2026-11-20.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import CANARY_NEEDLES, CHEAP_KDF_ARGS, PASSPHRASE, canary_beneficiary
from sqlalchemy import insert

from accomp.domain.errors import KnownError
from accomp.paths import AppPaths
from accomp.services import activities, beneficiaries, vaults
from accomp.services import dashboard as dash
from accomp.services.dashboard import Period
from accomp.store import dashboard as store
from accomp.store.tables import Activity

TODAY = dt.date(2026, 11, 20)


def person(vault: Any) -> int:
    return beneficiaries.create_beneficiary(vault, {"gender": "Feminin"}, today=TODAY).id


def individual(vault: Any, day: str, bid: int | None, minutes: int = 45,
               autonomy: str | None = None, themes: list[str] | None = None,
               place: str = "LieuActivite") -> None:
    activities.log_activity(vault, {
        "date": day, "duration_min": minutes, "place_type": place,
        "commune": {"name": "Châtellerault", "postal_code": "86100", "insee": "86066"}
        if place in ("Domicile", "Autre") else None,
        "themes": themes or ["Email"], "beneficiary_id": bid, "autonomy": autonomy,
    }, today=TODAY)


@pytest.fixture(scope="module")
def logbook(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Read-only for the tests: built once for the module."""
    paths = AppPaths.at(tmp_path_factory.mktemp("logbook") / "data")
    vault, _ = vaults.create_vault(paths, PASSPHRASE, kdf=vaults.KdfParams(*CHEAP_KDF_ARGS),
                                   enforce_policy=False)
    a, b, c, d, e, f = (person(vault) for _ in range(6))
    individual(vault, "2025-06-01", e)
    individual(vault, "2026-03-10", d)
    individual(vault, "2026-09-08", f, autonomy="Autonome")
    individual(vault, "2026-09-22", f, autonomy="PartiellementAutonome")
    individual(vault, "2026-10-05", a, 45, "EntierementAccompagne", ["Email", "Sante"])
    individual(vault, "2026-10-12", None, 30, place="Domicile")
    individual(vault, "2026-11-03", a, 45, "Autonome", ["Email", "Bureautique"],
               place="ADistance")
    individual(vault, "2026-11-10", b, 30, themes=["SecuriteNumerique"])
    activities.log_activity(vault, {
        "kind": "Collectif", "date": "2026-11-15", "duration_min": 90,
        "place_type": "LieuActivite", "themes": ["Email", "SecuriteNumerique"],
        "workshop_title": "Atelier e-mail", "level": "Debutant",
        "participant_ids": [b, c, e], "anonymous": {"total": 2},
    }, today=TODAY)
    yield vault
    vault.lock()


# --- this month against the last --------------------------------------------------


def test_cards_compare_this_month_with_the_same_days_of_the_last(logbook: Any) -> None:
    c = dash.month_comparison(logbook, TODAY)

    assert (c.this_month, c.last_month) == (dt.date(2026, 11, 1), dt.date(2026, 10, 1))
    assert c.this == dash.MonthFigures(activities=3, people=4, minutes=165, first_visits=2)
    assert c.last == dash.MonthFigures(activities=2, people=1, minutes=75, first_visits=1)
    assert c.last_until == dt.date(2026, 10, 20)


def test_early_in_the_month_only_as_many_days_of_the_last_are_compared(vault: Any) -> None:
    """3 December against all of November said "−83 %": against 1–3 November."""
    today = dt.date(2026, 12, 3)
    for day in ("2026-11-02", "2026-11-03", "2026-11-04", "2026-11-20", "2026-11-30",
                "2026-12-01", "2026-12-03"):
        activities.log_activity(vault, {
            "date": day, "duration_min": 30, "place_type": "LieuActivite",
            "themes": ["Email"]}, today=today)
    c = dash.month_comparison(vault, today)
    assert c.last_until == dt.date(2026, 11, 3)
    assert (c.this.activities, c.last.activities) == (2, 2)
    assert (c.this.minutes, c.last.minutes) == (60, 60)


@pytest.mark.parametrize(("today", "until"), [
    (dt.date(2026, 3, 31), dt.date(2026, 2, 28)), (dt.date(2028, 3, 30), dt.date(2028, 2, 29)),
    (dt.date(2026, 1, 15), dt.date(2025, 12, 15)), (dt.date(2026, 5, 31), dt.date(2026, 4, 30)),
])
def test_the_same_day_of_a_shorter_month_is_its_last(today: dt.date, until: dt.date) -> None:
    assert dash.same_day_last_month(today) == until


def test_an_empty_vault_shows_zeros_everywhere(vault: Any) -> None:
    board = dash.load(vault, dash.preset_period("12m", TODAY), today=TODAY)

    assert board.comparison.this == dash.MonthFigures()
    assert board.per_month.total(dash.INDIVIDUAL) == 0
    assert board.themes.items == []
    assert board.places.items == []
    assert board.progression.people == 0
    assert all(v == 0 for values in board.visits.values.values() for v in values)


# --- the charts of a period ------------------------------------------------------------


def test_sessions_per_month_cover_twelve_months_by_kind(logbook: Any) -> None:
    board = dash.load(logbook, dash.preset_period("month", TODAY), today=TODAY)
    s = board.per_month

    assert s.buckets[0] == dt.date(2025, 12, 1)
    assert s.buckets[-1] == dt.date(2026, 11, 1)
    assert len(s.buckets) == 12
    by_month = dict(zip(s.buckets, s.values[dash.INDIVIDUAL], strict=True))
    assert by_month[dt.date(2026, 3, 1)] == 1
    assert by_month[dt.date(2026, 9, 1)] == 2
    assert by_month[dt.date(2026, 10, 1)] == 2
    assert by_month[dt.date(2026, 11, 1)] == 2
    assert s.values[dash.COLLECTIVE][-1] == 1
    assert s.total(dash.INDIVIDUAL) + s.total(dash.COLLECTIVE) == 8  # June 2025 is before


def test_a_short_period_is_shown_week_by_week(logbook: Any) -> None:
    board = dash.load(logbook, dash.preset_period("month", TODAY), today=TODAY)

    assert board.minutes.granularity == "week"
    # 1 November 2026 is a Sunday: its week starts on Monday 26 October
    assert board.minutes.buckets == [dt.date(2026, 10, 26), dt.date(2026, 11, 2),
                                     dt.date(2026, 11, 9), dt.date(2026, 11, 16)]
    assert board.minutes.values[dash.INDIVIDUAL] == [0, 45, 30, 0]
    assert board.minutes.values[dash.COLLECTIVE] == [0, 0, 90, 0]
    assert board.visits.values[dash.FIRST] == [0, 0, 2, 0]
    assert board.visits.values[dash.RETURNING] == [0, 1, 1, 0]


def test_three_months_split_first_visits_from_returning_people(logbook: Any) -> None:
    board = dash.load(logbook, dash.preset_period("3m", TODAY), today=TODAY)
    v = board.visits

    assert v.granularity == "month"
    assert v.buckets == [dt.date(2026, 9, 1), dt.date(2026, 10, 1), dt.date(2026, 11, 1)]
    assert v.values[dash.FIRST] == [1, 1, 2]  # F; A; B and C
    assert v.values[dash.RETURNING] == [0, 0, 2]  # A and E (E came in June 2025)


def test_themes_places_and_autonomy_of_the_period(logbook: Any) -> None:
    board = dash.load(logbook, dash.preset_period("3m", TODAY), today=TODAY)

    assert board.themes.sessions == 7
    assert board.themes.items == [
        ("Email", 6), ("SecuriteNumerique", 2), ("Bureautique", 1), ("Sante", 1),
    ]
    assert board.themes.others == 0
    assert board.places.items == [("LieuActivite", 5), ("Domicile", 1), ("ADistance", 1)]
    a = board.autonomy.values
    assert a["EntierementAccompagne"] == [0, 1, 0]
    assert a["PartiellementAutonome"] == [1, 0, 0]
    assert a["Autonome"] == [1, 0, 1]
    # A went from fully guided to autonomous; F from autonomous to partly; B came once
    assert board.progression == dash.Progression(improved=1, same=0, declined=1)


def test_beyond_ten_themes_the_rest_is_summed_as_others() -> None:
    counts = {f"T{i:02d}": 100 - i for i in range(14)}
    ranked = dash._ranked(counts, sorted(counts), 10, 50)

    assert [k for k, _ in ranked.items] == [f"T{i:02d}" for i in range(10)]
    assert ranked.others == sum(100 - i for i in range(10, 14))
    assert ranked.others_keys == 4


def test_ties_keep_the_order_of_the_reference_list() -> None:
    ranked = dash._ranked({"b": 2, "a": 2, "c": 3, "z": 0}, ["a", "b", "c"], None, 7)
    assert ranked.items == [("c", 3), ("a", 2), ("b", 2)]


# --- periods ---------------------------------------------------------------------------


def test_preset_periods_end_today_and_start_on_a_first_of_month() -> None:
    assert dash.preset_period("month", TODAY) == Period(dt.date(2026, 11, 1), TODAY)
    assert dash.preset_period("3m", TODAY) == Period(dt.date(2026, 9, 1), TODAY)
    assert dash.preset_period("12m", TODAY) == Period(dt.date(2025, 12, 1), TODAY)
    assert dash.preset_period("12m", dt.date(2026, 1, 31)).start == dt.date(2025, 2, 1)
    with pytest.raises(ValueError, match="custom"):
        dash.preset_period("custom", TODAY)


def test_a_period_that_ends_before_it_starts_is_refused(vault: Any) -> None:
    with pytest.raises(KnownError) as err:
        dash.load(vault, Period(TODAY, TODAY - dt.timedelta(days=1)), today=TODAY)
    assert err.value.code == "period_invalid"


def test_a_long_custom_period_shows_every_month_of_it(logbook: Any) -> None:
    period = Period(dt.date(2025, 5, 15), dt.date(2026, 10, 31))
    board = dash.load(logbook, period, today=TODAY)

    assert len(board.per_month.buckets) == 18
    assert board.per_month.buckets[0] == dt.date(2025, 5, 1)
    assert board.per_month.total(dash.INDIVIDUAL) == 6  # E, D, F, F, A, anonymous
    # the cards still compare this month with the last
    assert board.comparison.this.activities == 3


@pytest.mark.parametrize("start", [dt.date(2024, 12, 23), dt.date(2026, 2, 23)])
def test_sql_weeks_start_on_the_same_monday_as_python_weeks(start: dt.date) -> None:
    days = [start + dt.timedelta(days=i) for i in range(400)]
    with sqlite3.connect(":memory:") as conn:
        for day in days:
            (sql_week,) = conn.execute(
                f"SELECT {store.bucket_sql('?1', 'week')}", (day.isoformat(),)
            ).fetchone()
            python_week = Period(day, day).buckets("week")[0]
            assert sql_week == python_week.isoformat(), day


# --- what the dashboard reads ------------------------------------------------------------


def bulk(vault: Any, n: int) -> list[dt.date]:
    """n sessions spread over the last 700 days; their dates."""
    now = dt.datetime.now(dt.UTC)
    days = [TODAY - dt.timedelta(days=i % 700) for i in range(n)]
    with vault.transaction() as s:
        s.execute(insert(Activity), [
            {"kind": "Individuel", "date": day, "duration_min": 30 + i % 4 * 15,
             "place_type": "LieuActivite",
             "themes": ["Email", "Sante"] if i % 2 else ["Bureautique"], "admin_themes": [],
             "equipment": [], "anonymous": {}, "participants": 1,
             "autonomy": "Autonome", "created_at": now, "updated_at": now}
            for i, day in enumerate(days)
        ])
    return days


def rows_read(vault: Any, period: Period) -> int:
    with vault.reading() as s:
        rows = store.dashboard_rows(s, dash.window(period, TODAY))
    return sum(len(r) for r in rows.values())


def test_the_database_returns_aggregates_not_sessions(vault: Any) -> None:
    """The dashboard receives a few rows per chart, however many sessions there are."""
    period = dash.preset_period("12m", TODAY)
    days = bulk(vault, 500)
    small = rows_read(vault, period)
    days += bulk(vault, 10_000)
    board = dash.load(vault, period, today=TODAY)

    assert rows_read(vault, period) == small < 100
    in_period = sum(1 for d in days if d >= period.start)
    assert board.per_month.total(dash.INDIVIDUAL) == in_period
    assert board.themes.sessions == in_period


def test_the_dashboard_reads_no_name_code_or_note(vault: Any) -> None:
    b = canary_beneficiary(vault)
    individual(vault, "2026-11-10", b.id)
    with vault.reading() as s:
        rows = store.dashboard_rows(s, dash.window(dash.preset_period("12m", TODAY), TODAY))
    text = repr(rows)
    assert b.code not in text
    assert not [n for n in CANARY_NEEDLES if n in text]


# --- the database's sums are the sums of the sessions ------------------------------------


def test_every_chart_matches_a_count_done_session_by_session(vault: Any) -> None:
    """On a demonstration logbook, each figure is recomputed in Python from the
    sessions themselves, with the definitions written in the dashboard's docstrings."""
    from collections import Counter, defaultdict

    from sqlmodel import select

    from accomp.services.generators import demo
    from accomp.store.tables import ActivityParticipant

    demo.generate_demo(vault, seed=3, activities=900, today=TODAY)
    with vault.reading() as s:
        rows = s.exec(select(Activity)).all()
        participants = defaultdict(list)
        for p in s.exec(select(ActivityParticipant)).all():
            participants[p.activity_id].append(p.beneficiary_id)
    people_of = {a.id: ([a.beneficiary_id] if a.beneficiary_id else []) + participants[a.id]
                 for a in rows}
    first_seen: dict[int, dt.date] = {}
    for a in rows:
        for b in people_of[a.id]:
            first_seen[b] = min(first_seen.get(b, a.date), a.date)

    period = dash.preset_period("12m", TODAY)
    board = dash.load(vault, period, today=TODAY)
    inside = [a for a in rows if period.start <= a.date <= period.end]

    def month(d: dt.date) -> dt.date:
        return d.replace(day=1)

    kinds = Counter((month(a.date), a.kind) for a in inside)
    for i, m in enumerate(board.per_month.buckets):
        assert board.per_month.values[dash.INDIVIDUAL][i] == kinds[(m, "Individuel")]
        assert board.per_month.values[dash.COLLECTIVE][i] == kinds[(m, "Collectif")]
    minutes = Counter()
    for a in inside:
        minutes[(month(a.date), a.kind)] += a.duration_min
    assert board.minutes.values[dash.INDIVIDUAL] == [
        minutes[(m, "Individuel")] for m in board.minutes.buckets]
    themes = Counter(t for a in inside for t in a.themes)
    assert dict(board.themes.items) == dict(themes.most_common(10))
    assert board.themes.others == sum(n for _, n in themes.most_common()[10:])
    assert dict(board.places.items) == Counter(a.place_type for a in inside)
    levels = Counter((month(a.date), a.autonomy) for a in inside
                     if a.kind == "Individuel" and a.autonomy)
    for level, values in board.autonomy.values.items():
        assert values == [levels[(m, level)] for m in board.autonomy.buckets]
    seen: dict[dt.date, set[int]] = defaultdict(set)
    for a in inside:
        seen[month(a.date)].update(people_of[a.id])
    for i, m in enumerate(board.visits.buckets):
        new = {b for b in seen[m] if month(first_seen[b]) == m}
        assert board.visits.values[dash.FIRST][i] == len(new)
        assert board.visits.values[dash.RETURNING][i] == len(seen[m]) - len(new)
    journeys: dict[int, list[tuple[dt.date, int, int]]] = defaultdict(list)
    order = ["EntierementAccompagne", "PartiellementAutonome", "Autonome"]
    for a in inside:
        if a.kind == "Individuel" and a.beneficiary_id and a.autonomy:
            journeys[a.beneficiary_id].append((a.date, a.id, order.index(a.autonomy)))
    steps = [(min(j)[2], max(j)[2]) for j in journeys.values() if len(j) >= 2]
    assert board.progression == dash.Progression(
        improved=sum(last > first for first, last in steps),
        same=sum(last == first for first, last in steps),
        declined=sum(last < first for first, last in steps),
    )
    this = [a for a in rows if month(a.date) == month(TODAY)]
    assert board.comparison.this == dash.MonthFigures(
        activities=len(this),
        people=len({b for a in this for b in people_of[a.id]}),
        minutes=sum(a.duration_min for a in this),
        first_visits=sum(1 for d in first_seen.values() if month(d) == month(TODAY)),
    )
