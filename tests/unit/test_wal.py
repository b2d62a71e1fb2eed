"""The write-ahead log reader: synthetic logs built by hand from the format, and real
ones left by a writer killed mid-save."""

from __future__ import annotations

import os
import random
import signal
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import PASSPHRASE

from accomp.store import wal

HERE = Path(__file__).parent
PAGE = 512


def _log(
    frames: list[tuple[int, int, bytes]], *, big: bool = True, salts: tuple[int, int] = (7, 9),
    page: int = PAGE,
) -> bytearray:
    """A log: `frames` are (page number, db size after commit or 0, page bytes)."""
    magic = wal.MAGIC_BE if big else wal.MAGIC_LE
    head = struct.pack(">6I", magic, wal.VERSION, page, 1, *salts)
    s1, s2 = wal.checksum(head, big_endian=big)
    out = bytearray(head + struct.pack(">2I", s1, s2))
    for pgno, commit, data in frames:
        first = struct.pack(">2I", pgno, commit)
        s1, s2 = wal.checksum(first + data, s1, s2, big_endian=big)
        out += first + struct.pack(">2I", *salts) + struct.pack(">2I", s1, s2) + data
    return out


def _pages(n: int, seed: int = 1, page: int = PAGE) -> list[bytes]:
    rng = random.Random(seed)
    return [rng.randbytes(page) for _ in range(n)]


def _txns(pages: list[bytes], per: int = 3) -> list[tuple[int, int, bytes]]:
    return [(i + 1, (100 + i) if (i + 1) % per == 0 else 0, p) for i, p in enumerate(pages)]


def _chain_fast(frames: list[bytes], page: int, s: tuple[int, int], big: bool
                ) -> list[tuple[int, int]]:
    """Each frame's chained checksum the way inspect_bytes computes it."""
    zeros = bytes(8 + page)
    unit = (wal.checksum(zeros, 1, 0, big_endian=big), wal.checksum(zeros, 0, 1, big_endian=big))
    out = []
    for own in wal.frame_sums(b"".join(frames), page, big_endian=big):
        s = wal._chained(own, *s, unit)
        out.append(s)
    return out


