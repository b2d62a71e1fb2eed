"""The Bénéficiaires page as a worker uses it: create a file from the keyboard and
find it again by typing, filter the list, open a file (identity only when the legal
basis allows, statistics, every session, autonomy over time, sensitive notes), and
nothing of anyone left on screen once locked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from conftest import CANARY_NEEDLES, an_activity, canary_beneficiary
from PySide6.QtCharts import QAbstractAxis, QChartView, QXYSeries
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from accomp.services import activities, beneficiaries
from accomp.ui import ops
from accomp.ui.dialogs.beneficiary_form import BeneficiaryDialog
from accomp.ui.models.beneficiaries import BeneficiaryTableModel as M
from accomp.ui.views.beneficiaries import BeneficiariesPage
from accomp.ui.views.beneficiary_file import BeneficiaryFileView

TODAY = dt.date(2026, 11, 28)
BASIS = {"legal_basis": "MissionInteretPublic", "informed_on": "2026-01-05"}
SEARCH_WAIT_MS = 2000
# The completion pop-up asks the window system to raise it and grab the keyboard,
# which the offscreen platform of the tests cannot do (and says so).
POPUP_ON_OFFSCREEN = pytest.mark.qt_log_ignore(
    r"This plugin does not support raise\(\)",
    "This plugin does not support grabbing the keyboard",
    extend=True,
)


@pytest.fixture(autouse=True)
def no_message_box(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any message box is a failure here: errors are shown inline or not at all."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("unexpected message box")

    for kind in ("warning", "critical", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, refuse)


def open_page(qtbot: QtBot, vault: Any) -> BeneficiariesPage:
    page = BeneficiariesPage(vault)
    page.today = lambda: TODAY
    qtbot.addWidget(page)
    page.resize(1280, 820)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    return page


def open_dialog(qtbot: QtBot, vault: Any) -> BeneficiaryDialog:
    d = BeneficiaryDialog(vault, today=TODAY)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    d.activateWindow()
    qtbot.waitUntil(d.isActiveWindow)
    return d


def drive(action: Callable[[BeneficiaryDialog], None]) -> None:
    """Run `action` on the modal dialog once exec() shows it; close it whatever
    happens, so a failing test cannot hang in exec()."""

    def run() -> None:
        d = QApplication.activeModalWidget()
        assert isinstance(d, BeneficiaryDialog)
        try:
            action(d)
        finally:
            if d.isVisible():
                d.done(QDialog.DialogCode.Rejected)

    QTimer.singleShot(0, run)


def focused() -> QWidget:
    w = QApplication.focusWidget()
    assert w is not None
    return w


def tab(qtbot: QtBot, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)


def type_here(qtbot: QtBot, widget: QWidget, text: str) -> None:
    assert focused() is widget, f"focus is on {focused().objectName()}"
    qtbot.keyClicks(widget, text)


def open_identity(qtbot: QtBot, d: BeneficiaryDialog) -> None:
    """From the first field: a legal basis and the information date, by keyboard."""
    qtbot.waitUntil(lambda: focused() is d.legal_basis)
    qtbot.keyClick(d.legal_basis, Qt.Key.Key_Down)
    assert d.legal_basis.currentData() == "MissionInteretPublic"
    tab(qtbot)
    type_here(qtbot, d.informed_on, "05/01/2026")
    tab(qtbot, 2)  # past "Aujourd'hui" to the notice version, now open
    assert focused() is d.notice_version
    tab(qtbot)
    assert focused() is d.first_name


def names(page: BeneficiariesPage) -> list[str]:
    m = page.model
    return [m.data(m.index(r, M.COL_NAME)) for r in range(m.rowCount())]


# --- creating and finding --------------------------------------------------------------


@POPUP_ON_OFFSCREEN
def test_a_file_created_from_the_keyboard_is_found_by_typing(qtbot: QtBot, vault: Any) -> None:
    page = open_page(qtbot, vault)

    def fill(d: BeneficiaryDialog) -> None:
        open_identity(qtbot, d)
        type_here(qtbot, d.first_name, "Zoe")
        tab(qtbot)
        type_here(qtbot, d.last_name, "Marchal")
        tab(qtbot)
        type_here(qtbot, d.phone, "06 39 98 11 22")
        tab(qtbot)
        type_here(qtbot, d.email, "zoe.marchal@example.org")
        tab(qtbot)
        type_here(qtbot, d.birth_year, "1957")
        tab(qtbot)
        assert focused() is d.gender
        assert d.gender.currentData() == "NonCommunique"  # until said otherwise
        qtbot.keyClick(d.gender, Qt.Key.Key_Home)  # Masculin…
        qtbot.keyClick(d.gender, Qt.Key.Key_Down)  # …Féminin
        tab(qtbot, 2)
        assert focused() is d.social_status
        qtbot.keyClick(d.social_status, Qt.Key.Key_End)  # Non communiqué…
        qtbot.keyClick(d.social_status, Qt.Key.Key_Up)  # …Retraité
        tab(qtbot)
        type_here(qtbot, d.commune, "chatell")
        popup = d.commune.completer().popup()
        qtbot.waitUntil(popup.isVisible)
        qtbot.keyClick(popup, Qt.Key.Key_Down)
        qtbot.keyClick(popup, Qt.Key.Key_Return)
        assert d.commune.text() == "Châtellerault (86100)"
        qtbot.keyClick(d.commune, Qt.Key.Key_Return)  # the default button: Enregistrer

    drive(fill)
    qtbot.keyClick(page.table, Qt.Key.Key_B,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)

    [saved] = beneficiaries.search_beneficiaries(vault, "marchal")
    assert (saved.first_name, saved.last_name, saved.birth_year) == ("Zoe", "Marchal", 1957)
    assert (saved.phone, saved.email) == ("06 39 98 11 22", "zoe.marchal@example.org")
    assert (saved.gender, saved.social_status, saved.age_band) == (
        "Feminin", "Retraite", "SoixanteSoixanteNeuf")
    assert saved.commune is not None
    assert (saved.commune.name, saved.commune.insee) == ("Châtellerault", "86066")
    assert (saved.legal_basis, saved.informed_on) == ("MissionInteretPublic",
                                                      dt.date(2026, 1, 5))
    assert page.file_view.current_id() == saved.id

    beneficiaries.create_beneficiary(vault, {"first_name": "Marc", "last_name": "Durand",
                                             **BASIS}, today=TODAY)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert focused() is page.search
    qtbot.keyClicks(page.search, "mar")
    qtbot.waitUntil(lambda: sorted(names(page)) == ["Marc Durand", "Zoe Marchal"],
                    timeout=SEARCH_WAIT_MS)
    qtbot.keyClicks(page.search, "ch")
    qtbot.waitUntil(lambda: names(page) == ["Zoe Marchal"], timeout=SEARCH_WAIT_MS)
    assert page.count_label.text() == "1 bénéficiaire"


def test_enter_opens_the_first_file_found_then_moves_into_it(qtbot: QtBot, vault: Any) -> None:
    one = beneficiaries.create_beneficiary(vault, {"first_name": "Awa", "last_name": "Diallo",
                                                   **BASIS}, today=TODAY)
    beneficiaries.create_beneficiary(vault, {"first_name": "Jean", "last_name": "Moreau",
                                             **BASIS}, today=TODAY)
    page = open_page(qtbot, vault)
    page.focus_search()
    qtbot.keyClicks(page.search, "diallo")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)

    assert page.file_view.current_id() == one.id
    assert focused() is page.table
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert focused() is page.file_view.edit_button


def test_arrows_walk_the_list_and_the_file_follows(qtbot: QtBot, vault: Any) -> None:
    for last in ("Alpha", "Bravo", "Charlie"):
        beneficiaries.create_beneficiary(vault, {"last_name": last, **BASIS}, today=TODAY)
    page = open_page(qtbot, vault)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    first = page.file_view.current_id()
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    assert page.file_view.current_id() not in (None, first)
    assert page.file_view.current_id() == page.selected_beneficiary_id()


def test_filters_narrow_the_list(qtbot: QtBot, vault: Any) -> None:
    beneficiaries.create_beneficiary(vault, {"last_name": "Nommee", "gender": "Feminin",
                                             **BASIS}, today=TODAY)
    beneficiaries.create_beneficiary(vault, {"gender": "Masculin", "age_band": "SoixanteDixPlus"},
                                     today=TODAY)
    page = open_page(qtbot, vault)
    assert page.model.rowCount() == 2

    page.identity_filter.setFocus()
    qtbot.keyClick(page.identity_filter, Qt.Key.Key_End)  # Statistiques uniquement
    assert names(page) == ["—"]
    qtbot.keyClick(page.identity_filter, Qt.Key.Key_Home)
    page.gender_filter.setCurrentIndex(page.gender_filter.findData("Feminin"))
    assert names(page) == ["Nommee"]
    page.gender_filter.setCurrentIndex(0)
    page.age_filter.setCurrentIndex(page.age_filter.findData("SoixanteDixPlus"))
    assert page.model.rowCount() == 1
    page.files_filter.setCurrentIndex(page.files_filter.findData(True))  # anonymised
    assert page.model.rowCount() == 0
    assert page.count_label.text() == "Aucun bénéficiaire ne correspond."


# --- the identity gate ----------------------------------------------------------------


def test_identity_stays_closed_without_legal_basis_and_information_date(
    qtbot: QtBot, vault: Any
) -> None:
    d = open_dialog(qtbot, vault)
    identity = [d.first_name, d.last_name, d.phone, d.email, d.birth_year, d.notes]
    statistics = [d.gender, d.age_band, d.social_status, d.commune]

    assert not any(w.isEnabled() for w in identity)
    assert all(w.isEnabled() for w in statistics)
    assert "Sans base légale" in d.basis_note.text()
    assert d.basis_note.isVisible()

    d.legal_basis.setCurrentIndex(d.legal_basis.findData("Consentement"))
    assert not any(w.isEnabled() for w in identity)
    assert "Indiquez la date" in d.basis_note.text()

    d.informed_on.setText("31/02/2026")
    assert not d.first_name.isEnabled()
    assert "pas une date valide" in d.basis_note.text()
    d.informed_on.setText("01/12/2026")
    assert not d.first_name.isEnabled()
    assert "dans le futur" in d.basis_note.text()

    d.informed_on.setFocus()
    d.informed_on.clear()
    tab(qtbot)
    assert focused() is d.today_button
    qtbot.keyClick(d.today_button, Qt.Key.Key_Space)
    assert d.informed_on.text() == "28/11/2026"
    assert all(w.isEnabled() for w in identity)
    assert "Consentement" in d.basis_note.text()


def test_identity_typed_then_closed_again_is_not_saved(qtbot: QtBot, vault: Any) -> None:
    d = open_dialog(qtbot, vault)
    d.legal_basis.setCurrentIndex(1)
    d.informed_on.setText("05/01/2026")
    d.first_name.setFocus()
    qtbot.keyClicks(d.first_name, "Lina")
    d.legal_basis.setCurrentIndex(0)
    assert "ne seront pas conservées" in d.basis_note.text()
    qtbot.keyClick(d.first_name, Qt.Key.Key_Return)

    assert d.result() == QDialog.DialogCode.Accepted
    assert d.value is not None
    saved = beneficiaries.get_beneficiary(vault, d.value.id)
    assert (saved.first_name, saved.legal_basis) == (None, None)


def test_a_refusal_is_shown_next_to_its_field_and_nothing_is_written(
    qtbot: QtBot, vault: Any
) -> None:
    d = open_dialog(qtbot, vault)
    d.legal_basis.setCurrentIndex(1)
    d.informed_on.setText("05/01/2026")
    d.birth_year.setText("1850")
    d.commune.setText("Nulle-part-sur-Mer")
    qtbot.keyClick(d.first_name, Qt.Key.Key_Return)

    commune_error = d.findChild(QLabel, "commune_nameError")
    assert commune_error.isVisible()
    assert "Commune" in commune_error.text()
    d.commune.clear()
    qtbot.keyClick(d.first_name, Qt.Key.Key_Return)
    year_error = d.findChild(QLabel, "birth_yearError")
    assert year_error.text() == (
        "Le champ « Année de naissance » doit être compris entre 1900 et 2026.")
    assert focused() is d.birth_year
    assert d.isVisible()
    assert beneficiaries.search_beneficiaries(vault, "") == []


# --- duplicates ------------------------------------------------------------------------


@pytest.fixture
def marie(vault: Any) -> Any:
    found = beneficiaries.create_beneficiary(
        vault, {"first_name": "Marie-Thérèse", "last_name": "DUPONT", "birth_year": 1948,
                **BASIS}, today=TODAY)
    activities.log_activity(vault, an_activity(beneficiary_id=found.id, date="2026-11-20"),
                            today=TODAY)
    beneficiaries.create_beneficiary(vault, {"first_name": "Martine", "last_name": "Dupont",
                                             **BASIS}, today=TODAY)
    return found


@pytest.mark.parametrize(("first", "last"), [("marie therese", "dupont"),
                                             ("Dupond", "Marie Therese")])
def test_typing_a_known_person_proposes_her_file_and_opens_it(
    qtbot: QtBot, vault: Any, marie: Any, first: str, last: str
) -> None:
    shown: list[list[str]] = []

    def fill(d: BeneficiaryDialog) -> None:
        open_identity(qtbot, d)
        type_here(qtbot, d.first_name, first)
        tab(qtbot)
        type_here(qtbot, d.last_name, last)
        qtbot.keyClick(d.last_name, Qt.Key.Key_Return)
        assert d.duplicates_box.isVisible()
        table = d.duplicates_table
        shown.extend([table.item(r, c).text() for c in range(table.columnCount())]
                     for r in range(table.rowCount()))
        assert focused() is table
        qtbot.keyClick(table, Qt.Key.Key_Return)  # open the file proposed

    drive(fill)
    chosen = BeneficiaryDialog.ask(None, vault, today=TODAY)

    assert shown == [[marie.code, "Marie-Thérèse DUPONT", "1948", "20/11/2026", "nom"]]
    assert chosen is not None
    assert chosen.id == marie.id
    assert len(beneficiaries.search_beneficiaries(vault, "")) == 2  # nothing created


def test_create_anyway_saves_a_second_file(qtbot: QtBot, vault: Any, marie: Any) -> None:
    def fill(d: BeneficiaryDialog) -> None:
        open_identity(qtbot, d)
        type_here(qtbot, d.first_name, "Marie Therese")
        tab(qtbot)
        type_here(qtbot, d.last_name, "Dupont")
        tab(qtbot)
        type_here(qtbot, d.phone, "05 36 49 00 11")
        qtbot.keyClick(d.phone, Qt.Key.Key_Return)
        assert [c.code for c in d.candidates()] == [marie.code]
        tab(qtbot, 2)
        assert focused() is d.anyway_button
        qtbot.keyClick(d.anyway_button, Qt.Key.Key_Space)

    drive(fill)
    created = BeneficiaryDialog.ask(None, vault, today=TODAY)

    assert created is not None
    assert created.id != marie.id
    assert created.phone == "05 36 49 00 11"
    assert len(beneficiaries.search_beneficiaries(vault, "dupont")) == 3


# --- the file ----------------------------------------------------------------------------


def file_view(qtbot: QtBot, vault: Any) -> BeneficiaryFileView:
    view = BeneficiaryFileView(vault)
    qtbot.addWidget(view)
    view.resize(760, 900)
    view.show()
    return view


def test_the_file_shows_every_session_and_autonomy_over_time(qtbot: QtBot, vault: Any) -> None:
    person = beneficiaries.create_beneficiary(
        vault, {"first_name": "Awa", "last_name": "Diallo", "notes": "Prefere le matin",
                "gender": "Feminin", "birth_year": 1950, **BASIS}, today=TODAY)
    for day, level in (("2026-03-02", "EntierementAccompagne"),
                       ("2026-05-11", "PartiellementAutonome"),
                       ("2026-06-15", "PartiellementAutonome"), ("2026-09-07", "Autonome")):
        activities.log_activity(vault, an_activity(beneficiary_id=person.id, date=day,
                                                   autonomy=level), today=TODAY)
    activities.log_activity(vault, an_activity(beneficiary_id=person.id, date="2026-10-01",
                                               autonomy=None), today=TODAY)
    activities.log_activity(vault, {
        "kind": "Collectif", "date": "2026-10-12", "duration_min": 90,
        "place_type": "LieuActivite", "themes": ["SecuriteNumerique"],
        "workshop_title": "Arnaques en ligne", "participant_ids": [person.id],
        "anonymous": {"total": 4},
    }, today=TODAY)
    view = file_view(qtbot, vault)
    view.show_beneficiary(person.id)

    t = view.timeline_model
    assert t.rowCount() == 6
    assert [t.data(t.index(r, t.COL_DATE)) for r in range(6)] == [
        "12/10/2026", "01/10/2026", "07/09/2026", "15/06/2026", "11/05/2026", "02/03/2026"]
    assert t.data(t.index(0, t.COL_KIND)) == "Atelier collectif"
    assert t.data(t.index(2, t.COL_AUTONOMY)) == "Autonome"
    assert view.timeline_count.text() == "6 activités"

    assert view.autonomy_series.count() == 4
    assert [p.y() for p in view.autonomy_series.points()] == [1, 2, 2, 3]
    xs = [p.x() for p in view.autonomy_series.points()]
    assert xs == sorted(xs)
    assert {level: s.count() for level, s in view.level_series.items()} == {1: 1, 2: 2, 3: 1}
    # Told apart by shape and by name too, not by colour alone.
    assert len({s.markerShape() for s in view.level_series.values()}) == 3
    assert [s.name() for s in view.level_series.values()] == [
        "Avec guidage", "Autonome avec guidage en cas de besoin", "Autonome"]
    assert view.autonomy_summary.text() == (
        "4 séances notées. Première : Avec guidage le 02/03/2026. "
        "Dernière : Autonome le 07/09/2026.")

    assert view.identity_values["name"].text() == "Awa Diallo"
    assert view.stats_values["first_visit"].text() == "02/03/2026"
    assert view.notes_box.title() == "Notes (sensibles)"
    assert view.notes.toPlainText() == "Prefere le matin"
    assert view.notes.isReadOnly()


def test_a_file_without_legal_basis_shows_statistics_only(qtbot: QtBot, vault: Any) -> None:
    person = beneficiaries.create_beneficiary(
        vault, {"gender": "Masculin", "age_band": "DixHuitVingtQuatre",
                "commune": {"name": "Châtellerault", "postal_code": "86100",
                            "insee": "86066"}}, today=TODAY)
    view = file_view(qtbot, vault)
    view.show_beneficiary(person.id)

    assert view.statistical_only.isVisible()
    assert view.statistical_only.text() == "Données statistiques uniquement"
    assert not any(v.isVisible() for v in view.identity_values.values())
    assert not view.notes_box.isVisible()
    assert view.stats_values["age_band"].text() == "18 - 24 ans"
    assert view.stats_values["commune"].text() == "Châtellerault (86100)"
    assert not view.autonomy_box.isVisible()  # no session yet
    assert view.timeline_count.text() == "Aucune activité enregistrée avec cette personne."


def test_modifier_opens_the_form_and_the_file_shows_the_change(
    qtbot: QtBot, vault: Any
) -> None:
    person = beneficiaries.create_beneficiary(
        vault, {"first_name": "Jean", "last_name": "Moreau", **BASIS}, today=TODAY)
    page = open_page(qtbot, vault)
    page.show_beneficiary(person.id)

    def edit(d: BeneficiaryDialog) -> None:
        assert d.last_name.text() == "Moreau"
        d.last_name.setFocus()
        d.last_name.selectAll()
        qtbot.keyClicks(d.last_name, "Moreau-Petit")
        qtbot.keyClick(d.last_name, Qt.Key.Key_Return)

    drive(edit)
    page.file_view.edit_button.setFocus()
    qtbot.keyClick(page.file_view.edit_button, Qt.Key.Key_Space)

    assert beneficiaries.get_beneficiary(vault, person.id).last_name == "Moreau-Petit"
    assert page.file_view.identity_values["name"].text() == "Jean Moreau-Petit"
    assert names(page) == ["Jean Moreau-Petit"]


def test_the_consent_panel_takes_its_slot_and_follows_the_file(qtbot: QtBot, vault: Any) -> None:
    class Panel(QLabel):
        def __init__(self) -> None:
            super().__init__("badges")
            self.calls: list[object] = []

        def show_beneficiary(self, beneficiary_id: int) -> None:
            self.calls.append(beneficiary_id)

        def clear_sensitive(self) -> None:
            self.calls.append("cleared")

    person = beneficiaries.create_beneficiary(vault, {}, today=TODAY)
    view = file_view(qtbot, vault)
    view.show_beneficiary(person.id)
    panel = Panel()
    view.set_consent_panel(panel)

    assert panel.parent() is view.consent_slot
    assert not view.consent_placeholder.isVisible()
    assert panel.isVisible()
    view.clear_sensitive()
    view.show_beneficiary(person.id)
    assert panel.calls == [person.id, "cleared", person.id]


# --- keyboard and screen readers ----------------------------------------------------------


def tab_chain(window: QWidget) -> list[QWidget]:
    reached: list[QWidget] = []
    w = window.nextInFocusChain()
    while w is not window and len(reached) < 500:
        if (w.isVisible() and w.isEnabled()
                and w.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus):
            reached.append(w)
        w = w.nextInFocusChain()
    return reached


def unnamed(reached: list[QWidget]) -> list[str]:
    return [f"{type(w).__name__}:{w.objectName()}" for w in reached if not w.accessibleName()]


def test_every_control_of_the_page_reached_by_tab_has_an_accessible_name(
    qtbot: QtBot, vault: Any
) -> None:
    person = canary_beneficiary(vault)
    activities.log_activity(vault, an_activity(beneficiary_id=person.id), today=TODAY)
    page = open_page(qtbot, vault)
    page.show_beneficiary(person.id)
    reached = tab_chain(page)

    assert {page.search, page.age_filter, page.gender_filter, page.status_filter,
            page.identity_filter, page.files_filter, page.new_button, page.table,
            page.file_view.edit_button, page.file_view.timeline,
            page.file_view.notes} <= set(reached)
    assert unnamed(reached) == []
    # Tab goes down the list pane, then into the file.
    order = [w for w in reached if w in (page.search, page.table, page.file_view.edit_button)]
    assert order == [page.search, page.table, page.file_view.edit_button]


def test_every_control_of_the_form_reached_by_tab_has_an_accessible_name(
    qtbot: QtBot, vault: Any, marie: Any
) -> None:
    d = open_dialog(qtbot, vault)
    d.legal_basis.setCurrentIndex(1)
    d.informed_on.setText("05/01/2026")
    d.first_name.setText("Marie-Therese")
    d.last_name.setText("Dupont")
    qtbot.keyClick(d.last_name, Qt.Key.Key_Return)  # shows the similar files too
    assert d.duplicates_box.isVisible()
    reached = tab_chain(d)

    assert {d.legal_basis, d.informed_on, d.today_button, d.notice_version, d.first_name,
            d.last_name, d.phone, d.email, d.birth_year, d.gender, d.age_band,
            d.social_status, d.commune, d.notes, d.duplicates_table, d.open_button,
            d.anyway_button, d.cancel_button, d.save_button} <= set(reached)
    assert unnamed(reached) == []
    assert reached.index(d.legal_basis) < reached.index(d.first_name) < reached.index(
        d.gender) < reached.index(d.save_button)


# --- locking ----------------------------------------------------------------------------


def every_text(root: QWidget) -> list[str]:
    """Every text a widget under `root` could show or say."""
    texts: list[str] = []
    for w in [root, *root.findChildren(QWidget)]:
        texts += [w.windowTitle(), w.toolTip(), w.accessibleName(), w.accessibleDescription()]
        if isinstance(w, (QLabel, QLineEdit, QAbstractButton)):
            texts.append(w.text())
        if isinstance(w, QLineEdit):
            texts.append(w.placeholderText())
        if isinstance(w, QPlainTextEdit):
            texts.append(w.toPlainText())
        if isinstance(w, QGroupBox):
            texts.append(w.title())
        if isinstance(w, QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            m = w.model()
            for r in range(m.rowCount()):
                for c in range(m.columnCount()):
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                        texts.append(str(m.data(m.index(r, c), role) or ""))
        if isinstance(w, QChartView):
            chart = w.chart()
            texts.append(chart.title())
            for s in chart.series():
                texts.append(s.name())
                if isinstance(s, QXYSeries):
                    texts += [f"{p.x()} {p.y()}" for p in s.points()]
            axis: QAbstractAxis
            for axis in chart.axes():
                texts.append(axis.titleText())
    return texts


def leaks(root: QWidget) -> list[str]:
    return sorted({n for n in CANARY_NEEDLES for t in every_text(root) if n in t})


def test_clear_sensitive_leaves_no_one_on_screen(qtbot: QtBot, vault: Any) -> None:
    person = canary_beneficiary(vault)
    activities.log_activity(vault, an_activity(beneficiary_id=person.id), today=TODAY)
    page = open_page(qtbot, vault)
    page.focus_search()
    qtbot.keyClicks(page.search, "canaryname")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.file_view.current_id() == person.id
    assert leaks(page)  # the canary is on screen: the check below means something

    vault.lock()
    page.clear_sensitive()
    ops.changes().changed.emit("beneficiaries")  # nothing may read the locked vault now
    ops.changes().changed.emit("activities")
    qtbot.wait(SEARCH_WAIT_MS // 4)

    assert leaks(page) == []
    assert page.model.rowCount() == 0
    assert page.file_view.current_id() is None
    assert page.file_view.autonomy_series.count() == 0


def test_locking_empties_and_closes_an_open_form(qtbot: QtBot, vault: Any) -> None:
    page = open_page(qtbot, vault)
    seen: list[str] = []

    def lock_while_typing(d: BeneficiaryDialog) -> None:
        open_identity(qtbot, d)
        type_here(qtbot, d.first_name, "Zephyrine")
        page.clear_sensitive()  # what the application does when it locks
        seen.append(d.first_name.text())
        assert not d.isVisible()

    drive(lock_while_typing)
    page.new_beneficiary()

    assert seen == [""]
    assert beneficiaries.search_beneficiaries(vault, "") == []


def test_after_unlock_reload_lists_the_files_again(qtbot: QtBot, vault: Any) -> None:
    beneficiaries.create_beneficiary(vault, {}, today=TODAY)
    page = open_page(qtbot, vault)
    page.clear_sensitive()
    page.reload()
    assert page.model.rowCount() == 1


def test_the_file_offers_erasure_and_shows_the_file_anonymised(qtbot, vault, monkeypatch):
    from accomp.services import beneficiaries
    from accomp.ui.dialogs.erasure import ErasureDialog
    from accomp.ui.views.beneficiary_file import BeneficiaryFileView

    b = beneficiaries.create_beneficiary(
        vault, {"first_name": "Lucie", "last_name": "Morel", "legal_basis": "MissionInteretPublic",
                "informed_on": "2026-10-01"})
    view = BeneficiaryFileView(vault)
    qtbot.addWidget(view)
    view.show()
    view.show_beneficiary(b.id)
    assert view.erase_button.isEnabled()
    assert view.erase_button.accessibleName()

    def erase_for_real(cls, parent, v, beneficiary_id):
        from accomp.services import rights

        rights.erase_beneficiary(v, beneficiary_id)
        return True

    monkeypatch.setattr(ErasureDialog, "ask", classmethod(erase_for_real))
    view.erase_button.click()
    assert beneficiaries.get_beneficiary(vault, b.id).anonymised
    qtbot.waitUntil(lambda: not view.erase_button.isEnabled())
