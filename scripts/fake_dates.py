#!/usr/bin/env python3
"""Run the whole test suite under fixed fake dates, to prove nothing depends on the day.

    python scripts/fake_dates.py                 # the three dates below, one after another
    python scripts/fake_dates.py 2031-07-14T09:00 -- -x tests/unit   # one date, pytest args

Each run puts tests/fakeclock on PYTHONPATH with ACCOMP_FAKE_NOW set: its
sitecustomize moves the clock of the suite and of every Python subprocess it starts
with time-machine (installed by the [test] extra), and lets it tick from there.
(libfaketime was tried first: with Python 3.11 a thread wait with a timeout then
sleeps for years or fails with EINVAL.) Exit status: 0 when every date passed, else
the first failure's.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# (fake local time, time zone): a leap day; the last minutes of a year in a zone ahead
# of UTC, where the local day and the UTC day differ; a date three years on.
DATES: tuple[tuple[str, str], ...] = (
    ("2028-02-29T12:00:00", "UTC"),
    ("2026-12-31T23:40:00", "Europe/Paris"),
    ("2029-12-03T09:00:00", "UTC"),
)


def run(moment: str, zone: str, pytest_args: list[str]) -> int:
    path = os.pathsep.join(p for p in (str(ROOT / "tests" / "fakeclock"),
                                       os.environ.get("PYTHONPATH", "")) if p)
    env = dict(os.environ, TZ=zone, ACCOMP_FAKE_NOW=moment, PYTHONPATH=path,
               ACCOMP_FAKE_STARTED=repr(time.time()))
    # time_machine is imported by the sitecustomize already: pytest cannot rewrite its
    # asserts as a plugin's (it is not used as one), and says so once.
    # -P: like the `pytest` command, the installed accomp, not the checkout's folder
    # (which has no accomp.resources in a non-editable install).
    command = [sys.executable, "-P", "-m", "pytest", "-q", "-p", "no:cacheprovider",
               "-p", "no:time_machine", "-W", "ignore::pytest.PytestAssertRewriteWarning",
               *pytest_args]
    print(f"== pytest at {moment} ({zone})", flush=True)
    # The clock must really have moved, or the run would prove nothing.
    seen = subprocess.run(
        [sys.executable, "-c", "import datetime; print(datetime.datetime.now().isoformat())"],
        env=env, cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()
    if not seen.startswith(moment[:16]):
        print(f"the clock did not move: {seen}", file=sys.stderr)
        return 2
    return subprocess.run(command, env=env, cwd=ROOT, check=False).returncode  # noqa: S603


def main(argv: list[str]) -> int:
    pytest_args: list[str] = []
    if "--" in argv:
        cut = argv.index("--")
        argv, pytest_args = argv[:cut], argv[cut + 1:]
    dates = [(a, "UTC") for a in argv] or list(DATES)
    failed = 0
    for moment, zone in dates:
        code = run(moment, zone, pytest_args)
        if code != 0 and failed == 0:
            failed = code
    return failed


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
