"""Merged files (tables `beneficiary_alias`, `merge_undo`): the statements that move
everything a file owns to another, the aliases of absorbed codes, and what the last
merge needs to be undone. Functions take the caller's session; services own the
transaction and the rules.

A merge never deletes a file: consent events are append-only and belong to their
consent row, so an absorbed file stays as an anonymised shell that holds the consent
histories that did not go live, and its code (never issued again) resolves to the
kept file through its alias.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import JSON, Column, delete, func, update
from sqlmodel import Field, Session, SQLModel, col, select

from accomp.store.tables import (
    Activity,
    ActivityParticipant,
    Beneficiary,
    Consent,
    ConsentEvent,
    Draft,
    Mandate,
    MandateScope,
    Rectification,
)
from accomp.store.tag_tables import BeneficiaryTag, CompetenceObservation


class BeneficiaryAlias(SQLModel, table=True):
    """The code of a file merged into another: it still designates that other file."""

    __tablename__ = "beneficiary_alias"

    code: str = Field(primary_key=True, max_length=12)
    beneficiary_id: int = Field(foreign_key="beneficiary.id", index=True, ondelete="CASCADE")
    absorbed_id: int = Field(foreign_key="beneficiary.id", index=True, ondelete="CASCADE")
    merged_at: dt.datetime


class MergeUndo(SQLModel, table=True):
    """What the last merge changed, to put it back. Personal data (the files' fields
    before the merge): inside the vault only; at most one row."""

    __tablename__ = "merge_undo"

    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime
    kept_id: int = Field(foreign_key="beneficiary.id", ondelete="CASCADE")
    absorbed_id: int = Field(foreign_key="beneficiary.id", ondelete="CASCADE")
    state: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


# Columns of a file that a merge may change, and that undo puts back.
FILE_COLUMNS = (
    "first_name", "last_name", "phone", "email", "birth_year", "notes", "commune_name",
    "commune_postal_code", "commune_insee", "gender", "age_band", "social_status",
    "legal_basis", "informed_on", "notice_version", "notice_hash", "search_key",
    "anonymised_at", "last_contact", "updated_at",
)
_DATES = frozenset({"informed_on", "last_contact"})
_INSTANTS = frozenset({"anonymised_at", "updated_at"})


def file_values(row: Beneficiary) -> dict[str, Any]:
    """The file's FILE_COLUMNS, as JSON-ready values."""
    out: dict[str, Any] = {}
    for name in FILE_COLUMNS:
        value = getattr(row, name)
        out[name] = value.isoformat() if isinstance(value, dt.date) else value
    return out


def restore_values(row: Beneficiary, values: dict[str, Any]) -> None:
    """Put back what `file_values` took."""
    for name in FILE_COLUMNS:
        value = values[name]
        if value is not None and name in _DATES:
            value = dt.date.fromisoformat(value)
        elif value is not None and name in _INSTANTS:
            value = dt.datetime.fromisoformat(value)
        setattr(row, name, value)


# --- aliases ---------------------------------------------------------------------------


def alias_target(session: Session, code: str) -> int | None:
    """The file an absorbed code now designates, or None when it is no alias."""
    return session.exec(
        select(BeneficiaryAlias.beneficiary_id).where(BeneficiaryAlias.code == code)
    ).first()


def aliases_of(session: Session, beneficiary_id: int) -> list[str]:
    """The absorbed codes that designate this file, oldest merge first."""
    return list(session.exec(
        select(BeneficiaryAlias.code).where(BeneficiaryAlias.beneficiary_id == beneficiary_id)
        .order_by(col(BeneficiaryAlias.merged_at), col(BeneficiaryAlias.code))
    ).all())


def targets_of(session: Session, ids: Sequence[int]) -> dict[int, int]:
    """absorbed file id -> the file it was merged into, for those of `ids` absorbed."""
    if not ids:
        return {}
    rows = session.exec(
        select(BeneficiaryAlias.absorbed_id, BeneficiaryAlias.beneficiary_id)
        .where(col(BeneficiaryAlias.absorbed_id).in_(list(ids)))
    ).all()
    return {int(a): int(b) for a, b in rows}


def add_alias(session: Session, code: str, kept_id: int, absorbed_id: int,
              at: dt.datetime) -> list[str]:
    """Make `code` an alias of `kept_id`; the codes that were aliases of the absorbed
    file follow it. Returns those."""
    followed = aliases_of(session, absorbed_id)
    session.exec(update(BeneficiaryAlias)
                 .where(col(BeneficiaryAlias.beneficiary_id) == absorbed_id)
                 .values(beneficiary_id=kept_id))
    session.add(BeneficiaryAlias(code=code, beneficiary_id=kept_id, absorbed_id=absorbed_id,
                                 merged_at=at))
    session.flush()
    return followed


def remove_alias(session: Session, code: str, absorbed_id: int, followed: Sequence[str]) -> None:
    session.exec(delete(BeneficiaryAlias).where(col(BeneficiaryAlias.code) == code))
    if followed:
        session.exec(update(BeneficiaryAlias).where(col(BeneficiaryAlias.code).in_(followed))
                     .values(beneficiary_id=absorbed_id))


