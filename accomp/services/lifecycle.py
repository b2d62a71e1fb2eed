"""Retention: periods per class of data, what is due, applying it after review, the
purge register; pruning the audit journal; reading the journal (the viewer).

Nothing is purged on its own: `due_for_retention` lists what is due (the review
screen, and the reminder at start-up when the list is not empty), and
`apply_retention` purges what the worker selected from that list, if it is still
due. Every purge leaves a line in the purge register (pseudonymous codes only) and
an event in the journal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from accomp.domain.clock import instant
from accomp.domain.errors import KnownError
from accomp.domain.retention import (
    BACKUP_KEEP_BOUNDS,
    DEFAULT_BACKUP_KEEP,
    RULES,
    DataClass,
    cutoff,
    due_on,
    in_bounds,
)
from accomp.store import audit, transfers, vault_keys
from accomp.store import journal as journal_store
from accomp.store import lifecycle as store
from accomp.store.vault import Vault

NO_FILE = store.NO_FILE
_SETTING = "retention.{}"
_BACKUP_KEEP = "backup.keep"

# Journal events that record something leaving the machine (anonymised exports,
# copies handed to a person, documents saved or printed, the structure secret, the
# register, backups to another folder): when the journal is pruned they are carried
# over as export records, kept for their own period.
EXPORT_ACTIONS = ("export", "consolidate", "rights.access", "register", "document",
                  "structure_secret.export", "transfer.export", "transfer.import")

_ORDER = {DataClass.IDENTIFIED_FILE: 0, DataClass.NOTES: 1, DataClass.EXPORT_RECORDS: 2,
          DataClass.JOURNAL: 3}


def is_export_event(action: str, details: dict[str, Any] | None = None) -> bool:
    if action == "backup.write":
        return bool((details or {}).get("external"))
    return any(action == p or action.startswith(p + ".") for p in EXPORT_ACTIONS)


# --- settings ----------------------------------------------------------------------


def _periods(session: Any) -> dict[DataClass, int]:
    out = {}
    for data_class, rule in RULES.items():
        stored = store.get_int_setting(session, _SETTING.format(data_class.value))
        out[data_class] = stored if stored is not None and in_bounds(data_class, stored) \
            else rule.default
    return out


def retention_periods(vault: Vault) -> dict[DataClass, int]:
    """The periods in force, in months (the defaults until the worker changes one)."""
    with vault.reading() as s:
        return _periods(s)


def set_retention_period(vault: Vault, data_class: DataClass | str, months: int) -> None:
    """Change one period. Refuses retention_out_of_bounds (the legal frame, see
    domain/retention.RULES). Journal: retention.settings with the class and months."""
    data_class = DataClass(data_class)
    rule = RULES[data_class]
    if not in_bounds(data_class, months):
        raise KnownError("retention_out_of_bounds", data_class.value, min=rule.minimum,
                         max=rule.maximum)
    with vault.transaction() as s:
        store.put_int_setting(s, _SETTING.format(data_class.value), months)
        audit.append(s, actor=vault.worker, action="retention.settings", entity="vault",
                     details={"data_class": data_class.value, "months": months})


def backup_keep(vault: Vault) -> int:
    """How many daily backups are kept (7 unless changed)."""
    with vault.reading() as s:
        stored = store.get_int_setting(s, _BACKUP_KEEP)
    low, high = BACKUP_KEEP_BOUNDS
    return stored if stored is not None and low <= stored <= high else DEFAULT_BACKUP_KEEP


def set_backup_keep(vault: Vault, count: int) -> None:
    """Refuses retention_out_of_bounds outside 1..60. Journal: backup.settings."""
    low, high = BACKUP_KEEP_BOUNDS
    if not low <= count <= high:
        raise KnownError("retention_out_of_bounds", "backup_keep", min=low, max=high)
    with vault.transaction() as s:
        store.put_int_setting(s, _BACKUP_KEEP, count)
        audit.append(s, actor=vault.worker, action="backup.settings", entity="vault",
                     details={"keep": count})


# --- what is due -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DueItem:
    """One line of the review screen.

    `ref` is a file's pseudonymous code; for notes of sessions without a file it is
    NO_FILE, for the journal "journal", for export records "exports".
    `reference_date` started the clock: the last contact of a file, the oldest note
    or event concerned. `rows` counts what would go.
    """

    data_class: DataClass
    ref: str
    reference_date: dt.date
    due_on: dt.date
    rows: int


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min)


def _due(session: Any, today: dt.date) -> list[DueItem]:
    periods = _periods(session)
    items: list[DueItem] = []
    months = periods[DataClass.IDENTIFIED_FILE]
    for _, code, start in store.identified_files(session):
        if due_on(start, months) <= today:
            items.append(DueItem(DataClass.IDENTIFIED_FILE, code, start, due_on(start, months), 1))
    listed = {i.ref for i in items}  # a file passed on to a colleague is due at once
    items += [DueItem(DataClass.IDENTIFIED_FILE, code, day, day, 1)
              for code, day in transfers.transferred_open_files(session) if code not in listed]
    months = periods[DataClass.NOTES]
    for n in store.notes_due(session, cutoff(today, months)):
        items.append(DueItem(DataClass.NOTES, n.ref, n.oldest, due_on(n.oldest, months), n.rows))
    months = periods[DataClass.EXPORT_RECORDS]
    count, oldest = journal_store.export_records_due(session, _midnight(cutoff(today, months)))
    if count and oldest is not None:
        items.append(DueItem(DataClass.EXPORT_RECORDS, "exports", oldest.date(),
                             due_on(oldest.date(), months), count))
    months = periods[DataClass.JOURNAL]
    journal = journal_store.journal_due(session, _midnight(cutoff(today, months)))
    if journal is not None:
        items.append(DueItem(DataClass.JOURNAL, "journal", journal.oldest.date(),
                             due_on(journal.oldest.date(), months), journal.events))
    return sorted(items, key=lambda i: (_ORDER[i.data_class], i.reference_date, i.ref))


def due_for_retention(vault: Vault, today: dt.date | None = None) -> list[DueItem]:
    """What must be purged today, for review: identified files whose last contact
    is older than their period, old notes, the journal's expired part, expired
    export records. Reads only."""
    with vault.reading() as s:
        return _due(s, today or dt.date.today())


@dataclass(frozen=True, slots=True)
class RetentionOutcome:
    applied: list[DueItem] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # selected, but not (or no longer) due


def apply_retention(
    vault: Vault, selection: Iterable[DueItem | str], today: dt.date | None = None,
    *, now: dt.datetime | None = None,
) -> RetentionOutcome:
    """Purge the selected items that are due today (a plain string selects an
    identified file by its code). Files are anonymised (see erase_beneficiary for
    what goes and what stays), notes erased, expired export records deleted, the
    journal's expired part replaced by a signed checkpoint. Items not due are
    skipped, never purged. One transaction; then the write-ahead log is emptied.
    Journal: retention.anonymise / retention.notes / retention.exports (with codes
    and counts) and journal.prune. Purge register: one line per item."""
    now = now or instant(today)
    today = today or dt.date.today()
    wanted = {
        (DataClass.IDENTIFIED_FILE, x) if isinstance(x, str) else (x.data_class, x.ref)
        for x in selection
    }
    applied: list[DueItem] = []
    with vault.transaction() as s:
        due = _due(s, today)
        periods = _periods(s)
        for item in due:
            if (item.data_class, item.ref) not in wanted:
                continue
            wanted.discard((item.data_class, item.ref))
            rows = _apply(vault, s, item, today, now, periods)
            if rows:
                store.add_purge_record(
                    s, data_class=item.data_class.value, ref=item.ref, reason="retention",
                    rows=rows, reference_date=item.reference_date, actor=vault.worker, at=now,
                )
                applied.append(item)
    vault_keys.truncate_wal(vault.engine)
    return RetentionOutcome(applied, sorted(ref for _, ref in wanted))


def _apply(
    vault: Vault, s: Any, item: DueItem, today: dt.date, now: dt.datetime,
    periods: dict[DataClass, int],
) -> int:
    if item.data_class == DataClass.IDENTIFIED_FILE:
        row = store.find_file(s, item.ref)
        assert row is not None
        done = store.anonymise_file(s, row, now)
        audit.append(s, actor=vault.worker, action="retention.anonymise", entity="beneficiary",
                     ref=item.ref, at=now,
                     details={"fields": done.fields, "activity_notes": done.activity_notes,
                              "mandates": done.mandates, "rectifications": done.rectifications})
        return 1
    if item.data_class == DataClass.NOTES:
        bid = None if item.ref == NO_FILE else store.find_file_id(s, item.ref)
        rows = store.purge_notes(s, bid, cutoff(today, periods[DataClass.NOTES]))
        audit.append(s, actor=vault.worker, action="retention.notes", entity="beneficiary",
                     ref=item.ref, at=now, details={"notes": rows})
        return rows
    if item.data_class == DataClass.EXPORT_RECORDS:
        rows = journal_store.delete_export_records(
            s, _midnight(cutoff(today, periods[DataClass.EXPORT_RECORDS]))
        )
        audit.append(s, actor=vault.worker, action="retention.exports", entity="vault",
                     at=now, details={"records": rows})
        return rows
    return _prune(vault, s, today, now, periods)


def _prune(vault: Vault, s: Any, today: dt.date, now: dt.datetime,
           periods: dict[DataClass, int]) -> int:
    due = journal_store.journal_due(s, _midnight(cutoff(today, periods[DataClass.JOURNAL])))
    if due is None:
        return 0
    keep_from = _midnight(cutoff(today, periods[DataClass.EXPORT_RECORDS]))

    def keep(event: Any) -> bool:
        at: dt.datetime = event.at.replace(tzinfo=None)
        return is_export_event(event.action, event.details) and at >= keep_from

    _, kept = journal_store.prune_journal(s, due, vault_keys.signing_key(vault), now, keep)
    audit.append(s, actor=vault.worker, action="journal.prune", entity="vault", at=now,
                 details={"events": due.events, "first_id": due.first_id,
                          "last_id": due.last_id, "export_records": kept})
    return due.events


def prune_journal(vault: Vault, today: dt.date | None = None) -> int:
    """Prune the journal's expired part now (what selecting the "journal" line of
    the review does); return how many events went."""
    outcome = apply_retention(vault, [DueItem(DataClass.JOURNAL, "journal", dt.date.min,
                                              dt.date.min, 0)], today)
    return sum(i.rows for i in outcome.applied)


# --- the purge register -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PurgeEntry:
    at: dt.datetime  # UTC
    data_class: str
    ref: str
    reason: str  # "retention" or "erasure"
    rows: int
    reference_date: dt.date | None
    actor: str


def purge_register(vault: Vault) -> list[PurgeEntry]:
    """Every purge, oldest first: pseudonymous codes, classes, counts and dates."""
    with vault.reading() as s:
        return [
            PurgeEntry(r.at.replace(tzinfo=dt.UTC), r.data_class, r.ref, r.reason, r.rows,
                       r.reference_date, r.actor)
            for r in store.purge_records(s)
        ]


# --- the journal viewer --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class JournalEntry:
    id: int
    at: dt.datetime  # UTC
    actor: str
    action: str
    entity: str
    ref: str | None
    details: dict[str, Any]


def journal_events(
    vault: Vault, *, date_from: dt.date | None = None, date_to: dt.date | None = None,
    action: str | None = None, code: str | None = None, limit: int = 200,
    before_id: int | None = None,
) -> list[JournalEntry]:
    """A page of the audit journal, newest first. `action` filters on a prefix
    ("beneficiary", "rights.access"); `code` keeps the events about one file (its
    own and those of sessions it is linked to); `date_to` is inclusive. Pass the
    last entry's id as `before_id` for the next page. Reads only."""
    with vault.reading() as s:
        rows = journal_store.audit_events(
            s,
            date_from=_midnight(date_from) if date_from else None,
            date_to=_midnight(date_to + dt.timedelta(days=1)) if date_to else None,
            action_prefix=action, ref=code, limit=limit, before_id=before_id,
        )
        return [
            JournalEntry(int(r.id or 0), r.at.replace(tzinfo=dt.UTC), r.actor, r.action,
                         r.entity, r.ref, dict(r.details))
            for r in rows
        ]
