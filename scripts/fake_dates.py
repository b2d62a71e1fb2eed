#!/usr/bin/env python3
"""Run the whole test suite under fixed fake dates, to prove nothing depends on the day.

    python scripts/fake_dates.py                 # the three dates below, one after another
    python scripts/fake_dates.py 2031-07-14T09:00 -- -x tests/unit   # one date, pytest args

Each run goes through libfaketime (Debian/Ubuntu: `apt-get install faketime`), which
moves the clock of the whole process and of its children — Python's datetime and time,
Qt, SQLite and the subprocesses the suite starts — while letting it tick, so timers and
timeouts still work. Exit status: 0 when every date passed, else the first failure's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

# (fake local time, time zone): a leap day; the last minutes of a year in a zone ahead
# of UTC, where the local day and the UTC day differ; a date three years on.
DATES: tuple[tuple[str, str], ...] = (
    ("2028-02-29 12:00:00", "UTC"),
    ("2026-12-31 23:40:00", "Europe/Paris"),
    ("2029-12-03 09:00:00", "UTC"),
)


def run(moment: str, zone: str, pytest_args: list[str]) -> int:
    env = dict(os.environ, TZ=zone)
    command = ["faketime", moment, sys.executable, "-m", "pytest", "-q",
               "-p", "no:cacheprovider", *pytest_args]
    print(f"== pytest at {moment} ({zone})", flush=True)
    return subprocess.run(command, env=env, check=False).returncode  # noqa: S603


def main(argv: list[str]) -> int:
    if shutil.which("faketime") is None:
        print("faketime not found: apt-get install faketime (libfaketime)", file=sys.stderr)
        return 2
    pytest_args: list[str] = []
    if "--" in argv:
        cut = argv.index("--")
        argv, pytest_args = argv[:cut], argv[cut + 1:]
    dates = [(a.replace("T", " "), "UTC") for a in argv] or list(DATES)
    failed = 0
    for moment, zone in dates:
        code = run(moment, zone, pytest_args)
        if code != 0 and failed == 0:
            failed = code
    return failed


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
