"""accomp's benchmarks: every metric of issue 7, each against a baseline measured in
the same run on the same data.

    python tests/bench/run.py [--size S|M|L] [--json out.json] [--only METRIC ...]
                              [--seed N] [--cache-dir DIR]

Prints a table (metric, value, baseline, ratio, target, met) and writes the same
rows as JSON. Progress goes to stderr. Exit status: 0 when every metric was
measured (met or not), 1 when one of them failed to run (a bug of the benchmark or
of the application: see its note), 2 for bad usage.

Metrics (keys for --only): startup, unlock_journal, search, log_activity,
journal_scroll, journal_rss, summary, consolidation, encryption, demo, ui_stall,
import_precheck, import_write (issue 16: bench_import.py, 50,000 rows). The summary
and consolidation rows come from tests/bench/bench_reports.py (`run(size)`) when it
exists ("pending" otherwise). docs/benchmarks.md explains how to read the output.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import inspect
import json
import os
import platform
import subprocess
import sys
import time
import traceback
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
# Benchmark vaults use a cheap KDF, below the policy real key files are held to.
os.environ.setdefault("ACCOMP_KDF_FLOOR", "1,1024,1")

import bench_common  # noqa: E402
import bench_demo  # noqa: E402
import bench_import  # noqa: E402
import bench_journal  # noqa: E402
import bench_logging  # noqa: E402
import bench_search  # noqa: E402
import bench_startup  # noqa: E402
import bench_ui_stall  # noqa: E402
import dataset  # noqa: E402

REPORTS_TARGETS = {"summary": "≤ 1.5×", "consolidation": "≤ 2×, ≤ 5 s"}

# In the order of the table.
ORDER = ["startup", "unlock_journal", "search", "log_activity", "journal_scroll",
         "journal_rss", "summary", "consolidation", "encryption", "demo", "ui_stall",
         "import_precheck", "import_write"]
MODULES: dict[str, Any] = {
    "startup": bench_startup, "unlock_journal": bench_journal, "search": bench_search,
    "log_activity": bench_logging, "journal_scroll": bench_journal,
    "journal_rss": bench_journal, "encryption": bench_logging, "demo": bench_demo,
    "ui_stall": bench_ui_stall, "import_precheck": bench_import, "import_write": bench_import,
}


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _titles(size: dataset.Size) -> dict[str, str]:
    titles: dict[str, str] = {}
    for module in dict.fromkeys(MODULES.values()):
        titles.update(module.METRICS)
    titles["summary"] = f"summary report over {size.activities:,} activities (all tables)"
    titles["consolidation"] = (f"consolidation of {size.activities * 10:,} anonymised rows "
                               "into the team summary")
    return titles


# --- the reports' rows (bench_reports.py, written separately) ---------------------------


def _reports_rows(
    size: dataset.Size, keys: set[str], titles: dict[str, str]
) -> list[dict[str, Any]]:
    wanted = [k for k in ("summary", "consolidation") if k in keys]
    if not wanted:
        return []
    try:
        import bench_reports
    except ModuleNotFoundError as exc:
        if exc.name == "bench_reports":
            return [bench_common.missing(k, titles[k], REPORTS_TARGETS[k],
                                         "pending: tests/bench/bench_reports.py not written yet",
                                         status="pending") for k in wanted]
        raise
    run = bench_reports.run
    params = list(inspect.signature(run).parameters.values())
    by_count = bool(params) and (params[0].annotation in (int, "int")
                                 or isinstance(params[0].default, int))
    results = run(size.activities if by_count else size.name)
    out: list[dict[str, Any]] = []
    for r in results:
        name = str(r.get("metric", ""))
        key = next((k for k in ("summary", "consolidation") if name.startswith(k)), name)
        if key not in keys and key in REPORTS_TARGETS:
            continue
        unit = r.get("unit") or ("ms" if name.endswith("_ms") else "s")
        target = REPORTS_TARGETS.get(key, str(r.get("target", "—")))
        note = f"from bench_reports ({name})"
        own = r.get("target")
        if isinstance(own, int | float):
            note += f"; its own target: ≤ {own} {unit}"
        converted = bench_common.row(
            key, titles.get(key, name), value=r.get("value"), baseline=r.get("baseline"),
            unit=unit, target=target, note=note, digits=3,
            baseline_what={"summary": "the same GROUP BYs in plain SQL",
                           "consolidation": "SQL GROUP BY on the same rows"}.get(key, "—"),
            details={k: v for k, v in r.items() if k not in ("metric",)},
        )
        if r.get("ratio") is not None:  # theirs is computed before rounding
            converted["ratio"] = r["ratio"]
            converted["met"] = bench_common.evaluate(target, converted["value"], unit,
                                                     r["ratio"])
        out.append(converted)
    for k in wanted:
        if not any(r["key"] == k for r in out):
            out.append(bench_common.missing(k, titles[k], REPORTS_TARGETS[k],
                                            "bench_reports.run returned no such row",
                                            status="error"))
    return out


# --- running -----------------------------------------------------------------------------


def measure(ds: dataset.Dataset, keys: list[str]) -> list[dict[str, Any]]:
    titles = _titles(ds.size)
    rows: list[dict[str, Any]] = []
    done: set[int] = set()
    for key in ORDER:
        if key not in keys:
            continue
        module = MODULES.get(key)
        if module is None:  # the reports' rows
            if any(r["key"] == key for r in rows):
                continue
            group = {k for k in keys if k in REPORTS_TARGETS}
            say(f"· {', '.join(sorted(group))} (bench_reports) …")
            started = time.perf_counter()
            try:
                rows.extend(_reports_rows(ds.size, group, titles))
            except Exception as exc:
                rows.extend(_failed(k, titles[k], REPORTS_TARGETS[k], exc) for k in group)
            say(f"  {time.perf_counter() - started:.1f} s")
            continue
        if id(module) in done:
            continue
        done.add(id(module))
        group = {k for k in keys if MODULES.get(k) is module}
        say(f"· {', '.join(k for k in ORDER if k in group)} …")
        started = time.perf_counter()
        try:
            rows.extend(module.run(ds, group, say))
        except Exception as exc:
            rows.extend(_failed(k, titles[k], _target_of(k), exc)
                        for k in ORDER if k in group)
        say(f"  {time.perf_counter() - started:.1f} s")
    return sorted(rows, key=lambda r: ORDER.index(r["key"]) if r["key"] in ORDER else 99)


def _target_of(key: str) -> str:
    return str(MODULES[key].TARGETS.get(key, "—"))


def _failed(key: str, metric: str, target: str, exc: BaseException) -> dict[str, Any]:
    say(f"  {key} failed:\n" + "".join(traceback.format_exception(exc)).rstrip())
    text = str(exc).strip().splitlines()
    reason = f"{type(exc).__name__}: {text[-1] if text else ''}"[:300]
    return bench_common.missing(key, metric, target, f"error: {reason}", status="error")


# --- output ------------------------------------------------------------------------------


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "ms":
        return f"{value:.0f} ms" if value >= 100 else f"{value:.1f} ms" if value >= 10 \
            else f"{value:.2f} ms"
    if unit == "s":
        return f"{value:.2f} s" if value < 100 else f"{value:.0f} s"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:g} {unit}".strip()


def _verdict(r: dict[str, Any]) -> str:
    if r.get("status"):
        return str(r["status"])
    return {True: "met", False: "NOT MET", None: "?"}[r["met"]]


def table(rows: list[dict[str, Any]]) -> str:
    head = ("metric", "value", "baseline", "ratio", "target", "result")
    lines = [head]
    for r in rows:
        lines.append((
            r["metric"], fmt(r["value"], r["unit"]), fmt(r["baseline"], r["unit"]),
            "—" if r["ratio"] is None else f"{r['ratio']:.2f}×", r["target"], _verdict(r),
        ))
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    aligns = ["<", ">", ">", ">", "<", "<"]
    out = ["  ".join(f"{cell:{a}{w}}" for cell, a, w in zip(line, aligns, widths, strict=True))
           .rstrip() for line in lines]
    out.insert(1, "  ".join("-" * w for w in widths))
    out.append("")
    out.append("baselines and notes:")
    for r in rows:
        base = "" if r["baseline_what"] in ("", "—") else f"baseline: {r['baseline_what']}; "
        out.append(f"- {r['key']}: {base}{r['note']}".rstrip("; "))
    return "\n".join(out)


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {
        "platform": platform.platform(), "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        info["memory_gb"] = round(
            int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass  # not Linux: the report goes without
    with contextlib.suppress(OSError):
        info["load_average_at_start"] = [round(x, 2) for x in os.getloadavg()]
    try:
        import PySide6
        import sqlcipher3

        info["pyside6"] = PySide6.__version__
        conn = sqlcipher3.connect(":memory:")
        info["sqlcipher"] = conn.execute("PRAGMA cipher_version").fetchone()[0]
        info["sqlite"] = conn.execute("SELECT sqlite_version()").fetchone()[0]
        conn.close()
    except Exception:  # version strings only decorate the report
        pass
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        info["commit"] = subprocess.run(
            ["git", "-C", str(HERE), "rev-parse", "--short", "HEAD"], capture_output=True,
            text=True, check=True, timeout=10).stdout.strip()
    return info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=sorted(dataset.SIZES), default="M")
    parser.add_argument("--json", type=Path, help="write the rows as JSON to this file")
    parser.add_argument("--only", nargs="+", choices=ORDER, metavar="METRIC",
                        help=f"only these metrics ({', '.join(ORDER)})")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache-dir", type=Path,
                        help="where vaults are cached (default: $ACCOMP_BENCH_CACHE or the "
                             "temporary folder / accomp-bench)")
    args = parser.parse_args(argv)
    keys = [k for k in ORDER if not args.only or k in args.only]

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = dt.datetime.now(dt.UTC)
    t0 = time.perf_counter()
    info = machine()
    ds = dataset.prepare(args.size, seed=args.seed, cache_dir=args.cache_dir, say=say)
    rows = measure(ds, keys)
    elapsed = time.perf_counter() - t0

    size = ds.size
    what = f"{size.beneficiaries:,} files, {size.activities:,} sessions"
    if size.name == "L":
        what = f"vault metrics on M: {what}"
    title = (f"accomp benchmarks — size {size.name} ({what}), seed {args.seed}, "
             f"{started:%Y-%m-%d %H:%M} UTC")
    specs = ", ".join(f"{k} {info[k]}" for k in ("python", "pyside6", "sqlcipher")
                      if k in info)
    print(title)
    print(f"machine: {info.get('cpu', platform.machine())}, {info.get('cpus')} CPUs, "
          f"{info.get('memory_gb', '?')} GB, {platform.system()}; {specs}; load average "
          f"at start {info.get('load_average_at_start', '?')}")
    if ds.built_in_s is not None:
        print(f"vault built in {ds.built_in_s:.1f} s (cached for the next runs)")
    print()
    print(table(rows))
    print()
    print(f"run time {elapsed:.0f} s")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({
            "title": title, "date": started.isoformat(timespec="seconds"),
            "size": size.name, "activities": size.activities,
            "beneficiaries": size.beneficiaries, "seed": args.seed, "machine": info,
            "vault_built_in_s": ds.built_in_s, "run_seconds": round(elapsed, 1),
            "rows": rows,
        }, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 1 if any(r.get("status") == "error" for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
