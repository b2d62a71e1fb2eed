"""The import's matches: a person surely the same (code, phone, e-mail, the very same
name on one file) is linked to the existing file; a possible one (a close name, a
name several files share) gets a file of its own, which the worker can merge into the
existing one; undoing the import then waits for that merge to be undone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from import_fixture_files import FIX

from accomp.domain.errors import KnownError
from accomp.services import activities, beneficiaries, imports, merge
from accomp.services.imports import ImportOptions

TODAY = dt.date(2024, 6, 1)
AT = dt.datetime(2024, 6, 1, 12, 0, tzinfo=dt.UTC)
LATER = dt.datetime(2024, 6, 1, 13, 0, tzinfo=dt.UTC)
BASIS = ImportOptions(legal_basis="MissionInteretPublic", informed_on=dt.date(2024, 1, 10))


@pytest.fixture
def logbook(tmp_path: Path) -> Path:
    return FIX.make_all(tmp_path / "incoming")["messy_logbook.xlsx"]


def existing(vault: Any, first: str, last: str, **more: Any) -> Any:
    return beneficiaries.create_beneficiary(vault, {
        "first_name": first, "last_name": last, "legal_basis": "MissionInteretPublic",
        "informed_on": "2024-01-01", **more}, today=TODAY)


def dupont(plan: Any) -> Any:
    return next(p for p in plan.people if (p.data.last_name or "").strip().lower() == "dupont")


def test_the_same_name_on_one_file_is_linked_to_it(vault: Any, logbook: Path) -> None:
    marie = existing(vault, "Marie", "Dupont")
    plan = imports.precheck(vault, logbook, "activities", BASIS, today=TODAY)
    person = dupont(plan)
    assert (person.match_id, person.maybe_id, person.reasons) == (marie.id, None, ("name",))
    result = imports.write_import(vault, plan, today=TODAY, at=AT)
    assert person.key not in result.created


def test_a_close_name_gets_its_own_file_and_is_offered_for_merging(
        vault: Any, logbook: Path) -> None:
    marie = existing(vault, "Marie", "Dupond")
    plan = imports.precheck(vault, logbook, "activities", BASIS, today=TODAY)
    person = dupont(plan)
    assert person.match_id is None
    assert (person.maybe_id, person.maybe_code) == (marie.id, marie.code)
    assert plan.counts()["uncertain"] == 1
    assert plan.counts()["matched"] == 0
    result = imports.write_import(vault, plan, today=TODAY, at=AT)
    new_id, new_code = result.created[person.key]
    assert new_code != marie.code
    merged = merge.merge(vault, marie.id, new_id, today=TODAY, now=LATER)
    assert merged.counts.activities == 2  # Marie's two imported sessions
    rows = activities.list_activities(vault)
    assert sum(1 for r in rows if r.beneficiary_code == marie.code) == 2
    assert merge.resolve_code(vault, new_code) == marie.id


def test_a_name_two_files_share_is_not_linked_to_either(vault: Any, logbook: Path) -> None:
    existing(vault, "Marie", "Dupont", birth_year=1950)
    existing(vault, "Marie", "Dupont", birth_year=1990)
    plan = imports.precheck(vault, logbook, "activities", BASIS, today=TODAY)
    person = dupont(plan)
    assert person.match_id is None
    assert person.maybe_id is not None


def test_the_same_phone_is_linked_whatever_the_name(vault: Any, logbook: Path) -> None:
    marie = existing(vault, "Marie", "Martin-Dupont", phone="0612345678")
    plan = imports.precheck(vault, logbook, "activities", BASIS, today=TODAY)
    person = dupont(plan)
    assert person.match_id == marie.id
    assert "phone" in person.reasons


def test_undoing_the_import_waits_for_the_merge_of_its_file_to_be_undone(
        vault: Any, logbook: Path) -> None:
    marie = existing(vault, "Marie", "Dupond")
    plan = imports.precheck(vault, logbook, "activities", BASIS, today=TODAY)
    result = imports.write_import(vault, plan, today=TODAY, at=AT)
    new_id, _code = result.created[dupont(plan).key]
    merge.merge(vault, marie.id, new_id, today=TODAY, now=LATER)
    with pytest.raises(KnownError) as err:
        imports.undo_last_import(vault, at=LATER)
    assert err.value.code == "import_undo_merged"
    assert activities.count_activities(vault) == 9  # nothing removed
    merge.undo_last_merge(vault, today=TODAY, now=LATER)
    imports.undo_last_import(vault, at=LATER)
    assert activities.count_activities(vault) == 0
    assert beneficiaries.get_beneficiary(vault, marie.id).code == marie.code


def test_an_unknown_theme_can_be_mapped_to_an_administrative_theme(
        vault: Any, logbook: Path) -> None:
    options = ImportOptions(choices={"themes": {"zorglub": "Logement"}})
    plan = imports.precheck(vault, logbook, "activities", options, today=TODAY)
    row = dict(plan.ready)[14]
    assert row.admin_themes == ["Logement"]
    assert "AideAuxDemarchesAdministratives" in row.themes
    assert "Logement" not in row.themes


def test_importing_again_after_the_merge_finds_the_sessions_already_logged(
        vault: Any, logbook: Path) -> None:
    marie = existing(vault, "Marie", "Dupond", phone="0699999999")  # not the file's phone
    plan = imports.precheck(vault, logbook, "activities", BASIS, today=TODAY)
    result = imports.write_import(vault, plan, today=TODAY, at=AT)
    merge.merge(vault, marie.id, result.created[dupont(plan).key][0], today=TODAY, now=LATER)
    again = imports.precheck(vault, logbook, "activities", BASIS, today=TODAY)
    assert dupont(again).maybe_id == marie.id  # still only a possible match
    assert sorted(again.existing) == sorted(line for line, _ in plan.ready)
    assert again.ready == []
