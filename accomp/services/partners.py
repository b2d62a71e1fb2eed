"""The partner directory: structures people are referred to (name, type from the
Coop's structure typology, address, hours, phone, themes handled, contact person,
notes), kept in the vault; shared with the team as CSV. It holds no beneficiary
data. A session's referral can be linked to a partner; stats count referrals by
partner type."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from accomp.domain.clock import instant
from accomp.domain.errors import KnownError
from accomp.domain.vocab import vocabulary
from accomp.privacy import cellkey
from accomp.privacy.generalise import NON_COMMUNIQUE
from accomp.reports import destination
from accomp.store import audit, consents
from accomp.store import partners as store
from accomp.store.tables import Activity
from accomp.store.vault import Vault

CSV_COLUMNS = ("name", "typology", "address", "hours", "phone", "themes", "contact", "notes")
_LIMITS = {"name": 200, "typology": 80, "address": 400, "hours": 400, "phone": 40,
           "contact": 200, "notes": 4000}
MAX_CSV_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class PartnerOut:
    id: int
    name: str
    typology: str | None
    address: str | None
    hours: str | None
    phone: str | None
    themes: tuple[str, ...]
    contact: str | None
    notes: str | None


def _out(row: Any) -> PartnerOut:
    return PartnerOut(row.id, row.name, row.typology, row.address, row.hours, row.phone,
                      tuple(row.themes), row.contact, row.notes)


def clean_partner(data: dict[str, Any]) -> dict[str, Any]:
    """Validated values of a partner. Refuses required (no name), too_long,
    control_chars, not_in_list (a type or a theme not in the vocabulary)."""
    out: dict[str, Any] = {}
    for key, limit in _LIMITS.items():
        raw = data.get(key)
        value = str(raw).strip() if raw is not None else ""
        if key != "notes" and any(ord(c) < 32 for c in value):
            raise KnownError("control_chars", "partner_" + key)
        if len(value) > limit:
            raise KnownError("too_long", "partner_" + key, max=limit)
        out[key] = value or None
    if out["name"] is None:
        raise KnownError("required", "partner_name")
    if out["typology"] is not None and out["typology"] not in \
            vocabulary().keys("structure_typologies"):
        raise KnownError("not_in_list", "partner_typology")
    themes = data.get("themes") or []
    if isinstance(themes, str):
        themes = [t.strip() for t in themes.split(";") if t.strip()]
    known = vocabulary().keys("themes")
    if any(t not in known for t in themes):
        raise KnownError("not_in_list", "partner_themes")
    out["themes"] = sorted(set(themes))
    return out


def save_partner(vault: Vault, data: dict[str, Any], partner_id: int | None = None,
                 *, now: dt.datetime | None = None) -> PartnerOut:
    """Add a partner, or change one (`partner_id`). Refuses what clean_partner
    refuses, and not_found. Journal: partner.save with the partner's id."""
    values = clean_partner(data)
    at = instant(None, now)
    with vault.transaction() as s:
        if partner_id is not None and store.partner(s, partner_id) is None:
            raise KnownError("not_found", "partner")
        row = store.put_partner(s, values, consents.utc(at), partner_id)
        audit.append(s, actor=vault.worker, action="partner.save", entity="partner",
                     ref=str(row.id), at=at)
        return _out(row)


def list_partners(vault: Vault) -> list[PartnerOut]:
    """The directory, by name. Reads only."""
    with vault.reading() as s:
        return [_out(r) for r in store.all_partners(s)]


def delete_partner(vault: Vault, partner_id: int) -> None:
    """Remove a partner no session is linked to. Refuses not_found,
    partner_in_use. Journal: partner.delete."""
    with vault.transaction() as s:
        row = store.partner(s, partner_id)
        if row is None:
            raise KnownError("not_found", "partner")
        if store.referrals_to(s, partner_id):
            raise KnownError("partner_in_use")
        store.delete_partner(s, row)
        audit.append(s, actor=vault.worker, action="partner.delete", entity="partner",
                     ref=str(partner_id))


def export_csv(vault: Vault, path: str | os.PathLike[str], *, replace: bool = False) -> Path:
    """Write the directory as CSV (UTF-8, comma, themes separated by ";") for the
    team. Refuses what writing a file refuses. Journal: export.partners (count)."""
    rows = list_partners(vault)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for p in rows:
        writer.writerow([p.name, p.typology or "", p.address or "", p.hours or "",
                         p.phone or "", ";".join(p.themes), p.contact or "", p.notes or ""])
    written = destination.write_file(path, buffer.getvalue().encode("utf-8"),
                                     data_dir=vault.paths.data_dir, replace=replace)
    with vault.transaction() as s:
        audit.append(s, actor=vault.worker, action="export.partners", entity="partner",
                     details={"partners": len(rows)})
    return written


