"""Queries of the privacy lifecycle: a person's whole record (right of access),
anonymisation (erasure, retention), notes purge, journal pruning with a signed
checkpoint, the purge register and the facts of the processing register.

Functions take the caller's session and return table rows or plain values (dicts
and lists ready for JSON); services own the transaction and the rules.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, func, or_, text, update
from sqlmodel import Session, col, select

from accomp.domain.errors import KnownError
from accomp.paths import AppPaths
from accomp.store import (
    appointments,
    attempts,
    audit,
    audit_head,
    backup,
    custom_fields,
    drafts,
    merges,
    settings,
    skills,
    tags,
)
from accomp.store import engine as engines
from accomp.store.keys import KeyFile, key_hex
from accomp.store.tables import (
    Activity,
    ActivityParticipant,
    AuditCheckpoint,
    AuditEvent,
    Beneficiary,
    Consent,
    ConsentEvent,
    ExportRecord,
    Mandate,
    MandateScope,
    PurgeRecord,
    Rectification,
)
from accomp.store.vault import Vault

# Columns that make a file "identified"; all of them go at anonymisation. The legal
# basis and information date go too: an anonymous file needs none.
IDENTITY_COLUMNS = (
    "first_name", "last_name", "phone", "email", "birth_year", "notes",
    "legal_basis", "informed_on", "notice_version", "notice_hash",
)
NO_FILE = "sans-dossier"  # the notes of sessions linked to no file (anonymous, workshops)


def _utc(at: dt.datetime) -> dt.datetime:
    """Instants as the store takes them: aware UTC, whole seconds (a naive one is
    taken as UTC)."""
    at = at.replace(tzinfo=dt.UTC) if at.tzinfo is None else at.astimezone(dt.UTC)
    return at.replace(microsecond=0)


# --- keys and files ---------------------------------------------------------------


def _hex_key(vault: Vault) -> str:
    hex_key = vault._hex_key  # the store's own secret, read inside the store only
    if hex_key is None:
        raise KnownError("vault_locked")
    return hex_key


def signing_key(vault: Vault) -> bytes:
    """The key that signs journal checkpoints (derived from the database key)."""
    return audit.checkpoint_key(_hex_key(vault))


def write_verified_backup(vault: Vault, dest: Path) -> backup.BackupCheck:
    """A backup of the open vault at `dest`, verified before it takes that name."""
    return backup.write_verified_backup(vault.engine, _hex_key(vault), dest)


def restore_vault(paths: AppPaths, passphrase: str, source: Path,
                  key_file: Path) -> backup.BackupCheck:
    """Open `key_file` with the passphrase, then restore `source` over the vault and
    install the key file (when it came from beside the backup) with the restored
    journal's head recorded in it: the journal legitimately goes back to the backup.
    Refuses: wrong_passphrase, key_file_damaged, backup_unreadable, vault_too_new."""
    keys = KeyFile.read(key_file)
    hex_key = key_hex(attempts.guarded(paths.data_dir,
                                       lambda: keys.open_with_passphrase(passphrase)))
    check = backup.restore_file(paths, hex_key, source)
    conn = engines.connect(paths.db, hex_key, read_only=True)
    try:
        audit_head.with_head(keys, hex_key, conn, open=False).write(paths.key_file)
    finally:
        conn.close()
    return check


def key_file_opens(path: Path) -> bool:
    """Whether the key file at `path` is sound enough to be opened with a passphrase."""
    try:
        return not KeyFile.read(path).passphrase_problems()
    except KnownError:
        return False


def key_file_for_backup(vault: Vault) -> bytes:
    """vault.key as it goes beside a backup: the same wrapped key (passphrase and
    recovery code), with the head of the journal the backup holds."""
    hex_key = _hex_key(vault)
    raw = vault.engine.raw_connection()
    try:
        keys = audit_head.with_head(KeyFile.read(vault.paths.key_file), hex_key,
                                    raw.driver_connection, open=False)
    finally:
        raw.close()
    return json.dumps(keys.raw, indent=1).encode("utf-8")


def check_backup_file(paths: AppPaths, passphrase: str, source: Path,
                      key_file: Path) -> backup.BackupCheck:
    keys = KeyFile.read(key_file)
    key = attempts.guarded(paths.data_dir, lambda: keys.open_with_passphrase(passphrase))
    return backup.verify_file(source, key_hex(key))


def truncate_wal(engine: Engine) -> None:
    """Copy the write-ahead log into the database file and empty it, so that pages
    overwritten by secure_delete are the only copy left on disk."""
    raw = engine.raw_connection()
    try:
        raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()  # type: ignore[union-attr]
    finally:
        raw.close()


# --- settings ---------------------------------------------------------------------


def get_int_setting(session: Session, key: str) -> int | None:
    value = settings.get(session, key)
    try:
        return None if value is None else int(value)
    except ValueError:
        return None


def put_int_setting(session: Session, key: str, value: int) -> None:
    settings.put(session, key, str(int(value)))


# --- a person's record (right of access) ---------------------------------------------


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return _utc(value).replace(tzinfo=None).isoformat() + "Z"
    return value.isoformat()


def person_record(session: Session, beneficiary_id: int) -> dict[str, Any] | None:
    """Everything the vault keeps about one person, as JSON-ready data.

    Workshops they took part in appear without the other participants, the head
    counts or the workshop's notes (those are about the group, not about them);
    journal events appear without their details when they concern others too.
    """
    b = session.get(Beneficiary, beneficiary_id)
    if b is None:
        return None
    return {
        "file": {
            "code": b.code, "created_at": _iso(b.created_at), "updated_at": _iso(b.updated_at),
            "anonymised_at": _iso(b.anonymised_at), "last_contact": _iso(b.last_contact),
        },
        "identity": {
            "first_name": b.first_name, "last_name": b.last_name, "phone": b.phone,
            "email": b.email, "birth_year": b.birth_year, "notes": b.notes,
        },
        "statistics": {
            "gender": b.gender, "age_band": b.age_band, "social_status": b.social_status,
            "commune": {"name": b.commune_name, "postal_code": b.commune_postal_code,
                        "insee": b.commune_insee} if b.commune_name else None,
        },
        "legal_basis": {
            "basis": b.legal_basis, "informed_on": _iso(b.informed_on),
            "notice_version": b.notice_version, "notice_hash": b.notice_hash,
        },
        "consents": _consents(session, beneficiary_id) + [  # and those of merged files
            {**c, "merged_from": code}
            for shell, code in merges.absorbed_into(session, beneficiary_id)
            for c in _consents(session, shell)],
        "mandates": _mandates(session, beneficiary_id),
        "activities": _activities(session, beneficiary_id),
        "rectifications": [
            {"at": _iso(r.at), "actor": r.actor, "previous": r.previous}
            for r in session.exec(
                select(Rectification).where(Rectification.beneficiary_id == beneficiary_id)
                .order_by(col(Rectification.id))
            ).all()
        ],
        "journal": _journal_of(session, b.code),
        "tags": tags.beneficiary_tag_names(session, beneficiary_id),
        "custom_fields": custom_fields.named_values_of(session, beneficiary_id),
        "appointments": appointments.of_person(session, beneficiary_id),
        "skills_passport": [{"competence": c, "level": n, "observed_on": _iso(d)}
                            for c, n, d in skills.of_person(session, beneficiary_id)],
    }


def _consents(session: Session, beneficiary_id: int) -> list[dict[str, Any]]:
    out = []
    consents = session.exec(
        select(Consent).where(Consent.beneficiary_id == beneficiary_id).order_by(col(Consent.id))
    ).all()
    for c in consents:
        events = session.exec(
            select(ConsentEvent).where(ConsentEvent.consent_id == c.id)
            .order_by(col(ConsentEvent.at), col(ConsentEvent.id))
        ).all()
        out.append({
            "purpose": c.purpose,
            "events": [
                {"kind": e.kind, "at": _iso(e.at), "method": e.method,
                 "notice_version": e.notice_version, "notice_hash": e.notice_hash,
                 "valid_until": _iso(e.valid_until), "recorded_by": e.recorded_by}
                for e in events
            ],
        })
    return out


def _mandates(session: Session, beneficiary_id: int) -> list[dict[str, Any]]:
    out = []
    mandates = session.exec(
        select(Mandate).where(Mandate.beneficiary_id == beneficiary_id).order_by(col(Mandate.id))
    ).all()
    for m in mandates:
        scopes = session.exec(
            select(MandateScope).where(MandateScope.mandate_id == m.id)
            .order_by(col(MandateScope.scope))
        ).all()
        out.append({
            "starts_on": _iso(m.starts_on), "ends_on": _iso(m.ends_on), "duration": m.duration,
            "created_at": _iso(m.created_at), "revoked_at": _iso(m.revoked_at),
            "scopes": [{"scope": s.scope, "revoked_at": _iso(s.revoked_at)} for s in scopes],
        })
    return out


def _activities(session: Session, beneficiary_id: int) -> list[dict[str, Any]]:
    in_workshop = select(ActivityParticipant.activity_id).where(
        ActivityParticipant.beneficiary_id == beneficiary_id
    )
    rows = session.exec(
        select(Activity)
        .where(or_(col(Activity.beneficiary_id) == beneficiary_id,
                   col(Activity.id).in_(in_workshop)))
        .order_by(col(Activity.date), col(Activity.id))
    ).all()
    out = []
    fields = custom_fields.named_session_values_of(session, beneficiary_id)
    for a in rows:
        own = a.beneficiary_id == beneficiary_id
        item: dict[str, Any] = {
            "id": a.id, "kind": a.kind, "date": _iso(a.date), "duration_min": a.duration_min,
            "place_type": a.place_type,
            "commune": {"name": a.commune_name, "postal_code": a.commune_postal_code,
                        "insee": a.commune_insee} if a.commune_name else None,
            "themes": list(a.themes), "admin_themes": list(a.admin_themes),
            "equipment": list(a.equipment),
        }
        if own:
            item.update({
                "procedure_details": a.procedure_details, "notes": a.notes,
                "autonomy": a.autonomy, "referred": a.referred,
                "referral_target": a.referral_target, "completion": a.completion,
                "referral_shares_data": a.referral_shares_data,
                "under_mandate_scope": a.under_mandate_scope,
                "custom_fields": fields.get(a.id or 0, {}),
            })
        else:
            item.update({"workshop_title": a.workshop_title, "level": a.level})
        out.append(item)
    return out


def _concerns(code: str) -> Any:
    return or_(
        col(AuditEvent.ref) == code,
        text(
            "EXISTS (SELECT 1 FROM json_each(audit_event.details, '$.beneficiaries') "
            "WHERE json_each.value = :code)"
        ).bindparams(code=code),
    )


def _journal_of(session: Session, code: str) -> list[dict[str, Any]]:
    """Journal events about this person: on their file (with the names of changed
    fields) or on a session they took part in (without the other people's codes)."""
    out = []
    for e in session.exec(
        select(AuditEvent).where(_concerns(code)).order_by(col(AuditEvent.id))
    ).all():
        own = e.ref == code
        fields = e.details.get("fields") if own else None
        out.append({
            "id": e.id, "at": _iso(e.at), "actor": e.actor, "action": e.action,
            "entity": e.entity, "ref": e.ref if own or e.entity == "activity" else None,
            "fields": list(fields) if isinstance(fields, list) else None,
        })
    for r in session.exec(
        select(ExportRecord).where(ExportRecord.ref == code).order_by(col(ExportRecord.event_id))
    ).all():
        out.append({"id": r.event_id, "at": _iso(r.at), "actor": r.actor, "action": r.action,
                    "entity": "beneficiary", "ref": r.ref, "fields": None})
    out.sort(key=lambda e: e["id"] or 0)
    return out


# --- rectification ------------------------------------------------------------------


def add_rectification(
    session: Session, beneficiary_id: int, actor: str, previous: dict[str, Any],
    at: dt.datetime,
) -> None:
    session.add(Rectification(beneficiary_id=beneficiary_id, actor=actor,
                              previous=_jsonable(previous), at=_utc(at)))
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
    row.anonymised_at = row.updated_at = _utc(at)
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
                            reference_date=reference_date, actor=actor, at=_utc(at)))
    session.flush()


