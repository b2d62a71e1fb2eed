"""Consolidation at scale, from the command line, against DuckDB in the same run.

    python tests/bench/bench_scale.py --rows 10000000 --files 10 [--workdir DIR]

Writes `files` signed Parquet activity files of rows/files rows each (kept in
--workdir between runs), then runs, each in its own process under /usr/bin/time:

- `accomp consolidate` (signature checks, plausibility, counts and protection,
  JSON written), as a supervisor runs it;
- DuckDB over the same Parquet files, running the same aggregations (the counts
  of every table, distinct people included) without checks or protection: the
  baseline.

Prints one row per program: wall time, peak memory (maximum resident set size),
and the ratio accomp / DuckDB. Targets: ratio <= 2, accomp peak <= 1 GB.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

DIMENSIONS = ("month", "kind", "place_type", "duration_bucket", "autonomy", "referral")
ATTRIBUTES = ("age_band", "gender", "social_status", "departement", "first_visit")

DUCKDB_BASELINE = rf"""
import sys, duckdb
con = duckdb.connect()
con.execute("SET threads = 2")
con.execute(f"CREATE VIEW r AS SELECT * FROM read_parquet('{{sys.argv[1]}}/*.parquet')")
queries = []
for c in {DIMENSIONS!r} + {ATTRIBUTES!r}:
    queries.append(f"SELECT {{c}}, count(*) FROM r GROUP BY 1")
for c in {DIMENSIONS!r}:
    queries.append(f"SELECT {{c}}, count(DISTINCT beneficiary_key) FROM r "
                   "WHERE beneficiary_key IS NOT NULL GROUP BY 1")
for c in {ATTRIBUTES!r}:
    queries.append(f"SELECT a, count(*) FROM (SELECT beneficiary_key, any_value({{c}}) a "
                   "FROM r WHERE beneficiary_key IS NOT NULL GROUP BY 1) GROUP BY 1")
for c in ("themes", "admin_themes"):
    queries.append(f"SELECT t, count(*) FROM (SELECT unnest({{c}}) t FROM r) GROUP BY 1")
    queries.append(f"SELECT t, count(DISTINCT beneficiary_key) FROM (SELECT unnest({{c}}) t, "
                   "beneficiary_key FROM r WHERE beneficiary_key IS NOT NULL) GROUP BY 1")
queries.append("SELECT kind, sum(duration_min_rounded) FROM r GROUP BY 1")
queries.append("SELECT month, sum(duration_min_rounded) FROM r GROUP BY 1")
for q in queries:
    con.execute(q).fetchall()
"""


def make_files(folder: Path, rows: int, files: int) -> list[Path]:
    from bench_reports import BENCH_KEY, synthetic_file

    from accomp.reports import activity_rows

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for worker in range(files):
        path = folder / f"worker{worker:02d}.parquet"
        if not path.exists():
            table = synthetic_file(rows // files, worker, seed=worker)
            path.write_bytes(activity_rows.parquet_bytes(table, BENCH_KEY.tag_key))
            del table
        paths.append(path)
    return paths


def timed(command: list[str]) -> tuple[float, int, str]:
    """Wall seconds, peak RSS in MB, and stderr of a command run under /usr/bin/time."""
    start = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-v", *command], capture_output=True, text=True,
                          check=False)
    wall = time.perf_counter() - start
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    if done.returncode != 0:
        raise SystemExit(f"{command[:4]} failed:\n{done.stderr[-2000:]}")
    return wall, int(peak.group(1)) // 1024 if peak else -1, done.stderr


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--files", type=int, default=10)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir())
                        / "accomp-bench-scale")
    args = parser.parse_args(argv)
    from bench_reports import _BENCH_SECRET

    from accomp.services.exports import SECRET_FILE_HEADER

    folder = args.workdir / f"{args.rows}"
    paths = make_files(folder, args.rows, args.files)
    secret = args.workdir / "secret.txt"
    secret.write_text(f"{SECRET_FILE_HEADER}\n{_BENCH_SECRET.hex()}\n")
    out = args.workdir / "equipe.json"
    out.unlink(missing_ok=True)
    accomp_s, accomp_mb, _ = timed([sys.executable, "-m", "accomp", "consolidate",
                                    *map(str, paths), "--format", "json", "-o", str(out),
                                    "--secret", str(secret)])
    script = args.workdir / "duckdb_baseline.py"
    script.write_text(DUCKDB_BASELINE)
    duck_s, duck_mb, _ = timed([sys.executable, str(script), str(folder)])
    print(f"{'rows':>12} {'files':>5} {'accomp s':>9} {'duckdb s':>9} {'ratio':>6} "
          f"{'accomp peak MB':>15} {'duckdb peak MB':>15}")
    print(f"{args.rows:>12,} {args.files:>5} {accomp_s:>9.1f} {duck_s:>9.1f} "
          f"{accomp_s / duck_s:>6.2f} {accomp_mb:>15,} {duck_mb:>15,}")


if __name__ == "__main__":
    main(sys.argv[1:])