def test_the_fast_checksum_matches_the_reference_word_by_word():
    rng = random.Random(3)
    for page in (512, 1024, 4096, 65536):
        for big in (True, False):
            # frames as in the log: 24-byte header (the checksum covers its first 8
            # bytes), then the page; a torn frame at the end is not counted
            frames = [rng.randbytes(wal.FRAME_HEADER + page) for _ in range(5)]
            first = (rng.getrandbits(32), rng.getrandbits(32))
            want, s = [], first
            for frame in frames:
                s = wal.checksum(frame[:8] + frame[wal.FRAME_HEADER:], *s, big_endian=big)
                want.append(s)
            torn = [*frames, rng.randbytes(page // 2)]
            assert _chain_fast(torn, page, first, big) == want


def test_the_fast_checksum_holds_on_words_that_carry_at_every_step():
    """All-ones words from an all-ones start: the sums of a step are at their largest."""
    frame = b"\xff" * (wal.FRAME_HEADER + 4096)
    for big in (True, False):
        s = (0xFFFFFFFF, 0xFFFFFFFF)
        expected = wal.checksum(frame[:8] + frame[wal.FRAME_HEADER:], *s, big_endian=big)
        assert _chain_fast([frame, frame], 4096, s, big)[0] == expected


@pytest.mark.parametrize("big", [True, False])
def test_a_sound_log_is_read_to_its_last_commit(big):
    data = _log(_txns(_pages(10)), big=big)
    report = wal.inspect_bytes(bytes(data))
    assert report.sound
    assert (report.frames, report.valid_frames, report.committed_frames, report.commits) == (
        10, 10, 9, 3)


def test_absent_empty_and_header_only_logs_are_sound(tmp_path):
    assert wal.inspect(tmp_path / "none-wal").sound
    assert wal.inspect_bytes(b"").empty
    only = wal.inspect_bytes(bytes(_log([])))
    assert only.sound
    assert only.empty


def test_a_torn_last_frame_and_an_older_generation_are_not_damage():
    pages = _pages(9)
    data = _log(_txns(pages))
    torn = wal.inspect_bytes(bytes(data[: len(data) - 100]))
    assert torn.sound
    assert torn.frames == 8
    assert torn.committed_frames == 6
    # A restarted log: new salts over the first frames, the old generation after them.
    new = _log(_txns(pages[:3]), salts=(8, 11))
    mixed = bytes(new) + bytes(data[len(new):])
    report = wal.inspect_bytes(mixed)
    assert report.sound
    assert report.committed_frames == 3
    assert report.frames == 9


def test_a_flipped_header_byte_is_damage():
    data = _log(_txns(_pages(6)))
    for offset in (0, 5, 10, 17, 20, 26, 31):
        bad = bytearray(data)
        bad[offset] ^= 0x01
        report = wal.inspect_bytes(bytes(bad))
        assert not report.sound, offset
        assert "header" in report.damage[0]


@pytest.mark.parametrize("where", ["page", "frame header", "salt", "checksum"])
def test_a_flipped_byte_in_a_valid_frame_is_damage_with_what_follows(where):
    data = _log(_txns(_pages(12)))
    frame = 4  # 0-based; frames 5..12 hold 3 commits
    start = wal.HEADER + frame * (wal.FRAME_HEADER + PAGE)
    offset = {"page": start + wal.FRAME_HEADER + 300, "frame header": start + 2,
              "salt": start + 9, "checksum": start + 17}[where]
    data[offset] ^= 0x40
    report = wal.inspect_bytes(bytes(data))
    assert not report.sound
    assert report.committed_frames == 3
    assert report.lost_commits >= 3
    assert "breaks the chain" in report.damage[0]


def test_a_truncated_header_is_damage():
    assert not wal.inspect_bytes(b"\x37\x7f\x06").sound


# --- real logs -------------------------------------------------------------------------


def _killed_writer(paths, seconds: float) -> list[int]:
    proc = subprocess.Popen(
        [sys.executable, str(HERE / "crash_writer.py"), str(paths.data_dir), PASSPHRASE],
        stdout=subprocess.PIPE, text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    saved: list[int] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        saved.append(int(line))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    return saved


def test_the_log_of_a_killed_writer_is_sound_and_every_frame_agrees(vault, paths):
    vault.lock()
    assert _killed_writer(paths, 0.6)
    log_path = paths.db.with_name("vault.db-wal")
    report = wal.inspect(log_path)
    assert report.sound
    assert report.commits > 0
    assert report.committed_frames > 0
    # SQLCipher encrypts pages, not frame headers: salts and checksums are plain.
    data = log_path.read_bytes()
    magic, _v, page, _seq, salt1, salt2 = struct.unpack(">6I", data[:24])
    assert magic in (wal.MAGIC_BE, wal.MAGIC_LE)
    assert page == report.page_size
    assert struct.unpack(">2I", data[40:48]) == (salt1, salt2)


# --- the attack: a damaged log beside a vault killed while writing ----------------------


def _digest(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def _replayed_by_sqlite(paths, tmp_path: Path, names=("vault.db", "vault.db-wal")) -> int:
    """How many activities plain SQLite keeps when it replays the log (on a copy)."""
    import shutil
    import tempfile

    from accomp.store import engine as engines
    from accomp.store.keys import KeyFile, key_hex

    copy = Path(tempfile.mkdtemp(dir=tmp_path))
    for name in names:
        shutil.copyfile(paths.data_dir / name, copy / name)
    key = key_hex(KeyFile.read(paths.key_file).open_with_passphrase(PASSPHRASE))
    conn = engines.connect(copy / "vault.db", key)
    try:
        return int(conn.execute("SELECT count(*) FROM activity").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.parametrize("where", ["header", "magic", "frame", "frame salt"])
def test_a_damaged_log_is_reported_kept_and_never_replayed(vault, paths, tmp_path, where, capsys):
    from accomp import cli
    from accomp.domain.errors import KnownError
    from accomp.services import activities, vaults

    vault.lock()
    log_path = paths.db.with_name("vault.db-wal")
    saved: list[int] = []
    lost = False
    for _ in range(8):  # until the writer dies with several saves only the log holds
        saved += _killed_writer(paths, 0.8)
        sound = wal.inspect(log_path)
        if (sound.commits < 4
                or _replayed_by_sqlite(paths, tmp_path, ("vault.db",)) >= len(saved)):
            continue  # (a kill just after an automatic checkpoint leaves few or none)
        original = log_path.read_bytes()
        data = bytearray(original)
        frame = wal.HEADER + sound.committed_frames // 2 * (wal.FRAME_HEADER + sound.page_size)
        offset = {"header": 17,  # inside salt-1
                  "magic": 3,
                  "frame": frame + 100,  # a byte of a valid frame's page, halfway through
                  "frame salt": frame + 10}[where]
        data[offset] ^= 0x01
        log_path.write_bytes(bytes(data))
        # Before: SQLite alone replays the valid prefix and loses acknowledged saves
        # (unless the commits after the damaged frame held no session: then the
        # writer runs again and the log grows).
        if _replayed_by_sqlite(paths, tmp_path) < len(saved):
            lost = True
            break
        log_path.write_bytes(original)
    assert sound.sound, sound
    assert sound.commits >= 4, sound
    assert lost, "SQLite alone never lost a save: the damage proves nothing"
    before = {p.name: _digest(p) for p in (paths.db, log_path)}

    passfile = tmp_path / "pass.txt"
    passfile.write_text(PASSPHRASE + "\n")
    for lang, word in (("fr", "endommagé"), ("en", "damaged")):
        rc = cli.main(["--lang", lang, "check", "--data-dir", str(paths.data_dir),
                       "--passphrase-file", str(passfile)])
        err = capsys.readouterr().err
        assert rc == cli.EXIT_DAMAGE
        assert word in err
        assert "Traceback" not in err
    v = vaults.unlock(paths, PASSPHRASE)
    try:
        assert v.read_only
        assert v.damaged
        assert any("write-ahead log" in d for d in v.damage)
        with pytest.raises(KnownError) as info:
            activities.log_activity(v, {"date": "2026-11-20", "duration_min": 10,
                                        "place_type": "LieuActivite", "themes": ["Email"]})
        assert info.value.code == "vault_read_only"
    finally:
        v.lock()
    gui = vaults.unlock(paths, PASSPHRASE, check_later=True)
    try:
        assert gui.read_only
        assert gui.damaged
    finally:
        gui.lock()
    assert {p.name: _digest(p) for p in (paths.db, log_path)} == before
    kept = list((paths.data_dir / "recovery").glob("vault-*.db-wal"))
    assert len(kept) == 1
    assert kept[0].read_bytes() == bytes(data)
    assert (kept[0].stat().st_mode & 0o777) == 0o600


def test_a_restore_over_a_damaged_log_sets_it_aside_untouched(vault, paths):
    from accomp.services import backups

    info = backups.backup_now(vault)
    vault.lock()
    assert _killed_writer(paths, 0.5)
    log_path = paths.db.with_name("vault.db-wal")
    data = bytearray(log_path.read_bytes())
    data[17] ^= 0x01
    log_path.write_bytes(bytes(data))
    db_before = paths.db.read_bytes()
    backups.restore(paths, PASSPHRASE, info.path)
    aside = paths.data_dir / "vault.db.before-restore"
    assert aside.read_bytes() == db_before
    assert aside.with_name(aside.name + "-wal").read_bytes() == bytes(data)
