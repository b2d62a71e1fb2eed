"""The Paramètres screen: the language and the idle-lock delay are saved (0600, no
personal data) and announced to the window; the passphrase is changed from the
keyboard, after which the old one no longer opens the vault; the number of backups
kept and the structure's name printed on the documents are settings of the vault,
written to the journal; every control is named."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from typing import Any

import pytest
from conftest import PASSPHRASE
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from accomp.domain.errors import KnownError
from accomp.paths import AppPaths
from accomp.services import consents, lifecycle, structure, vaults
from accomp.ui import app_settings
from accomp.ui.app_settings import AppSettings
from accomp.ui.audit_labels import action_label, details_text
from accomp.ui.dialogs.change_passphrase import ChangePassphraseDialog
from accomp.ui.views.settings import SettingsPage

NEW = "Kq7!mZp2#Lw9-nouvelle"


@pytest.fixture(autouse=True)
def no_message_box(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("no message box expected")

    for kind in ("warning", "critical", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, refuse)


def open_page(qtbot: QtBot, vault: Any) -> SettingsPage:
    page = SettingsPage(vault)
    qtbot.addWidget(page)
    page.resize(900, 800)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    return page


# --- language and idle lock --------------------------------------------------------------


def test_choosing_english_is_saved_and_announced(qtbot: QtBot, vault: Any) -> None:
    page = open_page(qtbot, vault)
    assert page.language.currentText() == "Français"
    page.language.setFocus()
    with qtbot.waitSignal(page.language_changed) as signal:
        qtbot.keyClick(page.language, Qt.Key.Key_Down)

    assert signal.args == ["en"]
    assert app_settings.load_settings(vault.paths).language == "en"
    assert stat.S_IMODE(vault.paths.settings.stat().st_mode) == 0o600
    saved = json.loads(vault.paths.settings.read_text("utf-8"))
    assert set(saved) == {"version", "language", "idle_minutes"}  # nothing about anyone
    assert page.status.text() == "Paramètre enregistré."
    # a new page (after the next unlock) shows the saved choice
    again = SettingsPage(vault)
    qtbot.addWidget(again)
    assert again.language.currentData() == "en"


def test_the_idle_delay_is_saved_and_announced(qtbot: QtBot, vault: Any) -> None:
    page = open_page(qtbot, vault)
    assert page.idle.value() == 5
    page.idle.setFocus()
    with qtbot.waitSignal(page.idle_minutes_changed) as signal:
        qtbot.keyClick(page.idle, Qt.Key.Key_Up)
    assert signal.args == [6]
    assert app_settings.load_settings(vault.paths).idle_minutes == 6

    # the spin box keeps to 1..15
    page.idle.setValue(99)
    assert app_settings.load_settings(vault.paths).idle_minutes == 15


@pytest.mark.parametrize("content", [
    "not json", "[]", '{"language": "de", "idle_minutes": 0}',
    '{"language": 3, "idle_minutes": true}', '{"idle_minutes": 99}',
])
def test_a_damaged_settings_file_gives_the_defaults(paths: AppPaths, content: str) -> None:
    paths.data_dir.mkdir(parents=True)
    paths.settings.write_text(content, "utf-8")
    assert app_settings.load_settings(paths) == AppSettings("fr", 5)


def test_settings_round_trip(paths: AppPaths) -> None:
    app_settings.save_settings(paths, AppSettings("en", 12))
    assert app_settings.load_settings(paths) == AppSettings("en", 12)


def test_an_unwritable_folder_is_a_known_error(paths: AppPaths) -> None:
    paths.data_dir.parent.mkdir(parents=True, exist_ok=True)
    paths.data_dir.write_text("a file where the folder should be", "utf-8")
    with pytest.raises(KnownError) as err:
        app_settings.save_settings(paths, AppSettings())
    assert err.value.code == "folder_unwritable"
    assert str(paths.data_dir) not in err.value.message("fr")


# --- the passphrase --------------------------------------------------------------------------


def change_dialog(qtbot: QtBot, vault: Any) -> ChangePassphraseDialog:
    d = ChangePassphraseDialog(lambda old, new: vaults.change_passphrase(vault.paths, old, new))
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def test_the_passphrase_is_changed_from_the_keyboard(qtbot: QtBot, vault: Any) -> None:
    d = change_dialog(qtbot, vault)
    qtbot.keyClicks(d.current, PASSPHRASE)
    qtbot.keyClick(d.current, Qt.Key.Key_Return)  # on to the new one
    assert d.focusWidget() is d.new
    qtbot.keyClicks(d.new, NEW)
    assert d.meter_level.text() == "Suffisante"
    qtbot.keyClick(d.new, Qt.Key.Key_Return)
    assert d.focusWidget() is d.confirmation
    qtbot.keyClicks(d.confirmation, NEW)
    assert d.change_button.isEnabled()
    with qtbot.waitSignal(d.accepted):
        qtbot.keyClick(d.confirmation, Qt.Key.Key_Return)  # the default button

    assert d.current.text() == d.new.text() == d.confirmation.text() == ""
    with pytest.raises(KnownError) as err:
        vaults.unlock(vault.paths, PASSPHRASE)
    assert err.value.code == "wrong_passphrase"
    vaults.unlock(vault.paths, NEW).lock()


def test_a_wrong_current_passphrase_changes_nothing(qtbot: QtBot, vault: Any) -> None:
    d = change_dialog(qtbot, vault)
    qtbot.keyClicks(d.current, "not the passphrase")
    qtbot.keyClicks(d.new, NEW)
    qtbot.keyClicks(d.confirmation, NEW)
    qtbot.keyClick(d.confirmation, Qt.Key.Key_Return)

    assert d.isVisible()
    assert d.error.text() == "Phrase de passe incorrecte."
    assert d.focusWidget() is d.current
    vaults.unlock(vault.paths, PASSPHRASE).lock()


@pytest.mark.parametrize(("new", "confirmation", "hint"), [
    ("short", "short", "Trop courte"),
    (NEW, NEW + "x", "Les deux saisies ne correspondent pas."),
    (PASSPHRASE, PASSPHRASE, "La nouvelle phrase de passe est identique à l'actuelle."),
])
def test_a_weak_mismatched_or_unchanged_passphrase_is_not_accepted(
    qtbot: QtBot, vault: Any, new: str, confirmation: str, hint: str
) -> None:
    d = change_dialog(qtbot, vault)
    qtbot.keyClicks(d.current, PASSPHRASE)
    qtbot.keyClicks(d.new, new)
    qtbot.keyClicks(d.confirmation, confirmation)
    assert not d.change_button.isEnabled()
    assert d.hint.text().startswith(hint)


def when_modal(qtbot: QtBot, act: Callable[[QWidget], None]) -> None:
    """Run `act` on the next modal dialog, once it is shown."""

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, attempt)
            return
        act(dialog)

    QTimer.singleShot(0, attempt)


def test_the_settings_page_opens_the_dialog_from_the_keyboard(
    qtbot: QtBot, vault: Any
) -> None:
    page = open_page(qtbot, vault)

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ChangePassphraseDialog)
        qtbot.keyClicks(dialog.current, PASSPHRASE)
        qtbot.keyClicks(dialog.new, NEW)
        qtbot.keyClicks(dialog.confirmation, NEW)
        qtbot.keyClick(dialog.confirmation, Qt.Key.Key_Return)

    when_modal(qtbot, fill)
    page.passphrase_button.setFocus()
    qtbot.keyClick(page.passphrase_button, Qt.Key.Key_Space)

    assert page.status.text().startswith("Phrase de passe changée")
    vaults.unlock(vault.paths, NEW).lock()


# --- backups, retention, about ---------------------------------------------------------------


@pytest.mark.parametrize(("lang", "where"), [("fr", "Confidentialité › Sauvegardes"),
                                             ("en", "Privacy › Backups")])
def test_backups_kept_is_set_in_one_place_which_settings_opens(
    qtbot: QtBot, qapp: Any, vault: Any, lang: str, where: str
) -> None:
    """It was set in two places, saved differently: now only beside the backups."""
    from conftest import interface_in
    from PySide6.QtWidgets import QSpinBox, QTabWidget

    from accomp.ui.main_window import MainWindow

    with interface_in(qapp, lang):
        window = MainWindow(vault)
        qtbot.addWidget(window)
        window.show()
        window.show_page(MainWindow.PAGE_SETTINGS)
        page = window.settings
        assert page.findChild(QSpinBox, "backupKeep") is None
        assert where in page.backup_text.text()
        assert page.backups_button.accessibleName().endswith(where)
        page.backups_button.click()
        assert window.pages.currentIndex() == MainWindow.PAGE_PRIVACY
        tabs = window.privacy.findChild(QTabWidget)
        assert tabs is not None
        assert tabs.tabText(tabs.currentIndex()).replace("&", "") == where.split(" › ")[1]
        assert window.privacy.findChild(QSpinBox, "backupKeep") is not None


def test_the_structure_name_is_typed_and_saved_from_the_keyboard(
    qtbot: QtBot, vault: Any
) -> None:
    page = open_page(qtbot, vault)
    field = page.structure.structure_name
    assert field.text() == ""
    assert field.accessibleName() == "Nom de la structure"
    assert page.structure.structure_label.buddy() is field
    assert page.structure.structure_label.text() == "&Nom de la structure :"
    assert field.maxLength() == structure.STRUCTURE_NAME_MAX

    # Alt+N, as the label says, reaches the field
    page.language.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClicks(field, "  Espace <Num> & Cie ")
    qtbot.keyClick(field, Qt.Key.Key_Return)

    assert structure.structure_name(vault) == "Espace <Num> & Cie"
    assert field.text() == "Espace <Num> & Cie"  # shown as saved, stripped
    assert page.status.text() == "Paramètre enregistré."
    events = [e for e in lifecycle.journal_events(vault)
              if e.action == "settings.structure_name"]
    assert len(events) == 1
    notice = consents.notice_document("fr", vault=vault)
    assert "Espace &lt;Num&gt; &amp; Cie" in notice.html
    qtbot.keyClick(field, Qt.Key.Key_Tab)  # leaving it unchanged writes nothing
    assert sum(e.action == "settings.structure_name"
               for e in lifecycle.journal_events(vault)) == 1

    # a new page shows the saved name; emptying it brings back the dotted line
    again = open_page(qtbot, vault)
    assert again.structure.structure_name.text() == "Espace <Num> & Cie"
    again.structure.structure_name.setFocus()
    again.structure.structure_name.selectAll()
    qtbot.keyClick(again.structure.structure_name, Qt.Key.Key_Delete)
    qtbot.keyClick(again.structure.structure_name, Qt.Key.Key_Return)
    assert structure.structure_name(vault) is None

    # the journal reads it in words
    shown = details_text({"structure_name": "CCAS"}).replace("\u00a0", " ")
    assert shown == "Nom de la structure : CCAS"
    assert details_text({"structure_name": ""}).endswith("aucun")
    assert action_label("settings.structure_name") == "Nom de la structure modifié"

    page.clear_sensitive()
    assert field.text() == ""


def test_a_refused_structure_name_is_said_and_undone(
    qtbot: QtBot, vault: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    structure.set_structure_name(vault, "CCAS de Lille")
    page = open_page(qtbot, vault)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    page.structure.structure_name.setFocus()
    page.structure.structure_name.setText("CCAS\tde Lille")  # as if pasted
    qtbot.keyClick(page.structure.structure_name, Qt.Key.Key_Return)

    assert len(shown) == 1
    assert "Nom de la structure" in shown[0]
    assert "invisibles" in shown[0]
    assert page.structure.structure_name.text() == "CCAS de Lille"
    assert structure.structure_name(vault) == "CCAS de Lille"


def test_the_page_shows_retention_the_vault_folder_and_the_version(
    qtbot: QtBot, vault: Any
) -> None:
    page = open_page(qtbot, vault)
    texts = [(n.text(), v.text()) for n, v in page.retention_labels]
    assert ("Dossier identifié :", "24 mois après le dernier contact") in texts
    assert page.folder.text() == str(vault.paths.data_dir)
    assert page.folder.isReadOnly()
    assert page.version.text().startswith("accomp ")

    page.clear_sensitive()
    assert all(v.text() == "" for _, v in page.retention_labels)
    page.reload()
    assert all(v.text() for _, v in page.retention_labels)


# --- keyboard and screen readers ----------------------------------------------------------------


def tab_stops(top: QWidget) -> list[QWidget]:
    reached: list[QWidget] = []
    w = top.nextInFocusChain()
    while w is not top and len(reached) < 300:
        if (top.isAncestorOf(w) and w.isVisible() and w.isEnabled()
                and w.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus):
            reached.append(w)
        w = w.nextInFocusChain()
    return reached


def test_every_control_of_the_page_is_named_and_in_order(qtbot: QtBot, vault: Any) -> None:
    page = open_page(qtbot, vault)
    reached = tab_stops(page)
    unnamed = [f"{type(w).__name__}:{w.objectName()}" for w in reached if not w.accessibleName()]
    assert unnamed == []

    page.language.setFocus()
    seen = [QApplication.focusWidget()]
    for _ in range(14):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    # a spin box's focus may rest on the line edit inside it
    owners = [w.parent() if isinstance(w.parent(), QAbstractSpinBox) else w for w in seen]
    assert owners == [page.language, page.idle, page.passphrase_button,
                      page.backups_button, page.structure.structure_name,
                      page.structure.worker_name, page.structure.structure_typology,
                      page.tags.list, page.tags.name,
                      page.tags.add_button,  # rename, delete: no tag chosen
                      page.fields.list, page.fields.name, page.fields.kind,
                      page.fields.add_button,  # choices: a text field; delete: none chosen
                      page.folder]


def test_every_control_of_the_dialog_is_named(qtbot: QtBot, vault: Any) -> None:
    d = change_dialog(qtbot, vault)
    reached = tab_stops(d)
    assert [w for w in reached if not w.accessibleName()] == []
    assert d.current in reached
    assert d.current.accessibleName() == "Phrase de passe actuelle"
    assert d.confirmation.accessibleName() == "Confirmation de la nouvelle phrase de passe"


def test_a_setting_that_cannot_be_saved_is_said_and_undone(
    qtbot: QtBot, vault: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = open_page(qtbot, vault)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))

    def full_disk(*args: object) -> None:
        raise KnownError("folder_unwritable", reason="OSError")

    monkeypatch.setattr(app_settings, "save_settings", full_disk)
    with qtbot.assertNotEmitted(page.language_changed):
        page.language.setCurrentIndex(1)

    assert len(shown) == 1
    assert "Impossible d'écrire" in shown[0]
    assert page.language.currentData() == "fr"


@pytest.mark.parametrize(("lang", "label"), [("fr", "V&otre nom :"), ("en", "Y&our name:")])
def test_the_workers_name_is_typed_in_settings_and_printed_on_receipts(
    qtbot: QtBot, qapp: Any, vault: Any, lang: str, label: str
) -> None:
    from conftest import interface_in

    with interface_in(qapp, lang):
        page = open_page(qtbot, vault)
        assert page.structure.worker_label.text() == label
        assert page.structure.worker_label.buddy() is page.structure.worker_name
        page.structure.worker_name.setFocus()
        qtbot.keyClicks(page.structure.worker_name, " Camille Durand ")
        qtbot.keyClick(page.structure.worker_name, Qt.Key.Key_Return)
        assert structure.worker_name(vault) == "Camille Durand"
        assert page.structure.worker_name.text() == "Camille Durand"
        assert [e.action for e in lifecycle.journal_events(vault)].count(
            "settings.worker_name") == 1
        page.clear_sensitive()
        assert page.structure.worker_name.text() == ""


def test_the_structure_type_is_chosen_from_the_coops_typology_by_keyboard(
    qtbot: QtBot, vault: Any
) -> None:
    page = open_page(qtbot, vault)
    combo = page.structure.structure_typology
    assert page.structure.typology_label.buddy() is combo
    assert combo.accessibleName().startswith("Type de structure")
    assert combo.currentText() == "Non renseigné"
    page.language.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(combo.hasFocus)
    index = combo.findText("Centres communaux d’action sociale (CCAS)")
    assert index > 0
    combo.setCurrentIndex(index)
    assert structure.structure_typology(vault) == "CCAS"
    assert page.status.text() == "Paramètre enregistré."
    again = open_page(qtbot, vault)
    assert again.structure.structure_typology.key() == "CCAS"


def test_the_start_screen_speaks_the_language_last_chosen_in_a_profile(tmp_path: Any) -> None:
    """The list of profiles has no settings of its own once a vault from before
    profiles moved into "Profil 1" with its settings.json: it follows the most
    recently saved settings of the computer's profiles."""
    root = AppPaths.at(tmp_path / "data")
    assert app_settings.chooser_settings(root) == AppSettings()
    root.data_dir.mkdir(mode=0o700)
    app_settings.save_settings(root, AppSettings(language="en"))
    root.key_file.write_bytes(b"key")  # a vault from before profiles, English
    first = root.profile(root.migrate_single_vault() or "")
    assert not root.settings.exists()
    assert app_settings.chooser_settings(root).language == "en"
    second = root.new_profile("Camille")
    app_settings.save_settings(second, AppSettings(language="fr", idle_minutes=7))
    os.utime(first.settings, ns=(1, 1))  # saved long before Camille's
    assert app_settings.chooser_settings(root) == AppSettings(language="fr", idle_minutes=7)
    app_settings.save_settings(first, AppSettings(language="en"))
    os.utime(second.settings, ns=(1, 1))
    assert app_settings.chooser_settings(root).language == "en"
