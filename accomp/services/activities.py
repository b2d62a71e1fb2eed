"""Support sessions: log, edit, delete, read, list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from accomp.domain.clock import instant
from accomp.domain.errors import KnownError
from accomp.domain.models import (
    ActivityFilter,
    ActivityIn,
    ActivityOut,
    ActivityRow,
    ActivityRowValues,
    Commune,
)
from accomp.domain.rules import check_activity, parse
from accomp.services import consents
from accomp.store import audit, repo
from accomp.store.consents import FileFacts, file_facts
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


def _row_values(a: ActivityIn) -> dict[str, Any]:
    """The columns of a session's row, but its id and timestamps."""
    collective = a.kind == "Collectif"
    return {
        **{name: getattr(a, name) for name in _SCALARS},
        "commune_name": a.commune.name if a.commune else None,
        "commune_postal_code": a.commune.postal_code if a.commune else None,
        "commune_insee": a.commune.insee if a.commune else None,
        "themes": list(a.themes),
        "admin_themes": list(a.admin_themes),
        "equipment": list(a.equipment),
        "anonymous": a.anonymous.model_dump() if collective else {},
        "participants": len(a.participant_ids) + a.anonymous.total if collective else 1,
    }


def _apply(row: Activity, a: ActivityIn) -> None:
    for name, value in _row_values(a).items():
        setattr(row, name, value)


def _people(a: ActivityIn) -> list[int]:
    return [a.beneficiary_id] if a.beneficiary_id is not None else list(a.participant_ids)


def _files_of(s: Any, a: ActivityIn) -> dict[int, FileFacts]:
    """The files of the session's people, read once for both the consent rules and
    the journal. Refuses not_found for a missing one."""
    ids = _people(a)
    files = file_facts(s, ids)
    if len(files) != len(set(ids)):
        raise KnownError("not_found", "beneficiary")
    return files


def _codes(a: ActivityIn, files: dict[int, FileFacts]) -> dict[int, str]:
    """The codes of the people the session is saved with (after the consent rules)."""
    return {i: files[i].code for i in _people(a)}


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
    # The write a worker waits on most often: one query for the people's files (for
    # the consent rules and the journal alike), no ORM object (store.repo.run), and
    # the last contact moved forward rather than recomputed over all their sessions.
    now = instant(today, at)  # a frozen day dates the row and the journal that day
    with vault.transaction() as s:
        files = _files_of(s, a)
        a, notices = consents.gate_activity(s, vault, a, files, at=at)
        codes = _codes(a, files)
        values = _row_values(a)
        activity_id = repo.insert_activity(s, {**values, "created_at": now, "updated_at": now})
        repo.add_participants(s, activity_id, a.participant_ids)
        repo.note_contact(s, list(codes), a.date)
        audit.append(s, actor=vault.worker, action="activity.create", entity="activity",
                     ref=str(activity_id), details={"beneficiaries": sorted(codes.values())},
                     at=now)
        return _out_of(values, activity_id, now, now, a.participant_ids,
                       codes.get(a.beneficiary_id or -1), notices)


def update_activity(
    vault: Vault, activity_id: int, data: ActivityIn | dict[str, Any],
    *, today: dt.date | None = None, at: dt.datetime | None = None,
) -> ActivityOut:
    """Replace a logged session. Applies the consent rules and refuses as log_activity
    does, and not_found."""
    a = _validated(data, today)
    now = instant(today, at)
    with vault.transaction() as s:
        row = s.get(Activity, activity_id)
        if row is None:
            raise KnownError("not_found", "activity")
        before = [row.beneficiary_id, *repo.participant_ids(s, activity_id)]
        files = _files_of(s, a)
        a, notices = consents.gate_activity(s, vault, a, files, at=at)
        codes = _codes(a, files)
        _apply(row, a)
        row.updated_at = now
        s.add(row)
        repo.set_participants(s, activity_id, a.participant_ids)
        s.flush()
        repo.refresh_last_contact(s, [b for b in before if b is not None] + list(codes))
        audit.append(s, actor=vault.worker, action="activity.update", entity="activity",
                     ref=str(activity_id), details={"beneficiaries": sorted(codes.values())},
                     at=now)
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


def list_activity_values(
    vault: Vault, filters: ActivityFilter | None = None, *, limit: int = 200,
    after: tuple[dt.date, int] | None = None, order: str = "date", ascending: bool = False,
    offset: int = 0,
) -> list[ActivityRowValues]:
    """list_activities, each row as a plain tuple (ActivityRowValues): for a list that
    keeps many rows, such as the journal's table. Reads only; journal: nothing.
    Refuses as list_activities does."""
    with vault.reading() as s:
        return repo.list_activity_values(s, filters or ActivityFilter(), limit, after,
                                         order=order, ascending=ascending, offset=offset)


def count_activities(vault: Vault, filters: ActivityFilter | None = None) -> int:
    with vault.reading() as s:
        return repo.count_activities(s, filters or ActivityFilter())


_COLUMNS = (*_SCALARS, "commune_name", "commune_postal_code", "commune_insee", "themes",
            "admin_themes", "equipment", "anonymous")


def _out(row: Activity, participant_ids: list[int], code: str | None) -> ActivityOut:
    assert row.id is not None
    return _out_of({name: getattr(row, name) for name in _COLUMNS}, row.id, row.created_at,
                   row.updated_at, participant_ids, code)


def _out_of(
    values: Mapping[str, Any], activity_id: int, created_at: dt.datetime,
    updated_at: dt.datetime, participant_ids: list[int], code: str | None,
    notices: list[str] | None = None,
) -> ActivityOut:
    commune = (
        Commune.model_construct(
            name=values["commune_name"], postal_code=values["commune_postal_code"],
            insee=values["commune_insee"],
        )
        if values["commune_name"] else None
    )
    return ActivityOut.model_validate(
        {
            **{name: values[name] for name in _SCALARS},
            "id": activity_id, "commune": commune, "themes": values["themes"],
            "admin_themes": values["admin_themes"], "equipment": values["equipment"],
            "participant_ids": participant_ids,
            "anonymous": values["anonymous"] or {},
            "beneficiary_code": code,
            "created_at": created_at, "updated_at": updated_at,
            "notices": notices or [],
        }
    )
