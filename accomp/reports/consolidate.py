"""A team's summary from several workers' anonymised activity files.

Files are read and checked (activity_rows.read_file, or DuckDB's scans in
reports.consolidate_sql), refused when they would count something twice, and
counted by DuckDB (reports.consolidate_sql: streaming, bounded memory). The counts
have the same table names and meaning as a worker's own summary, then go through
the same suppression (summary.build_summary). The former in-memory engine (Arrow
and numpy) is the tests' reference for DuckDB's (tests/consolidate_reference.py);
the application ships without numpy.

What rows allow, and a logbook allows better (see docs/exports.md):
- a person's attributes come from their individual sessions' rows; a person seen
  only in workshops counts as NonCommunique by age band, gender, status and
  département;
- time spent is summed from durations rounded to the quarter hour.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from accomp.domain.errors import KnownError
from accomp.privacy.generalise import NON_COMMUNIQUE
from accomp.reports.activity_rows import (
    PERSON_ATTRIBUTES,
    SCHEMA,
    FileIdentity,
    identity_of,
    is_demo_file,
    read_file,
)
from accomp.reports.activity_tag import FileKey
from accomp.reports.plausibility import check_plausible
from accomp.reports.summary import (
    ACTIVITY_DIMENSIONS,
    FIRST_VISIT,
    RETURNING,
    Summary,
    build_summary,
)

Counts = dict[str, dict[str, int]]


def read_inputs(paths: Sequence[Path], key: FileKey | None = None) -> pa.Table:
    """Read, check and concatenate the files (see read_files)."""
    return read_files(paths, key)[0]


@dataclass(frozen=True, slots=True)
class Coverage:
    """What one worker's files cover: shown in the team summary, so a supervisor
    sees a missing month or a missing worker."""

    worker_id: str
    period_from: dt.date
    period_to: dt.date
    files: int
    rows: int

    def as_dict(self) -> dict[str, object]:
        return {"worker_id": self.worker_id, "period_from": self.period_from.isoformat(),
                "period_to": self.period_to.isoformat(), "files": self.files,
                "rows": self.rows}


def read_files(
    paths: Sequence[Path], key: FileKey | None = None, *, allow_untagged: bool = False,
    demo: list[int] | None = None,
) -> tuple[pa.Table, list[FileIdentity]]:
    """Read, verify, check and concatenate the files; return the rows and which
    exports they come from. With `key`, every file's authentication tag must hold
    (untagged files only with `allow_untagged`); every file's rows must be
    plausible (reports.plausibility). A suppressed month (null) counts as
    NonCommunique.

    Refuses (KnownError): consolidation_no_input; any refusal of read_file and
    check_plausible (consolidation_refused, naming the file and the reason);
    consolidation_same_file (two files of the same export);
    consolidation_overlap (two exports of the same worker whose periods overlap:
    their common sessions would count twice); consolidation_mixed_structures
    (files keyed with different structure secrets: the same person would count as
    several).
    """
    if not paths:
        raise KnownError("consolidation_no_input")
    tables: list[pa.Table] = []
    seen: list[tuple[int, FileIdentity]] = []
    for position, path in enumerate(paths, start=1):
        table = read_file(Path(path), position, key, allow_untagged=allow_untagged)
        identity = identity_of(table)
        check_plausible(table, identity, position, Path(path))
        if demo is not None and is_demo_file(table):
            demo.append(position)
        if identity is not None:
            for other_position, other in seen:
                _check_pair(other_position, other, position, identity)
            seen.append((position, identity))
        tables.append(table.replace_schema_metadata(None))
    rows = pa.concat_tables(tables) if tables else SCHEMA.empty_table()
    month = rows.column("month")
    rows = rows.set_column(rows.schema.get_field_index("month"), "month",
                           pc.fill_null(month, NON_COMMUNIQUE))
    return rows, [identity for _, identity in seen]


def coverage(rows: pa.Table, identities: Sequence[FileIdentity]) -> list[Coverage]:
    """Each worker's period covered (first to last day of their files), files and rows."""
    return _coverage(_value_counts(rows.column("worker_id")), identities)


def _check_pair(a: int, first: FileIdentity, b: int, second: FileIdentity) -> None:
    if first.export_id == second.export_id:
        raise KnownError("consolidation_same_file", a=a, b=b)
    if first.structure_id != second.structure_id:
        raise KnownError("consolidation_mixed_structures", a=a, b=b)
    if first.worker_id == second.worker_id and (
        first.period_from <= second.period_to and second.period_from <= first.period_to
    ):
        raise KnownError("consolidation_overlap", a=a, b=b)


