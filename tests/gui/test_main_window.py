"""The main window as a worker meets it: the journal of a real vault, the demo marker,
locking from the keyboard, nothing left on screen once locked, every control named for
screen readers; and the ops helper every screen calls services through."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import interface_in
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget
from sqlalchemy import insert

from accomp.domain.errors import KnownError
from accomp.paths import AppPaths
from accomp.services import activities, beneficiaries, vaults
from accomp.store.tables import Activity
from accomp.ui import ops
from accomp.ui.main_window import MainWindow, ShortcutsDialog
from accomp.ui.models.activities import ActivityTableModel as M

TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[vaults.Vault]:
    v, _ = vaults.create_vault(
        AppPaths.at(tmp_path / "v"), "x", kdf=vaults.KdfParams(1, 1024, 1),
        enforce_policy=False,
    )
    yield v
    v.lock()


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Message boxes shown, as (kind, text), instead of blocking the test."""
    shown: list[tuple[str, str]] = []

    def fake(kind: str) -> Any:
        def box(parent: QWidget | None, title: str, text: str, *a: Any, **k: Any) -> Any:
            shown.append((kind, text))
            return QMessageBox.StandardButton.Ok

        return box

    for kind in ("warning", "critical", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, fake(kind))
    return shown


def fill(vault: vaults.Vault, n: int) -> None:
    now = dt.datetime.combine(TODAY, dt.time(12), tzinfo=dt.UTC)
    with vault.transaction() as s:
        s.execute(insert(Activity), [
            {
                "kind": "Individuel", "date": TODAY - dt.timedelta(days=i % 900),
                "duration_min": 45, "place_type": "Domicile", "themes": ["Email", "Sante"],
                "admin_themes": [], "equipment": [], "anonymous": {}, "participants": 1,
                "autonomy": "Autonome", "created_at": now, "updated_at": now,
            }
            for i in range(n)
        ])


def log_one(vault: vaults.Vault, **extra: Any) -> dict[str, Any]:
    return {
        "date": "2026-11-20", "duration_min": 30, "place_type": "LieuActivite",
        "themes": ["Email"], **extra,
    }


def open_window(qtbot: Any, vault: vaults.Vault, **kw: Any) -> MainWindow:
    win = MainWindow(vault, **kw)
    qtbot.addWidget(win)
    win.resize(1100, 700)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return win


