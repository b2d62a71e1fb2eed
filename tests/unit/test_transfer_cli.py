"""`accomp transfer` from the command line: two workers exchange keys, one sends a
file, the other previews and imports it; refusals are one line and exit status 2."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import CANARY_NEEDLES

from accomp import cli
from accomp.paths import AppPaths
from accomp.services import activities, beneficiaries, vaults

PASSPHRASE = "x"


@pytest.fixture
def keep_umask() -> Iterator[None]:
    old = os.umask(0o022)
    os.umask(old)
    yield
    os.umask(old)


def make_vault(root: Path, name: str, *, basis: str = "ObligationLegale") -> str | None:
    vault, _ = vaults.create_vault(AppPaths.at(root / name), PASSPHRASE,
                                   kdf=vaults.KdfParams(1, 1024, 1), enforce_policy=False)
    code = None
    if name == "alice":
        # A legal obligation allows passing the file on whatever today's date.
        b = beneficiaries.create_beneficiary(vault, {
            "first_name": "Zéphyrine", "last_name": "CANARYNAME", "legal_basis": basis,
            "informed_on": "2020-01-06"}, today=dt.date(2020, 1, 6))
        activities.log_activity(vault, {
            "date": "2020-02-03", "duration_min": 30, "place_type": "LieuActivite",
            "themes": ["Email"], "autonomy": "Autonome", "beneficiary_id": b.id},
            today=dt.date(2020, 2, 3))
        code = b.code
    vault.lock()
    return code


def args(root: Path, name: str) -> list[str]:
    return ["--data-dir", str(root / name), "--passphrase-file", str(root / "pass.txt")]


def test_send_and_receive_a_file_from_the_command_line(tmp_path, capsys, keep_umask) -> None:
    (tmp_path / "pass.txt").write_text(PASSPHRASE + "\n")
    code = make_vault(tmp_path, "alice")
    make_vault(tmp_path, "bruno")
    keys = {}
    for name in ("alice", "bruno"):
        assert cli.main(["transfer", "key", *args(tmp_path, name),
                         "--output", str(tmp_path / f"{name}.pub")]) == 0
        out = capsys.readouterr().out
        keys[name] = re.search(r"([A-Z2-7]{4}-){3}[A-Z2-7]{4}", out).group(0)  # type: ignore[union-attr]
        assert (tmp_path / f"{name}.pub").read_text().startswith("accomp1:")
    assert cli.main(["transfer", "contact", "add", *args(tmp_path, "alice"), "Bruno",
                     str(tmp_path / "bruno.pub")]) == 0
    assert cli.main(["transfer", "contact", "add", *args(tmp_path, "bruno"), "Alice",
                     str(tmp_path / "alice.pub")]) == 0
    capsys.readouterr()
    bundle = tmp_path / "for-bruno.accomp-transfert"
    assert cli.main(["transfer", "export", *args(tmp_path, "alice"), "--to", keys["bruno"],
                     "--code", code, "--parts", "identity,sessions", "-o", str(bundle)]) == 0
    out = capsys.readouterr().out
    assert code in out
    assert not any(n in out for n in CANARY_NEEDLES)
    assert cli.main(["transfer", "import", *args(tmp_path, "bruno"), str(bundle),
                     "--preview"]) == 0
    out = capsys.readouterr().out
    assert "Alice" in out
    assert keys["alice"] in out
    assert "CANARYNAME" in out
    assert cli.main(["transfer", "import", *args(tmp_path, "bruno"), str(bundle)]) == 0
    assert "→ B-" in capsys.readouterr().out
    assert cli.main(["transfer", "import", *args(tmp_path, "bruno"), str(bundle)]) == 2
    assert "déjà été importé" in capsys.readouterr().err


def test_a_file_without_consent_is_refused_in_one_line(tmp_path, capsys, keep_umask) -> None:
    (tmp_path / "pass.txt").write_text(PASSPHRASE + "\n")
    code = make_vault(tmp_path, "alice", basis="MissionInteretPublic")
    make_vault(tmp_path, "bruno")
    cli.main(["transfer", "key", *args(tmp_path, "bruno"), "--output",
              str(tmp_path / "bruno.pub")])
    cli.main(["transfer", "contact", "add", *args(tmp_path, "alice"), "Bruno",
              str(tmp_path / "bruno.pub")])
    fp = re.search(r"([A-Z2-7]{4}-){3}[A-Z2-7]{4}", capsys.readouterr().out).group(0)  # type: ignore[union-attr]
    assert cli.main(["transfer", "export", *args(tmp_path, "alice"), "--to", fp,
                     "--code", code, "-o", str(tmp_path / "x.bin"), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "cannot be passed on" in err
    assert not (tmp_path / "x.bin").exists()
