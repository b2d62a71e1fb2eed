"""Importing a worker's past: pre-check, one-transaction write, undo, consent."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from import_fixture_files import FIX

from accomp.domain.errors import KnownError
from accomp.domain.import_rows import SKIP
from accomp.services import activities, beneficiaries, import_report, imports
from accomp.services.imports import ImportOptions

TODAY = dt.date(2024, 6, 1)
AT = dt.datetime(2024, 6, 1, 12, 0, tzinfo=dt.UTC)
BASIS = ImportOptions(legal_basis="MissionInteretPublic", informed_on=dt.date(2024, 1, 10))




@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    return FIX.make_all(tmp_path / "incoming")


@pytest.mark.parametrize("name", list(FIX.EXPECTED))
def test_each_fixture_gives_the_expected_counts(vault: Any, files: dict[str, Path],
                                                name: str) -> None:
    expected = FIX.EXPECTED[name]
    plan = imports.precheck(vault, files[name], "activities", BASIS, today=TODAY)
    assert plan.total_rows == expected["rows"]
    assert plan.rejected_lines == expected["rejected"]
    assert len(plan.ready) == expected["ready"]
    assert plan.skipped_totals == expected["totals"]
    for key in expected.get("unknown", []):
        assert key in plan.unknown_values
    result = imports.write_import(vault, plan, today=TODAY, at=AT)
    assert result.counts["activities_created"] == expected["ready"]
    assert activities.count_activities(vault) == expected["ready"]


def test_messy_logbook_values_are_read_as_the_worker_meant(vault: Any,
                                                           files: dict[str, Path]) -> None:
    plan = imports.precheck(vault, files["messy_logbook.xlsx"], "activities", BASIS,
                            today=TODAY)
    by_line = dict(plan.ready)
    assert by_line[5].date == dt.date(2024, 3, 12)
    assert by_line[5].duration_min == 90
    assert by_line[5].admin_themes == ["SocialSante"]  # "CAF"
    assert by_line[7].date == dt.date(2024, 3, 14)
    assert by_line[8].date == dt.date(2024, 3, 15)  # an Excel day number
    assert by_line[8].place_type == "Domicile" or by_line[8].place_type == "LieuActivite"
    assert [by_line[n].date for n in (9, 10, 11)] == [dt.date(2024, 3, 18)] * 3  # merged
    assert by_line[10].duration_min == 30  # a formula's saved value
    assert by_line[13].place_type == "ADistance"
    problems = {(p.line, p.field, p.code) for p in plan.problems}
    assert (12, "date", "date") in problems
    assert (14, "themes", "unknown") in problems
    assert (15, "duration_min", "required") in problems
    # Marie Dupont (lines 5 and 9, "DUPONT " and "Dupont"), Paul Martin, Lucie Bernard
    assert sorted(len(p.lines) for p in plan.people) == [1, 1, 2]


def test_people_are_matched_to_existing_files(vault: Any, files: dict[str, Path]) -> None:
    existing = beneficiaries.create_beneficiary(
        vault, {"first_name": "Marie", "last_name": "Dupont", "legal_basis":
                "MissionInteretPublic", "informed_on": "2024-01-01"}, today=TODAY)
    plan = imports.precheck(vault, files["messy_logbook.xlsx"], "activities", BASIS,
                            today=TODAY)
    matched = [p for p in plan.people if p.match_id is not None]
    assert [p.match_code for p in matched] == [existing.code]
    assert plan.counts()["matched"] == 1
    assert plan.counts()["to_create"] == 2
    imports.write_import(vault, plan, today=TODAY, at=AT)
    rows = activities.list_activities(vault)
    assert sum(1 for r in rows if r.beneficiary_code == existing.code) == 2


def test_choices_for_unknown_values(vault: Any, files: dict[str, Path]) -> None:
    mapped = ImportOptions(legal_basis="MissionInteretPublic",
                           informed_on=dt.date(2024, 1, 10),
                           choices={"themes": {"zorglub": "CultureNumerique"}})
    plan = imports.precheck(vault, files["messy_logbook.xlsx"], "activities", mapped,
                            today=TODAY)
    assert 14 not in plan.rejected_lines
    assert dict(plan.ready)[14].themes == ["CultureNumerique"]
    skipped = ImportOptions(choices={"themes": {"zorglub": SKIP}})
    plan = imports.precheck(vault, files["messy_logbook.xlsx"], "activities", skipped,
                            today=TODAY)
    assert plan.skipped == [14]
    assert 14 not in plan.rejected_lines


def test_without_legal_basis_people_are_imported_anonymously(
        vault: Any, files: dict[str, Path]) -> None:
    plan = imports.precheck(vault, files["messy_logbook.xlsx"], "activities", today=TODAY)
    assert plan.counts()["to_create"] == 0
    assert plan.anonymous_for_consent == 4
    result = imports.write_import(vault, plan, today=TODAY, at=AT)
    assert result.counts["files_created"] == 0
    assert all(r.beneficiary_code is None for r in activities.list_activities(vault))


def test_identified_files_get_the_batch_legal_basis(vault: Any, files: dict[str, Path]) -> None:
    plan = imports.precheck(vault, files["messy_logbook.xlsx"], "activities", BASIS,
                            today=TODAY)
    imports.write_import(vault, plan, today=TODAY, at=AT)
    found = beneficiaries.search_beneficiaries(vault, "Dupont")
    assert len(found) == 1
    assert found[0].legal_basis == "MissionInteretPublic"
    assert found[0].informed_on == dt.date(2024, 1, 10)
    assert found[0].phone == "06 12 34 56 78"


def test_a_second_import_finds_the_sessions_already_there(vault: Any,
                                                          files: dict[str, Path]) -> None:
    path = files["coop_export.xlsx"]
    imports.write_import(vault, imports.precheck(vault, path, "activities", BASIS,
                                                 today=TODAY), today=TODAY, at=AT)
    again = imports.precheck(vault, path, "activities", BASIS, today=TODAY)
    assert len(again.existing) == 5
    assert again.ready == []


def test_one_journal_entry_without_personal_data(vault: Any, files: dict[str, Path]) -> None:
    plan = imports.precheck(vault, files["messy_logbook.xlsx"], "activities", BASIS,
                            today=TODAY)
    result = imports.write_import(vault, plan, today=TODAY, at=AT)
    with vault.reading() as s:
        from sqlmodel import select

        from accomp.store.tables import AuditEvent
        events = s.exec(select(AuditEvent).where(AuditEvent.action == "import.activities")).all()
        assert len(events) == 1
        details = events[0].details
        text = str(details)
    assert details["sha256"] == plan.sha256
    assert details["name"] == "messy_logbook.xlsx"
    assert details["activities"] == result.counts["activities_created"]
    for personal in ("Dupont", "DUPONT", "Marie", "06 12", "besoin"):
        assert personal not in text


def test_all_or_nothing(vault: Any, files: dict[str, Path], monkeypatch: Any) -> None:
    plan = imports.precheck(vault, files["messy_logbook.xlsx"], "activities", BASIS,
                            today=TODAY)
    from accomp.store import repo

    calls = {"n": 0}
    real = repo.insert_activity

    def failing(s: Any, values: Any) -> int:
        calls["n"] += 1
        if calls["n"] == 5:
            raise RuntimeError("disk gone")
        return real(s, values)

    monkeypatch.setattr(repo, "insert_activity", failing)
    with pytest.raises(RuntimeError):
        imports.write_import(vault, plan, today=TODAY, at=AT)
    assert activities.count_activities(vault) == 0
    assert beneficiaries.search_beneficiaries(vault, "Dupont") == []
    assert imports.last_import(vault) is None


def test_undo_removes_the_whole_last_import(vault: Any, files: dict[str, Path]) -> None:
    kept = activities.log_activity(vault, {
        "date": "2024-03-01", "duration_min": 30, "place_type": "LieuActivite",
        "themes": ["Email"]}, today=TODAY)
    plan = imports.precheck(vault, files["messy_logbook.xlsx"], "activities", BASIS,
                            today=TODAY)
    imports.write_import(vault, plan, today=TODAY, at=AT)
    assert activities.count_activities(vault) == 10
    counts = imports.undo_last_import(vault, at=AT)
    assert counts == {"activities": 9, "files": 3}
    assert activities.count_activities(vault) == 1
    assert activities.get_activity(vault, kept.id).id == kept.id
    assert beneficiaries.search_beneficiaries(vault, "Dupont") == []
    with pytest.raises(KnownError) as err:
        imports.undo_last_import(vault, at=AT)
    assert err.value.code == "import_nothing_to_undo"


def test_undo_is_refused_once_a_created_file_has_a_new_session(
        vault: Any, files: dict[str, Path]) -> None:
    plan = imports.precheck(vault, files["messy_logbook.xlsx"], "activities", BASIS,
                            today=TODAY)
    imports.write_import(vault, plan, today=TODAY, at=AT)
    person = beneficiaries.search_beneficiaries(vault, "Bernard")[0]
    activities.log_activity(vault, {
        "date": "2024-05-01", "duration_min": 30, "place_type": "LieuActivite",
        "themes": ["Email"], "beneficiary_id": person.id}, today=TODAY)
    with pytest.raises(KnownError) as err:
        imports.undo_last_import(vault, at=AT)
    assert err.value.code == "import_undo_blocked"


def test_a_write_after_another_import_is_refused(vault: Any, files: dict[str, Path]) -> None:
    first = imports.precheck(vault, files["coop_export.xlsx"], "activities", today=TODAY)
    second = imports.precheck(vault, files["logbook_cp1252.csv"], "activities", today=TODAY)
    imports.write_import(vault, second, today=TODAY, at=AT)
    with pytest.raises(KnownError) as err:
        imports.write_import(vault, first, today=TODAY, at=AT)
    assert err.value.code == "import_changed"


def test_rejected_rows_csv(vault: Any, files: dict[str, Path], tmp_path: Path) -> None:
    plan = imports.precheck(vault, files["messy_logbook.xlsx"], "activities", today=TODAY)
    out = import_report.save_rejected(plan, tmp_path / "rejets.csv", data_dir=vault.paths.data_dir)
    text = out.read_bytes().decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "ligne;colonne;valeur;motif"
    assert "12;Date;31/02/2024;date illisible" in lines
    assert "14;Thème(s);Zorglub;valeur hors de la liste" in lines
    assert "15;Durée;;valeur manquante" in lines


def test_missing_required_column_is_refused(vault: Any, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("Date;Remarque\n01/02/2024;rien\n", encoding="utf-8")
    with pytest.raises(KnownError) as err:
        imports.precheck(vault, path, "activities", today=TODAY)
    assert err.value.code == "import_missing_column"


def test_cancel_stops_the_precheck(vault: Any, files: dict[str, Path]) -> None:
    with pytest.raises(KnownError) as err:
        imports.precheck(vault, files["coop_export.xlsx"], "activities", today=TODAY,
                         cancelled=lambda: True)
    assert err.value.code == "import_cancelled"


def test_beneficiaries_import(vault: Any, tmp_path: Path) -> None:
    path = tmp_path / "personnes.csv"
    path.write_text(
        "Nom;Prénom;Téléphone;Sexe;Année de naissance;Base légale;Informé le\n"
        "Durand;Alice;0601020304;F;1950;Mission d'intérêt public;02/01/2024\n"
        "Petit;Bob;;H;1980;;\n"
        "Zed;Zoé;;extraterrestre;1990;;\n", encoding="utf-8")
    plan = imports.precheck(vault, path, "beneficiaries", today=TODAY)
    assert plan.rejected_lines == [4]
    assert plan.counts()["to_create"] == 1
    assert plan.anonymous_for_consent == 1
    result = imports.write_import(vault, plan, today=TODAY, at=AT)
    assert result.counts["files_created"] == 2
    alice = beneficiaries.search_beneficiaries(vault, "Durand")
    assert alice[0].phone == "0601020304"
    assert alice[0].age_band == "SoixanteDixPlus"
    assert beneficiaries.search_beneficiaries(vault, "Petit") == []  # kept anonymous


def test_a_saved_mapping_comes_back_for_the_same_layout(vault: Any,
                                                        files: dict[str, Path]) -> None:
    from accomp.services import import_layouts

    path = files["logbook_cp1252.csv"]
    first = import_layouts.read_layout(vault, path, "activities")
    assert not first.saved
    assert first.mapping[3] == "place_type"  # "Lieu" holding places, not communes
    changed = {**first.mapping, 5: "notes"}
    del changed[4]
    import_layouts.save_layout(vault, "activities", first.layout, changed)
    again = import_layouts.read_layout(vault, files["logbook.ods"], "activities")
    assert again.saved
    assert again.mapping == changed
    with pytest.raises(KnownError):
        import_layouts.save_layout(vault, "activities", first.layout, {0: "birthday"})


def test_an_identity_the_file_could_not_hold_is_rejected_at_the_check(
        vault: Any, tmp_path: Path) -> None:
    path = tmp_path / "personnes.csv"
    path.write_text(
        "Nom;Prénom;E-mail;Téléphone\n"
        "Durand;Alice;alice@example.org;0601020304\n"
        "Petit;Bob;pas une adresse;\n"
        "Roux;Jean;;12\n", encoding="utf-8")
    plan = imports.precheck(vault, path, "beneficiaries", BASIS, today=TODAY)
    assert [(p.line, p.column, p.value) for p in plan.problems] == [
        (3, "E-mail", "pas une adresse"), (4, "Téléphone", "12")]
    result = imports.write_import(vault, plan, today=TODAY, at=AT)
    assert result.counts["files_created"] == 1


def test_the_rejected_rows_csv_cannot_run_formulas_nor_land_in_the_vault(
        vault: Any, tmp_path: Path) -> None:
    path = tmp_path / "piege.csv"
    path.write_text('Date;Durée;Thème\n=HYPERLINK("http://x");30;Email\n'
                    "02/02/2024;@SUM(1);Email\n", encoding="utf-8")
    plan = imports.precheck(vault, path, "activities", today=TODAY)
    text = import_report.rejected_csv(plan).decode("utf-8-sig")
    assert '2;Date;"\'=HYPERLINK' in text
    assert "3;Durée;'@SUM(1)" in text
    with pytest.raises(KnownError) as err:
        import_report.save_rejected(plan, vault.paths.data_dir / "refus.csv",
                                    data_dir=vault.paths.data_dir)
    assert err.value.code == "output_in_data_folder"
