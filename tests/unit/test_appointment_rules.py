"""Appointment rules: what a plan must hold, which status changes are allowed, and
where a planned appointment shows in the "À venir" list on a given day."""

from __future__ import annotations

import datetime as dt

import pytest

from accomp.domain.appointments import (
    MAX_ITEMS,
    Bucket,
    Status,
    bucket,
    can_move,
    parse_time,
    validate_plan,
)
from accomp.domain.errors import KnownError
from accomp.domain.vocab import vocabulary

TODAY = dt.date(2026, 12, 3)  # a Thursday


def plan(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {"date": "2026-12-10", "start_time": "14:30",
                               "duration_min": 30, "place_type": "LieuActivite",
                               "items": ["Attestation", "TelephoneCharge"]}
    data.update(overrides)
    return data


def refusal(**overrides: object) -> tuple[str, str | None]:
    with pytest.raises(KnownError) as caught:
        validate_plan(plan(**overrides), today=TODAY)
    return caught.value.code, caught.value.field


def test_a_plan_keeps_the_day_time_place_and_checklist() -> None:
    p = validate_plan(plan(), today=TODAY)
    assert p.starts_at == dt.datetime(2026, 12, 10, 14, 30)
    assert p.ends_at == dt.datetime(2026, 12, 10, 15, 0)
    assert p.place_type == "LieuActivite"
    assert p.items == ("Attestation", "TelephoneCharge")


def test_the_checklist_of_what_to_bring_is_in_the_vocabulary_in_both_languages() -> None:
    terms = vocabulary().terms("appointment_items")
    keys = {t.key for t in terms}
    assert {"Attestation", "Identifiants", "TelephoneCharge", "PieceIdentite"} <= keys
    assert all(t.fr and t.en and t.fr != t.key for t in terms)
    assert [t.key for t in vocabulary().terms("appointment_statuses")] == list(Status)


@pytest.mark.parametrize(("overrides", "expected"), [
    ({"date": "2026-12-02"}, ("date_past", "date")),
    ({"date": "2028-01-01"}, ("date_too_far", "date")),
    ({"date": ""}, ("required", "date")),
    ({"date": "10/12/2026"}, ("invalid", "date")),
    ({"start_time": "25:00"}, ("invalid", "start_time")),
    ({"start_time": None}, ("invalid", "start_time")),
    ({"duration_min": 0}, ("out_of_range", "duration_min")),
    ({"duration_min": "30"}, ("invalid", "duration_min")),
    ({"place_type": "Cafe"}, ("not_in_list", "place_type")),
    ({"items": ["Passeport"]}, ("not_in_list", "items")),
    ({"items": ["RIB", "RIB"]}, ("invalid", "items")),
    ({"items": "RIB"}, ("invalid", "items")),
])
def test_a_plan_outside_the_rules_is_refused_with_the_field_named(overrides, expected) -> None:
    assert refusal(**overrides) == expected


def test_the_checklist_stays_short() -> None:
    keys = [t.key for t in vocabulary().terms("appointment_items")]
    assert refusal(items=keys[: MAX_ITEMS + 1]) == ("too_many", "items")
    assert len(validate_plan(plan(items=keys[:MAX_ITEMS]), today=TODAY).items) == MAX_ITEMS


def test_today_is_a_valid_day_and_times_are_read_as_workers_type_them() -> None:
    assert validate_plan(plan(date=TODAY), today=TODAY).day == TODAY
    assert parse_time("9h05") == dt.time(9, 5)
    assert parse_time(dt.time(9, 5, 33)) == dt.time(9, 5)


def test_only_a_planned_appointment_changes_and_a_missed_one_can_still_be_done() -> None:
    assert can_move("planned", "missed")
    assert can_move("planned", "done")
    assert can_move("planned", "cancelled")
    assert not can_move("planned", "planned")
    assert can_move("missed", "done")
    assert not can_move("done", "missed")
    assert not can_move("cancelled", "planned")
    assert not can_move("missed", "cancelled")


def test_the_upcoming_list_groups_by_overdue_today_this_week_and_later() -> None:
    assert bucket(dt.date(2026, 12, 2), "planned", TODAY) == Bucket.OVERDUE
    assert bucket(TODAY, "planned", TODAY) == Bucket.TODAY
    assert bucket(dt.date(2026, 12, 6), "planned", TODAY) == Bucket.THIS_WEEK  # Sunday
    assert bucket(dt.date(2026, 12, 7), "planned", TODAY) == Bucket.LATER  # Monday
    assert bucket(dt.date(2026, 12, 2), "missed", TODAY) is None
    assert bucket(TODAY, "cancelled", TODAY) is None


def test_refusals_are_told_in_french_and_english() -> None:
    with pytest.raises(KnownError) as caught:
        validate_plan(plan(items=["RIB"] * 2), today=TODAY)
    assert "À apporter" in caught.value.message("fr")
    assert "What to bring" in caught.value.message("en")
    err = KnownError("appointment_needs_recontact", "RecontactSuivi",
                     reason=("Pas de consentement.", "No consent."))
    assert "Recontact pour le suivi" in err.message("fr")
    assert "No consent." in err.message("en")


def test_a_plan_with_nothing_to_bring_and_a_day_given_as_a_date() -> None:
    p = validate_plan(plan(items=None, date=dt.date(2026, 12, 4)), today=TODAY)
    assert p.items == ()
    assert refusal(date=dt.datetime(2026, 12, 4, 10, 0)) == ("invalid", "date")