@dataclass(frozen=True, slots=True)
class CsvImport:
    added: int
    skipped: int  # already in the directory (same name and address)


def import_csv(vault: Vault, path: str | os.PathLike[str],
               *, now: dt.datetime | None = None) -> CsvImport:
    """Add the partners of a CSV file written by export_csv (a colleague's list);
    those already in the directory (same name and address, case ignored) are
    skipped. All or nothing. Refuses partner_csv_invalid (not readable, not UTF-8,
    missing columns, too large; the line number is given) and what clean_partner
    refuses. Journal: partner.import (counts)."""
    try:
        raw = Path(path).read_bytes()
        if len(raw) > MAX_CSV_BYTES:
            raise KnownError("partner_csv_invalid", line=0)
        text = raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        raise KnownError("partner_csv_invalid", line=0) from None
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or "name" not in reader.fieldnames:
        raise KnownError("partner_csv_invalid", line=1)
    at = consents.utc(instant(None, now))
    added = skipped = 0
    with vault.transaction() as s:
        seen = {_key(p.name, p.address) for p in store.all_partners(s)}
        for number, line in enumerate(reader, start=2):
            if None in line:
                raise KnownError("partner_csv_invalid", line=number)
            values = clean_partner({k: line.get(k) for k in CSV_COLUMNS})
            key = _key(values["name"], values["address"])
            if key in seen:
                skipped += 1
                continue
            seen.add(key)
            store.put_partner(s, values, at)
            added += 1
        audit.append(s, actor=vault.worker, action="partner.import", entity="partner",
                     details={"added": added, "skipped": skipped}, at=at)
    return CsvImport(added, skipped)


def _key(name: str | None, address: str | None) -> tuple[str, str]:
    return ((name or "").casefold().strip(), (address or "").casefold().strip())


def link_referral(vault: Vault, activity_id: int, partner_id: int) -> None:
    """Link a session's referral to a partner of the directory. Refuses not_found
    (session or partner), referral_needed (the session is not a referral).
    Journal: referral.link with the ids."""
    with vault.transaction() as s:
        activity = s.get(Activity, activity_id)
        if activity is None:
            raise KnownError("not_found", "activity")
        if store.partner(s, partner_id) is None:
            raise KnownError("not_found", "partner")
        if not activity.referred:
            raise KnownError("referral_needed")
        store.link(s, activity_id, partner_id)
        audit.append(s, actor=vault.worker, action="referral.link", entity="activity",
                     ref=str(activity_id), details={"partner": partner_id})


def referral_partner(vault: Vault, activity_id: int) -> PartnerOut | None:
    """The partner a session's referral is linked to, if any. Reads only."""
    with vault.reading() as s:
        row = store.linked_partner(s, activity_id)
        return None if row is None else _out(row)


def referrals_by_partner_type(vault: Vault, date_from: dt.date,
                              date_to: dt.date) -> dict[str, int]:
    """Sessions of the period referred to a partner, by the partner's type ("" for
    a partner without a type): true counts, for the worker's own eyes. Reads only."""
    with vault.reading() as s:
        return {t or "": len(ids)
                for t, ids in store.referral_ids_by_typology(s, date_from, date_to).items()}


def referral_counts(session: Any, start: dt.date, end: dt.date,
                    seed: bytes) -> tuple[dict[str, int], dict[str, int]]:
    """True counts of the period's referrals to a partner by the partner's type
    (NonCommunique for a partner without one), and each cell's sum of record keys
    (a keyed hash of the referred session's id with the logbook's seed, one key per
    referral, as for sessions and appointments). Only ever handed to
    reports.summary.build_summary, which protects them."""
    found = store.referral_ids_by_typology(session, start, end)
    counts: dict[str, int] = {}
    key_sums: dict[str, int] = {}
    for typology, ids in found.items():
        category = typology or NON_COMMUNIQUE
        counts[category] = counts.get(category, 0) + len(ids)
        key_sums[category] = key_sums.get(category, 0) + sum(
            cellkey.record_keys(seed, [f"referral/{i}" for i in ids]))
    return counts, key_sums
