"""The journal's rows as plain tuples (list_activity_values): the same rows as
list_activities, in the same order and pages, in a shape that costs the garbage
collector nothing once loaded."""

from __future__ import annotations

import datetime as dt
import gc
from typing import Any

import pytest

from accomp.domain.models import ActivityFilter, ActivityRow
from accomp.services import activities, beneficiaries

TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def journal(vault: Any) -> None:
    ana = beneficiaries.create_beneficiary(vault, {})
    for day, extra in [
        ("2026-11-01", {"autonomy": "EntierementAccompagne", "beneficiary_id": ana.id}),
        ("2026-11-15", {"autonomy": "Autonome", "place_type": "ADistance",
                        "themes": ["Sante", "Email"]}),
        ("2026-11-12", {"duration_min": 45, "place_type": "Domicile",
                        "commune": {"name": "Lyon", "postal_code": "69001",
                                    "insee": "69123"}}),
        ("2026-11-05", {"kind": "Collectif", "duration_min": 120,
                        "workshop_title": "Arnaques", "anonymous": {"total": 6}}),
        ("2026-11-15", {"duration_min": 60, "beneficiary_id": ana.id}),
    ]:
        activities.log_activity(vault, {
            "date": day, "duration_min": 30, "place_type": "LieuActivite",
            "themes": ["Email"], **extra,
        }, today=TODAY)


@pytest.mark.parametrize("kw", [
    {},
    {"limit": 2},
    {"order": "duration", "ascending": True},
    {"order": "beneficiary", "offset": 1, "limit": 3},
    {"order": "date", "ascending": True},
    {"filters": ActivityFilter(theme="Sante")},
    {"filters": ActivityFilter(kind="Collectif")},
])
def test_values_are_the_listed_rows_field_for_field(vault, journal, kw) -> None:
    values = activities.list_activity_values(vault, **kw)
    assert [ActivityRow.from_values(v) for v in values] == activities.list_activities(
        vault, **kw)


def test_the_next_page_follows_the_last_value(vault, journal) -> None:
    first = activities.list_activity_values(vault, limit=2)
    last = first[-1]
    rest = activities.list_activity_values(vault, after=(last[2], last[0]))
    assert [v[0] for v in first + rest] == [
        r.id for r in activities.list_activities(vault)]


def test_values_hold_only_what_the_collector_can_forget(vault, journal) -> None:
    values = activities.list_activity_values(vault)
    # The collector untracks a tuple of atoms when it examines it, and a tuple holding
    # one (the themes) the time after.
    gc.collect()
    gc.collect()
    assert all(type(v) is tuple and type(v[5]) is tuple for v in values)
    assert not any(gc.is_tracked(v) for v in values)
    workshop = next(v for v in values if v[1] == "Collectif")
    # themes, autonomy, code, people, title
    assert workshop[5:] == (("Email",), None, None, 6, "Arnaques")
