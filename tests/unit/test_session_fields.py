"""Custom fields on sessions, as filters of the dashboard and of the protected
summary, and renamed: a session is in "field = value" when it holds the value or
when its person's file does (as for tags); a choice held by two people is never
published as 2, an attacker who subtracts "everyone but the value" from "everyone"
learns no count in 1..k−1; the activity-rows export keeps refusing the filter;
values stay out of the journal, go at anonymisation, follow a merge and are in
the person's access record."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import CANARY_NEEDLES, an_activity, canary_beneficiary
from sqlalchemy import text

from accomp.domain.errors import KnownError
from accomp.domain.models import ActivityFilter
from accomp.services import (
    activities,
    beneficiaries,
    custom_fields,
    exports,
    reports,
    rights,
)
from accomp.services import dashboard as dash

sys.path.insert(0, str(Path(__file__).parent / "privacy"))
from lp_attacker import Model, add_pair, add_release

TODAY = dt.date(2026, 11, 20)
NOW = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC)
START, END = dt.date(2026, 1, 1), dt.date(2026, 11, 20)
K = 5
SECRET = "Canary-Séance-5519"  # a text typed on a session, about the person


def journal(vault: Any) -> str:
    with vault.reading() as s:
        return str(s.exec(text(  # type: ignore[call-overload]
            "SELECT action, ref, details FROM audit_event ORDER BY id")).all())


def person(vault: Any, gender: str = "Feminin") -> int:
    return beneficiaries.create_beneficiary(vault, {"gender": gender}, today=TODAY).id


def session(vault: Any, day: str, bid: int | None, theme: str = "Email") -> int:
    return activities.log_activity(vault, {
        "date": day, "duration_min": 45, "place_type": "LieuActivite", "themes": [theme],
        "beneficiary_id": bid, "autonomy": "PartiellementAutonome",
    }, today=TODAY).id


def fields(vault: Any) -> tuple[Any, Any]:
    cohort = custom_fields.create_field(vault, "Cohorte", "choice", ["CAF", "Mairie"], now=NOW)
    note = custom_fields.create_field(vault, "Référence", "text", now=NOW)
    return cohort, note


def test_session_values_are_checked_kept_and_journaled_by_id(vault: Any) -> None:
    cohort, note = fields(vault)
    aid = session(vault, "2026-11-02", None)
    kept = custom_fields.set_session_values(vault, aid, {cohort.id: "CAF", note.id: SECRET},
                                            now=NOW)
    assert kept == {cohort.id: "CAF", note.id: SECRET}
    assert custom_fields.session_values(vault, aid) == kept
    assert "activity.fields" in journal(vault)
    assert SECRET not in journal(vault)
    assert "'CAF'" not in journal(vault)
    for values, code in (({cohort.id: "Préfecture"}, "custom_field_not_a_choice"),
                         ({note.id: "a\nb"}, "control_chars"),
                         ({cohort.id + 99: "CAF"}, "not_found")):
        with pytest.raises(KnownError) as caught:
            custom_fields.set_session_values(vault, aid, values, now=NOW)
        assert caught.value.code == code
    with pytest.raises(KnownError) as caught:
        custom_fields.set_session_values(vault, aid + 99, {cohort.id: "CAF"})
    assert (caught.value.code, caught.value.field) == ("not_found", "activity")
    assert custom_fields.set_session_values(vault, aid, {note.id: None}, now=NOW) == {
        cohort.id: "CAF"}
    custom_fields.delete_field(vault, cohort.id, now=NOW)
    assert custom_fields.session_values(vault, aid) == {}
    custom_fields.set_session_values(vault, aid, {note.id: SECRET}, now=NOW)
    activities.delete_activity(vault, aid)  # a deleted session takes its values along
    with vault.reading() as s:
        left = s.exec(text("SELECT count(*) FROM activity_field_value")).one()[0]  # type: ignore[call-overload]
    assert left == 0


def test_a_session_is_in_a_value_when_it_or_its_persons_file_holds_it(vault: Any) -> None:
    cohort, _ = fields(vault)
    holder, other = person(vault), person(vault, "Masculin")
    by_file = session(vault, "2026-11-02", holder)
    by_session = session(vault, "2026-11-03", other)
    session(vault, "2026-11-04", other)
    custom_fields.set_file_values(vault, holder, {cohort.id: "CAF"}, now=NOW)
    custom_fields.set_session_values(vault, by_session, {cohort.id: "CAF"}, now=NOW)
    chosen = ActivityFilter(custom_field=cohort.id, custom_value="CAF")
    assert sorted(a.id for a in activities.list_activities(vault, chosen)) == sorted(
        [by_file, by_session])
    period = dash.preset_period("month", TODAY)
    everyone = dash.load(vault, period, today=TODAY)
    caf = dash.load(vault, period, today=TODAY, value=(cohort.id, "CAF"))
    mairie = dash.load(vault, period, today=TODAY, value=(cohort.id, "Mairie"))
    assert everyone.comparison.this.activities == 3
    assert (caf.comparison.this.activities, caf.comparison.this.people) == (2, 2)
    assert mairie.comparison.this.activities == 0


def test_summary_filters_refused_outside_a_choice(vault: Any) -> None:
    cohort, note = fields(vault)
    for filters, code in (
        ({"custom_field": note.id, "custom_value": "x"}, "custom_field_filter_output"),
        ({"custom_field": cohort.id}, "custom_field_filter_output"),
        ({"custom_value": "CAF"}, "custom_field_filter_output"),
        ({"custom_field": cohort.id, "custom_value": "Autre"}, "custom_field_not_a_choice"),
        ({"custom_field": cohort.id + 99, "custom_value": "CAF"}, "not_found"),
    ):
        with pytest.raises(KnownError) as caught:
            reports.summary(vault, START, END, filters=filters, k=K)
        assert caught.value.code == code, filters
        assert caught.value.message("fr")
        assert caught.value.message("en")


def test_activity_rows_cannot_be_cut_by_a_value(vault: Any, tmp_path: Path) -> None:
    cohort, _ = fields(vault)
    chosen = {"custom_field": cohort.id, "custom_value": "CAF"}
    with pytest.raises(KnownError) as caught:
        exports.anonymised_activities(vault, START, END, filters=chosen)
    assert caught.value.code == "custom_field_filter_output"
    with pytest.raises(KnownError) as caught:
        exports.export_activities(vault, START, END, "csv", tmp_path / "a.csv", filters=chosen)
    assert caught.value.code == "custom_field_filter_output"
    assert not (tmp_path / "a.csv").exists()


@pytest.fixture
def small_value(vault: Any) -> tuple[Any, int]:
    """30 people, 2 of them in Cohorte = CAF (one by the file, one by the session),
    everyone else in Cohorte = Mairie."""
    cohort = custom_fields.create_field(vault, "Cohorte", "choice", ["CAF", "Mairie"], now=NOW)
    for i in range(30):
        bid = person(vault, "Feminin" if i % 2 else "Masculin")
        aid = session(vault, f"2026-{1 + i % 10:02d}-{1 + i % 27:02d}", bid,
                      "Email" if i % 3 else "Sante")
        value = "CAF" if i < 2 else "Mairie"
        if i == 1:
            custom_fields.set_session_values(vault, aid, {cohort.id: value}, now=NOW)
        else:
            custom_fields.set_file_values(vault, bid, {cohort.id: value}, now=NOW)
    return vault, cohort.id


def _only(field: int, value: str) -> dict[str, Any]:
    return {"custom_field": field, "custom_value": value}


def test_a_value_held_by_two_people_is_never_published_as_two(
        small_value: Any, tmp_path: Path) -> None:
    vault, cohort = small_value
    summary = reports.summary(vault, START, END, filters=_only(cohort, "CAF"), k=K)
    assert summary.filters["Cohorte"] == "CAF"
    # counts of people and sessions (the minutes are not a count: they get a wide
    # noise that may land anywhere, 1 to 4 included)
    published = [n for t in summary.tables if t.unit != "minutes"
                 for n in t.published_counts()]
    assert published
    assert all(n == 0 or n >= K for n in published)
    assert 2 not in published
    assert summary.table("beneficiaries_by_gender").total == K
    out = tmp_path / "summary.json"
    reports.export_summary(vault, START, END, "json", out, filters=_only(cohort, "CAF"), k=K)
    assert '"Cohorte": "CAF"' in out.read_text("utf-8")


def _truth(vault: Any, filters: dict[str, Any]) -> dict[str, dict[str, int]]:
    from accomp.store import stats

    with vault.reading() as s:
        counts = stats.summary_counts_and_keys(
            s, START, END, ActivityFilter(**filters), exports.record_keys(vault))[0]
    return counts


def test_attacker_subtracting_everyone_but_the_value_from_everyone_learns_no_small_count(
        small_value: Any) -> None:
    """The attacker publishes "everyone" and "Cohorte = Mairie" (everyone but CAF),
    knows Mairie is nested in everyone, and asks linear programming for the range
    of every cell of the difference: CAF's part. None may lie inside 1..k−1."""
    vault, cohort = small_value
    model = Model()
    everyone = add_release(model, reports.summary(vault, START, END, k=K), "all",
                           _truth(vault, {}))
    mairie = _only(cohort, "Mairie")
    others = add_release(model, reports.summary(vault, START, END, filters=mairie, k=K),
                         "rest", _truth(vault, mairie))
    caf = _truth(vault, _only(cohort, "CAF"))
    parts = add_pair(model, everyone, others, (caf, _truth(vault, mairie), {}),
                     second_inside=True)
    assert not model.violations()
    small_truths = [i for i in parts if model.names[i][0] == "only-first"
                    and 1 <= (model.truth[i] or 0) < K]
    assert small_truths, "the value must make small cells for the attack to mean anything"
    assert model.disclosed(K, parts) == []


