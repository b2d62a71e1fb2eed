"""Queries of the skills passport: the competences observed at a session, and a
person's (or everyone's) observations over time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import text
from sqlmodel import Session, col, delete, select

from accomp.store.tables import Activity, Beneficiary
from accomp.store.tag_tables import CompetenceObservation
from accomp.store.tags import in_tag_sql


def activity_person(session: Session, activity_id: int) -> tuple[str, int | None, dt.date] | None:
    """(kind, person's file id or None, date) of a session; None if there is none."""
    row = session.get(Activity, activity_id)
    return None if row is None else (row.kind, row.beneficiary_id, row.date)


def code_of(session: Session, beneficiary_id: int) -> str | None:
    row = session.get(Beneficiary, beneficiary_id)
    return None if row is None else row.code


def of_activity(session: Session, activity_id: int) -> list[tuple[str, int]]:
    rows = session.exec(
        select(CompetenceObservation.competence, CompetenceObservation.level)
        .where(CompetenceObservation.activity_id == activity_id)
        .order_by(col(CompetenceObservation.competence)))
    return [(str(c), int(n)) for c, n in rows]


def stored_for_activity(session: Session, activity_id: int
                        ) -> list[tuple[str, int, int, dt.date]]:
    """(competence, level, file id, day) of each observation of a session."""
    rows = session.exec(
        select(col(CompetenceObservation.competence), col(CompetenceObservation.level),
               col(CompetenceObservation.beneficiary_id), col(CompetenceObservation.observed_on))
        .where(CompetenceObservation.activity_id == activity_id)
        .order_by(col(CompetenceObservation.competence)))
    return [(str(c), int(n), int(b), d) for c, n, b, d in rows]


def replace_for_activity(session: Session, activity_id: int, beneficiary_id: int | None,
                         day: dt.date, entries: Sequence[tuple[str, int]]) -> None:
    session.exec(delete(CompetenceObservation).where(
        col(CompetenceObservation.activity_id) == activity_id))
    for competence, level in entries:
        assert beneficiary_id is not None
        session.add(CompetenceObservation(activity_id=activity_id, beneficiary_id=beneficiary_id,
                                          competence=competence, level=level, observed_on=day))
    session.flush()


def of_person(session: Session, beneficiary_id: int) -> list[tuple[str, int, dt.date]]:
    rows = session.exec(
        select(col(CompetenceObservation.competence), col(CompetenceObservation.level),
               col(CompetenceObservation.observed_on))
        .where(CompetenceObservation.beneficiary_id == beneficiary_id)
        .order_by(col(CompetenceObservation.observed_on), col(CompetenceObservation.id)))
    return [(str(c), int(n), d) for c, n, d in rows]


def everyone_until(session: Session, end: dt.date, tag: int | None = None
                   ) -> list[tuple[str, str, int, dt.date]]:
    """(file code, competence, level, day) of every observation up to `end`; with
    `tag`, of the sessions in that tag only (store.tags)."""
    where = "o.observed_on <= :end" + (f" AND {in_tag_sql('a')}" if tag is not None else "")
    rows = session.connection().execute(text(
        "SELECT b.code, o.competence, o.level, o.observed_on FROM competence_observation o "
        "JOIN beneficiary b ON b.id = o.beneficiary_id "
        f"JOIN activity a ON a.id = o.activity_id WHERE {where}"),
        {"end": end.isoformat(), "tag": tag})
    return [(str(b), str(c), int(n), dt.date.fromisoformat(str(d))) for b, c, n, d in rows]


def forget_person(session: Session, beneficiary_id: int) -> int:
    """Delete a person's passport (at anonymisation); how many observations went."""
    result = session.exec(delete(CompetenceObservation).where(
        col(CompetenceObservation.beneficiary_id) == beneficiary_id))
    return int(result.rowcount)
