"""The journal's table model: what each column shows, what it sorts on, and that a
large journal is read a page at a time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QModelIndex, QSortFilterProxyModel, Qt
from sqlalchemy import insert

from accomp.domain.errors import KnownError
from accomp.domain.models import ActivityFilter, ActivityRow
from accomp.paths import AppPaths
from accomp.services import activities, beneficiaries, vaults
from accomp.store.tables import Activity
from accomp.ui import labels
from accomp.ui.models.activities import ActivityTableModel as M

TODAY = dt.date(2026, 11, 20)
USER = Qt.ItemDataRole.UserRole


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[vaults.Vault]:
    v, _ = vaults.create_vault(
        AppPaths.at(tmp_path / "v"), "x", kdf=vaults.KdfParams(1, 1024, 1),
        enforce_policy=False,
    )
    yield v
    v.lock()


def fill(vault: vaults.Vault, n: int) -> None:
    """n anonymous individual sessions, one a day going back from TODAY, inserted in
    one statement (the ORM's unit of work would take seconds)."""
    now = dt.datetime.now(dt.UTC)
    with vault.transaction() as s:
        s.execute(insert(Activity), [
            {
                "kind": "individuel", "date": TODAY - dt.timedelta(days=i % 900),
                "duration_min": 30, "place_type": "LieuActivite", "themes": ["Email"],
                "admin_themes": [], "equipment": [], "anonymous": {}, "participants": 1,
                "created_at": now, "updated_at": now,
            }
            for i in range(n)
        ])


class Spy:
    """The services bound to a vault, counting the rows they hand out."""

    def __init__(self, vault: vaults.Vault) -> None:
        self.vault = vault
        self.rows_read = 0
        self.pages = 0

    def fetch(
        self, filters: ActivityFilter | None, limit: int, after: tuple[dt.date, int] | None
    ) -> list[ActivityRow]:
        page = activities.list_activities(self.vault, filters, limit=limit, after=after)
        self.rows_read += len(page)
        self.pages += 1
        return page

    def count(self, filters: ActivityFilter | None) -> int:
        return activities.count_activities(self.vault, filters)


def model_on(vault: vaults.Vault, **kw: int) -> tuple[M, Spy]:
    spy = Spy(vault)
    return M(spy.fetch, spy.count, **kw), spy


def cell(model: M, row: int, col: int, role: int = Qt.ItemDataRole.DisplayRole) -> object:
    return model.data(model.index(row, col), role)


def test_a_thousand_sessions_are_read_one_page_at_a_time(vault: vaults.Vault) -> None:
    fill(vault, 1_000)
    model, spy = model_on(vault)
    model.reload()

    assert model.total() == 1_000
    assert model.rowCount() == M.PAGE_SIZE
    assert spy.rows_read == M.PAGE_SIZE
    assert model.canFetchMore(QModelIndex())

    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * M.PAGE_SIZE
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())

    assert model.rowCount() == 1_000
    assert spy.rows_read == 1_000  # no page read twice
    ids = [model.activity_id(r) for r in range(model.rowCount())]
    assert len(set(ids)) == 1_000
    dates = [cell(model, r, M.COL_DATE, USER).toPython() for r in range(model.rowCount())]
    assert dates == sorted(dates, reverse=True)


def test_a_new_model_reads_nothing_until_asked(vault: vaults.Vault) -> None:
    fill(vault, 300)
    model, spy = model_on(vault)
    assert model.rowCount() == 0
    assert spy.pages == 0
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == M.PAGE_SIZE < model.total()


def test_a_view_on_the_model_loads_only_what_it_shows(vault: vaults.Vault, qtbot) -> None:
    from PySide6.QtWidgets import QTableView

    fill(vault, 1_000)
    model, spy = model_on(vault, page_size=50)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(600, 400)
    view.show()
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    assert model.rowCount() < 1_000
    assert spy.rows_read == model.rowCount()


def test_filters_restart_from_the_first_page(vault: vaults.Vault) -> None:
    fill(vault, 450)
    model, _ = model_on(vault)
    model.reload()
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 400

    since = TODAY - dt.timedelta(days=9)
    model.set_filters(ActivityFilter(date_from=since))

    assert model.total() == 10
    assert model.rowCount() == 10
    assert not model.canFetchMore(QModelIndex())
    assert model.filters() == ActivityFilter(date_from=since)


def test_an_empty_journal_has_no_rows_and_nothing_to_fetch(vault: vaults.Vault) -> None:
    model, _ = model_on(vault)
    model.reload()
    assert model.rowCount() == 0
    assert model.total() == 0
    assert not model.canFetchMore(QModelIndex())


def test_headers_are_in_french() -> None:
    model = M(lambda f, n, a: [], lambda f: 0)
    shown = [
        model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())
    ]
    assert shown == [
        "Date", "Type", "Bénéficiaire", "Thèmes", "Durée", "Lieu", "Autonomie",
    ]
    assert model.headerData(0, Qt.Orientation.Vertical) is None


