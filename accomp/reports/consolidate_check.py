"""The consolidation engine's input checks: DuckDB over one activity file.

Every file is verified (authentication tag) and checked in one scan (schema
values, patterns, one export per file, plausibility) before anything is counted
(reports.consolidate_sql). CSV files (small, hand-carried) are read with Arrow
(reports.activity_rows) and handed to DuckDB as tables. Refusals are those of
activity_rows.read_file and plausibility.check_plausible.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from accomp.domain.errors import KnownError
from accomp.privacy.generalise import NON_COMMUNIQUE
from accomp.reports import activity_rows as ar
from accomp.reports.activity_tag import FileKey, TagError, verify_parquet
from accomp.reports.plausibility import (
    MAX_DURATION_MIN,
    MAX_HEAD_COUNT,
    MAX_TRACKED,
    month_of,
    refuse_implausible,
)

MEMORY_LIMIT = "512MB"


@dataclass(frozen=True, slots=True)
class Source:
    """One checked input: how DuckDB reads it, and which export it is."""

    position: int
    path: Path
    relation: str
    identity: ar.FileIdentity | None
    rows: int
    demo: bool


def connect() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(config={"threads": 2, "memory_limit": MEMORY_LIMIT,
                                 "temp_directory": tempfile.gettempdir(),
                                 "preserve_insertion_order": False})
    return con


def _q(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# --- reading and checking one file ------------------------------------------------


def open_source(con: duckdb.DuckDBPyConnection, path: Path, position: int,
                key: FileKey | None, allow_untagged: bool) -> Source:
    """Verify a file's tag, check every row in one scan, and return how to read it.
    Refuses as activity_rows.read_file and plausibility.check_plausible do."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4)
    except FileNotFoundError:
        raise KnownError("consolidation_file_missing", n=position) from None
    except OSError:
        raise KnownError("consolidation_unreadable", n=position) from None
    if head != b"PAR1":
        # CSV: small files; read and checked with Arrow, counted by DuckDB.
        table = ar.read_file(path, position, key, allow_untagged=allow_untagged)
        name = f"csv_{position}"
        con.register(name, table.replace_schema_metadata(None))
        identity = ar.identity_of(table)
        source = Source(position, path, name, identity, len(table), ar.is_demo_file(table))
        _check_rows(con, source)
        return source
    try:
        if key is not None:
            try:
                verify_parquet(path, key)
            except TagError as err:
                if not (err.reason == "untagged" and allow_untagged):
                    raise ar.refused(position, path, err.reason) from None
        meta = pq.read_metadata(path)
        schema = pq.read_schema(path)
    except (pa.ArrowInvalid, OSError):
        raise ar.refused(position, path, "damaged") from None
    names = set(schema.names)
    for column in ar.SCHEMA.names:
        if column not in names and column != "row_id":
            raise KnownError("consolidation_bad_schema", n=position, column=column)
    relation = _parquet_relation(path, schema, "row_id" in names)
    footer = {k.decode(): v.decode() for k, v in (schema.metadata or {}).items()
              if k != b"ARROW:schema"}
    footer.update({k.decode(): v.decode() for k, v in (meta.metadata or {}).items()
                   if k != b"ARROW:schema"})
    source = Source(position, path, relation, _identity(footer), meta.num_rows,
                    footer.get("source") == "demo")
    if source.identity is None and source.rows:
        source = _with_identity(con, source)
    _check_rows(con, source)
    return source


def _parquet_relation(path: Path, schema: pa.Schema, has_row_id: bool) -> str:
    """SQL reading a Parquet file in schema 2 (a schema-1 file: no row ids, a
    suppressed month written as NonCommunique)."""
    def expr(field: pa.Field) -> str:
        if field.name == "row_id" and not has_row_id:
            return "CAST(NULL AS VARCHAR) AS row_id"
        if field.name == "month":
            return f"nullif(month, {_q(NON_COMMUNIQUE)}) AS month"
        if pa.types.is_date(field.type):
            return f"CAST({field.name} AS DATE) AS {field.name}"
        return str(field.name)
    columns = ", ".join(expr(f) for f in ar.SCHEMA)
    return f"(SELECT {columns} FROM read_parquet({_q(str(path))}))"


