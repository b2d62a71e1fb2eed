"""The demo vault: `services.generators.demo.generate_demo` of 3,000 sessions on a fresh vault.

Each run is a new interpreter (as `accomp --demo` is): it creates an empty vault with a
cheap key derivation (untimed), then times `generate_demo(vault, seed=1,
activities=3000)`, cold — the communes list and the demo's lists load on first use,
as they do for a worker trying the demo.

    python tests/bench/bench_demo.py ACTIVITIES
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

KEY = "demo"
METRIC = "demo vault of 3,000 activities (generate_demo, fresh vault)"
TARGET = "≤ 3 s"
METRICS = {KEY: METRIC}
TARGETS = {KEY: TARGET}
ACTIVITIES = 3000


def _child(activities: int) -> None:
    from bench_common import result_line
    from dataset import CHEAP_KDF

    from accomp.paths import AppPaths
    from accomp.services import vaults
    from accomp.services.generators import demo

    with tempfile.TemporaryDirectory(prefix="accomp-bench-demo-") as folder:
        vault, _ = vaults.create_vault(AppPaths.at(Path(folder) / "v"), "bench",
                                       kdf=vaults.KdfParams(*CHEAP_KDF), enforce_policy=False)
        try:
            t = time.perf_counter()
            summary = demo.generate_demo(vault, seed=1, activities=activities)
            elapsed = time.perf_counter() - t
        finally:
            vault.lock()
    result_line({"seconds": elapsed, "activities": summary.activities,
                 "beneficiaries": summary.beneficiaries})


def run(ds: Any, keys: set[str], say: Any = print) -> list[dict[str, Any]]:
    from bench_common import median, row, run_child, summary

    runs = 1 if ds.size.name == "S" else 3
    seconds = [float(run_child("bench_demo", str(ACTIVITIES), timeout=300)[0]["seconds"])
               for _ in range(runs)]
    return [row(KEY, METRIC, value=median(seconds), unit="s", target=TARGET, digits=2,
                note=f"median of {runs} new process(es), each on a new vault",
                details={"seconds": summary(seconds, digits=3)})]


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    _child(int(sys.argv[1]))
