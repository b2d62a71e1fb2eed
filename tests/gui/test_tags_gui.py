"""Tags and competences as a worker uses them, from the keyboard: tags named in
Paramètres, ticked on a session with Space, competences typed as "1.1:3 4.2:2"
at the same session, and the journal filtered on a tag."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import show_active
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from accomp.services import activities, beneficiaries, lifecycle, skills, tags
from accomp.ui.views.activity_form import ActivityDialog
from accomp.ui.views.journal import JournalView
from accomp.ui.views.settings import SettingsPage

pytestmark = [pytest.mark.qt_log_ignore(r"This plugin does not support (raise|grabbing)"),
              pytest.mark.usefixtures("boxes")]  # message boxes never block

TODAY = dt.date(2026, 1, 15)
KEY = Qt.Key
IDENTIFIED = {"legal_basis": "MissionInteretPublic", "informed_on": "2026-01-05"}


def focused() -> QWidget:
    widget = QApplication.activePopupWidget() or QApplication.focusWidget()
    assert widget is not None
    return widget


def test_tags_are_named_renamed_and_deleted_in_settings(qtbot: Any, vault: Any,
                                                        boxes: list[str]) -> None:
    page = SettingsPage(vault)
    show_active(qtbot, page)
    box = page.tags
    assert box.name.accessibleName() == "Nom de l'étiquette"
    assert box.name_label.buddy() is box.name
    box.name.setFocus()
    qtbot.waitUntil(box.name.hasFocus)
    qtbot.keyClicks(box.name, "France Services")
    qtbot.keyClick(box.name, KEY.Key_Return)
    qtbot.keyClicks(box.name, "Quartier prioritaire")
    qtbot.keyClick(box.name, KEY.Key_Return)
    assert [t.name for t in tags.list_tags(vault)] == ["France Services", "Quartier prioritaire"]
    assert box.list.count() == 2

    qtbot.keyClicks(box.name, "france services")  # the same name: refused, said
    qtbot.keyClick(box.name, KEY.Key_Return)
    assert boxes == ["Une étiquette porte déjà ce nom."]

    box.list.setFocus()
    box.list.setCurrentRow(1)
    box.name.clear()
    qtbot.keyClicks(box.name, "QPV")
    box.rename_button.setFocus()
    qtbot.keyClick(box.rename_button, KEY.Key_Space)
    assert [t.name for t in tags.list_tags(vault)] == ["France Services", "QPV"]
    box.list.setCurrentRow(0)
    box.delete_button.setFocus()
    qtbot.keyClick(box.delete_button, KEY.Key_Space)
    assert [t.name for t in tags.list_tags(vault)] == ["QPV"]
    unnamed = [w for w in box.focus_chain() if not w.accessibleName()]
    assert unnamed == []


# The dialog's clock is the services' too: a day far from the machine's (whatever it
# is) would be refused as in the future, or judged without consent, if the save
# read the wall clock.
@pytest.mark.parametrize("today", [TODAY, dt.date(2099, 6, 1)])
def test_a_session_gets_its_tags_and_competences_from_the_keyboard(
        qtbot: Any, vault: Any, boxes: list[str], today: dt.date) -> None:
    cohort = tags.create_tag(vault, "Cohorte CAF")
    informed = (today - dt.timedelta(days=10)).isoformat()  # lawful on that day only
    marie = beneficiaries.create_beneficiary(vault, {
        "first_name": "Marie", "last_name": "Dupont", **IDENTIFIED, "informed_on": informed},
        today=today)
    dialog = ActivityDialog(vault, today=today)
    show_active(qtbot, dialog)
    form, extras = dialog.form, dialog.extras
    assert QApplication.focusWidget() is form.beneficiary.edit
    qtbot.keyClicks(focused(), "dupont")
    qtbot.keyClick(focused(), KEY.Key_Return)
    form.themes.filter.setFocus()
    qtbot.keyClicks(focused(), "email")
    qtbot.keyClick(focused(), KEY.Key_Return)
    form.autonomy.setFocus()
    qtbot.keyClicks(focused(), "autonome avec")
    for _ in range(40):  # Tab on, to the session's tags
        if QApplication.focusWidget() is extras.tags:
            break
        qtbot.keyClick(focused(), KEY.Key_Tab)
    assert QApplication.focusWidget() is extras.tags
    assert extras.tags.accessibleName() == "Étiquettes de l'activité"
    qtbot.keyClick(extras.tags, KEY.Key_Space)  # tick "Cohorte CAF"
    qtbot.keyClick(extras.tags, KEY.Key_Tab)
    assert QApplication.focusWidget() is extras.competences
    qtbot.keyClicks(extras.competences, "1.1:3 4.2:2")
    assert "Naviguer, chercher et filtrer des informations — niveau 3" in extras.preview.text()
    qtbot.keyClick(extras.competences, KEY.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert boxes == []
    saved = dialog.saved
    assert saved is not None
    assert saved.beneficiary_id == marie.id
    assert tags.activity_tags(vault, saved.id) == [cohort.id]
    assert skills.session_competences(vault, saved.id) == [("1.1", 3), ("4.2", 2)]
    assert saved.date == today
    journaled = {e.action: e.at.date() for e in lifecycle.journal_events(vault, limit=20)}
    for action in ("activity.create", "activity.tags", "activity.skills"):
        assert journaled[action] == today, action

    # editing the session shows them again
    again = ActivityDialog(vault, activity=activities.get_activity(vault, saved.id), today=today)
    show_active(qtbot, again)
    assert again.extras.tags.checked() == [cohort.id]
    assert again.extras.competences.text() == "1.1:3 4.2:2"


def test_a_mistyped_competence_keeps_the_dialog_open(qtbot: Any, vault: Any) -> None:
    dialog = ActivityDialog(vault, today=TODAY)
    show_active(qtbot, dialog)
    qtbot.keyClicks(dialog.extras.competences, "1.1:9")
    assert "entre 1 et 8" in dialog.extras.preview.text()
    assert not dialog.save()
    assert activities.list_activities(vault) == []


def test_the_journal_filters_on_a_tag_from_the_keyboard(qtbot: Any, vault: Any,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(JournalView, "SETTLE_MS", 0)
    cohort = tags.create_tag(vault, "Cohorte CAF")
    tags.create_tag(vault, "Autre")
    ids = [activities.log_activity(vault, {
        "date": "2026-01-10", "duration_min": 30, "place_type": "LieuActivite",
        "themes": ["Email"], "autonomy": "Autonome"}, today=TODAY).id for _ in range(3)]
    tags.set_activity_tags(vault, ids[1], [cohort.id])
    view = JournalView(vault)
    view.resize(1100, 650)
    show_active(qtbot, view)
    assert view.model.rowCount() == 3
    assert view.tag_filter.accessibleName() == "Étiquette"
    view.tag_filter.setFocus()
    qtbot.keyClicks(view.tag_filter, "coh")
    qtbot.waitUntil(lambda: not view.pending(), timeout=5000)
    assert [view.model.activity_id(r) for r in range(view.model.rowCount())] == [ids[1]]
    view.reset_filters()
    assert view.model.rowCount() == 3


def test_the_summary_preview_of_a_small_tag_never_shows_its_size(
        qtbot: Any, vault: Any) -> None:
    from accomp.ui.views.exports import ExportsPage

    cohort = tags.create_tag(vault, "Cohorte CAF")
    for _ in range(2):
        bid = beneficiaries.create_beneficiary(vault, {"gender": "Feminin"}, today=TODAY).id
        tags.set_file_tags(vault, bid, [cohort.id])
        activities.log_activity(vault, {
            "date": "2026-01-10", "duration_min": 30, "place_type": "LieuActivite",
            "themes": ["Email"], "beneficiary_id": bid, "autonomy": "Autonome"}, today=TODAY)
    page = ExportsPage(vault)
    show_active(qtbot, page)
    tab = page.summary_tab
    tab.criteria.set_period(dt.date(2026, 1, 1), TODAY)
    assert tab.tag.accessibleName() == "Étiquette"
    tab.tag.setFocus()
    qtbot.keyClicks(tab.tag, "coh")
    qtbot.waitUntil(lambda: tab.preview.summary is not None
                    and tab.preview.summary.filters.get("tag") == "Cohorte CAF", timeout=5000)
    summary = tab.preview.summary
    # counts of people and sessions (the minutes are not a count: they get a wide
    # noise that may land anywhere, 1 to 4 included)
    published = [n for t in summary.tables if t.unit != "minutes"
                 for n in t.published_counts()]
    assert 2 not in published
    assert all(n == 0 or n >= summary.k for n in published)


def test_ticked_tags_and_typed_competences_are_kept_in_the_draft(qtbot: Any,
                                                                  vault: Any) -> None:
    from accomp.services import drafts

    cohort = tags.create_tag(vault, "Cohorte CAF")
    dialog = ActivityDialog(vault, today=TODAY)
    show_active(qtbot, dialog)
    dialog.extras.tags.setFocus()
    qtbot.keyClick(dialog.extras.tags, KEY.Key_Space)
    qtbot.keyClicks(dialog.extras.competences, "2.1:2")
    fields = dialog._draft_fields()
    assert fields["extras"] == {"tags": [cohort.id], "competences": "2.1:2"}
    draft_id = drafts.save_draft(vault, "activity", fields)
    dialog.drafts.discard("cancelled")
    (kept,) = [d for d in drafts.list_drafts(vault) if d.id == draft_id]
    again = ActivityDialog(vault, today=TODAY, draft=kept)
    show_active(qtbot, again)
    assert again.extras.tags.checked() == [cohort.id]
    assert again.extras.competences.text() == "2.1:2"
