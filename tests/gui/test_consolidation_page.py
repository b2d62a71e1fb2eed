"""The Consolidation screen as a supervisor uses it: two workers' anonymised files
(same structure secret) make the team table; the same file twice is refused with a
visible message; the team summary is exported and journaled."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from accomp.paths import AppPaths
from accomp.services import exports, reports, vaults
from accomp.services.generators.demo import generate_demo
from accomp.ui.pickers import KeyRole
from accomp.ui.views.consolidation import ConsolidationPage

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (raise|grabbing|propagate)")

TODAY = dt.date(2026, 11, 28)
START, END = dt.date(2026, 1, 1), dt.date(2026, 10, 31)


@pytest.fixture(autouse=True)
def warnings_shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def warning(parent: QWidget | None, title: str, text: str, *a: Any, **k: Any) -> Any:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    def unexpected(parent: QWidget | None, title: str, text: str, *a: Any, **k: Any) -> Any:
        raise AssertionError(f"unexpected message: {text}")

    monkeypatch.setattr(QMessageBox, "warning", warning)
    for kind in ("critical", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, unexpected)
    return shown


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Two workers' vaults sharing the structure secret; each exports its activity
    file (one CSV, one Parquet). Returns the files, their row counts and the first
    worker's vault, kept open as the supervisor's."""
    root = tmp_path_factory.mktemp("team")
    made = []
    for name in ("a", "b"):
        vault, _ = vaults.create_vault(AppPaths.at(root / name), "x",
                                       kdf=vaults.KdfParams(1, 1024, 1), enforce_policy=False)
        made.append(vault)
    secret = root / "secret.txt"
    exports.save_structure_secret(made[0], secret)
    exports.import_structure_secret(made[1], secret)
    files, rows = [], 0
    for i, (vault, fmt) in enumerate(zip(made, ("csv", "parquet"), strict=True)):
        generate_demo(vault, seed=10 + i, activities=250, today=TODAY)
        out = root / f"worker{i + 1}.{fmt}"
        rows += int(exports.export_activities(vault, START, END, fmt, out).details["rows"])
        files.append(out)
    made[1].lock()
    yield files, rows, made[0], root
    made[0].lock()


def open_page(qtbot: Any, vault: Any) -> ConsolidationPage:
    page = ConsolidationPage(vault)
    qtbot.addWidget(page)
    page.resize(1000, 800)
    page.show()
    qtbot.waitExposed(page)
    return page


def choose(monkeypatch: pytest.MonkeyPatch, paths: list[Path]) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *a, **k: ([str(p) for p in paths], ""))


def test_two_workers_files_make_the_team_table_and_a_file_twice_is_refused(
    qtbot: Any, team: Any, monkeypatch: pytest.MonkeyPatch, warnings_shown: list[str],
) -> None:
    files, rows, supervisor, root = team
    page = open_page(qtbot, supervisor)
    assert not page.export_button.isEnabled()
    choose(monkeypatch, files)
    page.add_button.setFocus()
    qtbot.keyClick(page.add_button, Qt.Key.Key_Space)
    assert page.paths() == files
    assert not warnings_shown
    preview = page.preview
    assert preview.summary is not None
    assert preview.summary.source == "consolidation"
    preview.select_table("activities_by_kind")
    total = preview.model.rowCount() - 1
    assert preview.cell_text(total, 0) == "Total"
    # the total went through the perturbation table: within D = k + 1 of the rows
    published = int(preview.cell_text(total).replace("\u202f", ""))
    assert abs(published - rows) <= 6
    assert "2 fichiers" in page.message.text()

    # the same file again: refused with the service's message, the list unchanged
    choose(monkeypatch, [files[0]])
    page.add_button.click()
    assert len(warnings_shown) == 1
    assert "même export" in warnings_shown[0]
    assert page.paths() == files
    # a copy of it under another name: the same export, refused as well
    copy = root / "copie.csv"
    shutil.copy(files[0], copy)
    choose(monkeypatch, [copy])
    page.add_button.click()
    assert len(warnings_shown) == 2
    assert "n° 1 et n° 3" in warnings_shown[1]
    assert page.paths() == files

    # export to JSON, journaled in the supervisor's vault
    before = len(reports.past_exports(supervisor))
    out = root / "equipe"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    page.format.setCurrentIndex(next(i for i in range(page.format.count())
                                     if page.format.itemData(i, KeyRole)[0] == "json"))
    page.export_button.click()
    data = json.loads(out.with_suffix(".json").read_text("utf-8"))
    kinds = next(t for t in data["tables"] if t["name"] == "activities_by_kind")
    assert kinds["total"] == published  # the figure previewed, not the true count
    past = reports.past_exports(supervisor)
    assert len(past) == before + 1
    assert past[0].action == "export.consolidation"

    # removing a file recomputes; removing the last empties the preview
    page.files.setCurrentRow(1)
    page.remove_button.click()
    assert page.paths() == files[:1]
    assert preview.summary is not None
    assert "1 fichier" in page.message.text()
    page.files.setCurrentRow(0)
    page.files.setFocus()
    page.remove_button.click()
    assert page.paths() == []
    assert preview.summary is None
    assert not page.export_button.isEnabled()


def test_controls_are_named_and_in_order(qtbot: Any, team: Any,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    files, _, supervisor, _ = team
    page = open_page(qtbot, supervisor)
    choose(monkeypatch, files[:1])
    page.add_button.click()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    expected = [page.files, page.add_button, page.remove_button, page.k, page.preview.tables,
                page.preview.view, page.format, page.export_button]
    page.files.setFocus()
    qtbot.waitUntil(page.files.hasFocus)
    reached = [QApplication.focusWidget()]
    for _ in expected[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert reached == expected
    assert all(w.accessibleName() for w in expected)
    page.clear_sensitive()
    assert page.files.count() == 0
    assert page.preview.model.rowCount() == 0
