"""Every file a service writes for the user (register, right-of-access copy, external
backup and its key, structure secret, consent documents, exports) obeys the same
rules as the command line: never in the data folder, only in a folder that exists,
never to a temporary name someone else could have made first; paths relative to the
current folder work; a full disk during a backup is a plain disk_error."""

from __future__ import annotations

import datetime as dt
import errno
import os
import stat
from pathlib import Path

import pytest
from conftest import an_activity, canary_beneficiary

from accomp.domain.errors import KnownError
from accomp.paths import write_private_atomic
from accomp.reports import destination
from accomp.services import activities, backups, consents, exports, register, reports, rights
from accomp.store import backup as store_backup

NOON = dt.datetime(2026, 11, 28, 12, 0)
NOW = dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def person(vault):
    person = canary_beneficiary(vault)
    activities.log_activity(vault, an_activity(beneficiary_id=person.id))
    return person


def vault_files(vault) -> dict[str, bytes]:
    data = vault.paths.data_dir
    return {n: (data / n).read_bytes() for n in ("vault.key", "vault.db")}


def refusal(call) -> KnownError:
    with pytest.raises(KnownError) as info:
        call()
    assert "Rien n'a été écrit" in info.value.message("fr")
    assert "Nothing was written" in info.value.message("en")
    return info.value


def test_no_service_writes_into_the_data_folder(vault, person):
    data = vault.paths.data_dir
    document = consents.notice_document("fr")
    attempts = {
        "register": lambda: register.write_processing_register(vault, data, pdf=False),
        "access copy": lambda: rights.access_export(vault, person.id, data / "backups",
                                                    pdf=False),
        "backup copy": lambda: backups.backup_now(vault, data),
        "backup copy in backups/": lambda: backups.backup_now(vault, data / "backups"),
        "secret file": lambda: exports.save_structure_secret(vault, data / "vault.key",
                                                             replace=True),
        "consent document": lambda: consents.save_pdf(vault, document, data / "vault.db",
                                                      replace=True),
        "summary": lambda: reports.export_summary(vault, "2026-01-01", "2026-12-31", "json",
                                                  data / "vault.key", replace=True),
    }
    (data / "backups").mkdir(exist_ok=True)
    before = vault_files(vault)
    listing = sorted(p.name for p in data.rglob("*"))
    for name, attempt in attempts.items():
        assert refusal(attempt).code == "output_in_data_folder", name
    assert vault_files(vault) == before
    assert sorted(p.name for p in data.rglob("*")) == listing


def test_folders_are_never_created_on_the_way(vault, person, tmp_path):
    missing = tmp_path / "pas-encore"
    for attempt in (
        lambda: register.write_processing_register(vault, missing, pdf=False),
        lambda: rights.access_export(vault, person.id, missing, pdf=False),
        lambda: backups.backup_now(vault, missing),
        lambda: exports.save_structure_secret(vault, missing / "secret.txt"),
    ):
        assert refusal(attempt).code == "output_folder_missing"
    assert not missing.exists()


def test_two_files_written_together_are_both_written_or_neither(vault, person, tmp_path):
    """The access copy is a JSON and a PDF: if the PDF's name is taken, the JSON
    written just before is removed again."""
    stem = f"acces-{person.code}-{NOW.astimezone():%Y%m%d-%H%M%S}"
    out = tmp_path / "remise"
    out.mkdir()
    taken = out / f"{stem}.pdf"
    taken.write_bytes(b"someone's file")
    assert refusal(lambda: rights.access_export(vault, person.id, out, now=NOW)).code \
        == "output_exists"
    assert sorted(p.name for p in out.iterdir()) == [taken.name]
    assert taken.read_bytes() == b"someone's file"


@pytest.mark.parametrize("planted", ["file", "link"])
def test_a_temporary_name_made_in_advance_by_someone_else_gets_nothing(
    vault, person, tmp_path, planted
):
    """In a shared writable folder, another user used to create
    `.<name>.<pid>.tmp` (mode 0666, or a link to a file of theirs) and receive the
    access copy. Temporary names are now unpredictable and created exclusively."""
    stem = f"acces-{person.code}-{NOW.astimezone():%Y%m%d-%H%M%S}.json"
    theirs = tmp_path / "their-file"
    theirs.write_bytes(b"")
    os.chmod(theirs, 0o666)
    trap = tmp_path / f".{stem}.{os.getpid()}.tmp"
    if planted == "file":
        trap.write_bytes(b"")
        os.chmod(trap, 0o666)
    else:
        trap.symlink_to(theirs)
    result = rights.access_export(vault, person.id, tmp_path, now=NOW, pdf=False)
    assert result.json_path.name == stem
    assert stat.S_IMODE(os.lstat(result.json_path).st_mode) == 0o600
    assert os.lstat(trap).st_size == 0 or trap.is_symlink()
    assert theirs.read_bytes() == b""
    assert person.code.encode() in result.json_path.read_bytes()
    assert not os.path.samefile(result.json_path, theirs)
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == [trap.name]


