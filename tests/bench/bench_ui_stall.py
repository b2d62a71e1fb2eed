"""Never frozen: the longest stall of the window's thread per interaction.

In a new interpreter (offscreen Qt), on the unlocked vault, each interaction is
started from the event loop while a stall meter runs: a QTimer ticking every
`METER_MS`, whose longest gap between two ticks (or between the start and the first
tick, the last tick and the end) is the longest time the event loop could not run —
what a worker feels as a frozen window. The interaction ends when its result is
drawn (the page's worker-thread reads have delivered).

Interactions: opening the dashboard, changing its period (12 months, then 3 months),
opening the Exports page (preview and past exports), changing the export preview
(period set to the whole logbook, then k changed), opening the Confidentialité page
(retention review, journal, backups, register).

- value: the longest stall over the interactions (target ≤ 100 ms);
- baseline: the longest time from an interaction to its result drawn — what the
  stall would be if the reads ran on the window's thread, as they used to.

Each interaction's stall and time to result are in the row's details.
"""

from __future__ import annotations

import itertools
import os
import sys
import time
from collections.abc import Callable
from typing import Any

KEY = "ui_stall"
METRIC = "longest UI-thread stall per interaction (page openings, period/preview changes)"
TARGET = "≤ 100 ms"
METRICS = {KEY: METRIC}
TARGETS = {KEY: TARGET}
METER_MS = 5
TIMEOUT_S = 120.0


def measure(action: Callable[[], None], done: Callable[[], bool]) -> tuple[float, float]:
    """(longest stall, time until done), in ms, of `action` run from the event loop."""
    from PySide6.QtCore import QEventLoop, QTimer

    ticks: list[float] = []
    loop = QEventLoop()
    state = {"acted": False, "timed_out": False}
    started = time.perf_counter()

    def tick() -> None:
        now = time.perf_counter()
        ticks.append(now)
        if state["acted"] and done():
            loop.quit()
        elif now - started > TIMEOUT_S:
            state["timed_out"] = True
            loop.quit()

    def act() -> None:
        action()
        state["acted"] = True

    meter = QTimer()
    meter.setInterval(METER_MS)
    meter.timeout.connect(tick)
    ticks.append(started)
    meter.start()
    QTimer.singleShot(0, act)
    loop.exec()
    meter.stop()
    ended = time.perf_counter()
    ticks.append(ended)
    if state["timed_out"]:
        raise TimeoutError("the interaction did not finish")
    stall = max(b - a for a, b in itertools.pairwise(ticks))
    return stall * 1000, (ended - started) * 1000


def _child(data_dir: str) -> None:
    import datetime as dt
    from pathlib import Path

    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from bench_common import result_line
    from dataset import open_vault
    from sqlalchemy import text

    from accomp.ui.i18n import install_translators
    from accomp.ui.views.dashboard import DashboardPage
    from accomp.ui.views.exports import ExportsPage
    from accomp.ui.views.privacy import PrivacyPage

    install_translators(app, "fr")
    vault = open_vault(Path(data_dir))
    with vault.reading() as session:
        first, last = session.execute(text("SELECT min(date), max(date) FROM activity")).one()
    first, last = dt.date.fromisoformat(str(first)), dt.date.fromisoformat(str(last))
    today = lambda: last  # noqa: E731  (the logbook's last day: its periods are full)
    results: dict[str, dict[str, float]] = {}
    pages: dict[str, Any] = {}

    def record(name: str, action: Callable[[], None], done: Callable[[], bool]) -> None:
        stall, total = measure(action, done)
        results[name] = {"stall_ms": round(stall, 1), "result_ms": round(total, 1)}
        print(f"  {name}: stall {stall:.0f} ms, result in {total:.0f} ms",
              file=sys.stderr, flush=True)

    def counter(signal: Any) -> list[int]:
        seen = [0]
        signal.connect(lambda *_: seen.__setitem__(0, seen[0] + 1))
        return seen

    # the dashboard
    board_loads: list[int] = [0]

    def open_dashboard() -> None:
        page = DashboardPage(vault, today=today)
        page.loaded.connect(lambda: board_loads.__setitem__(0, board_loads[0] + 1))
        page.resize(1280, 720)
        page.show()
        pages["dashboard"] = page

    record("dashboard: open", open_dashboard, lambda: board_loads[0] >= 1)
    for preset, expected in (("12m", 2), ("3m", 3)):
        page = pages["dashboard"]
        record(f"dashboard: period {preset}",
               lambda p=page, k=preset: p.period_box.setCurrentIndex(p.PRESETS.index(k)),
               lambda n=expected: board_loads[0] >= n)
    pages["dashboard"].hide()

    # the Exports page
    export_reads: dict[str, list[int]] = {}

    def open_exports() -> None:
        page = ExportsPage(vault)
        export_reads["preview"] = counter(page.summary_tab.reads.finished)
        export_reads["past"] = counter(page.past.reads.finished)
        page.resize(1280, 720)
        page.show()
        pages["exports"] = page

    record("exports: open", open_exports,
           lambda: export_reads["preview"][0] >= 1 and export_reads["past"][0] >= 1)
    tab = pages["exports"].summary_tab
    preview = export_reads["preview"]
    record("exports: preview of the whole logbook",
           lambda: tab.criteria.set_period(first, last),
           lambda: preview[0] >= 2 and not tab.pending())
    record("exports: preview with k changed", lambda: tab.criteria.k.setValue(7),
           lambda: preview[0] >= 3 and not tab.pending())
    pages["exports"].hide()

    # Confidentialité
    def open_privacy() -> None:
        page = PrivacyPage(vault, today=today)
        page.resize(1280, 720)
        page.show()
        pages["privacy"] = page

    record("privacy: open", open_privacy,
           lambda: "privacy" in pages and not pages["privacy"].is_busy())
    for page in pages.values():
        page.clear_sensitive()
    vault.lock()
    result_line({"interactions": results, "activities_range": [str(first), str(last)]})


def run(ds: Any, keys: set[str], say: Any = print) -> list[dict[str, Any]]:
    from bench_common import row, run_child

    result, _, _ = run_child("bench_ui_stall", str(ds.data_dir), timeout=1800)
    interactions: dict[str, dict[str, float]] = result["interactions"]
    worst = max(interactions, key=lambda k: interactions[k]["stall_ms"])
    slowest = max(interactions, key=lambda k: interactions[k]["result_ms"])
    value = interactions[worst]["stall_ms"]
    baseline = interactions[slowest]["result_ms"]
    over = [k for k, v in interactions.items() if v["stall_ms"] > 100]
    note = (f"worst: {worst} ({value:.0f} ms); slowest result: {slowest} "
            f"({baseline:.0f} ms); over 100 ms: {', '.join(over) or 'none'}")
    return [row(KEY, METRIC, value=value, baseline=baseline, unit="ms", target=TARGET,
                baseline_what="longest time to a result (the stall if read on the "
                              "window's thread)",
                note=note, details={"meter_ms": METER_MS, **interactions}, digits=1)]


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    _child(sys.argv[1])
