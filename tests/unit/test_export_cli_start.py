"""`accomp export` from the command line starts light and still checks the vault.

The command's wall time is mostly start-up (issue 12: 100,000 activities in ≤ 4 s):
it imports only what the export uses (never Qt, Alembic for a current vault, the
spreadsheet, PDF, DuckDB or import libraries), and the vault's integrity check runs
while the export reads, but nothing leaves a damaged vault: no file, exit status 2,
one line, no traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import flip_bytes_in_a_data_page

from accomp.paths import AppPaths
from accomp.services import activities, reports, vaults

PASSPHRASE = "x"
PERIOD = ["--from", "2026-01-01", "--to", "2026-12-31"]

# What `accomp export activities` must not load: the window, the schema upgrader
# (a current vault needs none), the writers of other formats, the import readers.
HEAVY = ("PySide6", "shiboken6", "alembic", "mako", "pygments", "openpyxl", "duckdb",
         "reportlab", "python_calamine", "icalendar", "hypothesis", "scipy", "pandas",
         "accomp.ui", "accomp.app", "accomp.reports.pdf", "accomp.reports.xlsx_report")

# Only what the command loads counts: not what the interpreter had before it started
# (a test harness's sitecustomize, such as the fake clock of scripts/fake_dates.py).
_RUN_AND_LIST = (
    "import sys\n"
    "before = set(sys.modules)\n"
    "from accomp.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "import pyarrow\n"
    "print(pyarrow.default_memory_pool().backend_name)\n"
    "print(sorted({m.split('.')[0] if not m.startswith('accomp') else m\n"
    "              for m in set(sys.modules) - before}))\n"
    "sys.exit(code)\n"
)


@pytest.fixture
def logbook(tmp_path: Path) -> tuple[Path, Path]:
    data = tmp_path / "coffre"
    vault, _ = vaults.create_vault(AppPaths.at(data), PASSPHRASE,
                                   kdf=vaults.KdfParams(1, 1024, 1), enforce_policy=False)
    for i in range(60):
        activities.log_activity(vault, {
            "date": f"2026-03-{1 + i % 28:02d}", "duration_min": 30,
            "place_type": "LieuActivite", "themes": ["Email"], "autonomy": "Autonome",
            "notes": "n" * 300})
    vault.lock()
    passfile = tmp_path / "pass.txt"
    passfile.write_text(PASSPHRASE + "\n")
    return data, passfile


def _run(words: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-P", "-c", _RUN_AND_LIST, *words],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "ACCOMP_KDF_FLOOR": "1,1024,1"})


def _modules(out: str) -> set[str]:
    listed = out.strip().splitlines()[-1]
    return set(json.loads(listed.replace("'", '"')))


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_an_activity_export_loads_no_heavy_module(logbook, tmp_path, fmt):
    data, passfile = logbook
    out = tmp_path / f"a.{fmt}"
    done = _run(["--data-dir", str(data), "export", "activities", "--passphrase-file",
                 str(passfile), *PERIOD, "--format", fmt, "-o", str(out)])
    assert done.returncode == 0, done.stderr
    assert out.exists()
    loaded = _modules(done.stdout)
    assert "sqlcipher3" in loaded  # the list is the real one
    # Arrow's memory goes back to the process (the 300 MB bound of issue 12)
    assert done.stdout.strip().splitlines()[-2] == "system"
    assert not {m for m in loaded for h in HEAVY if m == h or m.startswith(h + ".")}


def test_a_json_summary_export_loads_neither_qt_nor_the_spreadsheet_writer(logbook, tmp_path):
    data, passfile = logbook
    done = _run(["--data-dir", str(data), "export", "summary", "--passphrase-file",
                 str(passfile), *PERIOD, "--format", "json", "-o", str(tmp_path / "s.json")])
    assert done.returncode == 0, done.stderr
    loaded = _modules(done.stdout)
    assert not loaded & {"PySide6", "alembic", "openpyxl", "accomp.reports.xlsx_report"}


@pytest.mark.parametrize("kind", ["activities", "summary"])
def test_a_damaged_vault_exports_nothing_from_the_command_line(logbook, tmp_path, kind):
    """The integrity check runs beside the export's reading: when it finds damage (a
    flipped data page, which only the full check sees), no file is written, the
    journal gets nothing, and the user reads one refusal, as when the check ran
    before the export (the vault then opened read-only)."""
    data, passfile = logbook
    flip_bytes_in_a_data_page(data / "vault.db")
    before = (data / "vault.db").read_bytes()
    out = tmp_path / "out.csv"
    done = _run(["--data-dir", str(data), "export", kind, "--passphrase-file", str(passfile),
                 *PERIOD, "--format", "csv", "-o", str(out), "--lang", "en"])
    assert done.returncode == 2
    assert not out.exists()
    assert "Traceback" not in done.stderr
    # The log's warning (a count, as before this change), then the refusal.
    lines = done.stderr.strip().splitlines()
    assert len(lines) <= 2
    assert lines[-1] in ("The vault is open read-only: no change is possible.",
                         "The vault is damaged: it is open read-only. Restore the latest "
                         "verified backup.")
    assert (data / "vault.db").read_bytes() == before  # nothing was written to it


def test_a_sound_vault_exported_with_the_check_running_is_journaled(logbook, tmp_path):
    data, passfile = logbook
    out = tmp_path / "a.parquet"
    done = _run(["--data-dir", str(data), "export", "activities", "--passphrase-file",
                 str(passfile), *PERIOD, "--format", "parquet", "-o", str(out)])
    assert done.returncode == 0, done.stderr
    vault = vaults.unlock(AppPaths.at(data), PASSPHRASE)
    try:
        past = reports.past_exports(vault)
        assert [r.action for r in past] == ["export.activities"]
        assert past[0].details["rows"] == 60
        assert vaults.check(vault).sound
    finally:
        vault.lock()


def test_a_read_that_fails_on_a_damaged_vault_is_refused_as_damage(logbook):
    import sqlcipher3

    from accomp.domain.errors import KnownError

    data, _ = logbook
    flip_bytes_in_a_data_page(data / "vault.db")
    vault = vaults.unlock(AppPaths.at(data), PASSPHRASE, check_later=True)
    try:
        with pytest.raises(KnownError) as info, vaults.damage_refused(vault):
            raise sqlcipher3.DatabaseError("database disk image is malformed")
        assert info.value.code == "vault_damaged"
        assert vault.read_only
    finally:
        vault.lock()


def test_a_failure_on_a_sound_vault_is_not_called_damage(logbook):
    data, _ = logbook
    vault = vaults.unlock(AppPaths.at(data), PASSPHRASE, check_later=True)
    try:
        with pytest.raises(ZeroDivisionError), vaults.damage_refused(vault):
            raise ZeroDivisionError
        assert not vault.damaged
        assert not vault.read_only
    finally:
        vault.lock()


def test_a_vault_known_to_be_read_only_is_refused_before_reading(logbook, tmp_path, monkeypatch):
    from accomp.domain.errors import KnownError
    from accomp.services import exports
    from accomp.store import stats

    data, _ = logbook
    vault = vaults.unlock(AppPaths.at(data), PASSPHRASE)
    read: list[bool] = []
    monkeypatch.setattr(stats, "export_columns", lambda *a: read.append(True))
    vault.read_only = True
    try:
        with pytest.raises(KnownError) as info:
            exports.export_activities(vault, "2026-01-01", "2026-12-31", "parquet",
                                      tmp_path / "a.parquet")
        assert info.value.code == "vault_read_only"
    finally:
        vault.read_only = False
        vault.lock()
    assert not read
    assert not (tmp_path / "a.parquet").exists()
