"""vault.key damaged or tampered with: out-of-bounds Argon2 parameters, a changed
salt, nonce or ciphertext, a removed recovery section. Each says "key file damaged"
(with what to do), never "wrong passphrase" nor a traceback; the vault is untouched.
A lost vault.key comes back from the key file kept with every backup."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import pytest
from conftest import PASSPHRASE, an_activity

from accomp import cli
from accomp.domain.errors import KnownError
from accomp.services import activities, backups, vaults
from accomp.store import key_schema, keys
from accomp.store.keys import KeyFile


def _digest(paths) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(paths.data_dir.iterdir()) if p.is_file()}


def _edit(paths, change) -> None:
    raw = json.loads(paths.key_file.read_bytes())
    change(raw)
    paths.key_file.write_text(json.dumps(raw))


def _check(paths, tmp_path: Path, capsys, lang: str) -> tuple[int, str]:
    passfile = tmp_path / "pass.txt"
    passfile.write_text(PASSPHRASE + "\n")
    capsys.readouterr()
    rc = cli.main(["--lang", lang, "check", "--data-dir", str(paths.data_dir),
                   "--passphrase-file", str(passfile)])
    return rc, capsys.readouterr().err


def _flip_b64(value: str) -> str:
    raw = bytearray(base64.b64decode(value))
    raw[3] ^= 0x01
    return base64.b64encode(bytes(raw)).decode()


def _kdf(name, value):
    def change(raw):
        raw["passphrase"]["kdf"][name] = value
    return change


def _salt(raw):
    raw["passphrase"]["kdf"]["salt"] = _flip_b64(raw["passphrase"]["kdf"]["salt"])


def _nonce(raw):
    raw["passphrase"]["nonce"] = _flip_b64(raw["passphrase"]["nonce"])


def _ct(raw):
    raw["passphrase"]["ct"] = _flip_b64(raw["passphrase"]["ct"])


def _short_salt(raw):
    raw["passphrase"]["kdf"]["salt"] = base64.b64encode(b"short").decode()


DAMAGE = {
    "memory_kib 1": _kdf("memory_kib", 1), "parallelism 0": _kdf("parallelism", 0),
    "time_cost 0": _kdf("time_cost", 0), "memory_kib huge": _kdf("memory_kib", 2**40),
    "parallelism text": _kdf("parallelism", "4"), "time_cost true": _kdf("time_cost", True),
    "salt changed": _salt, "nonce changed": _nonce, "ciphertext changed": _ct,
    "salt too short": _short_salt,
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_key_file_says_so_and_what_to_do(vault, paths, tmp_path, capsys, damage):
    vault.lock()
    _edit(paths, DAMAGE[damage])
    before = _digest(paths)
    with pytest.raises(KnownError) as info:
        vaults.unlock(paths, PASSPHRASE)
    assert info.value.code == "key_file_damaged"
    for lang, words in (("fr", ("vault.key", "endommagé", "sauvegarde")),
                        ("en", ("vault.key", "damaged", "backup"))):
        rc, err = _check(paths, tmp_path, capsys, lang)
        assert rc == cli.EXIT_USAGE  # cannot unlock
        assert all(w in err for w in words), err
        assert "Traceback" not in err
        assert "incorrect" not in err.lower()
        assert "wrong" not in err.lower()
    assert _digest(paths) == before


def test_a_key_file_below_the_creation_policy_is_refused(vault, paths, monkeypatch):
    vault.lock()  # made with the tests' cheap KDF, below the real policy
    monkeypatch.setattr(keys, "KDF_FLOOR", key_schema.Floor(3, 64 * 1024, 4))
    with pytest.raises(KnownError) as info:
        vaults.unlock(paths, PASSPHRASE)
    assert info.value.code == "key_file_damaged"


def test_the_policy_floor_is_the_default_kdf_unless_a_test_lowers_it(monkeypatch):
    monkeypatch.delenv("ACCOMP_KDF_FLOOR")
    floor = keys._floor()
    assert (floor.time_cost, floor.memory_kib, floor.parallelism) == (3, 65536, 4)
    monkeypatch.setenv("ACCOMP_KDF_FLOOR", "0,0,0")
    assert keys._floor() == key_schema.Floor(1, 8, 1)  # never below Argon2's minimum


def test_a_removed_recovery_section_is_reported_by_check(vault, paths, tmp_path, capsys):
    code = vault.recovery_code
    vault.lock()
    _edit(paths, lambda raw: raw.pop("recovery"))
    before = _digest(paths)
    for lang, word in (("fr", "Fichier de clé (vault.key) endommagé"),
                       ("en", "Key file (vault.key) damaged")):
        rc, err = _check(paths, tmp_path, capsys, lang)
        assert rc == cli.EXIT_DAMAGE
        assert word in err
        assert "Traceback" not in err
    v = vaults.unlock(paths, PASSPHRASE)  # the passphrase still opens it
    v.lock()
    with pytest.raises(KnownError) as info:
        vaults.unlock_with_recovery(paths, code)
    assert info.value.code == "key_file_damaged"
    assert _digest(paths) == before


def test_a_changed_recovery_section_is_reported_by_check(vault, paths, tmp_path, capsys):
    vault.lock()
    _edit(paths, lambda raw: raw["recovery"].update(salt=_flip_b64(raw["recovery"]["salt"])))
    rc, err = _check(paths, tmp_path, capsys, "fr")
    assert rc == cli.EXIT_DAMAGE
    assert "vault.key" in err


def test_a_wrong_passphrase_is_still_a_wrong_passphrase(vault, paths):
    vault.lock()
    with pytest.raises(KnownError) as info:
        vaults.unlock(paths, PASSPHRASE + "x")
    assert info.value.code == "wrong_passphrase"
    assert KeyFile.read(paths.key_file).problems() == []


def test_a_lost_key_file_comes_back_from_a_backup(vault, paths):
    code = vault.recovery_code
    activities.log_activity(vault, an_activity())
    info = backups.backup_now(vault)
    kept = info.path.with_suffix(".key")
    assert (kept.stat().st_mode & 0o777) == 0o600
    vault.lock()
    paths.key_file.unlink()
    # With the passphrase: restore takes the key file kept with the backup.
    backups.restore(paths, PASSPHRASE, info.path)
    v = vaults.unlock(paths, PASSPHRASE)
    assert activities.count_activities(v) == 1
    v.lock()
    # With the recovery code: put the kept key file back and set a new passphrase.
    paths.key_file.write_bytes(kept.read_bytes())
    vaults.reset_passphrase(paths, code, "another long passphrase for tests",
                            enforce_policy=False)
    v = vaults.unlock(paths, "another long passphrase for tests")
    try:
        assert not v.damaged
    finally:
        v.lock()


def test_a_damaged_key_file_is_replaced_from_the_backup_at_restore(vault, paths):
    info = backups.backup_now(vault)
    vault.lock()
    _edit(paths, _salt)
    backups.restore(paths, PASSPHRASE, info.path)
    vaults.unlock(paths, PASSPHRASE).lock()
