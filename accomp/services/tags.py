"""The structure's tags: named once in Paramètres ("France Services", a partner's
cohort, "quartier prioritaire"), set on sessions and on people's files, then used
to filter the journal, the dashboard and the anonymised summary.

A tag can make a group small: a summary filtered on a tag goes through the same
cell-key protection as any other (services.reports.summary), so a tag of two
people is published as k, never as 2. The anonymised activity-rows export refuses
a tag filter: its rows are protected within the file, and a file of a small tag
would be a small file.

A tag's name is the structure's, not personal data; it is still kept short, on one
line, without invisible characters, since it is printed on summaries. The journal
records tags by id only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session

from accomp.domain.errors import KnownError
from accomp.services.structure import clean_name
from accomp.store import audit, repo
from accomp.store import tags as q
from accomp.store.vault import Vault

TAG_NAME_MAX = 60


@dataclass(frozen=True, slots=True)
class TagInfo:
    id: int
    name: str


def _clean(name: str) -> str:
    try:
        text = clean_name(name)
    except KnownError as exc:
        raise KnownError(exc.code, "tag_name") from None
    if not text:
        raise KnownError("required", "tag_name")
    if len(text) > TAG_NAME_MAX:
        raise KnownError("too_long", "tag_name", max=TAG_NAME_MAX)
    return text


def list_tags(vault: Vault) -> list[TagInfo]:
    """Every tag of the structure, by name. Writes nothing."""
    with vault.reading() as s:
        return [TagInfo(i, n) for i, n in q.all_tags(s)]


def create_tag(vault: Vault, name: str, *, now: dt.datetime | None = None) -> TagInfo:
    """Name a new tag. Refuses required, too_long, control_chars (tag_name) and
    tag_exists (the same name, whatever the case). Journal: settings.tag_create with its id."""
    text = _clean(name)
    with vault.transaction() as s:
        if q.find_by_name(s, text) is not None:
            raise KnownError("tag_exists", "tag_name")
        tag_id = q.add_tag(s, text)
        audit.append(s, actor=vault.worker, action="settings.tag_create", entity="tag",
                     ref=str(tag_id), at=now)
    return TagInfo(tag_id, text)


def rename_tag(vault: Vault, tag_id: int, name: str, *, now: dt.datetime | None = None) -> None:
    """Rename a tag (its links stay). Refuses as create_tag, and not_found.
    Journal: settings.tag_rename with its id."""
    text = _clean(name)
    with vault.transaction() as s:
        if q.tag_name(s, tag_id) is None:
            raise KnownError("not_found", "tag")
        other = q.find_by_name(s, text)
        if other is not None and other != tag_id:
            raise KnownError("tag_exists", "tag_name")
        q.rename_tag(s, tag_id, text)
        audit.append(s, actor=vault.worker, action="settings.tag_rename", entity="tag",
                     ref=str(tag_id), at=now)


def delete_tag(vault: Vault, tag_id: int, *, now: dt.datetime | None = None) -> None:
    """Delete a tag and its links to sessions and files (the sessions stay).
    Refuses not_found. Journal: settings.tag_delete with its id."""
    with vault.transaction() as s:
        if q.tag_name(s, tag_id) is None:
            raise KnownError("not_found", "tag")
        q.delete_tag(s, tag_id)
        audit.append(s, actor=vault.worker, action="settings.tag_delete", entity="tag",
                     ref=str(tag_id), at=now)


def _check_tags(s: Session, tag_ids: Sequence[int]) -> list[int]:
    wanted = sorted(set(tag_ids))
    if set(wanted) - q.existing(s, wanted):
        raise KnownError("not_found", "tag")
    return wanted


def activity_tags(vault: Vault, activity_id: int) -> list[int]:
    """The tags set on a session (ids). Writes nothing."""
    with vault.reading() as s:
        return q.activity_tags(s, activity_id)


def file_tags(vault: Vault, beneficiary_id: int) -> list[int]:
    """The tags set on a person's file (ids). Writes nothing."""
    with vault.reading() as s:
        return q.beneficiary_tags(s, beneficiary_id)


def set_activity_tags(vault: Vault, activity_id: int, tag_ids: Sequence[int], *,
                      now: dt.datetime | None = None) -> None:
    """Replace the tags of a session. Refuses not_found (session or tag).
    Journal: activity.tags with the session id and the tag ids, when they change."""
    with vault.transaction() as s:
        if not q.activity_exists(s, activity_id):
            raise KnownError("not_found", "activity")
        wanted = _check_tags(s, tag_ids)
        if wanted == q.activity_tags(s, activity_id):
            return
        q.set_activity_tags(s, activity_id, wanted)
        audit.append(s, actor=vault.worker, action="activity.tags", entity="activity",
                     ref=str(activity_id), details={"tags": wanted}, at=now)


def set_file_tags(vault: Vault, beneficiary_id: int, tag_ids: Sequence[int], *,
                  now: dt.datetime | None = None) -> None:
    """Replace the tags of a person's file. Refuses not_found (file or tag).
    Journal: beneficiary.tags with the file's code and the tag ids, when they change."""
    with vault.transaction() as s:
        row = repo.get_beneficiary(s, beneficiary_id)
        if row is None:
            raise KnownError("not_found", "beneficiary")
        wanted = _check_tags(s, tag_ids)
        if wanted == q.beneficiary_tags(s, beneficiary_id):
            return
        q.set_beneficiary_tags(s, beneficiary_id, wanted)
        audit.append(s, actor=vault.worker, action="beneficiary.tags", entity="beneficiary",
                     ref=row.code, details={"tags": wanted}, at=now)
