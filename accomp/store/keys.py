"""The vault's key file: a random 32-byte database key, wrapped twice with AES-GCM.

- once by a key derived from the passphrase with Argon2id (parameters and salt kept
  in the file, versioned, so they can be raised later);
- once by a key derived from the recovery code (HKDF: the code is random, 160 bits).

Changing the passphrase re-wraps the same database key: nothing is re-encrypted.
"""

from __future__ import annotations

import base64
import json
import os
import re
import secrets
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from argon2.exceptions import HashingError
from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from accomp.domain.errors import KnownError
from accomp.paths import write_private_atomic
from accomp.store import key_schema

KEY_FILE_FORMAT = 1
_HEX_KEY = re.compile(r"[0-9a-f]{64}")
_RECOVERY_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # no 0/O, 1/I/L, U
_RECOVERY_GROUPS = 7
_RECOVERY_GROUP_LEN = 5  # 35 symbols of log2(30) ≈ 4.9 bits ≈ 171 bits


@dataclass(frozen=True, slots=True)
class KdfParams:
    """Argon2id cost. The defaults follow OWASP's guidance for interactive logins on
    a modest laptop; tests pass cheaper ones, which the key file records."""

    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 4


DEFAULT_KDF = KdfParams()


def _floor() -> key_schema.Floor:
    """The lowest cost a key file may ask for: the creation policy. Test suites and
    benchmarks, which create throwaway vaults with a cheap KDF, lower it for their own
    processes with ACCOMP_KDF_FLOOR="t,m,p" (never below Argon2's own minimum)."""
    policy = key_schema.Floor(DEFAULT_KDF.time_cost, DEFAULT_KDF.memory_kib,
                              DEFAULT_KDF.parallelism)
    value = os.environ.get("ACCOMP_KDF_FLOOR", "")
    try:
        t, m, p = (int(x) for x in value.split(","))
    except ValueError:
        return policy
    return key_schema.Floor(max(t, 1), max(m, 8), max(p, 1))


KDF_FLOOR = _floor()


def new_database_key() -> bytes:
    return secrets.token_bytes(32)


def key_hex(key: bytes) -> str:
    """The key as the only form ever given to SQLCipher: validated lowercase hex."""
    value = key.hex()
    if len(key) != 32 or not _HEX_KEY.fullmatch(value):
        raise KnownError("bad_key")
    return value


def validated_hex(value: str) -> str:
    if not _HEX_KEY.fullmatch(value):
        raise KnownError("bad_key")
    return value


def new_recovery_code() -> str:
    symbols = [secrets.choice(_RECOVERY_ALPHABET) for _ in range(35)]
    groups = [
        "".join(symbols[i : i + _RECOVERY_GROUP_LEN])
        for i in range(0, len(symbols), _RECOVERY_GROUP_LEN)
    ]
    return "-".join(groups)


def normalise_recovery_code(code: str) -> str:
    """Accept the code as typed: any case, spaces or dashes, O for 0 and I/L for 1
    are not in the alphabet so they cannot be confused."""
    cleaned = re.sub(r"[\s\-_.]", "", code).upper()
    if len(cleaned) != _RECOVERY_GROUPS * _RECOVERY_GROUP_LEN or any(
        c not in _RECOVERY_ALPHABET for c in cleaned
    ):
        raise KnownError("wrong_recovery_code")
    return cleaned


