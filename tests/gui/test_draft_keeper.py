"""A form's draft follows the typing: written a moment after the last change,
deleted when the form is saved, cancelled or emptied again."""

from __future__ import annotations

import json

import pytest
from conftest import CANARY
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import text

from accomp.services import drafts
from accomp.ui import drafts as ui_drafts
from accomp.ui.dialogs.beneficiary_form import BeneficiaryDialog


@pytest.fixture(autouse=True)
def _short_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ui_drafts, "DELAY_MS", 20)


def _open(qtbot, vault) -> BeneficiaryDialog:
    """The file form, identity open (a legal basis and the information date)."""
    dialog = BeneficiaryDialog(vault)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.legal_basis.setCurrentIndex(dialog.legal_basis.findData("MissionInteretPublic"))
    dialog.informed_on.setText("01/10/2026")
    dialog.drafts.save_now()  # (a draft of the above; the tests start from here)
    return dialog


def _discards(vault) -> list[str]:
    with vault.reading() as s:
        return [json.loads(r[0])["reason"] for r in s.execute(text(
            "SELECT details FROM audit_event WHERE action = 'draft.discard' ORDER BY id"))]


def test_typing_writes_a_draft_a_moment_later_and_cancelling_deletes_it(qtbot, vault):
    dialog = _open(qtbot, vault)
    qtbot.keyClicks(dialog.last_name, CANARY["last_name"])
    assert drafts.list_drafts(vault)[0].fields["last_name"] == ""  # not at each key
    qtbot.waitUntil(lambda: drafts.list_drafts(vault)[0].fields["last_name"]
                    == CANARY["last_name"], timeout=2000)
    assert len(drafts.list_drafts(vault)) == 1

    dialog.cancel_button.click()
    assert drafts.list_drafts(vault) == []
    assert _discards(vault) == ["cancelled"]


def test_a_form_back_to_how_it_opened_keeps_no_draft(qtbot, vault):
    dialog = BeneficiaryDialog(vault)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.commune, "X")
    qtbot.waitUntil(lambda: bool(drafts.list_drafts(vault)), timeout=2000)
    dialog.commune.clear()
    qtbot.waitUntil(lambda: not drafts.list_drafts(vault), timeout=2000)
    dialog.drafts.stop()


def test_a_read_only_vault_keeps_no_draft_and_says_nothing(qtbot, vault, monkeypatch):
    said: list[object] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: said.append(a))
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: said.append(a))
    vault.read_only = True
    try:
        dialog = BeneficiaryDialog(vault)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.keyClicks(dialog.commune, "X")
        dialog.drafts.save_now()
    finally:
        vault.read_only = False
    assert drafts.list_drafts(vault) == []
    assert said == []
    dialog.drafts.stop()
