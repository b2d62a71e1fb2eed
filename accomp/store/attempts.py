"""A persistent back-off against passphrase guessing, shared by the GUI, the command
line and the services.

Failed attempts (wrong passphrase or recovery code) are counted in a small file
beside vault.key (`unlock-attempts`, 0600), never in the vault: the count survives a
restart of the program, and nothing about it needs the key. Before an attempt, the
delay owed since the last failure is waited out (the command line and the services)
or refused with the time left (the GUI, which shows a countdown instead of freezing).
After 3 free attempts the delay doubles from 1 s, capped at 30 s; a success clears
the count. This slows guessing through accomp; it does nothing against someone who
copies vault.key and runs Argon2 elsewhere (see the README's threat model).
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from accomp.domain.errors import KnownError
from accomp.paths import write_private_atomic

log = logging.getLogger("accomp.store.attempts")

FILE_NAME = "unlock-attempts"
FREE_ATTEMPTS = 3
BASE_DELAY_S = 1.0
MAX_DELAY_S = 30.0
FAILURES = ("wrong_passphrase", "wrong_recovery_code")
T = TypeVar("T")

# Injected by tests (no test waits for real nor reads the wall clock).
now: Callable[[], float] = time.time
sleep: Callable[[float], None] = time.sleep


def delay_for(failures: int) -> float:
    """Seconds owed after `failures` failures in a row: 0, 0, 0, 1, 2, 4, … 30."""
    if failures < FREE_ATTEMPTS:
        return 0.0
    return float(min(BASE_DELAY_S * 2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_S))


@dataclass(frozen=True, slots=True)
class State:
    failures: int = 0
    last: float = 0.0


def _path(folder: Path) -> Path:
    return folder / FILE_NAME


def read(folder: Path) -> State:
    """The count (an unreadable file counts as the cap: deleting its content must not
    reset the delay, deleting the file does, like any file the user owns)."""
    try:
        raw = json.loads(_path(folder).read_bytes())
        return State(int(raw["failures"]), float(raw["last"]))
    except FileNotFoundError:
        return State()
    except (OSError, ValueError, KeyError, TypeError):
        return State(FREE_ATTEMPTS + 5, now())


def remaining(folder: Path) -> float:
    """Seconds to wait before the next attempt (0: now). A clock set back does not
    stretch it past the cap."""
    state = read(folder)
    owed = delay_for(state.failures)
    if owed <= 0:
        return 0.0
    return max(0.0, min(state.last + owed - now(), owed))


def _failed(folder: Path) -> None:
    state = read(folder)
    data = {"failures": state.failures + 1, "last": now()}
    try:
        write_private_atomic(_path(folder), json.dumps(data).encode("ascii"))
    except OSError:
        log.warning("could not record a failed unlock attempt")


def _succeeded(folder: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        _path(folder).unlink()


def guarded(folder: Path, attempt: Callable[[], T], *, wait: bool = True) -> T:
    """Run one attempt at the key under the back-off. With `wait`, the delay owed is
    slept first; without, an attempt made too soon is refused (unlock_wait, with the
    seconds left) and not counted. A wrong passphrase or recovery code is counted;
    a success clears the count."""
    left = remaining(folder)
    if left > 0:
        if not wait:
            raise KnownError("unlock_wait", seconds=math.ceil(left))
        sleep(left)
    try:
        value = attempt()
    except KnownError as err:
        if err.code in FAILURES:
            _failed(folder)
        raise
    _succeeded(folder)
    return value
