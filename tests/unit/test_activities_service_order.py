"""The journal can be read in any of its sortable orders, page after page, without a
row twice or missing, and the newest-first keyset pages stay as they were."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from accomp.services import activities, beneficiaries

TODAY = dt.date(2026, 11, 20)


def log(vault: Any, **data: Any) -> int:
    base: dict[str, Any] = {
        "date": "2026-11-10", "duration_min": 30, "place_type": "LieuActivite",
        "themes": ["Email"],
    }
    return activities.log_activity(vault, {**base, **data}, today=TODAY).id


@pytest.fixture
def journal(vault: Any) -> dict[str, int]:
    ana = beneficiaries.create_beneficiary(vault, {})
    ids = {
        "guided": log(vault, date="2026-11-01", duration_min=90,
                      autonomy="EntierementAccompagne", beneficiary_id=ana.id),
        "alone": log(vault, date="2026-11-15", duration_min=15, autonomy="Autonome",
                     place_type="ADistance"),
        "unsaid": log(vault, date="2026-11-12", duration_min=45, place_type="Domicile",
                      commune={"name": "Lyon", "postal_code": "69001", "insee": "69123"}),
        "workshop": log(vault, kind="Collectif", date="2026-11-05", duration_min=120,
                        workshop_title="Arnaques", anonymous={"total": 6}),
        "half": log(vault, date="2026-11-15", duration_min=60,
                    autonomy="PartiellementAutonome"),
    }
    return ids


def ids_in(vault: Any, **kw: Any) -> list[int]:
    return [r.id for r in activities.list_activities(vault, **kw)]


def test_autonomy_sorts_in_the_order_of_the_scale_not_of_the_keys(vault, journal) -> None:
    rows = ids_in(vault, order="autonomy", ascending=True)
    # none first (ties newest first), then guided, partly autonomous, autonomous
    assert rows == [journal["unsaid"], journal["workshop"], journal["guided"],
                    journal["half"], journal["alone"]]
    assert ids_in(vault, order="autonomy")[0] == journal["alone"]


def test_duration_kind_place_and_beneficiary_orders(vault, journal) -> None:
    assert ids_in(vault, order="duration", ascending=True) == [
        journal["alone"], journal["unsaid"], journal["half"], journal["guided"],
        journal["workshop"],
    ]
    # "Individuel" > "Collectif"; ties newest first, then the latest logged
    assert ids_in(vault, order="kind")[0] == journal["half"]
    assert ids_in(vault, order="kind", ascending=True)[0] == journal["workshop"]
    # LieuActivite, Domicile, ADistance, Autre: the order of the reference list
    assert ids_in(vault, order="place")[:2] == [journal["alone"], journal["unsaid"]]
    assert ids_in(vault, order="beneficiary")[0] == journal["guided"]


def test_oldest_first(vault, journal) -> None:
    rows = activities.list_activities(vault, order="date", ascending=True)
    assert [r.date for r in rows] == sorted(r.date for r in rows)
    assert rows[0].id == journal["guided"]


def test_pages_by_offset_cover_the_journal_once(vault, journal) -> None:
    pages = [
        ids_in(vault, order="duration", limit=2, offset=start) for start in (0, 2, 4, 6)
    ]
    assert [len(p) for p in pages] == [2, 2, 1, 0]
    assert sorted(i for p in pages for i in p) == sorted(journal.values())


def test_filters_apply_to_every_order(vault, journal) -> None:
    from accomp.domain.models import ActivityFilter

    only = ActivityFilter(kind="Individuel", date_from=dt.date(2026, 11, 10))
    assert ids_in(vault, filters=only, order="duration", ascending=True) == [
        journal["alone"], journal["unsaid"], journal["half"],
    ]


def test_default_order_still_pages_on_date_and_id(vault, journal) -> None:
    first = activities.list_activities(vault, limit=2)
    after = (first[-1].date, first[-1].id)
    rest = activities.list_activities(vault, after=after)
    assert [r.id for r in first + rest] == ids_in(vault)
    assert [r.date for r in first + rest] == sorted((r.date for r in first + rest),
                                                    reverse=True)


def test_a_wrong_order_is_a_bug_of_the_caller(vault) -> None:
    with pytest.raises(ValueError, match="unknown journal order"):
        activities.list_activities(vault, order="notes")
    with pytest.raises(ValueError, match="offset"):
        activities.list_activities(vault, order="duration", after=(TODAY, 1))