def purge_records(session: Session) -> Sequence[PurgeRecord]:
    return session.exec(select(PurgeRecord).order_by(col(PurgeRecord.id))).all()


# --- journal pruning -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class JournalDue:
    first_id: int
    last_id: int
    oldest: dt.datetime
    events: int


def journal_due(session: Session, before: dt.datetime) -> JournalDue | None:
    """The oldest run of journal events all recorded before `before` (UTC): only a
    prefix of the chain can be pruned and still be verified."""
    first_kept = session.exec(
        select(func.min(AuditEvent.id)).where(col(AuditEvent.at) >= _utc(before))
    ).one()
    stmt = select(func.min(AuditEvent.id), func.max(AuditEvent.id), func.min(AuditEvent.at),
                  func.count())
    if first_kept is not None:
        stmt = stmt.where(col(AuditEvent.id) < first_kept)
    first, last, oldest, count = session.exec(stmt).one()
    if not count or first is None or last is None:
        return None
    return JournalDue(int(first), int(last), oldest, int(count))


def prune_journal(
    session: Session, due: JournalDue, key: bytes, at: dt.datetime,
    keep_as_export: Callable[[AuditEvent], bool],
) -> tuple[AuditCheckpoint, int]:
    """Replace events first_id..last_id by a signed checkpoint; carry over into
    export_record the events `keep_as_export` selects. Return the checkpoint and
    the number of export records kept."""
    last = session.get(AuditEvent, due.last_id)
    assert last is not None
    previous = session.exec(
        select(AuditCheckpoint).order_by(col(AuditCheckpoint.id).desc()).limit(1)
    ).first()
    prev_mac = previous.mac if previous else ""
    expected_first = previous.last_id + 1 if previous else 1
    if due.first_id != expected_first:
        raise ValueError("journal prefix does not follow the last checkpoint")
    when = _utc(at)
    events = due.last_id - due.first_id + 1
    checkpoint = AuditCheckpoint(
        at=when, first_id=due.first_id, last_id=due.last_id, last_hash=last.hash,
        events=events, prev_mac=prev_mac,
        mac=audit.sign_checkpoint(key, at=when, first_id=due.first_id, last_id=due.last_id,
                                  last_hash=last.hash, events=events, prev_mac=prev_mac),
    )
    session.add(checkpoint)
    session.flush()
    kept = 0
    for e in session.exec(
        select(AuditEvent).where(col(AuditEvent.id) <= due.last_id).order_by(col(AuditEvent.id))
    ).all():
        if keep_as_export(e):
            assert e.id is not None
            session.add(ExportRecord(event_id=e.id, at=e.at, actor=e.actor, action=e.action,
                                     ref=e.ref, details=e.details, hash=e.hash))
            kept += 1
    session.flush()
    # Allowed by the trigger only because the checkpoint above now covers these ids.
    session.exec(delete(AuditEvent).where(col(AuditEvent.id) <= due.last_id))
    session.expire_all()
    return checkpoint, kept


