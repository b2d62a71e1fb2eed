"""Exports and consolidation from the command line, as a script would run them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from accomp import cli
from accomp.paths import AppPaths
from accomp.services import activities, reports, vaults

PASSPHRASE = "x"


@pytest.fixture
def keep_umask() -> Iterator[None]:
    # cli.main sets a private umask for the process; give the test run its own back
    old = os.umask(0o022)
    os.umask(old)
    yield
    os.umask(old)


@pytest.fixture
def logbook(tmp_path: Path) -> tuple[Path, Path]:
    data = tmp_path / "coffre"
    vault, _ = vaults.create_vault(AppPaths.at(data), PASSPHRASE,
                                   kdf=vaults.KdfParams(1, 1024, 1), enforce_policy=False)
    for day in range(1, 8):
        activities.log_activity(vault, {
            "date": f"2026-03-0{day}", "duration_min": 30, "place_type": "LieuActivite",
            "themes": ["Email"], "autonomy": "Autonome"})
    vault.lock()
    passfile = tmp_path / "pass.txt"
    passfile.write_text(PASSPHRASE + "\n")
    return data, passfile


def test_export_then_consolidate_from_the_command_line(logbook, tmp_path, capsys, keep_umask):
    data, passfile = logbook
    vault_args = ["--data-dir", str(data), "--passphrase-file", str(passfile)]
    period = ["--from", "2026-01-01", "--to", "2026-12-31"]

    assert cli.main(["export", "summary", *vault_args, *period, "--format", "json",
                     "-o", str(tmp_path / "s.json")]) == 0
    assert json.loads((tmp_path / "s.json").read_text())["k"] == 5
    assert cli.main(["export", "activities", *vault_args, *period, "--format", "parquet",
                     "-o", str(tmp_path / "a.parquet"), "--k", "3"]) == 0
    assert "7 activité(s) exportée(s)" in capsys.readouterr().out
    assert cli.main(["consolidate", str(tmp_path / "a.parquet"), "--format", "csv", "-o",
                     str(tmp_path / "team.csv"), "--separator", ";", *vault_args]) == 0
    assert (tmp_path / "team.csv").read_text("utf-8-sig").startswith("tableau;")
    assert cli.main(["export", "secret", *vault_args, "-o", str(tmp_path / "secret.txt")]) == 0

    assert cli.main(["export", "summary", *vault_args, *period, "--format", "json",
                     "-o", str(tmp_path / "x.json"), "--k", "2"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err

    vault = vaults.unlock(AppPaths.at(data), PASSPHRASE)
    try:
        actions = [r.action for r in reports.past_exports(vault)]
    finally:
        vault.lock()
    assert actions == ["export.consolidation", "export.activities", "export.summary"]


def test_a_refused_consolidation_is_one_line_and_exit_status_2(logbook, tmp_path, keep_umask):
    data, passfile = logbook
    out = tmp_path / "a.parquet"
    assert cli.main(["export", "activities", "--data-dir", str(data), "--passphrase-file",
                     str(passfile), "--from", "2026-01-01", "--to", "2026-12-31",
                     "--format", "parquet", "-o", str(out)]) == 0
    env = {**os.environ, "ACCOMP_LANG": "fr"}
    twice = subprocess.run(
        [sys.executable, "-P", "-m", "accomp", "consolidate", str(out), str(out), "--format", "pdf",
         "-o", str(tmp_path / "t.pdf"), "--data-dir", str(data), "--passphrase-file",
         str(passfile)],
        capture_output=True, text=True, env=env, timeout=120, check=False,
        cwd=tmp_path)  # the installed program, as a user runs it
    assert twice.returncode == 2
    assert twice.stderr.strip() == (
        "Les fichiers n° 1 et n° 2 sont le même export : il serait compté deux fois.")
    assert not (tmp_path / "t.pdf").exists()
