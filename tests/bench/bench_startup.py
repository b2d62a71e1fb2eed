"""Process start → first window painted: accomp's unlock dialog against a bare
PySide6 QMainWindow process.

Both are new interpreters run with QT_QPA_PLATFORM=offscreen. The clock starts in
the parent just before the process is spawned (time.time(), shared by processes);
the child notes the time in a QTimer.singleShot(0) queued from the window's first
paint event, i.e. once that whole paint pass is done, prints it and exits at once.

- bare: `QApplication` + a `QMainWindow` shown (the toolkit's own cost);
- accomp: `accomp.cli.main(["--data-dir", DIR])` on an existing vault, exactly what
  the `accomp` command runs; the unlock dialog's class is patched at import time (an
  import hook, no change to the application) to report its first paint.

The runs alternate (bare, accomp, bare, …) after one discarded pair that warms the
disk cache; the value is the median. At size M one more accomp run under
`-X importtime` lists what was imported before the dialog was painted.

    python tests/bench/bench_startup.py bare
    python tests/bench/bench_startup.py accomp DATA_DIR
"""

from __future__ import annotations

import os
import sys
import time

KEY = "startup"
METRIC = "process start → first window painted (unlock dialog)"
TARGET = "≤ 1.5×"
METRICS = {KEY: METRIC}
TARGETS = {KEY: TARGET}

_T_MAIN = time.time()


def _report_and_exit(what: str) -> None:
    painted_at = time.time()
    from bench_common import result_line

    heavy = [m for m in ("sqlalchemy", "sqlmodel", "alembic", "sqlcipher3", "pydantic",
                         "argon2", "cryptography", "pyarrow", "numpy", "PySide6.QtCharts")
             if m in sys.modules]
    result_line({"what": what, "painted_at": painted_at, "main_at": _T_MAIN,
                 "modules": len(sys.modules), "heavy_before_paint": heavy})
    sys.stdout.flush()
    os._exit(0)


def _watch(cls: type, what: str) -> None:
    """Make `cls` report the end of its first paint pass."""
    from PySide6.QtCore import QEvent, QTimer

    base = cls.event  # type: ignore[attr-defined]
    seen: list[bool] = []

    def event(self: object, e: QEvent) -> bool:
        handled = base(self, e)
        if e.type() == QEvent.Type.Paint and not seen:
            seen.append(True)
            QTimer.singleShot(0, lambda: _report_and_exit(what))
        return bool(handled)

    cls.event = event  # type: ignore[attr-defined]


def _bare() -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])

    class Window(QMainWindow):
        pass

    _watch(Window, "bare")
    window = Window()
    window.setWindowTitle("bare")
    window.resize(460, 320)
    window.show()
    app.exec()


def _accomp(data_dir: str) -> None:
    # The hook uses only what the interpreter has already loaded (importlib.abc and
    # importlib.util cost ~15 ms to import, which the application itself does not pay).
    from importlib.machinery import PathFinder

    target = "accomp.ui.dialogs.unlock"

    class Hook:
        def find_spec(self, name: str, path: object, target_: object = None) -> object:
            if name != target:
                return None
            sys.meta_path.remove(self)  # type: ignore[arg-type]
            spec = PathFinder.find_spec(name, path)  # type: ignore[arg-type]
            assert spec is not None
            assert spec.loader is not None
            load = spec.loader.exec_module

            def exec_module(module: object) -> None:
                load(module)  # type: ignore[arg-type]
                _watch(module.UnlockDialog, "accomp")  # type: ignore[attr-defined]

            spec.loader.exec_module = exec_module  # type: ignore[method-assign]
            return spec

    sys.meta_path.insert(0, Hook())  # type: ignore[arg-type]
    from accomp.cli import main

    main(["--data-dir", data_dir])
    sys.exit("the unlock dialog closed without being painted")


# --- the metric ------------------------------------------------------------------------


def _importtime(stderr: str, top: int = 8) -> list[tuple[str, float]]:
    """Top-level packages by cumulative import time (ms), from -X importtime."""
    by_top: dict[str, float] = {}
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        parts = line.split("|")
        try:
            cumulative = int(parts[1])
        except ValueError:
            continue
        name = parts[2].rstrip()
        if len(name) - len(name.lstrip()) != 1:
            continue  # nested import: counted in its top-level parent
        name = name.strip()
        by_top[name] = by_top.get(name, 0.0) + cumulative / 1000
    return sorted(by_top.items(), key=lambda kv: -kv[1])[:top]


def run(ds: object, keys: set[str], say: object = print) -> list[dict[str, object]]:
    from bench_common import median, row, run_child, summary

    size = ds.size  # type: ignore[attr-defined]
    data_dir = str(ds.data_dir)  # type: ignore[attr-defined]
    pairs = 1 if size.name == "S" else size.repeats
    warmup = 0 if size.name == "S" else 1

    def once(kind: str) -> tuple[float, dict[str, object]]:
        args = ("bare",) if kind == "bare" else ("accomp", data_dir)
        result, started, _ = run_child("bench_startup", *args, timeout=120)
        return (float(result["painted_at"]) - started) * 1000, result  # type: ignore[arg-type]

    bare: list[float] = []
    app: list[float] = []
    last: dict[str, object] = {}
    for i in range(warmup + pairs):
        b, _ = once("bare")
        a, last = once("accomp")
        if i >= warmup:
            bare.append(b)
            app.append(a)
    details: dict[str, object] = {"accomp_ms": summary(app), "bare_ms": summary(bare),
                                  "heavy_modules_before_paint": last.get("heavy_before_paint"),
                                  "modules_before_paint": last.get("modules")}
    if size.name != "S":
        _, _, stderr = run_child("bench_startup", "accomp", data_dir,
                                 python_flags=("-X", "importtime"), timeout=120)
        details["import_ms_before_paint"] = dict(_importtime(stderr))
    heavy = ", ".join(last.get("heavy_before_paint") or []) or "none"  # type: ignore[arg-type]
    note = (f"medians of {pairs} runs each, alternated; imported before the dialog is "
            f"painted: {heavy}")
    return [row(KEY, METRIC, value=median(app), baseline=median(bare), unit="ms",
                target=TARGET, baseline_what="bare PySide6 QMainWindow process",
                note=note, details=details, digits=0)]


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    if sys.argv[1] == "bare":
        _bare()
    elif sys.argv[1] == "accomp":
        _accomp(sys.argv[2])
    else:
        sys.exit(f"unknown mode {sys.argv[1]!r}")
