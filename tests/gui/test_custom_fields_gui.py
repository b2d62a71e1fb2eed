"""Custom fields as a worker uses them, from the keyboard: defined in Paramètres,
filled in a person's file, and used to filter the journal."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import show_active
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from accomp.services import activities, beneficiaries, custom_fields
from accomp.ui.views.beneficiary_file import BeneficiaryFileView
from accomp.ui.views.journal import JournalView
from accomp.ui.views.settings import SettingsPage

pytestmark = [pytest.mark.qt_log_ignore(r"This plugin does not support (raise|grabbing)"),
              pytest.mark.usefixtures("boxes")]  # message boxes never block

TODAY = dt.date(2026, 1, 15)
KEY = Qt.Key
IDENTIFIED = {"legal_basis": "MissionInteretPublic", "informed_on": "2026-01-05"}


def test_fields_are_defined_in_settings_from_the_keyboard(qtbot: Any, vault: Any,
                                                          boxes: list[str]) -> None:
    page = SettingsPage(vault)
    show_active(qtbot, page)
    box = page.fields
    assert box.name_label.buddy() is box.name
    assert not box.choices.isEnabled()  # a text field has no choices
    box.name.setFocus()
    qtbot.keyClicks(box.name, "Numero adherent")
    box.add_button.setFocus()
    qtbot.keyClick(box.add_button, KEY.Key_Space)
    qtbot.keyClicks(box.name, "Quartier prioritaire")
    box.kind.setFocus()
    qtbot.keyClick(box.kind, KEY.Key_Down)
    assert box.choices.isEnabled()
    qtbot.keyClicks(box.choices, "Oui ; Non")
    box.add_button.setFocus()
    qtbot.keyClick(box.add_button, KEY.Key_Space)
    assert boxes == []
    fields = custom_fields.list_fields(vault)
    assert [(f.name, f.choices) for f in fields] == [
        ("Numero adherent", ()), ("Quartier prioritaire", ("Oui", "Non"))]
    assert box.list.count() == 2
    qtbot.keyClicks(box.name, "Cohorte")  # a list of one choice: refused, said
    box.kind.setCurrentIndex(1)
    qtbot.keyClicks(box.choices, "Seule")
    qtbot.keyClick(box.add_button, KEY.Key_Space)
    assert len(boxes) == 1
    assert "de 2 à 12 choix" in boxes[0]
    box.list.setCurrentRow(0)
    qtbot.keyClick(box.delete_button, KEY.Key_Space)
    assert [f.name for f in custom_fields.list_fields(vault)] == ["Quartier prioritaire"]
    assert [w for w in box.focus_chain() if not w.accessibleName()] == []


def test_a_file_shows_and_saves_the_structures_fields(qtbot: Any, vault: Any,
                                                      boxes: list[str]) -> None:
    district = custom_fields.create_field(vault, "Quartier prioritaire", "choice",
                                          ["Oui", "Non"])
    member = custom_fields.create_field(vault, "N° d'adhérent", "text")
    marie = beneficiaries.create_beneficiary(vault, {
        "first_name": "Marie", "last_name": "Dupont", **IDENTIFIED}, today=TODAY)
    view = BeneficiaryFileView(vault)
    view.resize(1000, 900)
    show_active(qtbot, view)
    view.show_beneficiary(marie.id)
    box = view.custom_fields
    assert box.isVisible()
    choice, text = box.editors[district.id], box.editors[member.id]
    assert isinstance(choice, QComboBox)
    assert isinstance(text, QLineEdit)
    assert (choice.accessibleName(), text.accessibleName()) == (
        "Quartier prioritaire", "N° d'adhérent")
    text.setFocus()  # fields come by name: "N° d'adhérent", then "Quartier prioritaire"
    qtbot.keyClicks(text, "A-1234")
    qtbot.keyClick(text, KEY.Key_Tab)
    assert QApplication.focusWidget() is choice
    qtbot.keyClicks(choice, "Oui")
    qtbot.keyClick(choice, KEY.Key_Tab)
    assert QApplication.focusWidget() is box.save_button
    qtbot.keyClick(box.save_button, KEY.Key_Space)
    assert boxes == []
    assert custom_fields.file_values(vault, marie.id) == {district.id: "Oui",
                                                          member.id: "A-1234"}
    view.show_beneficiary(marie.id)  # shown again as saved
    assert box.editors[district.id].currentText() == "Oui"  # type: ignore[union-attr]
    qtbot.wait(50)  # new rows are shown by the event loop
    box.grab().save("/tmp/custom_fields_file.png")
    view.clear_sensitive()  # locking: nothing typed about the person stays on screen
    assert box.editors == {}
    assert not box.isVisible()


def test_the_journal_filters_on_a_fields_choice(qtbot: Any, vault: Any,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(JournalView, "SETTLE_MS", 0)
    district = custom_fields.create_field(vault, "Quartier prioritaire", "choice",
                                          ["Oui", "Non"])
    people = [beneficiaries.create_beneficiary(vault, {"gender": "Feminin"}, today=TODAY).id
              for _ in range(2)]
    custom_fields.set_file_values(vault, people[0], {district.id: "Oui"})
    ids = [activities.log_activity(vault, {
        "date": "2026-01-10", "duration_min": 30, "place_type": "LieuActivite",
        "themes": ["Email"], "autonomy": "Autonome", "beneficiary_id": b}, today=TODAY).id
        for b in people]
    view = JournalView(vault)
    view.resize(1100, 650)
    show_active(qtbot, view)
    assert view.model.rowCount() == 2
    assert view.field_filter.accessibleName() == "Champ"
    view.field_filter.setFocus()
    qtbot.keyClicks(view.field_filter, "Quartier prioritaire : O")
    qtbot.waitUntil(lambda: not view.pending(), timeout=5000)
    assert [view.model.activity_id(r) for r in range(view.model.rowCount())] == [ids[0]]
    view.reset_filters()
    assert view.model.rowCount() == 2


def test_a_field_and_its_choices_are_renamed_from_the_keyboard(qtbot: Any, vault: Any,
                                                              boxes: list[str]) -> None:
    district = custom_fields.create_field(vault, "Quartier", "choice", ["Oui", "Non"])
    bid = beneficiaries.create_beneficiary(vault, {"gender": "Feminin"}, today=TODAY).id
    custom_fields.set_file_values(vault, bid, {district.id: "Oui"})
    page = SettingsPage(vault)
    show_active(qtbot, page)
    box = page.fields
    assert not box.rename_button.isEnabled()  # nothing chosen yet
    box.list.setFocus()
    qtbot.keyClick(box.list, KEY.Key_Down)
    assert box.current_id() == district.id
    assert box.name.text() == "Quartier"
    assert box.choices.text() == "Oui ; Non"
    assert box.rename_button.accessibleName() == "Renommer le champ et ses choix"
    box.name.selectAll()
    qtbot.keyClicks(box.name, "Quartier prioritaire")
    box.choices.selectAll()
    qtbot.keyClicks(box.choices, "Oui (QPV) ; Non")
    box.rename_button.setFocus()
    qtbot.keyClick(box.rename_button, KEY.Key_Space)
    assert boxes == []
    assert [(f.name, f.choices) for f in custom_fields.list_fields(vault)] == [
        ("Quartier prioritaire", ("Oui (QPV)", "Non"))]
    assert custom_fields.file_values(vault, bid) == {district.id: "Oui (QPV)"}
    box.choices.selectAll()
    qtbot.keyClicks(box.choices, "Oui ; Non ; Autre")  # adding a choice is refused
    qtbot.keyClick(box.rename_button, KEY.Key_Space)
    assert len(boxes) == 1
    assert custom_fields.list_fields(vault)[0].choices == ("Oui (QPV)", "Non")
