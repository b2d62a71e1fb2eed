"""Anonymised activity exports, and the structure secret that keys them.

A supervisor counts distinct people across the workers of a structure with keyed
pseudonyms (privacy.pseudonym): every worker of the structure must therefore use
the same secret. A vault makes a random one the first time it needs it; the team
picks one worker's secret, saves it to a file (`save_structure_secret`) and the
others import it (`import_structure_secret`). Changing it makes every later key
unlinkable to earlier ones.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
import uuid
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
from sqlmodel import Session

from accomp.domain.errors import KnownError
from accomp.domain.models import ActivityFilter
from accomp.privacy.generalise import NON_COMMUNIQUE, age_band, duration_bucket, month_of
from accomp.privacy.pseudonym import MIN_SECRET_BYTES
from accomp.privacy.pseudonym import beneficiary_key as _pseudonym
from accomp.privacy.suppression import (
    DEFAULT_K,
    LocalSuppressionReport,
    suppress_rare_combinations,
)
from accomp.reports import activity_rows
from accomp.reports.activity_rows import PERSON_ATTRIBUTES, QUASI_IDENTIFIERS, FileIdentity
from accomp.reports.activity_tag import FileKey
from accomp.reports.output import ACTIVITY_FORMATS
from accomp.reports.summary import FIRST_VISIT, NOT_APPLICABLE, NOT_REFERRED, RETURNING
from accomp.services import structure
from accomp.services.reports import (
    ExportResult,
    check_filters,
    check_format,
    check_k,
    check_period,
    check_separator,
    filters_dict,
    write_journaled,
)
from accomp.store import audit, settings, stats
from accomp.store.filetag import activity_file_key
from accomp.store.vault import Vault

SECRET_SETTING = "structure_secret"  # noqa: S105 (a setting name, not a secret)
VAULT_ID_SETTING = "vault_id"
SECRET_BYTES = 32
SECRET_FILE_HEADER = "accomp-structure-secret/1"  # noqa: S105 (a file header)
_HEX = re.compile(r"[0-9a-f]+")

_STRUCTURE_DOMAIN = b"accomp/structure-id/v1\x00"
_WORKER_DOMAIN = b"accomp/worker-id/v1\x00"


# --- the structure secret -----------------------------------------------------


def structure_id(secret: bytes) -> str:
    """Public name of a secret: files keyed with the same secret have the same id,
    so consolidation can refuse to mix structures. Reveals nothing of the secret."""
    return hmac.new(secret, _STRUCTURE_DOMAIN, hashlib.sha256).digest()[:16].hex()


def worker_id(secret: bytes, vault_id: str) -> str:
    """Pseudonymous id of one vault (one worker) within the structure."""
    digest = hmac.new(secret, _WORKER_DOMAIN + vault_id.encode("ascii"), hashlib.sha256)
    return digest.digest()[:16].hex()


def _secret(session: Session, actor: str) -> bytes:
    stored = settings.get(session, SECRET_SETTING)
    if stored is not None:
        return bytes.fromhex(stored)
    secret = secrets.token_bytes(SECRET_BYTES)
    settings.put(session, SECRET_SETTING, secret.hex())
    audit.append(session, actor=actor, action="structure_secret.create", entity="vault",
                 details={"structure_id": structure_id(secret)})
    return secret


def _vault_id(session: Session) -> str:
    stored = settings.get(session, VAULT_ID_SETTING)
    if stored is None:
        stored = secrets.token_hex(16)
        settings.put(session, VAULT_ID_SETTING, stored)
    return stored


def file_key_from_vault(vault: Vault) -> FileKey:
    """What verifies the structure's activity files, from this vault's secret (made
    now if it has none yet). Journal: structure_secret.create the first time."""
    with vault.transaction() as s:
        secret = _secret(s, vault.worker)
    return FileKey(activity_file_key(secret), structure_id(secret))


def file_key_from_secret_file(path: Path) -> FileKey:
    """What verifies the structure's activity files, from a structure secret file.
    Refuses structure_secret_invalid."""
    secret = read_secret_file(path)
    return FileKey(activity_file_key(secret), structure_id(secret))


def current_structure_id(vault: Vault) -> str:
    """The structure id of this vault's secret (made now if it has none yet).
    Journal: structure_secret.create the first time."""
    with vault.transaction() as s:
        return structure_id(_secret(s, vault.worker))


def save_structure_secret(vault: Vault, out: Path) -> str:
    """Write the structure secret to a file (0600) for the other workers of the
    team to import; return the structure id. Whoever holds this file can link the
    structure's pseudonymous keys: hand it over like a key.
    Journal: structure_secret.export with the structure id."""
    with vault.transaction() as s:
        secret = _secret(s, vault.worker)
        text = f"{SECRET_FILE_HEADER}\n{secret.hex()}\n".encode("ascii")
        _write_secret(out, text)
        sid = structure_id(secret)
        audit.append(s, actor=vault.worker, action="structure_secret.export", entity="vault",
                     details={"structure_id": sid})
    return sid


def _write_secret(out: Path, data: bytes) -> None:
    from accomp.reports.output import write_export

    try:
        write_export(Path(out), data)
    except OSError as exc:
        raise KnownError("disk_error", reason=type(exc).__name__) from None


def read_secret_file(path: Path) -> bytes:
    """Refuses structure_secret_invalid for anything but a secret file."""
    try:
        lines = Path(path).read_text("ascii").split()
    except (OSError, UnicodeDecodeError):
        raise KnownError("structure_secret_invalid") from None
    if len(lines) != 2 or lines[0] != SECRET_FILE_HEADER:
        raise KnownError("structure_secret_invalid")
    value = lines[1].lower()
    if not _HEX.fullmatch(value) or len(value) % 2 or len(value) // 2 < MIN_SECRET_BYTES:
        raise KnownError("structure_secret_invalid")
    return bytes.fromhex(value)


def import_structure_secret(vault: Vault, path: Path) -> str:
    """Use the structure's shared secret from a file made by save_structure_secret;
    return the structure id. Later exports' keys are linkable with the team's.
    Refuses structure_secret_invalid. Journal: structure_secret.import with the
    old and new structure ids."""
    secret = read_secret_file(path)
    with vault.transaction() as s:
        old = settings.get(s, SECRET_SETTING)
        settings.put(s, SECRET_SETTING, secret.hex())
        sid = structure_id(secret)
        audit.append(s, actor=vault.worker, action="structure_secret.import", entity="vault",
                     details={"structure_id": sid,
                              "previous": structure_id(bytes.fromhex(old)) if old else None})
    return sid


# --- anonymised activity rows ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class AnonymisedActivities:
    table: pa.Table
    identity: FileIdentity
    suppression: LocalSuppressionReport


def _quarter_hours(minutes: int) -> int:
    return max(15, (minutes + 7) // 15 * 15)


def anonymise(
    sources: Sequence[stats.ExportSource], secret: bytes, reference: dt.date,
    vault_scope: str,
) -> list[dict[str, Any]]:
    """Rows with no identifier: vocabulary keys, keyed pseudonyms, generalised
    quasi-identifiers. A person's attributes are taken as of `reference` (the end
    of the period), so they are the same on all of that person's rows.

    Beneficiary codes are drawn at random per vault, so two workers can hold the
    same code for two different people: the key covers the vault's id with the
    code, and two people of two logbooks are never merged into one."""
    records: list[dict[str, Any]] = []

    def beneficiary_key(secret: bytes, code: str) -> str:
        return _pseudonym(secret, f"{vault_scope}/{code}")

    for src in sources:
        individual = src.kind == "Individuel"
        person = individual and src.beneficiary_code is not None
        key = beneficiary_key(secret, src.beneficiary_code) if (
            person and src.beneficiary_code) else None
        records.append({
            "month": month_of(src.date),
            "kind": src.kind,
            "duration_bucket": duration_bucket(src.duration_min),
            "duration_min_rounded": _quarter_hours(src.duration_min),
            "place_type": src.place_type,
            "themes": list(src.themes),
            "admin_themes": list(src.admin_themes),
            "equipment": list(src.equipment),
            "autonomy": (src.autonomy or NON_COMMUNIQUE) if individual else NOT_APPLICABLE,
            "referral": (
                NOT_APPLICABLE if not individual
                else (src.referral_target or "Autre") if src.referred else NOT_REFERRED
            ),
            "completion": (src.completion or NON_COMMUNIQUE) if individual else NOT_APPLICABLE,
            "level": NOT_APPLICABLE if individual else (src.level or NON_COMMUNIQUE),
            "beneficiary_key": key,
            "age_band": _age(src, reference) if person else NON_COMMUNIQUE,
            "gender": (src.gender or NON_COMMUNIQUE) if person else NON_COMMUNIQUE,
            "social_status": (src.social_status or NON_COMMUNIQUE) if person
            else NON_COMMUNIQUE,
            "departement": stats.departement_or_unknown(src.commune_insee) if person
            else NON_COMMUNIQUE,
            "first_visit": (
                (FIRST_VISIT if src.first_visit else RETURNING) if person
                else NON_COMMUNIQUE if individual else NOT_APPLICABLE
            ),
            "participant_keys": sorted(beneficiary_key(secret, c) for c in src.participant_codes),
            "first_visit_keys": sorted(beneficiary_key(secret, c) for c in src.first_visit_codes),
            "participants_anonymous": src.anonymous_total,
            "anonymous_already_supported": src.anonymous_already_supported,
        })
    return records


def _age(src: stats.ExportSource, reference: dt.date) -> str:
    if src.birth_year is None:
        return src.age_band or NON_COMMUNIQUE
    try:
        return age_band(src.birth_year, reference)
    except ValueError:
        return NON_COMMUNIQUE


def locally_suppress(
    records: Sequence[Mapping[str, Any]], k: int
) -> tuple[list[dict[str, Any]], LocalSuppressionReport]:
    """Local suppression until every combination of the quasi-identifiers appears
    at least k times, keeping each person's attributes identical on all their rows.

    Rows of one person are linked by their key; if suppression blanked an attribute
    on one row only, the others would give it back. So whenever a person's rows
    disagree, the attribute is blanked on all of them and suppression runs again,
    until nothing changes (each round only blanks values, so it ends).
    """
    rows = [dict(r) for r in records]
    blanked: Counter[str] = Counter()
    while True:
        rows, report = suppress_rare_combinations(rows, QUASI_IDENTIFIERS, k)
        blanked.update(dict(report.values_suppressed))
        changed = _harmonise(rows, blanked)
        if not changed:
            break
    return rows, LocalSuppressionReport(
        k=k, quasi_identifiers=QUASI_IDENTIFIERS, rows_kept=len(rows),
        rows_dropped=len(records) - len(rows),
        values_suppressed={name: blanked[name] for name in QUASI_IDENTIFIERS},
    )


def _harmonise(rows: list[dict[str, Any]], blanked: Counter[str]) -> bool:
    by_person: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        if row["beneficiary_key"] is not None:
            by_person.setdefault(row["beneficiary_key"], []).append(row)
    changed = False
    for person_rows in by_person.values():
        for attr in PERSON_ATTRIBUTES:
            if len({r[attr] for r in person_rows}) > 1:
                for r in person_rows:
                    if r[attr] != NON_COMMUNIQUE:
                        r[attr] = NON_COMMUNIQUE
                        blanked[attr] += 1
                changed = True
    return changed


def _anonymised(
    s: Session, vault: Vault, start: dt.date, end: dt.date, f: ActivityFilter, k: int
) -> AnonymisedActivities:
    secret = _secret(s, vault.worker)
    identity = FileIdentity(
        export_id=uuid.uuid4().hex, structure_id=structure_id(secret),
        worker_id=worker_id(secret, _vault_id(s)), period_from=start, period_to=end,
    )
    records = anonymise(stats.export_sources(s, start, end, f), secret, end, _vault_id(s))
    kept, report = locally_suppress(records, k)
    return AnonymisedActivities(activity_rows.to_table(kept, identity), identity, report)


def anonymised_activities(
    vault: Vault, date_from: dt.date | str, date_to: dt.date | str, *,
    filters: ActivityFilter | Mapping[str, Any] | None = None, k: int = DEFAULT_K,
) -> AnonymisedActivities:
    """The anonymised rows of the period, as they would be exported (preview).

    Refuses as reports.summary does. Journal: structure_secret.create if the vault
    had no secret yet; nothing else (nothing left the machine).
    """
    start, end = check_period(date_from, date_to)
    f = check_filters(filters)
    check_k(k)
    with vault.transaction() as s:
        return _anonymised(s, vault, start, end, f, k)


def export_activities(
    vault: Vault, date_from: dt.date | str, date_to: dt.date | str, fmt: str, out: Path, *,
    filters: ActivityFilter | Mapping[str, Any] | None = None, k: int = DEFAULT_K,
    separator: str = ";", bom: bool | None = None,
) -> ExportResult:
    """Write the anonymised activity rows of the period (csv or parquet), for a
    supervisor's consolidation or their own analysis tools.

    Refuses as reports.summary does, not_in_list for the format or separator,
    vault_read_only, disk_error. Journal: export.activities with the format,
    SHA-256, export id, k, period, filters, rows written and what local
    suppression changed (rows dropped, values blanked per quasi-identifier).
    The file carries an authentication tag keyed by the structure secret
    (store.filetag), so a consolidation refuses it once altered. CSV: ";" and a
    byte-order mark by default (what a French spreadsheet opens cleanly), "," without
    BOM for tools unless `bom` says otherwise.
    """
    check_format(fmt, ACTIVITY_FORMATS)
    check_separator(separator)
    start, end = check_period(date_from, date_to)
    f = check_filters(filters)
    check_k(k)
    with vault.transaction() as s:
        result = _anonymised(s, vault, start, end, f, k)
        key = activity_file_key(_secret(s, vault.worker))
        demo = structure.is_demo_in(s)
    if fmt == "parquet":
        data = activity_rows.parquet_bytes(result.table, key, demo=demo)
    else:
        data = activity_rows.csv_bytes(result.table, key, separator=separator,
                                       bom=separator == ";" if bom is None else bom, demo=demo)
    report = result.suppression
    details = {
        "export_id": result.identity.export_id,
        "structure_id": result.identity.structure_id,
        "period": [start.isoformat(), end.isoformat()], "k": k, "filters": filters_dict(f),
        "rows": report.rows_kept, "rows_dropped": report.rows_dropped,
        "values_suppressed": dict(report.values_suppressed),
    }
    return write_journaled(vault, "export.activities", fmt, out, data, details,
                           export_id=result.identity.export_id)
