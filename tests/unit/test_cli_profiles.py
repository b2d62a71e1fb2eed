"""`--profile NAME`: the commands as two workers sharing a computer run them (a
separate process, the user's data folder in a temporary XDG_DATA_HOME)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ANNE = "Anne-la-mediatrice ouvre son coffre 2026 !"
BRUNO = "Bruno garde le sien, bien a lui, 2026 !"


def accomp(home: Path, *args: str, stdin: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ACCOMP_LANG": "fr", "XDG_DATA_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-P", "-m", "accomp", *args, "--passphrase-file", "-"],
        capture_output=True, text=True, input=stdin, env=env, timeout=120, check=False,
        cwd=tempfile.gettempdir(),
    )


def test_each_worker_opens_only_their_own_profile(tmp_path: Path) -> None:
    home = tmp_path / "share"
    data = home / "accomp"
    for name, secret in (("Anne", ANNE), ("Bruno", BRUNO)):
        made = accomp(home, "init", "--profile", name, stdin=secret)
        assert made.returncode == 0, made.stderr
        assert (data / "profiles" / name / "vault.key").is_file()
    assert sorted(p.name for p in (data / "profiles").iterdir()) == ["Anne", "Bruno"]

    ok = accomp(home, "check", "--profile", "anne", stdin=ANNE)  # capitals do not count
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith("Coffre sain")
    wrong = accomp(home, "check", "--profile", "Anne", stdin=BRUNO)
    assert wrong.returncode == 2
    assert "Phrase de passe incorrecte" in wrong.stderr
    assert "Traceback" not in wrong.stderr

    # Two profiles and none named: which one is asked, nothing is opened.
    which = accomp(home, "check", stdin=ANNE)
    assert which.returncode == 2
    assert "--profile" in which.stderr
    unknown = accomp(home, "check", "--profile", "Chloé", stdin=ANNE)
    assert unknown.returncode == 2
    assert "Aucun profil" in unknown.stderr
    assert not (data / "profiles" / "Chloé").exists()


def test_a_profile_name_cannot_reach_outside_and_excludes_data_dir(tmp_path: Path) -> None:
    home = tmp_path / "share"
    bad = accomp(home, "init", "--profile", "../evade", stdin=ANNE)
    assert bad.returncode == 2
    assert "Nom de profil refusé" in bad.stderr
    assert not (home / "accomp" / "evade").exists()
    assert not (home / "evade").exists()
    both = accomp(home, "check", "--profile", "Anne", "--data-dir", str(tmp_path / "v"),
                  stdin=ANNE)
    assert both.returncode == 2
    assert "--data-dir" in both.stderr


def test_a_vault_from_before_profiles_becomes_the_first_profile(tmp_path: Path) -> None:
    home = tmp_path / "share"
    data = home / "accomp"
    old = accomp(home, "init", "--data-dir", str(data), stdin=ANNE)  # as before profiles
    assert old.returncode == 0, old.stderr
    assert (data / "vault.key").is_file()

    check = accomp(home, "check", stdin=ANNE)
    assert check.returncode == 0, check.stderr
    assert not (data / "vault.key").exists()
    assert (data / "profiles" / "Profil 1" / "vault.key").is_file()
    again = accomp(home, "check", "--profile", "Profil 1", stdin=ANNE)
    assert again.returncode == 0, again.stderr


def test_the_gui_opens_the_named_profile_or_the_start_screen(
    tmp_path: Path, monkeypatch: Any,
) -> None:
    from accomp import app, cli

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    started: list[dict[str, Any]] = []
    monkeypatch.setattr(app, "run_gui", lambda paths, **kw: started.append(
        {"paths": paths, **kw}) or 0)
    root = tmp_path / "accomp"
    assert cli.main([]) == 0
    assert started[-1]["paths"] is None  # the list of profiles
    assert started[-1]["root"].data_dir == root
    assert cli.main(["--profile", "Anne"]) == 0
    assert started[-1]["paths"].data_dir == root / "profiles" / "Anne"
    assert started[-1]["root"].data_dir == root
    assert cli.main(["--demo"]) == 0
    assert started[-1]["demo"] is True
    assert "root" not in started[-1]  # a throwaway vault, no profiles
    assert cli.main(["--data-dir", str(tmp_path / "v")]) == 0
    assert started[-1]["paths"].data_dir == tmp_path / "v"
    assert "root" not in started[-1]