def test_accomps_own_files_use_unpredictable_temporary_names_too(tmp_path, monkeypatch):
    made: list[str] = []
    real = destination.tempfile.mkstemp

    def spy(*args, **kwargs):
        fd, name = real(*args, **kwargs)
        made.append(Path(name).name)
        return fd, name

    monkeypatch.setattr("tempfile.mkstemp", spy)
    trap = tmp_path / f".settings.json.{os.getpid()}.tmp"
    trap.write_bytes(b"")
    os.chmod(trap, 0o666)
    write_private_atomic(tmp_path / "settings.json", b"{}")
    write_private_atomic(tmp_path / "settings.json", b"{}")
    destination.write_file(tmp_path / "x.csv", b"a", data_dir=None)
    assert len(set(made)) == 3
    assert all(str(os.getpid()) not in name.split(".") for name in made)
    assert trap.read_bytes() == b""
    assert stat.S_IMODE(os.stat(tmp_path / "settings.json").st_mode) == 0o600


def test_a_backup_to_a_relative_folder_works_and_leaves_no_part(vault, tmp_path, monkeypatch):
    """backup_now(vault, Path("rel/usb")) used to fail ("relative path can't be
    expressed as a file URI") and leave a .part behind."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rel" / "usb").mkdir(parents=True)
    info = backups.backup_now(vault, Path("rel/usb"), now=NOON)
    assert info.path == tmp_path / "rel" / "usb" / "accomp-20261128-120000.db"
    assert sorted(p.name for p in (tmp_path / "rel" / "usb").iterdir()) == [
        "accomp-20261128-120000.db", "accomp-20261128-120000.key"]
    check = backups.check_backup(vault.paths, "correct horse battery staple vault test",
                                 Path("rel/usb/accomp-20261128-120000.db"))
    assert check.sound


def _full_target(monkeypatch) -> None:
    """The backup's own file fills up: SQLite's max_page_count on the connection
    that writes the copy makes SQLite refuse its next page with SQLITE_FULL
    ("database or disk is full"), as a full USB key would."""
    real = store_backup.engines.connect

    def connect(path, hex_key, **kwargs):
        conn = real(path, hex_key, **kwargs)
        if str(path).endswith(".part"):
            conn.execute("PRAGMA max_page_count = 3").fetchone()
        return conn

    monkeypatch.setattr(store_backup.engines, "connect", connect)


@pytest.mark.parametrize("external", [False, True])
def test_a_backup_on_a_full_disk_is_a_disk_error_and_leaves_nothing(
    vault, person, tmp_path, monkeypatch, external
):
    folder = tmp_path / "usb" if external else None
    if folder is not None:
        folder.mkdir()
    where = folder or vault.paths.backups
    before = vault_files(vault)
    with monkeypatch.context() as m:
        _full_target(m)
        err = refusal_of(lambda: backups.backup_now(vault, folder, now=NOON))
    assert err.code == "disk_error"
    assert err.message("fr").startswith("Écriture impossible sur le disque")
    assert err.message("en").startswith("Could not write to disk")
    assert "Traceback" not in str(err)
    assert not where.exists() or list(where.iterdir()) == []
    assert vault_files(vault) == before
    assert backups.backup_now(vault, folder, now=NOON).path.exists()  # room again


def refusal_of(call) -> KnownError:
    with pytest.raises(KnownError) as info:
        call()
    return info.value


def test_a_full_disk_while_writing_an_export_is_a_disk_error(vault, tmp_path, monkeypatch):
    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(destination.os, "fsync", full)
    err = refusal_of(lambda: reports.export_summary(vault, "2026-01-01", "2026-12-31",
                                                    "json", tmp_path / "s.json"))
    assert err.code == "disk_error"
    assert list(tmp_path.iterdir()) == [vault.paths.data_dir]
