"""The application runs without numpy (the bundle leaves it out: 42 MB with
OpenBLAS). numpy stays installed for the tests' reference engine, and pyarrow imports
it whenever it can; so a child process makes `import numpy` fail, as in the bundle,
then imports every module of accomp and runs the code that used numpy: the
write-ahead log check, the activity export's columns, the consolidation's empty
case."""

from __future__ import annotations

import subprocess
import sys
import textwrap

CHILD = textwrap.dedent("""
    import importlib, pkgutil, random, struct, sys
    sys.modules["numpy"] = None  # `import numpy` raises ImportError, as in the bundle
    import accomp
    skipped = ("__main__", ".migrations.")  # Alembic loads these itself
    for info in pkgutil.walk_packages(accomp.__path__, "accomp."):
        if not any(s in info.name for s in skipped):
            importlib.import_module(info.name)

    import pyarrow as pa
    from accomp.reports.consolidate import empty_counts, empty_keys
    from accomp.services import exports
    from accomp.store import wal

    page, salts = 512, (3, 4)
    head = struct.pack(">6I", wal.MAGIC_BE, wal.VERSION, page, 1, *salts)
    s1, s2 = wal.checksum(head)
    log = bytearray(head + struct.pack(">2I", s1, s2))
    for i in range(20):
        data = random.Random(i).randbytes(page)
        first = struct.pack(">2I", i + 1, 9 if i % 4 == 3 else 0)
        s1, s2 = wal.checksum(first + data, s1, s2)
        log += first + struct.pack(">4I", *salts, s1, s2) + data
    report = wal.inspect_bytes(bytes(log))
    assert report.sound and report.commits == 5, report

    grouped = exports._grouped(pa.array([2, 0, 2], pa.int64()), pa.array(["b", "x", "a"]), 4)
    assert grouped.to_pylist() == [["x"], [], ["a", "b"], []]
    assert empty_counts() and empty_keys()
    print("numpy" in sys.modules and sys.modules["numpy"] is not None)
""")


def test_the_application_runs_without_numpy() -> None:
    proc = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True,
                          timeout=300, check=False,
                          env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.strip() == "False"
