"""The journal: unlock → its first screen painted, and scrolled from top to bottom.

Both run in new interpreters (offscreen Qt), so that the first unlock pays its cold
imports as a worker's does, and so that the memory peak is the journal's own.

unlock → first screen (KDF excluded). The child starts where the application stands
when the unlock dialog is on screen (QApplication, translators, accomp.app, the unlock
dialog's module, and what accomp.app.preload() loads in the background while the
dialog waits for the passphrase: services.vaults and the main window's modules).
Then, timed: `vaults.unlock(check_later=True)` as GuiSession calls it (key file, key
derivation, schema revision, engine; the full integrity check starts in a thread) →
`MainWindow(vault)` (the journal; other pages are built when first shown) → shown →
the end of the first paint pass of the journal's table. How long the integrity
check still ran after that paint is reported beside (check_after_paint_ms). The key
derivation, timed on its own just before with the same key file (a cheap KDF here),
is subtracted. The first unlock of the process is
the value ("cold"); the child locks and unlocks again for the "warm" figures.

scroll. `JournalView(vault)` (the ActivityTableModel in its QTableView, as shown in
the main window), 1280×800, then step after step: scroll to the bottom, let the view
paint (and fetch the next page, as it does when scrolled to the end), until every
session is loaded. Each step's time is measured; the memory peak (VmHWM) is read at
the end.

    python tests/bench/bench_journal.py unlock DATA_DIR REPEATS
    python tests/bench/bench_journal.py scroll DATA_DIR
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any

UNLOCK_KEY = "unlock_journal"
UNLOCK_METRIC = "unlock → journal's first screen painted, KDF excluded"
UNLOCK_TARGET = "≤ 300 ms"
SCROLL_KEY = "journal_scroll"
SCROLL_METRIC = "journal scrolled top to bottom: slowest step"
SCROLL_TARGET = "≤ 50 ms"
RSS_KEY = "journal_rss"
RSS_METRIC = "journal scrolled top to bottom: peak memory (RSS)"
RSS_TARGET = "≤ 250 MB"
METRICS = {UNLOCK_KEY: UNLOCK_METRIC, SCROLL_KEY: SCROLL_METRIC, RSS_KEY: RSS_METRIC}
TARGETS = {UNLOCK_KEY: UNLOCK_TARGET, SCROLL_KEY: SCROLL_TARGET, RSS_KEY: RSS_TARGET}


def _wait(app: Any, done: list[bool], timeout: float = 30.0) -> None:
    from PySide6.QtCore import QEventLoop

    deadline = time.perf_counter() + timeout
    while not done:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if time.perf_counter() > deadline:
            raise TimeoutError("the journal was never painted")


def _watch_paint(widget: Any, done: list[bool]) -> Any:
    """An event filter: `done` gets True once the first paint pass of `widget` ended."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class Watch(QObject):
        def eventFilter(self, obj: Any, event: Any) -> bool:
            if event.type() == QEvent.Type.Paint and not self.seen:
                self.seen = True
                QTimer.singleShot(0, lambda: done.append(True))
            return False

    watch = Watch(widget)  # parented: it lives as long as the widget it watches
    watch.seen = False  # type: ignore[attr-defined]
    widget.installEventFilter(watch)
    return watch


def _child_unlock(data_dir: str, repeats: int) -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    # What is loaded while the unlock dialog is on screen.
    from bench_common import result_line
    from dataset import PASSPHRASE

    import accomp.app
    import accomp.ui.dialogs.unlock
    from accomp.paths import AppPaths
    from accomp.services import vaults
    from accomp.store.keys import KeyFile
    from accomp.ui.i18n import install_translators

    install_translators(app, "fr")
    # What GuiSession loads in the background once the dialog is painted, while the
    # worker types the passphrase.
    accomp.app.preload()
    accomp.app.wait_for_preload()
    paths = AppPaths.at(data_dir)
    runs: list[dict[str, float]] = []
    for _ in range(repeats):
        t = time.perf_counter()
        KeyFile.read(paths.key_file).open_with_passphrase(PASSPHRASE)
        kdf = time.perf_counter() - t

        t0 = time.perf_counter()
        vault = vaults.unlock(paths, PASSPHRASE, check_later=True)
        t_unlocked = time.perf_counter()
        from PySide6.QtWidgets import QTableView

        from accomp.ui.main_window import MainWindow

        t_imported = time.perf_counter()
        window = MainWindow(vault, demo=False, vault_label="bench")
        t_built = time.perf_counter()
        table = window.findChild(QTableView, "journalTable")
        if table is None:
            raise RuntimeError("no journal table (objectName journalTable) in the window")
        done: list[bool] = []
        watch = _watch_paint(table.viewport(), done)
        window.resize(1280, 800)
        window.show()
        _wait(app, done)
        t1 = time.perf_counter()
        runs.append({
            "total_ms": (t1 - t0 - kdf) * 1000, "kdf_ms": kdf * 1000,
            "unlock_ms": (t_unlocked - t0 - kdf) * 1000,
            "import_ms": (t_imported - t_unlocked) * 1000,
            "build_ms": (t_built - t_imported) * 1000,
            "show_paint_ms": (t1 - t_built) * 1000,
        })
        runs[-1]["check_after_paint_ms"] = _settle_ms(vault)
        table.viewport().removeEventFilter(watch)
        window.close()
        window.deleteLater()
        vault.lock()
        app.processEvents()
    result_line({"runs": runs})
    os._exit(0)


