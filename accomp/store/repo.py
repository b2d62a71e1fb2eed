"""Queries. Functions take the caller's session and return table rows or plain
values; services own the transaction, the store owns the SQL."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from typing import Any

from sqlalchemy import and_, case, false, func, literal, or_, text, tuple_
from sqlmodel import Session, col, select

from accomp.domain.models import ActivityFilter, ActivityRow
from accomp.domain.vocab import vocabulary
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


def refresh_last_contact(session: Session, beneficiary_ids: Sequence[int]) -> None:
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
    for row in session.exec(
        select(ActivityParticipant).where(ActivityParticipant.activity_id == activity_id)
    ).all():
        session.delete(row)
    session.flush()
    for bid in ids:
        session.add(ActivityParticipant(activity_id=activity_id, beneficiary_id=bid))


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


def list_activity_rows(
    session: Session, f: ActivityFilter, limit: int, after: tuple[dt.date, int] | None,
    order: str = "date", ascending: bool = False, offset: int = 0,
) -> list[ActivityRow]:
    """Newest first, keyset-paginated on (date, id): page N costs the same as page 1.
    Another order (see JOURNAL_ORDERS) is paginated by `offset`; ties are broken by
    date, then id, newest first, so pages never overlap."""
    stmt = select(  # type: ignore[call-overload]
        Activity.id, Activity.kind, Activity.date, Activity.duration_min, Activity.place_type,
        Activity.themes, Activity.autonomy, Beneficiary.code, Activity.participants,
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
        ActivityRow(
            id=r[0], kind=r[1], date=r[2], duration_min=r[3], place_type=r[4], themes=r[5],
            autonomy=r[6], beneficiary_code=r[7], participants=r[8],
        )
        for r in session.exec(stmt).all()
    ]


def count_activities(session: Session, f: ActivityFilter) -> int:
    stmt = _filtered(select(func.count()).select_from(Activity), f)
    return int(session.exec(stmt).one())
