"""Tables of handing over (migration 0012): colleagues' public keys, transfer
bundles sent and received, files passed on, the partner directory and the
referrals linked to it. Kept apart from tables.py: one concern, one module."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class TransferContact(SQLModel, table=True):
    """A colleague whose bundles this vault accepts and for whom it can make some."""

    __tablename__ = "transfer_contact"

    fingerprint: str = Field(primary_key=True, max_length=19)
    name: str = Field(max_length=120)
    public_key: str = Field(max_length=200)
    added_at: dt.datetime = Field(default_factory=_now)


class TransferRecord(SQLModel, table=True):
    """A bundle made ("sent") or imported ("received"): its id (a bundle is imported
    once), hash, the other vault's fingerprint and the pseudonymous codes it held."""

    __tablename__ = "transfer_record"
    __table_args__ = (UniqueConstraint("bundle_id", "direction",
                                       name="uq_transfer_record_bundle"),)

    id: int | None = Field(default=None, primary_key=True)
    bundle_id: str = Field(max_length=32)
    direction: str = Field(max_length=8)
    digest: str = Field(max_length=64)
    peer: str = Field(max_length=19)
    at: dt.datetime
    codes: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class TransferMark(SQLModel, table=True):
    """A file passed on to a colleague ("transféré"): it may then be anonymised."""

    __tablename__ = "transfer_mark"

    beneficiary_id: int = Field(foreign_key="beneficiary.id", primary_key=True,
                                ondelete="CASCADE")
    at: dt.datetime
    digest: str = Field(max_length=64)


class Partner(SQLModel, table=True):
    """A structure people are referred to. No beneficiary data."""

    __tablename__ = "partner"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    typology: str | None = None
    address: str | None = None
    hours: str | None = None
    phone: str | None = None
    themes: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    contact: str | None = None
    notes: str | None = None
    created_at: dt.datetime = Field(default_factory=_now)
    updated_at: dt.datetime = Field(default_factory=_now)


class Referral(SQLModel, table=True):
    """The partner a session referred the person to."""

    __tablename__ = "referral"

    activity_id: int = Field(foreign_key="activity.id", primary_key=True, ondelete="CASCADE")
    partner_id: int = Field(foreign_key="partner.id", index=True, ondelete="RESTRICT")


def as_dict(row: Any) -> dict[str, Any]:
    return {k: getattr(row, k) for k in type(row).model_fields}
