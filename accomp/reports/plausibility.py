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
from collections.abc import Callable
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
    def fail(fr: str, en: str) -> KnownError:
        return refused(position, path, (fr, en))

    if identity is None:
        return
    start, end = identity.period_from, identity.period_to
    if start > end:
        raise fail(f"sa période commence ({start:%d/%m/%Y}) après sa fin ({end:%d/%m/%Y})",
                   f"its period starts ({start:%Y-%m-%d}) after it ends ({end:%Y-%m-%d})")
    if not len(table):
        return
    months = table.column("month")
    outside = pc.sum(pc.or_(pc.less(months, _month(start)),
                            pc.greater(months, _month(end)))).as_py() or 0
    if outside:
        raise fail(f"{outside} ligne(s) ont un mois hors de la période du fichier "
                   f"({_month(start)} à {_month(end)})",
                   f"{outside} row(s) have a month outside the file's period "
                   f"({_month(start)} to {_month(end)})")
    _at_most(table, "duration_min_rounded", MAX_DURATION_MIN, fail,
             ("une durée de plus de {m} minutes", "a duration over {m} minutes"))
    _at_most(table, "participants_anonymous", MAX_HEAD_COUNT, fail,
             ("plus de {m} participants anonymes", "over {m} anonymous participants"))
    tracked = pc.list_value_length(table.column("participant_keys"))
    too_many = pc.sum(pc.greater(tracked, MAX_TRACKED)).as_py() or 0
    if too_many:
        raise fail(f"{too_many} ligne(s) comptent plus de {MAX_TRACKED} participants suivis",
                   f"{too_many} row(s) count over {MAX_TRACKED} tracked participants")
    already = pc.sum(pc.greater(table.column("anonymous_already_supported"),
                                table.column("participants_anonymous"))).as_py() or 0
    if already:
        raise fail(f"{already} ligne(s) comptent plus de participants anonymes déjà "
                   "accompagnés que de participants anonymes",
                   f"{already} row(s) count more anonymous participants already supported "
                   "than anonymous participants")
    ids = table.column("row_id")
    present = len(ids) - ids.null_count
    repeated = present - (pc.count_distinct(ids).as_py() if present else 0)
    if repeated:
        raise fail(f"{repeated} ligne(s) répètent l'identifiant d'une autre ligne",
                   f"{repeated} row(s) repeat another row's id")


def _at_most(table: pa.Table, column: str, bound: int,
             fail: Callable[[str, str], KnownError], what: tuple[str, str]) -> None:
    over = pc.sum(pc.greater(table.column(column), bound)).as_py() or 0
    if over:
        fr, en = what
        raise fail(f"{over} ligne(s) ont " + fr.format(m=bound),
                   f"{over} row(s) have " + en.format(m=bound))


def _month(day: dt.date) -> str:
    return f"{day:%Y-%m}"