def export_records_due(session: Session, before: dt.datetime) -> tuple[int, dt.datetime | None]:
    count, oldest = session.exec(
        select(func.count(), func.min(ExportRecord.at))
        .where(col(ExportRecord.at) < _utc(before))
    ).one()
    return int(count), oldest


def delete_export_records(session: Session, before: dt.datetime) -> int:
    return int(session.exec(
        delete(ExportRecord).where(col(ExportRecord.at) < _utc(before))
    ).rowcount)


def audit_events(
    session: Session, *, date_from: dt.datetime | None, date_to: dt.datetime | None,
    action_prefix: str | None, ref: str | None, limit: int, before_id: int | None,
) -> Sequence[AuditEvent]:
    """Journal events, newest first, filtered; keyset-paginated on id."""
    stmt = select(AuditEvent)
    if date_from is not None:
        stmt = stmt.where(col(AuditEvent.at) >= _utc(date_from))
    if date_to is not None:
        stmt = stmt.where(col(AuditEvent.at) < _utc(date_to))
    if action_prefix:
        stmt = stmt.where(col(AuditEvent.action).startswith(action_prefix, autoescape=True))
    if ref:
        stmt = stmt.where(_concerns(ref))
    if before_id is not None:
        stmt = stmt.where(col(AuditEvent.id) < before_id)
    return session.exec(stmt.order_by(col(AuditEvent.id).desc()).limit(limit)).all()


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
