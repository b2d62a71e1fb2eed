"""Missed appointments count in the stats: the anonymised summary publishes the
period's appointments by outcome (planned, done, missed), through the same cell-key
protection as every count, and only when it is not filtered."""

from __future__ import annotations

import datetime as dt
from typing import Any

from conftest import canary_beneficiary

from accomp.domain.consent import Purpose
from accomp.reports.summary import APPOINTMENT_TABLE
from accomp.services import appointments, consents, reports

PLANNED_ON = dt.date(2026, 11, 2)
TODAY = dt.date(2026, 11, 28)
NOVEMBER = ("2026-11-01", "2026-11-30")


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9), tzinfo=dt.UTC)


def logbook_with_appointments(vault: Any) -> Any:
    """2 missed, 6 done, 1 still planned, 1 cancelled in November."""
    b = canary_beneficiary(vault)
    consents.give_consent(vault, b.id, Purpose.FOLLOW_UP_CONTACT, at=at(PLANNED_ON))
    outcomes = ["missed"] * 2 + ["done"] * 6 + ["planned", "cancelled"]
    for n, outcome in enumerate(outcomes):
        day = PLANNED_ON + dt.timedelta(days=1 + n)
        a = appointments.plan_appointment(
            vault, b.id, {"date": day.isoformat(), "start_time": "10:00",
                          "duration_min": 30, "place_type": "LieuActivite"},
            today=PLANNED_ON, now=at(PLANNED_ON))
        if outcome != "planned":
            appointments.set_status(vault, a.id, outcome, today=TODAY, now=at(TODAY))
    return vault


def test_the_summary_counts_appointments_by_outcome_never_publishing_a_small_count(
    vault,
) -> None:
    logbook_with_appointments(vault)
    with vault.reading() as s:
        from accomp.services.exports import record_keys

        true, _ = reports.appointment_counts(s, dt.date(2026, 11, 1), dt.date(2026, 11, 30),
                                             record_keys(vault).seed)
    assert true == {"planned": 1, "done": 6, "missed": 2}  # cancelled ones are not counted
    for k in (3, 5, 10):
        table = reports.summary(vault, *NOVEMBER, k=k).table(APPOINTMENT_TABLE.name)
        assert [r.category for r in table.rows] == ["planned", "done", "missed"]
        published = table.published_counts()
        assert all(v == 0 or v >= k for v in published), (k, published)
        assert all(r.perturbed for r in table.rows)
        # the same appointments always give the same published numbers
        again = reports.summary(vault, *NOVEMBER, k=k).table(APPOINTMENT_TABLE.name)
        assert again.published_counts() == published
    # a month without appointments publishes exact zeros
    empty = reports.summary(vault, "2026-10-01", "2026-10-31").table(APPOINTMENT_TABLE.name)
    assert empty.published_counts() == [0, 0, 0, 0]


def test_a_filtered_summary_publishes_no_appointment_table(vault) -> None:
    logbook_with_appointments(vault)
    result = reports.summary(vault, *NOVEMBER, filters={"kind": "Individuel"})
    assert APPOINTMENT_TABLE.name not in {t.name for t in result.tables}


def test_the_appointment_table_reads_in_both_languages(vault) -> None:
    from accomp.reports.summary import category_label, table_title

    table = reports.summary(logbook_with_appointments(vault), *NOVEMBER).table(
        APPOINTMENT_TABLE.name)
    assert table_title(table, "fr") == "Rendez-vous de suivi par suite donnée"
    assert table_title(table, "en") == "Follow-up appointments by outcome"
    assert [category_label("status", r.category, "en") for r in table.rows][2] == "Missed"
