"""A person's whole record, for the right of access: everything the vault keeps
about one person as JSON-ready data (reports.access lays it out)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import or_
from sqlmodel import Session, col, select

from accomp.store import appointments, custom_fields, merges, skills, tags
from accomp.store.consents import utc
from accomp.store.journal import concerns
from accomp.store.tables import (
    Activity,
    ActivityParticipant,
    AuditEvent,
    Beneficiary,
    Consent,
    ConsentEvent,
    ExportRecord,
    Mandate,
    MandateScope,
    Rectification,
)


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return utc(value).replace(tzinfo=None).isoformat() + "Z"
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


def _journal_of(session: Session, code: str) -> list[dict[str, Any]]:
    """Journal events about this person: on their file (with the names of changed
    fields) or on a session they took part in (without the other people's codes)."""
    out = []
    for e in session.exec(
        select(AuditEvent).where(concerns(code)).order_by(col(AuditEvent.id))
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
