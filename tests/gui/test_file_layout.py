"""The beneficiary file on an office laptop (a 1280x800 window), in French and in
English: nothing in it needs horizontal scrolling, no button of the consent or
mandate panel is cut or squeezed, and both panels stay reachable by keyboard."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import interface_in
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QStyle, QToolButton, QWidget
from test_beneficiaries_page import tab_chain

from accomp.domain.consent import Purpose
from accomp.services import beneficiaries, consents, mandates
from accomp.ui.main_window import MainWindow
from accomp.ui.views.beneficiaries import BeneficiariesPage
from accomp.ui.views.person_panels import PersonPanels

TODAY = dt.date.today()
NOW = dt.datetime.now(dt.UTC)
LAPTOP = (1280, 800)


@pytest.fixture(params=["fr", "en"])
def window(request: pytest.FixtureRequest, qapp: Any, qtbot: Any, vault: Any) -> Iterator[
        MainWindow]:
    """The window at 1280x800 showing the file of an identified person, with a consent
    given (its date shown, every action enabled) and a mandate in force."""
    with interface_in(qapp, request.param):
        person = beneficiaries.create_beneficiary(vault, {
            "first_name": "Marie-Thérèse", "last_name": "Dupont-Lefebvre",
            "phone": "06 12 34 56 78", "email": "marie.dupont@example.org",
            "legal_basis": "MissionInteretPublic", "informed_on": TODAY.isoformat(),
        }, today=TODAY)
        consents.give_consent(vault, person.id, Purpose.FOLLOW_UP_CONTACT, at=NOW)
        mandates.create_mandate(vault, person.id, ["papiers", "logement"], "1m", at=NOW)
        win = MainWindow(vault)
        qtbot.addWidget(win)
        win.resize(*LAPTOP)
        win.show()
        qtbot.waitExposed(win)
        win.show_page(win.PAGE_BENEFICIARIES)
        page = win.beneficiaries
        page.show_beneficiary(person.id)
        qtbot.waitUntil(lambda: page.file_view.current_id() == person.id)
        settle()
        yield win


def settle() -> None:
    for _ in range(10):
        QApplication.processEvents()


def page_of(win: MainWindow) -> BeneficiariesPage:
    return win.beneficiaries


def buttons(panels: PersonPanels) -> list[QWidget]:
    c, m = panels.consents, panels.mandates
    return [c.notice_button, *(w for row in c.rows.values() for w in row.widgets()),
            *m.scope_boxes.values(), m.duration, m.method, m.create_button,
            m.revoke_scope_button, m.revoke_button, m.renew_button,
            m.attestation_button, m.revocation_button, m.check_scope, m.check_button]


def assert_shown_whole(win: MainWindow, widget: QWidget) -> None:
    area = page_of(win).file_view.scroll_area
    area.ensureWidgetVisible(widget, 0, 0)
    settle()
    name = f"{type(widget).__name__} {widget.accessibleName()!r}"
    # scrolled down to, never sideways
    assert area.horizontalScrollBar().value() == 0, name
    viewport = area.viewport()
    where = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())
    assert viewport.rect().contains(where), f"{name} at {where} outside {viewport.rect()}"
    # not squeezed below what its text needs
    assert widget.width() >= widget.sizeHint().width(), name
    if isinstance(widget, QToolButton) and widget.menu() is not None:
        # the menu arrow drawn in the corner leaves the text whole
        arrow = widget.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None,
                                           widget)
        text = widget.fontMetrics().horizontalAdvance(widget.text())
        assert widget.width() >= text + arrow, name


def test_the_file_needs_no_horizontal_scrolling_on_a_laptop(window: MainWindow) -> None:
    page = page_of(window)
    area = page.file_view.scroll_area
    # as opened: its consents shown
    assert area.horizontalScrollBar().maximum() == 0
    assert area.widget().width() <= area.viewport().width()
    # the file, not the list, gets most of the width
    list_width, file_width = page.splitter.sizes()
    assert file_width > list_width
    window.person_panels.show_mandates()
    settle()
    assert area.horizontalScrollBar().maximum() == 0
    assert area.widget().width() <= area.viewport().width()


def test_every_consent_and_mandate_control_is_shown_whole(window: MainWindow) -> None:
    panels = window.person_panels
    for widget in buttons(panels):  # the consents' first, as the file opens on them
        if panels.mandates.isAncestorOf(widget) and not widget.isVisible():
            panels.show_mandates()
            settle()
        assert widget.isVisible(), widget.accessibleName()
        assert_shown_whole(window, widget)


def test_both_tabs_are_reached_by_keyboard_and_every_control_is_named(
    window: MainWindow, qtbot: Any
) -> None:
    panels = window.person_panels
    consents_panel, mandates_panel = panels.consents, panels.mandates
    panels.show_consents()
    settle()
    reached = tab_chain(window)
    assert panels.tabs.tabBar() in reached
    follow_up = consents_panel.rows[Purpose.FOLLOW_UP_CONTACT]
    assert {consents_panel.notice_button, follow_up.renew, follow_up.withdraw,
            follow_up.receipt} <= set(reached)
    assert [f"{type(w).__name__}:{w.objectName()}" for w in reached
            if not w.accessibleName()] == []

    # from the tab bar, the arrow key opens the mandates
    panels.tabs.tabBar().setFocus()
    qtbot.keyClick(panels.tabs.tabBar(), Qt.Key.Key_Right)
    settle()
    assert panels.tabs.currentWidget() is mandates_panel
    reached = tab_chain(window)
    assert {mandates_panel.create_button, mandates_panel.tree,
            mandates_panel.revoke_button, mandates_panel.check_button} <= set(reached)
    assert [f"{type(w).__name__}:{w.objectName()}" for w in reached
            if not w.accessibleName()] == []
    tabs = panels.tabs
    assert [tabs.tabText(i).replace("&", "") for i in range(tabs.count())] in (
        ["Consentements", "Mandats"], ["Consents", "Mandates"])