def _identity(facts: dict[str, str]) -> ar.FileIdentity | None:
    try:
        return ar.FileIdentity(facts["export_id"], facts["structure_id"], facts["worker_id"],
                               dt.date.fromisoformat(facts["period_from"]),
                               dt.date.fromisoformat(facts["period_to"]))
    except (KeyError, ValueError):
        return None


def _with_identity(con: duckdb.DuckDBPyConnection, source: Source) -> Source:
    row = con.execute(f"SELECT export_id, structure_id, worker_id, period_from, period_to "
                      f"FROM {source.relation} LIMIT 1").fetchall()[0]
    assert row is not None
    identity = ar.FileIdentity(row[0], row[1], row[2], row[3], row[4])
    return Source(source.position, source.path, source.relation, identity, source.rows,
                  source.demo)


def _filter(condition: str) -> str:
    return f"count(*) FILTER (WHERE {condition})"


def _row_checks() -> list[tuple[str, str]]:
    """(column, SQL aggregate counting the rows that break a rule) for the columns
    that vary from row to row, but for the category columns (_category_checks)."""
    checks: list[tuple[str, str]] = []
    for f in ar.SCHEMA:
        if f.name not in ("beneficiary_key", "month", "row_id", *ar.FILE_COLUMNS):
            checks.append((f.name, f"count(*) - count({f.name})"))
    for name in ar.PATTERNS:
        if name in _HEX_KEYS:
            checks.append((name, _filter(f"{name} IS NOT NULL AND "
                                         + _hex_bad(name, _HEX_LENGTH[name], _HEX_KEYS[name]))))
    for name in ("duration_min_rounded", "participants_anonymous",
                 "anonymous_already_supported", "record_key"):
        checks.append((name, _filter(f"{name} < 0")))
    checks.append(("row_id", _filter(
        f"row_id IS NULL AND schema_version = {_q(ar.SCHEMA_VERSION)}")))
    return checks


def _category_rules() -> dict[str, frozenset[str] | str]:
    """Column -> its allowed values, or the pattern its values match, for the
    columns of a few distinct values that vary from row to row. They are checked
    on each file's distinct values (one grouped scan: far cheaper than comparing
    every row with a list or a regular expression)."""
    rules: dict[str, frozenset[str] | str] = {}
    for name, allowed in ar.allowed_values().items():
        if not pa.types.is_list(ar.SCHEMA.field(name).type):
            rules[name] = allowed
    for name, pattern in ar.PATTERNS.items():
        if name not in _HEX_KEYS and name not in ar.FILE_COLUMNS and name not in rules \
                and not pa.types.is_list(ar.SCHEMA.field(name).type):
            rules[name] = pattern
    return rules


def _breaks(value: Any, rule: frozenset[str] | str) -> bool:
    if value is None:
        return False  # nulls: _row_checks
    if isinstance(rule, str):
        return re.fullmatch(rule, str(value)) is None
    return value not in rule


_HEX_KEYS = {"beneficiary_key": "UHUGEINT", "row_id": "UBIGINT"}
_HEX_LENGTH = {"beneficiary_key": 32, "row_id": 16}


def _hex_bad(expr: str, length: int, cast: str) -> str:
    """SQL true when `expr` is not `length` lowercase hex digits (an exact cast is
    much cheaper than a regular expression over millions of keys)."""
    return (f"(length({expr}) <> {length} OR lower({expr}) <> {expr} OR "
            f"TRY_CAST('0x' || {expr} AS {cast}) IS NULL)")


def _list_checks(con: duckdb.DuckDBPyConnection, source: Source) -> None:
    """List columns, in one scan: their distinct vocabulary elements (grouping sets,
    which DuckDB aggregates in parallel) are checked once each, their keys each."""
    vocab = ("themes", "admin_themes", "equipment")
    keys = ("participant_keys", "first_visit_keys")
    unnests = ", ".join(f"unnest({c}) AS {c}" for c in (*vocab, *keys))
    bad = [f"count(*) FILTER (WHERE {c} IS NOT NULL AND {_hex_bad(c, 32, 'UHUGEINT')})"
           for c in keys]
    groupings = ", ".join(f"GROUPING({c})" for c in vocab)
    rows = con.execute(
        f"SELECT {', '.join(vocab)}, {', '.join(bad)}, {groupings} FROM (SELECT {unnests} "
        f"FROM {source.relation}) GROUP BY GROUPING SETS ({', '.join(f'({c})' for c in vocab)})"
    ).fetchall()
    width = len(vocab) + len(keys)
    for index, name in enumerate(vocab):
        found = {row[index] for row in rows if row[width + index] == 0} - {None}
        if found - ar.allowed_values()[name]:
            raise KnownError("consolidation_bad_schema", n=source.position, column=name)
    # every unnested row is in each grouping set: count the keys in the first one
    for offset, name in enumerate(keys):
        if sum(row[len(vocab) + offset] for row in rows if row[width] == 0):
            raise KnownError("consolidation_bad_schema", n=source.position, column=name)


