"""Plausibility of an activity file's rows, before a consolidation counts them.

The authentication tag (reports.activity_tag) proves a file is as it was
exported; these checks catch what a tag cannot: a file accepted without a tag
(schema 1), or a writer's bug. Every bound is the one the logbook enforces when a
session is saved (domain.models), so a true export always passes:

- the file's period starts on or before its end;
- every month is within the file's period;
- a duration (rounded to the quarter hour) is at most MAX_DURATION_MIN minutes;
- a workshop counts at most MAX_HEAD_COUNT anonymous participants, of whom no more
  already supported than there are, and at most MAX_TRACKED tracked participants;
- no row id appears twice (schema 2).

A failed check is a refusal of the file (KnownError consolidation_refused naming
it and saying what is wrong and on how many rows), never a traceback.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from accomp.domain.errors import KnownError
from accomp.reports.activity_rows import FileIdentity, refused

MAX_DURATION_MIN = 720
MAX_HEAD_COUNT = 1000
MAX_TRACKED = 500


def check_plausible(table: pa.Table, identity: FileIdentity | None, position: int,
                    path: Path) -> None:
    """Refuses (KnownError consolidation_refused) the first implausible fact found."""
    if identity is None or not len(table):
        refuse_implausible(position, path, identity)
        return
    start, end = identity.period_from, identity.period_to
    months = table.column("month")

    def count(mask: pa.ChunkedArray | pa.Array) -> int:
        return int(pc.sum(mask).as_py() or 0)

    ids = table.column("row_id")
    present = len(ids) - ids.null_count
    refuse_implausible(
        position, path, identity,
        outside=count(pc.or_(pc.less(months, month_of(start)),
                             pc.greater(months, month_of(end)))),
        long=count(pc.greater(table.column("duration_min_rounded"), MAX_DURATION_MIN)),
        crowded=count(pc.greater(table.column("participants_anonymous"), MAX_HEAD_COUNT)),
        tracked=count(pc.greater(pc.list_value_length(table.column("participant_keys")),
                                 MAX_TRACKED)),
        already=count(pc.greater(table.column("anonymous_already_supported"),
                                 table.column("participants_anonymous"))),
        repeated=present - (pc.count_distinct(ids).as_py() if present else 0),
    )


def refuse_implausible(
    position: int, path: Path, identity: FileIdentity | None, *, outside: int = 0,
    long: int = 0, crowded: int = 0, tracked: int = 0, already: int = 0, repeated: int = 0,
) -> None:
    """Refuses (KnownError consolidation_refused) a reversed period, then the first
    kind of implausible row counted (rows whose month is outside the period, too
    long, too crowded, with too many tracked participants, more already supported
    than anonymous participants, repeated row ids)."""
    def fail(fr: str, en: str) -> KnownError:
        return refused(position, path, (fr, en))

    if identity is not None and identity.period_from > identity.period_to:
        start, end = identity.period_from, identity.period_to
        raise fail(f"sa période commence ({start:%d/%m/%Y}) après sa fin ({end:%d/%m/%Y})",
                   f"its period starts ({start:%Y-%m-%d}) after it ends ({end:%Y-%m-%d})")
    if outside and identity is not None:
        low, high = month_of(identity.period_from), month_of(identity.period_to)
        raise fail(f"{outside} ligne(s) ont un mois hors de la période du fichier "
                   f"({low} à {high})",
                   f"{outside} row(s) have a month outside the file's period ({low} to {high})")
    if long:
        raise fail(f"{long} ligne(s) ont une durée de plus de {MAX_DURATION_MIN} minutes",
                   f"{long} row(s) have a duration over {MAX_DURATION_MIN} minutes")
    if crowded:
        raise fail(f"{crowded} ligne(s) ont plus de {MAX_HEAD_COUNT} participants anonymes",
                   f"{crowded} row(s) have over {MAX_HEAD_COUNT} anonymous participants")
    if tracked:
        raise fail(f"{tracked} ligne(s) comptent plus de {MAX_TRACKED} participants suivis",
                   f"{tracked} row(s) count over {MAX_TRACKED} tracked participants")
    if already:
        raise fail(f"{already} ligne(s) comptent plus de participants anonymes déjà "
                   "accompagnés que de participants anonymes",
                   f"{already} row(s) count more anonymous participants already supported "
                   "than anonymous participants")
    if repeated:
        raise fail(f"{repeated} ligne(s) répètent l'identifiant d'une autre ligne",
                   f"{repeated} row(s) repeat another row's id")


def month_of(day: dt.date) -> str:
    """The YYYY-MM of a day, as the activity files write months."""
    return f"{day:%Y-%m}"
