"""Database tables (SQLModel table=True). Only the store imports this module.

Lists (themes, equipment…) are JSON text columns: they are small, always read
whole, and SQLite's json_each() lets reports group on them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Beneficiary(SQLModel, table=True):
    __tablename__ = "beneficiary"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(index=True, unique=True, max_length=12)
    # identity: kept only when the legal basis allows
    first_name: str | None = None
    last_name: str | None = None
    phone: str | None = None
    email: str | None = None
    birth_year: int | None = None
    notes: str | None = None
    # statistical attributes: always allowed
    commune_name: str | None = None
    commune_postal_code: str | None = None
    commune_insee: str | None = None
    gender: str = "NonCommunique"
    age_band: str = "NonCommunique"
    social_status: str = "NonCommunique"
    # legal basis of the identified file
    legal_basis: str | None = None
    informed_on: dt.date | None = None
    notice_version: str | None = None
    notice_hash: str | None = None
    # accent- and case-folded names, phone digits and e-mail, for search
    search_key: str = Field(default="", index=True)
    anonymised_at: dt.datetime | None = None
    last_contact: dt.date | None = Field(default=None, index=True)
    created_at: dt.datetime = Field(default_factory=_now)
    updated_at: dt.datetime = Field(default_factory=_now)


class Activity(SQLModel, table=True):
    __tablename__ = "activity"
    __table_args__ = (Index("ix_activity_date_id", "date", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str
    date: dt.date
    duration_min: int
    place_type: str
    commune_name: str | None = None
    commune_postal_code: str | None = None
    commune_insee: str | None = None
    themes: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    admin_themes: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    procedure_details: str | None = None
    equipment: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    notes: str | None = None
    beneficiary_id: int | None = Field(
        default=None, foreign_key="beneficiary.id", index=True, ondelete="RESTRICT"
    )
    autonomy: str | None = None
    referred: bool = False
    referral_target: str | None = None
    # the referral passed the person's data on to the partner (needs their consent)
    referral_shares_data: bool = False
    # the procedure was done on the person's behalf, under this mandate scope
    under_mandate_scope: str | None = None
    completion: str | None = None
    workshop_title: str | None = None
    level: str | None = None
    anonymous: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    participants: int = 0
    created_at: dt.datetime = Field(default_factory=_now)
    updated_at: dt.datetime = Field(default_factory=_now)


class ActivityParticipant(SQLModel, table=True):
    __tablename__ = "activity_participant"

    activity_id: int = Field(foreign_key="activity.id", primary_key=True, ondelete="CASCADE")
    beneficiary_id: int = Field(
        foreign_key="beneficiary.id", primary_key=True, index=True, ondelete="RESTRICT"
    )


class Consent(SQLModel, table=True):
    __tablename__ = "consent"
    __table_args__ = (UniqueConstraint("beneficiary_id", "purpose"),)

    id: int | None = Field(default=None, primary_key=True)
    beneficiary_id: int = Field(foreign_key="beneficiary.id", index=True, ondelete="CASCADE")
    purpose: str


class ConsentEvent(SQLModel, table=True):
    """Append-only: triggers refuse UPDATE and DELETE."""

    __tablename__ = "consent_event"

    id: int | None = Field(default=None, primary_key=True)
    consent_id: int = Field(foreign_key="consent.id", index=True)
    kind: str
    method: str | None = None
    notice_version: str | None = None
    notice_hash: str | None = None
    recorded_by: str
    at: dt.datetime = Field(default_factory=_now)
    valid_until: dt.date | None = None


class Mandate(SQLModel, table=True):
    __tablename__ = "mandate"

    id: int | None = Field(default=None, primary_key=True)
    beneficiary_id: int = Field(foreign_key="beneficiary.id", index=True, ondelete="CASCADE")
    starts_on: dt.date
    ends_on: dt.date
    duration: str
    created_at: dt.datetime = Field(default_factory=_now)
    revoked_at: dt.datetime | None = None
    renewed_from: int | None = None  # the mandate this one replaced (renewal)


class MandateScope(SQLModel, table=True):
    __tablename__ = "mandate_scope"

    mandate_id: int = Field(foreign_key="mandate.id", primary_key=True, ondelete="CASCADE")
    scope: str = Field(primary_key=True)
    revoked_at: dt.datetime | None = None


class AuditEvent(SQLModel, table=True):
    """Append-only, hash-chained journal. Pseudonymous references only."""

    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = Field(default_factory=_now, index=True)
    actor: str
    action: str = Field(index=True)
    entity: str
    ref: str | None = Field(default=None, index=True)
    details: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    prev_hash: str
    hash: str


class Setting(SQLModel, table=True):
    """Small values of the vault itself, by name (e.g. the structure's shared secret,
    this vault's own random id). Values are text; binary values are stored in hex."""

    __tablename__ = "setting"

    key: str = Field(primary_key=True, max_length=64)
    value: str
    updated_at: dt.datetime = Field(default_factory=_now)


class Rectification(SQLModel, table=True):
    """Previous values of a file's rectified fields. Personal data: kept inside the
    vault only, shown in the person's access export, erased with the file."""

    __tablename__ = "rectification"

    id: int | None = Field(default=None, primary_key=True)
    beneficiary_id: int = Field(foreign_key="beneficiary.id", index=True, ondelete="CASCADE")
    at: dt.datetime = Field(default_factory=_now)
    actor: str
    previous: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class PurgeRecord(SQLModel, table=True):
    """The purge register: what was purged, why and when. Pseudonymous codes only.
    Append-only: triggers refuse UPDATE and DELETE."""

    __tablename__ = "purge_record"

    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = Field(default_factory=_now, index=True)
    data_class: str
    ref: str
    reason: str
    rows: int = 0
    reference_date: dt.date | None = None
    actor: str


class AuditCheckpoint(SQLModel, table=True):
    """A signed summary of a pruned part of the audit journal: the chain of the kept
    events resumes from `last_hash`. Append-only."""

    __tablename__ = "audit_checkpoint"

    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime
    first_id: int
    last_id: int
    last_hash: str
    events: int
    prev_mac: str
    mac: str


class ExportRecord(SQLModel, table=True):
    """Export events carried over from a pruned part of the journal: they are kept
    for the export records' own (longer) period. No UPDATE."""

    __tablename__ = "export_record"

    event_id: int = Field(primary_key=True)
    at: dt.datetime = Field(index=True)
    actor: str
    action: str
    ref: str | None = None
    details: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    hash: str


class Draft(SQLModel, table=True):
    """What was being typed in a form that was not saved yet (the vault was locked, or
    the program stopped): the form's field values, offered again after unlocking.
    Personal data: kept inside the vault only, deleted once the form is saved or
    cancelled, and with the file it belongs to when that file is anonymised."""

    __tablename__ = "draft"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)
    beneficiary_id: int | None = Field(
        default=None, foreign_key="beneficiary.id", index=True, ondelete="CASCADE"
    )
    fields: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: dt.datetime = Field(default_factory=_now)
    updated_at: dt.datetime = Field(default_factory=_now)
