"""The journal as a worker uses it: filters that narrow it, sorting asked of the
vault, Enter to edit, Ctrl+N to log, Ctrl+D to duplicate, Delete after a confirmation
with a few seconds to undo; and a 100,000-session journal that opens on one page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import interface_in
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from sqlalchemy import case, func, insert, literal, select

from accomp.domain.models import ActivityFilter
from accomp.services import activities, beneficiaries
from accomp.store.tables import Activity
from accomp.ui import ops
from accomp.ui.models.activities import ActivityTableModel as M
from accomp.ui.views import journal as journal_module
from accomp.ui.views.activity_form import ActivityDialog
from accomp.ui.views.journal import JournalView, period_bounds

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (raise|grabbing)")

TODAY = dt.date(2026, 11, 18)  # the journal's day, injected: never the real clock's
KEY = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
IDENTIFIED = {"legal_basis": "MissionInteretPublic", "informed_on": "2026-01-05"}


class Questions:
    def __init__(self) -> None:
        self.asked: list[str] = []
        self.answer = QMessageBox.StandardButton.Yes


@pytest.fixture(autouse=True)
def questions(monkeypatch: pytest.MonkeyPatch) -> Questions:
    """Confirmations asked instead of shown; any other box fails the test."""
    q = Questions()

    def question(parent: QWidget | None, title: str, text: str, *a: Any, **k: Any) -> Any:
        q.asked.append(text)
        return q.answer

    def unexpected(parent: QWidget | None, title: str, text: str, *a: Any, **k: Any) -> Any:
        raise AssertionError(f"unexpected message: {text}")

    monkeypatch.setattr(QMessageBox, "question", question)
    for kind in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind, unexpected)
    return q


@pytest.fixture(autouse=True)
def quick_settle(monkeypatch: pytest.MonkeyPatch) -> None:
    """Filters apply on the next turn of the event loop rather than after 250 ms."""
    monkeypatch.setattr(JournalView, "SETTLE_MS", 0)


def settle(qtbot: Any, view: JournalView) -> None:
    qtbot.waitUntil(lambda: not view.pending(), timeout=5000)


def open_journal(qtbot: Any, vault: Any) -> JournalView:
    view = JournalView(vault, today=lambda: TODAY)
    qtbot.addWidget(view)
    view.resize(1100, 650)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    return view


def log(vault: Any, days_ago: int = 0, **data: Any) -> Any:
    base: dict[str, Any] = {
        "date": TODAY - dt.timedelta(days=days_ago), "duration_min": 30,
        "place_type": "LieuActivite", "themes": ["Email"],
    }
    return activities.log_activity(vault, {**base, **data}, today=TODAY)


def shown_ids(view: JournalView) -> list[int]:
    return [view.model.activity_id(r) for r in range(view.model.rowCount())]


def focus_table(qtbot: Any, view: JournalView, row: int = 0) -> None:
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus)
    view.table.selectRow(row)


# --- delete, confirm, undo ---------------------------------------------------------------


def test_delete_asks_first_then_undo_logs_the_session_again(qtbot, vault, questions) -> None:
    log(vault, 2)
    gone = log(vault, 1, duration_min=90, themes=["Sante", "Email"], notes="rappel CAF",
               autonomy="Autonome")
    log(vault, 3)
    view = open_journal(qtbot, vault)
    focus_table(qtbot, view, 0)
    assert view.selected_activity_id() == gone.id

    questions.answer = QMessageBox.StandardButton.No
    qtbot.keyClick(view.table, KEY.Key_Delete)
    assert len(questions.asked) == 1
    assert "Supprimer cette activité ?" in questions.asked[0]
    assert activities.count_activities(vault) == 3  # "Non": nothing deleted

    questions.answer = QMessageBox.StandardButton.Yes
    qtbot.keyClick(view.table, KEY.Key_Delete)
    assert activities.count_activities(vault) == 2
    assert gone.id not in shown_ids(view)
    assert view.undo_bar.isVisible()
    assert view.undo_label.text() == f"Activité du {gone.date:%d/%m/%Y} supprimée."
    assert view.undo_button.text() == "Annuler"
    assert view.selected_activity_id() is not None  # the next one, ready for the keyboard

    qtbot.keyClick(view.table, KEY.Key_Z, CTRL)
    assert activities.count_activities(vault) == 3
    assert not view.undo_bar.isVisible()
    back = activities.get_activity(vault, view.selected_activity_id())
    same = ("date", "duration_min", "themes", "notes", "autonomy", "place_type")
    assert {k: getattr(back, k) for k in same} == {k: getattr(gone, k) for k in same}
    assert view.model.rowCount() == 3


def test_undo_is_offered_only_for_a_few_seconds(qtbot, vault, monkeypatch) -> None:
    monkeypatch.setattr(JournalView, "UNDO_SECONDS", 0.05)
    log(vault)
    view = open_journal(qtbot, vault)
    focus_table(qtbot, view)
    qtbot.keyClick(view.table, KEY.Key_Delete)
    assert view.undo_bar.isVisible()
    qtbot.waitUntil(lambda: not view.undo_bar.isVisible(), timeout=2000)
    qtbot.keyClick(view.table, KEY.Key_Z, CTRL)
    assert activities.count_activities(vault) == 0


def test_undo_button_is_reached_from_the_keyboard(qtbot, vault) -> None:
    log(vault)
    view = open_journal(qtbot, vault)
    focus_table(qtbot, view)
    qtbot.keyClick(view.table, KEY.Key_Delete)
    view.undo_button.setFocus()
    qtbot.keyClick(view.undo_button, KEY.Key_Space)
    assert activities.count_activities(vault) == 1


# --- filters and order -------------------------------------------------------------------


@pytest.fixture
def mixed(vault: Any) -> dict[str, Any]:
    awa = beneficiaries.create_beneficiary(vault, {"first_name": "Awa", "last_name": "Diallo",
                                                   **IDENTIFIED}, today=TODAY)
    return {
        "awa": awa,
        "home": log(vault, 0, place_type="Domicile", autonomy="Autonome", beneficiary_id=awa.id,
                    commune={"name": "Lyon", "postal_code": "69001", "insee": "69123"}),
        "remote": log(vault, 1, place_type="ADistance", themes=["Sante"],
                      autonomy="EntierementAccompagne", duration_min=90),
        "old": log(vault, 200, themes=["Bureautique"], duration_min=15),
        "workshop": log(vault, 2, kind="Collectif", workshop_title="Tablettes",
                        themes=["PrendreEnMainDuMateriel"], participant_ids=[awa.id],
                        anonymous={"total": 5}, duration_min=120),
    }


def test_each_filter_narrows_the_journal(qtbot, vault, mixed) -> None:
    view = open_journal(qtbot, vault)
    assert view.model.rowCount() == 4

    view.kind_filter.setFocus()
    qtbot.keyClicks(view.kind_filter, "coll")
    settle(qtbot, view)
    assert shown_ids(view) == [mixed["workshop"].id]
    assert view.count_label.text() == "1 activité"
    assert view.reset_filters_button.isEnabled()
    view.reset_filters()
    assert view.model.rowCount() == 4
    assert not view.reset_filters_button.isEnabled()

    qtbot.keyClicks(view.theme_filter, "sante")
    settle(qtbot, view)
    assert shown_ids(view) == [mixed["remote"].id]
    view.reset_filters()
    qtbot.keyClicks(view.place_filter, "domicile")
    settle(qtbot, view)
    assert shown_ids(view) == [mixed["home"].id]
    view.reset_filters()
    qtbot.keyClicks(view.autonomy_filter, "avec g")
    settle(qtbot, view)
    assert shown_ids(view) == [mixed["remote"].id]
    view.reset_filters()
    qtbot.keyClicks(view.period, "90")  # the last 90 days
    settle(qtbot, view)
    assert mixed["old"].id not in shown_ids(view)
    assert view.model.rowCount() == 3
    view.reset_filters()


def test_the_beneficiary_filter_shows_their_sessions_and_workshops(
    qtbot, vault, mixed
) -> None:
    view = open_journal(qtbot, vault)
    view.beneficiary_filter.edit.setFocus()
    qtbot.waitUntil(view.beneficiary_filter.edit.hasFocus)
    qtbot.keyClicks(view.beneficiary_filter.edit, "diallo")
    assert view.model.rowCount() == 4  # nothing changes until someone is picked
    popup = QApplication.activePopupWidget()
    assert popup is not None
    qtbot.keyClick(popup, KEY.Key_Return)
    settle(qtbot, view)
    assert sorted(shown_ids(view)) == sorted([mixed["home"].id, mixed["workshop"].id])
    assert view.model.filters() == ActivityFilter(beneficiary_id=mixed["awa"].id)

    # an emptied field shows everybody again
    qtbot.keyClick(view.beneficiary_filter.edit, KEY.Key_A, CTRL)
    qtbot.keyClick(view.beneficiary_filter.edit, KEY.Key_Backspace)
    settle(qtbot, view)
    assert view.model.rowCount() == 4


def test_a_custom_period(qtbot, vault, mixed) -> None:
    view = open_journal(qtbot, vault)
    qtbot.keyClicks(view.period, "periode")
    assert view.date_from.isVisible()
    view.date_from.setDate(TODAY - dt.timedelta(days=250))
    view.date_to.setDate(TODAY - dt.timedelta(days=100))
    settle(qtbot, view)
    assert shown_ids(view) == [mixed["old"].id]


def test_no_session_for_the_filters_is_said_so(qtbot, vault, mixed) -> None:
    view = open_journal(qtbot, vault)
    qtbot.keyClicks(view.theme_filter, "intelligence")
    settle(qtbot, view)
    assert view.model.rowCount() == 0
    assert view.count_label.text() == "Aucune activité pour ces filtres"


@pytest.mark.parametrize(
    ("choice", "today", "expected"),
    [
        ("this_month", dt.date(2026, 3, 15), (dt.date(2026, 3, 1), dt.date(2026, 3, 15))),
        ("last_month", dt.date(2026, 3, 15), (dt.date(2026, 2, 1), dt.date(2026, 2, 28))),
        ("last_month", dt.date(2026, 1, 5), (dt.date(2025, 12, 1), dt.date(2025, 12, 31))),
        ("this_year", dt.date(2026, 3, 15), (dt.date(2026, 1, 1), dt.date(2026, 3, 15))),
        ("all", dt.date(2026, 3, 15), (None, None)),
    ],
)
def test_periods(choice: str, today: dt.date, expected: tuple[Any, Any]) -> None:
    assert period_bounds(choice, today) == expected


def test_sorting_is_asked_of_the_vault_from_the_keyboard_or_the_header(
    qtbot, vault, mixed
) -> None:
    view = open_journal(qtbot, vault)
    view.sort_choice.setFocus()
    qtbot.keyClicks(view.sort_choice, "duree, c")  # "Durée, croissant"
    settle(qtbot, view)
    durations = [view.model.row_of(r).duration_min for r in range(view.model.rowCount())]
    assert durations == [15, 30, 90, 120]
    header = view.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        M.COL_DURATION, Qt.SortOrder.AscendingOrder)

    view.table.sortByColumn(M.COL_AUTONOMY, Qt.SortOrder.DescendingOrder)
    assert view.model.row_of(0).id == mixed["home"].id  # Autonome first
    assert view.sort_choice.currentText() == "Autonomie, décroissant"

    view.table.sortByColumn(M.COL_THEMES, Qt.SortOrder.AscendingOrder)  # sorts on nothing
    assert header.sortIndicatorSection() == M.COL_AUTONOMY
    assert view.model.row_of(0).id == mixed["home"].id


# --- new, edit, duplicate -----------------------------------------------------------------


def saving(themes: list[str], duration: int | None = None) -> Any:
    """A dialog's exec() that fills the form and saves, as a worker would."""

    def run(self: ActivityDialog) -> int:
        self.form.themes.set_keys(themes)
        if duration is not None:
            self.form.set_duration(duration)
        return 1 if self.save() else 0

    return run


