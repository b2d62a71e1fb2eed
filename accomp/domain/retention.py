"""Retention rules: how long each class of data is kept, and when it falls due.

Pure rules (standard library only); every rule takes `today` as an argument.

The CNIL's guidance for social-support files: a file stays active 2 years after the
last contact, then is deleted or anonymised; access logs are kept 6 to 12 months.
A structure may choose shorter periods, never longer ones: the bounds below are the
legal frame, the defaults are what a new vault starts with.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from accomp.domain.consent import add_months


class DataClass(StrEnum):
    """A class of data with its own retention period. Values are stored as is."""

    IDENTIFIED_FILE = "identified_file"  # identity, contact, notes of a file, mandates
    NOTES = "notes"  # free-text notes of sessions and files
    JOURNAL = "journal"  # the audit journal (who opened or changed what)
    EXPORT_RECORDS = "export_records"  # records of what left the machine, with its hash


@dataclass(frozen=True, slots=True)
class PeriodRule:
    default: int
    minimum: int
    maximum: int
    fr: str
    en: str
    counted_from_fr: str
    counted_from_en: str

    def label(self, lang: str = "fr") -> str:
        return self.fr if lang == "fr" else self.en

    def counted_from(self, lang: str = "fr") -> str:
        return self.counted_from_fr if lang == "fr" else self.counted_from_en


# Periods in months. Export records outlive the journal (the bounds guarantee it), so
# the journal can be pruned without losing the proof of an export still in force.
RULES: dict[DataClass, PeriodRule] = {
    DataClass.IDENTIFIED_FILE: PeriodRule(
        24, 3, 24, "Dossier identifié", "Identified file",
        "après le dernier contact", "after the last contact",
    ),
    DataClass.NOTES: PeriodRule(
        12, 1, 24, "Notes", "Notes",
        "après la séance (ou le dernier contact pour les notes du dossier)",
        "after the session (or the last contact for a file's notes)",
    ),
    DataClass.JOURNAL: PeriodRule(
        12, 6, 12, "Journal des accès et modifications", "Access and change journal",
        "après l'événement", "after the event",
    ),
    DataClass.EXPORT_RECORDS: PeriodRule(
        24, 12, 60, "Traces des exports", "Export records",
        "après l'export", "after the export",
    ),
}

DEFAULT_BACKUP_KEEP = 7
BACKUP_KEEP_BOUNDS = (1, 60)


def default_periods() -> dict[DataClass, int]:
    return {c: r.default for c, r in RULES.items()}


def in_bounds(data_class: DataClass, months: int) -> bool:
    rule = RULES[data_class]
    return rule.minimum <= months <= rule.maximum


def due_on(reference: dt.date, months: int) -> dt.date:
    """First day on which data whose clock started on `reference` must be purged."""
    return add_months(reference, months)


def is_due(reference: dt.date, months: int, today: dt.date) -> bool:
    return due_on(reference, months) <= today


def cutoff(today: dt.date, months: int) -> dt.date:
    """Data whose reference date is before this day is due today."""
    # due_on(ref) <= today  <=>  ref < first day d with due_on(d) > today. add_months
    # clamps month ends, so search the few candidate days rather than invert it.
    day = add_months(today, -months)
    while due_on(day, months) <= today:
        day += dt.timedelta(days=1)
    while day > dt.date.min and due_on(day - dt.timedelta(days=1), months) > today:
        day -= dt.timedelta(days=1)
    return day
