"""The "À venir" list as a worker uses it: on the dashboard, overdue first, then today,
this week and later; marking a missed appointment takes it off the list and counts
it; in a person's file, only their appointments; the calendar export warns before a
name goes out."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from icalendar import Calendar
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from accomp.domain.appointments import Status
from accomp.domain.consent import Purpose
from accomp.services import appointments, beneficiaries, consents
from accomp.ui.views.dashboard import DashboardPage
from accomp.ui.views.upcoming import UpcomingPanel

TODAY = dt.date(2026, 12, 3)  # a Thursday
PLANNED_ON = dt.date(2026, 11, 30)
GIVEN = dt.datetime(2026, 1, 10, 9, 0, tzinfo=dt.UTC)


def person(vault: Any, last_name: str) -> Any:
    b = beneficiaries.create_beneficiary(vault, {
        "first_name": "Awa", "last_name": last_name, "legal_basis": "MissionInteretPublic",
        "informed_on": "2026-01-05"})
    consents.give_consent(vault, b.id, Purpose.FOLLOW_UP_CONTACT, at=GIVEN)
    return b


def plan(vault: Any, b: Any, day: str, start: str = "10:00") -> Any:
    return appointments.plan_appointment(
        vault, b.id, {"date": day, "start_time": start, "duration_min": 30,
                      "place_type": "LieuActivite", "items": ["PieceIdentite"]},
        today=PLANNED_ON)


@pytest.fixture
def planned(vault: Any) -> dict[str, Any]:
    awa, jean = person(vault, "Diallo"), person(vault, "Martin")
    return {
        "awa": awa, "jean": jean,
        "overdue": plan(vault, awa, "2026-12-01"),
        "today": plan(vault, jean, "2026-12-03", "16:00"),
        "week": plan(vault, awa, "2026-12-05"),
        "later": plan(vault, jean, "2026-12-14"),
    }


def cells(panel: UpcomingPanel, column: int) -> list[str]:
    m = panel.model
    return [m.data(m.index(r, column)) for r in range(m.rowCount())]


def select(qtbot: Any, panel: UpcomingPanel, row: int) -> None:
    panel.table.setFocus()
    panel.table.selectRow(row)
    qtbot.waitUntil(lambda: panel.selected() is not None)


def test_the_dashboard_lists_overdue_today_this_week_and_later(qtbot, vault, planned,
                                                                tmp_path) -> None:
    page = DashboardPage(vault, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    qtbot.waitExposed(page)
    panel = page.upcoming
    assert cells(panel, panel.model.COL_WHEN) == [
        "En retard", "Aujourd'hui", "Cette semaine", "Plus tard"]
    assert cells(panel, panel.model.COL_FILE) == [
        planned["awa"].code, planned["jean"].code, planned["awa"].code, planned["jean"].code]
    assert cells(panel, panel.model.COL_TIME)[1] == "16:00"
    assert cells(panel, panel.model.COL_ITEMS)[0] == "Pièce d'identité"
    assert "Diallo" not in str([cells(panel, c) for c in range(6)])  # codes, never names
    assert panel.missed_count.text() == "Rendez-vous manqués ce mois-ci : 0"
    page.grab().save(str(tmp_path / "dashboard_upcoming.png"))  # to look at


def test_marking_an_appointment_missed_takes_it_off_and_counts_it(qtbot, vault,
                                                                  planned) -> None:
    panel = UpcomingPanel(vault, today=lambda: TODAY)
    qtbot.addWidget(panel)
    panel.show()
    assert not panel.missed_button.isEnabled()  # nothing chosen yet
    select(qtbot, panel, 0)
    assert panel.selected().id == planned["overdue"].id
    qtbot.keyClick(panel.missed_button, Qt.Key.Key_Space)  # a button pressed by keyboard
    qtbot.waitUntil(lambda: panel.model.rowCount() == 3)
    assert cells(panel, panel.model.COL_WHEN)[0] == "Aujourd'hui"
    assert panel.missed_count.text() == "Rendez-vous manqués ce mois-ci : 1"
    [missed] = [a for a in appointments.appointments_of(vault, planned["awa"].id, today=TODAY)
                if a.id == planned["overdue"].id]
    assert missed.status == Status.MISSED


def test_a_file_lists_only_its_own_appointments(qtbot, vault, planned) -> None:
    panel = UpcomingPanel(vault, per_file=True, today=lambda: TODAY)
    qtbot.addWidget(panel)
    assert panel.model.rowCount() == 0  # no file shown yet
    panel.show_file(planned["awa"].id)
    assert cells(panel, panel.model.COL_FILE) == [planned["awa"].code] * 2
    assert panel.plan_button.isVisible() or not panel.isVisible()
    panel.show_file(None)
    assert panel.model.rowCount() == 0


def test_the_name_goes_to_the_calendar_only_after_a_warning(qtbot, vault, planned, tmp_path,
                                                           monkeypatch) -> None:
    warned: list[str] = []
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]

    def warning(_parent: Any, _title: str, text: str, *_a: Any) -> Any:
        warned.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "warning", warning)
    target = tmp_path / "agenda.ics"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *_a, **_k: (str(target), "Agenda (*.ics)"))
    panel = UpcomingPanel(vault, today=lambda: TODAY)
    qtbot.addWidget(panel)
    panel.with_name.setChecked(True)  # the worker says no to the warning
    assert len(warned) == 1
    assert "partagé" in warned[0]
    assert not panel.with_name.isChecked()
    panel.ics_button.click()
    summaries = [str(e["summary"]) for e in Calendar.from_ical(target.read_bytes()).walk("VEVENT")]
    assert len(summaries) == 4
    assert not any("Diallo" in s or "Martin" in s for s in summaries)
    panel.with_name.setChecked(True)  # yes, this time
    assert panel.with_name.isChecked()
    panel.ics_button.click()
    summaries = [str(e["summary"]) for e in Calendar.from_ical(target.read_bytes()).walk("VEVENT")]
    assert any("Diallo" in s for s in summaries)


def test_every_control_of_the_list_has_a_name(qtbot, vault, planned) -> None:
    panel = UpcomingPanel(vault, per_file=True, today=lambda: TODAY)
    qtbot.addWidget(panel)
    for w in (panel.table, panel.missed_button, panel.done_button, panel.cancel_button,
              panel.card_button, panel.ics_button, panel.with_name, panel.plan_button):
        assert w.accessibleName()


def test_the_card_for_the_person_is_saved_as_a_pdf(qtbot, vault, planned, tmp_path,
                                                  monkeypatch) -> None:
    target = tmp_path / "carte.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *_a, **_k: (str(target), "PDF (*.pdf)"))
    panel = UpcomingPanel(vault, today=lambda: TODAY)
    qtbot.addWidget(panel)
    panel.show()
    select(qtbot, panel, 1)  # today's, at 16:00
    panel.card_button.click()
    assert target.read_bytes().startswith(b"%PDF")


def test_from_a_file_the_worker_plans_the_next_appointment(qtbot, vault, planned,
                                                           monkeypatch) -> None:
    from accomp.ui.dialogs.appointment import AppointmentDialog

    asked: list[int] = []

    def exec_(self: AppointmentDialog) -> int:
        asked.append(1)
        self.date.setDate(self.date.date().addDays(3))
        assert self.plan()
        return 1

    monkeypatch.setattr(AppointmentDialog, "exec", exec_)
    panel = UpcomingPanel(vault, per_file=True, today=lambda: TODAY)
    qtbot.addWidget(panel)
    panel.show_file(planned["jean"].id)
    before = panel.model.rowCount()
    panel.plan_button.click()
    assert asked == [1]
    assert panel.model.rowCount() == before + 1  # the list read itself again
    assert "13/12/2026" in cells(panel, panel.model.COL_DAY)  # a week ahead, moved 3 days


def test_locking_empties_the_list_until_it_is_read_again(qtbot, vault, planned) -> None:
    page = DashboardPage(vault, today=lambda: TODAY)
    qtbot.addWidget(page)
    assert page.upcoming.model.rowCount() == 4
    page.clear_sensitive()
    assert page.upcoming.model.rowCount() == 0
    assert page.upcoming.missed_count.text() == ""
    appointments.mark_missed(vault, planned["overdue"].id, today=TODAY)
    from accomp.ui import ops

    ops.changes().changed.emit("appointments")  # a change while locked reads nothing
    assert page.upcoming.model.rowCount() == 0
    page.reload()
    assert page.upcoming.model.rowCount() == 3
