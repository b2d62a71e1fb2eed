"""The beneficiaries list as a worker with many files meets it: every file is
reachable by scrolling (no "first 300" wall), and the search field drives the
results from the keyboard: Down/Up move in them, Enter opens the selected one, Tab
goes to the list, not to a filter. In French and in English."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import interface_in
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from accomp.services import beneficiaries
from accomp.ui.views.beneficiaries import LIST_LIMIT, BeneficiariesPage

TODAY = dt.date(2026, 11, 28)


def make_people(vault: Any, n: int) -> None:
    for i in range(n):
        beneficiaries.create_beneficiary(
            vault, {"gender": "Feminin", "first_name": f"Prénom{i:03d}",
                    "last_name": f"NOM{i:03d}", "legal_basis": "MissionInteretPublic",
                    "informed_on": "2026-01-05"},
            today=TODAY)


def open_page(qtbot: QtBot, vault: Any) -> BeneficiariesPage:
    page = BeneficiariesPage(vault)
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    return page


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_file_is_reached_by_scrolling_past_the_first_page(
    qtbot: QtBot, qapp: Any, vault: Any, lang: str
) -> None:
    make_people(vault, LIST_LIMIT + 1)
    with interface_in(qapp, lang):
        page = open_page(qtbot, vault)
        assert page.model.total() == LIST_LIMIT + 1
        assert page.model.rowCount() == LIST_LIMIT
        # The count says how many there are, never "narrow the search".
        assert str(LIST_LIMIT + 1) in page.count_label.text()
        assert "300" not in page.count_label.text().replace(str(LIST_LIMIT + 1), "")
        page.table.setFocus()
        qtbot.keyClick(page.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: page.model.rowCount() == LIST_LIMIT + 1)
        ids = [page.model.beneficiary_id(r) for r in range(page.model.rowCount())]
        assert len(set(ids)) == LIST_LIMIT + 1


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_down_up_and_enter_in_the_search_field_open_the_chosen_result(
    qtbot: QtBot, qapp: Any, vault: Any, lang: str
) -> None:
    make_people(vault, 4)
    with interface_in(qapp, lang):
        page = open_page(qtbot, vault)
        page.focus_search()
        qtbot.keyClicks(page.search, "nom00")
        qtbot.waitUntil(lambda: page.model.rowCount() == 4)
        qtbot.keyClick(page.search, Qt.Key.Key_Down)
        assert page.selected_beneficiary_id() == page.model.beneficiary_id(0)
        qtbot.keyClick(page.search, Qt.Key.Key_Down)
        qtbot.keyClick(page.search, Qt.Key.Key_Down)
        qtbot.keyClick(page.search, Qt.Key.Key_Up)
        second = page.model.beneficiary_id(1)
        assert page.selected_beneficiary_id() == second
        assert QApplication.focusWidget() is page.search  # still typing there
        assert page.file_view.current_id() == second  # the file follows
        qtbot.keyClick(page.search, Qt.Key.Key_Return)
        assert page.selected_beneficiary_id() == second  # not the first one
        assert QApplication.focusWidget() is page.table


def test_tab_from_the_search_goes_to_the_results(qtbot: QtBot, vault: Any) -> None:
    make_people(vault, 2)
    page = open_page(qtbot, vault)
    page.focus_search()
    qtbot.keyClick(page.search, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.table
