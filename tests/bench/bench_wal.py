"""The write-ahead log check at unlock (accomp/store/wal.py) in pure Python, against
the numpy version it replaced (the application ships without numpy), on the same
log in the same process.

    python tests/bench/bench_wal.py [--mb 64] [--repeat 5] [--json FILE]

The log: 4096-byte pages (SQLite's default), frames of random bytes, a commit every
10 frames, checksums chained as SQLite writes them; `--mb` of it (64 MB: sixteen
times what SQLite leaves before its automatic checkpoint, 1000 pages, so a log this
big means a very large transaction cut by a crash). Both sides parse the whole
log and must agree; medians of `--repeat` alternated runs.

What "fast enough" means: the check runs at each unlock before SQLite opens the
vault, and a crash leaves at most a few MB in the usual case; a 64 MB log must be
checked within 2 s and within 3× the numpy version (target below).
"""

from __future__ import annotations

import argparse
import json
import os
import struct
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import median, row

from accomp.store import wal

KEY = "wal_check"
METRIC = "write-ahead log check at unlock (pure Python), 64 MB log"
TARGET = "≤ 3×, ≤ 2 s"
PAGE = 4096


def make_log(mb: int, page: int = PAGE) -> bytes:
    """A sound log of `mb` megabytes, big-endian checksums."""
    salts = (0x1234, 0x5678)
    head = struct.pack(">6I", wal.MAGIC_BE, wal.VERSION, page, 1, *salts)
    s1, s2 = wal.checksum(head)
    out = bytearray(head + struct.pack(">2I", s1, s2))
    frames = mb * 1_000_000 // (wal.FRAME_HEADER + page)
    for i in range(frames):
        data = os.urandom(page)
        first = struct.pack(">2I", i + 1, 100 + i if (i + 1) % 10 == 0 else 0)
        s1, s2 = wal.checksum(first + data, s1, s2)
        out += first + struct.pack(">4I", *salts, s1, s2) + data
    return bytes(out)


# --- the numpy version, as accomp/store/wal.py had it: the baseline ------------------


def _weights(pairs: int) -> tuple[Any, Any]:
    powers = np.empty((pairs, 2, 2), dtype=np.uint64)
    m = np.array([[1, 1], [1, 2]], dtype=np.uint64)
    p = np.eye(2, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(pairs - 1, -1, -1):
            powers[k] = p
            p = m @ p
    return p, powers


def numpy_chain(data: bytes) -> tuple[int, int]:
    """(valid frames, commits) of a sound log, checksums verified with numpy."""
    _magic, _v, page, _seq, salt1, salt2, ck1, ck2 = struct.unpack(">8I", data[:32])
    step = wal.FRAME_HEADER + page
    count = (len(data) - wal.HEADER) // step
    raw = np.frombuffer(data, dtype=np.uint8, count=count * step, offset=wal.HEADER)
    raw = raw.reshape(count, step)
    heads = raw[:, :wal.FRAME_HEADER].copy().view(">u4")
    ours = (heads[:, 2] == salt1) & (heads[:, 3] == salt2)
    covered = np.concatenate([raw[:, :8], raw[:, wal.FRAME_HEADER:]], axis=1)
    words = covered.view(">u4").astype(np.uint64)
    x0, x1 = words[:, 0::2], words[:, 1::2]
    mn, powers = _weights(x0.shape[1])
    with np.errstate(over="ignore"):
        b0, b1 = x0, x0 + x1
        c0 = b0 @ powers[:, 0, 0] + b1 @ powers[:, 0, 1]
        c1 = b0 @ powers[:, 1, 0] + b1 @ powers[:, 1, 1]
    m11, m12, m21, m22 = (int(v) for v in mn.reshape(4))
    s1, s2, valid, commits = ck1, ck2, 0, 0
    for i in range(count):
        if not ours[i]:
            break
        n1 = (m11 * s1 + m12 * s2 + int(c0[i])) & 0xFFFFFFFF
        n2 = (m21 * s1 + m22 * s2 + int(c1[i])) & 0xFFFFFFFF
        if (n1, n2) != (int(heads[i, 4]), int(heads[i, 5])):
            break
        s1, s2, valid = n1, n2, i + 1
        commits += heads[i, 1] != 0
    return valid, int(commits)


def run(mb: int = 64, repeat: int = 5) -> dict[str, Any]:
    data = make_log(mb)
    ours: list[float] = []
    base: list[float] = []
    for _ in range(repeat):
        started = time.perf_counter()
        report = wal.inspect_bytes(data)
        ours.append(time.perf_counter() - started)
        started = time.perf_counter()
        expected = numpy_chain(data)
        base.append(time.perf_counter() - started)
        assert report.sound
        assert (report.valid_frames, report.commits) == expected
    return row(
        KEY, METRIC.replace("64 MB", f"{mb} MB"), value=median(ours), baseline=median(base),
        unit="s", target=TARGET, digits=3,
        baseline_what="the numpy version (matrix powers, one matrix product per frame)",
        note=(f"{len(data) / 1e6:.0f} MB, {report.frames} frames of {PAGE} bytes; "
              f"{len(data) / 1e6 / median(ours):.0f} MB/s; load {os.getloadavg()[0]:.1f}"),
        details={"python_s": sorted(round(t, 3) for t in ours),
                 "numpy_s": sorted(round(t, 3) for t in base)},
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=int, default=64)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    r = run(args.mb, args.repeat)
    print(f"{r['metric']}: {r['value']} s vs {r['baseline']} s = {r['ratio']}× "
          f"(target {r['target']}: {'met' if r['met'] else 'NOT MET'}); {r['note']}")
    if args.json:
        args.json.write_text(json.dumps(r, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
