"""Queries about beneficiary files that repo.py does not hold: the filtered list of
the Bénéficiaires page and the pre-selection of possible duplicates.

Both read the `search_key` column (folded names, phone digits, lowercased e-mail,
separated by spaces, see accomp.domain.text.search_key), so that the database does
the narrowing and Python only looks at a few rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, case, false, func, literal, or_
from sqlmodel import Session, col, select

from accomp.store.tables import Beneficiary

_IDENTITY_COLUMNS = ("first_name", "last_name", "phone", "email", "birth_year")


@dataclass(frozen=True, slots=True)
class PersonLine:
    """What a list or a duplicate check needs of a file: never its notes."""

    id: int
    code: str
    first_name: str | None
    last_name: str | None
    phone: str | None
    email: str | None
    birth_year: int | None
    gender: str
    age_band: str
    social_status: str
    commune_name: str | None
    commune_postal_code: str | None
    legal_basis: str | None
    last_contact: dt.date | None
    anonymised: bool


_COLUMNS = (
    Beneficiary.id, Beneficiary.code, Beneficiary.first_name, Beneficiary.last_name,
    Beneficiary.phone, Beneficiary.email, Beneficiary.birth_year, Beneficiary.gender,
    Beneficiary.age_band, Beneficiary.social_status, Beneficiary.commune_name,
    Beneficiary.commune_postal_code, Beneficiary.legal_basis, Beneficiary.last_contact,
    Beneficiary.anonymised_at,
)


def _line(r: Any) -> PersonLine:
    return PersonLine(
        id=int(r[0]), code=r[1], first_name=r[2], last_name=r[3], phone=r[4], email=r[5],
        birth_year=r[6], gender=r[7], age_band=r[8], social_status=r[9], commune_name=r[10],
        commune_postal_code=r[11], legal_basis=r[12], last_contact=r[13],
        anonymised=r[14] is not None,
    )


def escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _has_identity() -> ColumnElement[bool]:
    return or_(*(col(getattr(Beneficiary, name)).is_not(None) for name in _IDENTITY_COLUMNS))


def _list_conditions(
    folded_terms: Sequence[str], code_prefix: str | None, *, age_band: str | None,
    gender: str | None, social_status: str | None, has_identity: bool | None,
    anonymised: bool | None,
) -> list[Any]:
    terms: list[Any] = [
        col(Beneficiary.search_key).like(f"%{escape_like(t)}%", escape="\\")
        for t in folded_terms
    ]
    conditions: list[Any] = terms
    if code_prefix:
        by_code = col(Beneficiary.code).like(f"{escape_like(code_prefix)}%", escape="\\")
        conditions = [or_(by_code, and_(*terms) if terms else false())]
    for column, value in ((Beneficiary.age_band, age_band), (Beneficiary.gender, gender),
                          (Beneficiary.social_status, social_status)):
        if value is not None:
            conditions.append(col(column) == value)
    if has_identity is not None:
        conditions.append(_has_identity() if has_identity else ~_has_identity())
    if anonymised is not None:
        anon = col(Beneficiary.anonymised_at)
        conditions.append(anon.is_not(None) if anonymised else anon.is_(None))
    return conditions


def list_people(
    session: Session, folded_terms: Sequence[str], code_prefix: str | None, *,
    age_band: str | None = None, gender: str | None = None,
    social_status: str | None = None, has_identity: bool | None = None,
    anonymised: bool | None = None, limit: int = 500, offset: int = 0,
) -> tuple[list[PersonLine], int]:
    """Files whose search key contains every term (or whose code starts with the
    prefix) and that pass the filters, most recently seen first, at most `limit`
    from the `offset`-th; with how many files match in all."""
    conditions = _list_conditions(
        folded_terms, code_prefix, age_band=age_band, gender=gender,
        social_status=social_status, has_identity=has_identity, anonymised=anonymised,
    )
    stmt = select(*_COLUMNS).where(*conditions)  # type: ignore[call-overload]
    stmt = stmt.order_by(
        col(Beneficiary.last_contact).desc().nulls_last(), col(Beneficiary.id).desc()
    ).limit(limit).offset(max(offset, 0))
    rows = [_line(r) for r in session.exec(stmt).all()]
    count = session.exec(
        select(func.count()).select_from(Beneficiary).where(*conditions)
    ).one()
    return rows, int(count)


def duplicate_candidates(
    session: Session, token_patterns: Sequence[Sequence[str]], min_tokens: int,
    exact_keys: Sequence[str], *, exclude_id: int | None = None, limit: int = 300,
) -> list[PersonLine]:
    """Files that are not anonymised and whose search key either holds one of
    `exact_keys` as a whole word (phone digits, e-mail), or matches at least
    `min_tokens` of the typed name tokens. Each token is given as LIKE patterns
    tried against " " + search_key + " " (e.g. "% dup%" for a word starting with
    "dup", "%ont %" for a word ending with "ont"). Best matched first, at most
    `limit`."""
    padded = literal(" ") + col(Beneficiary.search_key) + literal(" ")
    token_hits = [
        case((or_(*(padded.like(p, escape="\\") for p in patterns)), 1), else_=0)
        for patterns in token_patterns if patterns
    ]
    exact = [padded.like(f"% {escape_like(k)} %", escape="\\") for k in exact_keys if k]
    score: Any = sum(token_hits[1:], token_hits[0]) if token_hits else literal(0)
    matched = [*exact]
    if token_hits and min_tokens > 0:
        matched.append(score >= min_tokens)
    if not matched:
        return []
    stmt = select(*_COLUMNS).where(  # type: ignore[call-overload]
        col(Beneficiary.anonymised_at).is_(None), or_(*matched)
    )
    if exclude_id is not None:
        stmt = stmt.where(col(Beneficiary.id) != exclude_id)
    exact_hit: Any = case((or_(*exact), 1), else_=0) if exact else literal(0)
    stmt = stmt.order_by(
        exact_hit.desc(), score.desc(), col(Beneficiary.last_contact).desc().nulls_last()
    )
    return [_line(r) for r in session.exec(stmt.limit(limit)).all()]
