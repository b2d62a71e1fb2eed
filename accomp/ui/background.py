"""Reading the vault off the window's thread, for pages that read much when they open.

A page asks `BackgroundRead.start(read, on_done)`: `read()` runs in a worker thread
(services open their own database session per call, so the worker never shares one
with the window), and `on_done(result, error)` runs later in the window's thread
through a queued signal. Only the last read asked counts: a result that a newer read,
or `cancel()` (the vault was locked, the page cleared), made stale is dropped unseen.
`busy` says whether the last read is still under way, so that the page can say it is
reading; `finished` tells tests (and the benchmark) that a result arrived.

Every page's reads run one after the other in one shared worker thread: two reads
never race (a first summary records its key seed, and two writers at once in SQLite's
WAL mode make one fail with "database is locked"), and on a two-core machine they
would only slow each other down. A read that became stale while it waited in the
queue is skipped without reading anything.
"""

from __future__ import annotations

import contextlib
import gc
import queue
import threading
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QObject, Signal

_Job = Callable[[], None]
_jobs: queue.SimpleQueue[_Job] = queue.SimpleQueue()
_worker: threading.Thread | None = None
_worker_guard = threading.Lock()


_pause_guard = threading.Lock()
_pauses = {"count": 0, "resume": False}


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Run a read with the cycle collector paused. A read builds many short-lived
    objects (a year of sessions as rows): a full collection in the middle would scan
    them all while holding the interpreter lock, and freeze the window for as long
    (62–220 ms measured at size M). Paused, the collector finds them already freed by
    their reference counts when it next runs. Reads of several threads may overlap:
    the collector comes back when the last one ends, if it was on before the first."""
    with _pause_guard:
        if _pauses["count"] == 0:
            _pauses["resume"] = gc.isenabled()
            gc.disable()
        _pauses["count"] += 1
    try:
        yield
    finally:
        with _pause_guard:
            _pauses["count"] -= 1
            if _pauses["count"] == 0 and _pauses["resume"]:
                gc.enable()


def _run_jobs() -> None:
    while True:
        job = _jobs.get()
        with collector_paused():
            job()


def _submit(job: _Job) -> None:
    global _worker
    with _worker_guard:
        if _worker is None or not _worker.is_alive():
            _worker = threading.Thread(target=_run_jobs, name="accomp-background", daemon=True)
            _worker.start()
    _jobs.put(job)


class BackgroundRead(QObject):
    """One page's reads: the newest one wins, older results are dropped."""

    _done = Signal(int, object, object)  # generation, result, Exception | None
    finished = Signal()  # a current result was handed to its callback
    busy_changed = Signal(bool)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self._generation = 0
        self._callbacks: dict[int, Callable[[Any, Exception | None], None]] = {}
        self._done.connect(self._deliver)

    @property
    def busy(self) -> bool:
        return self._generation in self._callbacks

    def start(self, read: Callable[[], Any],
              on_done: Callable[[Any, Exception | None], None]) -> None:
        """Run `read()` in a worker thread; `on_done` gets its result (or its
        exception) in the window's thread, unless a newer start or cancel came first."""
        self._generation += 1
        generation = self._generation
        self._callbacks = {generation: on_done}
        done = self._done
        current = self._current

        def work() -> None:
            if current() != generation:
                return  # stale before it started: nothing read
            result: Any = None
            error: Exception | None = None
            try:
                result = read()
            except Exception as exc:  # shown (or dropped) in the window's thread
                error = exc
            with contextlib.suppress(RuntimeError):  # the page was deleted meanwhile
                done.emit(generation, result, error)

        self.busy_changed.emit(True)
        _submit(work)

    def _current(self) -> int:
        """The generation of the newest read (read from the worker: an int, atomic)."""
        try:
            return self._generation
        except RuntimeError:  # the page was deleted meanwhile
            return -1

    def cancel(self) -> None:
        """Drop the read under way (its result is never delivered)."""
        was_busy = self.busy
        self._generation += 1
        self._callbacks = {}
        if was_busy:
            self.busy_changed.emit(False)

    def _deliver(self, generation: int, result: Any, error: Exception | None) -> None:
        callback = self._callbacks.pop(generation, None)
        if callback is None or generation != self._generation:
            return  # stale: a newer read was asked, or the page was cleared
        self.busy_changed.emit(False)
        callback(result, error)
        self.finished.emit()
