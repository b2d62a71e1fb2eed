"""The referral slip from a session: the partner is chosen in the directory, the
name box is offered only with the sharing consent in force, and the PDF says what
the worker typed (pdftotext reads it); the session is then linked to the partner."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import CANARY_NEEDLES, an_activity, canary_beneficiary
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from accomp.domain.consent import Purpose
from accomp.services import activities, consents, partners
from accomp.ui.dialogs.referral_slip import ReferralSlipDialog
from accomp.ui.views.activity_form import ActivityDialog

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (raise|grabbing|propagate)")

SHOTS = Path(os.environ["ACCOMP_SHOTS"]) if os.environ.get("ACCOMP_SHOTS") else None


@pytest.fixture(autouse=True)
def no_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    def unexpected(parent: Any, title: str, text: str, *a: Any, **k: Any) -> Any:
        raise AssertionError(f"unexpected message: {text}")

    for kind in ("warning", "critical", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, unexpected)


def referred(vault: Any, person_id: int) -> Any:
    day = dt.date(2026, 11, 28)
    return activities.log_activity(
        vault, an_activity(date=day.isoformat(), beneficiary_id=person_id, referred=True,
                           referral_target="AideSociale"), today=day)


def test_slip_without_consent_offers_no_name_and_prints_the_code(
        qtbot: Any, vault: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    person = canary_beneficiary(vault)
    partners.save_partner(vault, {"name": "France Services Montbrison", "typology": "MSAP",
                                  "address": "1 rue de la Republique", "hours": "9 h - 12 h"})
    session = referred(vault, person.id)
    dialog = ReferralSlipDialog(vault, session.id)
    qtbot.addWidget(dialog)
    assert not dialog.with_identity.isEnabled()
    assert "code du dossier" in dialog.identity_note.text()
    qtbot.keyClicks(dialog.why, "Faire votre demande de carte grise")
    qtbot.keyClicks(dialog.bring, "Piece d'identite")
    if SHOTS is not None:
        dialog.grab().save(str(SHOTS / "referral_slip_dialog.png"))
    out = tmp_path / "fiche.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    text = subprocess.run(["pdftotext", str(out), "-"], check=True, capture_output=True,
                          text=True).stdout
    assert person.code in text
    assert "carte grise" in text
    assert "1 rue de la Republique" in text
    assert not any(n in text for n in CANARY_NEEDLES)
    assert partners.referral_partner(vault, session.id) is not None


def test_with_consent_the_worker_may_tick_the_name(
        qtbot: Any, vault: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    person = canary_beneficiary(vault)
    # given "now": the dialog asks the rule at the real instant
    consents.give_consent(vault, person.id, Purpose.PARTNER_SHARING)
    partners.save_partner(vault, {"name": "CAF", "typology": "CAF"})
    session = referred(vault, person.id)
    dialog = ReferralSlipDialog(vault, session.id)
    qtbot.addWidget(dialog)
    assert dialog.with_identity.isEnabled()
    dialog.with_identity.setChecked(True)
    dialog.language.setCurrentIndex(1)
    out = tmp_path / "slip.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    text = subprocess.run(["pdftotext", str(out), "-"], check=True, capture_output=True,
                          text=True).stdout
    assert "CANARYNAME" in text
    assert "Referral slip" in text


def test_a_saved_referral_session_offers_the_slip(qtbot: Any, vault: Any) -> None:
    person = canary_beneficiary(vault)
    session = referred(vault, person.id)
    dialog = ActivityDialog(vault, activity=activities.get_activity(vault, session.id))
    qtbot.addWidget(dialog)
    from accomp.ui.dialogs.referral_slip import SlipButton

    assert len(dialog.findChildren(SlipButton)) == 1
    plain = activities.log_activity(vault, an_activity(), today=dt.date(2026, 11, 28))
    other = ActivityDialog(vault, activity=activities.get_activity(vault, plain.id))
    qtbot.addWidget(other)
    assert other.findChildren(SlipButton) == []
