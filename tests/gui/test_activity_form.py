"""Logging a session as a worker does it, from the keyboard only: who, how long, where,
what, how autonomous, Ctrl+S; a workshop likewise. A refusal is written next to its
field and nothing is stored; Escape asks before throwing away what was typed; every
control reached with Tab has a name for screen readers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from accomp.services import activities, beneficiaries
from accomp.ui import prefs
from accomp.ui.views.activity_form import ActivityDialog

# The offscreen platform says it cannot raise a window or grab the keyboard when a
# completion list pops up; the list works all the same.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (raise|grabbing)")

TODAY = dt.date.today()
KEY = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
IDENTIFIED = {"legal_basis": "MissionInteretPublic", "informed_on": "2026-01-05"}


# --- a keyboard, and nothing else ------------------------------------------------------


class NoMouse(QObject):
    """Counts every mouse event the application sees during a test."""

    KINDS = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
             QEvent.Type.MouseButtonDblClick)

    def __init__(self) -> None:
        super().__init__()
        self.seen = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self.KINDS:
            self.seen += 1
        return False


@pytest.fixture
def no_mouse(qapp: QApplication) -> Iterator[NoMouse]:
    spy = NoMouse()
    qapp.installEventFilter(spy)
    yield spy
    qapp.removeEventFilter(spy)
    assert spy.seen == 0


class Keyboard:
    """Keys go where a real keyboard sends them: to an open pop-up list, else to the
    widget that has the focus."""

    def __init__(self, qtbot: Any) -> None:
        self.qtbot = qtbot

    @staticmethod
    def target() -> QWidget:
        widget = QApplication.activePopupWidget() or QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def type(self, text: str) -> None:
        self.qtbot.keyClicks(self.target(), text)

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
              times: int = 1) -> None:
        for _ in range(times):
            self.qtbot.keyClick(self.target(), key, modifier)

    def tab_to(self, widget: QWidget, limit: int = 80) -> None:
        for _ in range(limit):
            if QApplication.focusWidget() is widget:
                return
            self.press(KEY.Key_Tab)
        raise AssertionError(f"Tab never reached {widget.accessibleName()!r}")


@pytest.fixture
def keys(qtbot: Any) -> Keyboard:
    return Keyboard(qtbot)


class Questions:
    """Confirmations asked instead of shown, answered with `answer`. Yes by default:
    a dialog left half-filled by a test is closed at teardown without blocking."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.told: list[str] = []  # information shown after a save
        self.answer = QMessageBox.StandardButton.Yes


@pytest.fixture(autouse=True)
def questions(monkeypatch: pytest.MonkeyPatch) -> Questions:
    q = Questions()

    def question(parent: QWidget | None, title: str, text: str, *a: Any, **k: Any) -> Any:
        q.asked.append(text)
        return q.answer

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "information",
                        lambda parent, title, text, *a, **k: q.told.append(text))
    return q


def open_dialog(qtbot: Any, vault: Any, **kw: Any) -> ActivityDialog:
    dialog = ActivityDialog(vault, **kw)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


@pytest.fixture
def people(vault: Any) -> dict[str, Any]:
    return {
        "marie": beneficiaries.create_beneficiary(vault, {
            "first_name": "Marie-Thérèse", "last_name": "Dupont",
            "phone": "06 12 34 56 78", **IDENTIFIED}),
        "jean": beneficiaries.create_beneficiary(vault, {
            "first_name": "Jean", "last_name": "Martin", **IDENTIFIED}),
        "awa": beneficiaries.create_beneficiary(vault, {
            "first_name": "Awa", "last_name": "Diallo", "phone": "07 98 76 54 32",
            **IDENTIFIED}),
    }


def stored(vault: Any) -> list[Any]:
    return [activities.get_activity(vault, r.id) for r in activities.list_activities(vault)]


# --- logging from the keyboard ---------------------------------------------------------