def _value_counts(values: pa.Array | pa.ChunkedArray) -> dict[str, int]:
    if len(values) == 0:
        return {}
    counts = pc.value_counts(values)
    return {
        str(v): int(n)
        for v, n in zip(counts.field("values").to_pylist(), counts.field("counts").to_pylist(),
                        strict=True)
        if v is not None
    }


def empty_counts() -> Counts:
    """Every summary table of no rows at all (the shape DuckDB's engine returns when
    the files hold none): nothing counted, nobody new or returning."""
    counts: Counts = {f"activities_by_{dim}": {} for dim in ACTIVITY_DIMENSIONS}
    counts.update({"minutes_by_kind": {}, "minutes_by_month": {}})
    for attr in PERSON_ATTRIBUTES:
        counts[f"participations_by_{attr}"] = {}
        counts[f"beneficiaries_by_{attr}"] = {}
    counts["participations_by_first_visit"] = {}
    counts["beneficiaries_by_first_visit"] = {FIRST_VISIT: 0, RETURNING: 0}
    counts.update({f"beneficiaries_by_{dim}": {} for dim in ACTIVITY_DIMENSIONS})
    return counts


def empty_keys() -> Counts:
    """The sums of record keys of empty_counts' cells: all zero."""
    keys: Counts = {}
    for table in empty_counts():
        keys[table] = {NON_COMMUNIQUE: 0}
    keys["participations_by_first_visit"] = {NON_COMMUNIQUE: 0, FIRST_VISIT: 0, RETURNING: 0}
    keys["beneficiaries_by_first_visit"] = {FIRST_VISIT: 0, RETURNING: 0}
    return keys


def consolidate(
    paths: Sequence[Path], *, k: int, key: FileKey | None = None,
    allow_untagged: bool = False, generated_at: dt.datetime | None = None,
    about: Mapping[str, object] | None = None,
) -> Summary:
    """The team's summary of several workers' anonymised activity files, counted by
    DuckDB over the files (reports.consolidate_sql: streaming, bounded memory),
    with each cell's sum of record keys from the same scans, so that a team figure
    gets the same noise as in each worker's own summary.

    Refuses as read_files does, consolidation_no_period when no file states its
    period, and disk_error when DuckDB can neither hold nor spill its work. The
    period is the union of the files' periods; the summary's
    inputs list each worker's coverage, `about` (the structure's name and type) and
    whether any file holds demo data.
    """
    import duckdb

    from accomp.reports import consolidate_sql

    if not paths:
        raise KnownError("consolidation_no_input")
    con = consolidate_sql.connect()
    try:
        sources = []
        seen: list[tuple[int, FileIdentity]] = []
        for position, path in enumerate(paths, start=1):
            source = consolidate_sql.open_source(con, Path(path), position, key,
                                                 allow_untagged)
            if source.identity is not None:
                for other_position, other in seen:
                    _check_pair(other_position, other, position, source.identity)
                seen.append((position, source.identity))
            sources.append(source)
        try:
            counts, keys = consolidate_sql.counts_and_keys(con, sources)
        except (duckdb.OutOfMemoryException, duckdb.IOException) as exc:
            # spilling to the temporary folder failed (full disk): said, no traceback
            raise KnownError("disk_error", reason=type(exc).__name__) from None
    finally:
        con.close()
    identities = [i for _, i in seen]
    if not identities:
        raise KnownError("consolidation_no_period")
    rows_by_worker: dict[str, int] = {}
    for source in sources:
        if source.identity is not None:
            worker = source.identity.worker_id
            rows_by_worker[worker] = rows_by_worker.get(worker, 0) + source.rows
    return build_summary(
        counts, keys=keys,
        date_from=min(i.period_from for i in identities),
        date_to=max(i.period_to for i in identities), k=k,
        source="consolidation",
        inputs={**(about or {}), "files": len(paths), "rows": sum(s.rows for s in sources),
                "coverage": [c.as_dict() for c in _coverage(rows_by_worker, identities)],
                **({"demo": True} if any(s.demo for s in sources) else {})},
        generated_at=generated_at,
    )


def _coverage(rows: Mapping[str, int], identities: Sequence[FileIdentity]) -> list[Coverage]:
    by_worker: dict[str, list[FileIdentity]] = {}
    for identity in identities:
        by_worker.setdefault(identity.worker_id, []).append(identity)
    return [
        Coverage(worker, min(i.period_from for i in mine), max(i.period_to for i in mine),
                 len(mine), rows.get(worker, 0))
        for worker, mine in sorted(by_worker.items())
    ]
