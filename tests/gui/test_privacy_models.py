"""The tables of the "Protection des données" page as models: what each line shows,
the check boxes of the retention review, and sorting on each column's real value
(a date, a size, an instant), never on the text shown."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QTableView, QWidget

from accomp.domain.retention import DataClass
from accomp.services import lifecycle
from accomp.services.backups import BackupInfo
from accomp.services.lifecycle import DueItem, JournalEntry, PurgeEntry
from accomp.ui.models.audit import AuditJournalModel
from accomp.ui.models.backups import BackupModel
from accomp.ui.models.retention import DueModel, PurgeModel
from accomp.ui.views.privacy.tables import current_source_row, table_view

UTC = dt.UTC


def due(ref: str, due_on: dt.date, rows: int = 1,
        data_class: DataClass = DataClass.IDENTIFIED_FILE) -> DueItem:
    return DueItem(data_class=data_class, ref=ref, reference_date=due_on - dt.timedelta(days=730),
                   due_on=due_on, rows=rows)


def column(model: QAbstractItemModel, col: int) -> list[str]:
    return [model.index(r, col).data() for r in range(model.rowCount())]


@pytest.fixture
def parent(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def sorted_view(parent: QWidget, model: QAbstractItemModel, stretch: int = 1) -> QTableView:
    return table_view(parent, model, "liste", "list", stretch, sortable=True)


def test_due_lines_show_the_code_the_class_and_the_dates(parent) -> None:
    model = DueModel(parent)
    model.set_items([due("B-7F3K", dt.date(2028, 11, 20), 3),
                     due(lifecycle.NO_FILE, dt.date(2028, 1, 5), 12, DataClass.NOTES)])
    assert column(model, DueModel.COL_FILE) == ["B-7F3K", "Séances sans dossier"]
    assert column(model, DueModel.COL_CLASS) == ["Dossier identifié", "Notes"]
    assert column(model, DueModel.COL_DUE) == ["20/11/2028", "05/01/2028"]
    assert column(model, DueModel.COL_ROWS) == ["3", "12"]


def test_only_the_first_column_of_a_due_line_can_be_checked_and_nothing_is_checked_at_first(
        parent) -> None:
    model = DueModel(parent)
    items = [due("B-AAAA", dt.date(2028, 1, 1)), due("B-BBBB", dt.date(2028, 2, 1))]
    model.set_items(items)
    first = model.index(0, DueModel.COL_FILE)
    assert model.flags(first) & Qt.ItemFlag.ItemIsUserCheckable
    assert not model.flags(model.index(0, DueModel.COL_DUE)) & Qt.ItemFlag.ItemIsUserCheckable
    assert first.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert model.checked_items() == []
    assert not model.setData(model.index(0, DueModel.COL_DUE), Qt.CheckState.Checked,
                             Qt.ItemDataRole.CheckStateRole)


@pytest.mark.parametrize("value", [Qt.CheckState.Checked, Qt.CheckState.Checked.value])
def test_checking_a_due_line_as_the_view_does_selects_it(parent, qtbot, value) -> None:
    model = DueModel(parent)
    items = [due("B-AAAA", dt.date(2028, 1, 1)), due("B-BBBB", dt.date(2028, 2, 1))]
    model.set_items(items)
    with qtbot.waitSignal(model.dataChanged):
        assert model.setData(model.index(1, 0), value, Qt.ItemDataRole.CheckStateRole)
    assert model.checked_items() == [items[1]]
    assert model.index(1, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    model.setData(model.index(1, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.checked_items() == []


def test_reloading_the_due_list_unchecks_everything(parent) -> None:
    model = DueModel(parent)
    items = [due("B-AAAA", dt.date(2028, 1, 1))]
    model.set_items(items)
    model.set_checked(0)
    model.set_items(items)
    assert model.checked_items() == []
    model.clear()
    assert model.rowCount() == 0


def test_the_due_list_sorts_on_the_real_date_not_its_text(parent) -> None:
    model = DueModel(parent)
    # As text, "05/01/2029" comes before "20/11/2028".
    model.set_items([due("B-AAAA", dt.date(2029, 1, 5)), due("B-BBBB", dt.date(2028, 11, 20))])
    view = sorted_view(parent, model)
    assert column(view.model(), DueModel.COL_FILE) == ["B-AAAA", "B-BBBB"]  # service's order
    view.sortByColumn(DueModel.COL_DUE, Qt.SortOrder.AscendingOrder)
    assert column(view.model(), DueModel.COL_FILE) == ["B-BBBB", "B-AAAA"]


def test_the_purge_register_sorts_on_the_instant_and_lists_the_codes(parent) -> None:
    model = PurgeModel(parent)
    model.set_entries([
        PurgeEntry(dt.datetime(2026, 12, 5, 9, tzinfo=UTC), "identified_file", "B-AAAA",
                   "retention", 1, None, "worker"),
        PurgeEntry(dt.datetime(2026, 11, 20, 9, tzinfo=UTC), "notes", lifecycle.NO_FILE,
                   "erasure", 4, None, "worker"),
    ])
    assert model.codes() == ["B-AAAA", "Séances sans dossier"]
    assert column(model, PurgeModel.COL_REASON) == ["Durée de conservation",
                                                    "Effacement demandé"]
    view = sorted_view(parent, model)
    view.sortByColumn(PurgeModel.COL_DATE, Qt.SortOrder.DescendingOrder)
    assert column(view.model(), PurgeModel.COL_FILE)[0] == "B-AAAA"
    view.sortByColumn(PurgeModel.COL_DATE, Qt.SortOrder.AscendingOrder)
    assert column(view.model(), PurgeModel.COL_FILE)[0] == "Séances sans dossier"


def backup(name: str, taken_at: dt.datetime, size: int) -> BackupInfo:
    return BackupInfo(Path("/backups") / name, taken_at, size)


def test_backups_sort_on_their_size_in_bytes_and_restore_the_line_chosen(parent) -> None:
    model = BackupModel(parent)
    small = backup("accomp-20261120-0900.db", dt.datetime(2026, 11, 20, 9), 9 * 1024)
    big = backup("accomp-20261121-0900.db", dt.datetime(2026, 11, 21, 9), 10 * 1024)
    model.set_backups([big, small])
    assert column(model, BackupModel.COL_SIZE) == ["10 ko", "9 ko"]
    assert column(model, BackupModel.COL_VERIFIED) == ["Oui, à l'écriture"] * 2
    view = sorted_view(parent, model, BackupModel.COL_VERIFIED)
    view.sortByColumn(BackupModel.COL_SIZE, Qt.SortOrder.AscendingOrder)
    assert column(view.model(), BackupModel.COL_SIZE) == ["9 ko", "10 ko"]  # not as text
    view.setCurrentIndex(view.model().index(0, 0))
    assert model.backup(current_source_row(view)) == small


def test_the_audit_journal_shows_words_and_keeps_code_and_json_in_tooltips(parent, qtbot) -> None:
    model = AuditJournalModel(parent)
    first = JournalEntry(9, dt.datetime(2026, 11, 20, 9, 30, tzinfo=UTC), "worker",
                         "backup.settings", "settings", None, {"keep": 7})
    older = JournalEntry(3, dt.datetime(2026, 11, 19, 9, 30, tzinfo=UTC), "worker",
                         "vault.create", "vault", None, {})
    with qtbot.waitSignal(model.rowsInserted):
        model.append_events([first])
    model.append_events([older])
    model.append_events([])
    assert model.last_id() == 3
    assert [e.id for e in model.events()] == [9, 3]
    action = model.index(0, AuditJournalModel.COL_ACTION)
    assert action.data() == "Nombre de sauvegardes conservées modifié"
    assert action.data(Qt.ItemDataRole.ToolTipRole) == "backup.settings"
    details = model.index(0, AuditJournalModel.COL_DETAILS)
    assert details.data().replace("\u00a0", " ") == "Sauvegardes conservées : 7"
    assert details.data(Qt.ItemDataRole.ToolTipRole) == '{"keep": 7}'
    assert model.index(1, AuditJournalModel.COL_DETAILS).data(
        Qt.ItemDataRole.ToolTipRole) is None
    assert model.index(1, AuditJournalModel.COL_FILE).data() == "—"
    model.clear()
    assert model.rowCount() == 0
    assert model.last_id() is None


def test_every_list_has_its_headers(parent) -> None:
    for model, count in ((DueModel(parent), 5), (PurgeModel(parent), 5),
                         (AuditJournalModel(parent), 5), (BackupModel(parent), 3)):
        headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(count)]
        assert all(headers), model
        assert model.headerData(count, Qt.Orientation.Horizontal) is None
        assert model.headerData(0, Qt.Orientation.Vertical) is None
