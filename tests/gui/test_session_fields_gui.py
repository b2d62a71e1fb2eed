"""The structure's custom fields on a session, from the keyboard: the "Champs…"
button on the session dialog's button line opens a small dialog, what is chosen is
saved with the session and shown again when it is edited or resumed from a draft;
the workshop form still fits a 1280×720 screen with the button there."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import show_active
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QScrollArea

from accomp.services import activities, custom_fields, lifecycle
from accomp.ui.views.activity_form import ActivityDialog
from accomp.ui.views.session_fields import SessionFieldsButton, SessionFieldsDialog

pytestmark = [pytest.mark.qt_log_ignore(r"This plugin does not support (raise|grabbing)"),
              pytest.mark.usefixtures("boxes")]  # message boxes never block

TODAY = dt.date(2026, 1, 15)
KEY = Qt.Key


def define(vault: Any) -> tuple[Any, Any]:
    cohort = custom_fields.create_field(vault, "Cohorte", "choice", ["CAF", "Mairie"])
    ref = custom_fields.create_field(vault, "Référence", "text")
    return cohort, ref


def test_the_fields_dialog_is_filled_from_the_keyboard(qtbot: Any, vault: Any) -> None:
    cohort, ref = define(vault)
    dialog = SessionFieldsDialog(custom_fields.list_fields(vault), {})
    show_active(qtbot, dialog)
    combo = dialog.editors[cohort.id]
    assert isinstance(combo, QComboBox)
    assert combo.accessibleName() == "Cohorte"
    assert QApplication.focusWidget() is combo  # the first field has the focus
    qtbot.keyClick(combo, KEY.Key_Down)  # "" -> CAF
    qtbot.keyClick(combo, KEY.Key_Tab)
    line = QApplication.focusWidget()
    assert line is dialog.editors[ref.id]
    assert isinstance(line, QLineEdit)
    qtbot.keyClicks(line, "R-12")
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.keyClick(line, KEY.Key_Return)  # Enter validates
    assert dialog.values() == {cohort.id: "CAF", ref.id: "R-12"}


def test_values_chosen_in_the_session_dialog_are_saved_and_shown_again(
        qtbot: Any, vault: Any, boxes: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    cohort, _ = define(vault)
    dialog = ActivityDialog(vault, today=TODAY)
    show_active(qtbot, dialog)
    button = dialog.extras.fields
    assert button.isVisible()
    assert button.accessibleName() == "Champs de la structure de la séance"
    assert button.text() == "Champs…"
    for _ in range(60):  # Tab on, from the tags to the button
        if QApplication.focusWidget() is button:
            break
        qtbot.keyClick(QApplication.focusWidget(), KEY.Key_Tab)
    assert QApplication.focusWidget() is button
    monkeypatch.setattr(SessionFieldsDialog, "ask",
                        classmethod(lambda cls, p, f, v: {cohort.id: "Mairie"}))
    qtbot.keyClick(button, KEY.Key_Space)
    assert button.text() == "Champs (1)…"
    assert dialog._draft_fields()["extras"]["fields"] == {str(cohort.id): "Mairie"}
    dialog.form.date.setFocus()
    dialog.form.themes.set_keys(["Email"])
    qtbot.keyClick(button, KEY.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert boxes == []
    saved = dialog.saved
    assert saved is not None
    assert custom_fields.session_values(vault, saved.id) == {cohort.id: "Mairie"}
    actions = [e.action for e in lifecycle.journal_events(vault, limit=20)]
    assert "activity.fields" in actions

    again = ActivityDialog(vault, activity=activities.get_activity(vault, saved.id), today=TODAY)
    show_active(qtbot, again)
    assert again.extras.fields.values() == {cohort.id: "Mairie"}
    assert again.extras.fields.text() == "Champs (1)…"
    again.extras.fields.set_values({cohort.id: None})  # emptied, then saved
    assert again.save()
    assert custom_fields.session_values(vault, saved.id) == {}


def test_a_draft_keeps_the_chosen_values(qtbot: Any, vault: Any) -> None:
    cohort, _ = define(vault)
    dialog = ActivityDialog(vault, today=TODAY)
    show_active(qtbot, dialog)
    dialog.extras.fields.set_values({cohort.id: "CAF"})
    kept = dialog._draft_fields()["extras"]
    button = SessionFieldsButton(vault, None)
    qtbot.addWidget(button)
    button.restore({**kept["fields"], "999": "x", "oops": "y"})  # unknown fields are dropped
    assert button.values() == {cohort.id: "CAF"}


def test_no_field_no_button(qtbot: Any, vault: Any) -> None:
    dialog = ActivityDialog(vault, today=TODAY)
    show_active(qtbot, dialog)
    assert not dialog.extras.fields.isVisible()


def test_the_workshop_form_still_fits_with_the_fields_button(qtbot: Any, vault: Any) -> None:
    define(vault)
    dialog = ActivityDialog(vault, kind="Collectif", today=TODAY)
    qtbot.addWidget(dialog)
    dialog.resize(1280, 720 - 60)
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    assert dialog.extras.fields.isVisible()  # a workshop holds values too
    scroll = dialog.findChild(QScrollArea)
    assert scroll is not None
    assert scroll.verticalScrollBar().maximum() == 0
    assert scroll.horizontalScrollBar().maximum() == 0
    dialog.grab().save("/tmp/fields2_workshop.png")