def test_an_individual_session_is_logged_from_the_keyboard_only(
    qtbot, vault, people, keys, no_mouse
) -> None:
    dialog = open_dialog(qtbot, vault)
    form = dialog.form
    assert QApplication.focusWidget() is form.beneficiary.edit

    keys.type("dupont")  # search as you type: the best match is highlighted
    keys.press(KEY.Key_Return)
    keys.press(KEY.Key_Tab)  # the date: today already
    assert QApplication.focusWidget() is form.date
    keys.press(KEY.Key_Tab)
    keys.type("45")
    keys.press(KEY.Key_Tab)
    keys.type("dom")  # "À domicile": accents need not be typed, and it needs a commune
    keys.press(KEY.Key_Tab)
    assert QApplication.focusWidget() is form.commune.edit
    keys.type("lyon")
    keys.press(KEY.Key_Return)
    keys.press(KEY.Key_Tab)
    assert QApplication.focusWidget() is form.themes.filter
    for theme in ("email", "sante", "demarches"):
        keys.type(theme)
        keys.press(KEY.Key_Return)
    keys.press(KEY.Key_Tab, times=2)  # past the list, to the administrative topics
    assert QApplication.focusWidget() is form.admin_themes.filter
    keys.type("logement")
    keys.press(KEY.Key_Return)
    keys.tab_to(form.autonomy)
    keys.type("autonome avec")
    keys.press(KEY.Key_S, CTRL)

    assert dialog.result() == ActivityDialog.DialogCode.Accepted
    [saved] = stored(vault)
    assert saved.kind == "Individuel"
    assert saved.beneficiary_id == people["marie"].id
    assert saved.date == TODAY
    assert saved.duration_min == 45
    assert saved.place_type == "Domicile"
    assert saved.commune is not None
    assert (saved.commune.name, saved.commune.insee) == ("Lyon", "69123")
    assert saved.themes == ["Email", "Sante", "AideAuxDemarchesAdministratives"]
    assert saved.admin_themes == ["Logement"]
    assert saved.autonomy == "PartiellementAutonome"
    assert dialog.saved is not None
    assert dialog.saved.id == saved.id
    # the usual place and duration are remembered for the next session
    assert prefs.load_prefs(vault.paths.data_dir) == prefs.Preferences("Domicile", 45)


def test_a_workshop_is_logged_from_the_keyboard_only(
    qtbot, vault, people, keys, no_mouse
) -> None:
    dialog = open_dialog(qtbot, vault)
    form = dialog.form
    keys.press(KEY.Key_Tab, Qt.KeyboardModifier.ShiftModifier)  # back to the kind
    assert QApplication.focusWidget() is form.kind
    keys.type("atelier")
    assert form.workshop.isVisible()
    assert not form.beneficiary.isVisible()
    keys.tab_to(form.title)
    keys.type("Arnaques en ligne")
    keys.press(KEY.Key_Tab)
    keys.type("deb")
    keys.press(KEY.Key_Tab)
    assert QApplication.focusWidget() is form.participants.picker.edit
    keys.type("dupont")  # by name …
    keys.press(KEY.Key_Return)
    keys.type(people["awa"].code)  # … and by code
    keys.press(KEY.Key_Return)
    assert form.participants.list.count() == 2
    keys.tab_to(form.themes.filter)
    keys.type("securite")
    keys.press(KEY.Key_Return)
    keys.type("navig")
    keys.press(KEY.Key_Return)
    keys.tab_to(form.counts.total)
    keys.type("6")
    keys.press(KEY.Key_Tab)
    keys.type("2")  # already supported
    keys.press(KEY.Key_Tab)
    keys.type("2")  # men
    keys.press(KEY.Key_Tab)
    keys.type("3")  # women
    assert form.counts.remaining["anon_by_gender"].text() == (
        "Non répartis : 1, comptés « Non communiqué »")
    assert form.counts.summary.text() == (
        "Participants au total : 8 (suivis : 2, anonymes : 6)"
    )
    keys.press(KEY.Key_S, CTRL)

    assert dialog.result() == ActivityDialog.DialogCode.Accepted
    [saved] = stored(vault)
    assert saved.kind == "Collectif"
    assert saved.workshop_title == "Arnaques en ligne"
    assert saved.level == "Debutant"
    assert saved.participant_ids == sorted([people["marie"].id, people["awa"].id])
    assert saved.themes == ["NavigationSurInternet", "SecuriteNumerique"]
    assert saved.anonymous.total == 6
    assert saved.anonymous.already_supported == 2
    assert saved.anonymous.by_gender == {"Masculin": 2, "Feminin": 3}
    assert saved.beneficiary_id is None
    assert saved.autonomy is None
    [row] = activities.list_activities(vault)
    assert row.participants == 8


def test_a_phone_number_finds_the_person(qtbot, vault, people, keys) -> None:
    dialog = open_dialog(qtbot, vault)
    keys.type("0798")
    keys.press(KEY.Key_Return)
    assert dialog.form.beneficiary.beneficiary_id() == people["awa"].id
    assert dialog.form.beneficiary.text() == f"{people['awa'].code} — Awa DIALLO"