# --- what a file owns -------------------------------------------------------------------


def owned_ids(session: Session, beneficiary_id: int) -> dict[str, list[int]]:
    """Ids of the rows a file owns, by kind: its sessions, the workshops it took part
    in, consents, mandates, rectifications, drafts and competence notes."""
    def ids(stmt: Any) -> list[int]:
        return sorted(int(i) for i in session.exec(stmt).all())

    return {
        "activities": ids(select(Activity.id).where(Activity.beneficiary_id == beneficiary_id)),
        "workshops": ids(select(ActivityParticipant.activity_id)
                         .where(ActivityParticipant.beneficiary_id == beneficiary_id)),
        "consents": ids(select(Consent.id).where(Consent.beneficiary_id == beneficiary_id)),
        "mandates": ids(select(Mandate.id).where(Mandate.beneficiary_id == beneficiary_id)),
        "rectifications": ids(select(Rectification.id)
                              .where(Rectification.beneficiary_id == beneficiary_id)),
        "drafts": ids(select(Draft.id).where(Draft.beneficiary_id == beneficiary_id)),
        "competences": ids(select(CompetenceObservation.id)
                           .where(CompetenceObservation.beneficiary_id == beneficiary_id)),
    }


def consent_ids(session: Session, beneficiary_id: int) -> dict[str, int]:
    """purpose -> consent row id of a file."""
    rows = session.exec(select(Consent.purpose, Consent.id)
                        .where(Consent.beneficiary_id == beneficiary_id)).all()
    return {p: int(i) for p, i in rows if i is not None}


def repoint(session: Session, model: Any, ids: Sequence[int], beneficiary_id: int) -> None:
    """Give the rows `ids` of `model` (activities, consents, mandates, rectifications,
    drafts) to another file."""
    if ids:
        session.exec(update(model).where(col(model.id).in_(list(ids)))
                     .values(beneficiary_id=beneficiary_id))


def swap_consents(session: Session, first: int, second: int) -> None:
    """Exchange the files of two consent rows of the same purpose (each keeps its own
    append-only history). Three steps: the pair (file, purpose) is unique."""
    a, b = session.get(Consent, first), session.get(Consent, second)
    assert a is not None
    assert b is not None
    owner_a, owner_b, purpose = a.beneficiary_id, b.beneficiary_id, a.purpose
    a.purpose = "~merge"
    session.add(a)
    session.flush()
    b.beneficiary_id = owner_a
    session.add(b)
    session.flush()
    a.beneficiary_id, a.purpose = owner_b, purpose
    session.add(a)
    session.flush()


def _move_links(session: Session, model: Any, key: Any, absorbed_id: int,
                kept_id: int) -> tuple[list[int], list[int]]:
    """Give the absorbed file's rows of a link table (`model`, keyed by `key` and the
    file) to the kept file; where both have the same key, the absorbed row goes.
    Returns the keys moved and those dropped."""
    def keys_of(beneficiary_id: int) -> set[int]:
        return {int(k) for k in session.exec(select(key).where(
            col(model.beneficiary_id) == beneficiary_id)).all()}

    theirs, ours = keys_of(absorbed_id), keys_of(kept_id)
    both, moved = sorted(theirs & ours), sorted(theirs - ours)
    if both:
        session.exec(delete(model).where(col(model.beneficiary_id) == absorbed_id,
                                         col(key).in_(both)))
    if moved:
        session.exec(update(model).where(col(model.beneficiary_id) == absorbed_id,
                                         col(key).in_(moved)).values(beneficiary_id=kept_id))
    return moved, both


def move_participation(session: Session, absorbed_id: int, kept_id: int) -> dict[str, Any]:
    """The absorbed file's workshop places go to the kept file; where both took part,
    the absorbed place goes and the workshop counts one tracked participant less.
    Returns what undo needs: the workshops moved, and those dropped with their
    previous participant counts."""
    moved, both = _move_links(session, ActivityParticipant, ActivityParticipant.activity_id,
                              absorbed_id, kept_id)
    dropped: dict[str, int] = {}
    for activity_id in both:
        row = session.get(Activity, activity_id)
        assert row is not None
        dropped[str(activity_id)] = row.participants
        row.participants = max(row.participants - 1, 0)
        session.add(row)
    session.flush()
    return {"moved": moved, "dropped": dropped}


def restore_participation(session: Session, absorbed_id: int, kept_id: int,
                          saved: dict[str, Any]) -> None:
    moved: list[int] = saved["moved"]
    if moved:
        session.exec(update(ActivityParticipant).where(
            col(ActivityParticipant.beneficiary_id) == kept_id,
            col(ActivityParticipant.activity_id).in_(moved)).values(beneficiary_id=absorbed_id))
    for activity_id, count in saved["dropped"].items():
        session.add(ActivityParticipant(activity_id=int(activity_id), beneficiary_id=absorbed_id))
        row = session.get(Activity, int(activity_id))
        assert row is not None
        row.participants = int(count)
        session.add(row)
    session.flush()


