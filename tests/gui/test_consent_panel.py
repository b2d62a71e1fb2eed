"""The consent panel as a worker uses it: record a consent, see the badge turn
"Valide"; renew it in two clicks; record its withdrawal and see "Retiré"; withdraw
the identified-file consent and anonymise the file at once; hand over a receipt;
nothing left on screen once cleared."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from conftest import CANARY, canary_beneficiary
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from accomp.domain.consent import Purpose
from accomp.services import beneficiaries, consents
from accomp.ui.views.consent_panel import ConsentDialog, ConsentPanel

T0 = dt.datetime(2026, 11, 28, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every question box is answered "Oui"; the questions asked are kept."""
    asked: list[str] = []

    def question(parent: QWidget | None, title: str, text: str, *a: Any, **k: Any) -> Any:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: asked.append(a[2]))
    return asked


def open_panel(qtbot: Any, vault: Any, person: int) -> ConsentPanel:
    panel = ConsentPanel(vault, clock=lambda: T0)
    qtbot.addWidget(panel)
    panel.resize(900, 320)
    panel.show()
    panel.show_beneficiary(person)
    qtbot.waitExposed(panel)
    return panel


def click_save_in_dialog() -> None:
    """Press "Enregistrer" in the consent dialog when it opens (the second click)."""
    def press() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ConsentDialog)
        dialog.save_button.click()

    QTimer.singleShot(0, press)


def test_record_consent_then_withdraw_it_and_the_badge_follows(qtbot, vault, answers,
                                                               monkeypatch) -> None:
    person = canary_beneficiary(vault)
    panel = open_panel(qtbot, vault, person.id)
    row = panel.rows[Purpose.FOLLOW_UP_CONTACT]
    assert panel.badge_text(Purpose.FOLLOW_UP_CONTACT) == "Aucun"
    assert not row.withdraw.isEnabled()

    monkeypatch.setattr(ConsentDialog, "ask",
                        classmethod(lambda cls, parent, purpose, **k: "papier_signe"))
    qtbot.mouseClick(row.record, Qt.MouseButton.LeftButton)
    assert panel.badge_text(Purpose.FOLLOW_UP_CONTACT) == "Valide"
    assert row.until.text() == "27/11/2027"
    assert row.badge.accessibleName() == "Recontact pour le suivi : Valide"
    [given] = consents.history(vault, person.id)
    assert (given.kind, given.method) == ("donne", "papier_signe")
    assert consents.visible_identity(vault, person.id, at=T0).file.phone == CANARY["phone"]

    qtbot.mouseClick(row.withdraw, Qt.MouseButton.LeftButton)
    assert "retire son consentement pour « Recontact pour le suivi »" in answers[-1]
    assert panel.badge_text(Purpose.FOLLOW_UP_CONTACT) == "Retiré"
    assert [e.kind for e in consents.history(vault, person.id)] == ["donne", "retire"]
    assert consents.visible_identity(vault, person.id, at=T0).file.phone is None
    assert panel.message.text() == "Retrait enregistré : Recontact pour le suivi."


def test_renewing_is_two_clicks(qtbot, vault, answers) -> None:
    person = canary_beneficiary(vault)
    consents.give_consent(vault, person.id, Purpose.NOTES, method="scan",
                          valid_until=dt.date(2026, 12, 10), at=T0 - dt.timedelta(days=300))
    panel = open_panel(qtbot, vault, person.id)
    assert panel.badge_text(Purpose.NOTES) == "Expire bientôt"

    click_save_in_dialog()  # second click, once the dialog is open
    qtbot.mouseClick(panel.rows[Purpose.NOTES].renew, Qt.MouseButton.LeftButton)  # first

    assert panel.badge_text(Purpose.NOTES) == "Valide"
    renewed = consents.history(vault, person.id)[-1]
    assert (renewed.kind, renewed.method) == ("renouvele", "scan")
    assert renewed.valid_until == dt.date(2027, 11, 28)


def test_withdrawing_the_file_consent_offers_to_anonymise_now(qtbot, vault, answers) -> None:
    person = beneficiaries.create_beneficiary(
        vault, {**CANARY, "legal_basis": "Consentement", "informed_on": "2026-11-01",
                "gender": "Feminin", "social_status": "Retraite"}, today=T0.date())
    consents.give_consent(vault, person.id, Purpose.IDENTIFIED_FILE, at=T0)
    panel = open_panel(qtbot, vault, person.id)
    assert panel.badge_text(Purpose.IDENTIFIED_FILE) == "Valide"

    qtbot.mouseClick(panel.rows[Purpose.IDENTIFIED_FILE].withdraw, Qt.MouseButton.LeftButton)

    assert "Anonymiser le dossier maintenant" in answers[-1]
    kept = beneficiaries.get_beneficiary(vault, person.id)
    assert kept.anonymised
    assert (kept.first_name, kept.phone, kept.notes) == (None, None, None)
    assert (kept.gender, kept.social_status) == ("Feminin", "Retraite")
    assert panel.basis.text() == "Dossier anonymisé : plus aucune donnée d'identité."
    assert not panel.rows[Purpose.NOTES].record.isEnabled()


def test_the_dialog_records_with_the_keyboard(qtbot) -> None:
    dialog = ConsentDialog(Purpose.NOTES, renewal=False, method=None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.method.accessibleName() == "Forme du consentement"
    dialog.method.setFocus()
    qtbot.keyClick(dialog.method, Qt.Key.Key_Down)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.result() == ConsentDialog.DialogCode.Accepted
    assert dialog.chosen_method() == "papier_signe"


def test_a_receipt_is_saved_as_pdf_for_the_person(qtbot, vault, answers, monkeypatch,
                                                  tmp_path: Path) -> None:
    person = canary_beneficiary(vault)
    consents.give_consent(vault, person.id, Purpose.NOTES, at=T0)
    panel = open_panel(qtbot, vault, person.id)
    target = tmp_path / "recu.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target), "PDF (*.pdf)"))
    button = panel.rows[Purpose.NOTES].receipt
    assert button.isEnabled()
    button.save_fr.trigger()
    assert target.read_bytes().startswith(b"%PDF")
    assert target.stat().st_mode & 0o777 == 0o600


def test_every_control_is_named_and_clearing_leaves_nothing(qtbot, vault, answers) -> None:
    person = canary_beneficiary(vault)
    consents.give_consent(vault, person.id, Purpose.NOTES, at=T0)
    panel = open_panel(qtbot, vault, person.id)
    for row in panel.rows.values():
        for widget in row.widgets():
            assert widget.accessibleName()
    assert "Mission d'intérêt public" in panel.basis.text()

    panel.clear_sensitive()
    assert panel.basis.text() == ""
    assert all(panel.badge_text(p) == "" for p in Purpose)
    assert not any(w.isEnabled() for row in panel.rows.values() for w in row.widgets())
    consents.give_consent(vault, person.id, Purpose.FOLLOW_UP_CONTACT, at=T0)
    from accomp.ui import ops

    ops.changes().changed.emit("consents")  # a cleared panel reads nothing
    assert panel.badge_text(Purpose.FOLLOW_UP_CONTACT) == ""