def test_anonyme_can_be_picked_and_an_empty_field_is_anonymous(
    qtbot, vault, people, keys
) -> None:
    dialog = open_dialog(qtbot, vault)
    picker = dialog.form.beneficiary
    assert picker.beneficiary_id() is None
    keys.type("anon")
    keys.press(KEY.Key_Return)
    assert picker.text() == "Anonyme"
    assert picker.beneficiary_id() is None


# --- refusals, next to their field -----------------------------------------------------


def test_a_session_without_a_theme_is_refused_next_to_the_themes(qtbot, vault, keys) -> None:
    dialog = open_dialog(qtbot, vault)
    keys.press(KEY.Key_S, CTRL)

    assert dialog.isVisible()
    assert dialog.form.error_text("themes") == "Le champ « Thèmes » est obligatoire."
    assert QApplication.focusWidget() is dialog.form.themes.filter
    assert activities.count_activities(vault) == 0
    # once corrected, the message goes and the session is saved
    keys.type("email")
    keys.press(KEY.Key_Return)
    keys.press(KEY.Key_S, CTRL)
    assert dialog.form.error_text("themes") == ""
    assert activities.count_activities(vault) == 1


def test_a_home_visit_without_a_commune_is_refused_next_to_the_commune(
    qtbot, vault, keys
) -> None:
    dialog = open_dialog(qtbot, vault)
    form = dialog.form
    assert not form.commune.isVisible()
    form.themes.set_keys(["Email"])
    keys.tab_to(form.place)
    keys.type("dom")
    assert form.commune.isVisible()
    keys.press(KEY.Key_S, CTRL)

    assert form.error_text("commune_name") == "Pour ce lieu, la commune est obligatoire."
    assert QApplication.focusWidget() is form.commune.edit
    assert activities.count_activities(vault) == 0


def test_a_commune_typed_but_not_in_the_list_is_refused(qtbot, vault, keys) -> None:
    dialog = open_dialog(qtbot, vault)
    form = dialog.form
    form.themes.set_keys(["Email"])
    form.place.set_key("Autre")
    keys.tab_to(form.commune.edit)
    keys.type("Nulle-Part-sur-Mer")
    assert QApplication.activePopupWidget() is None  # nothing to propose
    keys.press(KEY.Key_S, CTRL)
    assert "dans la liste proposée" in form.error_text("commune_name")
    assert activities.count_activities(vault) == 0


def test_a_name_typed_but_not_picked_is_not_guessed(qtbot, vault, people, keys) -> None:
    dialog = open_dialog(qtbot, vault)
    dialog.form.themes.set_keys(["Email"])
    keys.type("dup")
    keys.press(KEY.Key_Escape)
    keys.press(KEY.Key_S, CTRL)
    assert dialog.form.error_text("beneficiary_id") == (
        "Choisissez « Bénéficiaire » dans la liste proposée (Bas, puis Entrée)."
    )
    assert QApplication.focusWidget() is dialog.form.beneficiary.edit
    assert activities.count_activities(vault) == 0


def test_a_head_count_above_the_total_is_flagged_and_refused(qtbot, vault, keys) -> None:
    dialog = open_dialog(qtbot, vault, kind="Collectif")
    form = dialog.form
    form.title.setText("Premiers pas sur tablette")
    form.themes.set_keys(["PrendreEnMainDuMateriel"])
    keys.tab_to(form.counts.total)
    keys.type("3")
    keys.tab_to(form.counts.spins["anon_by_gender"]["Feminin"])
    keys.type("5")
    # flagged as it is typed …
    assert form.counts.remaining["anon_by_gender"].text() == "2 de plus que le total"
    assert form.counts.remaining["anon_by_age_band"].text() == (
        "Non répartis : 3, comptés « Non communiqué »")
    keys.press(KEY.Key_S, CTRL)

    # … and refused on save, next to the split, which takes the focus
    assert form.error_text("anon_by_gender") == (
        "Les effectifs par genre dépassent le nombre de participants anonymes."
    )
    assert QApplication.focusWidget() is form.counts.spins["anon_by_gender"]["Masculin"]
    assert activities.count_activities(vault) == 0