def test_enter_edits_the_highlighted_session(qtbot, vault, monkeypatch) -> None:
    log(vault, 1)
    target = log(vault, 0, duration_min=45)
    view = open_journal(qtbot, vault)
    opened: list[Any] = []

    def run(self: ActivityDialog) -> int:
        opened.append(self.form.duration_min())
        return saving(["Sante"], 60)(self)

    monkeypatch.setattr(ActivityDialog, "exec", run)
    focus_table(qtbot, view, 0)
    qtbot.keyClick(view.table, KEY.Key_Return)

    assert opened == [45]  # the dialog showed the session as stored
    after = activities.get_activity(vault, target.id)
    assert (after.duration_min, after.themes) == (60, ["Sante"])
    assert activities.count_activities(vault) == 2
    assert view.selected_activity_id() == target.id


def test_ctrl_n_logs_a_new_session_and_selects_it(qtbot, vault, monkeypatch) -> None:
    log(vault, 3)
    view = open_journal(qtbot, vault)
    monkeypatch.setattr(ActivityDialog, "exec", saving(["Email"]))
    focus_table(qtbot, view)
    qtbot.keyClick(view.table, KEY.Key_N, CTRL)
    assert view.model.rowCount() == 2
    assert view.model.row_of(view.table.currentIndex().row()).date == TODAY
    assert view.selected_activity_id() == view.model.activity_id(0)


