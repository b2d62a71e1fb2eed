"""The consolidation engine: DuckDB over the activity files, streaming.

A team's year can be ten million rows: held in memory as Arrow columns that is
gigabytes. DuckDB reads the Parquet files column by column, aggregates in
parallel and spills to disk beyond its memory limit, so peak memory stays under
a gigabyte whatever the number of rows (tests/bench/bench_scale.py measures it
against DuckDB running the bare aggregations). CSV files (small, hand-carried)
are read with Arrow (reports.activity_rows) and handed to DuckDB as tables.

Every file is checked in one scan before anything is counted
(reports.consolidate_check); the counts are those of
reports.consolidate.consolidated_counts, and each cell's sum of record keys
(privacy.cellkey) that of consolidated_keys, computed in the same scans (their
numpy implementations are the references the tests compare with).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import duckdb

from accomp.privacy.cellkey import _PERSON_DOMAIN, KEY_MODULUS
from accomp.privacy.generalise import NON_COMMUNIQUE
from accomp.reports import activity_rows as ar
from accomp.reports.consolidate_check import Source, connect, open_source
from accomp.reports.summary import ACTIVITY_DIMENSIONS, FIRST_VISIT, RETURNING

Counts = dict[str, dict[str, int]]

__all__ = ["Source", "connect", "counts", "counts_and_keys", "open_source"]

_SCALAR = {"month": "month", "kind": "kind", "place_type": "place_type",
           "duration": "duration_bucket", "autonomy": "autonomy", "referral": "referral"}
_LISTS = {"theme": "themes", "admin_theme": "admin_themes"}


def _run(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    con.execute(sql).fetchall()


def _q(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# --- counting ------------------------------------------------------------------------


def _rows(con: duckdb.DuckDBPyConnection, sources: Sequence[Source]) -> str:
    union = " UNION ALL ".join(f"SELECT * FROM {s.relation}" for s in sources)
    _run(con, f"CREATE OR REPLACE TEMP VIEW r AS SELECT * REPLACE "
              f"(coalesce(month, {_q(NON_COMMUNIQUE)}) AS month) FROM ({union})")
    return "r"


def _pairs(result: Iterable[tuple[Any, Any]], keys: bool = False) -> dict[str, int]:
    """Category -> count; a null category (a person whose rows disagree) is
    NonCommunique, added to the explicit one. With `keys`, the values are sums of
    record keys, kept modulo KEY_MODULUS (all the cell key depends on)."""
    out: dict[str, int] = {}
    for key, n in result:
        if n:
            name = NON_COMMUNIQUE if key is None else str(key)
            out[name] = out.get(name, 0) + int(n)
            if keys:
                out[name] %= KEY_MODULUS
    return out


def _by_sets(con: duckdb.DuckDBPyConnection, columns: list[str], aggregates: Sequence[str],
             source: str) -> dict[str, list[dict[str, int]]]:
    """Each of `aggregates` (a count, then key sums) by each column on its own, in
    one scan (grouping sets). A null category (disagreeing rows) is NonCommunique."""
    groupings = ", ".join(f"GROUPING({c})" for c in columns)
    sets = ", ".join(f"({c})" for c in columns)
    result = con.execute(f"SELECT {', '.join(columns)}, {', '.join(aggregates)}, {groupings} "
                         f"FROM {source} GROUP BY GROUPING SETS ({sets})").fetchall()
    width, n = len(columns), len(aggregates)
    out: dict[str, list[dict[str, int]]] = {}
    for index, column in enumerate(columns):
        mine = [row for row in result if row[width + n + index] == 0]
        out[column] = [_pairs([(row[index], row[width + a]) for row in mine], keys=a > 0)
                       for a in range(n)]
    return out


def _person_key_sql(expr: str) -> str:
    """SQL of privacy.cellkey.person_key of a 128-bit key held as UHUGEINT: the
    same SHA-256 over its lowercase hex, computed by DuckDB (once per person)."""
    domain = "".join(f"\\x{b:02x}" for b in _PERSON_DOMAIN)
    text = f"lpad(lower(to_hex({expr})), 32, '0')"
    return f"('0x' || sha256('{domain}'::BLOB || encode({text}))[1:8])::UBIGINT"


def _category_masks(categories: dict[str, list[str]]
                    ) -> tuple[list[str], list[list[tuple[str, str]]]]:
    """SQL of a row's categories as bits of UBIGINT masks, every column's
    categories one after the other, 64 a mask: (each mask's expression, each
    mask's (column, category) by bit). A list column sets one bit per element (a
    null element is NonCommunique, as in the activity counts)."""
    bits = [(column, value) for column, values in categories.items() for value in values]
    expressions: list[str] = []
    layout: list[list[tuple[str, str]]] = []
    for start in range(0, len(bits), 64):
        chunk = bits[start:start + 64]
        parts = []
        for column in dict.fromkeys(c for c, _ in chunk):
            offset = next(i for i, (c, _) in enumerate(chunk) if c == column)
            where = "[" + ", ".join(_q(v) for c, v in chunk if c == column) + "]"
            if column in _LISTS.values():
                parts.append(
                    f"coalesce(list_aggregate(list_transform({column}, lambda x: 1::UBIGINT "
                    f"<< (list_position({where}, coalesce(x, {_q(NON_COMMUNIQUE)})) + "
                    f"{offset - 1})), 'bit_or'), 0)")
            else:
                parts.append(f"coalesce(1::UBIGINT << (list_position({where}, {column}) + "
                             f"{offset - 1}), 0)")
        expressions.append(" | ".join(parts))
        layout.append(chunk)
    return expressions, layout


def counts(con: duckdb.DuckDBPyConnection, sources: Sequence[Source]) -> Counts:
    """Raw counts of every summary table, as consolidate.consolidated_counts."""
    return counts_and_keys(con, sources)[0]


def counts_and_keys(con: duckdb.DuckDBPyConnection,
                    sources: Sequence[Source]) -> tuple[Counts, Counts]:
    """Raw counts of every summary table and their cells' sums of record keys
    (modulo KEY_MODULUS), as consolidate.consolidated_counts and
    consolidated_keys compute them, in the same scans."""
    out: Counts = {}
    sums: Counts = {}
    if not sources or not sum(s.rows for s in sources):
        from accomp.reports.consolidate import empty_counts, empty_keys

        return empty_counts(), empty_keys()
    r = _rows(con, sources)
    ind = "kind = 'Individuel'"
    # activities and minutes by dimension: one scan with grouping sets
    sets = ", ".join(f"({c})" for c in _SCALAR.values())
    result = con.execute(
        f"SELECT {', '.join(_SCALAR.values())}, count(*), sum(duration_min_rounded), "
        f"sum(record_key), GROUPING({', '.join(_SCALAR.values())}) FROM {r} "
        f"GROUP BY GROUPING SETS ({sets})").fetchall()
    width = len(_SCALAR)
    for dim, column in _SCALAR.items():
        index = list(_SCALAR.values()).index(column)
        mine = [row for row in result if row[index] is not None and all(
            row[i] is None for i in range(width) if i != index)]
        out[f"activities_by_{dim}"] = _pairs([(row[index], row[width]) for row in mine])
        sums[f"activities_by_{dim}"] = _pairs([(row[index], row[width + 2]) for row in mine],
                                              keys=True)
        if dim in ("kind", "month"):
            out[f"minutes_by_{dim}"] = _pairs([(row[index], row[width + 1]) for row in mine])
            sums[f"minutes_by_{dim}"] = sums[f"activities_by_{dim}"]
    for dim, column in _LISTS.items():
        result = con.execute(f"SELECT v, count(*), sum(record_key) FROM (SELECT unnest("
                             f"{column}) v, record_key FROM {r}) GROUP BY 1").fetchall()
        out[f"activities_by_{dim}"] = _pairs([(v, n) for v, n, _ in result])
        sums[f"activities_by_{dim}"] = _pairs([(v, s) for v, _, s in result], keys=True)

    # people: every key met (tracked: in individual sessions or workshops; or only
    # said first in a workshop), their attributes (one value if all their individual
    # rows agree, else null: NonCommunique), whether any of their sessions was their
    # first, and their person key. Keys are 128-bit hex: compared as exact 128-bit
    # integers, much cheaper to hash than text.
    key = "('0x' || beneficiary_key)::UHUGEINT"
    attrs = ar.PERSON_ATTRIBUTES
    nulls = ", ".join("NULL" for _ in attrs)
    agreed = ", ".join(f"CASE WHEN min({a}) = max({a}) THEN min({a}) END AS {a}"
                       for a in attrs)
    _run(
        con,
        f"CREATE OR REPLACE TEMP TABLE person AS "
        f"SELECT *, {_person_key_sql('k')} AS pk FROM ("
        f"SELECT k, {agreed}, bool_or(new) AS new, bool_or(tracked) AS tracked FROM ("
        f"SELECT {key} AS k, {', '.join(attrs)}, first_visit = {_q(FIRST_VISIT)} AS new, "
        f"true AS tracked FROM {r} WHERE {ind} AND beneficiary_key IS NOT NULL "
        f"UNION ALL SELECT ('0x' || unnest(participant_keys))::UHUGEINT, {nulls}, false, "
        f"true FROM {r} "
        f"UNION ALL SELECT ('0x' || unnest(first_visit_keys))::UHUGEINT, {nulls}, true, "
        f"false FROM {r}) GROUP BY k)")

    # A person counts once per category of each activity dimension: the categories
    # of their tracked rows are bits, or-ed over their rows (a grouping by person,
    # which DuckDB runs in parallel and spills, unlike DISTINCT aggregates).
    expressions, layout = _category_masks(
        {column: sorted(out[f"activities_by_{dim}"])
         for dim, column in {**_SCALAR, **_LISTS}.items()})
    names = [f"m{i}" for i in range(len(expressions))]
    bits = ", ".join(f"{e} AS {m}" for e, m in zip(expressions, names, strict=True))
    rows = f"(SELECT *, {bits} FROM {r})"
    aggregates = []
    for m, chunk in zip(names, layout, strict=True):
        for bit in range(len(chunk)):
            has = f"(({m} >> {bit}) & 1) = 1"
            aggregates += [f"count(*) FILTER (WHERE {has})",
                           f"coalesce(sum(pk) FILTER (WHERE {has}), 0)"]
    [found] = con.execute(
        f"SELECT {', '.join(aggregates)} FROM (SELECT k, "
        f"{', '.join(f'bit_or({m}) AS {m}' for m in names)} FROM ("
        f"SELECT {key} AS k, {', '.join(names)} FROM {rows} "
        f"WHERE {ind} AND beneficiary_key IS NOT NULL "
        f"UNION ALL SELECT ('0x' || unnest(participant_keys))::UHUGEINT, {', '.join(names)} "
        f"FROM {rows} WHERE len(participant_keys) > 0) GROUP BY k) JOIN "
        f"(SELECT k, pk FROM person) USING (k)").fetchall()
    cells: dict[str, list[tuple[str, int, int]]] = {}
    position = 0
    for chunk in layout:
        for column, category in chunk:
            cells.setdefault(column, []).append(
                (category, found[position], found[position + 1]))
            position += 2
    for dim, column in {**_SCALAR, **_LISTS}.items():
        mine = cells.get(column, [])
        out[f"beneficiaries_by_{dim}"] = _pairs([(c, n) for c, n, _ in mine])
        sums[f"beneficiaries_by_{dim}"] = _pairs([(c, s) for c, _, s in mine], keys=True)

    totals = con.execute(
        f"SELECT coalesce(sum(participants_anonymous) FILTER (WHERE NOT {ind}), 0), "
        f"coalesce(sum(anonymous_already_supported) FILTER (WHERE NOT {ind}), 0), "
        f"coalesce(sum(len(first_visit_keys)), 0), coalesce(sum(len(participant_keys)), 0), "
        f"coalesce(sum(participants_anonymous::HUGEINT * record_key) "
        f"FILTER (WHERE NOT {ind}), 0), "
        f"coalesce(sum(anonymous_already_supported::HUGEINT * record_key) "
        f"FILTER (WHERE NOT {ind}), 0) FROM {r}").fetchall()[0]
    assert totals is not None
    anonymous, already, workshop_first, workshop_tracked, anonymous_key, already_key = (
        int(v) for v in totals)
    [(workshop_first_key,)] = con.execute(
        f"SELECT coalesce(sum(record_key::HUGEINT + pk), 0) FROM (SELECT ('0x' || unnest("
        f"first_visit_keys))::UHUGEINT AS k, record_key FROM {r}) f JOIN person USING (k)"
    ).fetchall()
    by_person = _by_sets(
        con, [*attrs, "first_visit"], ["count(*)", "sum(record_key::HUGEINT + pk)"],
        f"(SELECT {r}.*, coalesce(p.pk, 0) AS pk FROM {r} LEFT JOIN "
        f"(SELECT k, pk FROM person) p ON p.k = {key} WHERE {ind}) i")
    workshop = _by_sets(con, list(attrs), ["count(*)", "sum(record_key::HUGEINT + pk)"],
                        f"(SELECT ('0x' || unnest(participant_keys))::UHUGEINT AS k, "
                        f"record_key FROM {r}) w JOIN person p USING (k)")
    people_by = _by_sets(con, list(attrs), ["count(*)", "sum(pk)"],
                         "person WHERE tracked")
    for a in attrs:
        individual, individual_keys = by_person[a]
        for category, n in workshop[a][0].items():
            individual[category] = individual.get(category, 0) + n
        for category, n in workshop[a][1].items():
            individual_keys[category] = (individual_keys.get(category, 0) + n) % KEY_MODULUS
        if anonymous:
            individual[NON_COMMUNIQUE] = individual.get(NON_COMMUNIQUE, 0) + anonymous
            individual_keys[NON_COMMUNIQUE] = (
                individual_keys.get(NON_COMMUNIQUE, 0) + anonymous_key) % KEY_MODULUS
        out[f"participations_by_{a}"] = individual
        sums[f"participations_by_{a}"] = individual_keys
        out[f"beneficiaries_by_{a}"], sums[f"beneficiaries_by_{a}"] = people_by[a]

    first, first_keys = by_person["first_visit"]
    workshop_all_key = sum(workshop[attrs[0]][1].values())
    for category, n, key_sum in (
            (FIRST_VISIT, workshop_first + anonymous - already,
             int(workshop_first_key) + anonymous_key - already_key),
            (RETURNING, workshop_tracked - workshop_first + already,
             workshop_all_key - int(workshop_first_key) + already_key)):
        if n:
            first[category] = first.get(category, 0) + n
        first_keys[category] = (first_keys.get(category, 0) + key_sum) % KEY_MODULUS
    out["participations_by_first_visit"] = first
    sums["participations_by_first_visit"] = first_keys
    people = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE new), coalesce(sum(pk), 0), "
        "coalesce(sum(pk) FILTER (WHERE new), 0) FROM person WHERE tracked").fetchall()[0]
    assert people is not None
    out["beneficiaries_by_first_visit"] = {FIRST_VISIT: int(people[1]),
                                           RETURNING: int(people[0] - people[1])}
    sums["beneficiaries_by_first_visit"] = {
        FIRST_VISIT: int(people[3]) % KEY_MODULUS,
        RETURNING: int(people[2] - people[3]) % KEY_MODULUS}
    assert set(out) >= {f"activities_by_{d}" for d in ACTIVITY_DIMENSIONS}
    return out, sums
