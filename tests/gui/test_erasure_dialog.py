"""Erasure at the person's request: the dialog says what goes and what stays, and
erases only once the worker has typed the file's code."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import CANARY_NEEDLES, an_activity, canary_beneficiary
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from accomp.services import activities, beneficiaries, lifecycle, rights
from accomp.ui.dialogs.erasure import ErasureDialog


@pytest.fixture
def person(vault):
    person = canary_beneficiary(vault)
    activities.log_activity(vault, an_activity(beneficiary_id=person.id, date="2026-11-20",
                                               notes="CANARYNOTE seance"))
    return person


def make_dialog(qtbot, vault, person) -> ErasureDialog:
    dialog = ErasureDialog(vault, person.id, rights.erasure_preview(vault, person.id))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_dialog_says_what_goes_and_what_stays(qtbot, vault, person) -> None:
    dialog = make_dialog(qtbot, vault, person)
    text = dialog.explanation.text()
    assert person.code in text
    assert "Seront détruits" in text
    assert "Seront conservés" in text
    assert not [n for n in CANARY_NEEDLES if n in text]  # field names, never values


def test_erasure_requires_the_code_then_anonymises_the_file(qtbot, vault, person) -> None:
    dialog = make_dialog(qtbot, vault, person)
    assert not dialog.erase_button.isEnabled()
    qtbot.keyClicks(dialog.code_field, "B-0000")
    assert not dialog.erase_button.isEnabled()
    qtbot.keyClick(dialog.code_field, Qt.Key.Key_Return)  # a wrong code erases nothing
    assert not beneficiaries.get_beneficiary(vault, person.id).anonymised

    dialog.code_field.clear()
    qtbot.keyClicks(dialog.code_field, person.code.lower())  # case does not matter
    assert dialog.erase_button.isEnabled()
    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    assert dialog.erased
    assert dialog.result() == QDialog.DialogCode.Accepted
    after = beneficiaries.get_beneficiary(vault, person.id)
    assert after.anonymised
    assert after.first_name is None
    assert after.notes is None
    assert person.code in [e.ref for e in lifecycle.purge_register(vault)]


def drive(action: Callable[[ErasureDialog], None]) -> None:
    def run() -> None:
        d = QApplication.activeModalWidget()
        assert isinstance(d, ErasureDialog)
        try:
            action(d)
        finally:
            if d.isVisible():
                d.done(QDialog.DialogCode.Rejected)

    QTimer.singleShot(0, run)


def test_ask_erases_and_returns_true(qtbot, vault, person) -> None:
    def go(d: ErasureDialog) -> None:
        qtbot.keyClicks(d.code_field, person.code)
        qtbot.keyClick(d.code_field, Qt.Key.Key_Return)

    drive(go)
    assert ErasureDialog.ask(None, vault, person.id) is True
    assert beneficiaries.get_beneficiary(vault, person.id).anonymised


def test_ask_cancelled_keeps_the_file(qtbot, vault, person) -> None:
    drive(lambda d: qtbot.mouseClick(d.cancel_button, Qt.MouseButton.LeftButton))
    assert ErasureDialog.ask(None, vault, person.id) is False
    assert not beneficiaries.get_beneficiary(vault, person.id).anonymised


def test_an_erased_file_cannot_be_erased_again(qtbot, vault, person, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(str(a[2])))
    rights.erase_beneficiary(vault, person.id)
    assert ErasureDialog.ask(None, vault, person.id) is False
    assert len(shown) == 1


def test_keyboard_and_screen_readers(qtbot, vault, person) -> None:
    dialog = make_dialog(qtbot, vault, person)
    qtbot.keyClicks(dialog.code_field, person.code)
    assert dialog.code_label.buddy() is dialog.code_field
    for w in (dialog.code_field, dialog.erase_button, dialog.cancel_button):
        assert w.accessibleName()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.code_field)
    qtbot.keyClick(dialog.code_field, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.erase_button
    qtbot.keyClick(dialog.erase_button, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.cancel_button
