"""In the window, an existing file is replaced only once the worker agreed (the save
dialog's own question about the name it returns, or ours when the extension was
added after it), and a destination that would harm the vault is refused in the
worker's language, the vault untouched."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from conftest import canary_beneficiary
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from accomp.domain.consent import Purpose
from accomp.domain.errors import MESSAGES
from accomp.services import activities, consents, reports
from accomp.ui.pickers import KeyRole
from accomp.ui.views.consent_panel import ConsentPanel
from accomp.ui.views.exports import ExportsPage
from accomp.ui.views.privacy import PrivacyPage

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (raise|grabbing|propagate)")

T0 = dt.datetime(2026, 11, 28, 10, 0, tzinfo=dt.UTC)


class Boxes:
    """Questions answered as told; every box shown is kept."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.questions: list[str] = []
        self.warnings: list[str] = []
        self.answer = QMessageBox.StandardButton.No

        def question(parent: Any, title: str, text: str, *a: Any, **k: Any) -> Any:
            self.questions.append(text)
            return self.answer

        def warning(parent: Any, title: str, text: str, *a: Any, **k: Any) -> Any:
            self.warnings.append(text)
            return QMessageBox.StandardButton.Ok

        monkeypatch.setattr(QMessageBox, "question", question)
        monkeypatch.setattr(QMessageBox, "warning", warning)
        monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: pytest.fail(str(a)))


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return Boxes(monkeypatch)


def save_as(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))


def exports_page(qtbot: Any, vault: Any) -> ExportsPage:
    activities.log_activity(vault, {
        "date": dt.date(2026, 11, 3), "duration_min": 45, "place_type": "LieuActivite",
        "themes": ["Email"], "autonomy": "Autonome"}, today=dt.date(2026, 11, 28))
    page = ExportsPage(vault)
    qtbot.addWidget(page)
    page.show()
    tab = page.summary_tab
    tab.criteria.set_period(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    tab.format.setCurrentIndex(next(i for i in range(tab.format.count())
                                    if tab.format.itemData(i, KeyRole)[0] == "json"))
    # the preview and the past exports are read in worker threads
    qtbot.waitUntil(lambda: not tab.is_busy() and not page.past.is_busy())
    return page


def test_an_existing_file_is_replaced_only_once_the_worker_agrees(
    qtbot: Any, vault: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, boxes: Boxes
) -> None:
    page = exports_page(qtbot, vault)
    tab = page.summary_tab
    out = tmp_path / "synthese.json"
    out.write_text("le fichier de la semaine dernière")

    # the extension was added after the dialog: the dialog never asked about this name
    save_as(monkeypatch, tmp_path / "synthese")
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    assert len(boxes.questions) == 1
    assert "« synthese.json » existe déjà" in boxes.questions[0]
    assert out.read_text() == "le fichier de la semaine dernière"
    assert reports.past_exports(vault) == []

    boxes.answer = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    assert len(boxes.questions) == 2
    assert out.read_text().startswith("{")
    assert len(reports.past_exports(vault)) == 1

    # the name the dialog returned: the dialog itself asked, no second question
    out.write_text("encore")
    save_as(monkeypatch, out)
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    assert len(boxes.questions) == 2
    assert out.read_text().startswith("{")
    assert boxes.warnings == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_export_onto_the_vault_is_refused_in_the_workers_language(
    qtbot: Any, vault: Any, monkeypatch: pytest.MonkeyPatch, boxes: Boxes, lang: str
) -> None:
    monkeypatch.setattr("accomp.ui.ops.current_lang", lambda: lang)
    page = exports_page(qtbot, vault)
    data = vault.paths.data_dir
    before = {n: (data / n).read_bytes() for n in ("vault.key", "vault.db")}
    for target in (data / "vault.key", data / "vault.db"):
        save_as(monkeypatch, target)
        boxes.answer = QMessageBox.StandardButton.Yes  # even "replace it" changes nothing
        qtbot.mouseClick(page.summary_tab.export_button, Qt.MouseButton.LeftButton)
    expected = MESSAGES["output_in_data_folder"][0 if lang == "fr" else 1]
    assert boxes.warnings == [expected, expected]
    assert {n: (data / n).read_bytes() for n in ("vault.key", "vault.db")} == before
    assert reports.past_exports(vault) == []


def test_a_consent_document_asks_before_replacing_a_file(
    qtbot: Any, vault: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, boxes: Boxes
) -> None:
    person = canary_beneficiary(vault)
    consents.give_consent(vault, person.id, Purpose.NOTES, at=T0)
    panel = ConsentPanel(vault, clock=lambda: T0)
    qtbot.addWidget(panel)
    panel.show()
    panel.show_beneficiary(person.id)
    target = tmp_path / "recu.pdf"
    target.write_bytes(b"autre chose")
    save_as(monkeypatch, tmp_path / "recu")
    panel.rows[Purpose.NOTES].receipt.save_fr.trigger()
    assert len(boxes.questions) == 1
    assert target.read_bytes() == b"autre chose"
    boxes.answer = QMessageBox.StandardButton.Yes
    panel.rows[Purpose.NOTES].receipt.save_fr.trigger()
    assert target.read_bytes().startswith(b"%PDF")


def test_a_backup_copy_or_the_register_into_the_data_folder_is_refused(
    qtbot: Any, vault: Any, monkeypatch: pytest.MonkeyPatch, boxes: Boxes
) -> None:
    data = vault.paths.data_dir
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(data))
    page = PrivacyPage(vault, today=lambda: dt.date(2026, 11, 28))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.is_busy())  # lists read in worker threads
    listing = sorted(p.name for p in data.iterdir())
    assert not page.backups.backup_to_folder()
    assert not page.register.write_register()
    assert boxes.warnings == [MESSAGES["output_in_data_folder"][0]] * 2
    assert sorted(p.name for p in data.iterdir()) == listing