def test_a_workshop_needs_a_title_and_a_participant(qtbot, vault, keys) -> None:
    dialog = open_dialog(qtbot, vault, kind="Collectif")
    form = dialog.form
    form.themes.set_keys(["Bureautique"])
    keys.press(KEY.Key_S, CTRL)
    assert form.error_text("workshop_title") == (
        "Le champ « Titre de l'atelier » est obligatoire."
    )
    assert QApplication.focusWidget() is form.title
    keys.type("Traitement de texte")
    keys.press(KEY.Key_S, CTRL)
    assert form.error_text("anon_total") == "Un atelier collectif compte au moins un participant."
    assert QApplication.focusWidget() is form.counts.total
    assert activities.count_activities(vault) == 0


def test_a_zero_custom_duration_is_refused_next_to_the_duration(qtbot, vault, keys) -> None:
    dialog = open_dialog(qtbot, vault)
    form = dialog.form
    form.themes.set_keys(["Email"])
    keys.tab_to(form.duration)
    keys.type("autre")
    assert form.custom_duration.isVisible()
    form.custom_duration.set_minutes(0)
    keys.press(KEY.Key_S, CTRL)
    assert form.error_text("duration_min") == "Le champ « Durée » doit être compris entre 1 et 720."
    form.custom_duration.set_minutes(75)
    keys.press(KEY.Key_S, CTRL)
    [saved] = stored(vault)
    assert saved.duration_min == 75


# --- what appears when -----------------------------------------------------------------


def test_administrative_topics_appear_only_with_the_administrative_theme(
    qtbot, vault, keys
) -> None:
    dialog = open_dialog(qtbot, vault)
    form = dialog.form
    assert not form.admin_themes.isVisible()
    assert not form.details.isVisible()
    form.themes.set_keys(["Email", "AideAuxDemarchesAdministratives"])
    assert form.admin_themes.isVisible()
    assert form.details.isVisible()
    form.admin_themes.set_keys(["ArgentImpots"])
    form.details.setText("Declaration en ligne")
    form.themes.set_keys(["Email"])
    assert not form.admin_themes.isVisible()
    keys.press(KEY.Key_S, CTRL)
    [saved] = stored(vault)
    assert saved.admin_themes == []
    assert saved.procedure_details is None


def test_referral_target_is_asked_only_when_referred(qtbot, vault, keys) -> None:
    dialog = open_dialog(qtbot, vault)
    form = dialog.form
    form.themes.set_keys(["Email"])
    assert not form.referral_target.isEnabled()
    keys.tab_to(form.referred)
    keys.press(KEY.Key_Space)
    assert form.referral_target.isEnabled()
    keys.press(KEY.Key_S, CTRL)
    assert form.error_text("referral_target") == (
        "Indiquez vers quelle structure la personne est orientée."
    )
    keys.tab_to(form.referral_target)
    keys.type("admin")
    keys.press(KEY.Key_S, CTRL)
    [saved] = stored(vault)
    assert (saved.referred, saved.referral_target) == (True, "Administration")


def test_no_device_and_a_device_exclude_each_other(qtbot, vault) -> None:
    dialog = open_dialog(qtbot, vault)
    boxes = dialog.form.equipment
    boxes["Telephone"].setChecked(True)
    boxes["Aucun"].setChecked(True)
    assert not boxes["Telephone"].isChecked()
    boxes["Tablette"].setChecked(True)
    assert not boxes["Aucun"].isChecked()


# --- saving and cancelling -------------------------------------------------------------


def test_enter_in_a_field_never_saves_but_enter_on_save_does(qtbot, vault, keys) -> None:
    dialog = open_dialog(qtbot, vault)
    dialog.form.themes.set_keys(["Email"])
    keys.tab_to(dialog.form.date)
    keys.press(KEY.Key_Return)
    assert dialog.isVisible()
    assert activities.count_activities(vault) == 0
    keys.tab_to(dialog.save_button)
    keys.press(KEY.Key_Return)
    assert not dialog.isVisible()
    assert activities.count_activities(vault) == 1


def test_escape_on_an_untouched_form_closes_without_asking(qtbot, vault, keys, questions) -> None:
    dialog = open_dialog(qtbot, vault)
    keys.press(KEY.Key_Escape)
    assert not dialog.isVisible()
    assert questions.asked == []
    assert dialog.result() == ActivityDialog.DialogCode.Rejected


def test_escape_after_typing_asks_before_throwing_it_away(
    qtbot, vault, keys, questions
) -> None:
    dialog = open_dialog(qtbot, vault)
    keys.tab_to(dialog.form.notes)
    keys.type("rappeler lundi")
    questions.answer = QMessageBox.StandardButton.No
    keys.press(KEY.Key_Escape)
    assert questions.asked == ["Abandonner cette saisie ? Ce qui a été tapé sera perdu."]
    assert dialog.isVisible()  # "No": the form stays as it was
    assert dialog.form.notes.toPlainText() == "rappeler lundi"

    questions.answer = QMessageBox.StandardButton.Yes
    keys.press(KEY.Key_Escape)
    assert not dialog.isVisible()
    assert activities.count_activities(vault) == 0


