"""Undoing the last import from the File menu: disabled with nothing to undo, asks
before removing anything, says what was removed, and a refusal (a file the import
created was merged since) is shown and nothing is removed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from import_fixture_files import FIX
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from accomp.services import activities, beneficiaries, imports, merge
from accomp.services.imports import ImportOptions
from accomp.ui.main_window import MainWindow

TODAY = dt.date(2024, 6, 1)
AT = dt.datetime(2024, 6, 1, 12, 0, tzinfo=dt.UTC)
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (raise|grabbing)")
BASIS = ImportOptions(legal_basis="MissionInteretPublic", informed_on=dt.date(2024, 1, 10))


@pytest.fixture
def logbook(tmp_path: Path) -> Path:
    return FIX.make_all(tmp_path / "incoming")["messy_logbook.xlsx"]


@pytest.fixture
def window(qtbot: Any, vault: Any) -> MainWindow:
    win = MainWindow(vault)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return win


@pytest.fixture
def boxes(monkeypatch: Any) -> dict[str, list[str]]:
    seen: dict[str, list[str]] = {"question": [], "information": [], "warning": [],
                                  "answer": ["yes"]}

    def question(parent: Any, title: str, text: str, *a: Any) -> Any:
        seen["question"].append(text)
        return (QMessageBox.StandardButton.Yes if seen["answer"][0] == "yes"
                else QMessageBox.StandardButton.No)

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    for name in ("information", "warning"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(
            lambda parent, title, text, *a, _n=name: seen[_n].append(text)))
    return seen


def import_logbook(vault: Any, logbook: Path) -> Any:
    plan = imports.precheck(vault, logbook, "activities", BASIS, today=TODAY)
    return plan, imports.write_import(vault, plan, today=TODAY, at=AT)


def open_file_menu_and_press(qtbot: Any, window: MainWindow, key: Qt.Key) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(window.file_menu.isVisible)
    qtbot.keyClick(window.file_menu, key)


def test_the_menu_entry_is_disabled_with_nothing_to_undo(window: MainWindow) -> None:
    action = window.undo_import_action
    assert action in window.file_menu.actions()
    assert action.text() == "Annuler le &dernier import…"
    assert not action.isEnabled()


def test_the_last_import_is_undone_from_the_file_menu_after_confirmation(
        qtbot: Any, vault: Any, window: MainWindow, logbook: Path,
        boxes: dict[str, list[str]]) -> None:
    import_logbook(vault, logbook)
    action = window.undo_import_action
    boxes["answer"] = ["no"]
    open_file_menu_and_press(qtbot, window, Qt.Key.Key_D)  # the menu refreshes on opening
    qtbot.waitUntil(lambda: len(boxes["question"]) == 1)
    assert boxes["question"] == ["Annuler l’import du 01/06/2024 ? Ses 9 activité(s) et "
                                 "3 dossier(s) créé(s) seront retirés du coffre."]
    assert activities.count_activities(vault) == 9  # the worker said no
    boxes["answer"] = ["yes"]
    assert action.isEnabled()
    open_file_menu_and_press(qtbot, window, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: len(boxes["information"]) == 1)
    assert boxes["information"] == ["Import annulé : 9 activité(s) et 3 dossier(s) retirés."]
    assert activities.count_activities(vault) == 0
    assert not action.isEnabled()


def test_a_refused_undo_is_shown_and_removes_nothing(
        qtbot: Any, vault: Any, window: MainWindow, logbook: Path,
        boxes: dict[str, list[str]]) -> None:
    marie = beneficiaries.create_beneficiary(vault, {
        "first_name": "Marie", "last_name": "Dupond", "legal_basis": "MissionInteretPublic",
        "informed_on": "2024-01-01"}, today=TODAY)
    plan, result = import_logbook(vault, logbook)
    created = next(i for i, _ in result.created.values()
                   if beneficiaries.get_beneficiary(vault, i).last_name == "DUPONT")
    merge.merge(vault, marie.id, created, today=TODAY, now=AT)
    window.undo_import_action.refresh()
    assert window.undo_import_action.isEnabled()
    window.undo_import_action.trigger()
    QApplication.processEvents()
    assert len(boxes["warning"]) == 1
    assert "Annulez d'abord cette fusion" in boxes["warning"][0]
    assert activities.count_activities(vault) == 9
    assert plan.counts()["uncertain"] == 1
