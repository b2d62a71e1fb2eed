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

import array
import struct
import sys
from dataclasses import dataclass, field
from pathlib import Path

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


_BLOCK = 4 << 20  # bytes of frames checked at once: the lanes stay in the CPU's cache


def frame_sums(frames: bytes, page_size: int, *, big_endian: bool) -> list[tuple[int, int]]:
    """For each whole frame in `frames` (24-byte header + page, back to back), the
    checksum of its first 8 bytes and its page started from (0, 0).

    Pure Python yet as fast as numpy was: all the frames advance together, one
    64-bit lane per frame in a Python integer (word j of every frame gathered by a
    strided memoryview copy, the sums of a step added lane by lane in C, masked to
    32 bits after each step, so no lane carries into the next)."""
    step = FRAME_HEADER + page_size
    count = len(frames) // step
    words = array.array("I")
    words.frombytes(frames[: count * step])
    if big_endian != (sys.byteorder == "big"):
        words.byteswap()
    src = memoryview(words)
    per = step // 4
    lanes = int.from_bytes(b"\xff\xff\xff\xff\0\0\0\0" * count, "little")
    buf = bytearray(8 * count)
    dst = memoryview(buf).cast("I")[0 if sys.byteorder == "little" else 1::2]
    s1 = s2 = 0
    covered = [0, 1, *range(FRAME_HEADER // 4, per)]  # page number, db size; the page
    for k in range(0, len(covered), 2):
        dst[:] = src[covered[k]::per]
        x0 = int.from_bytes(buf, sys.byteorder)
        dst[:] = src[covered[k + 1]::per]
        s1 = (s1 + x0 + s2) & lanes
        s2 = (s2 + int.from_bytes(buf, sys.byteorder) + s1) & lanes
    first = struct.unpack(f"<{count}Q", s1.to_bytes(8 * count, "little"))
    second = struct.unpack(f"<{count}Q", s2.to_bytes(8 * count, "little"))
    return list(zip(first, second, strict=True))


def _chained(own: tuple[int, int], s1: int, s2: int, unit: tuple[tuple[int, int], ...]
             ) -> tuple[int, int]:
    """A frame's checksum from the previous one (s1, s2): the checksum is linear, so
    it is its own part (frame_sums) plus s1 and s2 times the checksums of a zero
    frame from (1, 0) and (0, 1)."""
    (a1, a2), (b1, b2) = unit
    return (own[0] + s1 * a1 + s2 * b1) & _MASK, (own[1] + s1 * a2 + s2 * b2) & _MASK


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
    # page, db size after a commit, salt-1, salt-2, checksum-1, checksum-2 of each frame
    heads = [struct.unpack_from(">6I", data, HEADER + i * step) for i in range(count)]
    ours = [h[2] == salt1 and h[3] == salt2 for h in heads]
    zeros = bytes(8 + page_size)
    unit = (checksum(zeros, 1, 0, big_endian=big), checksum(zeros, 0, 1, big_endian=big))
    per_block = max(1, _BLOCK // step)
    own: list[tuple[int, int]] = []
    s1, s2 = ck1, ck2
    valid = committed = commits = 0
    bad: int | None = None
    for i in range(count):
        if not ours[i]:
            break
        if i == len(own):  # the next block of frames, only as far as the chain holds
            start = HEADER + i * step
            own += frame_sums(data[start:start + per_block * step], page_size,
                              big_endian=big)
        n1, n2 = _chained(own[i], s1, s2, unit)
        if (n1, n2) != heads[i][4:6]:
            bad = i
            break
        s1, s2 = n1, n2
        valid = i + 1
        if heads[i][1] != 0:
            committed, commits = valid, commits + 1
    # Frames of this generation beyond the valid chain: damage, whatever broke it.
    rest = [i for i in range(valid, count) if ours[i]]
    lost_commits = sum(1 for i in rest if heads[i][1] != 0)
    damage = [
        f"write-ahead log: frame {rest[0] + 1} of {count} breaks the chain, "
        f"{len(rest)} frame(s) and {lost_commits} commit(s) after it unreadable"
    ] if rest else []
    return WalReport(
        size=size, page_size=page_size, frames=count, valid_frames=valid,
        committed_frames=committed, commits=commits,
        bad_frame=bad if bad is not None else (rest[0] if rest else None),
        lost_frames=len(rest), lost_commits=lost_commits, damage=damage,
    )


def inspect(path: Path) -> WalReport:
    """Parse the log at `path` (absent: an empty, sound report)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return WalReport()
    return inspect_bytes(data)
