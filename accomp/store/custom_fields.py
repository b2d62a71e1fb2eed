"""Custom fields (tables `custom_field`, `file_field_value`, `activity_field_value`):
the structure's field definitions and the values set on people's files and on
sessions, read and written in the caller's transaction. A value is about the person:
it goes with the file at anonymisation (forget_person, which also empties the
person's own sessions) and cascades with it. A session's values are keyed by the
session, so they follow it when a merge moves it to the kept file."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Column, delete, func, update
from sqlmodel import Field, Session, SQLModel, col, select

from accomp.store.tables import Activity


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class CustomField(SQLModel, table=True):
    __tablename__ = "custom_field"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=40, unique=True)
    kind: str = Field(max_length=10)
    choices: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: dt.datetime = Field(default_factory=_now)


class FileFieldValue(SQLModel, table=True):
    __tablename__ = "file_field_value"

    beneficiary_id: int = Field(foreign_key="beneficiary.id", primary_key=True,
                                ondelete="CASCADE")
    field_id: int = Field(foreign_key="custom_field.id", primary_key=True, index=True,
                          ondelete="CASCADE")
    value: str = Field(max_length=80)


class ActivityFieldValue(SQLModel, table=True):
    __tablename__ = "activity_field_value"

    activity_id: int = Field(foreign_key="activity.id", primary_key=True, ondelete="CASCADE")
    field_id: int = Field(foreign_key="custom_field.id", primary_key=True, index=True,
                          ondelete="CASCADE")
    value: str = Field(max_length=80)


def all_fields(session: Session) -> list[CustomField]:
    return list(session.exec(select(CustomField).order_by(func.lower(CustomField.name))).all())


def get_field(session: Session, field_id: int) -> CustomField | None:
    return session.get(CustomField, field_id)


def find_by_name(session: Session, name: str) -> int | None:
    found = session.exec(select(CustomField.id).where(
        func.lower(CustomField.name) == name.lower())).first()
    return None if found is None else int(found)


def add_field(session: Session, name: str, kind: str, choices: list[str]) -> CustomField:
    row = CustomField(name=name, kind=kind, choices=choices)
    session.add(row)
    session.flush()
    return row


def delete_field(session: Session, field_id: int) -> None:
    session.exec(delete(FileFieldValue).where(col(FileFieldValue.field_id) == field_id))
    session.exec(delete(ActivityFieldValue).where(
        col(ActivityFieldValue.field_id) == field_id))
    session.exec(delete(CustomField).where(col(CustomField.id) == field_id))


def values_of(session: Session, beneficiary_id: int) -> dict[int, str]:
    """field id -> value set on a file."""
    rows = session.exec(select(FileFieldValue.field_id, FileFieldValue.value).where(
        FileFieldValue.beneficiary_id == beneficiary_id)).all()
    return {int(f): str(v) for f, v in rows}


def set_value(session: Session, beneficiary_id: int, field_id: int, value: str | None) -> None:
    """Set (or with None, remove) a file's value of a field."""
    session.exec(delete(FileFieldValue).where(
        col(FileFieldValue.beneficiary_id) == beneficiary_id,
        col(FileFieldValue.field_id) == field_id))
    if value is not None:
        session.add(FileFieldValue(beneficiary_id=beneficiary_id, field_id=field_id,
                                   value=value))
    session.flush()


def move_values(session: Session, absorbed_id: int, kept_id: int) -> dict[str, Any]:
    """A merge: the absorbed file's values go to the kept file for the fields the kept
    file has none of; the others are deleted (the kept file's value stays). Returns
    what undo needs: the moved field ids and the deleted values."""
    theirs, ours = values_of(session, absorbed_id), values_of(session, kept_id)
    moved = sorted(f for f in theirs if f not in ours)
    dropped = {str(f): v for f, v in theirs.items() if f in ours}
    for field_id in moved:
        set_value(session, absorbed_id, field_id, None)
        set_value(session, kept_id, field_id, theirs[field_id])
    for key in dropped:
        set_value(session, absorbed_id, int(key), None)
    return {"moved": moved, "dropped": dropped}


def restore_values(session: Session, absorbed_id: int, kept_id: int,
                   saved: dict[str, Any]) -> None:
    """Undo move_values."""
    ours = values_of(session, kept_id)
    for field_id in saved.get("moved", []):
        if field_id in ours:
            set_value(session, kept_id, field_id, None)
            set_value(session, absorbed_id, field_id, ours[field_id])
    for key, value in saved.get("dropped", {}).items():
        if get_field(session, int(key)) is not None:
            set_value(session, absorbed_id, int(key), value)


