"""Queries of the privacy lifecycle: anonymisation (erasure, retention), notes purge,
rectifications, the purge register and the facts of the processing register. A
person's whole record is in store.access_record, the journal's pruning in
store.journal, the vault's key and backups in store.vault_keys.

Functions take the caller's session and return table rows or plain values (dicts
and lists ready for JSON); services own the transaction and the rules.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, or_, update
from sqlmodel import Session, col, select

from accomp.store import appointments, custom_fields, drafts, merges, settings, skills
from accomp.store.consents import utc
from accomp.store.tables import (
    Activity,
    AuditEvent,
    Beneficiary,
    Consent,
    ConsentEvent,
    Mandate,
    PurgeRecord,
    Rectification,
)

# Columns that make a file "identified"; all of them go at anonymisation. The legal
# basis and information date go too: an anonymous file needs none.
IDENTITY_COLUMNS = (
    "first_name", "last_name", "phone", "email", "birth_year", "notes",
    "legal_basis", "informed_on", "notice_version", "notice_hash",
)
NO_FILE = "sans-dossier"  # the notes of sessions linked to no file (anonymous, workshops)


# --- settings ---------------------------------------------------------------------


def get_int_setting(session: Session, key: str) -> int | None:
    value = settings.get(session, key)
    try:
        return None if value is None else int(value)
    except ValueError:
        return None


def put_int_setting(session: Session, key: str, value: int) -> None:
    settings.put(session, key, str(int(value)))


# --- rectification ------------------------------------------------------------------


def add_rectification(
    session: Session, beneficiary_id: int, actor: str, previous: dict[str, Any],
    at: dt.datetime,
) -> None:
    session.add(Rectification(beneficiary_id=beneficiary_id, actor=actor,
                              previous=_jsonable(previous), at=utc(at)))
    session.flush()


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = json.loads(json.dumps(values, default=str))
    return out


# --- anonymisation and notes ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Anonymised:
    """What an anonymisation destroyed (names of fields and counts only)."""

    fields: list[str]
    activity_notes: int
    mandates: int
    rectifications: int


def find_file(session: Session, code: str) -> Beneficiary | None:
    target = merges.alias_target(session, code)  # a merged file's code: the file it went to
    if target is not None:
        return session.get(Beneficiary, target)
    return session.exec(select(Beneficiary).where(Beneficiary.code == code)).first()


def find_file_id(session: Session, code: str) -> int | None:
    row = find_file(session, code)
    return None if row is None else row.id


def identified_files(session: Session) -> list[tuple[int, str, dt.date]]:
    """Files that still hold identifying data: (id, code, start of the retention
    clock = last contact, or the creation day for a file never seen)."""
    has_identity = or_(
        *(col(getattr(Beneficiary, c)).is_not(None) for c in IDENTITY_COLUMNS),
        col(Beneficiary.id).in_(select(Mandate.beneficiary_id)),
        col(Beneficiary.id).in_(select(Rectification.beneficiary_id)),
    )
    rows = session.exec(
        select(col(Beneficiary.id), Beneficiary.code, col(Beneficiary.last_contact),
               Beneficiary.created_at)
        .where(col(Beneficiary.anonymised_at).is_(None), has_identity)
        .order_by(col(Beneficiary.id))
    ).all()
    return [(int(i), c, last or created.date()) for i, c, last, created in rows if i is not None]


def anonymise_file(session: Session, row: Beneficiary, at: dt.datetime) -> Anonymised:
    """Destroy identity, contact, notes, legal basis, mandates (with their scopes)
    and rectification history of a file, its unsaved drafts, its skills passport
    (competence observations), its appointments (whatever their status), the values
    of the structure's custom fields, and the notes and procedure details of its own
    individual sessions. Kept: the code, statistical attributes (gender, age band,
    status, commune), sessions and workshop participation (counts), and the consent
    history (append-only proof of lawfulness, no personal data; the journal keeps the
    mandates' creation events for its own period)."""
    assert row.id is not None
    fields = [c for c in IDENTITY_COLUMNS if getattr(row, c) is not None]
    for c in IDENTITY_COLUMNS:
        setattr(row, c, None)
    row.search_key = ""
    row.anonymised_at = row.updated_at = utc(at)
    session.add(row)
    session.flush()
    notes = session.exec(
        update(Activity)
        .where(col(Activity.beneficiary_id) == row.id,
               or_(col(Activity.notes).is_not(None), col(Activity.procedure_details).is_not(None)))
        .values(notes=None, procedure_details=None)
    ).rowcount
    mandates = session.exec(delete(Mandate).where(col(Mandate.beneficiary_id) == row.id)).rowcount
    rectifications = session.exec(
        delete(Rectification).where(col(Rectification.beneficiary_id) == row.id)
    ).rowcount
    drafts.remove_for(session, row.id)  # unsaved forms about the person go too
    merges.forget_undo_for(session, row.id)  # and what undoing a merge would put back
    skills.forget_person(session, row.id)  # the skills passport is about the person
    # An appointment ties a time and a place to the person: it goes, not just hidden
    # (its counts leave the statistics of its period with it).
    appointments.forget_person(session, row.id)
    custom_fields.forget_person(session, row.id)  # the structure's fields, about the person
    session.expire_all()
    return Anonymised(fields, int(notes), int(mandates), int(rectifications))


@dataclass(frozen=True, slots=True)
class NotesDue:
    ref: str  # a file's code, or NO_FILE
    beneficiary_id: int | None
    oldest: dt.date
    rows: int


def notes_due(session: Session, before: dt.date) -> list[NotesDue]:
    """Notes older than `before`: of sessions (by session date), grouped by the file
    of an individual session (NO_FILE otherwise), and of files (by last contact)."""
    found: dict[int | None, list[dt.date]] = {}
    for bid, day in session.exec(
        select(col(Activity.beneficiary_id), col(Activity.date))
        .where(col(Activity.notes).is_not(None), col(Activity.date) < before)
    ).all():
        found.setdefault(bid, []).append(day)
    for bid, last, created in session.exec(
        select(col(Beneficiary.id), col(Beneficiary.last_contact), Beneficiary.created_at)
        .where(col(Beneficiary.notes).is_not(None))
    ).all():
        start = last or created.date()
        if start < before:
            found.setdefault(bid, []).append(start)
    codes = dict(session.exec(
        select(Beneficiary.id, Beneficiary.code)
        .where(col(Beneficiary.id).in_([k for k in found if k is not None]))
    ).all())
    out = [
        NotesDue(codes[bid] if bid is not None else NO_FILE, bid, min(days), len(days))
        for bid, days in found.items()
    ]
    return sorted(out, key=lambda n: (n.oldest, n.ref))


def purge_notes(session: Session, beneficiary_id: int | None, before: dt.date) -> int:
    """Erase the notes `notes_due` lists for one file (or for NO_FILE)."""
    owner = (col(Activity.beneficiary_id).is_(None) if beneficiary_id is None
             else col(Activity.beneficiary_id) == beneficiary_id)
    ids = session.exec(
        select(Activity.id).where(owner, col(Activity.notes).is_not(None),
                                  col(Activity.date) < before)
    ).all()
    for activity_id in ids:
        row = session.get(Activity, activity_id)
        assert row is not None
        row.notes = None
        session.add(row)
    count = len(ids)
    if beneficiary_id is not None:
        b = session.get(Beneficiary, beneficiary_id)
        if b is not None and b.notes is not None and (
            (b.last_contact or b.created_at.date()) < before
        ):
            b.notes = None
            session.add(b)
            count += 1
            # old values of the notes kept by rectifications go with them
            for r in session.exec(
                select(Rectification).where(Rectification.beneficiary_id == beneficiary_id)
            ).all():
                if "notes" in r.previous:
                    rest = {k: v for k, v in r.previous.items() if k != "notes"}
                    if rest:
                        r.previous = rest
                        session.add(r)
                    else:
                        session.delete(r)
    session.flush()
    return count


# --- the purge register --------------------------------------------------------------


def add_purge_record(
    session: Session, *, data_class: str, ref: str, reason: str, rows: int,
    reference_date: dt.date | None, actor: str, at: dt.datetime,
) -> None:
    session.add(PurgeRecord(data_class=data_class, ref=ref, reason=reason, rows=rows,
                            reference_date=reference_date, actor=actor, at=utc(at)))
    session.flush()


def purge_records(session: Session) -> Sequence[PurgeRecord]:
    return session.exec(select(PurgeRecord).order_by(col(PurgeRecord.id))).all()


# --- facts for the processing register ------------------------------------------------


def register_facts(session: Session) -> dict[str, Any]:
    """Counts only: what the processing register states about this vault."""
    files = int(session.exec(select(func.count()).select_from(Beneficiary)).one())
    anonymised = int(session.exec(
        select(func.count()).select_from(Beneficiary)
        .where(col(Beneficiary.anonymised_at).is_not(None))
    ).one())
    identified = identified_files(session)
    ids = [i for i, _, _ in identified]
    bases: dict[str, int] = {}
    for basis, n in session.exec(
        select(Beneficiary.legal_basis, func.count())
        .where(col(Beneficiary.id).in_(ids)).group_by(col(Beneficiary.legal_basis))
    ).all():
        bases[basis or "Aucune"] = int(n)
    histories: dict[int, tuple[str, list[tuple[str, dt.datetime, dt.date | None]]]] = {}
    for consent, e in session.exec(
        select(Consent, ConsentEvent)
        .join(ConsentEvent, col(ConsentEvent.consent_id) == col(Consent.id))
        .where(col(Consent.beneficiary_id).in_(ids))
        .order_by(col(ConsentEvent.at), col(ConsentEvent.id))
    ).all():
        histories.setdefault(consent.id or 0, (consent.purpose, []))[1].append(
            (e.kind, e.at, e.valid_until)
        )
    activities = int(session.exec(select(func.count()).select_from(Activity)).one())
    first, last = session.exec(select(func.min(Activity.date), func.max(Activity.date))).one()
    with_notes = int(session.exec(
        select(func.count()).select_from(Activity).where(col(Activity.notes).is_not(None))
    ).one())
    mandates = int(session.exec(select(func.count()).select_from(Mandate)).one())
    events = int(session.exec(select(func.count()).select_from(AuditEvent)).one())
    purged = int(session.exec(select(func.count()).select_from(PurgeRecord)).one())
    return {
        "files": files, "identified_files": len(identified), "anonymised_files": anonymised,
        "legal_bases": bases, "consent_histories": list(histories.values()),
        "activities": activities, "first_activity": first, "last_activity": last,
        "activities_with_notes": with_notes, "mandates": mandates,
        "journal_events": events, "purge_records": purged,
    }
