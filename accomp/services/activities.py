"""Support sessions: log, edit, delete, read, list."""

from __future__ import annotations

import datetime as dt
from typing import Any

from accomp.domain.errors import KnownError
from accomp.domain.models import ActivityFilter, ActivityIn, ActivityOut, ActivityRow, Commune
from accomp.domain.rules import check_activity, parse
from accomp.services import consents
from accomp.store import audit, repo
from accomp.store.tables import Activity
from accomp.store.vault import Vault

_SCALARS = (
    "kind", "date", "duration_min", "place_type", "procedure_details", "notes",
    "beneficiary_id", "autonomy", "referred", "referral_target", "completion",
    "workshop_title", "level", "referral_shares_data", "under_mandate_scope",
)


def _validated(data: ActivityIn | dict[str, Any], today: dt.date | None) -> ActivityIn:
    a = data if isinstance(data, ActivityIn) else parse(ActivityIn, data)
    check_activity(a, today or dt.date.today())
    return a


def _apply(row: Activity, a: ActivityIn) -> None:
    for name in _SCALARS:
        setattr(row, name, getattr(a, name))
    row.commune_name = a.commune.name if a.commune else None
    row.commune_postal_code = a.commune.postal_code if a.commune else None
    row.commune_insee = a.commune.insee if a.commune else None
    row.themes = list(a.themes)
    row.admin_themes = list(a.admin_themes)
    row.equipment = list(a.equipment)
    row.anonymous = a.anonymous.model_dump() if a.kind == "collectif" else {}
    row.participants = (
        len(a.participant_ids) + a.anonymous.total if a.kind == "collectif"
        else 1
    )


def _check_people(s: Any, a: ActivityIn) -> dict[int, str]:
    ids = [a.beneficiary_id] if a.beneficiary_id is not None else list(a.participant_ids)
    codes = repo.codes_of(s, ids)
    if len(codes) != len(set(ids)):
        raise KnownError("not_found", "beneficiary")
    return codes


def log_activity(
    vault: Vault, data: ActivityIn | dict[str, Any], *, today: dt.date | None = None,
    at: dt.datetime | None = None,
) -> ActivityOut:
    """Record one session, individual (anonymous or linked to a file) or collective.

    The consent rules apply at `at` (default now; services.consents.gate_activity):
    without a lawful basis for the file, no identity, notes or details are kept (the
    session may be logged anonymously); notes without notes consent are not kept;
    `notices` on the result says so, for the worker.
    Refuses (KnownError naming the field): invalid or inconsistent input, a date in
    the future or before 2000, an unknown beneficiary; a referral passing data on
    without sharing consent; a procedure under mandate outside a valid mandate scope.
    Nothing is written then.
    Journal: activity.create with the activity id and pseudonymous codes (and
    consent.share / mandate.use).
    """
    a = _validated(data, today)
    with vault.transaction() as s:
        _check_people(s, a)
        a, notices = consents.gate_activity(s, vault, a, at=at)
        codes = _check_people(s, a)
        row = Activity(kind=a.kind, date=a.date, duration_min=a.duration_min,
                       place_type=a.place_type)
        _apply(row, a)
        s.add(row)
        s.flush()
        assert row.id is not None
        repo.set_participants(s, row.id, a.participant_ids)
        repo.refresh_last_contact(s, list(codes))
        audit.append(s, actor=vault.worker, action="activity.create", entity="activity",
                     ref=str(row.id), details={"beneficiaries": sorted(codes.values())})
        out = _out(row, a.participant_ids, codes.get(a.beneficiary_id or -1))
        return out.model_copy(update={"notices": notices})


