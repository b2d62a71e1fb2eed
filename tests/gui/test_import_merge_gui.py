"""The import's matches in the wizard: shown at the pre-check, and after the import a
possible match (a close name) is merged with the file the import created, from the
keyboard, through the usual merge dialog."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from import_fixture_files import FIX
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from accomp.services import activities, beneficiaries, import_layouts
from accomp.ui.dialogs.import_wizard import ImportWizard
from accomp.ui.dialogs.merge_files import MergeFilesDialog

TODAY = dt.date(2024, 6, 1)


@pytest.fixture
def logbook(tmp_path: Path) -> Path:
    return FIX.make_all(tmp_path / "incoming")["messy_logbook.xlsx"]


def existing(vault: Any, first: str, last: str) -> Any:
    return beneficiaries.create_beneficiary(vault, {
        "first_name": first, "last_name": last, "legal_basis": "MissionInteretPublic",
        "informed_on": "2024-01-01"}, today=TODAY)


def wizard_on(qtbot: Any, vault: Any, path: Path) -> ImportWizard:
    layout = import_layouts.read_layout(vault, path, "activities")
    wizard = ImportWizard(vault, path, "activities", layout, today=TODAY)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)
    return wizard


def cells(table: Any, row: int) -> list[str]:
    return [table.item(row, c).text() for c in range(table.columnCount())]


def check_and_import_by_keyboard(qtbot: Any, wizard: ImportWizard) -> None:
    basis = wizard.mapping_step.basis
    basis.setFocus()
    qtbot.keyClick(basis, Qt.Key.Key_Down)  # a legal basis: the people are identified
    with qtbot.waitSignal(wizard.checked, timeout=20_000):
        qtbot.keyClick(wizard.check_button, Qt.Key.Key_Space)
    with qtbot.waitSignal(wizard.imported, timeout=20_000):
        qtbot.keyClick(wizard.import_button, Qt.Key.Key_Space)


def test_a_close_name_is_merged_from_the_import_result_by_keyboard(
        qtbot: Any, vault: Any, logbook: Path) -> None:
    marie = existing(vault, "Marie", "Dupond")
    wizard = wizard_on(qtbot, vault, logbook)
    basis = wizard.mapping_step.basis
    basis.setFocus()
    qtbot.keyClick(basis, Qt.Key.Key_Down)
    with qtbot.waitSignal(wizard.checked, timeout=20_000):
        qtbot.keyClick(wizard.check_button, Qt.Key.Key_Space)
    before = wizard.matches.table
    assert before.rowCount() == 1
    person, lines, file_code, why, outcome = cells(before, 0)
    assert (person, lines, file_code, why) == ("Marie DUPONT", "5, 9", marie.code, "nom")
    assert outcome.startswith("Incertain : un nouveau dossier sera créé")
    assert "1 incertaine" in wizard.matches.label.text()
    assert wizard.matches.merge_button is None  # nothing to merge before the import
    with qtbot.waitSignal(wizard.imported, timeout=20_000):
        qtbot.keyClick(wizard.import_button, Qt.Key.Key_Space)

    done = wizard.done_matches
    created = beneficiaries.search_beneficiaries(vault, "Dupont")
    assert [b.id for b in created] != [marie.id]
    assert len(created) == 1
    assert created[0].code in cells(done.table, 0)[4]
    assert done.merge_button is not None
    assert done.merge_button.isEnabled()
    assert done.merge_button.isVisible()
    assert done.merge_button.accessibleName() == "Fusionner avec le dossier existant"
    wizard.grab().save("/tmp/import_result_fr.png")
    seen: list[tuple[int, int]] = []

    def confirm() -> None:
        d = QApplication.activeModalWidget()
        if not isinstance(d, MergeFilesDialog):  # not shown yet
            QTimer.singleShot(20, confirm)
            return
        try:
            seen.append(d.kept_and_absorbed())
            d.merge_button.setFocus()
            qtbot.keyClick(d.merge_button, Qt.Key.Key_Space)
        finally:
            if d.isVisible():
                d.done(QDialog.DialogCode.Rejected)

    done.table.setFocus()
    qtbot.waitUntil(done.table.hasFocus)
    QTimer.singleShot(0, confirm)
    with qtbot.waitSignal(done.merged, timeout=10_000):
        qtbot.keyClick(done.table, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    assert seen == [(marie.id, created[0].id)]  # the existing file is kept by default
    rows = activities.list_activities(vault)
    assert sum(1 for r in rows if r.beneficiary_code == marie.code) == 2
    assert beneficiaries.get_beneficiary(vault, created[0].id).anonymised
    assert cells(done.table, 0)[4] == f"Fusionnée dans le dossier {marie.code}"
    assert not done.merge_button.isEnabled()


def test_enter_on_a_possible_match_opens_the_merge(qtbot: Any, vault: Any,
                                                   logbook: Path, monkeypatch: Any) -> None:
    marie = existing(vault, "Marie", "Dupond")
    wizard = wizard_on(qtbot, vault, logbook)
    check_and_import_by_keyboard(qtbot, wizard)
    asked: list[tuple[int, int]] = []
    monkeypatch.setattr(MergeFilesDialog, "ask", classmethod(
        lambda cls, parent, vault, a, b, today=None: asked.append((a, b))))
    table = wizard.done_matches.table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert [a for a, _ in asked] == [marie.id]


def test_a_sure_match_is_linked_and_offers_no_merge(qtbot: Any, vault: Any,
                                                    logbook: Path) -> None:
    marie = existing(vault, "Marie", "Dupont")
    wizard = wizard_on(qtbot, vault, logbook)
    check_and_import_by_keyboard(qtbot, wizard)
    done = wizard.done_matches
    assert cells(done.table, 0)[2:] == [marie.code, "nom", "Rattachée au dossier existant"]
    assert done.merge_button is not None
    assert not done.merge_button.isVisible()
    assert beneficiaries.search_beneficiaries(vault, "Dupont")[0].id == marie.id


def test_no_match_no_table(qtbot: Any, vault: Any, logbook: Path) -> None:
    wizard = wizard_on(qtbot, vault, logbook)
    check_and_import_by_keyboard(qtbot, wizard)
    assert not wizard.matches.table.isVisible()
    assert not wizard.done_matches.table.isVisible()


def test_the_matches_speak_english_screenshots(qtbot: Any, vault: Any, logbook: Path,
                                               english: Any) -> None:
    existing(vault, "Marie", "Dupond")
    wizard = wizard_on(qtbot, vault, logbook)
    wizard.resize(1000, 760)
    qtbot.wait(50)
    wizard.grab().save("/tmp/import_mapping_en.png")
    basis = wizard.mapping_step.basis
    basis.setFocus()
    qtbot.keyClick(basis, Qt.Key.Key_Down)
    with qtbot.waitSignal(wizard.checked, timeout=20_000):
        qtbot.keyClick(wizard.check_button, Qt.Key.Key_Space)
    unknown = wizard.unknown.cellWidget(0, 3)
    assert unknown.findText("Map to the procedure “Housing”") > 0  # administrative themes too
    assert wizard.matches.label.text() == "People recognised in existing files (1 uncertain):"
    assert cells(wizard.matches.table, 0)[3:] == [
        "name", "Uncertain: a new file will be created; you can merge it after the import"]
    qtbot.wait(50)
    wizard.grab().save("/tmp/import_precheck_en.png")
    with qtbot.waitSignal(wizard.imported, timeout=20_000):
        qtbot.keyClick(wizard.import_button, Qt.Key.Key_Space)
    done = wizard.done_matches
    assert done.merge_button is not None
    assert done.merge_button.text() == "&Merge…"
    qtbot.wait(50)
    wizard.grab().save("/tmp/import_result_en.png")
