"""The anonymised summary: what each table counts, and that nothing publishable is
small enough, or recomputable enough, to point at a person."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from accomp.domain.errors import KnownError
from accomp.paths import AppPaths
from accomp.privacy.generalise import NON_COMMUNIQUE, age_band, departement_of
from accomp.reports import summary as summary_module
from accomp.reports.summary import TABLES, PublishedTable, Summary, build_summary
from accomp.services import activities, beneficiaries, reports, vaults
from accomp.services.generators.demo import generate_demo
from accomp.store import stats

TODAY = dt.date(2026, 11, 28)
CHEAP = vaults.KdfParams(1, 1024, 1)
YEAR = ("2026-01-01", "2026-12-31")


def new_vault(folder: Path) -> vaults.Vault:
    vault, _ = vaults.create_vault(AppPaths.at(folder), "x", kdf=CHEAP, enforce_policy=False)
    return vault


@pytest.fixture(scope="module")
def demo_vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[vaults.Vault]:
    vault = new_vault(tmp_path_factory.mktemp("demo"))
    generate_demo(vault, seed=11, activities=1500, today=TODAY)
    yield vault
    vault.lock()


def person(vault: vaults.Vault, **fields: Any) -> int:
    data = {"gender": "Feminin", "social_status": "Retraite", **fields}
    return beneficiaries.create_beneficiary(vault, data, today=TODAY).id


def session(vault: vaults.Vault, **fields: Any) -> None:
    data: dict[str, Any] = {
        "date": "2026-03-10", "duration_min": 45, "place_type": "LieuActivite",
        "themes": ["Email"], "autonomy": "Autonome", **fields,
    }
    activities.log_activity(vault, data, today=TODAY)


# --- what each table counts --------------------------------------------------------


@pytest.fixture
def small_logbook(vault: vaults.Vault) -> vaults.Vault:
    """Two people, an anonymous session and a workshop with anonymous participants."""
    alice = person(vault, age_band="SoixanteDixPlus", commune={"name": "Poitiers",
                                                                 "insee": "86194"})
    bob = person(vault, gender="Masculin", social_status="EnEmploi",
                 age_band="VingtCinqTrenteNeuf")
    session(vault, date="2026-02-03", beneficiary_id=alice)
    session(vault, date="2026-03-10", beneficiary_id=alice, themes=["Email", "Sante"],
            duration_min=130, referred=True, referral_target="AideSociale")
    session(vault, date="2026-03-11", beneficiary_id=bob)
    session(vault, date="2026-03-12")  # anonymous
    activities.log_activity(vault, {
        "kind": "Collectif", "date": "2026-03-20", "duration_min": 120,
        "place_type": "LieuActivite", "themes": ["SecuriteNumerique"],
        "workshop_title": "Atelier", "level": "Debutant", "participant_ids": [alice],
        "anonymous": {"total": 6, "already_supported": 2,
                      "by_gender": {"Feminin": 4, "Masculin": 1}},
    }, today=TODAY)
    return vault


def counts(vault: vaults.Vault, start: str = "2026-01-01", end: str = "2026-12-31",
           **filters: Any) -> dict[str, dict[str, int]]:
    from accomp.domain.models import ActivityFilter

    with vault.reading() as s:
        return stats.summary_counts(s, dt.date.fromisoformat(start),
                                    dt.date.fromisoformat(end), ActivityFilter(**filters))


def test_activities_are_counted_once_each_and_by_each_of_their_themes(small_logbook):
    c = counts(small_logbook)
    assert c["activities_by_kind"] == {"Individuel": 4, "Collectif": 1}
    assert c["activities_by_month"] == {"2026-02": 1, "2026-03": 4}
    assert c["activities_by_theme"] == {"Email": 4, "Sante": 1, "SecuriteNumerique": 1}
    assert c["activities_by_duration"] == {"60": 3, "more": 2}
    assert c["activities_by_autonomy"] == {"Autonome": 4, "SansObjet": 1}
    assert c["activities_by_referral"] == {"NonOriente": 3, "AideSociale": 1, "SansObjet": 1}
    assert c["minutes_by_kind"] == {"Individuel": 45 * 3 + 130, "Collectif": 120}


def test_participations_count_workshop_head_counts_and_anonymous_sessions(small_logbook):
    c = counts(small_logbook)
    # 4 individual sessions + the workshop's tracked participant + 6 anonymous heads
    assert sum(c["participations_by_gender"].values()) == 11
    assert c["participations_by_gender"] == {
        "Feminin": 3 + 4,  # alice twice + alice at the workshop, 4 anonymous women
        "Masculin": 1 + 1,  # bob, 1 anonymous man
        NON_COMMUNIQUE: 1 + 1,  # the anonymous session, one anonymous head without gender
    }
    assert c["participations_by_first_visit"] == {
        "PremierAccompagnement": 2 + 4,  # alice's and bob's first, 4 new anonymous heads
        "DejaAccompagne": 2 + 2,
        NON_COMMUNIQUE: 1,
    }
    assert c["participations_by_departement"] == {"86": 3, NON_COMMUNIQUE: 8}


def test_beneficiaries_are_distinct_people_once_per_category(small_logbook):
    c = counts(small_logbook)
    assert c["beneficiaries_by_gender"] == {"Feminin": 1, "Masculin": 1}
    assert c["beneficiaries_by_age_band"] == {"SoixanteDixPlus": 1, "VingtCinqTrenteNeuf": 1}
    assert c["beneficiaries_by_month"] == {"2026-02": 1, "2026-03": 2}
    assert c["beneficiaries_by_kind"] == {"Individuel": 2, "Collectif": 1}
    assert c["beneficiaries_by_first_visit"] == {"PremierAccompagnement": 2}
    # seen before the period: not a first visit any more
    assert counts(small_logbook, start="2026-03-01")["beneficiaries_by_first_visit"] == {
        "PremierAccompagnement": 1, "DejaAccompagne": 1}


def test_filters_restrict_the_sessions_counted(small_logbook):
    c = counts(small_logbook, theme="Sante")
    assert c["activities_by_kind"] == {"Individuel": 1}
    assert counts(small_logbook, kind="Collectif")["participations_by_gender"] == {
        "Feminin": 5, "Masculin": 1, NON_COMMUNIQUE: 1}


def test_sql_generalisations_match_the_privacy_functions():
    for code in ("86194", "2A004", "2B033", "97101", "97611", "98735", "75056", "01001"):
        assert stats.departement_sql(code) == departement_of(code)
    for bad in (None, "", "  ", "20000", "7501", "abcde"):
        assert stats.departement_sql(bad) == NON_COMMUNIQUE
    ref = 2026
    sql = stats._age_case()
    with sqlite3.connect(":memory:") as conn:
        conn.execute("CREATE TABLE b (id INTEGER, birth_year INTEGER, age_band TEXT)")
        for year in range(1900, ref + 1):
            conn.execute("INSERT INTO b VALUES (?, ?, 'X')", (year, year))
        rows = conn.execute(f"SELECT birth_year, {sql} FROM b", {"ref_year": ref}).fetchall()
    for year, band in rows:
        assert band == age_band(year, dt.date(ref, 6, 1))


def test_constants_shared_by_store_and_reports_agree():
    for name in ("NOT_APPLICABLE", "NOT_REFERRED", "FIRST_VISIT", "RETURNING",
                 "ACTIVITY_DIMENSIONS", "PERSON_DIMENSIONS"):
        assert getattr(stats, name) == getattr(summary_module, name)
    assert set(stats.TABLE_NAMES) == {t.name for t in TABLES}


# --- publication ------------------------------------------------------------------------


def published(summary: Summary) -> Iterator[tuple[PublishedTable, int]]:
    for table in summary.tables:
        if table.unit == "minutes":
            continue
        for value in table.published_counts():
            yield table, value


@pytest.mark.parametrize("k", [3, 5, 10])
def test_no_published_count_is_between_1_and_k_minus_1(demo_vault, k):
    result = reports.summary(demo_vault, *YEAR, k=k)
    assert result.k == k
    small = [(t.name, v) for t, v in published(result) if 0 < v < k]
    assert small == []
    assert result.suppressed_cells == 0  # the cell-key method publishes every cell
    assert any(row.perturbed for t in result.tables for row in t.rows)


def test_time_is_hidden_exactly_where_its_activities_are(demo_vault):
    result = reports.summary(demo_vault, *YEAR)
    for dim in ("kind", "month"):
        minutes = result.table(f"minutes_by_{dim}")
        acts = result.table(f"activities_by_{dim}")
        assert [r.category for r in minutes.rows] == [r.category for r in acts.rows]
        # time is zero exactly where there are no activities (zeros are exact)
        assert [r.count == 0 for r in minutes.rows] == [r.count == 0 for r in acts.rows]


def test_summary_refuses_what_would_not_be_anonymous_or_makes_no_sense(demo_vault):
    with pytest.raises(KnownError) as err:
        reports.summary(demo_vault, *YEAR, filters={"beneficiary_id": 1})
    assert err.value.code == "summary_person_filter"
    with pytest.raises(KnownError) as err:
        reports.summary(demo_vault, *YEAR, k=2)
    assert (err.value.code, err.value.field) == ("out_of_range", "k")
    with pytest.raises(KnownError) as err:
        reports.summary(demo_vault, "2026-12-31", "2026-01-01")
    assert err.value.code == "period_invalid"
    with pytest.raises(KnownError) as err:
        reports.summary(demo_vault, "31/12/2026", "2026-01-01")
    assert (err.value.code, err.value.field) == ("invalid", "date_from")
    with pytest.raises(KnownError) as err:
        reports.summary(demo_vault, *YEAR, filters={"theme": "Dupont"})
    assert (err.value.code, err.value.field) == ("not_in_list", "theme")


def test_a_preview_writes_nothing_to_the_journal(demo_vault):
    before = reports.past_exports(demo_vault)
    reports.summary(demo_vault, *YEAR)
    assert reports.past_exports(demo_vault) == before


# --- property: random tables of counts ----------------------------------------------


def feasible_range(table: PublishedTable, raw: dict[str, int]) -> dict[str, tuple[float, float]]:
    """An intruder's best bounds on each hidden cell of a one-dimension table, by
    linear programming: cells are >= 0 and add up to the published total (when the
    table publishes one)."""
    hidden = [r.category for r in table.rows if r.suppressed]
    if not hidden:
        return {}
    a_eq, b_eq = None, None
    if table.total is not None:
        known = sum(r.count or 0 for r in table.rows if not r.suppressed)
        a_eq = np.ones((1, len(hidden)))
        b_eq = np.array([table.total - known])
    bounds: dict[str, tuple[float, float]] = {}
    for i, name in enumerate(hidden):
        c = np.zeros(len(hidden))
        c[i] = 1.0
        ends = []
        for sign in (1.0, -1.0):
            result = linprog(sign * c, A_eq=a_eq, b_eq=b_eq, bounds=[(0, None)] * len(hidden))
            # unbounded (status 3): no total to bound it, the cell can be anything
            ends.append(sign * result.fun if result.status == 0 else -sign * float("inf"))
        bounds[name] = (ends[0], ends[1])
    return bounds


RAW = st.dictionaries(
    st.sampled_from(["Feminin", "Masculin", NON_COMMUNIQUE]),
    st.one_of(st.integers(0, 6), st.integers(0, 60)),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(gender=RAW, kinds=st.dictionaries(st.sampled_from(["Individuel", "Collectif"]),
                                         st.integers(0, 30)),
       themes=st.dictionaries(st.sampled_from(["Email", "Sante", "Bureautique"]),
                              st.integers(0, 12)),
       k=st.sampled_from([3, 5, 8]))
def test_every_hidden_cell_stays_uncertain_given_the_published_ones(gender, kinds, themes, k):
    raw = {"beneficiaries_by_gender": gender, "activities_by_kind": kinds,
           "activities_by_theme": themes, "minutes_by_kind": {c: 45 * n for c, n in kinds.items()}}
    result = build_summary(raw, date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 1, 31),
                           k=k)
    for name in raw:
        table = result.table(name)
        if table.unit != "minutes":
            assert not [v for v in table.published_counts() if 0 < v < k]
        truth = raw[name]
        for category, (low, high) in feasible_range(table, truth).items():
            assert high - low >= 1, (name, category, low, high)
            assert low <= truth.get(category, 0) <= high
