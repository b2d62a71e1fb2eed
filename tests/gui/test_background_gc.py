"""A read in the worker thread runs with the cycle collector paused (a full collection
over the read's short-lived rows held the interpreter lock, freezing the window for
62–220 ms at size M), and the collector is back on afterwards — also when the read
fails."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from accomp.ui.background import BackgroundRead


def _read(qtbot: QtBot, read: Any) -> list[tuple[Any, Any]]:
    reads = BackgroundRead("test")
    got: list[tuple[Any, Any]] = []
    with qtbot.waitSignal(reads.finished, timeout=5000):
        reads.start(read, lambda result, error: got.append((result, error)))
    return got


@pytest.fixture
def collecting() -> Iterator[None]:
    """The collector on, as in the application, then as it was found."""
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_the_collector_is_paused_during_a_read_and_back_after(
    qtbot: QtBot, collecting: None
) -> None:
    got = _read(qtbot, gc.isenabled)
    assert got == [(False, None)]
    qtbot.waitUntil(gc.isenabled)  # once the worker is past the read


def test_a_failing_read_gives_the_collector_back(qtbot: QtBot, collecting: None) -> None:
    def fail() -> None:
        raise ValueError("no")

    got = _read(qtbot, fail)
    assert isinstance(got[0][1], ValueError)
    qtbot.waitUntil(gc.isenabled)


def test_a_collector_switched_off_by_someone_else_stays_off(
    qtbot: QtBot, collecting: None
) -> None:
    gc.disable()
    _read(qtbot, lambda: None)
    _read(qtbot, lambda: None)  # the first one is over: the worker runs one at a time
    assert not gc.isenabled()


def test_overlapping_reads_give_the_collector_back_when_the_last_ends(
    collecting: None
) -> None:
    from accomp.ui.background import collector_paused

    with collector_paused():
        with collector_paused():  # the dashboard's own thread, at the same time
            assert not gc.isenabled()
        assert not gc.isenabled()  # the other read still runs
    assert gc.isenabled()
