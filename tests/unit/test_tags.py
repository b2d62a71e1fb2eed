"""The structure's tags: named in Paramètres, set on sessions and files, used as a
filter by the journal, the dashboard and the summary, and never a way to publish
a small group: a summary of a tag of two people says k, never 2, and an attacker
who subtracts "everyone but the tag" from "everyone" learns nothing in 1..k−1."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from accomp.domain.errors import KnownError
from accomp.domain.models import ActivityFilter
from accomp.services import activities, beneficiaries, exports, reports, tags
from accomp.services import dashboard as dash
from accomp.store.tables import AuditEvent

sys.path.insert(0, str(Path(__file__).parent / "privacy"))
from lp_attacker import Model, add_pair, add_release

TODAY = dt.date(2026, 11, 20)
NOW = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC)
START, END = dt.date(2026, 1, 1), dt.date(2026, 11, 20)
K = 5


def person(vault: Any, gender: str = "Feminin") -> int:
    return beneficiaries.create_beneficiary(vault, {"gender": gender}, today=TODAY).id


def session(vault: Any, day: str, bid: int | None, theme: str = "Email") -> int:
    return activities.log_activity(vault, {
        "date": day, "duration_min": 45, "place_type": "LieuActivite", "themes": [theme],
        "beneficiary_id": bid, "autonomy": "PartiellementAutonome",
    }, today=TODAY).id


def test_a_tag_is_named_once_whatever_the_case(vault: Any) -> None:
    fs = tags.create_tag(vault, "France Services", now=NOW)
    with pytest.raises(KnownError) as err:
        tags.create_tag(vault, "  france services ")
    assert err.value.code == "tag_exists"
    for bad, code in (("", "required"), ("x" * 61, "too_long"), ("a\nb", "control_chars")):
        with pytest.raises(KnownError) as err:
            tags.create_tag(vault, bad)
        assert (err.value.code, err.value.field) == (code, "tag_name")
    tags.rename_tag(vault, fs.id, "Maison France Services", now=NOW)
    assert [t.name for t in tags.list_tags(vault)] == ["Maison France Services"]


def test_tags_on_sessions_and_files_are_journaled_by_id(vault: Any) -> None:
    qpv = tags.create_tag(vault, "Quartier prioritaire", now=NOW)
    bid = person(vault)
    aid = session(vault, "2026-11-02", bid)
    tags.set_activity_tags(vault, aid, [qpv.id], now=NOW)
    tags.set_file_tags(vault, bid, [qpv.id], now=NOW)
    assert tags.activity_tags(vault, aid) == [qpv.id]
    assert tags.file_tags(vault, bid) == [qpv.id]
    with pytest.raises(KnownError) as err:
        tags.set_activity_tags(vault, aid, [qpv.id + 99])
    assert (err.value.code, err.value.field) == ("not_found", "tag")
    with vault.reading() as s:
        events = [e for e in s.exec(select(AuditEvent).order_by(AuditEvent.id))
                  if e.action.startswith(("settings.tag_", "activity.tags", "beneficiary.tags"))]
    assert [e.action for e in events] == [
        "settings.tag_create", "activity.tags", "beneficiary.tags"]
    assert all("Quartier" not in str(e.details) for e in events)
    tags.delete_tag(vault, qpv.id, now=NOW)
    assert tags.activity_tags(vault, aid) == []
    assert tags.file_tags(vault, bid) == []


def test_the_journal_filter_takes_sessions_of_the_tag_and_of_tagged_files(vault: Any) -> None:
    cohort = tags.create_tag(vault, "Cohorte CAF", now=NOW)
    tagged_person, other = person(vault), person(vault)
    by_file = session(vault, "2026-11-02", tagged_person)
    by_session = session(vault, "2026-11-03", other)
    session(vault, "2026-11-04", other)
    tags.set_file_tags(vault, tagged_person, [cohort.id])
    tags.set_activity_tags(vault, by_session, [cohort.id])
    found = activities.list_activities(vault, ActivityFilter(tag=cohort.id))
    assert sorted(a.id for a in found) == sorted([by_file, by_session])
    assert activities.count_activities(vault, ActivityFilter(tag=cohort.id)) == 2


def test_the_dashboard_counts_only_the_tag(vault: Any) -> None:
    cohort = tags.create_tag(vault, "Cohorte CAF", now=NOW)
    a, b = person(vault), person(vault)
    session(vault, "2026-11-02", a)
    session(vault, "2026-11-03", b)
    session(vault, "2026-11-04", b)
    tags.set_file_tags(vault, a, [cohort.id])
    period = dash.preset_period("month", TODAY)
    everyone = dash.load(vault, period, today=TODAY)
    tagged = dash.load(vault, period, today=TODAY, tag=cohort.id)
    assert everyone.comparison.this.activities == 3
    assert tagged.comparison.this.activities == 1
    assert tagged.comparison.this.people == 1


def test_activity_rows_cannot_be_cut_by_tag(vault: Any, tmp_path: Path) -> None:
    cohort = tags.create_tag(vault, "Cohorte", now=NOW)
    with pytest.raises(KnownError) as err:
        exports.anonymised_activities(vault, START, END, filters={"tag": cohort.id})
    assert err.value.code == "tag_filter_rows"
    with pytest.raises(KnownError) as err:
        exports.export_activities(vault, START, END, "csv", tmp_path / "a.csv",
                                  filters={"tag": cohort.id})
    assert err.value.code == "tag_filter_rows"
    assert not (tmp_path / "a.csv").exists()


@pytest.fixture
def small_tag(vault: Any) -> tuple[Any, int, int]:
    """30 people, 2 of them in the tag "Cohorte A", everyone else in "Reste"."""
    a = tags.create_tag(vault, "Cohorte A", now=NOW)
    rest = tags.create_tag(vault, "Reste", now=NOW)
    for i in range(30):
        bid = person(vault, "Feminin" if i % 2 else "Masculin")
        session(vault, f"2026-{1 + i % 10:02d}-{1 + i % 27:02d}", bid,
                "Email" if i % 3 else "Sante")
        tags.set_file_tags(vault, bid, [a.id] if i < 2 else [rest.id])
    return vault, a.id, rest.id


def test_a_tag_of_two_people_is_never_published_as_two(small_tag: Any, tmp_path: Path
                                                         ) -> None:
    vault, a, _ = small_tag
    summary = reports.summary(vault, START, END, filters={"tag": a}, k=K)
    assert summary.filters["tag"] == "Cohorte A"
    # counts of people and sessions (the minutes are not a count: they get a wide
    # noise that may land anywhere, 1 to 4 included)
    published = [n for t in summary.tables if t.unit != "minutes"
                 for n in t.published_counts()]
    assert published
    assert all(n == 0 or n >= K for n in published)
    assert summary.table("beneficiaries_by_gender").total == K
    out = tmp_path / "summary.json"
    reports.export_summary(vault, START, END, "json", out, filters={"tag": a}, k=K)
    assert '"Cohorte A"' in out.read_text("utf-8")


def test_unknown_tag_filter_is_refused(vault: Any) -> None:
    with pytest.raises(KnownError) as err:
        reports.summary(vault, START, END, filters={"tag": 12345}, k=K)
    assert (err.value.code, err.value.field) == ("not_found", "tag")


def _truth(vault: Any, filters: dict[str, Any]) -> dict[str, dict[str, int]]:
    from accomp.store import stats

    with vault.reading() as s:
        counts = stats.summary_counts_and_keys(
            s, START, END, ActivityFilter(**filters), exports.record_keys(vault))[0]
    return counts


def test_attacker_subtracting_everyone_but_the_tag_from_everyone_learns_no_small_count(
        small_tag: Any) -> None:
    """The attacker publishes "everyone" and "Reste" (everyone but Cohorte A), knows
    that Reste is nested in everyone, and asks linear programming for the range of
    every cell of the difference: Cohorte A's part. None may lie inside 1..k−1."""
    vault, a, rest = small_tag
    model = Model()
    everyone = add_release(model, reports.summary(vault, START, END, k=K), "all",
                           _truth(vault, {}))
    others = add_release(model, reports.summary(vault, START, END, filters={"tag": rest}, k=K),
                         "rest", _truth(vault, {"tag": rest}))
    only_a = _truth(vault, {"tag": a})
    zero: dict[str, dict[str, int]] = {}
    parts = add_pair(model, everyone, others, (only_a, _truth(vault, {"tag": rest}), zero),
                     second_inside=True)
    assert not model.violations()
    small_truths = [i for i in parts if model.names[i][0] == "only-first"
                    and 1 <= (model.truth[i] or 0) < K]
    assert small_truths, "the tag must make small cells for the attack to mean anything"
    assert model.disclosed(K, parts) == []