def test_renaming_a_field_and_its_choices_keeps_values_and_journals_ids_only(
        vault: Any) -> None:
    cohort, note = fields(vault)
    bid = person(vault)
    aid = session(vault, "2026-11-02", None)
    custom_fields.set_file_values(vault, bid, {cohort.id: "CAF"}, now=NOW)
    custom_fields.set_session_values(vault, aid, {cohort.id: "CAF"}, now=NOW)
    renamed = custom_fields.rename_field(vault, cohort.id, " Cohorte du partenaire ",
                                         {"CAF": "CAF Loire"}, now=NOW)
    assert (renamed.name, renamed.choices) == ("Cohorte du partenaire", ("CAF Loire", "Mairie"))
    assert custom_fields.file_values(vault, bid) == {cohort.id: "CAF Loire"}
    assert custom_fields.session_values(vault, aid) == {cohort.id: "CAF Loire"}
    assert "settings.field_rename" in journal(vault)
    assert "Cohorte du partenaire" not in journal(vault)
    assert "Loire" not in journal(vault)
    refusals = (
        ((note.id, "Cohorte du partenaire"), "custom_field_exists"),
        ((cohort.id, "Cohorte", {"Préfecture": "X"}), "custom_field_not_a_choice"),
        ((cohort.id, "Cohorte", {"CAF Loire": "mairie"}), "custom_field_choices"),
        ((cohort.id + 99, "Autre"), "not_found"),
        ((cohort.id, ""), "required"),
    )
    for args, code in refusals:
        with pytest.raises(KnownError) as caught:
            custom_fields.rename_field(vault, *args, now=NOW)  # type: ignore[arg-type]
        assert caught.value.code == code, args
    assert custom_fields.file_values(vault, bid) == {cohort.id: "CAF Loire"}
    custom_fields.rename_field(vault, note.id, "Référence CAF", now=NOW)  # a text: name only
    assert [f.name for f in custom_fields.list_fields(vault)] == [
        "Cohorte du partenaire", "Référence CAF"]


