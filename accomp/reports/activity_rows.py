"""The anonymised activity file: its schema, its writers (Parquet here, CSV in
reports.activity_csv) and its checked reader, used by consolidation.

One row per session, already anonymised by the caller (services.exports): no
identifier, no notes, no free text, vocabulary keys, keyed pseudonyms and
generalised quasi-identifiers. The schema is documented in docs/exports.md; a
file that does not follow it is refused as a whole.

Schema 2 adds `row_id` (random, unique within a file) and makes `month` null when
it is suppressed (schema 1 wrote "NonCommunique" there, mixing dates and a word);
files of schema 1 are still read, their month converted. Every file written
carries an authentication tag (reports.activity_tag).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import secrets
import struct
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from accomp.domain.errors import KnownError
from accomp.domain.vocab import vocabulary
from accomp.privacy.generalise import NON_COMMUNIQUE
from accomp.reports.activity_csv import DEMO_COMMENT as DEMO_COMMENT
from accomp.reports.activity_csv import LIST_SEPARATOR as LIST_SEPARATOR
from accomp.reports.activity_csv import csv_bytes as csv_bytes
from accomp.reports.activity_csv import plain_codes
from accomp.reports.activity_tag import (
    FileKey,
    TagError,
    split_csv,
    tagged_parquet,
    trailer_facts,
    verify_csv,
    verify_parquet,
)
from accomp.reports.summary import (
    FIRST_VISIT,
    NOT_APPLICABLE,
    NOT_REFERRED,
    RETURNING,
)

SCHEMA_VERSION = "accomp-activities/2"
PREVIOUS_SCHEMA_VERSION = "accomp-activities/1"

FILE_COLUMNS = ("schema_version", "export_id", "structure_id", "worker_id",
                "period_from", "period_to")
"""Constant over a file: which export it is, from which structure and worker."""

QUASI_IDENTIFIERS = ("age_band", "gender", "social_status", "departement", "month")
"""What someone could match against what they know of a person. The person's
attributes are locally suppressed over the logbook's people (services.exports);
the month is kept."""

PERSON_ATTRIBUTES = ("age_band", "gender", "social_status", "departement")

_STR = pa.string()
_LIST = pa.list_(pa.string())

SCHEMA = pa.schema([
    ("schema_version", _STR),
    ("export_id", _STR),
    ("structure_id", _STR),
    ("worker_id", _STR),
    ("period_from", pa.date32()),
    ("period_to", pa.date32()),
    ("row_id", _STR),
    ("month", _STR),
    ("kind", _STR),
    ("duration_bucket", _STR),
    ("duration_min_rounded", pa.int32()),
    ("place_type", _STR),
    ("themes", _LIST),
    ("admin_themes", _LIST),
    ("equipment", _LIST),
    ("autonomy", _STR),
    ("referral", _STR),
    ("completion", _STR),
    ("level", _STR),
    ("beneficiary_key", _STR),
    ("age_band", _STR),
    ("gender", _STR),
    ("social_status", _STR),
    ("departement", _STR),
    ("first_visit", _STR),
    ("participant_keys", _LIST),
    ("first_visit_keys", _LIST),
    ("participants_anonymous", pa.int32()),
    ("anonymous_already_supported", pa.int32()),
    ("record_key", pa.int64()),
])
_LIST_COLUMNS = tuple(f.name for f in SCHEMA if pa.types.is_list(f.type))
_NULLABLE = frozenset({"beneficiary_key", "month", "row_id"})
_NOT_IN_SCHEMA_1 = frozenset({"row_id"})


@dataclass(frozen=True, slots=True)
class FileIdentity:
    export_id: str
    structure_id: str
    worker_id: str
    period_from: dt.date
    period_to: dt.date


def to_table(records: Sequence[Mapping[str, Any]], identity: FileIdentity) -> pa.Table:
    """Arrow table of anonymised records (each a mapping of the non-file columns)."""
    n = len(records)
    columns: dict[str, Any] = {
        "schema_version": [SCHEMA_VERSION] * n,
        "export_id": [identity.export_id] * n,
        "structure_id": [identity.structure_id] * n,
        "worker_id": [identity.worker_id] * n,
        "period_from": [identity.period_from] * n,
        "period_to": [identity.period_to] * n,
    }
    columns["row_id"] = row_ids(n)
    for f in SCHEMA:
        if f.name not in columns:
            columns[f.name] = [r[f.name] for r in records]
    # A suppressed month is a null, not a word in a column of months.
    columns["month"] = [None if m == NON_COMMUNIQUE else m for m in columns["month"]]
    return pa.table(columns, schema=_with_metadata(identity))


_FIRST_DIGITS = bytes(b"abcdf"[i % 5] for i in range(256))


def row_ids(n: int) -> pa.Array:
    """`n` random row ids of 16 hex digits. Random: an ordered id would tell the
    order of sessions within a month. Built from one random buffer, not per row.
    The first digit is a letter other than "e" (about 62 random bits left): a
    spreadsheet reads an id of digits, or of digits around one "e", as a number."""
    data = bytearray(secrets.token_bytes(8 * n).hex().encode("ascii"))
    data[::16] = secrets.token_bytes(n).translate(_FIRST_DIGITS)
    offsets = pa.py_buffer(struct.pack(f"<{n + 1}i", *range(0, 16 * n + 1, 16)))
    return pa.StringArray.from_buffers(n, offsets, pa.py_buffer(data))


def from_columns(columns: Mapping[str, pa.Array], identity: FileIdentity) -> pa.Table:
    """Arrow table of anonymised columns (every non-file column but row_id, each an
    array of the schema's type), as `to_table` builds it from records."""
    n = len(columns["kind"])
    constant = {
        "schema_version": SCHEMA_VERSION, "export_id": identity.export_id,
        "structure_id": identity.structure_id, "worker_id": identity.worker_id,
        "period_from": identity.period_from, "period_to": identity.period_to,
    }
    arrays = []
    for f in SCHEMA:
        if f.name in constant:
            arrays.append(pa.repeat(pa.scalar(constant[f.name], f.type), n))
        elif f.name == "row_id":
            arrays.append(row_ids(n))
        else:
            arrays.append(pa.array(columns[f.name]).cast(f.type))
    return pa.Table.from_arrays(arrays, schema=_with_metadata(identity))


def _with_metadata(identity: FileIdentity) -> pa.Schema:
    return SCHEMA.with_metadata({
        "schema_version": SCHEMA_VERSION, "export_id": identity.export_id,
        "structure_id": identity.structure_id, "worker_id": identity.worker_id,
        "period_from": identity.period_from.isoformat(),
        "period_to": identity.period_to.isoformat(),
    })


def parquet_bytes(table: pa.Table, key: bytes, *, demo: bool = False) -> bytes:
    """Parquet with the file's authentication tag (key: store.filetag)."""
    return tagged_parquet(table, key, source="demo" if demo else "vault")


# --- reading and checking -------------------------------------------------------


_REFUSALS = {
    "untagged": ("il ne porte pas de signature d'accomp : il a été tronqué, ou produit par "
                 "une version antérieure ou un autre outil",
                 "it carries no accomp signature: it was truncated, or written by an older "
                 "version or another tool"),
    "mismatch": ("sa signature ne correspond pas à son contenu : il a été modifié, "
                 "tronqué ou complété après l'export",
                 "its signature does not match its content: it was edited, truncated or "
                 "extended after export"),
    "foreign": ("il a été signé avec le secret d'une autre structure",
                "it was signed with another structure's secret"),
    "damaged": ("il est tronqué ou endommagé", "it is truncated or damaged"),
}


def refused(position: int, path: Path, reason: str | tuple[str, str]) -> KnownError:
    """The refusal of one file, naming it (position and file name) and the reason."""
    text = _REFUSALS[reason] if isinstance(reason, str) else reason
    return KnownError("consolidation_refused", n=position, name=path.name, reason=text)


def read_file(
    path: Path, position: int, key: FileKey | None = None, *, allow_untagged: bool = False
) -> pa.Table:
    """Read one anonymised activity file (Parquet or CSV, schema 1 or 2) and check
    it against the schema: columns, types, one export per file, vocabulary keys.
    With `key`, its authentication tag is verified first.

    Refuses (KnownError): file_missing; consolidation_unreadable (not a CSV or
    Parquet file); consolidation_refused naming the file (untagged unless
    `allow_untagged`, altered, truncated, or signed by another structure);
    consolidation_bad_schema naming the first offending column.
    """
    try:
        with path.open("rb") as fh:
            head = fh.read(4)
    except FileNotFoundError:
        raise KnownError("consolidation_file_missing", n=position) from None
    except OSError:
        raise KnownError("consolidation_unreadable", n=position) from None
    try:
        if head == b"PAR1":
            _verify(lambda k: verify_parquet(path, k), position, path, key, allow_untagged)
            table = _read_parquet(path, position)
            footer = pq.read_metadata(path).metadata or {}
            if b"source" in footer:
                table = table.replace_schema_metadata(
                    {**(table.schema.metadata or {}), b"source": footer[b"source"]})
        else:
            data = path.read_bytes()
            verified = _verify(lambda k: verify_csv(data, k), position, path, key,
                               allow_untagged)
            body, trailer = split_csv(data)
            table = _read_csv(body, position)
            if verified is not None or trailer is not None:
                # An empty file still says which export and period it is.
                facts = verified[1] if verified is not None else _facts(trailer, position, path)
                table = table.replace_schema_metadata(facts)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, OSError,
            UnicodeDecodeError, struct.error):
        if head == b"PAR1":
            raise refused(position, path, "damaged") from None
        raise KnownError("consolidation_unreadable", n=position) from None
    check_table(table, position)
    return table


