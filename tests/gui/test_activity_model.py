"""The journal's table model: what each column shows, what it sorts on, that a large
journal is read a page at a time, and that what it loaded stays small: compact rows the
garbage collector need not walk, texts computed for the rows shown only."""

from __future__ import annotations

import datetime as dt
import gc
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import interface_in
from PySide6.QtCore import QDate, QModelIndex, QSortFilterProxyModel, Qt
from sqlalchemy import insert

from accomp.domain.errors import KnownError
from accomp.domain.models import ActivityFilter, ActivityRowValues
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
    now = dt.datetime.combine(TODAY, dt.time(12), tzinfo=dt.UTC)
    with vault.transaction() as s:
        s.execute(insert(Activity), [
            {
                "kind": "Individuel", "date": TODAY - dt.timedelta(days=i % 900),
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
        self, filters: ActivityFilter | None, limit: int, after: tuple[dt.date, int] | None,
        **order: Any,
    ) -> list[ActivityRowValues]:
        page = activities.list_activity_values(self.vault, filters, limit=limit, after=after,
                                               **order)
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
        "kind": "Collectif", "date": "2026-11-18", "duration_min": 120,
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
         "Lieu d’activité", "Autonome avec guidage en cas de besoin"],
        ["19/11/2026", "Individuel", "Anonyme", "Navigation sur internet", "45 min",
         "À distance", "—"],
        ["18/11/2026", "Collectif", "« Arnaques en ligne » · 4 participants",
         "Prévention en sécurité numérique", "2 h", "Lieu d’activité", "—"],
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


def test_a_change_of_language_shows_headers_and_loaded_rows_in_it(
    vault: vaults.Vault, qapp: Any, qtbot: Any
) -> None:
    fill(vault, 3)
    model, spy = model_on(vault)
    model.reload()
    assert cell(model, 0, M.COL_KIND) == "Individuel"  # its line is now cached
    headers_changed: list[tuple[Any, int, int]] = []
    rows_changed: list[tuple[int, int, int, int]] = []
    model.headerDataChanged.connect(lambda o, a, b: headers_changed.append((o, a, b)))
    model.dataChanged.connect(lambda a, b, _roles: rows_changed.append(
        (a.row(), a.column(), b.row(), b.column())))

    def headers() -> list[object]:
        return [model.headerData(c, Qt.Orientation.Horizontal)
                for c in range(model.columnCount())]

    with interface_in(qapp, "en"):
        model.retranslate()
        assert headers_changed == [(Qt.Orientation.Horizontal, 0, M.COLUMN_COUNT - 1)]
        assert rows_changed == [(0, 0, 2, M.COLUMN_COUNT - 1)]
        assert headers()[:3] == ["Date", "Type", "Beneficiary"]
        assert cell(model, 0, M.COL_KIND) == "Individual"
        assert cell(model, 0, M.COL_DATE) == TODAY.isoformat()
        assert cell(model, 0, M.COL_PLACE) == labels.vocab_label("place_types", "LieuActivite")
        assert model.rowCount() == 3
        assert spy.pages == 1  # nothing read again
        model.retranslate()
    model.retranslate()
    assert headers()[2] == "Bénéficiaire"
    assert cell(model, 0, M.COL_KIND) == "Individuel"
    assert cell(model, 0, M.COL_DATE) == TODAY.strftime("%d/%m/%Y")


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


# --- a scrolled journal: compact rows, texts computed when shown -------------------------


def fill_varied(vault: vaults.Vault, n: int) -> None:
    """n sessions, one statement: individual and collective, anonymous or with one of
    three files, themes, durations, places and autonomy varying with the row."""
    codes = [beneficiaries.create_beneficiary(vault, {}).id for _ in range(3)]
    themes = [["Email"], ["Sante", "Email"], ["Bureautique"], ["NavigationSurInternet"]]
    places = ["LieuActivite", "ADistance", "Domicile"]
    autonomy = [None, "Autonome", "PartiellementAutonome", "EntierementAccompagne"]
    now = dt.datetime.combine(TODAY, dt.time(12), tzinfo=dt.UTC)
    with vault.transaction() as s:
        s.execute(insert(Activity), [
            {
                "kind": "Collectif" if i % 7 == 0 else "Individuel",
                "date": TODAY - dt.timedelta(days=i % 400),
                "duration_min": 15 + (i % 9) * 15, "place_type": places[i % 3],
                "themes": themes[i % 4], "admin_themes": [], "equipment": [],
                "anonymous": {}, "participants": 2 + i % 5 if i % 7 == 0 else 1,
                "autonomy": None if i % 7 == 0 else autonomy[i % 4],
                "beneficiary_id": None if i % 7 == 0 or i % 2 else codes[i % 3],
                "created_at": now, "updated_at": now,
            }
            for i in range(n)
        ])


def load_all(model: M) -> None:
    model.reload()
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())


def shown(model: M, row: int) -> list[object]:
    return [cell(model, row, c) for c in range(model.columnCount())]


def expected(model: M, row: int) -> list[object]:
    """What a row must show, worked out from the session it holds."""
    r = model.row_of(row)
    if r.kind == "Collectif":
        who = f"{r.participants} participants"
    else:
        who = r.beneficiary_code or "Anonyme"
    return [
        labels.date(r.date),
        "Collectif" if r.kind == "Collectif" else "Individuel",
        who,
        ", ".join(labels.vocab_labels("themes", r.themes)),
        labels.duration(r.duration_min),
        labels.vocab_label("place_types", r.place_type),
        labels.vocab_label("autonomy", r.autonomy) if r.autonomy else "—",
    ]