def _category_checks(con: duckdb.DuckDBPyConnection, source: Source, low: str,
                     high: str) -> int:
    """The category columns' distinct values against their rules, in one grouped
    scan; returns how many rows have a month outside [low, high]."""
    rules = _category_rules()
    columns = list(rules)
    groupings = ", ".join(f"GROUPING({c})" for c in columns)
    rows = con.execute(
        f"SELECT {', '.join(columns)}, count(*), {groupings} FROM {source.relation} "
        f"GROUP BY GROUPING SETS ({', '.join(f'({c})' for c in columns)})").fetchall()
    width = len(columns) + 1
    outside = 0
    for index, name in enumerate(columns):
        values = [(row[index], row[width - 1]) for row in rows if row[width + index] == 0]
        if any(_breaks(value, rules[name]) for value, _ in values):
            raise KnownError("consolidation_bad_schema", n=source.position, column=name)
        if name == "month":
            outside = sum(n for value, n in values
                          if value is not None and not low <= value <= high)
    return int(outside)


def _constant_checks(source: Source, values: Sequence[Any]) -> None:
    """File columns: one value per file, of the expected pattern."""
    for column, (differs, null, value) in zip(ar.FILE_COLUMNS, values, strict=True):
        pattern = ar.PATTERNS.get(column)
        text = value.isoformat() if isinstance(value, dt.date) else value
        if differs or null or (pattern is not None and text is not None
                                    and not re.fullmatch(pattern.strip("^$"), str(text))):
            raise KnownError("consolidation_bad_schema", n=source.position, column=column)


def _check_rows(con: duckdb.DuckDBPyConnection, source: Source) -> None:
    checks = _row_checks()
    rel = source.relation
    identity = source.identity
    if identity is not None:
        # Before the scan: a reversed period is refused as such.
        refuse_implausible(source.position, source.path, identity)
    low = month_of(identity.period_from) if identity else "0000-00"
    high = month_of(identity.period_to) if identity else "9999-99"
    aggregates = [aggregate for _, aggregate in checks]
    # No DISTINCT aggregate here: it would make DuckDB aggregate on one thread.
    for c in ar.FILE_COLUMNS:
        aggregates += [f"CAST(min({c}) <> max({c}) AS INTEGER)",
                       f"count(*) FILTER (WHERE {c} IS NULL)", f"any_value({c})"]
    aggregates += [
        f"count(*) FILTER (WHERE duration_min_rounded > {MAX_DURATION_MIN})",
        f"count(*) FILTER (WHERE participants_anonymous > {MAX_HEAD_COUNT})",
        f"count(*) FILTER (WHERE len(participant_keys) > {MAX_TRACKED})",
        "count(*) FILTER (WHERE anonymous_already_supported > participants_anonymous)",
    ]
    try:
        [row] = con.execute(f"SELECT {', '.join(aggregates)} FROM {rel}").fetchall()
        for (column, _), bad in zip(checks, row[:len(checks)], strict=False):
            if bad:
                raise KnownError("consolidation_bad_schema", n=source.position, column=column)
        rest = row[len(checks):]
        n_file = 3 * len(ar.FILE_COLUMNS)
        _constant_checks(source, [tuple(rest[i:i + 3]) for i in range(0, n_file, 3)])
        outside = _category_checks(con, source, low, high)
        _list_checks(con, source)
        [(repeated,)] = con.execute(
            f"SELECT count(row_id) - count(DISTINCT TRY_CAST('0x' || row_id AS UBIGINT)) "
            f"FROM {rel}").fetchall()
    except duckdb.Error:
        raise ar.refused(source.position, source.path, "damaged") from None
    long, crowded, tracked, already = (int(v) for v in rest[n_file:])
    refuse_implausible(source.position, source.path, identity, outside=outside, long=long,
                       crowded=crowded, tracked=tracked, already=already,
                       repeated=int(repeated))