def test_ctrl_shift_n_opens_a_workshop(qtbot, vault, monkeypatch) -> None:
    view = open_journal(qtbot, vault)
    kinds: list[str] = []
    monkeypatch.setattr(ActivityDialog, "exec",
                        lambda self: kinds.append(self.form.kind_key()) or 0)
    focus_table(qtbot, view)
    qtbot.keyClick(view.table, KEY.Key_N, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert kinds == ["Collectif"]


def test_ctrl_d_duplicates_the_highlighted_session(qtbot, vault, monkeypatch) -> None:
    original = log(vault, 5, themes=["Bureautique", "Email"], duration_min=90)
    view = open_journal(qtbot, vault)
    monkeypatch.setattr(ActivityDialog, "exec", lambda self: 1 if self.save() else 0)
    focus_table(qtbot, view)
    qtbot.keyClick(view.table, KEY.Key_D, CTRL)
    rows = activities.list_activities(vault)
    assert len(rows) == 2
    copy = rows[0]
    assert copy.id != original.id
    assert (copy.date, copy.themes, copy.duration_min) == (
        TODAY, ["Email", "Bureautique"], 90)


def test_actions_on_a_session_wait_for_one_to_be_highlighted(qtbot, vault) -> None:
    log(vault)
    view = open_journal(qtbot, vault)
    view.table.clearSelection()
    assert not view.edit_button.isEnabled()
    assert not view.delete_button.isEnabled()
    assert view.new_button.isEnabled()
    view.table.selectRow(0)
    assert view.edit_button.isEnabled()
    assert view.duplicate_button.isEnabled()


# --- locking ---------------------------------------------------------------------------


def test_clearing_for_the_lock_forgets_people_and_the_undo(qtbot, vault, mixed) -> None:
    view = open_journal(qtbot, vault)
    view.beneficiary_filter.set_beneficiary(mixed["awa"])
    focus_table(qtbot, view)
    qtbot.keyClick(view.table, KEY.Key_Delete)
    assert view.undo_bar.isVisible()

    vault.lock()
    view.clear_sensitive()
    ops.changes().changed.emit("activities")
    view.table.scrollToBottom()

    assert view.model.rowCount() == 0
    assert view.beneficiary_filter.text() == ""
    assert not view.undo_bar.isVisible()
    assert view.undo_label.text() == ""
    assert view.undo_delete() is None
    assert view.model.filters() == ActivityFilter()


# --- keyboard and screen readers ---------------------------------------------------------


def test_every_control_reached_by_tab_has_an_accessible_name(qtbot, vault, mixed) -> None:
    view = open_journal(qtbot, vault)
    view.new_button.setFocus()
    reached: list[QWidget] = [view.new_button]
    for _ in range(60):
        qtbot.keyClick(QApplication.focusWidget(), KEY.Key_Tab)
        widget = QApplication.focusWidget()
        if widget is view.new_button:
            break
        reached.append(widget)
    unnamed = [f"{type(w).__name__}" for w in reached if not w.accessibleName()]
    assert unnamed == []
    assert {view.table, view.period, view.kind_filter, view.theme_filter, view.place_filter,
            view.autonomy_filter, view.beneficiary_filter.edit, view.sort_choice} <= set(reached)


# --- a big journal -----------------------------------------------------------------------


def fill(vault: Any, n: int) -> None:
    """n anonymous sessions, one core INSERT … SELECT over a counter, in one
    transaction: SQLite makes the rows itself (binding 100,000 rows one by one from
    Python takes longer than the whole test). Themes cycle over three lists, durations
    over 15…120 min, dates over four years back from TODAY."""
    counter = select(literal(0).label("i")).cte("counter", recursive=True)
    counter = counter.union_all(select(counter.c.i + 1).where(counter.c.i < n - 1))
    i = counter.c.i
    stamp = dt.datetime.combine(TODAY, dt.time(12)).strftime("%Y-%m-%d %H:%M:%S.%f")
    rows = select(
        literal("Individuel"), func.date(TODAY.isoformat(), func.printf("-%d days", i % 1500)),
        15 + (i % 8) * 15, literal("LieuActivite"),
        case((i % 3 == 0, '["Email"]'), (i % 3 == 1, '["Sante", "Email"]'),
             else_='["Bureautique"]'),
        literal("[]"), literal("[]"), literal("{}"), literal(1), literal("Autonome"),
        literal(stamp), literal(stamp),
    )
    columns = ["kind", "date", "duration_min", "place_type", "themes", "admin_themes",
               "equipment", "anonymous", "participants", "autonomy", "created_at",
               "updated_at"]
    with vault.transaction() as s:
        s.execute(insert(Activity).from_select(columns, rows))


def test_a_100000_session_journal_opens_on_its_first_page(qtbot, vault) -> None:
    fill(vault, 100_000)
    view = open_journal(qtbot, vault)

    assert view.model.total() == 100_000
    assert view.count_label.text() == "100000 activités"
    assert view.model.rowCount() == M.PAGE_SIZE  # one page read, not the journal
    view.table.scrollToBottom()  # scrolling reads the next page only
    view.model.fetchMore(QModelIndex())
    assert view.model.rowCount() <= 3 * M.PAGE_SIZE
    # a new order or a filter reads a first page again, never everything
    view.table.sortByColumn(M.COL_DURATION, Qt.SortOrder.AscendingOrder)
    assert view.model.rowCount() == M.PAGE_SIZE
    assert view.model.row_of(0).duration_min == 15
    qtbot.keyClicks(view.theme_filter, "sante")
    settle(qtbot, view)
    assert view.model.total() == 33_333
    assert view.model.rowCount() <= 2 * M.PAGE_SIZE


def test_the_journal_module_needs_no_vault_to_compute_periods() -> None:
    assert journal_module.period_bounds("last_90_days", dt.date(2026, 3, 31)) == (
        dt.date(2026, 1, 1), dt.date(2026, 3, 31))


# --- the language of the interface -------------------------------------------------------


def test_the_journal_follows_a_change_of_language_at_once(qtbot, qapp, vault) -> None:
    for days_ago in range(3):
        log(vault, days_ago)
    view = open_journal(qtbot, vault)
    focus_table(qtbot, view, 1)
    selected = view.selected_activity_id()
    model, header = view.model, view.table.horizontalHeader()

    def head(col: int) -> object:
        return model.headerData(col, Qt.Orientation.Horizontal)

    def label(widget: QWidget) -> str:
        return view._filter_labels[widget].text()

    assert model.data(model.index(0, M.COL_KIND)) == "Individuel"
    with interface_in(qapp, "en"):
        # Qt posts the change of language to every window: it arrives with the events.
        qtbot.waitUntil(lambda: label(view.kind_filter) == "&Kind:")
        assert head(M.COL_BENEFICIARY) == "Beneficiary"
        assert model.data(model.index(0, M.COL_KIND)) == "Individual"
        assert model.data(model.index(0, M.COL_DATE)) == TODAY.isoformat()
        assert view.kind_filter.accessibleName() == "Kind"
        assert view.kind_filter.itemText(1) == "Individual"
        assert view.count_label.text() == "3 activities"
        assert view.new_action.text() == view.new_button.text() == "&New session"
        assert view.new_button.accessibleName() == "New session"
        assert view.new_action.shortcut().toString() == "Ctrl+N"
        tips = " ".join(b.toolTip() for b in view.action_buttons)
        assert "Ctrl+Shift+N" in tips
        assert "Maj" not in tips
        # Nothing was read again: the rows and the selection stay.
        assert model.rowCount() == 3
        assert view.selected_activity_id() == selected
        assert header.sectionSize(M.COL_KIND) > 0
    qtbot.waitUntil(lambda: label(view.kind_filter) == "T&ype :")
    assert head(M.COL_BENEFICIARY) == "Bénéficiaire"
    assert model.data(model.index(0, M.COL_KIND)) == "Individuel"
    assert view.kind_filter.accessibleName() == "Type"
    assert view.count_label.text() == "3 activités"
    assert view.new_button.text() == "&Nouvelle activité"
    assert view.new_button.accessibleName() == "Nouvelle activité"
    assert "Ctrl+Maj+N" in " ".join(b.toolTip() for b in view.action_buttons)
    assert view.selected_activity_id() == selected