def update_activity(
    vault: Vault, activity_id: int, data: ActivityIn | dict[str, Any],
    *, today: dt.date | None = None, at: dt.datetime | None = None,
) -> ActivityOut:
    """Replace a logged session. Applies the consent rules and refuses as log_activity
    does, and not_found."""
    a = _validated(data, today)
    with vault.transaction() as s:
        row = s.get(Activity, activity_id)
        if row is None:
            raise KnownError("not_found", "activity")
        before = [row.beneficiary_id, *repo.participant_ids(s, activity_id)]
        _check_people(s, a)
        a, notices = consents.gate_activity(s, vault, a, at=at)
        codes = _check_people(s, a)
        _apply(row, a)
        row.updated_at = dt.datetime.now(dt.UTC)
        s.add(row)
        repo.set_participants(s, activity_id, a.participant_ids)
        s.flush()
        repo.refresh_last_contact(s, [b for b in before if b is not None] + list(codes))
        audit.append(s, actor=vault.worker, action="activity.update", entity="activity",
                     ref=str(activity_id), details={"beneficiaries": sorted(codes.values())})
        out = _out(row, a.participant_ids, codes.get(a.beneficiary_id or -1))
        return out.model_copy(update={"notices": notices})


def delete_activity(vault: Vault, activity_id: int) -> ActivityOut:
    """Delete a session; return it as it was, so the caller can offer to undo (by
    logging it again). Journal: activity.delete."""
    with vault.transaction() as s:
        row = s.get(Activity, activity_id)
        if row is None:
            raise KnownError("not_found", "activity")
        participants = repo.participant_ids(s, activity_id)
        people = [row.beneficiary_id, *participants]
        codes = repo.codes_of(s, [p for p in people if p is not None])
        out = _out(row, participants, codes.get(row.beneficiary_id or -1))
        repo.set_participants(s, activity_id, [])
        s.delete(row)
        s.flush()
        repo.refresh_last_contact(s, list(codes))
        audit.append(s, actor=vault.worker, action="activity.delete", entity="activity",
                     ref=str(activity_id))
        return out


def get_activity(vault: Vault, activity_id: int) -> ActivityOut:
    with vault.reading() as s:
        row = s.get(Activity, activity_id)
        if row is None:
            raise KnownError("not_found", "activity")
        codes = repo.codes_of(s, [row.beneficiary_id] if row.beneficiary_id else [])
        return _out(row, repo.participant_ids(s, activity_id),
                    codes.get(row.beneficiary_id or -1))


JOURNAL_ORDERS = repo.JOURNAL_ORDERS
"""What the journal can be sorted on: date, kind, beneficiary (code), duration, place
and autonomy (in the order of their reference lists)."""


def list_activities(
    vault: Vault, filters: ActivityFilter | None = None, *, limit: int = 200,
    after: tuple[dt.date, int] | None = None, order: str = "date", ascending: bool = False,
    offset: int = 0,
) -> list[ActivityRow]:
    """A page of the journal, newest first; pass the last row's (date, id) as
    `after` for the next page. Sorted on another of JOURNAL_ORDERS (or oldest first),
    pages are taken by `offset`. Reads only; journal: nothing.
    Refuses (ValueError, a caller's bug): an unknown order, `after` with another order."""
    with vault.reading() as s:
        return repo.list_activity_rows(s, filters or ActivityFilter(), limit, after,
                                       order=order, ascending=ascending, offset=offset)


def count_activities(vault: Vault, filters: ActivityFilter | None = None) -> int:
    with vault.reading() as s:
        return repo.count_activities(s, filters or ActivityFilter())


def _out(row: Activity, participant_ids: list[int], code: str | None) -> ActivityOut:
    assert row.id is not None
    commune = (
        Commune.model_construct(
            name=row.commune_name, postal_code=row.commune_postal_code, insee=row.commune_insee
        )
        if row.commune_name else None
    )
    return ActivityOut.model_validate(
        {
            **{name: getattr(row, name) for name in _SCALARS},
            "id": row.id, "commune": commune, "themes": row.themes,
            "admin_themes": row.admin_themes, "equipment": row.equipment,
            "participant_ids": participant_ids,
            "anonymous": row.anonymous or {},
            "beneficiary_code": code,
            "created_at": row.created_at, "updated_at": row.updated_at,
        }
    )
