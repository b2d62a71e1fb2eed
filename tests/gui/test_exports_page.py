"""The Exports screen as a worker uses it: a preview where small counts read as
the threshold (never their number), an export written where the worker chose and listed among
past exports, every control named and reached with Tab."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from accomp.services import activities
from accomp.ui.pickers import KeyRole
from accomp.ui.views.exports import ExportsPage

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (raise|grabbing|propagate)")

START, END = dt.date(2026, 11, 1), dt.date(2026, 11, 30)
TODAY = dt.date(2026, 11, 28)


@pytest.fixture(autouse=True)
def no_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def unexpected(parent: QWidget | None, title: str, text: str, *a: Any, **k: Any) -> Any:
        shown.append(text)
        raise AssertionError(f"unexpected message: {text}")

    for kind in ("warning", "critical", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, unexpected)
    return shown


@pytest.fixture
def small_vault(vault: Any) -> Any:
    """Three individual sessions (and no workshop) in November 2026."""
    for day in (3, 10, 17):
        activities.log_activity(vault, {
            "date": dt.date(2026, 11, day), "duration_min": 45, "place_type": "LieuActivite",
            "themes": ["Email"], "autonomy": "PartiellementAutonome"}, today=TODAY)
    return vault


def combo_texts(combo: Any) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def settle(qtbot: Any, page: ExportsPage) -> None:
    """Wait for the reads the page runs in worker threads (preview, past exports)."""
    qtbot.waitUntil(lambda: not page.summary_tab.is_busy() and not page.past.is_busy())


def open_page(qtbot: Any, vault: Any) -> ExportsPage:
    page = ExportsPage(vault)
    qtbot.addWidget(page)
    page.resize(1150, 850)
    page.show()
    qtbot.waitExposed(page)
    page.summary_tab.criteria.set_period(START, END)
    page.reload()
    settle(qtbot, page)
    return page


def test_small_counts_are_shown_as_the_threshold_never_as_their_number(
        qtbot: Any, small_vault: Any) -> None:
    page = open_page(qtbot, small_vault)
    preview = page.summary_tab.preview
    preview.select_table("activities_by_kind")
    model = preview.model
    texts = [(preview.cell_text(r, 0), preview.cell_text(r, 1)) for r in range(model.rowCount())]
    # individual: 3 sessions -> published as k; workshops: 0 -> exact (about no one)
    assert texts[0][1] == "5"
    assert texts[1][1] == "0"
    assert texts[-1] == ("Total", "5")
    # no table anywhere shows a count from 1 to k - 1 (the minutes, 135, are not a
    # count: they get a wide noise, which may happen to be 0 for a given logbook)
    for row in range(preview.tables.count()):
        preview.tables.setCurrentRow(row)
        if preview.summary.tables[row].unit == "minutes":
            continue
        for r in range(model.rowCount()):
            assert preview.cell_text(r) not in {"1", "2", "3", "4"}

    # k lowered to 3: the three sessions may be published
    page.summary_tab.criteria.k.setValue(3)
    page.summary_tab.refresh()
    settle(qtbot, page)
    preview.select_table("activities_by_kind")
    assert preview.cell_text(0) == "3"


def test_an_export_is_written_where_chosen_and_listed_among_past_exports(
    qtbot: Any, small_vault: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = open_page(qtbot, small_vault)
    asked: list[str] = []

    def save_name(parent: Any, title: str, name: str, filters: str) -> tuple[str, str]:
        asked.append(name)
        return str(tmp_path / "mon_export"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    tab = page.summary_tab
    fmt = tab.format
    fmt.setCurrentIndex(next(i for i in range(fmt.count())
                             if fmt.itemData(i, KeyRole)[0] == "json"))
    assert page.past.count() == 0
    tab.export_button.setFocus()
    qtbot.keyClick(tab.export_button, Qt.Key.Key_Space)

    out = tmp_path / "mon_export.json"  # the extension added
    assert asked
    assert asked[0].endswith(".json")
    data = json.loads(out.read_text("utf-8"))
    assert data["k"] == 5
    kinds = next(t for t in data["tables"] if t["name"] == "activities_by_kind")
    assert kinds["rows"][0]["count"] == 5
    assert kinds["rows"][0]["suppressed"] is False
    assert kinds["rows"][0]["perturbed"] is True
    settle(qtbot, page)
    assert page.past.count() == 1
    assert "JSON" in page.past.table.item(0, 2).text()
    assert "Synthèse écrite" in tab.message.text()

    # the anonymised activity file, as parquet
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "rows.parquet"), ""))
    act = page.activities_tab
    act.criteria.set_period(START, END)
    act.format.setCurrentIndex(act.format.count() - 1)
    act.export_button.click()
    assert (tmp_path / "rows.parquet").stat().st_size > 0
    settle(qtbot, page)
    assert page.past.count() == 2
    assert page.past.table.item(0, 1).text().startswith("Fichier d'activités")

    # a cancelled dialog writes nothing
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    tab.export_button.click()
    assert page.past.count() == 2

    page.clear_sensitive()
    assert page.past.count() == 0
    assert tab.preview.model.rowCount() == 0


def test_the_page_fills_in_when_first_shown(qtbot: Any, small_vault: Any,
                                           tmp_path: Path) -> None:
    from accomp.services import reports

    reports.export_summary(small_vault, START, END, "json", tmp_path / "s.json")
    page = ExportsPage(small_vault)
    qtbot.addWidget(page)
    assert page.past.count() == 0  # built, not yet read
    page.show()
    qtbot.waitExposed(page)
    settle(qtbot, page)
    assert page.past.count() == 1
    assert page.summary_tab.preview.tables.count() > 0


def test_a_period_upside_down_is_said_inline(qtbot: Any, small_vault: Any) -> None:
    page = open_page(qtbot, small_vault)
    page.summary_tab.criteria.set_period(END, START)
    page.summary_tab.refresh()
    settle(qtbot, page)
    assert "date de début est après la date de fin" in page.summary_tab.message.text()
    assert page.summary_tab.preview.model.rowCount() == 0


def test_quick_periods_set_the_dates(qtbot: Any, vault: Any) -> None:
    page = ExportsPage(vault)
    qtbot.addWidget(page)
    criteria = page.summary_tab.criteria
    today = dt.date.today()
    criteria.apply_choice("last_month")
    start, end = criteria.dates()
    assert start.day == 1
    assert end == today.replace(day=1) - dt.timedelta(days=1)
    criteria.apply_choice("this_year")
    assert criteria.dates() == (today.replace(month=1, day=1), today)
    criteria.date_from.setDate(criteria.date_from.date().addDays(1))
    assert criteria.period.value() == "custom"


def test_every_control_is_named_and_reached_with_tab(qtbot: Any, small_vault: Any) -> None:
    page = open_page(qtbot, small_vault)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    tab = page.summary_tab
    c = tab.criteria
    expected = [c.period, c.date_from, c.date_to, c.kind, c.theme, c.place, c.autonomy, c.k,
                tab.tag, tab.preview.tables, tab.preview.view, tab.format, tab.export_button]
    c.period.setFocus()
    qtbot.waitUntil(c.period.hasFocus)
    reached = [QApplication.focusWidget()]
    for _ in expected[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert reached == expected
    for root in (page, page.consolidation):
        for w in root.findChildren(QWidget):
            if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isVisibleTo(root) and (
                    w.parent() is not None and not w.inherits("QLineEdit")):
                assert w.accessibleName(), type(w).__name__


def test_formats_are_named_in_french_by_default(qtbot: Any, vault: Any) -> None:
    page = ExportsPage(vault)
    qtbot.addWidget(page)
    assert combo_texts(page.summary_tab.format) == [
        "Classeur Excel (XLSX)", "CSV (séparateur ,)", "CSV (séparateur ;)", "Rapport PDF",
        "JSON"]


@pytest.mark.usefixtures("english")
def test_formats_and_past_exports_read_in_english_when_the_interface_is(
    qtbot: Any, small_vault: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = open_page(qtbot, small_vault)
    summary = ["Excel workbook (XLSX)", "CSV (comma separator)", "CSV (semicolon separator)",
               "PDF report", "JSON"]
    assert combo_texts(page.summary_tab.format) == summary
    assert combo_texts(page.activities_tab.format) == [
        "CSV (comma separator)", "CSV (semicolon separator)", "Excel workbook (XLSX)",
        "Parquet"]
    assert combo_texts(page.consolidation.format) == summary

    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "summary.pdf"), ""))
    tab = page.summary_tab
    tab.format.setCurrentIndex(summary.index("PDF report"))
    tab.export_button.click()
    settle(qtbot, page)
    past = page.past.table
    assert [past.item(0, col).text() for col in (1, 2, 3)] == [
        "Summary (k = 5)", "PDF report", "2026-11-01 – 2026-11-30"]


def test_the_preview_is_computed_off_the_window_thread_and_stale_ones_dropped(
        qtbot: Any, small_vault: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never frozen: the preview is computed in a worker thread while the page says so;
    a preview asked again meanwhile wins, and a lock while it is computed shows nothing
    (and breaks nothing)."""
    import threading

    from accomp.services import reports

    page = open_page(qtbot, small_vault)
    tab = page.summary_tab
    real = reports.summary
    on_main: list[bool] = []
    release = threading.Event()
    ks: list[int] = []

    def slow(vault: Any, *a: Any, **k: Any) -> Any:
        on_main.append(threading.current_thread() is threading.main_thread())
        ks.append(k["k"])
        release.wait(5)
        return real(vault, *a, **k)

    monkeypatch.setattr(reports, "summary", slow)
    tab.criteria.k.setValue(7)
    tab.refresh()
    assert tab.is_busy()
    assert tab.message.text() == "Calcul de l'aperçu…"
    tab.criteria.k.setValue(3)
    tab.refresh()  # the newer choice: the k = 7 preview is dropped (or never computed)
    release.set()
    settle(qtbot, page)
    assert on_main
    assert not any(on_main)
    assert ks[-1] == 3
    tab.preview.select_table("activities_by_kind")
    assert tab.preview.cell_text(0) == "3"  # k = 3: the three sessions are published

    # locked while a preview is computed: it is dropped, nothing is shown or raised
    release.clear()
    tab.refresh()
    page.clear_sensitive()
    small_vault.lock()
    release.set()
    qtbot.waitUntil(lambda: len(ks) == 4 or not tab.reads.busy)
    qtbot.wait(50)
    assert tab.preview.model.rowCount() == 0
    assert tab.message.text() == ""
