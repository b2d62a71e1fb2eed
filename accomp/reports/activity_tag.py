"""Authentication tags of anonymised activity files.

A supervisor consolidates files that went through e-mail and USB sticks; a tag
(HMAC-SHA256 with a key derived from the structure secret, store.filetag) over a
file's whole content lets consolidation refuse a file that was edited, truncated,
had rows repeated or deleted, or was keyed by another structure.

- Parquet: the tag covers every byte before the footer (all data pages) plus the
  file's facts (schema version, export, structure, worker, period, row count,
  source); it is stored in the footer's key-value metadata under "accomp_tag",
  next to those facts. Any rewrite of the rows changes the data pages.
- CSV: the last line is a trailer `#accomp-tag;key=value;…;hmac=<hex>`; the tag
  covers every byte before `;hmac=` (header, rows and the trailer's facts).

A file with no tag is "untagged" (schema 1, or written by another tool).
"""

from __future__ import annotations

import hashlib
import hmac
import io
import struct
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

TAG_KEY = "accomp_tag"
TRAILER_START = b"#accomp-tag;"
_HMAC_FIELD = b";hmac="
_DOMAIN = b"accomp/activity-file/v2\x00"
_FACTS = ("schema_version", "export_id", "structure_id", "worker_id", "period_from",
          "period_to", "rows", "source")


class TagError(Exception):
    """Why a file's tag does not hold: "untagged", "mismatch" or "foreign"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class FileKey:
    """What verifies a structure's files: the tag key and the structure's id."""

    tag_key: bytes
    structure_id: str


def _head(fmt: bytes, facts: Mapping[str, str]) -> bytes:
    body = b"\x00".join(f"{k}={facts.get(k, '')}".encode() for k in _FACTS)
    return _DOMAIN + fmt + b"\x00" + body + b"\x00"


def _check_facts(facts: Mapping[str, str]) -> None:
    for key, value in facts.items():
        if any(c in value for c in ";=\r\n\x00") or key not in _FACTS:
            raise ValueError(f"fact {key!r} cannot go in a tag")


def facts_of(table: pa.Table, source: str) -> dict[str, str]:
    meta = {k.decode(): v.decode() for k, v in (table.schema.metadata or {}).items()}
    facts = {k: meta[k] for k in _FACTS if k in meta}
    facts["rows"] = str(len(table))
    facts["source"] = source
    _check_facts(facts)
    return facts


# --- writing ----------------------------------------------------------------------


def tagged_parquet(table: pa.Table, key: bytes, *, source: str = "vault") -> bytes:
    """Parquet bytes of `table` carrying its tag and facts in the footer."""
    facts = facts_of(table, source)
    sink = io.BytesIO()
    writer = pq.ParquetWriter(sink, table.schema, compression="zstd")
    try:
        writer.write_table(table)
        # Everything written so far is what the reader finds before the footer.
        mac = hmac.new(key, _head(b"parquet", facts) + sink.getvalue(), hashlib.sha256)
        writer.add_key_value_metadata({**facts, TAG_KEY: mac.hexdigest()})
    finally:
        writer.close()
    return sink.getvalue()


def tagged_csv(data: bytes, facts: Mapping[str, str], key: bytes) -> bytes:
    """CSV bytes followed by the trailer line that authenticates them."""
    _check_facts(facts)
    fields = ";".join(f"{k}={facts[k]}" for k in _FACTS if k in facts)
    line = TRAILER_START + fields.encode("ascii")
    mac = hmac.new(key, _head(b"csv", facts) + data + line, hashlib.sha256)
    return data + line + _HMAC_FIELD + mac.hexdigest().encode("ascii") + b"\r\n"


# --- verifying ----------------------------------------------------------------------


def _expect(facts: Mapping[str, str], key: FileKey) -> None:
    if facts.get("structure_id") != key.structure_id:
        raise TagError("foreign")


def verify_parquet(path: Path, key: FileKey) -> dict[str, str]:
    """The tagged facts of a Parquet file whose tag holds; TagError otherwise."""
    meta = pq.read_metadata(path).metadata or {}
    facts = {k.decode(): v.decode() for k, v in meta.items()
             if k.decode() in _FACTS}
    tag = meta.get(TAG_KEY.encode())
    if tag is None:
        raise TagError("untagged")
    size = path.stat().st_size
    with path.open("rb") as fh:
        fh.seek(size - 8)
        footer_len = struct.unpack("<I", fh.read(4))[0]
        end = size - 8 - footer_len
        fh.seek(0)
        mac = hmac.new(key.tag_key, _head(b"parquet", facts), hashlib.sha256)
        left = end
        while left > 0:
            block = fh.read(min(left, 1 << 22))
            if not block:
                break
            mac.update(block)
            left -= len(block)
    if not hmac.compare_digest(mac.hexdigest().encode(), tag):
        _expect(facts, key)
        raise TagError("mismatch")
    _expect(facts, key)
    return facts


def split_csv(data: bytes) -> tuple[bytes, bytes | None]:
    """The CSV body and its trailer line (None when there is none)."""
    stripped = data.rstrip(b"\r\n")
    start = stripped.rfind(b"\n") + 1
    last = stripped[start:]
    if last.startswith(TRAILER_START):
        return data[:start], last
    return data, None


def trailer_facts(trailer: bytes) -> dict[str, str]:
    """The facts a trailer line states (unverified); TagError when it is garbled."""
    line = trailer.rpartition(_HMAC_FIELD)[0] or trailer
    try:
        pairs = [f.split("=", 1) for f in line[len(TRAILER_START):].decode("ascii")
                 .split(";")]
        return {k: v for k, v in pairs if k in _FACTS}
    except (UnicodeDecodeError, ValueError):
        raise TagError("mismatch") from None


def verify_csv(data: bytes, key: FileKey) -> tuple[bytes, dict[str, str]]:
    """The body and tagged facts of a CSV file whose trailer holds; TagError otherwise."""
    body, trailer = split_csv(data)
    if trailer is None or _HMAC_FIELD not in trailer:
        raise TagError("untagged")
    line, _, tag = trailer.rpartition(_HMAC_FIELD)
    facts = trailer_facts(trailer)
    mac = hmac.new(key.tag_key, _head(b"csv", facts) + body + line, hashlib.sha256)
    if not hmac.compare_digest(mac.hexdigest().encode(), tag.strip()):
        _expect(facts, key)
        raise TagError("mismatch")
    _expect(facts, key)
    return body, facts