def _facts(trailer: bytes | None, position: int, path: Path) -> dict[str, str]:
    try:
        return trailer_facts(trailer or b"")
    except TagError as err:
        raise refused(position, path, err.reason) from None


def _verify(check: Any, position: int, path: Path, key: FileKey | None,
            allow_untagged: bool) -> Any:
    """Run `check` (a tag verification) when there is a key; a missing tag passes
    only with `allow_untagged`."""
    if key is None:
        return None
    try:
        return check(key)
    except TagError as err:
        if err.reason == "untagged" and allow_untagged:
            return None
        raise refused(position, path, err.reason) from None


def _read_parquet(path: Path, position: int) -> pa.Table:
    table = pq.read_table(path)
    table = _upgrade(table)
    _check_columns(table.schema, position)
    return table.select(SCHEMA.names).cast(SCHEMA.with_metadata(table.schema.metadata))


def _upgrade(table: pa.Table) -> pa.Table:
    """A schema-1 table in schema 2: no row ids, record keys 0, a suppressed month
    is null."""
    if "row_id" in table.column_names or "month" not in table.column_names:
        return table
    month = table.column("month")
    month = pc.if_else(pc.equal(month, NON_COMMUNIQUE), pa.scalar(None, _STR), month)
    table = table.set_column(table.column_names.index("month"), "month", month)
    table = table.append_column("row_id", pa.nulls(len(table), _STR))
    if "record_key" not in table.column_names:
        # Schema 1 carried no record keys: its sessions add nothing to a cell's key
        # (the noise then depends on its people's keys only; see docs/exports.md).
        table = table.append_column("record_key", pa.array([0] * len(table), pa.int64()))
    return table