def test_every_loaded_row_reads_back_as_the_service_lists_it(vault: vaults.Vault) -> None:
    fill_varied(vault, 230)
    model, _ = model_on(vault, page_size=40)
    load_all(model)

    assert model.rowCount() == 230
    assert [model.row_of(r) for r in range(230)] == activities.list_activities(
        vault, limit=1_000)
    # a copy each time: changing what row_of gave changes nothing in the journal
    model.row_of(0).themes.append("Sante")
    assert model.row_of(0) == activities.list_activities(vault, limit=1)[0]
    assert [model.activity_id(r) for r in range(230)] == [
        model.row_of(r).id for r in range(230)]
    assert model.row_with_id(model.activity_id(117)) == 117


def test_each_row_shows_its_own_session_after_more_pages_a_sort_and_a_filter(
    vault: vaults.Vault,
) -> None:
    fill_varied(vault, 300)
    model, _ = model_on(vault, page_size=50, sortable=True)
    model.reload()
    first_page = [shown(model, r) for r in range(50)]  # texts of the first page kept
    model.fetchMore(QModelIndex())

    assert [shown(model, r) for r in range(100)] == [expected(model, r) for r in range(100)]
    assert first_page == [shown(model, r) for r in range(50)]

    model.sort(M.COL_DURATION, Qt.SortOrder.AscendingOrder)
    assert cell(model, 0, M.COL_DURATION) == "15 min"
    model.fetchMore(QModelIndex())
    assert [shown(model, r) for r in range(100)] == [expected(model, r) for r in range(100)]
    assert [cell(model, r, M.COL_DURATION, USER) for r in range(100)] == sorted(
        model.row_of(r).duration_min for r in range(100))

    model.set_filters(ActivityFilter(kind="Collectif"))
    assert shown(model, 0)[M.COL_KIND] == "Collectif"
    assert [shown(model, r) for r in range(model.rowCount())] == [
        expected(model, r) for r in range(model.rowCount())]


def test_texts_are_kept_for_a_bounded_number_of_rows(
    vault: vaults.Vault, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(M, "LINE_CACHE", 64)
    fill_varied(vault, 500)
    model, _ = model_on(vault, page_size=250)
    load_all(model)
    assert model.cached_lines() == 0  # nothing computed until asked

    before = [shown(model, r) for r in range(500)]
    assert model.cached_lines() <= 64
    tips = [cell(model, r, M.COL_THEMES, Qt.ItemDataRole.ToolTipRole) for r in range(500)]
    assert model.cached_lines() <= 64
    # computed again after they were dropped, the texts are the same
    assert before == [shown(model, r) for r in range(500)] == [
        expected(model, r) for r in range(500)]
    assert tips[0] == cell(model, 0, M.COL_DATE, Qt.ItemDataRole.ToolTipRole)
    assert model.describe(499) == str(tips[499]).split("\n")[0]

    model.reload()
    assert model.cached_lines() == 0


def test_the_tooltip_and_describe_say_the_session_in_a_few_words(vault: vaults.Vault) -> None:
    person = beneficiaries.create_beneficiary(vault, {})
    activities.log_activity(vault, {
        "date": "2026-11-20", "duration_min": 90, "place_type": "LieuActivite",
        "themes": ["Email", "Sante"], "beneficiary_id": person.id,
    }, today=TODAY)
    model, _ = model_on(vault)
    model.reload()

    assert model.describe(0) == f"20/11/2026 — Individuel — {person.code}"
    assert cell(model, 0, M.COL_PLACE, Qt.ItemDataRole.ToolTipRole) == (
        f"20/11/2026 — Individuel — {person.code}\nE-mail\nSanté")
    assert cell(model, 0, M.COL_BENEFICIARY, USER) == person.code
    assert cell(model, 0, M.COL_DATE, Qt.ItemDataRole.DecorationRole) is None
    assert model.data(QModelIndex()) is None


def test_loaded_rows_give_the_garbage_collector_nothing_to_walk(vault: vaults.Vault) -> None:
    """A full collection walks every object it tracks: 100,000 rows it had to walk
    made each one last some 200 ms while the journal scrolled."""
    fill_varied(vault, 2_400)
    model, _ = model_on(vault, page_size=400)
    model.reload()
    model.fetchMore(QModelIndex())  # the queries' caches are warm
    for r in range(model.rowCount()):
        shown(model, r)
    gc.collect()
    tracked = len(gc.get_objects())

    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    for r in range(model.rowCount()):
        shown(model, r)
    gc.collect()

    assert model.rowCount() == 2_400
    assert len(gc.get_objects()) - tracked < 100  # for 1,600 more rows


def test_a_loaded_row_costs_a_couple_of_hundred_bytes(vault: vaults.Vault) -> None:
    fill_varied(vault, 6_000)
    model, _ = model_on(vault, page_size=500)
    model.reload()
    model.fetchMore(QModelIndex())  # the queries' caches are warm
    tracemalloc.start()
    try:
        held = tracemalloc.get_traced_memory()[0]
        while model.canFetchMore(QModelIndex()):
            model.fetchMore(QModelIndex())
        gc.collect()
        per_row = (tracemalloc.get_traced_memory()[0] - held) / (model.rowCount() - 1_000)
    finally:
        tracemalloc.stop()
    assert model.rowCount() == 6_000
    assert per_row < 300  # about 170; it was 1.7 KB with a dataclass and texts per row