def _settle_ms(vault: Any) -> float:
    """How long the integrity check started at unlock still ran once the journal was
    painted (it runs in a thread; writes wait for it)."""
    t = time.perf_counter()
    vault.settle_check()
    return (time.perf_counter() - t) * 1000


def _repaint_ms(app: Any, widget: Any, times: int = 10) -> float:
    """Median time of a full synchronous repaint of `widget`."""
    import statistics

    app.processEvents()
    samples = []
    for _ in range(times):
        t = time.perf_counter()
        widget.repaint()
        samples.append((time.perf_counter() - t) * 1000)
    return float(statistics.median(samples))


def _bare_table_repaint_ms(app: Any, like: Any) -> float:
    """The toolkit's floor: a bare QTableView over a QStandardItemModel of the journal's
    first rows' texts, the same size as the journal's table."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    model = like.model()
    rows, cols = min(model.rowCount(), 200), model.columnCount()
    bare = QStandardItemModel(rows, cols)
    for r in range(rows):
        for c in range(cols):
            bare.setItem(r, c, QStandardItem(str(model.index(r, c).data() or "")))
    view = QTableView()
    view.setModel(bare)
    view.setAlternatingRowColors(True)
    view.resize(like.size())
    view.show()
    try:
        return _repaint_ms(app, view.viewport())
    finally:
        view.hide()


def _child_scroll(data_dir: str) -> None:
    import gc

    from bench_common import memory_mb, result_line
    from dataset import PASSPHRASE
    from PySide6.QtCore import QModelIndex
    from PySide6.QtWidgets import QApplication

    from accomp.paths import AppPaths
    from accomp.services import vaults
    from accomp.ui.views.journal import JournalView

    app = QApplication(sys.argv[:1])
    vault = vaults.unlock(AppPaths.at(data_dir), PASSPHRASE)
    view = JournalView(vault)
    done: list[bool] = []
    watch = _watch_paint(view.table.viewport(), done)
    view.resize(1280, 800)
    view.show()
    _wait(app, done)
    view.table.viewport().removeEventFilter(watch)
    before = memory_mb()
    model, table = view.model, view.table
    total = model.total()

    collections: list[float] = []  # full (generation 2) garbage collections, ms

    def on_gc(phase: str, info: dict[str, int]) -> None:
        if info.get("generation") != 2:
            return
        if phase == "start":
            on_gc.started = time.perf_counter()  # type: ignore[attr-defined]
        else:
            collections.append((time.perf_counter() - on_gc.started) * 1000)  # type: ignore[attr-defined]

    gc.callbacks.append(on_gc)
    steps: list[float] = []
    t_all = time.perf_counter()
    while model.canFetchMore(QModelIndex()):
        loaded = model.rowCount()
        t = time.perf_counter()
        table.scrollToBottom()
        app.processEvents()
        if model.rowCount() == loaded and model.canFetchMore(QModelIndex()):
            model.fetchMore(QModelIndex())
            app.processEvents()
        steps.append((time.perf_counter() - t) * 1000)
        if model.rowCount() == loaded and model.canFetchMore(QModelIndex()):
            raise RuntimeError(f"loading stopped at {loaded} of {total} rows")
    t_all = time.perf_counter() - t_all
    gc.callbacks.remove(on_gc)
    if model.rowCount() != total:
        raise RuntimeError(f"loading stopped at {model.rowCount()} of {total} rows")
    table.scrollToBottom()
    app.processEvents()
    after = memory_mb()
    repaint = _repaint_ms(app, table.viewport())
    bare = _bare_table_repaint_ms(app, table)
    vault.lock()
    result_line({"steps_ms": steps, "rows": model.rowCount(), "total": total,
                 "seconds": t_all, "rss_before_mb": before.get("VmRSS"),
                 "rss_after_mb": after.get("VmRSS"), "peak_mb": after.get("VmHWM"),
                 "gc_full_ms": collections, "repaint_ms": repaint,
                 "bare_table_repaint_ms": bare})
    # Leave without tearing Qt down: nothing left to measure, and PySide's exit-time
    # clean-up is not what this benchmark is about.
    os._exit(0)


# --- the metrics -----------------------------------------------------------------------


def run(ds: Any, keys: set[str], say: Any = print) -> list[dict[str, Any]]:
    from bench_common import median, row, run_child, summary

    out: list[dict[str, Any]] = []
    data_dir = str(ds.data_dir)
    size = ds.size
    if UNLOCK_KEY in keys:
        children, repeats = (1, 2) if size.name == "S" else (5, 3)
        cold: list[dict[str, float]] = []
        warm: list[dict[str, float]] = []
        for _ in range(children):
            result, _, _ = run_child("bench_journal", "unlock", data_dir, str(repeats),
                                     timeout=300)
            cold.append(result["runs"][0])
            warm.extend(result["runs"][1:])
        phases = ("unlock_ms", "import_ms", "build_ms", "show_paint_ms", "kdf_ms",
                  "check_after_paint_ms")
        details = {
            "cold_total_ms": summary([r["total_ms"] for r in cold]),
            "warm_total_ms": summary([r["total_ms"] for r in warm]) if warm else None,
            "cold_phases_median_ms": {p: round(median([r[p] for r in cold]), 1)
                                      for p in phases},
            "warm_phases_median_ms": {p: round(median([r[p] for r in warm]), 1)
                                      for p in phases} if warm else None,
        }
        cold_ph = details["cold_phases_median_ms"]
        note = (f"first unlock of a new process, median of {children}; phases: unlock "
                f"{cold_ph['unlock_ms']:.0f} ms, main window import {cold_ph['import_ms']:.0f}"
                f" ms, build {cold_ph['build_ms']:.0f} ms, show+paint "
                f"{cold_ph['show_paint_ms']:.0f} ms; the integrity check then ran "
                f"{cold_ph['check_after_paint_ms']:.0f} ms more in its thread")
        if warm:
            again = median([r["total_ms"] for r in warm])
            note += f"; unlock again in the same process: {again:.0f} ms"
        out.append(row(UNLOCK_KEY, UNLOCK_METRIC,
                       value=median([r["total_ms"] for r in cold]), unit="ms",
                       target=UNLOCK_TARGET, note=note, details=details, digits=0))
    if SCROLL_KEY in keys or RSS_KEY in keys:
        result, _, _ = run_child("bench_journal", "scroll", data_dir, timeout=900)
        steps = result["steps_ms"]
        full_gc = result["gc_full_ms"]
        details = {"step_ms": summary(steps), "rows": result["rows"],
                   "seconds": round(result["seconds"], 2),
                   "full_gc_count": len(full_gc),
                   "full_gc_max_ms": round(max(full_gc), 1) if full_gc else 0.0,
                   "journal_repaint_ms": round(result["repaint_ms"], 1),
                   "bare_table_repaint_ms": round(result["bare_table_repaint_ms"], 1),
                   "rss_before_scroll_mb": round(result["rss_before_mb"] or 0, 1),
                   "rss_after_scroll_mb": round(result["rss_after_mb"] or 0, 1)}
        if SCROLL_KEY in keys:
            out.append(row(
                SCROLL_KEY, SCROLL_METRIC, value=max(steps), unit="ms", target=SCROLL_TARGET,
                note=(f"{len(steps)} steps over {result['rows']:,} rows in "
                      f"{result['seconds']:.1f} s; step median "
                      f"{median(steps):.1f} ms, p95 {summary(steps)['p95']:.1f} ms; "
                      f"{len(full_gc)} full garbage collections, the longest "
                      f"{details['full_gc_max_ms']:.0f} ms; one repaint of the journal "
                      f"{result['repaint_ms']:.0f} ms, of a bare QTableView of the same "
                      f"size {result['bare_table_repaint_ms']:.0f} ms"),
                details=details,
            ))
        if RSS_KEY in keys:
            out.append(row(
                RSS_KEY, RSS_METRIC, value=result["peak_mb"], unit="MB", target=RSS_TARGET,
                note=(f"VmHWM of the process; {result['rss_before_mb']:.0f} MB with the first "
                      f"page shown, {result['rss_after_mb']:.0f} MB with all rows loaded"),
                details=details,
            ))
    return out


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    if sys.argv[1] == "unlock":
        _child_unlock(sys.argv[2], int(sys.argv[3]))
    elif sys.argv[1] == "scroll":
        _child_scroll(sys.argv[2])
    else:
        sys.exit(f"unknown mode {sys.argv[1]!r}")
