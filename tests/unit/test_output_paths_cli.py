"""The vault can never be destroyed by an export's destination, from the command line.

Each attack is a real `accomp` command line run in-process: an export aimed at the
key file, the database, the data folder through a link, a device, a pipe, a folder,
an existing file, a folder that does not exist, a relative path. Each is refused in
one line in French and in English, with exit status 2 and no traceback, and the
data folder is byte for byte what it was.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from accomp import cli
from accomp.domain.errors import MESSAGES
from accomp.paths import AppPaths
from accomp.services import activities, backups, vaults

PASSPHRASE = "x"
PERIOD = ["--from", "2026-01-01", "--to", "2026-12-31"]


@pytest.fixture
def keep_umask() -> Iterator[None]:
    # cli.main sets a private umask for the process; give the test run its own back
    old = os.umask(0o022)
    os.umask(old)
    yield
    os.umask(old)


@pytest.fixture
def logbook(tmp_path: Path, keep_umask: None) -> tuple[Path, Path]:
    data = tmp_path / "coffre"
    vault, _ = vaults.create_vault(AppPaths.at(data), PASSPHRASE,
                                   kdf=vaults.KdfParams(1, 1024, 1), enforce_policy=False)
    for day in range(1, 8):
        activities.log_activity(vault, {
            "date": f"2026-03-0{day}", "duration_min": 30, "place_type": "LieuActivite",
            "themes": ["Email"], "autonomy": "Autonome"})
    backups.backup_now(vault)
    vault.lock()
    passfile = tmp_path / "pass.txt"
    passfile.write_text(PASSPHRASE + "\n")
    return data, passfile


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under the data folder, by relative name, with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def export(data: Path, passfile: Path, out: str, *extra: str, lang: str = "fr",
           what: str = "summary") -> int:
    args = ["--lang", lang, "export", what, "--data-dir", str(data),
            "--passphrase-file", str(passfile)]
    if what != "secret":
        args += [*PERIOD, "--format", "csv" if what == "activities" else "json"]
    return cli.main([*args, "-o", out, *extra])


def refused(capsys: pytest.CaptureFixture[str], code: str, lang: str) -> None:
    captured = capsys.readouterr()
    assert captured.out == ""
    err = captured.err.strip()
    assert err == MESSAGES[code][0 if lang == "fr" else 1], err
    assert "Traceback" not in captured.err


def vault_targets(data: Path, tmp_path: Path) -> dict[str, str]:
    link_to_data = tmp_path / "raccourci"
    link_to_data.symlink_to(data)
    link_to_key = tmp_path / "lien.json"
    link_to_key.symlink_to(data / "vault.key")
    backup = next(p for p in (data / "backups").iterdir() if p.suffix == ".db")
    return {
        "the key file": str(data / "vault.key"),
        "the database": str(data / "vault.db"),
        "a backup": str(backup),
        "a new file in the data folder": str(data / "resume.json"),
        "the data folder itself": str(data),
        "the data folder through a link": str(link_to_data / "vault.key"),
        "a link to the key file": str(link_to_key),
        "the data folder spelt with ..": str(data / "backups" / ".." / "vault.db"),
    }


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("what", ["summary", "activities", "secret"])
def test_no_export_is_ever_written_over_or_inside_the_vault_even_forced(
    logbook, tmp_path, capsys, lang, what
):
    data, passfile = logbook
    before = snapshot(data)
    for name, target in vault_targets(data, tmp_path).items():
        for extra in ((), ("--force",)):
            assert export(data, passfile, target, *extra, lang=lang, what=what) == 2, name
            refused(capsys, "output_in_data_folder", lang)
    assert snapshot(data) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "coffre", "lien.json", "pass.txt", "raccourci"]


def test_a_relative_path_into_the_data_folder_is_refused_too(
    logbook, tmp_path, capsys, monkeypatch
):
    data, passfile = logbook
    before = snapshot(data)
    monkeypatch.chdir(data / "backups")
    for target in ("../vault.key", "../vault.db", "x.json", "."):
        assert export(data, passfile, target, "--force") == 2, target
        refused(capsys, "output_in_data_folder", "fr")
    assert snapshot(data) == before


def test_a_key_file_or_a_backup_elsewhere_is_never_replaced(logbook, tmp_path, capsys):
    """On a USB key, a backup and the key file copied beside it are what restores
    the vault on a new computer: no export may take their place, even forced."""
    data, passfile = logbook
    usb = tmp_path / "usb"
    usb.mkdir()
    vault = vaults.unlock(AppPaths.at(data), PASSPHRASE)
    try:
        copy = backups.backup_now(vault, usb)
    finally:
        vault.lock()
    renamed_key = tmp_path / "ma-cle.json"
    renamed_key.write_bytes((data / "vault.key").read_bytes())
    before = snapshot(usb)
    for target in (copy.path, copy.path.with_suffix(".key"), renamed_key):
        for lang in ("fr", "en"):
            assert export(data, passfile, str(target), "--force", lang=lang) == 2
            refused(capsys, "output_protected", lang)
    assert snapshot(usb) == before
    assert renamed_key.read_bytes() == (data / "vault.key").read_bytes()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_pipe_a_folder_or_a_link_to_them_is_never_written_over(
    logbook, tmp_path, capsys, lang
):
    data, passfile = logbook
    before = snapshot(data)
    fifo = tmp_path / "tube"
    os.mkfifo(fifo)
    folder = tmp_path / "dossier"
    folder.mkdir()
    link = tmp_path / "lien"
    link.symlink_to(fifo)
    loop = tmp_path / "boucle"
    loop.symlink_to(loop)
    for target in (fifo, folder, link, loop):
        assert export(data, passfile, str(target), "--force", lang=lang) == 2, target
        refused(capsys, "output_not_regular", lang)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert list(folder.iterdir()) == []
    assert os.readlink(link) == str(fifo)
    assert snapshot(data) == before


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="making a device node needs root")
def test_as_root_a_device_node_is_never_replaced(logbook, tmp_path, capsys):
    """`-o /dev/full` as root used to replace the device with a file. The same
    device (1, 7) is made here in the test's own folder, so that a regression can
    only harm the copy."""
    data, passfile = logbook
    device = tmp_path / "full"
    os.mknod(device, stat.S_IFCHR | 0o600, os.makedev(1, 7))
    for lang in ("fr", "en"):
        assert export(data, passfile, str(device), "--force", lang=lang) == 2
        refused(capsys, "output_not_regular", lang)
    assert stat.S_ISCHR(os.lstat(device).st_mode)
    assert os.lstat(device).st_rdev == os.makedev(1, 7)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_existing_file_is_replaced_only_with_force(logbook, tmp_path, capsys, lang):
    data, passfile = logbook
    out = tmp_path / "resume.json"
    out.write_text("mon travail d'hier")
    assert export(data, passfile, str(out), lang=lang) == 2
    refused(capsys, "output_exists", lang)
    assert out.read_text() == "mon travail d'hier"

    assert export(data, passfile, str(out), "--force", lang=lang) == 0
    assert out.read_text().startswith("{")
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_folder_that_does_not_exist_is_not_created(logbook, tmp_path, capsys, lang):
    data, passfile = logbook
    target = tmp_path / "nulle-part" / "dossier" / "x.csv"
    assert export(data, passfile, str(target), "--force", lang=lang,
                  what="activities") == 2
    refused(capsys, "output_folder_missing", lang)
    assert not (tmp_path / "nulle-part").exists()


def test_consolidation_and_the_secret_file_obey_the_same_rules(logbook, tmp_path, capsys):
    data, passfile = logbook
    rows = tmp_path / "a.csv"
    assert export(data, passfile, str(rows), what="activities") == 0
    secret = tmp_path / "secret.txt"
    assert export(data, passfile, str(secret), what="secret") == 0
    capsys.readouterr()
    before = snapshot(data)
    for target in (data / "vault.key", data / "vault.db"):
        assert cli.main(["consolidate", str(rows), "--format", "json", "-o", str(target),
                         "--force", "--data-dir", str(data)]) == 2
        refused(capsys, "output_in_data_folder", "fr")
    assert cli.main(["consolidate", str(rows), "--format", "json", "-o", str(rows)]) == 2
    refused(capsys, "output_exists", "fr")
    assert export(data, passfile, str(secret), what="secret") == 2
    refused(capsys, "output_exists", "fr")
    assert snapshot(data) == before


def test_relative_paths_work_from_the_current_folder(logbook, tmp_path, capsys, monkeypatch):
    """`accomp restore ... backups/accomp-X.db` used to fail with "relative path can't
    be expressed as a file URI" and a traceback."""
    data, _ = logbook
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sorties").mkdir()
    assert cli.main(["export", "summary", "--data-dir", "coffre", "--passphrase-file",
                     "pass.txt", *PERIOD, "--format", "json", "-o", "sorties/s.json"]) == 0
    assert (tmp_path / "sorties" / "s.json").is_file()
    backup = next(p for p in (data / "backups").iterdir() if p.suffix == ".db")
    monkeypatch.chdir(data)
    assert cli.main(["restore", "--data-dir", ".", "--passphrase-file", "../pass.txt",
                     "--yes", f"backups/{backup.name}"]) == 0
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    assert backup.name in out.out
