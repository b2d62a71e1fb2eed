"""Queries of the partner directory and of referrals linked to a partner. The
directory holds structures, never beneficiary data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from accomp.store.handover_tables import Partner, Referral
from accomp.store.tables import Activity


def all_partners(session: Session) -> list[Partner]:
    return list(session.exec(select(Partner).order_by(func.lower(col(Partner.name)),
                                                      col(Partner.id))).all())


def partner(session: Session, partner_id: int) -> Partner | None:
    return session.get(Partner, partner_id)


def put_partner(session: Session, values: Mapping[str, Any], at: dt.datetime,
                partner_id: int | None = None) -> Partner:
    row = (session.get(Partner, partner_id) if partner_id is not None else None) \
        or Partner(name="", created_at=at)
    for key, value in values.items():
        setattr(row, key, value)
    row.updated_at = at
    session.add(row)
    session.flush()
    return row


def delete_partner(session: Session, row: Partner) -> None:
    session.delete(row)
    session.flush()


def referrals_to(session: Session, partner_id: int) -> int:
    return int(session.exec(select(func.count()).select_from(Referral)
                            .where(Referral.partner_id == partner_id)).one())


def link(session: Session, activity_id: int, partner_id: int) -> None:
    row = session.get(Referral, activity_id) or Referral(activity_id=activity_id,
                                                         partner_id=partner_id)
    row.partner_id = partner_id
    session.add(row)
    session.flush()


def linked_partner(session: Session, activity_id: int) -> Partner | None:
    row = session.get(Referral, activity_id)
    return None if row is None else session.get(Partner, row.partner_id)


def referral_ids_by_typology(session: Session, date_from: dt.date,
                             date_to: dt.date) -> dict[str | None, list[int]]:
    """Sessions of the period referred to a partner of the directory, by the
    partner's type: the sessions' ids. A link left on a session no longer marked
    as a referral does not count."""
    rows = session.exec(
        select(Partner.typology, Referral.activity_id)
        .join(Partner, col(Partner.id) == col(Referral.partner_id))
        .join(Activity, col(Activity.id) == col(Referral.activity_id))
        .where(col(Activity.date) >= date_from, col(Activity.date) <= date_to,
               col(Activity.referred))
        .order_by(col(Referral.activity_id))
    ).all()
    found: dict[str | None, list[int]] = {}
    for typology, activity_id in rows:
        found.setdefault(typology, []).append(int(activity_id))
    return found
