"""Queries of the structure's tags: the tags themselves, their links to sessions and
files, and the SQL condition "this session is in the tag" that the journal, the
dashboard and the summaries share (so that the three always agree).

A session is in a tag when it carries the tag, or when the file of its person (an
individual session) or of one of its tracked participants (a workshop) does.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, text
from sqlmodel import Session, col, delete, select

from accomp.store.tables import Activity
from accomp.store.tag_tables import ActivityTag, BeneficiaryTag, Tag


def in_tag_sql(activity: str, parameter: str = "tag") -> str:
    """SQL condition: the session `activity` (an alias of the activity table, or
    the table itself) is in the tag bound as `:parameter`."""
    return (
        f"(EXISTS (SELECT 1 FROM activity_tag atg WHERE atg.activity_id = {activity}.id "
        f"AND atg.tag_id = :{parameter}) "
        f"OR EXISTS (SELECT 1 FROM beneficiary_tag btg WHERE btg.tag_id = :{parameter} "
        f"AND (btg.beneficiary_id = {activity}.beneficiary_id OR btg.beneficiary_id IN "
        f"(SELECT apt.beneficiary_id FROM activity_participant apt "
        f"WHERE apt.activity_id = {activity}.id))))"
    )


def in_tag_clause(tag_id: int) -> object:
    """The same condition as in_tag_sql, for a select() over the activity table."""
    return text(in_tag_sql("activity", "tag_filter")).bindparams(tag_filter=tag_id)


def all_tags(session: Session) -> list[tuple[int, str]]:
    rows = session.exec(select(Tag.id, Tag.name).order_by(func.lower(Tag.name))).all()
    return [(int(i), str(n)) for i, n in rows if i is not None]


def tag_name(session: Session, tag_id: int) -> str | None:
    row = session.get(Tag, tag_id)
    return None if row is None else row.name


def find_by_name(session: Session, name: str) -> int | None:
    row = session.exec(select(Tag.id).where(func.lower(Tag.name) == name.lower())).first()
    return None if row is None else int(row)


def add_tag(session: Session, name: str) -> int:
    row = Tag(name=name)
    session.add(row)
    session.flush()
    assert row.id is not None
    return row.id


def rename_tag(session: Session, tag_id: int, name: str) -> None:
    row = session.get(Tag, tag_id)
    assert row is not None
    row.name = name
    session.add(row)
    session.flush()


def delete_tag(session: Session, tag_id: int) -> None:
    session.exec(delete(ActivityTag).where(col(ActivityTag.tag_id) == tag_id))
    session.exec(delete(BeneficiaryTag).where(col(BeneficiaryTag.tag_id) == tag_id))
    session.exec(delete(Tag).where(col(Tag.id) == tag_id))


def activity_tags(session: Session, activity_id: int) -> list[int]:
    return sorted(int(t) for t in session.exec(
        select(ActivityTag.tag_id).where(ActivityTag.activity_id == activity_id)))


def beneficiary_tags(session: Session, beneficiary_id: int) -> list[int]:
    return sorted(int(t) for t in session.exec(
        select(BeneficiaryTag.tag_id).where(BeneficiaryTag.beneficiary_id == beneficiary_id)))


def set_activity_tags(session: Session, activity_id: int, tag_ids: Sequence[int]) -> None:
    session.exec(delete(ActivityTag).where(col(ActivityTag.activity_id) == activity_id))
    for tag_id in sorted(set(tag_ids)):
        session.add(ActivityTag(activity_id=activity_id, tag_id=tag_id))
    session.flush()


def set_beneficiary_tags(session: Session, beneficiary_id: int, tag_ids: Sequence[int]) -> None:
    session.exec(delete(BeneficiaryTag).where(
        col(BeneficiaryTag.beneficiary_id) == beneficiary_id))
    for tag_id in sorted(set(tag_ids)):
        session.add(BeneficiaryTag(beneficiary_id=beneficiary_id, tag_id=tag_id))
    session.flush()


def existing(session: Session, tag_ids: Sequence[int]) -> set[int]:
    if not tag_ids:
        return set()
    return {int(t) for t in session.exec(select(Tag.id).where(col(Tag.id).in_(list(tag_ids))))
            if t is not None}


def activity_exists(session: Session, activity_id: int) -> bool:
    return session.get(Activity, activity_id) is not None


def beneficiary_tag_names(session: Session, beneficiary_id: int) -> list[str]:
    rows = session.exec(select(Tag.name).join(
        BeneficiaryTag, col(BeneficiaryTag.tag_id) == Tag.id).where(
        BeneficiaryTag.beneficiary_id == beneficiary_id).order_by(col(Tag.name)))
    return [str(n) for n in rows]