def test_ask_returns_the_saved_session_or_none(qtbot, vault, monkeypatch) -> None:
    def fill_and_save(self: ActivityDialog) -> int:
        self.form.themes.set_keys(["Sante"])
        self.save()
        return 1

    monkeypatch.setattr(ActivityDialog, "exec", fill_and_save)
    saved = ActivityDialog.ask(None, vault)
    assert saved is not None
    assert saved.themes == ["Sante"]

    monkeypatch.setattr(ActivityDialog, "exec", lambda self: 0)
    assert ActivityDialog.ask(None, vault) is None


# --- editing and duplicating ------------------------------------------------------------


def logged(vault: Any, **data: Any) -> Any:
    base = {
        "date": TODAY - dt.timedelta(days=3), "duration_min": 45,
        "place_type": "LieuActivite", "themes": ["Email", "Sante"],
        "autonomy": "EntierementAccompagne",
    }
    return activities.log_activity(vault, {**base, **data})


def test_editing_changes_the_stored_session(qtbot, vault, keys) -> None:
    # anonymous: its notes are kept without any consent to ask
    before = logged(vault, notes="rappeler lundi")
    dialog = open_dialog(qtbot, vault, activity=before)
    form = dialog.form
    assert dialog.windowTitle().endswith("Modifier l'activité")
    assert form.duration.currentText() == "45 min"
    assert form.themes.keys() == ["Email", "Sante"]
    assert form.notes.toPlainText() == "rappeler lundi"
    assert not dialog.is_dirty()

    keys.tab_to(form.duration)
    keys.press(KEY.Key_Down)  # 45 min -> 1 h
    keys.tab_to(form.autonomy)
    keys.type("autonome")
    keys.press(KEY.Key_S, CTRL)

    [after] = stored(vault)
    assert after.id == before.id
    assert after.duration_min == 60
    assert after.autonomy == "Autonome"
    assert after.date == before.date
    assert after.notes == "rappeler lundi"


def test_editing_shows_who_the_session_was_with(qtbot, vault, people) -> None:
    before = logged(vault, beneficiary_id=people["jean"].id)
    dialog = open_dialog(qtbot, vault, activity=before)
    assert dialog.form.beneficiary.text() == f"{people['jean'].code} — Jean MARTIN"
    dialog.save()
    [after] = stored(vault)
    assert after.beneficiary_id == people["jean"].id


def test_a_duplicate_is_a_new_session_of_today_without_the_notes(qtbot, vault, people) -> None:
    original = logged(vault, notes="rappeler lundi")
    dialog = open_dialog(qtbot, vault, duplicate_of=original)
    assert dialog.windowTitle().endswith("Nouvelle activité (copie)")
    assert dialog.form.date.date().toPython() == TODAY
    assert dialog.form.notes.toPlainText() == ""
    dialog.save()

    copy = next(a for a in stored(vault) if a.id != original.id)
    assert copy.themes == original.themes
    assert copy.autonomy == original.autonomy
    assert copy.date == TODAY
    assert copy.notes is None

    with_marie = logged(vault, beneficiary_id=people["marie"].id)
    dialog = open_dialog(qtbot, vault, duplicate_of=with_marie)
    assert dialog.save()
    assert dialog.saved is not None
    assert dialog.saved.beneficiary_id == people["marie"].id
    assert activities.count_activities(vault) == 4


def test_a_workshop_reopens_with_its_participants_and_counts(qtbot, vault, people) -> None:
    workshop = activities.log_activity(vault, {
        "kind": "Collectif", "date": TODAY, "duration_min": 120, "place_type": "LieuActivite",
        "themes": ["SecuriteNumerique"], "workshop_title": "Mots de passe",
        "level": "Intermediaire", "participant_ids": [people["jean"].id],
        "anonymous": {"total": 4, "by_status": {"Retraite": 3}},
    })
    dialog = open_dialog(qtbot, vault, activity=workshop)
    form = dialog.form
    assert form.is_collective()
    assert form.title.text() == "Mots de passe"
    assert form.participants.ids() == [people["jean"].id]
    assert form.counts.total.value() == 4
    assert form.counts.remaining["anon_by_status"].text() == (
        "Non répartis : 1, comptés « Non communiqué »")
    assert not dialog.is_dirty()


