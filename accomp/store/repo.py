"""Queries. Functions take the caller's session and return table rows or plain
values; services own the transaction, the store owns the SQL."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping, Sequence
from typing import Any, cast

from sqlalchemy import (
    Column,
    Connection,
    Dialect,
    Table,
    and_,
    case,
    delete,
    false,
    func,
    literal,
    or_,
    text,
    tuple_,
)
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, col, select

from accomp.domain.models import ActivityFilter, ActivityRow, ActivityRowValues
from accomp.domain.vocab import vocabulary
from accomp.store import custom_fields, tags
from accomp.store.tables import Activity, ActivityParticipant, Beneficiary

_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_beneficiary_code(session: Session) -> str:
    while True:
        code = "B-" + "".join(secrets.choice(_CODE_ALPHABET) for _ in range(4))
        if session.exec(select(Beneficiary.id).where(Beneficiary.code == code)).first() is None:
            return code


def get_beneficiary(session: Session, beneficiary_id: int) -> Beneficiary | None:
    return session.get(Beneficiary, beneficiary_id)


def codes_of(session: Session, ids: Sequence[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.exec(
        select(Beneficiary.id, Beneficiary.code).where(col(Beneficiary.id).in_(ids))
    ).all()
    return {int(i): c for i, c in rows if i is not None}


def search_beneficiaries(
    session: Session, folded_terms: list[str], code_prefix: str | None, limit: int
) -> Sequence[Beneficiary]:
    """Files whose search key contains every term, or whose code starts with the
    prefix; most recently seen first."""
    conditions: list[Any] = [
        col(Beneficiary.search_key).like(f"%{_escape(t)}%", escape="\\") for t in folded_terms
    ]
    if code_prefix:
        conditions = [
            or_(col(Beneficiary.code).like(f"{_escape(code_prefix)}%", escape="\\"),
                and_(*conditions) if conditions else false())
        ]
    stmt = select(Beneficiary).where(*conditions)
    stmt = stmt.order_by(col(Beneficiary.last_contact).desc(), col(Beneficiary.id).desc())
    return session.exec(stmt.limit(limit)).all()


def _escape(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def connection(session: Session) -> Connection:
    """The session's connection, for statements that build no ORM object: the
    session's pending changes are flushed first, as a query through the session
    would have done."""
    session.flush()
    return session.connection()


# --- the hot path: logging a session ------------------------------------------------
#
# Logging a session is the write a worker waits on many times a day. Its statements
# run on the driver's cursor of the session's connection (inside its transaction):
# SQLAlchemy's own work per statement (cache lookup, execution context, result
# object) costs more than SQLite's. What SQLAlchemy would still do is kept: values
# go through the columns' own types for the connection's dialect (so rows are
# stored exactly as the ORM stores them), and a driver error is raised as SQLAlchemy
# raises it on this engine (wrapped, parameters hidden, when it is an error of the
# dialect's DBAPI; as is otherwise).


class Columns:
    """Columns of a table that a hot-path statement binds or reads, with their
    types' processors for the connection's dialect (the same that SQLAlchemy
    applies), looked up once."""

    def __init__(self, model: Any, names: Sequence[str]) -> None:
        table = cast(Table, model.metadata.tables[model.__tablename__])
        self.columns: tuple[Column[Any], ...] = tuple(table.c[n] for n in names)
        self.names = ", ".join(names)
        self.placeholders = ", ".join("?" * len(names))
        self._cache: tuple[Dialect, list[Any], list[Any]] | None = None

    def _processors(self, session: Session) -> tuple[list[Any], list[Any]]:
        dialect = session.connection().dialect
        cache = self._cache
        if cache is None or cache[0] is not dialect:
            impls = [c.type.dialect_impl(dialect) for c in self.columns]
            cache = (dialect, [t.bind_processor(dialect) for t in impls],
                     [t.result_processor(dialect, None) for t in impls])
            self._cache = cache  # one assignment: safe if two threads race here
        return cache[1], cache[2]

    def bind(self, session: Session, values: Sequence[Any]) -> tuple[Any, ...]:
        """`values` (in the columns' order) as the driver takes them."""
        processors = self._processors(session)[0]
        return tuple(v if p is None else p(v) for p, v in zip(processors, values, strict=True))

    def load(self, session: Session, row: Sequence[Any]) -> tuple[Any, ...]:
        """A driver's row of these columns as SQLAlchemy would have returned it."""
        processors = self._processors(session)[1]
        return tuple(v if p is None else p(v) for p, v in zip(processors, row, strict=True))


def run(
    session: Session, sql: str, params: Sequence[Any] = (), *, many: bool = False,
    fetch: bool = False,
) -> Any:
    """Run `sql` on the driver's cursor of the session's connection: its rows with
    `fetch`, else the cursor (for its lastrowid)."""
    conn = connection(session)
    dbapi_conn = conn.connection.driver_connection
    assert dbapi_conn is not None
    cursor = dbapi_conn.cursor()
    try:
        if many:
            cursor.executemany(sql, params)
        else:
            cursor.execute(sql, params)
        if fetch:
            return cursor.fetchall()
    except conn.dialect.loaded_dbapi.Error as exc:
        raise DBAPIError.instance(
            sql, params, exc, conn.dialect.loaded_dbapi.Error, hide_parameters=True,
            dialect=conn.dialect,
        ) from None
    return cursor


_ACTIVITY = Columns(Activity, [
    c.name for c in Activity.metadata.tables["activity"].columns if c.name != "id"
])
_INSERT_ACTIVITY = f"INSERT INTO activity ({_ACTIVITY.names}) VALUES ({_ACTIVITY.placeholders})"
_LAST_CONTACT = Columns(Beneficiary, ["last_contact"])
_NOTE_CONTACT = (
    "UPDATE beneficiary SET last_contact = ?1 "
    "WHERE id = ?2 AND (last_contact IS NULL OR last_contact < ?1)"
)


def insert_activity(session: Session, values: Mapping[str, Any]) -> int:
    """Insert one session row (`values`: every column but the id); its new id."""
    params = _ACTIVITY.bind(session, [values[c.name] for c in _ACTIVITY.columns])
    return int(run(session, _INSERT_ACTIVITY, params).lastrowid)


def add_participants(session: Session, activity_id: int, ids: Sequence[int]) -> None:
    """Add tracked participants to a workshop that has none yet (a new one)."""
    if ids:
        run(session, "INSERT INTO activity_participant (activity_id, beneficiary_id) "
            "VALUES (?, ?)", [(activity_id, bid) for bid in ids], many=True)


def note_contact(session: Session, beneficiary_ids: Sequence[int], day: dt.date) -> None:
    """A session of `day` was just added for these files: move their last contact
    forward to it. The stored value is already the latest of their other sessions,
    so nothing has to be recomputed (an edit or a deletion recomputes:
    refresh_last_contact)."""
    if beneficiary_ids:
        (stored_day,) = _LAST_CONTACT.bind(session, [day])
        run(session, _NOTE_CONTACT, [(stored_day, bid) for bid in set(beneficiary_ids)],
            many=True)


def refresh_last_contact(session: Session, beneficiary_ids: Sequence[int]) -> None:
    """Recompute the files' last contact from all their sessions (after a session
    was edited or deleted)."""
    for bid in set(beneficiary_ids):
        session.exec(  # type: ignore[call-overload]
            text(
                "UPDATE beneficiary SET last_contact = ("
                " SELECT max(d) FROM ("
                "  SELECT a.date AS d FROM activity a WHERE a.beneficiary_id = :id"
                "  UNION ALL SELECT a.date FROM activity a"
                "  JOIN activity_participant p ON p.activity_id = a.id"
                "  WHERE p.beneficiary_id = :id)) WHERE id = :id"
            ),
            params={"id": bid},
        )


def participant_ids(session: Session, activity_id: int) -> list[int]:
    rows = session.exec(
        select(ActivityParticipant.beneficiary_id)
        .where(ActivityParticipant.activity_id == activity_id)
        .order_by(col(ActivityParticipant.beneficiary_id))
    ).all()
    return [int(r) for r in rows]


def set_participants(session: Session, activity_id: int, ids: Sequence[int]) -> None:
    """Replace a workshop's tracked participants."""
    connection(session).execute(
        delete(ActivityParticipant).where(col(ActivityParticipant.activity_id) == activity_id)
    )
    add_participants(session, activity_id, ids)


def _filtered(stmt: Any, f: ActivityFilter) -> Any:
    if f.date_from is not None:
        stmt = stmt.where(col(Activity.date) >= f.date_from)
    if f.date_to is not None:
        stmt = stmt.where(col(Activity.date) <= f.date_to)
    if f.kind is not None:
        stmt = stmt.where(Activity.kind == f.kind)
    if f.place_type is not None:
        stmt = stmt.where(Activity.place_type == f.place_type)
    if f.autonomy is not None:
        stmt = stmt.where(Activity.autonomy == f.autonomy)
    if f.theme is not None:
        stmt = stmt.where(
            text("EXISTS (SELECT 1 FROM json_each(activity.themes) WHERE value = :theme)")
        ).params(theme=f.theme)
    if f.tag is not None:
        stmt = stmt.where(tags.in_tag_clause(f.tag))
    if f.custom_field is not None and f.custom_value is not None:
        stmt = stmt.where(custom_fields.has_value_clause(f.custom_field, f.custom_value))
    if f.beneficiary_id is not None:
        in_workshop = select(ActivityParticipant.activity_id).where(
            ActivityParticipant.beneficiary_id == f.beneficiary_id
        )
        stmt = stmt.where(
            or_(col(Activity.beneficiary_id) == f.beneficiary_id,
                col(Activity.id).in_(in_workshop))
        )
    return stmt


JOURNAL_ORDERS = ("date", "kind", "beneficiary", "duration", "place", "autonomy")


def _rank(column: Any, list_name: str) -> Any:
    """A reference-list key as its position in the list (-1 for none): the lists are
    ordered (autonomy grows), their keys' alphabetical order means nothing."""
    ranks = {t.key: i for i, t in enumerate(vocabulary().terms(list_name))}
    return case(ranks, value=column, else_=literal(-1))


def _order_key(order: str) -> Any:
    if order == "date":
        return col(Activity.date)
    if order == "kind":
        return col(Activity.kind)
    if order == "beneficiary":
        return func.coalesce(col(Beneficiary.code), "")
    if order == "duration":
        return col(Activity.duration_min)
    if order == "place":
        return _rank(col(Activity.place_type), "place_types")
    if order == "autonomy":
        return _rank(col(Activity.autonomy), "autonomy")
    raise ValueError(f"unknown journal order {order!r}")


def list_activity_values(
    session: Session, f: ActivityFilter, limit: int, after: tuple[dt.date, int] | None,
    order: str = "date", ascending: bool = False, offset: int = 0,
) -> list[ActivityRowValues]:
    """Newest first, keyset-paginated on (date, id): page N costs the same as page 1.
    Another order (see JOURNAL_ORDERS) is paginated by `offset`; ties are broken by
    date, then id, newest first, so pages never overlap.

    Each row as a plain tuple (ActivityRowValues). Read with Core, one row at a time:
    the driver's row and the decoded list of themes are freed as soon as the tuple is
    built. A page leaves only plain tuples, which the garbage collector stops tracking
    (see ActivityRowValues) rather than letting them pile up in its oldest generation,
    where they would bring on full collections."""
    stmt = select(  # type: ignore[call-overload]
        Activity.id, Activity.kind, Activity.date, Activity.duration_min, Activity.place_type,
        Activity.themes, Activity.autonomy, Beneficiary.code, Activity.participants,
        Activity.workshop_title,
    ).join(Beneficiary, col(Activity.beneficiary_id) == col(Beneficiary.id), isouter=True)
    stmt = _filtered(stmt, f)
    key = _order_key(order)
    if order == "date" and not ascending:
        if after is not None:
            stmt = stmt.where(tuple_(col(Activity.date), col(Activity.id)) < tuple_(*after))
        stmt = stmt.order_by(col(Activity.date).desc(), col(Activity.id).desc())
    else:
        if after is not None:
            raise ValueError("`after` pages only the newest-first order; use `offset`")
        stmt = stmt.order_by(key.asc() if ascending else key.desc(),
                             col(Activity.date).desc(), col(Activity.id).desc())
    stmt = stmt.offset(offset).limit(limit)
    return [
        (r[0], r[1], r[2], r[3], r[4], tuple(r[5]), r[6], r[7], r[8], r[9])
        for r in session.connection().execute(stmt)
    ]


def list_activity_rows(
    session: Session, f: ActivityFilter, limit: int, after: tuple[dt.date, int] | None,
    order: str = "date", ascending: bool = False, offset: int = 0,
) -> list[ActivityRow]:
    """list_activity_values, each row as an ActivityRow."""
    return [
        ActivityRow.from_values(v)
        for v in list_activity_values(session, f, limit, after, order, ascending, offset)
    ]


def count_activities(session: Session, f: ActivityFilter) -> int:
    stmt = _filtered(select(func.count()).select_from(Activity), f)
    return int(session.exec(stmt).one())
