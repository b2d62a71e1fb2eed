"""Named values of the vault (table `setting`): read and written in the caller's
transaction. Values are text; callers encode binary values themselves."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from accomp.store.tables import Setting


def get(session: Session, key: str) -> str | None:
    row = session.get(Setting, key)
    return None if row is None else row.value


def put(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
        row.updated_at = dt.datetime.now(dt.UTC)
        session.add(row)
    session.flush()
