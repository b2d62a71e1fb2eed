"""The "Protection des données" page: retention review and purge register, the
journal viewer and its integrity check, backups, the register and the periods."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from conftest import CANARY_NEEDLES, an_activity, canary_beneficiary, interface_in
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QFileDialog,
    QMessageBox,
    QTableView,
    QWidget,
)

from accomp.domain.retention import RULES, DataClass
from accomp.services import activities, backups, beneficiaries, exports, lifecycle
from accomp.services.lifecycle import JournalEntry
from accomp.ui.audit_labels import ACTION_PREFIXES
from accomp.ui.models.audit import AuditJournalModel
from accomp.ui.views.privacy import PrivacyPage

FROZEN = dt.date(2029, 3, 15)  # more than 24 months after the last contact below


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def question(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: asked.append(str(a[2])))
    return asked


@pytest.fixture
def old_file(vault):
    person = canary_beneficiary(vault)
    activities.log_activity(vault, an_activity(beneficiary_id=person.id, date="2026-11-20"),
                            today=dt.date(2026, 11, 28))
    return person


def cell(table: QTableView, row: int, column: int,
         role: Qt.ItemDataRole = Qt.ItemDataRole.DisplayRole) -> str:
    """What a line of a list shows in a column (or its tooltip, with `role`)."""
    return table.model().index(row, column).data(role)


def rows(table: QTableView) -> int:
    return table.model().rowCount()


def make_page(qtbot, vault, today: dt.date = FROZEN) -> PrivacyPage:
    page = PrivacyPage(vault, today=lambda: today)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    settle(qtbot, page)
    return page


def settle(qtbot, page: PrivacyPage) -> None:
    """Wait for the lists the page reads in worker threads (retention, journal)."""
    qtbot.waitUntil(lambda: not page.is_busy())


def test_retention_review_lists_an_old_file_and_applying_it_anonymises_it(
        qtbot, vault, old_file, questions) -> None:
    page = make_page(qtbot, vault)
    tab = page.retention
    files = [i for i in tab.due_items() if i.data_class == DataClass.IDENTIFIED_FILE]
    assert [i.ref for i in files] == [old_file.code]
    row = tab.due_items().index(files[0])
    assert cell(tab.due_table, row, 0) == old_file.code
    assert cell(tab.due_table, row, 2) == "20/11/2026"  # last contact
    assert cell(tab.due_table, row, 3) == "20/11/2028"  # due on
    assert not tab.apply_button.isEnabled()  # nothing goes unless checked

    tab.due_table.setCurrentIndex(tab.due_table.model().index(row, 0))
    tab.due_table.setFocus()
    qtbot.keyClick(tab.due_table, Qt.Key.Key_Space)  # check it from the keyboard
    assert tab.selected_due() == [files[0]]
    qtbot.mouseClick(tab.apply_button, Qt.MouseButton.LeftButton)
    settle(qtbot, page)

    confirmation = questions[0]
    assert old_file.code in confirmation
    assert "Seront détruits" in confirmation
    assert "Seront conservés" in confirmation
    after = beneficiaries.get_beneficiary(vault, old_file.id)
    assert after.anonymised
    assert after.first_name is None
    assert after.phone is None
    assert old_file.code in tab.purge_codes()
    assert old_file.code not in [i.ref for i in tab.due_items()]
    assert "purgé" in tab.retention_message.text()


def test_declining_the_confirmation_purges_nothing(qtbot, vault, old_file,
                                                   monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.No)
    page = make_page(qtbot, vault)
    page.retention._check_all(True)
    assert not page.retention.apply_selected()
    assert not beneficiaries.get_beneficiary(vault, old_file.id).anonymised
    assert page.retention.purge_codes() == []


def test_journal_lists_events_and_filters_by_action(qtbot, vault, old_file) -> None:
    page = make_page(qtbot, vault, dt.date.today())
    journal = page.journal
    actions = journal.journal_actions()
    assert "vault.create" in actions
    assert "beneficiary.create" in actions
    assert any(a.startswith("activity") for a in actions)
    journal.set_action_filter("beneficiary")
    settle(qtbot, page)
    assert journal.journal_actions()
    assert all(a.startswith("beneficiary") for a in journal.journal_actions())
    journal.set_action_filter("")
    journal.code_filter.setText(old_file.code.lower())
    journal.reload()
    settle(qtbot, page)
    assert journal.journal_actions()
    assert "vault.create" not in journal.journal_actions()
    table = journal.journal_table
    texts = [cell(table, r, c) for r in range(rows(table))
             for c in range(table.model().columnCount())]
    assert not [t for t in texts if any(n in t for n in CANARY_NEEDLES)]


def filter_choices(page: PrivacyPage) -> list[tuple[str, str]]:
    combo = page.journal.action_filter
    return [(combo.itemData(i), combo.itemText(i)) for i in range(combo.count())]


def test_the_action_filter_offers_every_kind_of_event(qtbot, vault, tmp_path) -> None:
    exports.save_structure_secret(vault, tmp_path / "secret.txt")
    page = make_page(qtbot, vault, dt.date.today())
    choices = filter_choices(page)
    assert [key for key, _ in choices] == ["", *ACTION_PREFIXES]
    texts = [text for _, text in choices]
    assert len(set(texts)) == len(texts)
    assert {"document", "structure_secret", "demo"} <= set(ACTION_PREFIXES)
    assert dict(choices)["structure_secret"] == "Secret de structure"
    page.journal.set_action_filter("structure_secret")
    settle(qtbot, page)
    assert page.journal.journal_actions() == ["structure_secret.export",
                                              "structure_secret.create"]


def test_the_action_filter_is_in_english_when_the_interface_is(
        qtbot, qapp: QApplication, vault) -> None:
    with interface_in(qapp, "en"):
        choices = dict(filter_choices(make_page(qtbot, vault, dt.date.today())))
    assert choices["document"] == "Documents handed out"
    assert choices["structure_secret"] == "Structure secret"
    assert choices["demo"] == "Demonstration data"
    assert choices["beneficiary"] == "Files"


def shown_actions(page: PrivacyPage) -> list[tuple[str, str, str]]:
    """(code, text shown, tooltip) of each line of the journal."""
    table = page.journal.journal_table
    column = AuditJournalModel.COL_ACTION
    lines = [(cell(table, r, column), cell(table, r, column, Qt.ItemDataRole.ToolTipRole))
             for r in range(rows(table))]
    return [(code, text, tooltip)
            for code, (text, tooltip) in zip(page.journal.journal_actions(), lines, strict=True)]


def test_journal_says_what_happened_in_words_and_keeps_the_code_in_the_tooltip(
        qtbot, vault, old_file) -> None:
    lifecycle.set_backup_keep(vault, 5)
    page = make_page(qtbot, vault, dt.date.today())
    lines = shown_actions(page)
    codes = {code for code, _, _ in lines}
    assert {"vault.create", "beneficiary.create", "activity.create",
            "backup.settings"} <= codes
    texts = {code: text for code, text, _ in lines}
    assert texts["activity.create"] == "Séance enregistrée"
    assert texts["beneficiary.create"] == "Dossier créé"
    assert texts["vault.create"] == "Coffre créé"
    assert texts["backup.settings"] == "Nombre de sauvegardes conservées modifié"
    for code, text, tooltip in lines:
        assert text != code, f"{code} is shown as a raw code"
        assert tooltip == code
    assert page.journal.journal_actions() == [code for code, _, _ in lines]


def test_journal_actions_are_in_english_when_the_interface_is(
        qtbot, qapp: QApplication, vault, old_file) -> None:
    with interface_in(qapp, "en"):
        page = make_page(qtbot, vault, dt.date.today())
        texts = {code: text for code, text, _ in shown_actions(page)}
    assert texts["activity.create"] == "Session logged"
    assert texts["beneficiary.create"] == "File created"
    assert texts["vault.create"] == "Vault created"


def test_an_action_unknown_to_this_version_shows_its_code(qtbot, vault,
                                                         monkeypatch) -> None:
    from accomp.ui.views.privacy import journal

    event = JournalEntry(7, dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC), "worker",
                         "future.thing", "vault", None, {})
    monkeypatch.setattr(journal.lifecycle, "journal_events", lambda *a, **k: [event])
    page = make_page(qtbot, vault, dt.date.today())
    assert shown_actions(page) == [("future.thing", "future.thing", "future.thing")]


def test_journal_is_paged_lazily(qtbot, vault, monkeypatch) -> None:
    from accomp.ui.views.privacy import journal

    monkeypatch.setattr(journal, "PAGE_SIZE", 2)
    for i in range(4):
        lifecycle.set_backup_keep(vault, 3 + i)
    page = make_page(qtbot, vault, dt.date.today())
    tab = page.journal
    assert rows(tab.journal_table) == 2
    assert tab.more_button.isEnabled()
    ids = [e.id for e in tab.events()]
    tab.load_more()
    settle(qtbot, page)
    assert rows(tab.journal_table) == 4
    assert [e.id for e in tab.events()][:2] == ids
    for _ in range(2):
        tab.load_more()
        settle(qtbot, page)
    assert rows(tab.journal_table) == 5  # vault.create + 4 settings
    assert not tab.more_button.isEnabled()


def test_check_integrity_shows_a_sound_result(qtbot, vault, old_file) -> None:
    page = make_page(qtbot, vault, dt.date.today())
    page.tabs.setCurrentIndex(page.TAB_JOURNAL)
    qtbot.mouseClick(page.journal.check_button, Qt.MouseButton.LeftButton)
    assert page.journal.check_result.text().startswith("Intégrité vérifiée")
    assert not page.journal.check_result.isHidden()


def test_backup_now_adds_a_verified_backup(qtbot, vault) -> None:
    page = make_page(qtbot, vault, dt.date.today())
    tab = page.backups
    assert rows(tab.backup_table) == 0
    assert not tab.restore_button.isEnabled()
    qtbot.mouseClick(tab.backup_now_button, Qt.MouseButton.LeftButton)
    assert rows(tab.backup_table) == 1
    assert cell(tab.backup_table, 0, 2) == "Oui, à l'écriture"
    assert "vérifiée" in tab.backup_message.text()
    listed = tab.backup_list()[0].path
    assert backups.check_backup(vault.paths, "correct horse battery staple vault test",
                                listed).sound


def test_backup_to_a_folder_and_restore_request(qtbot, vault, tmp_path, monkeypatch,
                                                questions) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(usb))
    page = make_page(qtbot, vault, dt.date.today())
    tab = page.backups
    assert tab.backup_to_folder()
    written = list(usb.glob("accomp-*.db"))
    assert len(written) == 1
    assert written[0].with_suffix(".key").exists()
    assert rows(tab.backup_table) == 0  # the vault's own folder is unchanged

    tab.backup_now()
    with qtbot.waitSignal(page.restore_requested) as signal:
        qtbot.mouseClick(tab.restore_button, Qt.MouseButton.LeftButton)
    assert signal.args == [tab.backup_list()[0].path]
    assert "verrouiller" in questions[-1]


def test_register_is_written_and_periods_stay_within_legal_bounds(qtbot, vault, tmp_path,
                                                                   monkeypatch) -> None:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    page = make_page(qtbot, vault, dt.date.today())
    tab = page.register
    assert tab.write_register()
    assert list(tmp_path.glob("registre-*.md"))
    assert list(tmp_path.glob("registre-*.pdf"))
    for data_class, rule in RULES.items():
        spin = tab.period_spins[data_class]
        assert (spin.minimum(), spin.maximum(), spin.value()) == (
            rule.minimum, rule.maximum, rule.default)
    spin = tab.period_spins[DataClass.IDENTIFIED_FILE]
    spin.setValue(30)
    assert spin.value() == 24  # never above the legal maximum
    spin.setValue(18)
    assert tab.save_periods()
    assert lifecycle.retention_periods(vault)[DataClass.IDENTIFIED_FILE] == 18


def test_clear_sensitive_empties_every_list(qtbot, vault, old_file) -> None:
    page = make_page(qtbot, vault)
    page.backups.backup_now()
    page.journal.code_filter.setText("B-XXXX")
    page.clear_sensitive()
    for table in (page.retention.due_table, page.retention.purge_table,
                  page.journal.journal_table, page.backups.backup_table):
        assert rows(table) == 0
    assert page.journal.code_filter.text() == ""


def test_every_control_has_a_label_and_the_tab_order_is_logical(qtbot, vault) -> None:
    page = make_page(qtbot, vault, dt.date.today())
    for tab in range(page.tabs.count()):
        page.tabs.setCurrentIndex(tab)
        widgets = [w for w in page.tabs.currentWidget().findChildren(QWidget)
                   if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isVisibleTo(page)
                   and w.isEnabled()]
        assert widgets
        for w in widgets:
            if isinstance(w.parent(), QAbstractSpinBox):
                continue  # the inner line edit of a spin box
            assert w.accessibleName(), w
    page.tabs.setCurrentIndex(page.TAB_JOURNAL)
    journal = page.journal
    chain = [journal.date_from, journal.date_to, journal.action_filter, journal.code_filter,
             journal.filter_button, journal.journal_table, journal.more_button,
             journal.check_button]
    for a, b in itertools.pairwise(chain):
        assert _next_focus(a) is b, (a, b)
    page.tabs.setCurrentIndex(page.TAB_BACKUPS)
    backups_tab = page.backups
    chain = [backups_tab.backup_table, backups_tab.backup_now_button,
             backups_tab.backup_folder_button]
    for a, b in itertools.pairwise(chain):
        assert _next_focus(a) is b


def _next_focus(widget: QWidget) -> QWidget:
    """The next widget Tab reaches (a spin box's inner line edit is the spin box)."""
    w = widget.nextInFocusChain()
    while (not w.focusPolicy() & Qt.FocusPolicy.TabFocus or not w.isVisible()
           or isinstance(w.parent(), QAbstractSpinBox)):
        w = w.nextInFocusChain()
    return w


def test_lists_are_read_off_the_window_thread_stale_ones_dropped_and_a_lock_is_safe(
        qtbot, vault, old_file, monkeypatch) -> None:
    """Never frozen: the retention review and the journal are read in a worker thread
    while the page says so; a newer reload wins, and a lock while they are read shows
    nothing (and breaks nothing)."""
    import threading

    from accomp.ui.views.privacy import journal, retention

    page = make_page(qtbot, vault)
    real_due, real_events = retention.lifecycle.due_for_retention, journal.lifecycle.journal_events
    release = threading.Event()
    on_main: list[bool] = []
    days: list[dt.date] = []

    def slow_due(v, today):
        on_main.append(threading.current_thread() is threading.main_thread())
        days.append(today)
        release.wait(5)
        return real_due(v, today)

    def slow_events(v, **k):
        on_main.append(threading.current_thread() is threading.main_thread())
        release.wait(5)
        return real_events(v, **k)

    monkeypatch.setattr(retention.lifecycle, "due_for_retention", slow_due)
    monkeypatch.setattr(journal.lifecycle, "journal_events", slow_events)
    page.retention._today = lambda: dt.date(2026, 1, 1)  # nothing due yet then
    page.reload()
    assert page.is_busy()
    assert page.retention.due_count.text() == "Recherche de ce qui est à purger…"
    assert page.journal.journal_count.text() == "Lecture du journal…"
    page.retention._today = lambda: FROZEN
    page.reload()  # the newer review wins: the first one is dropped
    release.set()
    settle(qtbot, page)
    assert on_main
    assert not any(on_main)
    assert days[-1] == FROZEN
    assert [i.ref for i in page.retention.due_items()
            if i.data_class == DataClass.IDENTIFIED_FILE] == [old_file.code]
    assert page.journal.journal_actions()

    # locked while the lists are read: they stay empty, no message, no error
    release.clear()
    page.reload()
    page.clear_sensitive()
    vault.lock()
    release.set()
    qtbot.wait(200)
    assert not page.is_busy()
    for table in (page.retention.due_table, page.retention.purge_table,
                  page.journal.journal_table):
        assert rows(table) == 0