def rename_field(session: Session, field_id: int, name: str, choices: list[str],
                 renamed: dict[str, str]) -> None:
    """Rename a field, set its choices, and carry the values of renamed choices
    (old -> new) on files and sessions."""
    row = session.get(CustomField, field_id)
    assert row is not None
    row.name, row.choices = name, list(choices)
    session.add(row)
    for table in (FileFieldValue, ActivityFieldValue):
        for old, new in renamed.items():
            session.exec(update(table).where(
                col(table.field_id) == field_id, col(table.value) == old).values(value=new))
    session.flush()


def session_values_of(session: Session, activity_id: int) -> dict[int, str]:
    """field id -> value set on a session."""
    rows = session.exec(select(ActivityFieldValue.field_id, ActivityFieldValue.value).where(
        ActivityFieldValue.activity_id == activity_id)).all()
    return {int(f): str(v) for f, v in rows}


def set_session_value(session: Session, activity_id: int, field_id: int,
                      value: str | None) -> None:
    """Set (or with None, remove) a session's value of a field."""
    session.exec(delete(ActivityFieldValue).where(
        col(ActivityFieldValue.activity_id) == activity_id,
        col(ActivityFieldValue.field_id) == field_id))
    if value is not None:
        session.add(ActivityFieldValue(activity_id=activity_id, field_id=field_id,
                                       value=value))
    session.flush()


def forget_person(session: Session, beneficiary_id: int) -> int:
    """Delete every value set on a file and on the person's own sessions (at
    anonymisation); how many went. A workshop's values are the workshop's."""
    result = session.exec(delete(FileFieldValue).where(
        col(FileFieldValue.beneficiary_id) == beneficiary_id))
    own = select(Activity.id).where(col(Activity.beneficiary_id) == beneficiary_id)
    sessions = session.exec(delete(ActivityFieldValue).where(
        col(ActivityFieldValue.activity_id).in_(own)))
    return int(result.rowcount) + int(sessions.rowcount)


def named_session_values_of(session: Session, beneficiary_id: int) -> dict[int, dict[str, str]]:
    """activity id -> {field name: value} of the person's own sessions (for the
    person's access record)."""
    rows = session.exec(select(ActivityFieldValue.activity_id, CustomField.name,
                               ActivityFieldValue.value).join(
        CustomField, col(ActivityFieldValue.field_id) == col(CustomField.id)).join(
        Activity, col(Activity.id) == col(ActivityFieldValue.activity_id)).where(
        col(Activity.beneficiary_id) == beneficiary_id).order_by(col(CustomField.name)))
    out: dict[int, dict[str, str]] = {}
    for aid, name, value in rows:
        out.setdefault(int(aid), {})[str(name)] = str(value)
    return out


def named_values_of(session: Session, beneficiary_id: int) -> dict[str, str]:
    """field name -> value of a file (for the person's access record)."""
    rows = session.exec(select(CustomField.name, FileFieldValue.value).join(
        FileFieldValue, col(FileFieldValue.field_id) == col(CustomField.id)).where(
        FileFieldValue.beneficiary_id == beneficiary_id).order_by(col(CustomField.name)))
    return {str(n): str(v) for n, v in rows}


def has_value_sql(activity: str, field_param: str, value_param: str) -> str:
    """SQL condition: the session `activity` (an alias of the activity table)
    holds `:value_param` in field `:field_param`, or the file of its person or of
    one of its tracked participants does (the same meaning as a tag in
    store.tags.in_tag_sql)."""
    return (
        f"(EXISTS (SELECT 1 FROM activity_field_value afv WHERE afv.activity_id = "
        f"{activity}.id AND afv.field_id = :{field_param} AND afv.value = :{value_param}) "
        f"OR EXISTS (SELECT 1 FROM file_field_value ffv WHERE ffv.field_id = :{field_param} "
        f"AND ffv.value = :{value_param} AND (ffv.beneficiary_id = {activity}.beneficiary_id "
        f"OR ffv.beneficiary_id IN (SELECT apt.beneficiary_id FROM activity_participant apt "
        f"WHERE apt.activity_id = {activity}.id))))"
    )


def has_value_clause(field_id: int, value: str) -> Any:
    """has_value_sql for a select() over the activity table."""
    from sqlalchemy import text

    return text(has_value_sql("activity", "cf_field", "cf_value")).bindparams(
        cf_field=field_id, cf_value=value)
