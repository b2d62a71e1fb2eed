"""The import's benchmark rows (issue 16): a worker's 50,000-row logbook pre-checked
(target ≤ 10 s) and written (target ≤ 20 s), on a new cheap-KDF vault holding a few
hundred files for the duplicate detector to search.

    python tests/bench/run.py --only import_precheck import_write   (rows of the table)
    python tests/bench/bench_import.py [--rows N] [--json out.json]  (alone)

One result row per step, in bench_common's format (the baseline of each is reading
the same file's rows with the csv module alone: the floor of any import). The rows
are for 50,000 rows whatever run.py's --size, but S (the quick run) reads 5,000.
docs/benchmarks.md says how to read it.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import importlib.util
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
os.environ.setdefault("ACCOMP_KDF_FLOOR", "1,1024,1")

TODAY = dt.date(2024, 6, 1)
AT = dt.datetime(2024, 6, 1, 12, 0, tzinfo=dt.UTC)
ROWS = 50_000
TARGETS = {"import_precheck": "≤ 10 s", "import_write": "≤ 20 s"}
METRICS = {"import_precheck": f"import of a {ROWS:,}-row logbook: pre-check",
           "import_write": f"import of a {ROWS:,}-row logbook: write (one transaction)"}


def _fixtures() -> Any:
    path = HERE.parents[1] / "scripts" / "make_import_fixtures.py"
    spec = importlib.util.spec_from_file_location("make_import_fixtures", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def measure(rows: int = 50_000, files: int = 300) -> list[dict[str, Any]]:
    from accomp.paths import AppPaths
    from accomp.services import beneficiaries, imports, vaults
    from accomp.services.imports import ImportOptions

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        source = root / "journal.csv"
        _fixtures().big_logbook(source, rows)
        vault, _ = vaults.create_vault(AppPaths.at(root / "data"), "bench passphrase words x",
                                       kdf=vaults.KdfParams(1, 1024, 1), enforce_policy=False)
        try:
            fixtures = _fixtures()
            for i in range(files):  # some of the logbook's people already have a file
                first, last = fixtures.person_name(i)
                beneficiaries.create_beneficiary(vault, {
                    "first_name": first, "last_name": last,
                    "legal_basis": "MissionInteretPublic", "informed_on": "2024-01-02"},
                    today=TODAY)
            start = time.perf_counter()
            with source.open(encoding="utf-8", newline="") as fh:
                floor_rows = sum(1 for _ in csv.reader(fh, delimiter=";"))
            floor = time.perf_counter() - start
            options = ImportOptions(legal_basis="MissionInteretPublic",
                                    informed_on=dt.date(2024, 1, 2))
            start = time.perf_counter()
            plan = imports.precheck(vault, source, "activities", options, today=TODAY)
            checked = time.perf_counter() - start
            start = time.perf_counter()
            result = imports.write_import(vault, plan, today=TODAY, at=AT)
            written = time.perf_counter() - start
        finally:
            vault.lock()
    counts = {**plan.counts(), **result.counts, "csv_rows": floor_rows - 1}
    from bench_common import row

    return [row(key, f"import of a {rows:,}-row logbook: {what}", value=seconds,
                baseline=floor, unit="s", target=TARGETS[key], digits=2,
                baseline_what="reading the same CSV with the csv module alone",
                note=f"{rows:,} rows, {files} files in the vault beforehand",
                details=counts)
            for key, seconds, what in (("import_precheck", checked, "pre-check"),
                                       ("import_write", written, "write (one transaction)"))]


def run(ds: Any, keys: set[str], say: Any = print) -> list[dict[str, Any]]:
    """The rows of run.py's table (`ds`, its shared vault, is not used: the import
    needs a vault of its own)."""
    rows = 5_000 if ds.size.name == "S" else ROWS  # S: the quick run of the smoke test
    say(f"  import of {rows:,} rows (a new vault, the file written first) …")
    return [r for r in measure(rows) if r["key"] in keys]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    rows = measure(args.rows)
    for row in rows:
        print(f"{row['metric']}: {row['value']} s (floor {row['baseline']} s), target "
              f"{row['target']}, {'met' if row['met'] else 'NOT MET'}")
    print(json.dumps(rows[0]["details"], sort_keys=True))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
