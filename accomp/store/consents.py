"""Queries of consents and mandates. Functions take the caller's session and return
table rows, or the domain's own records (accomp.domain.consent) ready for `decide`;
services own the transaction and the rules.

Instants are aware UTC datetimes, to the second (SQLModel refuses naive ones).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import bindparam
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from accomp.domain import consent as rules
from accomp.store.repo import Columns, connection, run
from accomp.store.tables import Beneficiary, Consent, ConsentEvent, Mandate, MandateScope

# Identity columns of a file: while one holds a value, the file identifies someone.
IDENTITY_COLUMNS = ("first_name", "last_name", "phone", "email", "birth_year", "notes")
_GRANT_KINDS = (rules.EventKind.GIVEN, rules.EventKind.RENEWED)


def utc(at: dt.datetime) -> dt.datetime:
    """An instant as the store keeps it: aware UTC, whole seconds (a naive instant
    is taken as UTC)."""
    at = at.replace(tzinfo=dt.UTC) if at.tzinfo is None else at.astimezone(dt.UTC)
    return at.replace(microsecond=0)


# --- files ----------------------------------------------------------------------------


def file(session: Session, beneficiary_id: int) -> Beneficiary | None:
    return session.get(Beneficiary, beneficiary_id)


def holds_identity(row: Beneficiary) -> bool:
    return any(getattr(row, c) not in (None, "") for c in IDENTITY_COLUMNS)


def set_legal_basis(
    session: Session, row: Beneficiary, *, legal_basis: str | None, informed_on: dt.date | None,
    notice_version: str | None, notice_hash: str | None, at: dt.datetime,
) -> None:
    row.legal_basis = legal_basis
    row.informed_on = informed_on
    row.notice_version = notice_version
    row.notice_hash = notice_hash
    row.updated_at = utc(at)
    session.add(row)
    session.flush()


# --- consents -------------------------------------------------------------------------


def consent_row(session: Session, beneficiary_id: int, purpose: str) -> Consent | None:
    return session.exec(
        select(Consent).where(Consent.beneficiary_id == beneficiary_id, Consent.purpose == purpose)
    ).first()


def ensure_consent_row(session: Session, beneficiary_id: int, purpose: str) -> Consent:
    row = consent_row(session, beneficiary_id, purpose)
    if row is None:
        row = Consent(beneficiary_id=beneficiary_id, purpose=purpose)
        session.add(row)
        session.flush()
    return row


def add_event(
    session: Session, consent: Consent, *, kind: str, at: dt.datetime, recorded_by: str,
    method: str | None = None, notice_version: str | None = None,
    notice_hash: str | None = None, valid_until: dt.date | None = None,
) -> ConsentEvent:
    assert consent.id is not None
    event = ConsentEvent(
        consent_id=consent.id, kind=kind, method=method, notice_version=notice_version,
        notice_hash=notice_hash, recorded_by=recorded_by, at=utc(at),
        valid_until=valid_until,
    )
    session.add(event)
    session.flush()
    return event


def last_event_at(session: Session, consent_id: int) -> dt.datetime | None:
    return session.exec(
        select(ConsentEvent.at).where(ConsentEvent.consent_id == consent_id)
        .order_by(col(ConsentEvent.at).desc(), col(ConsentEvent.id).desc()).limit(1)
    ).first()


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """A consent event with what it is about."""

    row: ConsentEvent
    purpose: str
    beneficiary_id: int

    def as_rule(self) -> rules.ConsentEvent:
        grant = self.row.kind in _GRANT_KINDS
        return rules.ConsentEvent(
            purpose=rules.Purpose(self.purpose), kind=rules.EventKind(self.row.kind),
            at=self.row.at, valid_until=self.row.valid_until if grant else None,
        )


def events_of(session: Session, beneficiary_id: int) -> list[StoredEvent]:
    """Every consent event of a file, in recording order (instant, then id)."""
    rows = session.exec(
        select(ConsentEvent, Consent.purpose)
        .join(Consent, col(Consent.id) == col(ConsentEvent.consent_id))
        .where(Consent.beneficiary_id == beneficiary_id)
        .order_by(col(ConsentEvent.at), col(ConsentEvent.id))
    ).all()
    return [StoredEvent(e, p, beneficiary_id) for e, p in rows]


def event(session: Session, event_id: int) -> StoredEvent | None:
    found = session.exec(
        select(ConsentEvent, Consent.purpose, Consent.beneficiary_id)
        .join(Consent, col(Consent.id) == col(ConsentEvent.consent_id))
        .where(ConsentEvent.id == event_id)
    ).first()
    if found is None:
        return None
    e, purpose, beneficiary_id = found
    return StoredEvent(e, purpose, int(beneficiary_id))


def all_events(session: Session) -> list[StoredEvent]:
    rows = session.exec(
        select(ConsentEvent, Consent.purpose, Consent.beneficiary_id)
        .join(Consent, col(Consent.id) == col(ConsentEvent.consent_id))
        .order_by(col(ConsentEvent.id))
    ).all()
    return [StoredEvent(e, p, int(b)) for e, p, b in rows]


def events_of_open_files(session: Session) -> list[tuple[int, str, StoredEvent]]:
    """(beneficiary id, code, event) for every file not anonymised, in recording
    order: the input of the "to renew" list."""
    rows = session.exec(
        select(ConsentEvent, Consent.purpose, Beneficiary.id, Beneficiary.code)
        .join(Consent, col(Consent.id) == col(ConsentEvent.consent_id))
        .join(Beneficiary, col(Beneficiary.id) == col(Consent.beneficiary_id))
        .where(col(Beneficiary.anonymised_at).is_(None))
        .order_by(col(Beneficiary.id), col(ConsentEvent.at), col(ConsentEvent.id))
    ).all()
    return [(int(b), code, StoredEvent(e, p, int(b))) for e, p, b, code in rows if b is not None]


# --- mandates -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoredMandate:
    row: Mandate
    scopes: tuple[MandateScope, ...]

    def as_rule(self) -> rules.Mandate:
        return rules.Mandate(
            starts_on=self.row.starts_on, duration=rules.MandateDuration(self.row.duration),
            scopes=tuple(
                rules.MandateScope(rules.Scope(s.scope), s.revoked_at) for s in self.scopes
            ),
            revoked_at=self.row.revoked_at,
        )


def _scopes(session: Session, mandate_ids: Sequence[int]) -> dict[int, list[MandateScope]]:
    out: dict[int, list[MandateScope]] = {i: [] for i in mandate_ids}
    if not mandate_ids:
        return out
    for s in session.exec(
        select(MandateScope).where(col(MandateScope.mandate_id).in_(mandate_ids))
    ).all():
        out[s.mandate_id].append(s)
    return out


def _in_scope_order(scopes: list[MandateScope]) -> tuple[MandateScope, ...]:
    order = {s.value: i for i, s in enumerate(rules.Scope)}
    return tuple(sorted(scopes, key=lambda s: order.get(s.scope, len(order))))


def mandates_of(session: Session, beneficiary_id: int) -> list[StoredMandate]:
    """A file's mandates, oldest first, each with its scopes in the vocabulary's order."""
    rows = session.exec(
        select(Mandate).where(Mandate.beneficiary_id == beneficiary_id)
        .order_by(col(Mandate.starts_on), col(Mandate.id))
    ).all()
    scopes = _scopes(session, [m.id for m in rows if m.id is not None])
    return [StoredMandate(m, _in_scope_order(scopes[m.id or 0])) for m in rows]


def mandate(session: Session, mandate_id: int) -> StoredMandate | None:
    row = session.get(Mandate, mandate_id)
    if row is None:
        return None
    return StoredMandate(row, _in_scope_order(_scopes(session, [mandate_id])[mandate_id]))


def all_mandates(session: Session) -> list[StoredMandate]:
    rows = session.exec(select(Mandate).order_by(col(Mandate.id))).all()
    scopes = _scopes(session, [m.id for m in rows if m.id is not None])
    return [StoredMandate(m, _in_scope_order(scopes[m.id or 0])) for m in rows]


def add_mandate(
    session: Session, beneficiary_id: int, *, starts_on: dt.date, ends_on: dt.date,
    duration: str, scopes: Sequence[str], at: dt.datetime, renewed_from: int | None = None,
) -> StoredMandate:
    row = Mandate(beneficiary_id=beneficiary_id, starts_on=starts_on, ends_on=ends_on,
                  duration=duration, created_at=utc(at), renewed_from=renewed_from)
    session.add(row)
    session.flush()
    assert row.id is not None
    for scope in scopes:
        session.add(MandateScope(mandate_id=row.id, scope=scope))
    session.flush()
    found = mandate(session, row.id)
    assert found is not None
    return found


def revoke_mandate(session: Session, row: Mandate, at: dt.datetime) -> None:
    row.revoked_at = utc(at)
    session.add(row)
    session.flush()


def revoke_scope(session: Session, scope: MandateScope, at: dt.datetime) -> None:
    scope.revoked_at = utc(at)
    session.add(scope)
    session.flush()


def renewals_of(session: Session, mandate_ids: Sequence[int]) -> set[int]:
    """Those of `mandate_ids` that a later mandate renewed."""
    if not mandate_ids:
        return set()
    rows = session.exec(
        select(Mandate.renewed_from).where(col(Mandate.renewed_from).in_(mandate_ids))
    ).all()
    return {int(r) for r in rows if r is not None}


# --- people of a session ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FileFacts:
    """What saving a session needs of one of its people's files: the consent rules'
    input, the pseudonymous code for the journal, and the statistical attributes
    that count the person anonymously instead."""

    id: int
    code: str
    legal_basis: str | None
    informed_on: dt.date | None
    holds_identity: bool
    gender: str
    age_band: str
    social_status: str


_FACTS = Columns(Beneficiary, ["id", "code", "legal_basis", "informed_on", "gender",
                               "age_band", "social_status", *IDENTITY_COLUMNS])
_SELECT_FACTS = f"SELECT {_FACTS.names} FROM beneficiary WHERE id IN "
# Rarely read (files kept on consent, notes, sharing, mandates): a Core select, built
# once for one id (which hits the compiled cache) and for a list.
_EVENT_COLUMNS = (
    core_select(col(Consent.beneficiary_id), col(Consent.purpose), col(ConsentEvent.kind),
                col(ConsentEvent.at), col(ConsentEvent.valid_until))
    .join(Consent, col(Consent.id) == col(ConsentEvent.consent_id))
    .order_by(col(ConsentEvent.at), col(ConsentEvent.id))
)
_EVENTS = (
    _EVENT_COLUMNS.where(col(Consent.beneficiary_id) == bindparam("one")),
    _EVENT_COLUMNS.where(col(Consent.beneficiary_id).in_(bindparam("many", expanding=True))),
)


def file_facts(session: Session, ids: Sequence[int]) -> dict[int, FileFacts]:
    """The files of `ids` that exist, by id, in one query on the hot path of logging
    a session (see repo.run: no ORM object, no SQLAlchemy statement)."""
    if not ids:
        return {}
    rows = run(session, f"{_SELECT_FACTS}({', '.join('?' * len(ids))})", list(ids), fetch=True)
    out: dict[int, FileFacts] = {}
    for raw in rows:
        r = _FACTS.load(session, raw)
        out[int(r[0])] = FileFacts(
            id=int(r[0]), code=r[1], legal_basis=r[2], informed_on=r[3], gender=r[4],
            age_band=r[5], social_status=r[6],
            holds_identity=any(v not in (None, "") for v in r[7:]),
        )
    return out


def rule_events_of(session: Session, ids: Sequence[int]) -> dict[int, list[rules.ConsentEvent]]:
    """The consent events of the files of `ids`, as the rules take them, each file's
    in recording order (instant, then id); a file without any maps to []."""
    out: dict[int, list[rules.ConsentEvent]] = {i: [] for i in ids}
    if not ids:
        return out
    one, many = _EVENTS
    stmt, params = (one, {"one": ids[0]}) if len(ids) == 1 else (many, {"many": list(ids)})
    rows = connection(session).execute(stmt, params).all()
    for bid, purpose, kind, at, valid_until in rows:
        out[int(bid)].append(rules.ConsentEvent(
            purpose=rules.Purpose(purpose), kind=rules.EventKind(kind), at=at,
            valid_until=valid_until if kind in _GRANT_KINDS else None,
        ))
    return out