def test_each_column_shows_the_session_as_a_worker_reads_it(vault: vaults.Vault) -> None:
    person = beneficiaries.create_beneficiary(vault, {})
    activities.log_activity(vault, {
        "date": "2026-11-20", "duration_min": 90, "place_type": "LieuActivite",
        "themes": ["Email", "Sante"], "autonomy": "PartiellementAutonome",
        "beneficiary_id": person.id,
    }, today=TODAY)
    activities.log_activity(vault, {
        "date": "2026-11-19", "duration_min": 45, "place_type": "ADistance",
        "themes": ["NavigationSurInternet"],
    }, today=TODAY)
    activities.log_activity(vault, {
        "kind": "collectif", "date": "2026-11-18", "duration_min": 120,
        "place_type": "LieuActivite", "themes": ["SecuriteNumerique"],
        "workshop_title": "Arnaques en ligne", "level": "Debutant", "anonymous": {"total": 4},
    }, today=TODAY)
    model, _ = model_on(vault)
    model.reload()

    rows = [
        [cell(model, r, c) for c in range(model.columnCount())] for r in range(3)
    ]
    assert rows == [
        ["20/11/2026", "Individuel", person.code, "E-mail, Santé", "1 h 30",
         "Dans la structure", "Partiellement autonome"],
        ["19/11/2026", "Individuel", "Anonyme", "Navigation sur internet", "45 min",
         "À distance", "—"],
        ["18/11/2026", "Collectif", "4 participants", "Sécurité numérique", "2 h",
         "Dans la structure", "—"],
    ]
    assert "Santé" in str(cell(model, 0, M.COL_THEMES, Qt.ItemDataRole.ToolTipRole))


def test_sort_keys_are_the_real_values(vault: vaults.Vault) -> None:
    for day, minutes, autonomy in [
        ("2026-11-20", 150, "Autonome"),
        ("2026-02-03", 15, "EntierementAccompagne"),
        ("2025-12-31", 60, "PartiellementAutonome"),
    ]:
        activities.log_activity(vault, {
            "date": day, "duration_min": minutes, "place_type": "LieuActivite",
            "themes": ["Email"], "autonomy": autonomy,
        }, today=TODAY)
    model, _ = model_on(vault)
    model.reload()

    assert cell(model, 0, M.COL_DATE, USER) == QDate(2026, 11, 20)
    assert [cell(model, r, M.COL_DURATION, USER) for r in range(3)] == [150, 15, 60]
    assert [cell(model, r, M.COL_AUTONOMY, USER) for r in range(3)] == [2, 0, 1]
    assert cell(model, 0, M.COL_DATE, M.ActivityIdRole) == model.activity_id(0)

    # A proxy sorting on UserRole orders by the value, not by the text shown:
    # "2 h 30" > "1 h" > "15 min", and 31/12/2025 < 03/02/2026.
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(USER)
    proxy.sort(M.COL_DURATION, Qt.SortOrder.AscendingOrder)
    shown = [proxy.data(proxy.index(r, M.COL_DURATION)) for r in range(3)]
    assert shown == ["15 min", "1 h", "2 h 30"]
    proxy.sort(M.COL_DATE, Qt.SortOrder.AscendingOrder)
    shown = [proxy.data(proxy.index(r, M.COL_DATE)) for r in range(3)]
    assert shown == ["31/12/2025", "03/02/2026", "20/11/2026"]


def test_clear_forgets_the_rows_and_reads_nothing_more(vault: vaults.Vault) -> None:
    fill(vault, 250)
    model, spy = model_on(vault)
    model.reload()
    pages = spy.pages
    model.clear()
    assert model.rowCount() == 0
    assert model.total() == 0
    assert not model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert spy.pages == pages


def test_a_locked_vault_is_reported_not_raised(vault: vaults.Vault, qtbot) -> None:
    fill(vault, 10)
    model, _ = model_on(vault)
    vault.lock()
    with qtbot.waitSignal(model.fetch_failed) as failed:
        model.reload()
    assert isinstance(failed.args[0], KnownError)
    assert failed.args[0].code == "vault_locked"
    assert model.rowCount() == 0
    assert not model.canFetchMore(QModelIndex())


@pytest.mark.parametrize(
    ("minutes", "shown"),
    [(5, "5 min"), (45, "45 min"), (60, "1 h"), (90, "1 h 30"), (125, "2 h 05"), (720, "12 h")],
)
def test_durations_read_like_a_clock(minutes: int, shown: str) -> None:
    assert labels.duration(minutes) == shown


@pytest.mark.parametrize(
    ("n", "shown"), [(0, "0 activité"), (1, "1 activité"), (2, "2 activités")]
)
def test_french_plural_without_a_translation(n: int, shown: str) -> None:
    assert labels.resolve_plural(f"{n} activité(s)", n) == shown


def test_labels_follow_the_interface_language() -> None:
    try:
        labels.set_lang("en")
        assert labels.vocab_label("place_types", "ADistance") == "Remote"
        assert labels.date(dt.date(2026, 11, 20)) == "2026-11-20"
    finally:
        labels.set_lang("fr")
    assert labels.vocab_label("place_types", "ADistance") == "À distance"
    with pytest.raises(ValueError, match="unsupported"):
        labels.set_lang("de")  # type: ignore[arg-type]