def test_session_values_in_the_access_record_and_gone_at_anonymisation(vault: Any) -> None:
    cohort, note = fields(vault)
    b = canary_beneficiary(vault)
    mine = activities.log_activity(vault, an_activity(beneficiary_id=b.id), today=TODAY, at=NOW)
    workshop = session(vault, "2026-11-05", None)
    custom_fields.set_session_values(vault, mine.id, {note.id: SECRET, cohort.id: "CAF"},
                                     now=NOW)
    custom_fields.set_session_values(vault, workshop, {cohort.id: "Mairie"}, now=NOW)
    record = rights.access_record(vault, b.id, now=NOW)
    assert [a["custom_fields"] for a in record["activities"]] == [
        {"Cohorte": "CAF", "Référence": SECRET}]
    rights.erase_beneficiary(vault, b.id, now=NOW)
    assert custom_fields.session_values(vault, mine.id) == {}
    assert custom_fields.session_values(vault, workshop) == {cohort.id: "Mairie"}
    with vault.reading() as s:
        stored = s.exec(text(  # type: ignore[call-overload]
            "SELECT value FROM activity_field_value")).all()
    assert [v for (v,) in stored] == ["Mairie"]
    assert not any(n in journal(vault) for n in (*CANARY_NEEDLES, SECRET))


def test_a_merge_keeps_session_values_with_their_sessions(vault: Any) -> None:
    from accomp.services import merge

    cohort, _ = fields(vault)
    kept = canary_beneficiary(vault)
    absorbed = beneficiaries.create_beneficiary(vault, {
        "first_name": "Zephyrine", "last_name": "ANCIEN", "gender": "Feminin",
        "legal_basis": "MissionInteretPublic", "informed_on": "2026-09-15"}, today=TODAY)
    theirs = activities.log_activity(vault, an_activity(beneficiary_id=absorbed.id),
                                     today=TODAY, at=NOW)
    custom_fields.set_session_values(vault, theirs.id, {cohort.id: "CAF"}, now=NOW)
    merge.merge(vault, kept.id, absorbed.id, now=NOW)
    chosen = ActivityFilter(custom_field=cohort.id, custom_value="CAF")
    assert [a.id for a in activities.list_activities(vault, chosen)] == [theirs.id]
    assert rights.access_record(vault, kept.id, now=NOW)["activities"][0][
        "custom_fields"] == {"Cohorte": "CAF"}
    assert custom_fields.session_values(vault, theirs.id) == {cohort.id: "CAF"}
