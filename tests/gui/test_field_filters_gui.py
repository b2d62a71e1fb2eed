"""A choice of a custom field as a filter of the dashboard and of the summary
preview, from the keyboard; the summary of a value held by two people never shows
2; with no choice field, neither screen shows the box."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt

from accomp.services import activities, beneficiaries, custom_fields
from accomp.ui.views.dashboard import DashboardPage
from accomp.ui.views.exports import ExportsPage

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (raise|grabbing)")

TODAY = dt.date(2026, 1, 15)


def show(qtbot: Any, widget: Any) -> None:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)


def two_people_in_caf(vault: Any) -> Any:
    cohort = custom_fields.create_field(vault, "Cohorte", "choice", ["CAF", "Mairie"])
    for i in range(8):
        bid = beneficiaries.create_beneficiary(vault, {"gender": "Feminin"}, today=TODAY).id
        activities.log_activity(vault, {
            "date": "2026-01-10", "duration_min": 30, "place_type": "LieuActivite",
            "themes": ["Email"], "beneficiary_id": bid, "autonomy": "Autonome"}, today=TODAY)
        custom_fields.set_file_values(vault, bid, {cohort.id: "CAF" if i < 2 else "Mairie"})
    return cohort


def test_the_dashboard_counts_only_a_chosen_value(qtbot: Any, vault: Any) -> None:
    cohort = two_people_in_caf(vault)
    page = DashboardPage(vault, today=lambda: TODAY)
    with qtbot.waitSignal(page.loaded, timeout=5000):
        show(qtbot, page)
    box = page.value_box
    assert box.isVisible()
    assert box.accessibleName() == "Champ personnalisé"
    box.setFocus()
    with qtbot.waitSignal(page.loaded, timeout=5000):
        qtbot.keyClick(box, Qt.Key.Key_Down)  # "Cohorte : CAF"
    assert box.value() == (cohort.id, "CAF")
    assert page.cards["activities"].value.text() == "2"
    with qtbot.waitSignal(page.loaded, timeout=5000):
        qtbot.keyClick(box, Qt.Key.Key_Down)  # "Cohorte : Mairie"
    assert page.cards["activities"].value.text() == "6"


def test_the_summary_preview_of_a_small_value_never_shows_its_size(
        qtbot: Any, vault: Any) -> None:
    two_people_in_caf(vault)
    page = ExportsPage(vault)
    show(qtbot, page)
    tab = page.summary_tab
    tab.criteria.set_period(dt.date(2026, 1, 1), TODAY)
    assert tab.value.accessibleName() == "Champ personnalisé"
    tab.value.setFocus()
    qtbot.keyClick(tab.value, Qt.Key.Key_Down)  # "Cohorte : CAF"
    qtbot.waitUntil(lambda: tab.preview.summary is not None
                    and tab.preview.summary.filters.get("Cohorte") == "CAF", timeout=5000)
    summary = tab.preview.summary
    # counts of people and sessions (the minutes are not a count: they get a wide
    # noise that may land anywhere, 1 to 4 included)
    published = [n for t in summary.tables if t.unit != "minutes"
                 for n in t.published_counts()]
    assert 2 not in published
    assert all(n == 0 or n >= summary.k for n in published)


def test_no_choice_field_no_box(qtbot: Any, vault: Any) -> None:
    custom_fields.create_field(vault, "Référence", "text")  # a text never filters them
    page = DashboardPage(vault, today=lambda: TODAY)
    with qtbot.waitSignal(page.loaded, timeout=5000):
        show(qtbot, page)
    assert not page.value_box.isVisible()
    exports = ExportsPage(vault)
    show(qtbot, exports)
    assert not exports.summary_tab.value.isVisible()
