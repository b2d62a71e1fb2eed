"""The headless commands, run as a user would run them (a separate process)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from accomp import cli

STRONG = "Trois-Chats-Gris dorment au soleil 2026 !"


def accomp(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ACCOMP_LANG": "fr"}
    # Run from a neutral folder, as a user would: the installed package is used, not
    # the checkout beside the tests.
    return subprocess.run(
        [sys.executable, "-P", "-m", "accomp", *args], capture_output=True, text=True,
        input=stdin, env=env, timeout=120, check=False, cwd=tempfile.gettempdir(),
    )


def test_init_creates_a_vault_and_prints_the_recovery_code_once(tmp_path: Path):
    passfile = tmp_path / "pass.txt"
    passfile.write_text(STRONG + "\n")
    data = tmp_path / "coffre"
    result = accomp("init", "--data-dir", str(data), "--passphrase-file", str(passfile))
    assert result.returncode == 0, result.stderr
    code = result.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"([A-Z2-9]{5}-){6}[A-Z2-9]{5}", code)
    assert (data / "vault.db").exists()
    assert (data / "vault.key").exists()
    assert STRONG not in result.stdout + result.stderr

    check = accomp("check", "--data-dir", str(data), "--passphrase-file", "-", stdin=STRONG)
    assert check.returncode == 0, check.stderr
    assert check.stdout.startswith("Coffre sain")


def test_init_refuses_a_weak_passphrase_in_one_line(tmp_path: Path):
    passfile = tmp_path / "pass.txt"
    passfile.write_text("azerty123")
    result = accomp("init", "--data-dir", str(tmp_path / "v"), "--passphrase-file",
                    str(passfile))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "v" / "vault.db").exists()


def test_check_reports_bad_usage_and_missing_vault_with_exit_2(tmp_path: Path):
    assert accomp("check").returncode == 2  # --passphrase-file is required
    passfile = tmp_path / "pass.txt"
    passfile.write_text(STRONG)
    result = accomp("check", "--data-dir", str(tmp_path / "nothing"), "--passphrase-file",
                    str(passfile))
    assert result.returncode == 2
    assert result.stderr.strip() == "Aucun coffre dans ce dossier."
    missing = accomp("--lang", "en", "check", "--data-dir", str(tmp_path), "--passphrase-file",
                     str(tmp_path / "absent.txt"))
    assert missing.returncode == 2
    assert missing.stderr.strip() == "Cannot read the passphrase file."


def test_the_network_guard_is_active_for_the_whole_run():
    import socket

    import pytest

    with pytest.raises(AssertionError, match="network socket"):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(AssertionError, match="network socket"):
        socket.create_connection(("127.0.0.1", 9))


def test_demo_creates_a_persistent_demo_vault_that_checks_sound(tmp_path: Path):
    passfile = tmp_path / "pass.txt"
    passfile.write_text(STRONG)
    data = tmp_path / "demo"
    result = accomp("demo", "--data-dir", str(data), "--passphrase-file", str(passfile),
                    "--seed", "3", "--activities", "400")
    assert result.returncode == 0, result.stderr
    assert "400 activités" in result.stdout
    again = accomp("demo", "--data-dir", str(data), "--passphrase-file", str(passfile))
    assert again.returncode == 2
    assert again.stderr.strip().startswith("Ce coffre contient déjà des données")
    check = accomp("check", "--data-dir", str(data), "--passphrase-file", str(passfile))
    assert check.returncode == 0, check.stderr


@pytest.mark.parametrize(("words", "gui_only"), [
    ([], True),
    (["--demo"], True),
    (["--data-dir", "/tmp/coffre", "--lang", "en"], True),
    (["--data-dir=/tmp/coffre"], True),
    (["--data-dir"], False),  # the full parser says what is missing
    (["check", "--data-dir", "x", "--passphrase-file", "-"], False),
    (["--data-dir", "check"], True),  # a folder named like a command is still a folder
    (["--help"], False),
    (["--unknown"], False),
])
def test_only_a_plain_start_skips_building_the_sub_commands(words, gui_only):
    assert cli._gui_only(words) is gui_only


def test_a_plain_start_parses_the_same_options_either_way():
    words = ["--data-dir", "/tmp/coffre", "--lang", "en", "--demo"]
    quick = cli.build_parser(commands=False).parse_args(words)
    full = cli.build_parser().parse_args(words)
    assert vars(quick) == vars(full)


def test_check_in_its_own_process_writes_nothing_to_the_vault(tmp_path: Path):
    import hashlib

    passfile = tmp_path / "pass.txt"
    passfile.write_text(STRONG)
    data = tmp_path / "coffre"
    assert accomp("init", "--data-dir", str(data), "--passphrase-file",
                  str(passfile)).returncode == 0
    assert not (data / "vault.db-wal").exists()
    before = sorted((p.name, hashlib.sha256(p.read_bytes()).hexdigest())
                    for p in data.rglob("*") if p.is_file())
    check = accomp("check", "--data-dir", str(data), "--passphrase-file", str(passfile))
    assert check.returncode == 0, check.stderr
    after = sorted((p.name, hashlib.sha256(p.read_bytes()).hexdigest())
                   for p in data.rglob("*") if p.is_file())
    assert after == before
