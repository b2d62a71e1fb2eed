"""Counts for the anonymised summaries, computed by SQLite (GROUP BY), and the
activity rows an anonymised export is built from.

Nothing here decides what may be published: these are the raw counts, and the
rows before pseudonymisation. `reports` (suppression) and `services` (keys,
generalisation) do the rest. Generalisations done in SQL (age band, duration
bucket, département) are derived from the pure functions of `privacy.generalise`,
so that SQL and Python cannot drift apart.

Three units are counted (see docs/exports.md):
- activities: one per session;
- participations: one per person per session (an individual session counts one,
  anonymous or not; a workshop counts its tracked participants and its anonymous
  head count);
- beneficiaries: distinct beneficiary files seen in the sessions of the period.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy import text
from sqlmodel import Session

from accomp.domain.models import ActivityFilter
from accomp.privacy.cellkey import person_key, record_key
from accomp.privacy.generalise import NON_COMMUNIQUE, age_band, departement_of, duration_bucket
from accomp.privacy.pseudonym import beneficiary_key
from accomp.store.custom_fields import has_value_sql
from accomp.store.packed import packed_columns, plain_columns
from accomp.store.tags import in_tag_sql

NOT_APPLICABLE = "SansObjet"
NOT_REFERRED = "NonOriente"
FIRST_VISIT = "PremierAccompagnement"
RETURNING = "DejaAccompagne"

ACTIVITY_DIMENSIONS = (
    "month", "kind", "theme", "admin_theme", "place_type", "duration", "autonomy", "referral",
)
PERSON_DIMENSIONS = ("age_band", "gender", "social_status", "departement", "first_visit")
MULTI_VALUED = frozenset({"theme", "admin_theme"})

Counts = dict[str, dict[str, int]]
"""Table name ("activities_by_month"...) -> category key -> count."""


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


@cache
def _duration_case() -> str:
    """CASE expression of privacy.generalise.duration_bucket over `duration_min`."""
    bounds: list[tuple[int, str]] = []
    previous = duration_bucket(0)
    for minutes in range(1, 24 * 60 + 1):
        current = duration_bucket(minutes)
        if current != previous:
            bounds.append((minutes, previous))
            previous = current
    whens = " ".join(f"WHEN a.duration_min < {m} THEN {_quote(b)}" for m, b in bounds)
    return f"CASE {whens} ELSE {_quote(previous)} END"


@cache
def _age_case() -> str:
    """CASE expression of privacy.generalise.age_band on `:ref_year - b.birth_year`;
    without a birth year, the band recorded on the file."""
    reference = dt.date(2200, 1, 1)
    bounds: list[tuple[int, str]] = []
    previous = age_band(reference.year, reference)
    for years in range(1, 151):
        current = age_band(reference.year - years, reference)
        if current != previous:
            bounds.append((years, previous))
            previous = current
    age = "(:ref_year - b.birth_year)"
    whens = " ".join(f"WHEN {age} < {a} THEN {_quote(band)}" for a, band in bounds)
    return (
        f"CASE WHEN b.id IS NULL THEN {_quote(NON_COMMUNIQUE)} "
        f"WHEN b.birth_year IS NULL THEN b.age_band "
        f"WHEN {age} < 0 THEN {_quote(NON_COMMUNIQUE)} {whens} ELSE {_quote(previous)} END"
    )


def _departement_case(column: str) -> str:
    """SQL twin of privacy.generalise.departement_of; malformed codes give
    NonCommunique instead of an error (tested against the Python function)."""
    code = f"upper(trim({column}))"
    nc = _quote(NON_COMMUNIQUE)
    return (
        f"CASE WHEN {column} IS NULL OR {code} = '' THEN {nc} "
        f"WHEN NOT ({code} GLOB '[0-9][0-9][0-9][0-9][0-9]' "
        f"OR {code} GLOB '2[AB][0-9][0-9][0-9]') OR {code} GLOB '20*' THEN {nc} "
        f"WHEN {code} GLOB '9[78]*' THEN substr({code}, 1, 3) "
        f"ELSE substr({code}, 1, 2) END"
    )


def departement_sql(insee: str | None) -> str:
    """Run the SQL département expression on one value (for tests)."""
    import sqlite3

    with sqlite3.connect(":memory:") as conn:
        row = conn.execute(f"SELECT {_departement_case('?1')}", (insee,)).fetchone()
    return str(row[0])


def _activity_expressions() -> dict[str, str]:
    """The activity dimensions as SQL over the `activity` table (alias x)."""
    nc, na = _quote(NON_COMMUNIQUE), _quote(NOT_APPLICABLE)
    return {
        "month": "substr(x.date, 1, 7)",
        "kind": "x.kind",
        "place_type": "x.place_type",
        "duration": _duration_case().replace("a.duration_min", "x.duration_min"),
        "autonomy": f"CASE WHEN x.kind = 'Collectif' THEN {na} ELSE coalesce(x.autonomy, {nc}) END",
        "referral": (
            f"CASE WHEN x.kind = 'Collectif' THEN {na} WHEN x.referred "
            f"THEN coalesce(x.referral_target, 'Autre') ELSE {_quote(NOT_REFERRED)} END"
        ),
    }


def _filter_sql(filters: ActivityFilter) -> tuple[str, dict[str, Any]]:
    clauses = ["x.date >= :date_from", "x.date <= :date_to"]
    params: dict[str, Any] = {}
    if filters.kind is not None:
        clauses.append("x.kind = :kind")
        params["kind"] = filters.kind
    if filters.place_type is not None:
        clauses.append("x.place_type = :place_type")
        params["place_type"] = filters.place_type
    if filters.autonomy is not None:
        clauses.append("x.autonomy = :autonomy")
        params["autonomy"] = filters.autonomy
    if filters.theme is not None:
        clauses.append("EXISTS (SELECT 1 FROM json_each(x.themes) WHERE value = :theme)")
        params["theme"] = filters.theme
    if filters.tag is not None:
        clauses.append(in_tag_sql("x"))
        params["tag"] = filters.tag
    if filters.custom_field is not None and filters.custom_value is not None:
        clauses.append(has_value_sql("x", "cf_field", "cf_value"))
        params["cf_field"], params["cf_value"] = filters.custom_field, filters.custom_value
    return " AND ".join(clauses), params


def _ctes(filters: ActivityFilter) -> tuple[str, dict[str, Any]]:
    """Common table expressions, each materialised once per statement:

    - acts: the sessions of the period and filters, with their dimensions computed;
    - workshops: their anonymous head counts (collective sessions only);
    - firsts: each person's first session ever;
    - tracked: one row per tracked person per session, with the session's dimensions;
    - persons: tracked rows and anonymous individual sessions with the person's
      generalised attributes.
    """
    where, params = _filter_sql(filters)
    nc = _quote(NON_COMMUNIQUE)
    dims = _activity_expressions()
    dim_columns = ", ".join(f"{dims[d]} AS {d}" for d in _CUBE_ACTIVITY_DIMENSIONS)
    carried = ", ".join(f"a.{d}" for d in _CUBE_ACTIVITY_DIMENSIONS)
    ctes = f"""
    WITH acts AS MATERIALIZED (
        SELECT x.id, x.beneficiary_id, x.duration_min, accomp_record_key(x.id) AS rk,
               {dim_columns}
        FROM activity x WHERE {where}
    ),
    workshops AS MATERIALIZED (
        SELECT x.anonymous, a.rk FROM acts a JOIN activity x ON x.id = a.id
        WHERE a.kind = 'Collectif'
    ),
    pkeys AS MATERIALIZED (
        SELECT id AS bid, accomp_person_key(code) AS pk FROM beneficiary
    ),
    firsts AS MATERIALIZED (
        -- each person's first session ever: smallest (date, id); a string minimum is
        -- several times faster than a window function here
        SELECT bid, CAST(substr(min(date || printf('%012d', id)), 11) AS INTEGER) AS first_id
        FROM (SELECT beneficiary_id AS bid, id, date FROM activity
              WHERE beneficiary_id IS NOT NULL
              UNION ALL
              SELECT p.beneficiary_id, x.id, x.date FROM activity x
              JOIN activity_participant p ON p.activity_id = x.id)
        GROUP BY bid
    ),
    tracked AS MATERIALIZED (
        SELECT u.*, coalesce(k.pk, 0) AS pk FROM (
            SELECT a.id AS aid, a.beneficiary_id AS bid, a.rk, {carried}
            FROM acts a WHERE a.kind = 'Individuel'
            UNION ALL
            SELECT a.id, p.beneficiary_id, a.rk, {carried} FROM acts a
            JOIN activity_participant p ON p.activity_id = a.id
        ) u LEFT JOIN pkeys k ON k.bid = u.bid
    ),
    persons AS MATERIALIZED (
        SELECT t.aid, t.bid, t.pk, t.rk + t.pk AS qk,
               {_age_case()} AS age_band,
               coalesce(b.gender, {nc}) AS gender,
               coalesce(b.social_status, {nc}) AS social_status,
               {_departement_case("b.commune_insee")} AS departement,
               CASE WHEN t.bid IS NULL THEN {nc}
                    WHEN f.first_id = t.aid THEN {_quote(FIRST_VISIT)}
                    ELSE {_quote(RETURNING)} END AS first_visit
        FROM tracked t
        LEFT JOIN beneficiary b ON b.id = t.bid
        LEFT JOIN firsts f ON f.bid = t.bid
    )
    """
    return ctes, params


def _anonymous_heads_sql(dimension: str) -> str:
    """Workshops' anonymous participants by a person dimension: the head counts
    given, the rest of the head count as NonCommunique (for first visits: those
    already supported, and the others as first visits)."""
    nc = _quote(NON_COMMUNIQUE)
    total = "coalesce(json_extract(w.anonymous, '$.total'), 0)"
    if dimension == "first_visit":
        already = "coalesce(json_extract(w.anonymous, '$.already_supported'), 0)"
        return (
            f"SELECT {_quote(RETURNING)} AS c, {already} AS n, w.rk FROM workshops w "
            f"UNION ALL SELECT {_quote(FIRST_VISIT)}, {total} - {already}, w.rk "
            f"FROM workshops w"
        )
    path = {"age_band": "$.by_age_band", "gender": "$.by_gender",
            "social_status": "$.by_status"}.get(dimension)
    if path is None:  # no head counts by département: all of them unknown
        return f"SELECT {nc} AS c, {total} AS n, w.rk FROM workshops w"
    given = f"(SELECT coalesce(sum(j.value), 0) FROM json_each(w.anonymous, '{path}') j)"
    return (
        f"SELECT j.key AS c, j.value AS n, w.rk FROM workshops w, "
        f"json_each(w.anonymous, '{path}') j "
        f"UNION ALL SELECT {nc}, {total} - {given}, w.rk FROM workshops w"
    )


_CUBE_ACTIVITY_DIMENSIONS = tuple(d for d in ACTIVITY_DIMENSIONS if d not in MULTI_VALUED)
_SEPARATOR = "|"

TABLE_NAMES = (
    *(f"activities_by_{d}" for d in ACTIVITY_DIMENSIONS),
    *(f"participations_by_{d}" for d in PERSON_DIMENSIONS),
    *(f"beneficiaries_by_{d}" for d in PERSON_DIMENSIONS),
    *(f"beneficiaries_by_{d}" for d in ACTIVITY_DIMENSIONS),
    "minutes_by_kind", "minutes_by_month",
)


def _composite(expressions: Sequence[str]) -> str:
    return f" || '{_SEPARATOR}' || ".join(expressions)


def summary_queries() -> dict[str, str]:
    """The GROUP BY statements over the common CTEs (`acts`, `tracked`, `persons`),
    each selecting (category, count, minutes). Exposed for the benchmark.

    Additive dimensions are grouped together in one pass ("cubes": the category is
    the dimensions' values joined by "|") and their margins summed in Python; a
    distinct count per category of a multi-valued dimension needs its own pass.
    """
    queries: dict[str, str] = {
        "activities_cube": (
            f"SELECT {_composite([f'a.{d}' for d in _CUBE_ACTIVITY_DIMENSIONS])} AS c, "
            f"count(*) AS n, sum(a.duration_min) AS m, sum(a.rk) AS s FROM acts a GROUP BY 1"
        ),
        "participations_cube": (
            f"SELECT {_composite(PERSON_DIMENSIONS)} AS c, count(*) AS n, NULL AS m, "
            f"sum(qk) AS s FROM persons GROUP BY 1"
        ),
        # a person's attributes do not change within a summary: one row per person
        "beneficiaries_cube": (
            f"SELECT {_composite(PERSON_DIMENSIONS)} AS c, count(*) AS n, NULL AS m, "
            f"sum(pk) AS s FROM (SELECT bid, max(pk) AS pk, age_band, gender, social_status, "
            f"departement, "
            f"CASE WHEN max(first_visit = {_quote(FIRST_VISIT)}) THEN {_quote(FIRST_VISIT)} "
            f"ELSE {_quote(RETURNING)} END AS first_visit "
            f"FROM persons WHERE bid IS NOT NULL GROUP BY bid) GROUP BY 1"
        ),
    }
    for dim in PERSON_DIMENSIONS:
        queries[f"anonymous_heads_by_{dim}"] = (
            f"SELECT c, sum(n) AS n, NULL AS m, sum(n * rk) AS s "
            f"FROM ({_anonymous_heads_sql(dim)}) GROUP BY 1"
        )
    for dim in ACTIVITY_DIMENSIONS:
        if dim in MULTI_VALUED:
            column = "themes" if dim == "theme" else "admin_themes"
            queries[f"activities_by_{dim}"] = (
                f"SELECT j.value AS c, count(*) AS n, NULL AS m, sum(a.rk) AS s FROM acts a "
                f"JOIN activity x ON x.id = a.id, json_each(x.{column}) j GROUP BY 1"
            )
            queries[f"beneficiaries_by_{dim}"] = (
                f"SELECT c, count(*) AS n, NULL AS m, sum(pk) AS s FROM ("
                f"SELECT DISTINCT j.value AS c, t.bid, t.pk FROM tracked t "
                f"JOIN activity x ON x.id = t.aid, json_each(x.{column}) j "
                f"WHERE t.bid IS NOT NULL) GROUP BY 1"
            )
        else:
            queries[f"beneficiaries_by_{dim}"] = (
                f"SELECT c, count(*) AS n, NULL AS m, sum(pk) AS s FROM ("
                f"SELECT DISTINCT t.{dim} AS c, t.bid, t.pk FROM tracked t "
                f"WHERE t.bid IS NOT NULL) GROUP BY 1"
            )
    return queries


def summary_sql(filters: ActivityFilter) -> str:
    """One statement for every table, so that the filtered sessions and their
    participants are materialised once: rows of (query, category, count, minutes)."""
    ctes, _ = _ctes(filters)
    parts = [
        f"SELECT {_quote(name)} AS t, c, n, m, s FROM ({body})"
        for name, body in summary_queries().items()
    ]
    return ctes + " UNION ALL ".join(parts)


def _add(table: dict[str, int], category: str, n: int) -> None:
    table[category] = table.get(category, 0) + n


def _tables_of(rows: Sequence[Sequence[Any]]) -> tuple[Counts, Counts]:
    """Counts, and the sums of the cells' record keys, of every table."""
    counts: Counts = {name: {} for name in TABLE_NAMES}
    keys: Counts = {name: {} for name in TABLE_NAMES}
    for query, c, n, m, s in rows:
        if c is None:
            continue
        query, category, n, s = str(query), str(c), int(n or 0), int(s or 0)
        if query == "activities_cube":
            values = category.split(_SEPARATOR)
            for dim, value in zip(_CUBE_ACTIVITY_DIMENSIONS, values, strict=True):
                _add(counts[f"activities_by_{dim}"], value, n)
                _add(keys[f"activities_by_{dim}"], value, s)
            for dim, value in (("kind", values[1]), ("month", values[0])):
                _add(counts[f"minutes_by_{dim}"], value, int(m or 0))
                _add(keys[f"minutes_by_{dim}"], value, s)
        elif query in ("participations_cube", "beneficiaries_cube"):
            unit = query.removesuffix("_cube")
            for dim, value in zip(PERSON_DIMENSIONS, category.split(_SEPARATOR), strict=True):
                _add(counts[f"{unit}_by_{dim}"], value, n)
                _add(keys[f"{unit}_by_{dim}"], value, s)
        elif query.startswith("anonymous_heads_by_"):
            dim = query.removeprefix("anonymous_heads_by_")
            _add(counts[f"participations_by_{dim}"], category, n)
            _add(keys[f"participations_by_{dim}"], category, s)
        else:
            _add(counts[query], category, n)
            _add(keys[query], category, s)
    return counts, keys


@dataclass(frozen=True, slots=True)
class RecordKeys:
    """Where the record keys of the cell-key method come from (privacy.cellkey):
    a session's key is a keyed hash of its id with the logbook's `seed`; a
    person's is derived from their structure-wide pseudonymous key (the structure
    `secret` and the logbook's `scope`, as in the anonymised activity file), so
    that a person has the same key in every worker's file."""

    seed: bytes
    secret: bytes
    scope: str

    def activity(self, activity_id: int) -> int:
        return record_key(self.seed, f"activity/{activity_id}")

    def person(self, code: str | None) -> int:
        if code is None or not code.strip():
            return 0
        return person_key(beneficiary_key(self.secret, f"{self.scope}/{code}"))


def register_key_functions(dbapi_connection: Any, keys: RecordKeys | None) -> None:
    """Make `accomp_record_key(id)` and `accomp_person_key(code)` callable from SQL
    on this connection (every key 0 without `keys`: counts only)."""
    if keys is None:
        dbapi_connection.create_function("accomp_record_key", 1, lambda _: 0)
        dbapi_connection.create_function("accomp_person_key", 1, lambda _: 0)
        return
    dbapi_connection.create_function("accomp_record_key", 1, keys.activity, deterministic=True)
    dbapi_connection.create_function("accomp_person_key", 1, keys.person, deterministic=True)


def summary_params(
    date_from: dt.date, date_to: dt.date, filters: ActivityFilter
) -> dict[str, Any]:
    _, params = _filter_sql(filters)
    return {
        **params, "date_from": date_from.isoformat(), "date_to": date_to.isoformat(),
        "ref_year": date_to.year,
    }


def summary_counts(
    session: Session, date_from: dt.date, date_to: dt.date, filters: ActivityFilter
) -> Counts:
    """Raw counts of every summary table (summary_counts_and_keys without keys)."""
    return summary_counts_and_keys(session, date_from, date_to, filters)[0]


def summary_counts_and_keys(
    session: Session, date_from: dt.date, date_to: dt.date, filters: ActivityFilter,
    keys: RecordKeys | None = None,
) -> tuple[Counts, Counts]:
    """Raw counts of every summary table over the period and filters, and each
    cell's sum of record keys (all 0 without `keys`).

    Age bands are those reached in the year of `date_to` (the files' recorded band
    when no birth year is kept); "first visit" means the person's first session in
    the whole logbook, filters or not.
    """
    params = summary_params(date_from, date_to, filters)
    connection = session.connection()
    register_key_functions(connection.connection.dbapi_connection, keys)
    rows = connection.execute(text(summary_sql(filters)), params).all()
    return _tables_of(rows)


@dataclass(frozen=True, slots=True)
class ExportColumns:
    """The sessions of the period and filters, oldest first, column by column (no
    Python object per session): what the anonymised export needs of each session,
    its beneficiary and its participants; no notes, no free text, no name.

    `sessions` holds one row per session: id, the activity dimensions already as
    published (month, kind, duration_bucket, place_type, autonomy, referral,
    completion, level), duration_min, the lists as their stored JSON
    (themes, admin_themes, equipment), the anonymous head counts, the
    beneficiary's id as stored and the pseudonymous code of an individual session
    (null otherwise).
    `participants` holds one row per tracked participant of a workshop: the
    session's id, the person's id and code. `firsts` gives each person's first
    session ever (beneficiary_id, first_id), filters or not."""

    sessions: pa.Table
    participants: pa.Table
    firsts: pa.Table


def _export_select(where: str) -> tuple[list[str], str]:
    """The export's session columns (SQL expressions, as _SESSION_COLUMNS) and the
    rest of its statement."""
    nc, na = _quote(NON_COMMUNIQUE), _quote(NOT_APPLICABLE)

    def said(column: str) -> str:  # an empty text says nothing either
        return f"coalesce(nullif(x.{column}, ''), {nc})"

    individual = "x.kind = 'Individuel'"
    expressions = [
        "x.id", "substr(x.date, 1, 7)", "x.kind", _duration_case().replace("a.", "x."),
        "x.duration_min", "x.place_type", "x.themes", "x.admin_themes", "x.equipment",
        f"CASE WHEN {individual} THEN {said('autonomy')} ELSE {na} END",
        f"""CASE WHEN NOT {individual} THEN {na}
                WHEN x.referred THEN coalesce(nullif(x.referral_target, ''), 'Autre')
                ELSE {_quote(NOT_REFERRED)} END""",
        f"CASE WHEN {individual} THEN {said('completion')} ELSE {na} END",
        f"CASE WHEN {individual} THEN {na} ELSE {said('level')} END",
        "CAST(coalesce(json_extract(x.anonymous, '$.total'), 0) AS INTEGER)",
        "CAST(coalesce(json_extract(x.anonymous, '$.already_supported'), 0) AS INTEGER)",
        "x.beneficiary_id",  # as stored: an individual session's only (domain.rules)
        f"CASE WHEN {individual} THEN b.code END",
    ]
    rest = f"""
    FROM activity x LEFT JOIN beneficiary b ON b.id = x.beneficiary_id
    WHERE {where} ORDER BY x.date, x.id
    """
    return expressions, rest


def _export_sql(where: str) -> str:
    expressions, rest = _export_select(where)
    return f"SELECT {', '.join(expressions)} {rest}"


_SESSION_COLUMNS = (
    ("id", pa.int64()), ("month", pa.string()), ("kind", pa.string()),
    ("duration_bucket", pa.string()), ("duration_min", pa.int64()),
    ("place_type", pa.string()), ("themes", pa.string()), ("admin_themes", pa.string()),
    ("equipment", pa.string()), ("autonomy", pa.string()), ("referral", pa.string()),
    ("completion", pa.string()), ("level", pa.string()),
    ("participants_anonymous", pa.int64()), ("anonymous_already_supported", pa.int64()),
    ("beneficiary_id", pa.int64()), ("beneficiary_code", pa.string()),
)
_PARTICIPANT_COLUMNS = (("activity_id", pa.int64()), ("beneficiary_id", pa.int64()),
                        ("code", pa.string()))
_FIRST_COLUMNS = (("beneficiary_id", pa.int64()), ("first_id", pa.int64()))

_FIRSTS = """
    -- each person's first session ever: smallest (date, id); a string minimum is
    -- several times faster than a window function here
    SELECT bid, CAST(substr(min(date || printf('%012d', id)), 11) AS INTEGER)
    FROM (SELECT beneficiary_id AS bid, id, date FROM activity
          WHERE beneficiary_id IS NOT NULL
          UNION ALL
          SELECT p.beneficiary_id, x.id, x.date FROM activity x
          JOIN activity_participant p ON p.activity_id = x.id)
    GROUP BY bid"""

def export_columns(
    session: Session, date_from: dt.date, date_to: dt.date, filters: ActivityFilter
) -> ExportColumns:
    """The sessions of the period and filters, oldest first, with what the
    anonymised export needs of their beneficiary and participants, read straight
    from SQLite into Arrow columns (see ExportColumns)."""
    where, _ = _filter_sql(filters)
    params = summary_params(date_from, date_to, filters)
    dbapi = session.connection().connection.dbapi_connection
    assert dbapi is not None
    # One text per session (store.packed); read plainly if some value would not pack.
    expressions, rest = _export_select(where)
    sessions = packed_columns(dbapi, expressions, rest, params, _SESSION_COLUMNS)
    if sessions is None:
        sessions = plain_columns(dbapi.execute(_export_sql(where), params), _SESSION_COLUMNS)
    taking = ["x.id", "p.beneficiary_id", "b.code"]
    rest = ("FROM activity x JOIN activity_participant p ON p.activity_id = x.id "
            f"JOIN beneficiary b ON b.id = p.beneficiary_id WHERE {where} ORDER BY x.id, b.code")
    participants = packed_columns(dbapi, taking, rest, params, _PARTICIPANT_COLUMNS)
    if participants is None:
        participants = plain_columns(dbapi.execute(f"SELECT {', '.join(taking)} {rest}", params),
                                     _PARTICIPANT_COLUMNS)
    if _unfiltered(filters):  # the period's own sessions say who came first
        earlier = plain_columns(dbapi.execute(_EARLIER, params), _EARLIER_COLUMNS)
        firsts = _firsts_of_period(sessions, participants, earlier.column(0))
    else:
        firsts = plain_columns(dbapi.execute(_FIRSTS), _FIRST_COLUMNS)
    return ExportColumns(sessions, participants, firsts)


_EARLIER = """
    -- the people seen before the period (their first session is none of it), read
    -- through the date index only: "+" keeps SQLite from walking every session by
    -- person instead (0.20 s of 100,000 sessions for an empty answer); repeats kept
    SELECT beneficiary_id FROM activity
    WHERE date < :date_from AND +beneficiary_id IS NOT NULL
    UNION ALL
    SELECT p.beneficiary_id FROM activity x JOIN activity_participant p ON p.activity_id = x.id
    WHERE x.date < :date_from"""
_EARLIER_COLUMNS = (("beneficiary_id", pa.int64()),)


def _unfiltered(filters: ActivityFilter) -> bool:
    """No filter but the period: the sessions read are all those of the period."""
    return not _filter_sql(filters)[1]


def _firsts_of_period(sessions: pa.Table, participants: pa.Table,
                      earlier: pa.ChunkedArray) -> pa.Table:
    """_FIRSTS for the people of an unfiltered period, without reading the whole
    logbook (0.15 s of 100,000 sessions): a person seen before the period has no
    first session in it (first_id null); anyone else's first is their earliest
    session or participation of the period, `sessions` being oldest first and
    holding every session of the period."""
    ids = sessions.column("id").combine_chunks()
    rank = pa.array(range(len(ids)), pa.int64())
    seen = pa.concat_tables([
        pa.table({"person": sessions.column("beneficiary_id").combine_chunks(), "rank": rank}),
        pa.table({"person": participants.column("beneficiary_id").combine_chunks(),
                  "rank": pc.index_in(participants.column("activity_id"),
                                      value_set=ids).cast(pa.int64())}),
    ])
    first = seen.filter(pc.is_valid(seen.column("person"))).group_by(
        "person", use_threads=False).aggregate([("rank", "min")])
    people = first.column("person").combine_chunks()
    first_id = pc.if_else(pc.is_in(people, value_set=earlier.combine_chunks()),
                          pa.scalar(None, pa.int64()),
                          ids.take(first.column("rank_min").combine_chunks()))
    return pa.table({"beneficiary_id": people, "first_id": first_id})


@dataclass(frozen=True, slots=True)
class ExportPerson:
    """A person with at least one individual session in the logbook (ever): what the
    anonymised activity file may say of them, before generalisation."""

    code: str
    birth_year: int | None
    age_band: str | None
    gender: str | None
    social_status: str | None
    commune_insee: str | None
    first_session: dt.date
    sessions: int = 1
    """Individual sessions of the whole logbook: what the person weighs in activity
    files (the same in every file)."""


def export_people(session: Session) -> list[ExportPerson]:
    """Everyone who appears with their attributes in some activity file the logbook
    can produce (a person of an individual session), whatever the period: local
    suppression of activity files is decided over all of them at once, so that
    every file says the same of a person."""
    # Sessions counted per person first, then one look-up per person (not per
    # session): a third faster over 100,000 sessions.
    rows = session.connection().execute(text(
        "SELECT b.code, b.birth_year, b.age_band, b.gender, b.social_status, "
        "b.commune_insee, a.first, a.n FROM "
        "(SELECT beneficiary_id AS bid, min(date) AS first, count(*) AS n FROM activity "
        " WHERE kind = 'Individuel' AND beneficiary_id IS NOT NULL "
        " GROUP BY beneficiary_id) a "
        "JOIN beneficiary b ON b.id = a.bid ORDER BY b.code"
    )).all()
    return [
        ExportPerson(str(r[0]), r[1], r[2], r[3], r[4], r[5],
                     dt.date.fromisoformat(str(r[6])), int(r[7]))
        for r in rows
    ]


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def departement_or_unknown(insee: str | None) -> str:
    """privacy.generalise.departement_of, with a malformed code as NonCommunique
    (the same as the SQL expression)."""
    try:
        return departement_of(insee)
    except ValueError:
        return NON_COMMUNIQUE


def export_events(session: Session, limit: int = 200) -> list[dict[str, Any]]:
    """The journal's export events (export.*), newest first, including those kept
    in `export_record` after the journal itself was pruned."""
    rows = session.connection().execute(text(
        "SELECT id, at, actor, action, details FROM audit_event "
        "WHERE action LIKE 'export.%' AND id NOT IN (SELECT event_id FROM export_record) "
        "UNION ALL SELECT event_id, at, actor, action, details FROM export_record "
        "WHERE action LIKE 'export.%' ORDER BY 1 DESC LIMIT :limit"
    ), {"limit": limit}).all()
    return [
        {"id": int(r[0]), "at": str(r[1]), "actor": str(r[2]), "action": str(r[3]),
         "details": _json(r[4]) or {}}
        for r in rows
    ]
