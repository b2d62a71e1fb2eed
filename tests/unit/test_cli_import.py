"""`accomp import` from a script: dry run, write, mapping file, rejected rows, undo."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import PASSPHRASE
from import_fixture_files import FIX

from accomp import cli
from accomp.services import activities, vaults


@pytest.fixture
def setup(make_vault: Any, paths: Any, tmp_path: Path) -> dict[str, Any]:
    make_vault().lock()
    passfile = tmp_path / "pass.txt"
    passfile.write_text(PASSPHRASE + "\n")
    files = FIX.make_all(tmp_path / "incoming")
    return {"paths": paths, "pass": str(passfile), "files": files, "tmp": tmp_path}


def _run(setup: dict[str, Any], *words: str) -> int:
    return cli.main(["import", *words, "--data-dir", str(setup["paths"].data_dir),
                     "--passphrase-file", setup["pass"]])


def _count(setup: dict[str, Any]) -> int:
    vault = vaults.unlock(setup["paths"], PASSPHRASE)
    try:
        return activities.count_activities(vault)
    finally:
        vault.lock()


def test_dry_run_reports_and_writes_nothing(setup: dict[str, Any],
                                            capsys: pytest.CaptureFixture[str]) -> None:
    rejected = setup["tmp"] / "refus.csv"
    code = _run(setup, "activities", str(setup["files"]["coop_export.xlsx"]), "--dry-run",
                "--rejected", str(rejected))
    out = capsys.readouterr().out
    assert code == cli.EXIT_OK
    assert "6 ligne(s) lues : 5 prête(s), 1 refusée(s)" in out
    assert "ligne 14, colonne « Lieu » : " in out
    assert "rien n'a été enregistré" in out
    assert rejected.exists()
    assert "Jeanne" not in out
    assert "Leroy" not in out
    assert _count(setup) == 0


def test_write_then_undo_in_english(setup: dict[str, Any],
                                    capsys: pytest.CaptureFixture[str]) -> None:
    code = _run(setup, "activities", str(setup["files"]["logbook_cp1252.csv"]), "--lang", "en")
    assert code == cli.EXIT_OK
    assert "Import no. 1 saved: 4 activity(ies)" in capsys.readouterr().out
    assert _count(setup) == 4
    assert _run(setup, "undo", "--lang", "en") == cli.EXIT_OK
    assert "Import undone: 4 activity(ies)" in capsys.readouterr().out
    assert _count(setup) == 0
    assert _run(setup, "undo") == cli.EXIT_USAGE
    assert "pas d'import à annuler" in capsys.readouterr().err


def test_a_mapping_file_corrects_columns_and_values(setup: dict[str, Any],
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    mapping = setup["tmp"] / "m.json"
    mapping.write_text(json.dumps({
        "columns": {"Remarques": ""},
        "choices": {"duration_min": {}},
        "legal_basis": "MissionInteretPublic", "informed_on": "02/01/2024",
    }))
    code = _run(setup, "activities", str(setup["files"]["messy_logbook.xlsx"]), "--mapping",
                str(mapping))
    assert code == cli.EXIT_OK
    out = capsys.readouterr().out
    assert "3 dossier(s) à créer" in out
    assert _count(setup) == 9


def test_a_bad_mapping_file_is_refused(setup: dict[str, Any],
                                       capsys: pytest.CaptureFixture[str]) -> None:
    mapping = setup["tmp"] / "m.json"
    mapping.write_text(json.dumps({"columns": {"Date": "birthday"}}))
    code = _run(setup, "activities", str(setup["files"]["messy_logbook.xlsx"]), "--mapping",
                str(mapping))
    assert code == cli.EXIT_USAGE
    assert "correspondance des colonnes" in capsys.readouterr().err


def test_an_uncertain_match_is_reported_without_names(setup: dict[str, Any],
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    import datetime as dt

    from accomp.services import beneficiaries

    vault = vaults.unlock(setup["paths"], PASSPHRASE)
    try:
        beneficiaries.create_beneficiary(vault, {
            "first_name": "Marie", "last_name": "Dupond", "legal_basis": "MissionInteretPublic",
            "informed_on": "2024-01-01"}, today=dt.date(2024, 6, 1))
    finally:
        vault.lock()
    code = _run(setup, "activities", str(setup["files"]["messy_logbook.xlsx"]), "--dry-run",
                "--legal-basis", "MissionInteretPublic", "--informed-on", "2024-01-10")
    out = capsys.readouterr().out
    assert code == cli.EXIT_OK
    assert "Rapprochements incertains (nom proche) : 1 ;" in out
    for name in ("Marie", "Dupon", "DUPONT"):
        assert name not in out
