"""Merging two files from the interface: both files side by side, a value chosen per
field (keyboard and mouse), what moves and what the worker is told about consents
shown before anything is written; from the Bénéficiaires list (two rows selected)
with undo, and from the duplicate warning of a file being edited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from conftest import CANARY, CANARY_NEEDLES, canary_beneficiary
from PySide6.QtCore import QItemSelectionModel, QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QRadioButton
from pytestqt.qtbot import QtBot

from accomp.domain.consent import Purpose
from accomp.services import beneficiaries, consents, duplicates, merge
from accomp.ui.dialogs.beneficiary_form import BeneficiaryDialog
from accomp.ui.dialogs.merge_files import MergeFilesDialog
from accomp.ui.views.beneficiaries import BeneficiariesPage

TODAY = dt.date(2026, 11, 28)
NOW = dt.datetime(2026, 11, 20, 10, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Message boxes are patched: a question is answered Yes and recorded; anything
    else fails the test."""
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *a: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"unexpected message box {args[2:3]}")

    for kind in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind, refuse)
    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


@pytest.fixture
def pair(vault: Any) -> tuple[Any, Any]:
    kept = canary_beneficiary(vault)
    absorbed = beneficiaries.create_beneficiary(vault, {
        "first_name": "Zephyrine", "last_name": "CANARYNAME-ANCIEN", "phone": "07 11 22 33 44",
        "birth_year": 1961, "legal_basis": "MissionInteretPublic", "informed_on": "2026-09-15",
        "gender": "Feminin"}, today=TODAY)
    consents.give_consent(vault, kept.id, Purpose.NOTES, at=NOW)
    consents.give_consent(vault, absorbed.id, Purpose.NOTES, at=NOW)
    consents.withdraw_consent(vault, absorbed.id, Purpose.NOTES, at=NOW + dt.timedelta(hours=1))
    return kept, absorbed


def make_dialog(qtbot: QtBot, vault: Any, kept: Any, absorbed: Any) -> MergeFilesDialog:
    d = MergeFilesDialog(vault, kept.id, absorbed.id,
                         merge.preview(vault, kept.id, absorbed.id, today=TODAY), today=TODAY)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    d.activateWindow()
    qtbot.waitUntil(d.isActiveWindow)
    return d


def drive(action: Callable[[MergeFilesDialog], None]) -> None:
    """Run `action` on the merge dialog once exec() shows it; close it whatever
    happens, so a failing test cannot hang."""

    def run() -> None:
        d = QApplication.activeModalWidget()
        assert isinstance(d, MergeFilesDialog)
        try:
            action(d)
        finally:
            if d.isVisible():
                d.done(QDialog.DialogCode.Rejected)

    QTimer.singleShot(0, run)


def test_both_files_are_side_by_side_with_what_moves_and_the_consent_outcome(
        qtbot: QtBot, vault: Any, pair: Any) -> None:
    kept, absorbed = pair
    d = make_dialog(qtbot, vault, kept, absorbed)
    keep, take = d.choices["phone"]
    assert keep.text() == CANARY["phone"]
    assert take.text() == "07 11 22 33 44"
    assert keep.isChecked()
    assert kept.code in d.kept_header.text()
    assert absorbed.code in d.absorbed_header.text()
    assert "0 séance" in d.counts.text()
    assert "1 consentement" in d.counts.text()
    assert "retiré" in d.consent_text.text()
    assert "Conservation des notes" in d.consent_text.text() or "notes" in d.consent_text.text()
    for radio in d.findChildren(QRadioButton):
        assert radio.accessibleName()
        for needle in CANARY_NEEDLES:  # names are shown, never in accessible names
            assert needle not in radio.accessibleName()


