"""The person's file shows their skills over time (first level and level now, for
each competence practised), their file's tags (Space ticks one), and prints their
passport when they ask for it. Dates injected."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from accomp.services import activities, beneficiaries, skills, tags
from accomp.ui.charts import BarChart
from accomp.ui.views.beneficiary_file import BeneficiaryFileView

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (raise|grabbing)")

TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def person(vault: Any) -> int:
    bid = beneficiaries.create_beneficiary(vault, {
        "first_name": "Awa", "last_name": "Diallo", "legal_basis": "MissionInteretPublic",
        "informed_on": "2026-01-05"}, today=TODAY).id
    for day, typed in (("2026-09-01", "1.1:1 4.2:1"), ("2026-10-06", "1.1:2"),
                       ("2026-11-03", "1.1:3 2.1:2")):
        aid = activities.log_activity(vault, {
            "date": day, "duration_min": 45, "place_type": "LieuActivite",
            "themes": ["Email"], "beneficiary_id": bid, "autonomy": "PartiellementAutonome",
        }, today=TODAY).id
        skills.note_competences(vault, aid, skills.parse(typed))
    return bid


def open_file(qtbot: Any, vault: Any, bid: int) -> BeneficiaryFileView:
    view = BeneficiaryFileView(vault)
    view.skills._today = lambda: TODAY
    qtbot.addWidget(view)
    view.resize(1000, 900)
    view.show()
    qtbot.waitExposed(view)
    assert view.show_beneficiary(bid)
    return view


def test_the_file_shows_the_skills_map_over_time(qtbot: Any, vault: Any, person: int,
                                                 tmp_path: Path) -> None:
    view = open_file(qtbot, vault, person)
    chart = view.skills.chart.chart()
    assert isinstance(chart, BarChart)
    assert chart.bar_data.categories == [
        "1.1 Naviguer, chercher et filtrer des informations",
        "2.1 Interagir avec le numérique",
        "4.2 Protéger ses données personnelles et sa vie privée"]
    assert chart.bar_data.series == [("Au début", [1.0, 2.0, 1.0]),
                                     ("Maintenant", [3.0, 2.0, 1.0])]
    assert view.skills.chart.summary.text() == "3 compétence(s) pratiquée(s), 1 en progrès."
    assert "niveau 1 au début (2026-09-01), 3 maintenant (2026-11-03)" in (
        view.skills.chart.view.accessibleDescription())
    assert view.skills.chart.view.accessibleName()
    view.skills.grab().save(str(tmp_path / "skills.png"))

    view.clear_sensitive()  # locking: nothing of the person stays on screen
    assert view.skills.chart.chart() is None
    assert view.skills.tags.count() == 0


def test_a_files_tag_is_ticked_from_the_keyboard(qtbot: Any, vault: Any, person: int) -> None:
    qpv = tags.create_tag(vault, "Quartier prioritaire")
    view = open_file(qtbot, vault, person)
    checklist = view.skills.tags
    assert checklist.accessibleName() == "Étiquettes du dossier"
    checklist.setFocus()
    qtbot.keyClick(checklist, Qt.Key.Key_Space)
    assert tags.file_tags(vault, person) == [qpv.id]


def test_the_passport_is_printed_when_the_person_asks(
        qtbot: Any, vault: Any, person: int, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answers.pop(0))
    out = tmp_path / "passeport.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    view = open_file(qtbot, vault, person)
    assert not view.skills.print_passport()  # the person did not ask: nothing written
    assert not out.exists()
    assert view.skills.print_passport()
    assert out.read_bytes().startswith(b"%PDF")


def test_the_dashboard_filters_on_a_tag_and_counts_progress_with_protection(
        qtbot: Any, vault: Any, person: int) -> None:
    from accomp.ui.views.dashboard import DashboardPage

    cohort = tags.create_tag(vault, "Cohorte CAF")
    tags.set_file_tags(vault, person, [cohort.id])
    activities.log_activity(vault, {  # someone else, not in the tag
        "date": "2026-11-05", "duration_min": 30, "place_type": "LieuActivite",
        "themes": ["Email"], "autonomy": "Autonome"}, today=TODAY)
    page = DashboardPage(vault, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.show()
    assert page.cards["activities"].value.text() == "2"  # this month: 3 and 5 November
    # one person moved up this quarter: published as k (5), never 1
    assert "5 personne(s) ont gagné au moins un niveau" in page.skills_progress.text()
    assert "1 octobre 2026" in page.skills_progress.text()
    assert page.tag_box.accessibleName() == "Étiquette"
    page.tag_box.setFocus()
    with qtbot.waitSignal(page.loaded, timeout=5000):
        qtbot.keyClicks(page.tag_box, "coh")
    assert page.cards["activities"].value.text() == "1"
