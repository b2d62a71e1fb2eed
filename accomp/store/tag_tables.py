"""Tables of the structure's tags and of the skills passport (SQLModel table=True).

Tags are the structure's own labels (a local programme, a partner's cohort,
"France Services"): named once, then set on sessions and on people's files.
Competence observations are what a worker saw a person do at a session: a DigComp
competence and the level reached. Personal data: kept in the vault only, shown
to the person in their passport, deleted when the file is anonymised.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Tag(SQLModel, table=True):
    __tablename__ = "tag"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=60, unique=True)
    created_at: dt.datetime = Field(default_factory=_now)


class ActivityTag(SQLModel, table=True):
    __tablename__ = "activity_tag"

    activity_id: int = Field(foreign_key="activity.id", primary_key=True, ondelete="CASCADE")
    tag_id: int = Field(foreign_key="tag.id", primary_key=True, index=True, ondelete="CASCADE")


class BeneficiaryTag(SQLModel, table=True):
    __tablename__ = "beneficiary_tag"

    beneficiary_id: int = Field(
        foreign_key="beneficiary.id", primary_key=True, ondelete="CASCADE")
    tag_id: int = Field(foreign_key="tag.id", primary_key=True, index=True, ondelete="CASCADE")


class CompetenceObservation(SQLModel, table=True):
    __tablename__ = "competence_observation"
    __table_args__ = (UniqueConstraint("activity_id", "beneficiary_id", "competence"),)

    id: int | None = Field(default=None, primary_key=True)
    activity_id: int = Field(foreign_key="activity.id", index=True, ondelete="CASCADE")
    beneficiary_id: int = Field(foreign_key="beneficiary.id", index=True, ondelete="CASCADE")
    competence: str = Field(max_length=8)
    level: int
    observed_on: dt.date