# --- keyboard and screen readers ---------------------------------------------------------


def walk_tab(keys: Keyboard, start: QWidget, limit: int = 120) -> list[QWidget]:
    """Press Tab from `start` until the focus comes back to it."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    reached = [start]
    for _ in range(limit):
        keys.press(KEY.Key_Tab)
        widget = QApplication.focusWidget()
        if widget is start:
            return reached
        reached.append(widget)
    raise AssertionError("the focus never came back: a trap in the tab order")


@pytest.mark.parametrize("kind", ["Individuel", "Collectif"])
def test_every_control_reached_by_tab_has_an_accessible_name(
    qtbot, vault, keys, kind
) -> None:
    dialog = open_dialog(qtbot, vault, kind=kind)
    form = dialog.form
    form.themes.set_keys(["AideAuxDemarchesAdministratives"])
    form.place.set_key("Domicile")
    reached = walk_tab(keys, form.kind)

    unnamed = [f"{type(w).__name__}:{w.objectName()}" for w in reached if not w.accessibleName()]
    assert unnamed == []
    expected = {form.date, form.duration, form.place, form.commune.edit, form.themes.filter,
                form.admin_themes.filter, form.details, form.notes, dialog.save_button}
    if kind == "Individuel":
        expected |= {form.beneficiary.edit, form.autonomy, form.completion, form.referred}
    else:
        expected |= {form.title, form.level, form.participants.picker.edit,
                     form.counts.total, *form.counts.spins["anon_by_status"].values()}
    assert expected <= set(reached)
    # visual order: the session before the content, the content before the notes
    assert reached.index(form.date) < reached.index(form.themes.filter) < reached.index(
        form.notes) < reached.index(dialog.save_button)


def test_the_notes_say_they_are_sensitive(qtbot, vault) -> None:
    from PySide6.QtWidgets import QLabel

    dialog = open_dialog(qtbot, vault)
    texts = [w.text().replace("&", "") for w in dialog.findChildren(QLabel)]
    assert "Notes (sensibles, jamais exportées) :" in texts
    assert dialog.form.notes.accessibleName() == "Notes (sensibles, jamais exportées)"


def test_locking_empties_and_closes_the_form_without_asking(
    qtbot, vault, people, questions
) -> None:
    dialog = open_dialog(qtbot, vault)
    dialog.form.beneficiary.set_beneficiary(people["marie"])
    dialog.form.notes.setPlainText("rappeler lundi")
    dialog.clear_sensitive()
    assert not dialog.isVisible()
    assert questions.asked == []
    assert dialog.form.beneficiary.text() == ""
    assert dialog.form.notes.toPlainText() == ""
    assert activities.count_activities(vault) == 0


def test_sharing_data_on_referral_needs_the_sharing_consent(qtbot, vault, people, keys) -> None:
    dialog = open_dialog(qtbot, vault)
    form = dialog.form
    form.beneficiary.set_beneficiary(people["jean"])
    form.themes.set_keys(["Email"])
    assert not form.shares_data.isEnabled()
    keys.tab_to(form.referred)
    keys.press(KEY.Key_Space)
    keys.tab_to(form.referral_target)
    keys.type("admin")
    keys.tab_to(form.shares_data)
    keys.press(KEY.Key_Space)
    keys.press(KEY.Key_S, CTRL)
    assert form.error_text("referral_shares_data") == (
        "La personne n'a pas donné son consentement pour « Partage avec un partenaire »."
    )
    assert activities.count_activities(vault) == 0
    # Referred without passing data on: no consent needed.
    keys.tab_to(form.shares_data)
    keys.press(KEY.Key_Space)
    keys.press(KEY.Key_S, CTRL)
    [saved] = stored(vault)
    assert (saved.referred, saved.referral_shares_data) == (True, False)


def test_a_procedure_under_mandate_needs_a_mandate_covering_it(
    qtbot, vault, people, keys
) -> None:
    dialog = open_dialog(qtbot, vault)
    form = dialog.form
    form.beneficiary.set_beneficiary(people["jean"])
    form.themes.set_keys(["AideAuxDemarchesAdministratives"])
    keys.tab_to(form.mandate_scope)
    keys.type("argent")
    keys.press(KEY.Key_S, CTRL)
    assert form.error_text("under_mandate_scope")
    assert activities.count_activities(vault) == 0
