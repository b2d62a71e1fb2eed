"""The activity form as a worker meets it on a 1280×720 laptop: the whole individual
form and the whole workshop form, administrative topics open, are on screen without
scrolling; a workshop's form says it is a workshop and what its head counts mean; the
journal shows the workshop's title. In French and in English."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import interface_in
from PySide6.QtWidgets import QMessageBox, QScrollArea
from pytestqt.qtbot import QtBot

from accomp.domain.vocab import ADMIN_THEME
from accomp.ui.views.activity_form import ActivityDialog

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (raise|grabbing)")

@pytest.fixture(autouse=True)
def discard_without_asking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Closing a filled form at the end of a test discards it."""
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)


# A 1280×720 screen less a title bar and a panel.
SCREEN_FOR_DIALOG = (1280, 720 - 30 - 30)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_ticking_the_administrative_theme_keeps_the_outcome_on_screen(
    qtbot: QtBot, qapp: Any, vault: Any, lang: str
) -> None:
    with interface_in(qapp, lang):
        dialog = ActivityDialog(vault)
        qtbot.addWidget(dialog)
        dialog.resize(*SCREEN_FOR_DIALOG)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.form.themes.set_keys([ADMIN_THEME, "Email"])
        qtbot.waitUntil(lambda: dialog.form.admin_themes.isVisible())
        dialog.resize(*SCREEN_FOR_DIALOG)
        qapp.processEvents()
        scroll = dialog.findChild(QScrollArea)
        assert scroll is not None
        assert scroll.verticalScrollBar().maximum() == 0  # nothing below the fold
        assert scroll.horizontalScrollBar().maximum() == 0  # nor beyond the right edge
        outcome = dialog.form.outcome
        bottom = outcome.mapTo(dialog, outcome.rect().bottomLeft()).y()
        assert bottom < dialog.height()


@pytest.mark.parametrize(("lang", "new", "edit_word", "counted"), [
    ("fr", "Nouvel atelier", "sans les suivis", "comptés « Non communiqué »"),
    ("en", "New workshop", "tracked ones excluded", "counted as “Not stated”"),
])
def test_a_workshop_form_says_workshop_and_what_its_counts_mean(
    qtbot: QtBot, qapp: Any, vault: Any, lang: str, new: str, edit_word: str, counted: str
) -> None:
    with interface_in(qapp, lang):
        dialog = ActivityDialog(vault, kind="Collectif")
        qtbot.addWidget(dialog)
        assert dialog.windowTitle().endswith(new)
        counts = dialog.form.counts
        label = counts.total.property("accessibleName") or ""
        assert edit_word in label or any(
            edit_word in w.text() for w in counts.findChildren(type(counts.summary)))
        counts.total.setValue(6)
        assert counted in counts.remaining["anon_by_gender"].text()
        dialog.form.kind.set_value("Individuel")
        assert not dialog.windowTitle().endswith(new)



def test_a_workshops_notes_sit_under_its_content_and_go_back_for_an_individual_session(
    qtbot: QtBot, qapp: Any, vault: Any
) -> None:
    """A workshop has no outcome box: its notes move to the right column, beside the
    workshop box, so that its head counts come up."""
    dialog = ActivityDialog(vault, kind="Collectif")
    qtbot.addWidget(dialog)
    dialog.resize(*SCREEN_FOR_DIALOG)
    dialog.show()
    qtbot.waitExposed(dialog)
    form = dialog.form
    notes_box = form._notes_box
    qapp.processEvents()
    half = form.width() // 2
    assert notes_box.x() > half  # under the content, on the right
    assert notes_box.y() < form.workshop.geometry().bottom()  # beside the workshop
    assert form.counts.y() < notes_box.geometry().bottom() + 40  # counts right below

    form.kind.set_value("Individuel")
    qapp.processEvents()
    assert notes_box.x() < half  # back under the outcome, on the left
    assert notes_box.y() > form.outcome.geometry().bottom()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_workshop_with_administrative_topics_fits_1280_by_720(
    qtbot: QtBot, qapp: Any, vault: Any, lang: str
) -> None:
    """The workshop form, administrative topics open, on a 1280×720 laptop: nothing
    below the fold, the head counts and the notes on screen (issue 14)."""
    with interface_in(qapp, lang):
        dialog = ActivityDialog(vault, kind="Collectif")
        qtbot.addWidget(dialog)
        dialog.resize(*SCREEN_FOR_DIALOG)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.form.themes.set_keys([ADMIN_THEME, "Email"])
        qtbot.waitUntil(lambda: dialog.form.admin_themes.isVisible())
        dialog.resize(*SCREEN_FOR_DIALOG)
        qapp.processEvents()
        scroll = dialog.findChild(QScrollArea)
        assert scroll is not None
        form = dialog.form
        assert scroll.verticalScrollBar().maximum() == 0, (
            form.sizeHint().height(), scroll.viewport().height())
        assert scroll.horizontalScrollBar().maximum() == 0
        for widget in (form.counts, form.notes, form.details, form.participants):
            bottom = widget.mapTo(dialog, widget.rect().bottomLeft()).y()
            assert bottom < dialog.height()
