"""The skills passport: competences noted at a session in a few keystrokes, a
person's history, the count of people who moved up this quarter (protected like
every summary count), and the passport gone with the file at anonymisation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accomp.domain import competences as dc
from accomp.domain.errors import KnownError
from accomp.services import activities, beneficiaries, skills

TODAY = dt.date(2026, 11, 20)
NOW = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC)
K = 5


def test_digcomp_has_five_areas_and_twenty_one_competences_each_with_a_pix_name() -> None:
    assert len(dc.AREAS) == 5
    assert len(dc.COMPETENCES) == 21
    assert [c.key for c in dc.COMPETENCES if c.area == "2"] == [
        "2.1", "2.2", "2.3", "2.4", "2.5", "2.6"]
    assert all(c.pix[:3] in dc._PIX for c in dc.COMPETENCES)
    assert len(set(dc._PIX)) == 16


def test_typed_entries_are_a_few_keystrokes() -> None:
    assert dc.parse_entries("1.1:3 4.2=2, 2.1") == [("1.1", 3), ("2.1", 1), ("4.2", 2)]
    assert dc.parse_entries("1.1:2 1.1:4") == [("1.1", 4)]
    assert dc.parse_entries("  ") == []
    for bad, field in (("9.9:2", "competence"), ("1.1:9", "competence_level"),
                       ("1.1:x", "competence_level"), ("Marie", "competence")):
        with pytest.raises(ValueError, match=field):
            dc.parse_entries(bad)


@given(st.lists(st.tuples(st.sampled_from([c.key for c in dc.COMPETENCES]),
                          st.integers(1, 8)), max_size=8))
def test_typed_form_reads_back(entries: list[tuple[str, int]]) -> None:
    expected = sorted(dict(entries).items())
    assert dc.parse_entries(dc.format_entries(expected)) == expected


def test_moving_up_needs_a_higher_level_than_before_the_quarter() -> None:
    start, end = dc.quarter_of(TODAY)
    o = dc.Observation
    assert start == dt.date(2026, 10, 1)
    assert dc.moved_up([o("1.1", 2, dt.date(2026, 9, 1)), o("1.1", 3, dt.date(2026, 10, 5))],
                       start, end)
    assert not dc.moved_up([o("1.1", 3, dt.date(2026, 10, 5))], start, end)  # first time
    assert not dc.moved_up([o("1.1", 3, dt.date(2026, 9, 1)), o("1.1", 3, dt.date(2026, 11, 5))],
                           start, end)
    assert dc.next_steps({"1.1": 3, "4.2": 1, "2.1": 8}) == [("4.2", 2), ("1.1", 4)]


def person(vault: Any) -> int:
    return beneficiaries.create_beneficiary(vault, {"gender": "Feminin"}, today=TODAY).id


def session(vault: Any, day: str, bid: int | None) -> int:
    return activities.log_activity(vault, {
        "date": day, "duration_min": 45, "place_type": "LieuActivite", "themes": ["Email"],
        "beneficiary_id": bid, "autonomy": "PartiellementAutonome",
    }, today=TODAY).id


def test_competences_noted_at_a_session_make_the_persons_history(vault: Any) -> None:
    bid = person(vault)
    first, second = session(vault, "2026-09-01", bid), session(vault, "2026-11-03", bid)
    skills.note_competences(vault, first, skills.parse("1.1:2 4.2:1"), now=NOW)
    skills.note_competences(vault, second, skills.parse("1.1:3"), now=NOW)
    assert skills.session_competences(vault, first) == [("1.1", 2), ("4.2", 1)]
    history = skills.history(vault, bid)
    assert [(o.competence, o.level, o.on.isoformat()) for o in history] == [
        ("1.1", 2, "2026-09-01"), ("4.2", 1, "2026-09-01"), ("1.1", 3, "2026-11-03")]
    assert dc.current_levels(history) == {"1.1": 3, "4.2": 1}


def test_competences_follow_an_edited_session_to_its_person_and_day(vault: Any) -> None:
    first, second = person(vault), person(vault)
    aid = session(vault, "2026-11-03", first)
    skills.note_competences(vault, aid, [("1.1", 3)])
    data = activities.get_activity(vault, aid).model_dump()
    activities.update_activity(vault, aid, {
        k: v for k, v in data.items() if k in ("kind", "date", "duration_min", "place_type",
                                               "themes", "autonomy")}
        | {"beneficiary_id": second, "date": "2026-11-04"}, today=TODAY)
    skills.note_competences(vault, aid, [("1.1", 3)])  # what the form does on save
    assert skills.history(vault, first) == []
    assert [(o.competence, o.on.isoformat()) for o in skills.history(vault, second)] == [
        ("1.1", "2026-11-04")]
    anonymous = {k: v for k, v in data.items() if k in (
        "kind", "date", "duration_min", "place_type", "themes", "autonomy")}
    activities.update_activity(vault, aid, anonymous | {"beneficiary_id": None}, today=TODAY)
    skills.note_competences(vault, aid, [])  # cleared with the person gone
    assert skills.history(vault, second) == []


def test_only_a_tracked_persons_individual_session_carries_competences(vault: Any) -> None:
    anonymous = session(vault, "2026-11-03", None)
    with pytest.raises(KnownError) as err:
        skills.note_competences(vault, anonymous, [("1.1", 2)])
    assert err.value.code == "skills_need_person"
    with pytest.raises(KnownError) as err:
        skills.parse("1.1:12")
    assert (err.value.code, err.value.field) == ("out_of_range", "competence_level")
    with pytest.raises(KnownError) as err:
        skills.note_competences(vault, 999, [("1.1", 2)])
    assert err.value.code == "not_found"


def test_people_who_moved_up_are_counted_with_disclosure_control(vault: Any) -> None:
    movers = [person(vault) for _ in range(2)]
    for bid in movers:
        skills.note_competences(vault, session(vault, "2026-09-01", bid), [("1.1", 2)])
        skills.note_competences(vault, session(vault, "2026-11-03", bid), [("1.1", 3)])
    progress = skills.quarter_progress(vault, TODAY, k=K)
    assert (progress.start, progress.end) == (dt.date(2026, 10, 1), TODAY)
    assert progress.moved_up == K  # two people: published as k, never 2
    nobody = skills.quarter_progress(vault, dt.date(2026, 9, 30), k=K)
    assert nobody.moved_up == 0
    from accomp.services import tags

    other = tags.create_tag(vault, "Autre cohorte")
    assert skills.quarter_progress(vault, TODAY, k=K, tag=other.id).moved_up == 0
    tags.set_file_tags(vault, movers[0], [other.id])
    assert skills.quarter_progress(vault, TODAY, k=K, tag=other.id).moved_up == K


def test_anonymising_the_file_deletes_the_passport(vault: Any) -> None:
    from accomp.services import rights

    bid = person(vault)
    skills.note_competences(vault, session(vault, "2026-11-03", bid), [("1.1", 3)])
    assert skills.history(vault, bid)
    rights.erase_beneficiary(vault, bid, now=NOW)
    assert skills.history(vault, bid) == []


def test_the_persons_access_copy_shows_their_passport_and_tags(vault: Any) -> None:
    from accomp.reports.access import access_document
    from accomp.services import rights, tags

    bid = person(vault)
    skills.note_competences(vault, session(vault, "2026-11-03", bid), [("4.2", 2)])
    qpv = tags.create_tag(vault, "Quartier prioritaire")
    tags.set_file_tags(vault, bid, [qpv.id])
    record = rights.access_record(vault, bid, now=NOW)
    assert record["skills_passport"] == [
        {"competence": "4.2", "level": 2, "observed_on": "2026-11-03"}]
    assert record["tags"] == ["Quartier prioritaire"]
    text = access_document(record).markdown()
    assert "4.2 Protéger ses données personnelles et sa vie privée" in text
    assert "3 novembre 2026" in text
    assert "Quartier prioritaire" in text
