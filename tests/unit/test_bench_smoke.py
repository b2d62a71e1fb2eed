"""The benchmark command keeps working: run at size S, as CI runs it once.

No timing is asserted (machines are noisy; docs/benchmarks.md has the figures): only
that every metric of the issue gets its row, in the printed table and in the JSON,
measured — or, for the reports' rows while bench_reports.py is missing, "pending".
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench"
KEYS = ["startup", "unlock_journal", "search", "log_activity", "journal_scroll",
        "journal_rss", "summary", "consolidation", "encryption", "demo", "ui_stall",
        "import_precheck", "import_write",
        # the activity export's rows come with the reports' (size S: 1,000 activities)
        "activity_export_1000_s", "activity_export_1000_peak_mb"]


def test_benchmarks_at_size_s_print_and_write_every_metric(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--size", "S", "--json", str(out),
         "--cache-dir", str(tmp_path / "cache")],
        capture_output=True, text=True, timeout=300, env=env, check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]

    report = json.loads(out.read_text("utf-8"))
    assert report["size"] == "S"
    rows = {r["key"]: r for r in report["rows"]}
    assert list(rows) == KEYS
    for key, r in rows.items():
        assert r["metric"] in proc.stdout, key
        if r.get("status") == "pending":
            assert key in ("summary", "consolidation")
            assert not (BENCH / "bench_reports.py").exists()
            continue
        assert r.get("status") is None, (key, r["note"])
        assert isinstance(r["value"], int | float), key
        assert r["value"] >= 0, key
        assert r["met"] in (True, False), key