def _read_csv(body: bytes, position: int) -> pa.Table:
    if body.startswith(b"\xef\xbb\xbf"):
        body = body[3:]
    while body.startswith(b"#"):  # comment lines (DÉMO)
        body = body[body.find(b"\n") + 1:] if b"\n" in body else b""
    types: dict[str, pa.DataType] = {
        f.name: (_STR if pa.types.is_list(f.type) else f.type) for f in SCHEMA
    }
    first = body.split(b"\n", 1)[0]
    raw = pacsv.read_csv(
        io.BytesIO(body),
        read_options=pacsv.ReadOptions(encoding="utf-8"),
        parse_options=pacsv.ParseOptions(
            delimiter=";" if first.count(b";") > first.count(b",") else ","),
        convert_options=pacsv.ConvertOptions(
            column_types=types, strings_can_be_null=False, quoted_strings_can_be_null=False,
        ),
    )
    for name in _NULLABLE:
        if name in raw.column_names:
            column = raw.column(name)
            raw = raw.set_column(raw.column_names.index(name), name, pc.if_else(
                pc.equal(column, ""), pa.scalar(None, _STR), column))
    raw = _upgrade(plain_codes(raw))
    _check_columns(raw.schema, position)
    columns = []
    for f in SCHEMA:
        column = raw.column(f.name)
        if f.name in _LIST_COLUMNS:
            column = _split(column)
        columns.append(column.cast(f.type))
    return pa.table(columns, schema=SCHEMA)


def _split(column: pa.ChunkedArray) -> pa.ChunkedArray:
    # "" is an empty list, not a list holding one empty string.
    nulled = pc.if_else(pc.equal(column, ""), pa.scalar(None, _STR), column)
    split = pc.split_pattern(nulled, LIST_SEPARATOR)
    return pc.fill_null(split, pa.scalar([], _LIST))


def _check_columns(schema: pa.Schema, position: int) -> None:
    for name in SCHEMA.names:
        if name not in schema.names:
            raise KnownError("consolidation_bad_schema", n=position, column=name)


