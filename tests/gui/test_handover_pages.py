"""The "Partenaires et transmissions" screens as workers use them: a coordinator
fills the partner directory; Alice records Bruno's key, checks which files may go
and saves a bundle; Bruno opens it, sees who sent it and what is inside, and
imports it. Message boxes and file dialogs are patched."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from accomp.paths import AppPaths
from accomp.services import beneficiaries, partners, transfers, vaults
from accomp.ui.views.handover.page import HandoverPage

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (raise|grabbing|propagate)")

SHOTS = Path(os.environ.get("ACCOMP_SHOTS", "")) if os.environ.get("ACCOMP_SHOTS") else None


def shot(widget: QWidget, name: str) -> None:
    widget.resize(1000, 640)
    image = widget.grab()
    assert not image.isNull()
    if SHOTS is not None:
        image.save(str(SHOTS / name))


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def record(parent: Any, title: str, text: str, *a: Any, **k: Any) -> Any:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    for kind in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind, record)
    return shown


def worker(tmp_path: Path, name: str) -> Any:
    vault, _ = vaults.create_vault(AppPaths.at(tmp_path / name), "pass phrase for tests",
                                   kdf=vaults.KdfParams(1, 1024, 1), enforce_policy=False)
    vault.worker = name
    return vault


@pytest.fixture
def alice_bruno(tmp_path: Path) -> Any:
    a, b = worker(tmp_path, "alice"), worker(tmp_path, "bruno")
    yield a, b
    a.lock()
    b.lock()


def person(vault: Any, basis: str = "ObligationLegale") -> Any:
    # A legal obligation allows passing the file on whatever the day the test runs.
    return beneficiaries.create_beneficiary(vault, {
        "first_name": "Zéphyrine", "last_name": "CANARYNAME", "legal_basis": basis,
        "informed_on": "2020-01-06"}, today=dt.date(2020, 1, 6))


def test_the_directory_is_filled_from_the_keyboard_and_exported(
        qtbot: Any, alice_bruno: Any, tmp_path: Path, boxes: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    a, _ = alice_bruno
    page = HandoverPage(a)
    qtbot.addWidget(page)
    page.show()
    d = page.directory
    qtbot.keyClicks(d.name, "CAF de la Loire")
    d.typology.set_key("CAF")
    qtbot.keyClicks(d.address, "3 avenue Emile Loubet, Saint-Etienne")
    d.hours.setText("Lundi–vendredi 8 h 30 – 16 h 30")  # keyClicks types ASCII only
    qtbot.keyClicks(d.phone, "32 30")
    d.themes.item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)
    (saved,) = partners.list_partners(a)
    assert (saved.name, saved.typology, saved.phone) == ("CAF de la Loire", "CAF", "32 30")
    assert len(saved.themes) == 1
    assert d.list.count() == 1
    assert "Caisses" in d.list.item(0).text()
    shot(page, "handover_directory.png")
    out = tmp_path / "annuaire.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    qtbot.mouseClick(d.export_button, Qt.MouseButton.LeftButton)
    assert "CAF de la Loire" in out.read_text("utf-8")
    assert boxes == []
    for w in (d.name, d.typology, d.address, d.hours, d.phone, d.themes, d.contact, d.notes,
              d.save_button, d.export_button, d.import_button):
        assert w.accessibleName(), w


def test_alice_sends_a_file_and_bruno_imports_it(
        qtbot: Any, alice_bruno: Any, tmp_path: Path, boxes: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = alice_bruno
    sent_person = person(a)
    refused = person(a, basis="MissionInteretPublic")
    page = HandoverPage(a)
    qtbot.addWidget(page)
    page.show()
    page.tabs.setCurrentIndex(1)
    send = page.send
    qtbot.keyClicks(send.contact_name, "Bruno")
    send.contact_key.setText(transfers.my_public_key(b).text)
    qtbot.mouseClick(send.add_contact_button, Qt.MouseButton.LeftButton)
    assert transfers.my_public_key(b).fingerprint in send.contact_message.text()
    assert send.recipient.count() == 1
    qtbot.keyClicks(send.codes, f"{sent_person.code}, {refused.code}")
    qtbot.mouseClick(send.check_button, Qt.MouseButton.LeftButton)
    lines = [send.summary.item(i).text() for i in range(send.summary.count())]
    assert lines[0].startswith(f"{sent_person.code} : part")
    assert lines[1].startswith(f"{refused.code} : reste ici")
    shot(page, "handover_send.png")
    # the refused file blocks the bundle: nothing is written
    bundle = tmp_path / "pour-bruno.accomp-transfert"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(bundle), ""))
    qtbot.mouseClick(send.send_button, Qt.MouseButton.LeftButton)
    assert not bundle.exists()
    assert "ne peut pas être transmis" in boxes.pop()
    send.codes.clear()
    qtbot.keyClicks(send.codes, sent_person.code)
    qtbot.mouseClick(send.send_button, Qt.MouseButton.LeftButton)
    assert bundle.exists()
    assert "Envoi enregistré" in send.message.text()

    # Bruno's side: Alice is not yet among his colleagues
    other = HandoverPage(b)
    qtbot.addWidget(other)
    other.show()
    other.tabs.setCurrentIndex(2)
    receive = other.receive
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bundle), ""))
    qtbot.mouseClick(receive.open_button, Qt.MouseButton.LeftButton)
    assert receive.table.rowCount() == 1
    assert receive.table.item(0, receive.COL_NAME).text() == "Zéphyrine CANARYNAME"
    assert receive.trust.isVisibleTo(receive)
    assert "n'est pas dans vos collègues" in receive.warning.text()
    shot(other, "handover_receive.png")
    qtbot.mouseClick(receive.import_button, Qt.MouseButton.LeftButton)
    assert "n'est pas dans vos correspondants" in boxes.pop()
    receive.trust.setChecked(True)
    qtbot.mouseClick(receive.import_button, Qt.MouseButton.LeftButton)
    assert "Importé" in receive.message.text()
    assert receive.table.rowCount() == 0  # nothing personal left on screen
    found = beneficiaries.search_beneficiaries(b, "CANARYNAME")
    assert [f.last_name for f in found] == ["CANARYNAME"]


def test_the_key_tab_shows_the_fingerprint_and_saves_the_key(
        qtbot: Any, alice_bruno: Any, tmp_path: Path, boxes: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    a, _ = alice_bruno
    page = HandoverPage(a)
    qtbot.addWidget(page)
    page.show()
    page.tabs.setCurrentIndex(3)
    # showing the key makes none: the pair is made at the first use
    assert transfers.existing_public_key(a) is None
    assert "Pas encore de clé" in page.key_box.key_text.text()
    key = transfers.my_public_key(a)
    page.tabs.setCurrentIndex(0)
    page.tabs.setCurrentIndex(3)
    assert page.key_box.fingerprint.text() == key.fingerprint
    assert page.key_box.key_text.text() == key.text
    target = tmp_path / "cle.txt"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(page.key_box.save_button, Qt.MouseButton.LeftButton)
    assert target.read_text().strip() == key.text
    shot(page, "handover_key.png")
