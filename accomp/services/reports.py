"""Anonymised summaries of a worker's logbook: preview, export, past exports.

The counts are computed by the database (store.stats), suppressed by
reports.summary (privacy.suppression), then written by one of the writers. Only
published numbers ever reach a writer.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accomp.domain.errors import KnownError
from accomp.domain.models import ActivityFilter
from accomp.domain.rules import parse
from accomp.domain.vocab import Lang, vocabulary
from accomp.privacy import cellkey
from accomp.privacy.suppression import DEFAULT_K, MIN_K
from accomp.reports.destination import check_destination
from accomp.reports.output import SUMMARY_FORMATS, render_summary, write_export
from accomp.reports.summary import APPOINTMENT_STATUSES, Summary, build_summary
from accomp.store import audit, stats
from accomp.store.vault import Vault

MAX_K = 1000


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What was written, as the journal records it."""

    path: Path
    format: str
    sha256: str
    size: int
    export_id: str
    details: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ExportRecord:
    """One export as the journal remembers it (for the list of past exports)."""

    event_id: int
    at: str
    actor: str
    action: str
    details: Mapping[str, Any]


def check_k(k: int) -> int:
    """Refuses (KnownError out_of_range on "k") a threshold below 3 or absurdly high."""
    if not isinstance(k, int) or not MIN_K <= k <= MAX_K:
        raise KnownError("out_of_range", "k", min=MIN_K, max=MAX_K)
    return k


def check_period(date_from: dt.date | str, date_to: dt.date | str) -> tuple[dt.date, dt.date]:
    """Dates (or ISO strings) of a period. Refuses invalid (naming the date) and
    period_invalid (start after end)."""
    start = _date(date_from, "date_from")
    end = _date(date_to, "date_to")
    if start > end:
        raise KnownError("period_invalid", "date_from")
    return start, end


