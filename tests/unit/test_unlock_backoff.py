"""Passphrase guessing is slowed down by a back-off that survives restarts, shared by
the command line, the services and the GUI, and kept beside vault.key (never in the
vault). The clock and sleep are injected: nothing here waits for real."""

from __future__ import annotations

import hashlib
import stat

import pytest
from conftest import PASSPHRASE

from accomp import cli
from accomp.domain.errors import KnownError
from accomp.services import vaults
from accomp.store import attempts


def _wrong(paths, n: int) -> None:
    for _ in range(n):
        with pytest.raises(KnownError) as info:
            vaults.unlock(paths, "not the passphrase at all")
        assert info.value.code == "wrong_passphrase"


def test_delays_grow_from_the_fourth_failure_and_are_capped():
    assert [attempts.delay_for(n) for n in range(10)] == [0, 0, 0, 1, 2, 4, 8, 16, 30, 30]


def test_forty_wrong_attempts_make_the_right_one_wait(vault, paths, backoff_clock):
    vault.lock()
    db_before = hashlib.sha256(paths.db.read_bytes()).hexdigest()
    _wrong(paths, 40)
    assert backoff_clock.slept[:5] == [1.0, 2.0, 4.0, 8.0, 16.0]
    assert max(backoff_clock.slept) == 30.0
    assert len(backoff_clock.slept) == 37
    assert attempts.read(paths.data_dir).failures == 40
    backoff_clock.slept.clear()
    vaults.unlock(paths, PASSPHRASE).lock()
    assert backoff_clock.slept == [30.0]
    assert not (paths.data_dir / attempts.FILE_NAME).exists()  # a success clears it
    # counted beside vault.key, never in the vault
    assert hashlib.sha256(paths.db.read_bytes()).hexdigest() == db_before


def test_the_count_is_kept_in_a_private_file_beside_the_key(vault, paths):
    vault.lock()
    _wrong(paths, 2)
    counter = paths.key_file.parent / attempts.FILE_NAME
    assert stat.S_IMODE(counter.stat().st_mode) == 0o600
    assert b"not the passphrase" not in counter.read_bytes()


def test_the_gui_is_refused_with_the_time_left_instead_of_freezing(vault, paths, backoff_clock):
    vault.lock()
    _wrong(paths, 4)
    backoff_clock.slept.clear()
    with pytest.raises(KnownError) as info:
        vaults.unlock(paths, PASSPHRASE, check_later=True, wait=False)
    assert info.value.code == "unlock_wait"
    assert "2 s" in info.value.message("fr")
    assert "2 s" in info.value.message("en")
    assert backoff_clock.slept == []
    assert attempts.read(paths.data_dir).failures == 4  # a refused attempt is not counted
    backoff_clock.t += 2
    vaults.unlock(paths, PASSPHRASE, check_later=True, wait=False).lock()


def test_the_back_off_survives_a_restart_and_covers_the_cli_and_recovery(
    vault, paths, tmp_path, backoff_clock, capsys,
):
    vault.lock()
    bad = tmp_path / "bad.txt"
    bad.write_text("nope")
    for _ in range(3):
        assert cli.main(["check", "--data-dir", str(paths.data_dir),
                         "--passphrase-file", str(bad)]) == cli.EXIT_USAGE
    with pytest.raises(KnownError):
        vaults.unlock_with_recovery(paths, "AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA")
    assert attempts.read(paths.data_dir).failures == 4
    backoff_clock.slept.clear()
    vaults.unlock(paths, PASSPHRASE).lock()
    assert backoff_clock.slept == [2.0]


def test_a_clock_set_back_does_not_stretch_the_delay(vault, paths, backoff_clock):
    vault.lock()
    _wrong(paths, 5)
    backoff_clock.t -= 10_000
    assert attempts.remaining(paths.data_dir) == 4.0


def test_an_emptied_counter_does_not_reset_the_delay(vault, paths):
    vault.lock()
    _wrong(paths, 1)
    (paths.data_dir / attempts.FILE_NAME).write_text("")
    assert attempts.remaining(paths.data_dir) > 0
