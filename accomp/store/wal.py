"""Reading SQLite's write-ahead log ourselves, before SQLite does.

When SQLite opens a database whose `-wal` is damaged it keeps the frames up to the
first one that fails its checksum and silently drops the rest, then deletes the log
at the next checkpoint: acknowledged saves vanish and so does the evidence. This
module parses the log byte by byte (no SQLite) so that damage is found first.

Format (sqlite.org/fileformat2.html#walformat): a 32-byte header (magic 0x377f0682 or
0x377f0683 — the low bit gives the byte order of the checksums —, version 3007000,
page size, checkpoint sequence, salt-1, salt-2, checksum-1, checksum-2), then frames
of a 24-byte header (page number, database size after a commit or 0, salt-1, salt-2,
checksum-1, checksum-2) followed by one page. The checksum is cumulative: each
frame's covers its first 8 header bytes and its page, starting from the previous
frame's (the header's for the first). With SQLCipher the pages are encrypted but
these headers and checksums are plain.

What counts as damage (the log is then never handed to SQLite as it is):
- a header that is not a WAL header or fails its checksum (SQLite would ignore every
  frame);
- any frame carrying the header's salts that is not part of the valid chain: one that
  fails its checksum, or follows a frame that broke the chain. A legitimate log only
  holds, after its valid chain, frames of an older generation (other salts) and at
  most a partly written last frame (the file ends inside it).
Valid frames after the last commit are a transaction that never committed (a crash):
not damage, nothing acknowledged is lost.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

MAGIC_LE, MAGIC_BE = 0x377F0682, 0x377F0683
VERSION = 3007000
HEADER = 32
FRAME_HEADER = 24
_MASK = 0xFFFFFFFF


def checksum(data: bytes, s1: int = 0, s2: int = 0, *, big_endian: bool = True) -> tuple[int, int]:
    """SQLite's WAL checksum of `data` (a multiple of 8 bytes) from (s1, s2), word by
    word as the format describes: the reference the fast version is tested against."""
    fmt = ">" if big_endian else "<"
    words = struct.unpack(f"{fmt}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s1 = (s1 + words[i] + s2) & _MASK
        s2 = (s2 + words[i + 1] + s1) & _MASK
    return s1, s2


@lru_cache(maxsize=8)
def _weights(pairs: int) -> tuple[np.ndarray, np.ndarray]:
    """The checksum is linear: one step is s ← M·s + (x0, x0 + x1) with
    M = [[1, 1], [1, 2]]. Over `pairs` steps, s_end = M^n·s_0 + Σ M^(n-k)·b_k; this
    returns M^n and the stacked M^(n-k) (n×2×2), all modulo 2^64 (uint64 wraps, and
    2^32 divides 2^64, so the low 32 bits are exact)."""
    powers = np.empty((pairs, 2, 2), dtype=np.uint64)
    m = np.array([[1, 1], [1, 2]], dtype=np.uint64)
    p = np.eye(2, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(pairs - 1, -1, -1):  # M^(n-k) for k = n-1 … 0 (0-based)
            powers[k] = p
            p = m @ p
    return p, powers


def _frame_sums(frames: np.ndarray, big_endian: bool) -> tuple[np.ndarray, np.ndarray]:
    """For every frame (rows of 8 header bytes + page), the part of its checksum that
    depends on its own bytes only: (M^n, per-frame 2-vectors)."""
    words = frames.view(">u4" if big_endian else "<u4").astype(np.uint64)
    x0, x1 = words[:, 0::2], words[:, 1::2]
    n = x0.shape[1]
    mn, powers = _weights(n)
    with np.errstate(over="ignore"):
        b0, b1 = x0, x0 + x1
        c0 = b0 @ powers[:, 0, 0] + b1 @ powers[:, 0, 1]
        c1 = b0 @ powers[:, 1, 0] + b1 @ powers[:, 1, 1]
    return mn, np.stack([c0, c1], axis=1)


@dataclass(frozen=True, slots=True)
class WalReport:
    """What the log holds. `damage` empty: SQLite will replay exactly what was
    committed (`committed_frames` frames, `commits` transactions)."""

    size: int = 0
    page_size: int = 0
    frames: int = 0  # whole frames in the file, of any generation
    valid_frames: int = 0  # the valid chain (salts and checksums right)
    committed_frames: int = 0  # the valid chain up to its last commit
    commits: int = 0
    bad_frame: int | None = None  # 0-based index of the first frame that breaks it
    lost_frames: int = 0  # frames of this generation after the break
    lost_commits: int = 0  # commits among them: acknowledged transactions SQLite drops
    damage: list[str] = field(default_factory=list)

    @property
    def sound(self) -> bool:
        return not self.damage

    @property
    def empty(self) -> bool:
        return self.frames == 0


def inspect_bytes(data: bytes) -> WalReport:
    """Parse a whole log held in memory."""
    size = len(data)
    if size == 0:
        return WalReport()
    if size < HEADER:
        return WalReport(size=size, damage=[f"write-ahead log: truncated header ({size} bytes)"])
    magic, version, page_size, _seq, salt1, salt2, ck1, ck2 = struct.unpack(
        ">8I", data[:HEADER]
    )
    big = bool(magic & 1)
    header_ok = (
        magic in (MAGIC_LE, MAGIC_BE) and version == VERSION
        and 512 <= page_size <= 65536 and page_size & (page_size - 1) == 0
    )
    if not header_ok or checksum(data[:24], big_endian=big) != (ck1, ck2):
        # Without a sound header SQLite ignores the whole log.
        step = FRAME_HEADER + (page_size if header_ok else 4096)
        frames = (size - HEADER) // step
        return WalReport(
            size=size, frames=frames, lost_frames=frames,
            damage=[f"write-ahead log: header damaged, {frames} frame(s) unreadable"],
        )
    step = FRAME_HEADER + page_size
    count = (size - HEADER) // step
    if count == 0:
        return WalReport(size=size, page_size=page_size)
    raw = np.frombuffer(data, dtype=np.uint8, count=count * step, offset=HEADER)
    raw = raw.reshape(count, step)
    heads = raw[:, :FRAME_HEADER].copy().view(">u4")  # page, dbsize, salt1, salt2, ck1, ck2
    ours = (heads[:, 2] == salt1) & (heads[:, 3] == salt2)
    covered = np.concatenate([raw[:, :8], raw[:, FRAME_HEADER:]], axis=1)
    mn, own = _frame_sums(covered, big)
    m11, m12, m21, m22 = (int(v) for v in mn.reshape(4))
    s1, s2 = ck1, ck2
    valid = committed = commits = 0
    bad: int | None = None
    for i in range(count):
        if not ours[i]:
            break
        c0, c1 = int(own[i, 0]), int(own[i, 1])
        n1 = (m11 * s1 + m12 * s2 + c0) & _MASK
        n2 = (m21 * s1 + m22 * s2 + c1) & _MASK
        if (n1, n2) != (int(heads[i, 4]), int(heads[i, 5])):
            bad = i
            break
        s1, s2 = n1, n2
        valid = i + 1
        if heads[i, 1] != 0:
            committed, commits = valid, commits + 1
    # Frames of this generation beyond the valid chain: damage, whatever broke it.
    rest = np.nonzero(ours[valid:])[0] + valid
    lost_commits = int(np.count_nonzero(heads[rest, 1] != 0))
    damage = [
        f"write-ahead log: frame {int(rest[0]) + 1} of {count} breaks the chain, "
        f"{int(rest.size)} frame(s) and {lost_commits} commit(s) after it unreadable"
    ] if rest.size else []
    return WalReport(
        size=size, page_size=page_size, frames=count, valid_frames=valid,
        committed_frames=committed, commits=commits,
        bad_frame=bad if bad is not None else (int(rest[0]) if rest.size else None),
        lost_frames=int(rest.size), lost_commits=lost_commits, damage=damage,
    )


def inspect(path: Path) -> WalReport:
    """Parse the log at `path` (absent: an empty, sound report)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return WalReport()
    return inspect_bytes(data)