@cache
def allowed_values() -> dict[str, frozenset[str]]:
    """The values each vocabulary column may hold."""
    v = vocabulary()
    nc, na = NON_COMMUNIQUE, NOT_APPLICABLE
    return {
        "kind": frozenset({"Individuel", "Collectif"}),
        "duration_bucket": v.keys("duration_buckets"),
        "place_type": v.keys("place_types"),
        "themes": v.keys("themes"),
        "admin_themes": v.keys("admin_themes"),
        "equipment": v.keys("equipment"),
        "autonomy": v.keys("autonomy") | {nc, na},
        "referral": v.keys("referral_targets") | {NOT_REFERRED, na},
        "completion": v.keys("completion") | {nc, na},
        "level": v.keys("workshop_levels") | {nc, na},
        "age_band": v.keys("age_bands") | {nc},
        "gender": v.keys("genders") | {nc},
        "social_status": v.keys("social_statuses") | {nc},
        "first_visit": frozenset({FIRST_VISIT, RETURNING, nc, na}),
    }


PATTERNS = {
    "schema_version": f"^({re.escape(SCHEMA_VERSION)}|{re.escape(PREVIOUS_SCHEMA_VERSION)})$",
    "export_id": "^[0-9a-f]{32}$",
    "structure_id": "^[0-9a-f]{32}$",
    "worker_id": "^[0-9a-f]{32}$",
    "month": "^[0-9]{4}-(0[1-9]|1[0-2])$",
    "row_id": "^[0-9a-f]{16}$",
    "departement": "^([0-9]{2,3}|2[AB]|NonCommunique)$",
    "beneficiary_key": "^[0-9a-f]{32}$",
    "participant_keys": "^[0-9a-f]{32}$",
    "first_visit_keys": "^[0-9a-f]{32}$",
}


def check_table(table: pa.Table, position: int) -> None:
    """Values: vocabulary keys and expected patterns only, one export per file.
    A file carrying anything else (a name typed in a cell...) is refused."""
    def bad(column: str) -> KnownError:
        return KnownError("consolidation_bad_schema", n=position, column=column)

    for name in SCHEMA.names:
        if name not in _NULLABLE and table.column(name).null_count:
            raise bad(name)
    versions = pc.unique(table.column("schema_version")).to_pylist()
    if SCHEMA_VERSION in versions and table.column("row_id").null_count:
        raise bad("row_id")
    # Values are checked once each (a million rows hold a few thousand distinct ones).
    for name, allowed in allowed_values().items():
        values = _distinct(table.column(name), name in _LIST_COLUMNS)
        if len(values) and not pc.all(pc.is_in(values, pa.array(sorted(allowed)))).as_py():
            raise bad(name)
    for name, pattern in PATTERNS.items():
        values = _distinct(table.column(name), name in _LIST_COLUMNS).drop_null()
        if len(values) and not pc.all(pc.match_substring_regex(values, pattern)).as_py():
            raise bad(name)
    for name in ("duration_min_rounded", "participants_anonymous",
                 "anonymous_already_supported", "record_key"):
        column = table.column(name)
        if len(column) and pc.min(column).as_py() < 0:
            raise bad(name)
    for name in FILE_COLUMNS:
        column = table.column(name)
        if len(column) and not pc.all(pc.equal(column, column[0])).as_py():
            raise bad(name)


def _distinct(column: pa.ChunkedArray, is_list: bool) -> pa.Array:
    if is_list:
        return pc.unique(pa.chunked_array(
            [pc.list_flatten(chunk) for chunk in column.chunks], type=pa.string()))
    return pc.unique(column)


def is_demo_file(table: pa.Table) -> bool:
    """Whether a read file says it holds demo data (accomp --demo)."""
    return (table.schema.metadata or {}).get(b"source") == b"demo"


def identity_of(table: pa.Table) -> FileIdentity | None:
    """The export a checked file comes from (None for a file without rows)."""
    if len(table) == 0:
        meta = table.schema.metadata or {}
        if b"export_id" not in meta:
            return None
        text = {k.decode(): v.decode() for k, v in meta.items()}
        return FileIdentity(text["export_id"], text["structure_id"], text["worker_id"],
                            dt.date.fromisoformat(text["period_from"]),
                            dt.date.fromisoformat(text["period_to"]))
    first = {name: table.column(name)[0].as_py() for name in FILE_COLUMNS}
    return FileIdentity(first["export_id"], first["structure_id"], first["worker_id"],
                        first["period_from"], first["period_to"])