def move_tags(session: Session, absorbed_id: int, kept_id: int) -> dict[str, list[int]]:
    """The absorbed file's tags go to the kept file (a tag both carry stays once).
    Returns what undo needs: the tags moved and those dropped."""
    moved, both = _move_links(session, BeneficiaryTag, BeneficiaryTag.tag_id,
                              absorbed_id, kept_id)
    session.flush()
    return {"moved": moved, "dropped": both}


def restore_tags(session: Session, absorbed_id: int, kept_id: int,
                 saved: dict[str, list[int]]) -> None:
    if saved["moved"]:
        session.exec(update(BeneficiaryTag).where(
            col(BeneficiaryTag.beneficiary_id) == kept_id,
            col(BeneficiaryTag.tag_id).in_(saved["moved"])).values(beneficiary_id=absorbed_id))
    for tag_id in saved["dropped"]:
        session.add(BeneficiaryTag(beneficiary_id=absorbed_id, tag_id=tag_id))
    session.flush()


def last_contact_of(session: Session, beneficiary_id: int) -> dt.date | None:
    """The latest session date of a file, its own or a workshop's."""
    own = session.exec(select(func.max(Activity.date))
                       .where(Activity.beneficiary_id == beneficiary_id)).one()
    workshop = session.exec(
        select(func.max(Activity.date))
        .join(ActivityParticipant, col(ActivityParticipant.activity_id) == col(Activity.id))
        .where(ActivityParticipant.beneficiary_id == beneficiary_id)).one()
    days = [d for d in (own, workshop) if d is not None]
    return max(days) if days else None


def fingerprint(session: Session, beneficiary_id: int) -> dict[str, Any]:
    """What undo checks has not changed since the merge: the consent events, the
    mandates (with their revocations) and the tags of a file."""
    events = session.exec(
        select(func.count(), func.max(ConsentEvent.id))
        .join(Consent, col(Consent.id) == col(ConsentEvent.consent_id))
        .where(Consent.beneficiary_id == beneficiary_id)).one()
    mandates = session.exec(
        select(Mandate.id, Mandate.revoked_at).where(Mandate.beneficiary_id == beneficiary_id)
        .order_by(col(Mandate.id))).all()
    scopes = session.exec(
        select(MandateScope.mandate_id, MandateScope.scope, MandateScope.revoked_at)
        .join(Mandate, col(Mandate.id) == col(MandateScope.mandate_id))
        .where(Mandate.beneficiary_id == beneficiary_id)
        .order_by(col(MandateScope.mandate_id), col(MandateScope.scope))).all()
    tags = session.exec(select(BeneficiaryTag.tag_id)
                        .where(BeneficiaryTag.beneficiary_id == beneficiary_id)).all()
    return {
        "tags": sorted(int(t) for t in tags),
        "events": [int(events[0]), events[1]],
        "mandates": [[i, str(r)] for i, r in mandates],
        "scopes": [[i, s, str(r)] for i, s, r in scopes],
    }


# --- undo --------------------------------------------------------------------------------


def put_undo(session: Session, kept_id: int, absorbed_id: int, at: dt.datetime,
             state: dict[str, Any]) -> None:
    """Keep what the merge changed; the previous merge can no longer be undone."""
    session.exec(delete(MergeUndo))
    session.add(MergeUndo(at=at, kept_id=kept_id, absorbed_id=absorbed_id, state=state))
    session.flush()


def last_undo(session: Session) -> MergeUndo | None:
    return session.exec(select(MergeUndo).order_by(col(MergeUndo.id).desc())).first()


def drop_undo(session: Session) -> None:
    session.exec(delete(MergeUndo))


def forget_undo_for(session: Session, beneficiary_id: int) -> None:
    """A file is being anonymised: the fields a merge could put back go with it."""
    session.exec(delete(MergeUndo).where(
        (col(MergeUndo.kept_id) == beneficiary_id) | (col(MergeUndo.absorbed_id) == beneficiary_id)
    ))


def codes_of_group(session: Session, beneficiary_id: int) -> list[str]:
    """Every code a document about this file's records may print: its own first, then
    the other codes of its merge (the file it went to, the files merged into it).
    Records keep their ids when they move, so their hash differs only by the code."""
    root = targets_of(session, [beneficiary_id]).get(beneficiary_id, beneficiary_id)
    own = session.get(Beneficiary, beneficiary_id)
    top = session.get(Beneficiary, root)
    assert own is not None
    assert top is not None
    codes = [own.code, top.code, *aliases_of(session, root)]
    return list(dict.fromkeys(codes))


def absorbed_into(session: Session, beneficiary_id: int) -> list[tuple[int, str]]:
    """(id, code) of the files merged into this one (their shells keep the consent
    histories that did not go live)."""
    rows = session.exec(
        select(BeneficiaryAlias.absorbed_id, BeneficiaryAlias.code)
        .where(BeneficiaryAlias.beneficiary_id == beneficiary_id)
        .order_by(col(BeneficiaryAlias.merged_at), col(BeneficiaryAlias.code))).all()
    return [(int(i), c) for i, c in rows]
