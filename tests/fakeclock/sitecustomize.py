"""Moves the clock of every Python process of a test run to ACCOMP_FAKE_NOW.

scripts/fake_dates.py puts this folder on PYTHONPATH, so the suite and every Python
subprocess it starts (the command line, crash writers, benchmarks) import it at
start-up and travel to that instant plus the real time elapsed since the run began
(ACCOMP_FAKE_STARTED), so all share one clock, which ticks on from there, so
timers, timeouts and thread waits (which use the monotonic clock, never moved) work.
time-machine moves Python's datetime and time functions; nothing in accomp reads the
date elsewhere (Qt's own clock and SQLite's are not used for dates).
"""

from __future__ import annotations

import datetime as dt
import os
import time

_target = os.environ.get("ACCOMP_FAKE_NOW")
if _target:
    import time_machine

    _moment = dt.datetime.fromisoformat(_target)
    if _moment.tzinfo is None:
        _moment = _moment.astimezone()  # local time of the run (TZ)
    # One clock for the whole run: a subprocess started later starts later on it too.
    _started = float(os.environ.get("ACCOMP_FAKE_STARTED", time.time()))
    _moment += dt.timedelta(seconds=max(0.0, time.time() - _started))
    time_machine.travel(_moment, tick=True).start()
