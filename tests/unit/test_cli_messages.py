"""The command line speaks the chosen language, help and errors alike, takes --lang
before or after the sub-command, reads dates as JJ/MM/AAAA or AAAA-MM-JJ, lists the
valid formats, refuses bad arguments before the passphrase's key derivation, and
says what is wrong with a junk backup or how to join two structures' files."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from accomp import cli
from accomp.domain.errors import KnownError
from accomp.paths import AppPaths
from accomp.reports import output
from accomp.services import vaults

PASSPHRASE = "x"


@pytest.fixture(autouse=True)
def keep_umask() -> Iterator[None]:
    old = os.umask(0o022)
    os.umask(old)
    yield
    os.umask(old)


@pytest.fixture
def no_unlock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reaching the key derivation is a failure here: arguments come first."""

    def refuse(*a: Any, **k: Any) -> Any:
        raise AssertionError("the vault was unlocked before the arguments were checked")

    monkeypatch.setattr(vaults, "unlock", refuse)


def run(capsys: pytest.CaptureFixture[str], *words: str) -> tuple[int, str, str]:
    try:
        code = cli.main(list(words))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


SUMMARY = ("export", "summary", "--passphrase-file", "-", "-o", "/tmp/never-written.csv")


def test_help_is_in_french_and_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert "utilisation : accomp" in out
    assert "afficher cette aide et quitter" in out
    code, out, _ = run(capsys, "export", "summary", "--help", "--lang", "en")
    assert code == 0
    assert out.startswith("usage: accomp export summary")
    assert "first day: DD/MM/YYYY or YYYY-MM-DD" in out
    assert "SUB_DATA_DIR" not in out
    assert "DATE_FROM" not in out


@pytest.mark.parametrize(("lang", "expected"), [
    ("fr", "arguments obligatoires manquants : {summary,activities,secret}"),
    ("en", "the following arguments are required: {summary,activities,secret}"),
])
def test_a_missing_kind_names_the_choices_not_an_internal_name(
    capsys: pytest.CaptureFixture[str], lang: str, expected: str
) -> None:
    code, _, err = run(capsys, "export", "--lang", lang)
    assert code == 2
    assert expected in err
    assert "export_command" not in err


def test_lang_is_accepted_after_the_sub_command(
    capsys: pytest.CaptureFixture[str], no_unlock: None
) -> None:
    code, _, err = run(capsys, *SUMMARY, "--from", "2026-02-01", "--to", "2026-01-01",
                       "--format", "csv", "--lang", "en")
    assert code == 2
    assert err.strip() == KnownError("period_invalid", "date_from").message("en")


def test_a_french_date_is_read_and_a_wrong_one_says_both_forms(
    capsys: pytest.CaptureFixture[str], no_unlock: None
) -> None:
    code, _, err = run(capsys, *SUMMARY, "--from", "31/02/2026", "--to", "2026-03-01",
                       "--format", "csv")
    assert code == 2
    assert "JJ/MM/AAAA" in err
    assert "AAAA-MM-JJ" in err
    code, _, err = run(capsys, *SUMMARY, "--from", "31/12/2026", "--to", "2026-01-01",
                       "--format", "csv", "--lang", "en")
    assert code == 2  # read, then refused as a period that ends before it starts
    assert "DD/MM/YYYY" not in err


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_unknown_format_lists_the_valid_ones(
    capsys: pytest.CaptureFixture[str], no_unlock: None, lang: str
) -> None:
    code, _, err = run(capsys, *SUMMARY, "--from", "01/01/2026", "--to", "31/01/2026",
                       "--format", "docx", "--lang", lang)
    assert code == 2
    assert "'xlsx', 'csv', 'pdf', 'json'" in err
    code, _, err = run(capsys, "export", "activities", "--passphrase-file", "-", "-o", "x",
                       "--from", "01/01/2026", "--to", "31/01/2026", "--format", "docx")
    assert "'csv', 'parquet', 'xlsx'" in err


def test_the_formats_listed_are_the_writers_own() -> None:
    assert cli.SUMMARY_FORMATS == output.SUMMARY_FORMATS
    assert cli.ACTIVITY_FORMATS == output.ACTIVITY_FORMATS


@pytest.mark.parametrize("words", [
    ("--k", "1"),
    ("--theme", "PasUnTheme"),
])
def test_bad_arguments_are_refused_before_the_key_derivation(
    capsys: pytest.CaptureFixture[str], no_unlock: None, words: tuple[str, ...]
) -> None:
    code, _, err = run(capsys, *SUMMARY, "--from", "01/01/2026", "--to", "31/01/2026",
                       "--format", "csv", *words)
    assert code == 2
    assert len(err.strip().splitlines()) == 1


def test_a_junk_backup_is_said_to_be_no_backup_of_this_vault(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "coffre"
    vault, _ = vaults.create_vault(AppPaths.at(data), PASSPHRASE,
                                   kdf=vaults.KdfParams(1, 1024, 1), enforce_policy=False)
    vault.lock()
    passfile = tmp_path / "pass.txt"
    passfile.write_text(PASSPHRASE)
    junk = tmp_path / "accomp-20260101-000000.db"
    junk.write_bytes(os.urandom(8192))
    for lang, words in (("fr", "n'est pas une sauvegarde de ce coffre"),
                        ("en", "is not a backup of this vault")):
        code, _, err = run(capsys, "restore", "--data-dir", str(data), "--passphrase-file",
                           str(passfile), str(junk), "--yes", "--lang", lang)
        assert code == 2
        assert words in err
        assert "DatabaseError" not in err


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_mixed_structures_say_how_to_share_one_secret(lang: str) -> None:
    text = KnownError("consolidation_mixed_structures", a=1, b=2).message(lang)  # type: ignore[arg-type]
    assert "accomp export secret -o" in text
    assert "accomp export secret --import" in text


def test_the_readme_lists_export_secret() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    assert "| `accomp export secret" in readme
