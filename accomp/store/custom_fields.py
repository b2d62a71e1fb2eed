"""Custom fields (tables `custom_field`, `file_field_value`): the structure's field
definitions and the values set on people's files, read and written in the caller's
transaction. A value is about the person: it goes with the file at anonymisation
(forget_person) and cascades with it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Column, delete, func
from sqlmodel import Field, Session, SQLModel, col, select


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


def forget_person(session: Session, beneficiary_id: int) -> int:
    """Delete every value set on a file (at anonymisation); how many went."""
    result = session.exec(delete(FileFieldValue).where(
        col(FileFieldValue.beneficiary_id) == beneficiary_id))
    return int(result.rowcount)


def named_values_of(session: Session, beneficiary_id: int) -> dict[str, str]:
    """field name -> value of a file (for the person's access record)."""
    rows = session.exec(select(CustomField.name, FileFieldValue.value).join(
        FileFieldValue, col(FileFieldValue.field_id) == col(CustomField.id)).where(
        FileFieldValue.beneficiary_id == beneficiary_id).order_by(col(CustomField.name)))
    return {str(n): str(v) for n, v in rows}


def has_value_sql(activity: str, field_param: str, value_param: str) -> str:
    """SQL condition: the file of the session `activity` (an alias of the activity
    table), or of one of its tracked participants, holds `:value_param` in field
    `:field_param` (the same reach as a file's tag in store.tags.in_tag_sql)."""
    return (
        f"EXISTS (SELECT 1 FROM file_field_value ffv WHERE ffv.field_id = :{field_param} "
        f"AND ffv.value = :{value_param} AND (ffv.beneficiary_id = {activity}.beneficiary_id "
        f"OR ffv.beneficiary_id IN (SELECT apt.beneficiary_id FROM activity_participant apt "
        f"WHERE apt.activity_id = {activity}.id)))"
    )


def has_value_clause(field_id: int, value: str) -> Any:
    """has_value_sql for a select() over the activity table."""
    from sqlalchemy import text

    return text(has_value_sql("activity", "cf_field", "cf_value")).bindparams(
        cf_field=field_id, cf_value=value)