def table_text(win: MainWindow) -> list[list[str]]:
    model = win.journal.model
    return [
        [model.data(model.index(r, c)) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


# --- what the window shows -------------------------------------------------------------


def test_demo_vault_is_marked_in_title_and_status_bar(qtbot, vault) -> None:
    fill(vault, 3)
    win = open_window(qtbot, vault, demo=True, vault_label="Démo — Médiathèque")

    assert win.windowTitle() == "accomp — DÉMO"
    assert win.demo_marker is not None
    assert win.demo_marker.isVisible()
    assert win.demo_marker.text() == "DÉMO"
    assert "démonstration" in win.demo_marker.accessibleName()
    assert win.vault_label.text() == "Démo — Médiathèque"
    assert len(table_text(win)) == 3
    assert win.journal.count_label.text() == "3 activités"


def test_a_real_vault_has_no_demo_marker(qtbot, vault) -> None:
    win = open_window(qtbot, vault, vault_label="Espace France Services")
    assert win.windowTitle() == "accomp"
    assert win.demo_marker is None
    assert not [w for w in win.findChildren(QLabel) if w.text() == "DÉMO"]
    assert win.banner is None


def test_journal_shows_the_vaults_sessions_newest_first(qtbot, vault) -> None:
    person = beneficiaries.create_beneficiary(vault, {})
    activities.log_activity(vault, log_one(vault, date="2026-11-18"), today=TODAY)
    activities.log_activity(
        vault, log_one(vault, beneficiary_id=person.id, duration_min=90, themes=["Sante"]),
        today=TODAY,
    )
    win = open_window(qtbot, vault)

    rows = table_text(win)
    assert [r[M.COL_DATE] for r in rows] == ["20/11/2026", "18/11/2026"]
    assert rows[0][M.COL_BENEFICIARY] == person.code
    assert rows[0][M.COL_DURATION] == "1 h 30"
    assert rows[1][M.COL_BENEFICIARY] == "Anonyme"
    assert win.journal.count_label.text() == "2 activités"


def test_a_large_journal_opens_on_its_first_pages_only(qtbot, vault) -> None:
    fill(vault, 1_000)
    win = open_window(qtbot, vault)
    assert win.journal.model.total() == 1_000
    assert 0 < win.journal.model.rowCount() < 1_000
    assert win.journal.count_label.text() == "1000 activités"


def test_an_empty_journal_says_so(qtbot, vault) -> None:
    win = open_window(qtbot, vault)
    assert win.journal.count_label.text() == "Aucune activité enregistrée"


def test_a_damaged_vault_shows_a_read_only_banner(qtbot, vault) -> None:
    vault.read_only = True
    vault.damage = ["page 12: btree error"]
    win = open_window(qtbot, vault)
    assert win.banner is not None
    assert win.banner.isVisible()
    assert win.banner.text() == KnownError("vault_damaged").message("fr")
    assert "lecture seule" in win.banner.text()


def test_sections_are_reached_from_the_keyboard(qtbot, vault) -> None:
    win = open_window(qtbot, vault)
    assert [win.nav.item(i).text() for i in range(win.nav.count())] == [
        "Journal", "Bénéficiaires", "Tableau de bord", "Exports", "Paramètres",
        "Confidentialité", "Partenaires",
    ]
    qtbot.keyClick(win, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert win.pages.currentWidget() is win.beneficiaries
    qtbot.keyClick(win, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert win.pages.currentWidget() is win.dashboard
    qtbot.keyClick(win, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert win.pages.currentWidget() is win.exports
    qtbot.keyClick(win, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert win.pages.currentWidget() is win.settings
    qtbot.keyClick(win, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert win.pages.currentWidget() is win.privacy
    qtbot.keyClick(win, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert win.pages.currentWidget() is win.journal



def test_only_the_journal_is_built_with_the_window(qtbot, vault) -> None:
    win = open_window(qtbot, vault)
    assert win.is_built(win.PAGE_JOURNAL)
    others = [win.PAGE_BENEFICIARIES, win.PAGE_DASHBOARD, win.PAGE_EXPORTS,
              win.PAGE_SETTINGS, win.PAGE_PRIVACY]
    assert not any(win.is_built(i) for i in others)
    assert win.screens() == [win.journal]
    win.nav.setCurrentRow(win.PAGE_DASHBOARD)  # what a click in the navigation does
    assert win.is_built(win.PAGE_DASHBOARD)
    assert win.pages.currentWidget() is win.dashboard
    assert win.pages.count() == win.nav.count()
    assert win.renewals.parent() is not None  # built with its page
    assert win.screens() == [win.journal, win.dashboard]
    assert not win.is_built(win.PAGE_EXPORTS)


def test_a_page_built_late_keeps_the_current_page_and_reads_the_vault(qtbot, vault) -> None:
    fill(vault, 2)
    win = open_window(qtbot, vault)
    win.show_page(win.PAGE_DASHBOARD)
    settings = win.settings  # asked for, not shown: built where it belongs
    assert win.pages.widget(win.PAGE_SETTINGS) is settings
    assert win.pages.currentWidget() is win.dashboard
    assert win.pages.indexOf(win.journal) == win.PAGE_JOURNAL
    win.clear_sensitive()
    win.reload()
    assert len(table_text(win)) == 2


def test_settings_and_privacy_signals_reach_the_window(qtbot, vault) -> None:
    win = open_window(qtbot, vault)
    with qtbot.waitSignal(win.language_changed, timeout=1000) as lang:
        win.settings.language_changed.emit("en")
    assert lang.args == ["en"]
    with qtbot.waitSignal(win.idle_minutes_changed, timeout=1000) as minutes:
        win.settings.idle_minutes_changed.emit(7)
    assert minutes.args == [7]
    with qtbot.waitSignal(win.restore_requested, timeout=1000) as restore:
        win.privacy.restore_requested.emit(Path("sauvegarde.db"))
    assert restore.args == [Path("sauvegarde.db")]


def test_damage_found_after_the_window_shows_adds_the_banner(qtbot, vault) -> None:
    fill(vault, 2)
    win = open_window(qtbot, vault)
    assert win.banner is None
    assert win.journal.new_action.isEnabled()
    vault.read_only = True
    vault.damage = ["page 3: hmac check failed"]
    win.show_read_only_warning()
    assert win.banner is not None
    assert win.banner.isVisible()
    assert win.banner.text() == KnownError("vault_damaged").message("fr")
    assert not win.journal.new_action.isEnabled()
    win.show_read_only_warning()  # a second call does not add a second banner
    assert len([w for w in win.findChildren(QLabel) if w.objectName() == "readOnlyBanner"]) == 1


# --- locking ------------------------------------------------------------------------------


def test_ctrl_l_asks_to_lock(qtbot, vault) -> None:
    win = open_window(qtbot, vault)
    win.journal.table.setFocus()
    with qtbot.waitSignal(win.lock_requested, timeout=1000):
        qtbot.keyClick(win.journal.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)


def test_lock_button_asks_to_lock(qtbot, vault) -> None:
    win = open_window(qtbot, vault)
    assert win.lock_button.isVisible()
    with qtbot.waitSignal(win.lock_requested, timeout=1000):
        qtbot.mouseClick(win.lock_button, Qt.MouseButton.LeftButton)


def test_ctrl_q_closes_the_window(qtbot, vault) -> None:
    win = open_window(qtbot, vault)
    qtbot.keyClick(win, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not win.isVisible()


def test_locking_leaves_no_session_on_screen(qtbot, vault, boxes) -> None:
    fill(vault, 300)
    win = open_window(qtbot, vault)
    assert table_text(win)

    vault.lock()
    win.clear_sensitive()
    # Scrolling, repainting or a change announced elsewhere must not try to read the
    # locked vault (which would pop "Le coffre est verrouillé" over the lock screen).
    win.journal.table.scrollToBottom()
    ops.changes().changed.emit("activities")
    qtbot.wait(50)

    assert win.journal.model.rowCount() == 0
    assert win.journal.count_label.text() == ""
    assert not win.journal.model.canFetchMore(win.journal.table.rootIndex())
    assert boxes == []


def test_after_unlock_reload_shows_the_journal_again(qtbot, vault) -> None:
    fill(vault, 5)
    win = open_window(qtbot, vault)
    win.clear_sensitive()
    win.reload()
    assert len(table_text(win)) == 5


# --- keyboard and screen readers ---------------------------------------------------------


def test_every_control_reached_by_tab_has_an_accessible_name(qtbot, vault) -> None:
    fill(vault, 3)
    win = open_window(qtbot, vault, demo=True, vault_label="Démo")
    reached: list[QWidget] = []
    w = win.nextInFocusChain()
    while w is not win and len(reached) < 500:
        if (
            w.isVisible() and w.isEnabled()
            and w.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
        ):
            reached.append(w)
        w = w.nextInFocusChain()

    assert {win.nav, win.journal.table, win.lock_button} <= set(reached)
    unnamed = [f"{type(w).__name__}:{w.objectName()}" for w in reached if not w.accessibleName()]
    assert unnamed == []


def test_tab_goes_from_navigation_to_journal_to_lock(qtbot, vault) -> None:
    win = open_window(qtbot, vault)
    win.nav.setFocus()
    qtbot.waitUntil(win.nav.hasFocus)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is win.journal.table
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is win.lock_button


def test_journal_rows_are_walked_with_the_arrow_keys(qtbot, vault) -> None:
    fill(vault, 5)
    win = open_window(qtbot, vault)
    table = win.journal.table
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert win.journal.selected_activity_id() == win.journal.model.activity_id(2)


def test_shortcuts_dialog_lists_lock_and_quit(qtbot, vault, monkeypatch) -> None:
    win = open_window(qtbot, vault)
    assert ("Verrouiller", "Ctrl+L") in win.shortcuts()
    assert ("Quitter", "Ctrl+Q") in win.shortcuts()

    opened: list[ShortcutsDialog] = []
    monkeypatch.setattr(ShortcutsDialog, "exec", lambda self: opened.append(self) or 0)
    win.shortcuts_action.trigger()

    assert len(opened) == 1
    table = opened[0].table
    cells = [
        (table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())
    ]
    assert cells == win.shortcuts()
    opened[0].deleteLater()


# --- ops: running a service call ---------------------------------------------------------


def test_a_logged_session_appears_in_the_journal_at_once(qtbot, vault, boxes) -> None:
    win = open_window(qtbot, vault)
    with qtbot.waitSignal(ops.changes().changed) as changed:
        done = ops.run(win, activities.log_activity, vault, log_one(vault), today=TODAY,
                       topic="activities")

    assert done
    assert done.value is not None
    assert changed.args == ["activities"]
    assert win.journal.model.rowCount() == 1
    assert win.journal.count_label.text() == "1 activité"
    assert boxes == []


def test_a_refused_call_shows_its_message_and_changes_nothing(qtbot, vault, boxes) -> None:
    win = open_window(qtbot, vault)
    with qtbot.assertNotEmitted(ops.changes().changed):
        done = ops.run(win, activities.log_activity, vault,
                       log_one(vault, date="2031-01-01"), today=TODAY, topic="activities")
    assert not done
    assert done.value is None
    assert boxes == [("warning", "La date du champ « Date » est dans le futur.")]
    assert win.journal.model.rowCount() == 0


def test_a_bug_is_logged_for_developers_and_shown_without_detail(
    qtbot, boxes, caplog
) -> None:
    def broken(name: str) -> None:
        raise RuntimeError(f"cannot handle {name}")

    with caplog.at_level(logging.ERROR, logger="accomp.ui"):
        done = ops.run(None, broken, "Mme Dupont", topic="beneficiaries")

    assert not done
    [(kind, text)] = boxes
    assert kind == "critical"
    assert text.startswith("Erreur inattendue")
    assert "Dupont" not in text
    assert "RuntimeError" not in text
    [record] = caplog.records
    assert record.name == "accomp.ui"
    assert record.exc_info is not None
    assert record.exc_info[0] is RuntimeError


def test_a_read_emits_nothing(qtbot, vault, boxes) -> None:
    with qtbot.assertNotEmitted(ops.changes().changed):
        done = ops.run(None, activities.count_activities, vault)
    assert done.value == 0


def test_a_journal_that_cannot_be_read_says_why(qtbot, vault, boxes) -> None:
    fill(vault, 3)
    win = open_window(qtbot, vault)
    vault.lock()
    ops.changes().changed.emit("activities")
    qtbot.waitUntil(lambda: bool(boxes))
    assert boxes == [("warning", "Le coffre est verrouillé.")]
    assert win.journal.model.rowCount() == 0


def test_a_hidden_journal_that_cannot_be_read_only_logs_it(qtbot, vault, boxes, caplog) -> None:
    win = open_window(qtbot, vault)
    win.hide()
    vault.lock()
    with caplog.at_level(logging.INFO, logger="accomp.ui"):
        ops.changes().changed.emit("activities")
        qtbot.waitUntil(lambda: bool(caplog.records))
    assert boxes == []
    assert "vault_locked" in caplog.records[0].getMessage()


def test_other_topics_do_not_reload_the_journal(qtbot, vault) -> None:
    win = open_window(qtbot, vault)
    fill(vault, 2)
    ops.changes().changed.emit("beneficiaries")
    assert win.journal.model.rowCount() == 0
    ops.changes().changed.emit("activities")
    assert win.journal.model.rowCount() == 2


# --- the language of the interface -------------------------------------------------------


def test_the_window_follows_a_change_of_language_without_being_rebuilt(
        qtbot, qapp, vault) -> None:
    fill(vault, 3)
    win = open_window(qtbot, vault, demo=True, vault_label="Démo")
    journal = win.journal

    def nav() -> list[str]:
        return [win.nav.item(i).text() for i in range(win.nav.count())]

    def menus() -> list[str]:
        return [a.text() for a in win.menuBar().actions()]

    def headers() -> list[object]:
        model = journal.model
        return [model.headerData(c, Qt.Orientation.Horizontal)
                for c in range(model.columnCount())]

    french_nav = nav()
    with interface_in(qapp, "en"):
        # Qt posts the change of language to every window: it arrives with the events.
        qtbot.waitUntil(lambda: win.lock_button.text() == "Lock")
        assert win.journal is journal  # the same window, the same journal
        assert nav() == ["Log", "Beneficiaries", "Dashboard", "Exports", "Settings",
                         "Privacy", "Partners"]
        assert all(win.nav.fontMetrics().horizontalAdvance(t) < win.nav.width()
                   for t in nav())
        assert menus() == ["&File", "&Help"]
        assert win.lock_action.text() == "&Lock"
        assert win.section_actions[1].text() == "Go to “Beneficiaries”"
        assert win.section_actions[1].shortcut().toString() == "Ctrl+2"
        assert win.lock_button.accessibleName() == "Lock the vault"
        assert win.lock_button.toolTip().startswith("Lock the vault (")
        assert win.vault_label.accessibleName() == "Vault open"
        assert win.demo_marker is not None
        assert win.demo_marker.text() == "DEMO"
        assert win.windowTitle() == "accomp — DEMO"
        assert headers()[:3] == ["Date", "Type", "Beneficiary"]
        assert journal._filter_labels[journal.kind_filter].text() == "&Kind:"
        assert table_text(win)[0][M.COL_KIND] == "Individual"
        assert journal.count_label.text() == "3 activities"
        assert len(table_text(win)) == 3
    qtbot.waitUntil(lambda: win.lock_button.text() == "Verrouiller")
    assert nav() == french_nav
    assert nav()[0] == "Journal"
    assert menus() == ["&Fichier", "&Aide"]
    assert win.section_actions[1].text() == "Aller à « Bénéficiaires »"
    assert win.windowTitle() == "accomp — DÉMO"
    assert headers()[2] == "Bénéficiaire"
    assert journal._filter_labels[journal.kind_filter].text() == "T&ype :"
    assert table_text(win)[0][M.COL_KIND] == "Individuel"
    assert journal.count_label.text() == "3 activités"
