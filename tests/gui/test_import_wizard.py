"""The import wizard: columns mapped (guessed, editable, kept for the layout), the
pre-check shown as a table before anything is written, unknown values resolved,
import in one go, undo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from import_fixture_files import FIX
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from accomp.services import activities, beneficiaries, import_layouts
from accomp.ui.dialogs.import_wizard import ImportWizard, start_import

TODAY = dt.date(2024, 6, 1)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    return FIX.make_all(tmp_path / "incoming")


def make_wizard(qtbot: Any, vault: Any, path: Path) -> ImportWizard:
    layout = import_layouts.read_layout(vault, path, "activities")
    wizard = ImportWizard(vault, path, "activities", layout, today=TODAY)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def check(qtbot: Any, wizard: ImportWizard) -> None:
    with qtbot.waitSignal(wizard.checked, timeout=20_000):
        qtbot.mouseClick(wizard.check_button, Qt.MouseButton.LeftButton)


def test_columns_are_guessed_and_the_precheck_writes_nothing(qtbot: Any, vault: Any,
                                                             files: dict[str, Path]) -> None:
    wizard = make_wizard(qtbot, vault, files["messy_logbook.xlsx"])
    step = wizard.mapping_step
    assert [c.currentData() for c in step.combos] == [
        "date", "last_name", "first_name", "phone", "duration_min", "", "themes",
        "place_type", "autonomy", "notes"]
    check(qtbot, wizard)
    assert wizard.pages.currentIndex() == 1
    assert (wizard.progress.value(), wizard.progress.maximum()) == (12, 12)
    assert not wizard.stop_button.isVisible()
    model = wizard.problems_model
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["12", "14", "15"]
    assert model.index(1, 2).data() == "Zorglub"
    assert "9 prête(s), 3 refusée(s)" in wizard.summary.text()
    assert "3 ligne(s) sans identité" not in wizard.summary.text()
    assert activities.count_activities(vault) == 0  # nothing written by the check
    assert wizard.import_button.text() == "&Importer 9 ligne(s)"


def test_an_unknown_value_is_mapped_then_imported_and_undone(qtbot: Any, vault: Any,
                                                             files: dict[str, Path]) -> None:
    wizard = make_wizard(qtbot, vault, files["messy_logbook.xlsx"])
    basis = wizard.mapping_step.basis
    basis.setFocus()
    qtbot.keyClick(basis, Qt.Key.Key_Down)  # the first legal basis
    assert wizard.mapping_step.informed_on.isEnabled()
    check(qtbot, wizard)
    assert "3 dossier(s) à créer" in wizard.summary.text()
    assert wizard.unknown.rowCount() == 1
    choice = wizard.unknown.cellWidget(0, 3)
    choice.setCurrentIndex(choice.findData("CultureNumerique"))
    check_again = wizard.recheck_button
    with qtbot.waitSignal(wizard.checked, timeout=20_000):
        qtbot.mouseClick(check_again, Qt.MouseButton.LeftButton)
    assert wizard.problems_model.rowCount() == 2
    with qtbot.waitSignal(wizard.imported, timeout=20_000):
        qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    assert wizard.pages.currentIndex() == 2
    assert activities.count_activities(vault) == 10
    assert len(beneficiaries.search_beneficiaries(vault, "Dupont")) == 1
    wizard.grab().save("/tmp/import_done.png")
    with qtbot.waitSignal(wizard.undone, timeout=5_000):
        qtbot.mouseClick(wizard.undo_button, Qt.MouseButton.LeftButton)
    assert activities.count_activities(vault) == 0
    assert beneficiaries.search_beneficiaries(vault, "Dupont") == []
    assert not wizard.undo_button.isEnabled()


def test_a_changed_column_is_kept_for_the_next_file_of_that_layout(
        qtbot: Any, vault: Any, files: dict[str, Path]) -> None:
    wizard = make_wizard(qtbot, vault, files["logbook_cp1252.csv"])
    notes = wizard.mapping_step.combos[5]
    notes.setCurrentIndex(0)  # "Remarques": not imported
    check(qtbot, wizard)
    again = import_layouts.read_layout(vault, files["logbook.ods"], "activities")
    assert again.saved
    assert 5 not in again.mapping


def test_rejected_rows_are_saved_where_the_worker_says(qtbot: Any, vault: Any,
                                                       files: dict[str, Path],
                                                       tmp_path: Path,
                                                       monkeypatch: Any) -> None:
    wizard = make_wizard(qtbot, vault, files["coop_export.xlsx"])
    check(qtbot, wizard)
    out = tmp_path / "refus.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(out), "")))
    qtbot.mouseClick(wizard.save_button, Qt.MouseButton.LeftButton)
    assert "14;Lieu;;Pour ce lieu, la commune est obligatoire." in out.read_text("utf-8-sig")


def test_the_menu_opens_the_wizard_on_the_chosen_file(qtbot: Any, vault: Any,
                                                      files: dict[str, Path],
                                                      monkeypatch: Any) -> None:
    chosen = files["logbook_cp1252.csv"]
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(chosen), "")))
    opened: list[Any] = []
    monkeypatch.setattr(ImportWizard, "exec", lambda self: opened.append(self) or 0)
    assert start_import(None, vault) is False
    assert opened[0].kind == "activities"
    assert opened[0].path == chosen


def test_screenshot_of_the_precheck(qtbot: Any, vault: Any, files: dict[str, Path]) -> None:
    wizard = make_wizard(qtbot, vault, files["messy_logbook.xlsx"])
    wizard.grab().save("/tmp/import_mapping.png")
    basis = wizard.mapping_step.basis
    basis.setCurrentIndex(1)
    check(qtbot, wizard)
    qtbot.wait(50)  # the buttons take their new texts' width
    wizard.grab().save("/tmp/import_precheck.png")


def test_stop_cancels_a_long_check_and_nothing_is_written(
        qtbot: Any, vault: Any, tmp_path: Path, monkeypatch: Any) -> None:
    import threading

    from PySide6.QtWidgets import QMessageBox

    from accomp.ui.dialogs import import_wizard

    big = tmp_path / "gros.csv"
    FIX.big_logbook(big, 3000)
    stopped = threading.Event()
    real = import_wizard.imports.precheck

    def waits_for_stop(*args: Any, **kwargs: Any) -> Any:
        stopped.wait(10)  # the worker starts once the worker clicked Stop
        return real(*args, **kwargs)

    monkeypatch.setattr(import_wizard.imports, "precheck", waits_for_stop)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda parent, title, text, *a: shown.append(text)))
    wizard = make_wizard(qtbot, vault, big)
    qtbot.mouseClick(wizard.check_button, Qt.MouseButton.LeftButton)
    assert wizard.stop_button.isVisible()
    assert wizard.progress.isVisible()
    qtbot.mouseClick(wizard.stop_button, Qt.MouseButton.LeftButton)
    stopped.set()
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert shown == ["Import annulé : rien n'a été enregistré."]
    assert wizard.pages.currentIndex() == 0
    assert activities.count_activities(vault) == 0


def test_the_wizard_speaks_english(qtbot: Any, vault: Any, files: dict[str, Path],
                                   english: Any) -> None:
    wizard = make_wizard(qtbot, vault, files["coop_export.xlsx"])
    assert wizard.check_button.text() == "&Check the file"
    assert wizard.mapping_step.combos[0].currentText() == "Date"
    assert wizard.mapping_step.combos[4].currentText() == "Place type"
    check(qtbot, wizard)
    assert wizard.summary.text().startswith("6 row(s) read: 5 ready, 1 rejected")
    assert wizard.problems_model.headers() == ["Row", "Column", "Value read", "Reason"]
    assert wizard.problems_model.index(0, 3).data() == "For this place, the commune is required."
    assert wizard.import_button.text() == "&Import 5 rows"


def test_a_list_of_people_is_imported_from_the_menu(qtbot: Any, vault: Any, tmp_path: Path,
                                                   monkeypatch: Any) -> None:
    people = tmp_path / "personnes.csv"
    people.write_text("Nom;Prénom;Sexe;Année de naissance\nDurand;Alice;F;1950\n"
                      "Petit;Bob;H;1980\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(
        lambda *a, **k: (str(people), "Bénéficiaires (*.xlsx *.ods *.csv *.txt)")))

    def run(self: ImportWizard) -> int:
        self.mapping_step.basis.setCurrentIndex(1)
        with qtbot.waitSignal(self.checked, timeout=20_000):
            qtbot.mouseClick(self.check_button, Qt.MouseButton.LeftButton)
        with qtbot.waitSignal(self.imported, timeout=20_000):
            qtbot.mouseClick(self.import_button, Qt.MouseButton.LeftButton)
        return 0

    monkeypatch.setattr(ImportWizard, "exec", run)
    assert start_import(None, vault) is True
    found = beneficiaries.search_beneficiaries(vault, "Durand")
    assert [(b.first_name, b.gender, b.legal_basis) for b in found] == [
        ("Alice", "Feminin", "MissionInteretPublic")]