def _normalise_passphrase(passphrase: str) -> bytes:
    # NFC so that "é" typed on Windows and on a Mac derive the same key.
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def _argon2(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    return hash_secret_raw(
        _normalise_passphrase(passphrase),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=32,
        type=Type.ID,
    )


def _hkdf(code: str, salt: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=salt, info=b"accomp recovery v1"
    ).derive(normalise_recovery_code(code).encode("ascii"))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _wrap(kek: bytes, key: bytes, role: bytes) -> dict[str, str]:
    nonce = secrets.token_bytes(12)
    return {"nonce": _b64(nonce), "ct": _b64(AESGCM(kek).encrypt(nonce, key, b"accomp:" + role))}


def _unwrap(kek: bytes, box: dict[str, str], role: bytes) -> bytes:
    return AESGCM(kek).decrypt(_unb64(box["nonce"]), _unb64(box["ct"]), b"accomp:" + role)


@dataclass(frozen=True, slots=True)
class KeyFile:
    raw: dict[str, Any]

    @classmethod
    def read(cls, path: Path) -> KeyFile:
        try:
            raw = json.loads(path.read_bytes())
        except FileNotFoundError:
            raise KnownError("no_vault") from None
        except (OSError, ValueError):
            raise KnownError("key_file_damaged") from None
        if key_schema.common_problems(raw, KEY_FILE_FORMAT):
            raise KnownError("key_file_damaged")
        return cls(raw)

    def problems(self) -> list[str]:
        """Everything wrong with the file's structure, every section included (the
        recovery one is needed only the day the passphrase is forgotten: `check`
        reports it long before). Short phrases, no values."""
        return (key_schema.common_problems(self.raw, KEY_FILE_FORMAT)
                + key_schema.passphrase_problems(self.raw, KDF_FLOOR)
                + key_schema.recovery_problems(self.raw)
                + key_schema.head_problems(self.raw))

    def write(self, path: Path) -> None:
        write_private_atomic(path, json.dumps(self.raw, indent=1).encode("utf-8"))

    @property
    def kdf(self) -> KdfParams:
        p = self.raw["passphrase"]["kdf"]
        return KdfParams(p["time_cost"], p["memory_kib"], p["parallelism"])

    @property
    def worker(self) -> str:
        return str(self.raw.get("worker", ""))

    def passphrase_problems(self) -> list[str]:
        return key_schema.passphrase_problems(self.raw, KDF_FLOOR)

    def open_with_passphrase(self, passphrase: str) -> bytes:
        """The database key. Refuses key_file_damaged (the passphrase section does not
        follow the schema or fails its checksum: nothing is derived) and
        wrong_passphrase."""
        if self.passphrase_problems():
            raise KnownError("key_file_damaged")
        try:
            box = self.raw["passphrase"]
            kek = _argon2(passphrase, _unb64(box["kdf"]["salt"]), self.kdf)
            return _unwrap(kek, box, b"passphrase")
        except InvalidTag:
            raise KnownError("wrong_passphrase") from None
        except (KeyError, TypeError, ValueError, HashingError):
            raise KnownError("key_file_damaged") from None

    def open_with_recovery(self, code: str) -> bytes:
        if key_schema.recovery_problems(self.raw):
            raise KnownError("key_file_damaged")
        try:
            box = self.raw["recovery"]
            return _unwrap(_hkdf(code, _unb64(box["salt"])), box, b"recovery")
        except InvalidTag:
            raise KnownError("wrong_recovery_code") from None
        except (KeyError, TypeError, ValueError):
            raise KnownError("key_file_damaged") from None

    def with_passphrase(self, key: bytes, passphrase: str, params: KdfParams) -> KeyFile:
        salt = secrets.token_bytes(16)
        box: dict[str, Any] = _wrap(_argon2(passphrase, salt, params), key, b"passphrase")
        box["kdf"] = {"alg": "argon2id", "salt": _b64(salt), **asdict(params)}
        return KeyFile({**self.raw, "passphrase": key_schema.with_checksum(box)})

    def with_section(self, name: str, value: dict[str, Any] | None) -> KeyFile:
        """The same file with one more section replaced (None: removed)."""
        raw = {k: v for k, v in self.raw.items() if k != name}
        if value is not None:
            raw[name] = value
        return KeyFile(raw)


def new_key_file(
    key: bytes, passphrase: str, recovery_code: str, params: KdfParams, worker: str
) -> KeyFile:
    salt = secrets.token_bytes(16)
    recovery: dict[str, Any] = _wrap(_hkdf(recovery_code, salt), key, b"recovery")
    recovery["salt"] = _b64(salt)
    recovery["kdf"] = "hkdf-sha256"
    base = KeyFile({"format": KEY_FILE_FORMAT, "worker": worker,
                    "recovery": key_schema.with_checksum(recovery)})
    return base.with_passphrase(key, passphrase, params)