def test_the_worker_picks_values_by_keyboard_and_mouse_then_confirms(
        qtbot: QtBot, vault: Any, pair: Any) -> None:
    kept, absorbed = pair
    d = make_dialog(qtbot, vault, kept, absorbed)
    keep_phone, take_phone = d.choices["phone"]
    keep_phone.setFocus()
    qtbot.waitUntil(keep_phone.hasFocus)
    qtbot.keyClick(keep_phone, Qt.Key.Key_Right)
    assert take_phone.hasFocus()
    assert take_phone.isChecked()
    take_name = d.choices["last_name"][1]  # on its circle: the row is wider than its text
    qtbot.mouseClick(take_name, Qt.MouseButton.LeftButton, pos=QPoint(8, take_name.height() // 2))
    assert d.chosen()["last_name"] == "absorbed"
    qtbot.mouseClick(d.merge_button, Qt.MouseButton.LeftButton)
    assert d.result() == QDialog.DialogCode.Accepted
    assert d.result_value is not None
    merged = beneficiaries.get_beneficiary(vault, kept.id)
    assert merged.phone == "07 11 22 33 44"
    assert merged.last_name == "CANARYNAME-ANCIEN"
    assert merged.first_name == CANARY["first_name"]
    assert beneficiaries.get_beneficiary(vault, absorbed.id).anonymised


def test_choosing_the_other_file_to_keep_swaps_the_columns(qtbot: QtBot, vault: Any,
                                                          pair: Any) -> None:
    kept, absorbed = pair
    d = make_dialog(qtbot, vault, kept, absorbed)
    qtbot.mouseClick(d.kept_second, Qt.MouseButton.LeftButton,
                     pos=QPoint(8, d.kept_second.height() // 2))
    assert absorbed.code in d.kept_header.text()
    assert d.kept_and_absorbed() == (absorbed.id, kept.id)
    assert d.choices["phone"][0].text() == "07 11 22 33 44"
    qtbot.keyClick(d.cancel_button, Qt.Key.Key_Space)
    assert d.result() == QDialog.DialogCode.Rejected
    assert merge.last_merge(vault) is None  # nothing written


def _select(page: BeneficiariesPage, ids: list[int]) -> None:
    model, selection = page.model, page.table.selectionModel()
    selection.clearSelection()
    for row in range(model.rowCount()):
        if model.beneficiary_id(row) in ids:
            selection.select(model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                             | QItemSelectionModel.SelectionFlag.Rows)


def test_from_the_list_two_files_merge_and_the_merge_undoes(
        qtbot: QtBot, vault: Any, pair: Any, boxes: list[str]) -> None:
    kept, absorbed = pair
    page = BeneficiariesPage(vault)
    page.today = lambda: TODAY
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    qtbot.waitExposed(page)
    merging = page.merging
    assert not merging.merge_button.isEnabled()
    assert not merging.undo_button.isEnabled()
    # Ctrl+click adds the second file to the selection
    page.table.setFocus()
    _select(page, [kept.id])
    other_row = next(r for r in range(page.model.rowCount())
                     if page.model.beneficiary_id(r) == absorbed.id)
    rect = page.table.visualRect(page.model.index(other_row, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.ControlModifier, rect.center())
    assert sorted(page.selected_ids()) == sorted([kept.id, absorbed.id])
    assert merging.merge_button.isEnabled()

    drive(lambda d: qtbot.mouseClick(d.merge_button, Qt.MouseButton.LeftButton))
    done = merging.merge_selected()
    assert done is not None
    assert merge.resolve_code(vault, absorbed.code) == done.kept_id
    assert merging.undo_button.isEnabled()
    assert page.model.rowCount() == 1  # the absorbed file left the list of active files

    qtbot.mouseClick(merging.undo_button, Qt.MouseButton.LeftButton)
    assert boxes
    assert merge.last_merge(vault) is None
    assert merge.resolve_code(vault, absorbed.code) == absorbed.id
    assert not merging.undo_button.isEnabled()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)


def test_the_merge_shortcut_works_from_the_list(qtbot: QtBot, vault: Any, pair: Any) -> None:
    kept, absorbed = pair
    page = BeneficiariesPage(vault)
    page.today = lambda: TODAY
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    _select(page, [kept.id, absorbed.id])
    page.table.setFocus()
    seen: list[str] = []
    drive(lambda d: seen.append(d.kept_header.text()))
    qtbot.keyClick(page.table, Qt.Key.Key_F,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: bool(seen))
    assert merge.last_merge(vault) is None  # the dialog was closed without merging


def test_from_the_duplicate_warning_of_a_file_being_edited(qtbot: QtBot, vault: Any,
                                                          pair: Any) -> None:
    kept, absorbed = pair
    form = BeneficiaryDialog(vault, beneficiary=beneficiaries.get_beneficiary(vault, kept.id),
                             today=TODAY)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    found = duplicates.find_duplicates(vault, first_name="Zephyrine", last_name="CANARYNAME",
                                       exclude_id=kept.id)
    assert [c.id for c in found] == [absorbed.id]
    form._show_duplicates(found)
    assert form.merge_button.isVisible()
    drive(lambda d: qtbot.mouseClick(d.merge_button, Qt.MouseButton.LeftButton))
    qtbot.mouseClick(form.merge_button, Qt.MouseButton.LeftButton)
    assert form.result() == QDialog.DialogCode.Accepted
    assert form.value is not None
    assert form.value.id == kept.id
    assert merge.resolve_code(vault, absorbed.code) == kept.id


def test_a_new_file_offers_no_merge(qtbot: QtBot, vault: Any) -> None:
    form = BeneficiaryDialog(vault, today=TODAY)
    qtbot.addWidget(form)
    form.show()
    assert not form.merge_button.isVisibleTo(form)


def test_a_refused_merge_is_shown_and_nothing_opens(qtbot: QtBot, vault: Any, pair: Any,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    kept, _absorbed = pair
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _p, _t, text, *a: shown.append(text))
    assert MergeFilesDialog.ask(None, vault, kept.id, kept.id, today=TODAY) is None
    assert shown
    assert "lui-même" in shown[0]
    for needle in CANARY_NEEDLES:
        assert needle not in shown[0]


def test_tab_walks_the_kept_file_choice_then_every_field_then_the_buttons(
        qtbot: QtBot, vault: Any, pair: Any) -> None:
    kept, absorbed = pair
    d = make_dialog(qtbot, vault, kept, absorbed)
    qtbot.waitUntil(d.kept_first.hasFocus)
    walked = []
    for _ in range(len(d.choices) + 3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        walked.append(QApplication.focusWidget())
    rows = [next(r for r in pair_ if r.isChecked()) for pair_ in d.choices.values()]
    assert walked[:len(rows)] == rows
    assert d.merge_button in walked
    assert d.cancel_button in walked
