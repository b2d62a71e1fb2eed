"""What every benchmark module shares: statistics, result rows, targets, children.

A result row (one line of the table, one object of the JSON):

    {"key": "search", "metric": "beneficiary search-as-you-type, p95 over 200 queries",
     "value": 3.2, "baseline": 1.1, "unit": "ms", "ratio": 2.9,
     "target": "≤ 15 ms, ≤ 3×", "met": true, "baseline_what": "plain SQLite LIKE …",
     "note": "…", "details": {…}}

`value` and `baseline` are in `unit`; `ratio` is value / baseline; `met` is None when
the row has no value (pending, error). Targets are written as the issue writes them
and evaluated by `evaluate`: conditions joined by "," or "and", each "≤ N×" (on the
ratio) or "≤ N ms|s|MB" (on the value).
"""

from __future__ import annotations

import json
import math
import os
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
MARK = "BENCH-RESULT "


# --- statistics ------------------------------------------------------------------------


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100): a value that was actually measured."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return float(ordered[rank - 1])


def summary(values: Sequence[float], digits: int = 2) -> dict[str, float]:
    return {
        "n": len(values),
        "min": round(min(values), digits),
        "median": round(median(values), digits),
        "p95": round(percentile(values, 95), digits),
        "max": round(max(values), digits),
    }


def ms(seconds: float) -> float:
    return seconds * 1000.0


# --- rows --------------------------------------------------------------------------------


_UNITS = {"ms": 1.0, "s": 1000.0, "MB": 1.0, "MiB": 1.0}
_CONDITION = re.compile(r"^(?:≤|<=)\s*([0-9.]+)\s*(×|x|ms|s|MB|MiB)$")


def evaluate(target: str, value: float | None, unit: str, ratio: float | None) -> bool | None:
    """True/False when every condition of `target` can be checked, else None."""
    if value is None:
        return None
    results: list[bool] = []
    for part in re.split(r",|\band\b", target):
        part = part.strip()
        if not part or part in ("—", "-"):
            continue
        m = _CONDITION.match(part)
        if m is None:
            return None
        limit, what = float(m.group(1)), m.group(2)
        if what in ("×", "x"):
            if ratio is None:
                return None
            results.append(ratio <= limit)
        elif what in ("MB", "MiB"):
            results.append(value <= limit)
        else:  # a duration: compare in ms
            if unit not in ("ms", "s"):
                return None
            results.append(value * _UNITS[unit] <= limit * _UNITS[what])
    return all(results) if results else None


def row(
    key: str, metric: str, *, value: float | None, unit: str, target: str,
    baseline: float | None = None, baseline_what: str = "—", note: str = "",
    details: dict[str, Any] | None = None, digits: int = 1,
) -> dict[str, Any]:
    ratio = None
    if value is not None and baseline:
        ratio = round(value / baseline, 2)
    rounded = None if value is None else round(value, digits)
    return {
        "key": key, "metric": metric,
        "value": rounded,
        "baseline": None if baseline is None else round(baseline, digits),
        "unit": unit, "ratio": ratio, "target": target,
        "met": evaluate(target, value, unit, ratio),
        "baseline_what": baseline_what, "note": note, "details": details or {},
    }


def missing(key: str, metric: str, target: str, note: str, *, status: str) -> dict[str, Any]:
    """A row with no value: status "pending" (not written yet), "error" or "skipped"."""
    r = row(key, metric, value=None, unit="", target=target, note=note)
    r["status"] = status
    return r


# --- child processes -------------------------------------------------------------------


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.setdefault("LC_ALL", "C.UTF-8")
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    env.update(extra)
    return env


def result_line(payload: dict[str, Any]) -> None:
    """How a child hands its measurements back: one marked JSON line on stdout."""
    sys.stdout.write(MARK + json.dumps(payload) + "\n")
    sys.stdout.flush()


class ChildFailed(RuntimeError):
    pass


def run_child(
    module: str, *args: str, timeout: float = 300, python_flags: Sequence[str] = (),
    env: dict[str, str] | None = None,
) -> tuple[dict[str, Any], float, str]:
    """Run tests/bench/<module>.py with `args` in a new interpreter; return its result,
    the wall-clock time.time() just before it was started, and its stderr."""
    cmd = [sys.executable, *python_flags, str(HERE / f"{module}.py"), *args]
    started = time.time()
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                          env=env or child_env(), check=False)
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith(MARK):
            return json.loads(line[len(MARK):]), started, proc.stderr
    tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-8:])
    raise ChildFailed(f"{module} {' '.join(args[:1])} exited {proc.returncode}: {tail}")


# --- memory ----------------------------------------------------------------------------


def memory_mb() -> dict[str, float]:
    """Resident memory now and at its peak (VmRSS, VmHWM), in MB (10^6 bytes)."""
    out: dict[str, float] = {}
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(("VmRSS:", "VmHWM:")):
                name, kib = line.split()[:2]
                out[name.rstrip(":")] = int(kib) * 1024 / 1e6
    except OSError:
        pass
    if "VmHWM" not in out:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB elsewhere
        out["VmHWM"] = peak * scale / 1e6
    return out
