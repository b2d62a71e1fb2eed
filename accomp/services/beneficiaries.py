"""Beneficiary files: create, update, read, search."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from accomp.domain.clock import instant
from accomp.domain.errors import KnownError
from accomp.domain.models import BeneficiaryIn, BeneficiaryOut, Commune
from accomp.domain.person_match import MatchReason, PersonText, match_reason
from accomp.domain.rules import age_band, check_beneficiary, parse
from accomp.domain.text import fold, phone_digits, search_key
from accomp.store import audit, merges, repo
from accomp.store.tables import Beneficiary
from accomp.store.vault import Vault

_IDENTITY = ("first_name", "last_name", "phone", "email", "birth_year", "notes")
_STATS = ("gender", "social_status")


def _apply(row: Beneficiary, b: BeneficiaryIn, today: dt.date) -> list[str]:
    """Copy validated input onto the row; return the names of changed fields."""
    values: dict[str, Any] = {name: getattr(b, name) for name in (*_IDENTITY, *_STATS)}
    values["age_band"] = b.age_band or age_band(b.birth_year, today)
    values["commune_name"] = b.commune.name if b.commune else None
    values["commune_postal_code"] = b.commune.postal_code if b.commune else None
    values["commune_insee"] = b.commune.insee if b.commune else None
    values["legal_basis"] = b.legal_basis
    values["informed_on"] = b.informed_on
    values["notice_version"] = b.notice_version
    values["search_key"] = search_key(b.first_name, b.last_name, b.phone, b.email)
    changed = [k for k, v in values.items() if getattr(row, k) != v and k != "search_key"]
    for key, value in values.items():
        setattr(row, key, value)
    return changed


def create_beneficiary(
    vault: Vault, data: BeneficiaryIn | dict[str, Any], *, today: dt.date | None = None,
    now: dt.datetime | None = None,
) -> BeneficiaryOut:
    """Create a file with a new pseudonymous code.

    Refuses (KnownError): any invalid field; identity without legal basis and
    information date (identity_needs_basis). Journal: beneficiary.create (code only).
    The file's creation instant (where the retention clock of a file never seen
    starts) is `now`, else noon UTC of `today`, else the real clock.
    """
    b = data if isinstance(data, BeneficiaryIn) else parse(BeneficiaryIn, data)
    at = instant(today, now)
    today = today or at.date()
    check_beneficiary(b, today)
    with vault.transaction() as s:
        row = Beneficiary(code=repo.new_beneficiary_code(s), created_at=at, updated_at=at)
        _apply(row, b, today)
        s.add(row)
        s.flush()
        audit.append(s, actor=vault.worker, action="beneficiary.create", entity="beneficiary",
                     ref=row.code, at=at)
        return _out(row)


def update_beneficiary(
    vault: Vault, beneficiary_id: int, data: BeneficiaryIn | dict[str, Any],
    *, today: dt.date | None = None, now: dt.datetime | None = None,
) -> BeneficiaryOut:
    """Replace a file's fields. Refuses as create does, and not_found.
    Journal: beneficiary.update with the names (never the values) of changed fields."""
    b = data if isinstance(data, BeneficiaryIn) else parse(BeneficiaryIn, data)
    at = instant(today, now)
    today = today or at.date()
    check_beneficiary(b, today)
    with vault.transaction() as s:
        row = repo.get_beneficiary(s, beneficiary_id)
        if row is None:
            raise KnownError("not_found", "beneficiary")
        changed = _apply(row, b, today)
        row.updated_at = at
        s.add(row)
        audit.append(s, actor=vault.worker, action="beneficiary.update", entity="beneficiary",
                     ref=row.code, details={"fields": sorted(changed)}, at=at)
        return _out(row)


def get_beneficiary(vault: Vault, beneficiary_id: int) -> BeneficiaryOut:
    with vault.reading() as s:
        row = repo.get_beneficiary(s, beneficiary_id)
        if row is None:
            raise KnownError("not_found", "beneficiary")
        return _out(row)


def search_beneficiaries(vault: Vault, query: str, *, limit: int = 20) -> list[BeneficiaryOut]:
    """Search by code prefix, name parts (accents and case ignored) or phone digits;
    at most `limit` files, ranked as domain.person_match says (code, then last-name
    prefix, then first-name prefix, then the rest), most recently seen first within
    a rank. Refuses what a read refuses (vault_locked). Reads only."""
    query = query[:200]
    terms = fold(query).split()
    digits = phone_digits(query)
    if digits and len(digits) >= 3 and digits == "".join(terms):
        terms = [digits]
    code = query.strip().upper()
    code_prefix = code if code.startswith("B-") or (len(code) <= 4 and code.isalnum()) else None
    if code_prefix and not code_prefix.startswith("B-"):
        code_prefix = "B-" + code_prefix
    with vault.reading() as s:
        # More than asked: the best-ranked are not always the most recently seen.
        rows = repo.search_beneficiaries(
            s, terms, code_prefix, max(limit, min(limit * RANK_WINDOW, RANK_MAX)))
        # a merged file's code finds the file it went to (services.merge), once
        went_to = merges.targets_of(s, [r.id for r in rows if r.id is not None])
        rows = [repo.get_beneficiary(s, went_to[r.id]) or r if r.id in went_to else r
                for r in rows]
        found = list({b.id: b for b in map(_out, rows)}.values())
    # The database matched them all: one the ranking cannot explain goes last.
    ranked = sorted(found, key=lambda b: match_reason(query, person_text(b))
                    or MatchReason.CONTAINS)
    return ranked[:limit]


# How many matching files are ranked to give `limit` of them.
RANK_WINDOW = 10
RANK_MAX = 300


def person_text(b: BeneficiaryOut) -> PersonText:
    """What the pickers match a file on (and say why it matched)."""
    return PersonText(code=b.code, first_name=b.first_name, last_name=b.last_name,
                      phone=b.phone, email=b.email)


def notice_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _out(row: Beneficiary) -> BeneficiaryOut:
    assert row.id is not None
    commune = (
        Commune.model_construct(
            name=row.commune_name, postal_code=row.commune_postal_code, insee=row.commune_insee
        )
        if row.commune_name
        else None
    )
    return BeneficiaryOut(
        id=row.id, code=row.code, first_name=row.first_name, last_name=row.last_name,
        phone=row.phone, email=row.email, birth_year=row.birth_year, commune=commune,
        gender=row.gender, age_band=row.age_band, social_status=row.social_status,
        legal_basis=row.legal_basis, informed_on=row.informed_on,
        notice_version=row.notice_version, notes=row.notes,
        anonymised=row.anonymised_at is not None, created_at=row.created_at,
    )
