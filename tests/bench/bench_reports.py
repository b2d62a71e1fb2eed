"""Benchmark of the anonymised summary and of team consolidation.

    python tests/bench/bench_reports.py [activities] [rows]

- activity export (printed here only): `accomp export activities` to Parquet as a
  separate process over `activities` demo sessions: wall time and peak memory,
  against reading the same sessions from the vault;
- summary: `services.reports.summary` over a vault of `activities` demo sessions
  (SQLCipher, every table's GROUP BY, suppression), against the very same GROUP BY
  statements run by the same SQLite build on an unencrypted in-memory copy;
- consolidation: `services.consolidation.consolidate` of `rows` anonymised rows
  in four workers' Parquet files (read, schema check, duplicate checks, counts,
  suppression), against the equivalent plain GROUP BYs in an in-memory SQLite
  database already loaded with the rows (loading not timed).

`run(size)` returns rows {metric, value, baseline, ratio, target} for a common
bench runner; `size` is the number of activities, consolidation uses ten times
as many rows.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import sqlcipher3

from accomp.domain.models import ActivityFilter
from accomp.domain.vocab import vocabulary
from accomp.paths import AppPaths
from accomp.reports import activity_rows
from accomp.reports.activity_rows import FileIdentity
from accomp.reports.activity_tag import FileKey
from accomp.services import consolidation, exports, reports, vaults
from accomp.services.generators.demo import generate_demo
from accomp.store import stats
from accomp.store.filetag import activity_file_key

TODAY = dt.date(2026, 11, 28)
START = dt.date(2025, 1, 1)
SUMMARY_TARGET_S = 5.0
RUNS = 5  # the export's runs as a separate process: the best is kept, all are shown
CONSOLIDATION_TARGET_S = 5.0


def _best(fn: Callable[[], Any], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


# --- summary ------------------------------------------------------------------------


def _plain_copy(vault: vaults.Vault) -> Any:
    """The vault's tables, unencrypted, in an in-memory database of the same SQLite
    build (SQLCipher without a key is plain SQLite)."""
    plain = sqlcipher3.connect(":memory:")
    raw = vault.engine.raw_connection()
    try:
        source = raw.driver_connection
        for (sql,) in source.execute(
            "SELECT sql FROM sqlite_master WHERE type IN ('table', 'index') "
            "AND name IN ('activity', 'beneficiary', 'activity_participant') OR "
            "(type = 'index' AND tbl_name IN ('activity', 'beneficiary', "
            "'activity_participant') AND sql IS NOT NULL)"
        ).fetchall():
            if sql:
                plain.execute(sql)
        for table in ("beneficiary", "activity", "activity_participant"):
            rows = source.execute(f"SELECT * FROM {table}").fetchall()
            if rows:
                marks = ",".join("?" * len(rows[0]))
                plain.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
    finally:
        raw.close()
    plain.commit()
    return plain


def bench_summary(activities: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        vault, _ = vaults.create_vault(AppPaths.at(Path(folder) / "v"), "bench",
                                       kdf=vaults.KdfParams(1, 1024, 1), enforce_policy=False)
        try:
            generate_demo(vault, seed=1, activities=activities, today=TODAY)
            value = _best(lambda: reports.summary(vault, START, TODAY))
            plain = _plain_copy(vault)
        finally:
            vault.lock()
        sql = stats.summary_sql(ActivityFilter())
        params = stats.summary_params(START, TODAY, ActivityFilter())
        stats.register_key_functions(plain, None)  # counts only: every record key 0
        baseline = _best(lambda: plain.execute(sql, params).fetchall())
        plain.close()
    return {"metric": f"summary_{activities}_activities_s", "value": round(value, 3),
            "baseline": round(baseline, 3), "ratio": round(value / baseline, 2),
            "target": SUMMARY_TARGET_S}


# --- anonymised activity export -------------------------------------------------------


# `python -m accomp` that reports its own peak memory as it exits: the child's
# RUSAGE_CHILDREN counts the parent's memory it was forked from (2 GB after
# generate_demo), not the export's.
_PEAK_REPORTING = (
    "import atexit, sys\n"
    "def _peak():\n"
    "    with open('/proc/self/status') as f:\n"
    "        print(next(l for l in f if l.startswith('VmHWM')), file=sys.stderr)\n"
    "atexit.register(_peak)\n"
    "from accomp.cli import main\n"
    "sys.exit(main())\n"
)


def _cli_export(data_dir: Path, passphrase: Path, out: Path) -> tuple[float, float]:
    """Wall time (s) and peak memory (MB) of `accomp export activities` as a
    separate process, as a worker runs it."""
    import resource
    import subprocess

    own_peak = Path("/proc/self/status").exists()
    start = [sys.executable, "-c", _PEAK_REPORTING] if own_peak else [sys.executable, "-m",
                                                                      "accomp"]
    command = [*start, "--data-dir", str(data_dir), "export",
               "activities", "--passphrase-file", str(passphrase),
               "--from", START.isoformat(), "--to", TODAY.isoformat(),
               "--format", "parquet", "-o", str(out)]
    t = time.perf_counter()
    # The bench vault has a cheap KDF, which a normal process refuses as damaged.
    env = {**os.environ, "ACCOMP_KDF_FLOOR": "1,1024,1"}
    done = subprocess.run(command, check=True, capture_output=True, env=env, text=True)
    elapsed = time.perf_counter() - t
    if own_peak:
        line = next(x for x in done.stderr.splitlines() if x.startswith("VmHWM"))
        return elapsed, int(line.split()[1]) / 1024
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, peak_kb / 1024


def bench_export(activities: int) -> list[dict[str, Any]]:
    """The anonymised activity file of `activities` demo sessions (Parquet), from the
    command line, against reading the same sessions from the vault (the floor)."""
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "v"
        vault, _ = vaults.create_vault(AppPaths.at(data_dir), "bench-passphrase",
                                       kdf=vaults.KdfParams(1, 1024, 1), enforce_policy=False)
        try:
            generate_demo(vault, seed=1, activities=activities, today=TODAY)
            with vault.reading() as s:
                baseline = _best(lambda: stats.export_columns(s, START, TODAY, ActivityFilter()),
                                 repeat=1)
        finally:
            vault.lock()
        passphrase = Path(folder) / "pass"
        passphrase.write_text("bench-passphrase\n")
        runs, loads = [], []
        for i in range(RUNS):
            runs.append(_cli_export(data_dir, passphrase, Path(folder) / f"out{i}.parquet"))
            # The machine's load as each run ends: on a shared machine the times
            # mean little without it.
            loads.append(os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan"))
    value = min(t for t, _ in runs)
    peak = max(m for _, m in runs)
    times = ", ".join(f"{t:.2f}" for t, _ in runs)
    return [
        {"metric": f"activity_export_{activities}_s", "value": round(value, 3),
         "baseline": round(baseline, 3), "ratio": round(value / baseline, 2),
         "target": "≤ 4 s", "runs_s": times,
         "load_1min": ", ".join(f"{load:.1f}" for load in loads)},
        {"metric": f"activity_export_{activities}_peak_mb", "value": round(peak, 1),
         "baseline": None, "ratio": None, "unit": "MB", "target": "≤ 300 MB"},
    ]


# --- consolidation --------------------------------------------------------------------


_BENCH_SECRET = bytes(range(32))
BENCH_KEY = FileKey(activity_file_key(_BENCH_SECRET), exports.structure_id(_BENCH_SECRET))


def _list_column(rng: np.random.Generator, n: int, keys: list[str], most: int) -> pa.Array:
    lengths = rng.integers(0, most + 1, n)
    offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int32)
    values = pa.array(np.array(keys)[rng.integers(0, len(keys), int(offsets[-1]))])
    if isinstance(values, pa.ChunkedArray):  # large inputs come back chunked
        values = values.combine_chunks()
    return pa.ListArray.from_arrays(pa.array(offsets), values)


def synthetic_file(n: int, worker: int, seed: int) -> pa.Table:
    """n anonymised rows of one worker, drawn at random (vectorised)."""
    rng = np.random.default_rng(seed)
    v = vocabulary()

    def pick(values: list[str]) -> pa.Array:
        return pa.array(np.array(values)[rng.integers(0, len(values), n)])

    def keys(name: str) -> list[str]:
        return sorted(v.keys(name))

    individual = rng.random(n) < 0.8
    people = np.array([f"{worker:02x}{i:030x}" for i in range(max(n // 10, 1))])
    who = people[rng.integers(0, len(people), n)]
    key = pa.array(np.where(individual, who, None))
    minutes = np.array([15, 30, 45, 60, 90, 120, 150])[rng.integers(0, 7, n)]
    bucket = np.where(minutes < 30, "30", np.where(
        minutes < 60, "60", np.where(minutes < 120, "120", "more")))
    empty = pa.ListArray.from_arrays(pa.array(np.zeros(n + 1, np.int32)),
                                     pa.array([], pa.string()))
    ids = rng.choice(2**62, n, replace=False) if n < 2**20 else np.arange(n) * 7919 + seed
    columns = {
        "row_id": pa.array(np.char.mod("%016x", ids)),
        "month": pick([f"2026-{m:02d}" for m in range(1, 13)]),
        "kind": pa.array(np.where(individual, "Individuel", "Collectif")),
        "duration_bucket": pa.array(bucket),
        "duration_min_rounded": pa.array(minutes.astype(np.int32)),
        "place_type": pick(keys("place_types")),
        "themes": _list_column(rng, n, keys("themes"), 3),
        "admin_themes": _list_column(rng, n, keys("admin_themes"), 1),
        "equipment": _list_column(rng, n, keys("equipment"), 1),
        "autonomy": pick(keys("autonomy")),
        "referral": pick(["NonOriente", "AideSociale", "Administration"]),
        "completion": pick(["NonCommunique"]),
        "level": pick(["SansObjet"]),
        "beneficiary_key": key,
        "age_band": pick(keys("age_bands")),
        "gender": pick(keys("genders")),
        "social_status": pick(keys("social_statuses")),
        "departement": pick(["86", "79", "37", "NonCommunique"]),
        "first_visit": pick(["PremierAccompagnement", "DejaAccompagne"]),
        "participant_keys": empty,
        "first_visit_keys": empty,
        "participants_anonymous": pa.array(np.zeros(n, np.int32)),
        "anonymous_already_supported": pa.array(np.zeros(n, np.int32)),
        "record_key": pa.array(rng.integers(0, 2**32, n, dtype=np.int64)),
    }
    ident = FileIdentity(f"{worker:032x}", BENCH_KEY.structure_id, f"{worker + 1:032x}",
                         dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    head = activity_rows.to_table([], ident)
    constant = {
        "schema_version": pa.array([activity_rows.SCHEMA_VERSION] * n),
        "export_id": pa.array([ident.export_id] * n),
        "structure_id": pa.array([ident.structure_id] * n),
        "worker_id": pa.array([ident.worker_id] * n),
        "period_from": pa.array([ident.period_from] * n, pa.date32()),
        "period_to": pa.array([ident.period_to] * n, pa.date32()),
    }
    return pa.table({**constant, **columns}).cast(head.schema)


_PLAIN_GROUP_BYS = [
    *(f"SELECT {c}, count(*) FROM rows GROUP BY 1" for c in (
        "month", "kind", "place_type", "duration_bucket", "autonomy", "referral",
        "age_band", "gender", "social_status", "departement", "first_visit")),
    "SELECT value, count(*) FROM themes GROUP BY 1",
    "SELECT value, count(*) FROM admin_themes GROUP BY 1",
    *(f"SELECT {c}, count(DISTINCT beneficiary_key) FROM rows "
      f"WHERE beneficiary_key IS NOT NULL GROUP BY 1" for c in (
          "month", "kind", "place_type", "duration_bucket", "autonomy", "referral",
          "age_band", "gender", "social_status", "departement")),
    "SELECT kind, sum(duration_min_rounded) FROM rows GROUP BY 1",
    "SELECT month, sum(duration_min_rounded) FROM rows GROUP BY 1",
]


def _plain_rows(tables: list[pa.Table]) -> Any:
    # Python's own SQLite: faster at these GROUP BYs than the SQLCipher build, so the
    # more demanding baseline
    db = sqlite3.connect(":memory:")
    scalar = [f.name for f in activity_rows.SCHEMA if not pa.types.is_list(f.type)
              and f.name not in activity_rows.FILE_COLUMNS]
    db.execute(f"CREATE TABLE rows (id INTEGER PRIMARY KEY, {', '.join(scalar)})")
    db.execute("CREATE TABLE themes (row_id INTEGER, value TEXT)")
    db.execute("CREATE TABLE admin_themes (row_id INTEGER, value TEXT)")
    offset = 0
    for table in tables:
        data = [table.column(c).to_pylist() for c in scalar]
        ids = range(offset, offset + len(table))
        db.executemany(f"INSERT INTO rows VALUES (?{', ?' * len(scalar)})",
                       zip(ids, *data, strict=True))
        for name in ("themes", "admin_themes"):
            db.executemany(f"INSERT INTO {name} VALUES (?, ?)", (
                (i, value) for i, values in zip(ids, table.column(name).to_pylist(), strict=True)
                for value in values))
        offset += len(table)
    db.commit()
    return db


def bench_consolidation(rows: int, files: int = 4) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        tables = [synthetic_file(rows // files, worker, seed=worker) for worker in range(files)]
        paths = []
        for i, table in enumerate(tables):
            path = Path(folder) / f"worker{i}.parquet"
            path.write_bytes(activity_rows.parquet_bytes(table, BENCH_KEY.tag_key))
            paths.append(path)
        value = _best(lambda: consolidation.consolidate(paths, key=BENCH_KEY), repeat=2)
        db = _plain_rows(tables)
        baseline = _best(lambda: [db.execute(q).fetchall() for q in _PLAIN_GROUP_BYS], repeat=2)
        db.close()
    return {"metric": f"consolidation_{rows}_rows_s", "value": round(value, 3),
            "baseline": round(baseline, 3), "ratio": round(value / baseline, 2),
            "target": CONSOLIDATION_TARGET_S}


def run(size: int = 100_000) -> list[dict[str, Any]]:
    """Benchmark rows for `size` activities (the activity export from the command
    line, the summary) and 10 x `size` consolidated rows."""
    return [*bench_export(size), bench_summary(size), bench_consolidation(size * 10)]


def main(argv: list[str]) -> None:
    activities = int(argv[1]) if len(argv) > 1 else 100_000
    rows = int(argv[2]) if len(argv) > 2 else 1_000_000
    for result in (*bench_export(activities), bench_summary(activities),
                   bench_consolidation(rows)):
        runs = f", runs {result['runs_s']} s" if "runs_s" in result else ""
        print(f"{result['metric']}: {result['value']} (baseline {result['baseline']}, "
              f"ratio {result['ratio']}, target {result['target']}{runs})")


if __name__ == "__main__":
    main(sys.argv)
