"""Queries of handing over: a file's rows as a transfer part, a received part
written as a new file, the record of bundles, colleagues' keys, files passed on.
Functions take the caller's session; services own the transaction and the rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from accomp.domain import transfer as fmt
from accomp.domain.errors import KnownError
from accomp.domain.text import search_key
from accomp.domain.transfer_parts import Part
from accomp.store import consents, repo
from accomp.store.handover_tables import TransferContact, TransferMark, TransferRecord
from accomp.store.tables import Activity, Beneficiary, ConsentEvent

_IDENTITY = ("first_name", "last_name", "phone", "email", "birth_year")
_STATS = ("commune_name", "commune_postal_code", "commune_insee", "gender", "age_band",
          "social_status")
_BASIS = ("legal_basis", "informed_on", "notice_version", "notice_hash")
_SESSION = ("date", "duration_min", "place_type", "commune_name", "commune_postal_code",
            "commune_insee", "themes", "admin_themes", "equipment", "autonomy", "referred",
            "referral_target", "referral_shares_data", "under_mandate_scope", "completion")
_SESSION_TEXT = ("procedure_details", "notes")


def file_part(session: Session, row: Beneficiary, parts: frozenset[Part]) -> fmt.FilePart:
    """What of the file `row` goes in a bundle, given the parts chosen (the service
    has already removed NOTES when the notes consent is not in force)."""
    assert row.id is not None
    values: dict[str, object] = {"code": row.code, "parts": tuple(sorted(parts))}
    values.update({k: getattr(row, k) for k in _STATS})
    if Part.IDENTITY in parts:
        values.update({k: getattr(row, k) for k in (*_IDENTITY, *_BASIS)})
    if Part.NOTES in parts:
        values["notes"] = row.notes
    if Part.CONSENTS in parts:
        values["consents"] = tuple(
            fmt.EventPart(purpose=e.purpose, kind=e.row.kind, method=e.row.method,
                          notice_version=e.row.notice_version, notice_hash=e.row.notice_hash,
                          recorded_by=e.row.recorded_by, at=consents.utc(e.row.at),
                          valid_until=e.row.valid_until)
            for e in consents.events_of(session, row.id))
        values["mandates"] = tuple(
            fmt.MandatePart(
                starts_on=m.row.starts_on, ends_on=m.row.ends_on, duration=m.row.duration,
                created_at=consents.utc(m.row.created_at),
                revoked_at=_utc_or_none(m.row.revoked_at),
                scopes=tuple(fmt.ScopePart(scope=s.scope, revoked_at=_utc_or_none(s.revoked_at))
                             for s in m.scopes))
            for m in consents.mandates_of(session, row.id))
    if Part.SESSIONS in parts:
        values["sessions"] = tuple(_session_part(a, Part.NOTES in parts)
                                   for a in own_sessions(session, row.id))
    return fmt.FilePart.model_validate(values)


def _utc_or_none(at: dt.datetime | None) -> dt.datetime | None:
    return None if at is None else consents.utc(at)


def own_sessions(session: Session, beneficiary_id: int) -> list[Activity]:
    """The person's individual sessions, oldest first (workshops are not theirs
    alone: they stay)."""
    return list(session.exec(
        select(Activity).where(Activity.beneficiary_id == beneficiary_id)
        .order_by(col(Activity.date), col(Activity.id))
    ).all())


def _session_part(a: Activity, with_notes: bool) -> fmt.SessionPart:
    values = {k: getattr(a, k) for k in _SESSION}
    if with_notes:
        values.update({k: getattr(a, k) for k in _SESSION_TEXT})
    return fmt.SessionPart.model_validate(values)


def insert_file(session: Session, part: fmt.FilePart, at: dt.datetime) -> Beneficiary:
    """Write a received file as a new file of this vault (a new code), with its
    consent history, mandates and sessions."""
    row = Beneficiary(code=repo.new_beneficiary_code(session), created_at=at, updated_at=at)
    for k in (*_IDENTITY, *_STATS, *_BASIS, "notes"):
        setattr(row, k, getattr(part, k))
    row.search_key = search_key(part.first_name, part.last_name, part.phone, part.email)
    session.add(row)
    session.flush()
    assert row.id is not None
    for event in part.consents:
        c = consents.ensure_consent_row(session, row.id, event.purpose)
        assert c.id is not None
        session.add(ConsentEvent(consent_id=c.id, kind=event.kind, method=event.method,
                                 notice_version=event.notice_version,
                                 notice_hash=event.notice_hash, recorded_by=event.recorded_by,
                                 at=event.at, valid_until=event.valid_until))
    for m in part.mandates:
        stored = consents.add_mandate(session, row.id, starts_on=m.starts_on, ends_on=m.ends_on,
                                      duration=m.duration, scopes=[s.scope for s in m.scopes],
                                      at=m.created_at)
        if m.revoked_at is not None:
            consents.revoke_mandate(session, stored.row, m.revoked_at)
        for s in stored.scopes:
            revoked = next(x.revoked_at for x in m.scopes if x.scope == s.scope)
            if revoked is not None:
                consents.revoke_scope(session, s, revoked)
    for sp in part.sessions:
        values = {k: getattr(sp, k) for k in (*_SESSION, *_SESSION_TEXT)}
        values.update(themes=list(sp.themes), admin_themes=list(sp.admin_themes),
                      equipment=list(sp.equipment))
        session.add(Activity(kind="Individuel", beneficiary_id=row.id, created_at=at,
                             updated_at=at, **values))
    session.flush()
    if part.sessions:
        repo.note_contact(session, [row.id], max(s.date for s in part.sessions))
    session.flush()
    return row


# --- records, contacts, marks ------------------------------------------------------------


def record_bundle(
    session: Session, *, bundle_id: str, direction: str, digest: str, peer: str,
    at: dt.datetime, codes: Sequence[str],
) -> None:
    """Record a bundle sent or received. Refuses transfer_replayed for a bundle
    already received."""
    session.add(TransferRecord(bundle_id=bundle_id, direction=direction, digest=digest,
                               peer=peer, at=consents.utc(at), codes=list(codes)))
    try:
        session.flush()
    except IntegrityError:
        raise KnownError("transfer_replayed") from None


def was_received(session: Session, bundle_id: str) -> bool:
    return session.exec(select(TransferRecord).where(
        TransferRecord.bundle_id == bundle_id, TransferRecord.direction == "received")
    ).first() is not None


def contact(session: Session, fingerprint: str) -> TransferContact | None:
    return session.get(TransferContact, fingerprint)


def contacts(session: Session) -> list[TransferContact]:
    return list(session.exec(select(TransferContact).order_by(col(TransferContact.name))).all())


def put_contact(session: Session, *, fingerprint: str, name: str, public_key: str,
                at: dt.datetime) -> None:
    row = session.get(TransferContact, fingerprint) or TransferContact(
        fingerprint=fingerprint, name=name, public_key=public_key, added_at=consents.utc(at))
    row.name = name
    session.add(row)
    session.flush()


def mark_transferred(session: Session, beneficiary_id: int, at: dt.datetime,
                     digest: str) -> None:
    row = session.get(TransferMark, beneficiary_id) or TransferMark(
        beneficiary_id=beneficiary_id, at=consents.utc(at), digest=digest)
    row.at, row.digest = consents.utc(at), digest
    session.add(row)
    session.flush()


def transferred_at(session: Session, beneficiary_id: int) -> dt.datetime | None:
    row = session.get(TransferMark, beneficiary_id)
    return None if row is None else row.at



def transferred_open_files(session: Session) -> list[tuple[str, dt.date]]:
    """(code, day marked) of files marked "transféré" that still identify someone:
    due for anonymisation at the next retention review."""
    rows = session.exec(
        select(Beneficiary.code, TransferMark.at)
        .join(TransferMark, col(TransferMark.beneficiary_id) == col(Beneficiary.id))
        .where(col(Beneficiary.anonymised_at).is_(None))
        .order_by(col(Beneficiary.code))
    ).all()
    return [(code, at.date()) for code, at in rows]
