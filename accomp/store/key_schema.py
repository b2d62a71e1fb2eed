"""The schema of vault.key, with bounds: what makes a key file "damaged" rather than
opened with a wrong passphrase.

Every section is checked for its fields, their types and sizes; the Argon2 cost may
never fall below the creation policy (a file that asks for less is refused, not
run), nor above what a laptop can compute. Each wrapped section carries a SHA-256 of
its own content (`check`), so that a changed salt, nonce or ciphertext says "damaged"
and not "wrong passphrase". Files written before these checksums existed have none;
they get one the next time that section is written.

Problems are short English phrases naming a section and a field, never a value.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass
from typing import Any

NONCE_BYTES, SALT_BYTES, WRAPPED_BYTES = 12, 16, 48  # a 32-byte key + the GCM tag
# Above these, deriving the key would take minutes or exhaust memory: a damaged file.
MAX_TIME_COST, MAX_MEMORY_KIB, MAX_PARALLELISM = 64, 4 * 1024 * 1024, 64


@dataclass(frozen=True, slots=True)
class Floor:
    """The lowest Argon2 cost a key file may ask for (the creation policy)."""

    time_cost: int
    memory_kib: int
    parallelism: int


def section_checksum(box: dict[str, Any]) -> str:
    """SHA-256 of a section's content, its own `check` left out (canonical JSON)."""
    body = {k: v for k, v in box.items() if k != "check"}
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return "sha256:" + hashlib.sha256(text.encode("ascii")).hexdigest()


def with_checksum(box: dict[str, Any]) -> dict[str, Any]:
    return {**box, "check": section_checksum(box)}


def _b64_len(box: dict[str, Any], name: str, size: int, where: str) -> list[str]:
    value = box.get(name)
    if not isinstance(value, str):
        return [f"{where}: {name} missing"]
    try:
        raw = base64.b64decode(value.encode("ascii"), validate=True)
    except (ValueError, binascii.Error, UnicodeEncodeError):
        return [f"{where}: {name} is not base64"]
    return [] if len(raw) == size else [f"{where}: {name} has the wrong length"]


def _int_in(value: Any, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _checksum(box: dict[str, Any], where: str) -> list[str]:
    if "check" not in box:
        return []
    return [] if box["check"] == section_checksum(box) else [f"{where}: checksum mismatch"]


def passphrase_problems(raw: dict[str, Any], floor: Floor) -> list[str]:
    where = "passphrase section"
    box = raw.get("passphrase")
    if not isinstance(box, dict):
        return [f"{where} missing"]
    problems = _b64_len(box, "nonce", NONCE_BYTES, where)
    problems += _b64_len(box, "ct", WRAPPED_BYTES, where)
    kdf = box.get("kdf")
    if not isinstance(kdf, dict):
        return [*problems, f"{where}: kdf missing"]
    if kdf.get("alg") != "argon2id":
        problems.append(f"{where}: unknown kdf")
    problems += _b64_len(kdf, "salt", SALT_BYTES, where)
    for name, low, high in (("time_cost", floor.time_cost, MAX_TIME_COST),
                            ("memory_kib", floor.memory_kib, MAX_MEMORY_KIB),
                            ("parallelism", floor.parallelism, MAX_PARALLELISM)):
        if not _int_in(kdf.get(name), max(low, 1), high):
            problems.append(f"{where}: {name} out of bounds")
    if _int_in(kdf.get("memory_kib"), 1, MAX_MEMORY_KIB) and _int_in(
        kdf.get("parallelism"), 1, MAX_PARALLELISM
    ) and kdf["memory_kib"] < 8 * kdf["parallelism"]:
        problems.append(f"{where}: memory_kib out of bounds")  # Argon2's own rule
    return problems + _checksum(box, where)


def recovery_problems(raw: dict[str, Any]) -> list[str]:
    where = "recovery section"
    box = raw.get("recovery")
    if not isinstance(box, dict):
        return [f"{where} missing"]
    problems = _b64_len(box, "nonce", NONCE_BYTES, where)
    problems += _b64_len(box, "ct", WRAPPED_BYTES, where)
    problems += _b64_len(box, "salt", SALT_BYTES, where)
    if box.get("kdf") != "hkdf-sha256":
        problems.append(f"{where}: unknown kdf")
    return problems + _checksum(box, where)


def head_problems(raw: dict[str, Any]) -> list[str]:
    """The shape of the journal's head (its MAC is verified with the vault key)."""
    where = "journal head section"
    if "audit_head" not in raw:
        return []
    box = raw["audit_head"]
    if not isinstance(box, dict):
        return [f"{where} damaged"]
    ok = (
        _int_in(box.get("last_id"), 0, 2**62) and _int_in(box.get("checkpoints"), 0, 2**62)
        and isinstance(box.get("hash"), str) and isinstance(box.get("checkpoint_mac"), str)
        and isinstance(box.get("open"), bool) and isinstance(box.get("mac"), str)
    )
    return [] if ok else [f"{where} damaged"]


def common_problems(raw: Any, key_file_format: int) -> list[str]:
    if not isinstance(raw, dict) or raw.get("format") != key_file_format:
        return ["unknown format"]
    if not isinstance(raw.get("worker", ""), str):
        return ["worker is not text"]
    return []