def _date(value: dt.date | str, name: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise KnownError("invalid", name) from None


def check_filters(filters: ActivityFilter | Mapping[str, Any] | None) -> ActivityFilter:
    """Filters of an anonymised output: kind, theme, place type, autonomy, tag, a
    custom field's value (checked against the field by `summary`: a choice only).

    Refuses: summary_person_filter (a beneficiary: a summary of one person is not
    anonymous), custom_field_filter_output (a field without a value or a value
    without a field), not_in_list for a value outside the vocabulary. The filter's
    own dates are ignored: the period is given separately.
    """
    if filters is None:
        return ActivityFilter()
    f = filters if isinstance(filters, ActivityFilter) else parse(ActivityFilter, dict(filters))
    if f.beneficiary_id is not None:
        raise KnownError("summary_person_filter", "beneficiary_id")
    if (f.custom_field is None) != (f.custom_value is None):
        raise KnownError("custom_field_filter_output", "custom_field")
    lists = {"theme": "themes", "place_type": "place_types", "autonomy": "autonomy"}
    for name, list_name in lists.items():
        value = getattr(f, name)
        if value is not None and value not in vocabulary().keys(list_name):
            raise KnownError("not_in_list", name)
    return ActivityFilter(kind=f.kind, theme=f.theme, place_type=f.place_type,
                          autonomy=f.autonomy, tag=f.tag, custom_field=f.custom_field,
                          custom_value=f.custom_value)


def filters_dict(f: ActivityFilter) -> dict[str, str]:
    return {
        name: str(value)
        for name in ("kind", "theme", "place_type", "autonomy")
        if (value := getattr(f, name)) is not None
    }


def check_format(fmt: str, allowed: tuple[str, ...]) -> str:
    if fmt not in allowed:
        raise KnownError("not_in_list", "format")
    return fmt


def summary(
    vault: Vault, date_from: dt.date | str, date_to: dt.date | str, *,
    filters: ActivityFilter | Mapping[str, Any] | None = None, k: int = DEFAULT_K,
) -> Summary:
    """The anonymised summary of the logbook over a period (for a preview): every
    table, protected by the cell-key method (reports.summary.protect_counts); and,
    without filters, the follow-up appointments of the period by outcome (planned,
    done, missed), protected the same way with one record key per appointment, and
    the period's referrals by partner type (services.partners.referral_counts; see
    reports.summary.REFERRAL_TABLE for why only unfiltered), one key per referral.

    With a custom field's value (a choice field only), only the sessions in it
    (services.custom_fields), protected the same way: a value held by two people
    is never published as 2. Refuses: invalid dates, period_invalid,
    summary_person_filter, not_in_list, not_found (tag, custom_field),
    custom_field_filter_output (a text field), custom_field_not_a_choice, out_of_range
    for k; vault_read_only if the logbook's record keys must be made
    on a read-only vault. Journal: structure_secret.create the first time the
    logbook needs its structure secret; nothing else (nothing left the machine).
    """
    from accomp.services.custom_fields import choice_filter_name
    from accomp.services.exports import record_keys
    from accomp.services.partners import referral_counts

    start, end = check_period(date_from, date_to)
    f = check_filters(filters)
    check_k(k)
    keys = record_keys(vault)
    with vault.reading() as s:
        published = (filters_dict(f) | tag_filter_name(s, f)
                     | choice_filter_name(s, f.custom_field, f.custom_value))
        counts, key_sums = stats.summary_counts_and_keys(s, start, end, f, keys)
        about = structure_facts(s)
        planned = None if published else appointment_counts(s, start, end, keys.seed)
        referred = None if published else referral_counts(s, start, end, keys.seed)
    return build_summary(counts, keys=key_sums, date_from=start, date_to=end, k=k,
                         filters=published, inputs=about, appointments=planned,
                         referrals=referred)


def appointment_counts(
    session: Any, start: dt.date, end: dt.date, seed: bytes,
) -> tuple[dict[str, int], dict[str, int]]:
    """True appointment counts by status over the period, and each cell's sum of
    record keys (a keyed hash of the appointment's id with the logbook's seed, as
    for sessions). Only ever handed to build_summary, which protects them."""
    from accomp.store import appointments

    ids = appointments.ids_by_status(session, start, end, APPOINTMENT_STATUSES)
    counts = {status: len(found) for status, found in ids.items()}
    key_sums = {status: sum(cellkey.record_keys(seed, [f"appointment/{i}" for i in found]))
                for status, found in ids.items()}
    return counts, key_sums


def tag_filter_name(session: Any, f: ActivityFilter) -> dict[str, str]:
    """The tag filter as a summary states it: the tag's name (its id means nothing
    to a reader). Refuses not_found for a tag that does not exist."""
    from accomp.store import tags

    if f.tag is None:
        return {}
    name = tags.tag_name(session, f.tag)
    if name is None:
        raise KnownError("not_found", "tag")
    return {"tag": name}


def structure_facts(session: Any) -> dict[str, object]:
    """What a summary says of where it comes from: the structure's name and type,
    and whether the vault holds demo data (every page then says DÉMO)."""
    from accomp.services import structure

    facts: dict[str, object] = {}
    name = structure.name_in(session)
    if name:
        facts["structure"] = name
    typology = structure.typology_in(session)
    if typology:
        facts["structure_typology"] = typology
    if structure.is_demo_in(session):
        facts["demo"] = True
    return facts


def export_summary(
    vault: Vault, date_from: dt.date | str, date_to: dt.date | str, fmt: str, out: Path, *,
    filters: ActivityFilter | Mapping[str, Any] | None = None, k: int = DEFAULT_K,
    lang: Lang = "fr", separator: str = ";", bom: bool | None = None, replace: bool = False,
) -> ExportResult:
    """Write the anonymised summary to `out` (xlsx, csv, pdf or json), atomically
    and readable by the user only; an existing file only with `replace` (the user
    confirmed). CSV: ";" with a byte-order mark by default, "," without one for
    tools (unless `bom` says otherwise).

    Refuses as `summary` does, not_in_list for the format or the CSV separator,
    the destinations reports.destination refuses (output_in_data_folder,
    output_protected, output_not_regular, output_exists, output_folder_missing),
    vault_read_only (an export must be journaled), disk_error.
    Journal: export.summary with the format, SHA-256, k, period, filters and the
    number of hidden cells.
    """
    check_format(fmt, SUMMARY_FORMATS)
    check_separator(separator)
    check_destination(out, data_dir=vault.paths.data_dir, replace=replace)
    result = summary(vault, date_from, date_to, filters=filters, k=k)
    data = render_summary(result, fmt, lang=lang, separator=separator,
                          bom=separator == ";" if bom is None else bom)
    details = {
        "period": [result.date_from.isoformat(), result.date_to.isoformat()],
        "k": result.k, "filters": dict(result.filters), "tables": len(result.tables),
        "suppressed_cells": result.suppressed_cells,
    }
    return write_journaled(vault, "export.summary", fmt, out, data, details, replace=replace)


def check_separator(separator: str) -> None:
    if separator not in (",", ";"):
        raise KnownError("not_in_list", "separator")


def write_journaled(
    vault: Vault | None, action: str, fmt: str, out: Path, data: bytes,
    details: Mapping[str, Any], export_id: str | None = None, *, replace: bool = False,
) -> ExportResult:
    """Write an export file and its journal event in one go: if the event cannot
    be recorded, a file that was not there before is removed. Without a vault (a
    supervisor consolidating files on a machine with no logbook) the file is
    written unjournaled. Refuses the destinations reports.destination refuses;
    an existing file is replaced only with `replace`."""
    export_id = export_id or uuid.uuid4().hex
    data_dir = vault.paths.data_dir if vault is not None else None
    target = check_destination(out, data_dir=data_dir, replace=replace)
    if vault is None:
        sha = write_export(target, data, data_dir=None, replace=replace)
        return ExportResult(target, fmt, sha, len(data), export_id, dict(details))
    with _removed_on_error(target), vault.transaction() as s:
        sha = write_export(target, data, data_dir=data_dir, replace=replace)
        full = {"format": fmt, "sha256": sha, "size": len(data), **details}
        audit.append(s, actor=vault.worker, action=action, entity="export", ref=export_id,
                     details=full)
    return ExportResult(target, fmt, sha, len(data), export_id, full)


@contextmanager
def _removed_on_error(path: Path) -> Iterator[None]:
    existed = path.exists()
    try:
        yield
    except BaseException:
        if not existed:
            path.unlink(missing_ok=True)
        raise


def past_exports(vault: Vault, *, limit: int = 200) -> list[ExportRecord]:
    """Exports recorded in the journal, newest first (for the Exports screen)."""
    with vault.reading() as s:
        events = stats.export_events(s, limit)
    return [
        ExportRecord(event_id=e["id"], at=e["at"], actor=e["actor"], action=e["action"],
                     details=e["details"])
        for e in events
    ]
