"""The anonymised activity rows as the export built them before it read the vault
column by column: one Python object per session. Kept here only so that a test can
check that the columnar export gives the very same rows."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from accomp.domain.models import ActivityFilter
from accomp.privacy.cellkey import record_key
from accomp.privacy.generalise import NON_COMMUNIQUE, duration_bucket, month_of
from accomp.privacy.pseudonym import beneficiary_key as _pseudonym
from accomp.reports.activity_rows import PERSON_ATTRIBUTES, QUASI_IDENTIFIERS
from accomp.reports.summary import FIRST_VISIT, NOT_APPLICABLE, NOT_REFERRED, RETURNING
from accomp.services.exports import _age, _quarter_hours, _record_seed, _vault_id
from accomp.store import stats
from accomp.store.stats import _ctes, register_key_functions, summary_params


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


@dataclass(frozen=True, slots=True)
class ExportSource:
    """One session as the anonymised export starts from: no notes, no free text,
    no name; the beneficiary's pseudonymous code and statistical attributes only."""

    id: int
    kind: str
    date: dt.date
    duration_min: int
    place_type: str
    themes: tuple[str, ...]
    admin_themes: tuple[str, ...]
    equipment: tuple[str, ...]
    autonomy: str | None
    referred: bool
    referral_target: str | None
    completion: str | None
    level: str | None
    anonymous_total: int
    anonymous_already_supported: int
    beneficiary_code: str | None
    birth_year: int | None
    age_band: str | None
    gender: str | None
    social_status: str | None
    commune_insee: str | None
    first_visit: bool
    participant_codes: tuple[str, ...]
    first_visit_codes: tuple[str, ...]
    """Participants (of a workshop) for whom it is their first session."""


def export_sources(
    session: Session, date_from: dt.date, date_to: dt.date, filters: ActivityFilter
) -> list[ExportSource]:
    """The sessions of the period and filters, oldest first, with what the
    anonymised export needs of their beneficiary and participants."""
    ctes, _ = _ctes(filters)
    params = summary_params(date_from, date_to, filters)
    conn = session.connection()
    register_key_functions(conn.connection.dbapi_connection, None)
    rows = conn.execute(text(
        f"{ctes} SELECT x.id, x.kind, x.date, x.duration_min, x.place_type, x.themes, "
        "x.admin_themes, x.equipment, x.autonomy, x.referred, x.referral_target, "
        "x.completion, x.level, x.anonymous, b.code, b.birth_year, b.age_band, b.gender, "
        "b.social_status, b.commune_insee, f.first_id = x.id "
        "FROM acts a JOIN activity x ON x.id = a.id "
        "LEFT JOIN beneficiary b ON b.id = x.beneficiary_id "
        "LEFT JOIN firsts f ON f.bid = x.beneficiary_id ORDER BY x.date, x.id"
    ), params).all()
    participants: dict[int, list[tuple[str, bool]]] = {}
    for aid, code, first in conn.execute(text(
        f"{ctes} SELECT a.id, b.code, f.first_id = a.id FROM acts a "
        "JOIN activity_participant p ON p.activity_id = a.id "
        "JOIN beneficiary b ON b.id = p.beneficiary_id "
        "LEFT JOIN firsts f ON f.bid = p.beneficiary_id ORDER BY a.id, b.code"
    ), params).all():
        participants.setdefault(int(aid), []).append((str(code), bool(first)))
    return [_source(row, participants.get(int(row[0]), [])) for row in rows]


def _source(row: Sequence[Any], participants: list[tuple[str, bool]]) -> ExportSource:
    anonymous = _json(row[13]) or {}
    return ExportSource(
        id=int(row[0]), kind=str(row[1]), date=dt.date.fromisoformat(str(row[2])),
        duration_min=int(row[3]), place_type=str(row[4]),
        themes=tuple(_json(row[5]) or ()), admin_themes=tuple(_json(row[6]) or ()),
        equipment=tuple(_json(row[7]) or ()), autonomy=row[8], referred=bool(row[9]),
        referral_target=row[10], completion=row[11], level=row[12],
        anonymous_total=int(anonymous.get("total", 0) or 0),
        anonymous_already_supported=int(anonymous.get("already_supported", 0) or 0),
        beneficiary_code=row[14], birth_year=row[15], age_band=row[16], gender=row[17],
        social_status=row[18], commune_insee=row[19], first_visit=bool(row[20]),
        participant_codes=tuple(code for code, _ in participants),
        first_visit_codes=tuple(code for code, first in participants if first),
    )


def anonymise(
    sources: Sequence[ExportSource], secret: bytes, reference: dt.date,
    vault_scope: str, people: Mapping[str, Mapping[str, str]] | None = None,
    seed: bytes | None = None,
) -> list[dict[str, Any]]:
    """Rows with no identifier: vocabulary keys, keyed pseudonyms, generalised
    quasi-identifiers, and each session's record key (privacy.cellkey, from the
    logbook's `seed`; 0 without it) for the team summary's cell keys.

    A person's attributes come from `people` (code -> generalised and locally
    suppressed attributes, see `person_attributes`): the same in every file the
    logbook ever produces. Without `people`, they are generalised here, the age
    band as of `reference`.

    Beneficiary codes are drawn at random per vault, so two workers can hold the
    same code for two different people: the key covers the vault's id with the
    code, and two people of two logbooks are never merged into one."""
    records: list[dict[str, Any]] = []
    known: dict[str, str] = {}

    def beneficiary_key(secret: bytes, code: str) -> str:
        key = known.get(code)
        if key is None:  # a person comes back: key them once
            key = known[code] = _pseudonym(secret, f"{vault_scope}/{code}")
        return key

    unknown = dict.fromkeys(PERSON_ATTRIBUTES, NON_COMMUNIQUE)
    for src in sources:
        individual = src.kind == "Individuel"
        person = individual and src.beneficiary_code is not None
        key = beneficiary_key(secret, src.beneficiary_code) if (
            person and src.beneficiary_code) else None
        if not person:
            attributes: Mapping[str, str] = unknown
        elif people is not None:
            attributes = people.get(src.beneficiary_code or "", unknown)
        else:
            attributes = {
                "age_band": _age(src.birth_year, src.age_band, reference),
                "gender": src.gender or NON_COMMUNIQUE,
                "social_status": src.social_status or NON_COMMUNIQUE,
                "departement": stats.departement_or_unknown(src.commune_insee),
            }
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
            **{name: attributes[name] for name in PERSON_ATTRIBUTES},
            "first_visit": (
                (FIRST_VISIT if src.first_visit else RETURNING) if person
                else NON_COMMUNIQUE if individual else NOT_APPLICABLE
            ),
            "participant_keys": sorted([beneficiary_key(secret, c)
                                        for c in src.participant_codes])
            if src.participant_codes else [],
            "first_visit_keys": sorted([beneficiary_key(secret, c)
                                        for c in src.first_visit_codes])
            if src.first_visit_codes else [],
            "participants_anonymous": src.anonymous_total,
            "anonymous_already_supported": src.anonymous_already_supported,
            "record_key": record_key(seed, f"activity/{src.id}") if seed else 0,
        })
    return records


def blanked_shares(rows: Sequence[Mapping[str, Any]],
                   original: Mapping[str, Mapping[str, str]],
                   codes: Sequence[str | None]) -> dict[str, float]:
    """Per quasi-identifier column, the share of the file's rows whose value was
    blanked by local suppression (the information it cost)."""
    shares: dict[str, float] = {}
    for name in QUASI_IDENTIFIERS:
        lost = sum(
            1 for row, code in zip(rows, codes, strict=True)
            if code is not None and row[name] == NON_COMMUNIQUE
            and original.get(code, {}).get(name, NON_COMMUNIQUE) != NON_COMMUNIQUE
        )
        shares[name] = lost / len(rows) if rows else 0.0
    return shares




def reference_rows(s: Session, secret: bytes, start: dt.date, end: dt.date,
                   f: ActivityFilter, people: Mapping[str, Mapping[str, str]],
                   ) -> tuple[list[dict[str, Any]], dict[str, float]]:
    """The old path's rows and blanked shares."""
    everyone = stats.export_people(s)
    sources = export_sources(s, start, end, f)
    records = anonymise(sources, secret, end, _vault_id(s), people, _record_seed(s))
    original = {
        p.code: {"age_band": _age(p.birth_year, p.age_band, p.first_session),
                 "gender": p.gender or NON_COMMUNIQUE,
                 "social_status": p.social_status or NON_COMMUNIQUE,
                 "departement": stats.departement_or_unknown(p.commune_insee),
                 "month": ""}
        for p in everyone
    }
    codes = [src.beneficiary_code if src.kind == "Individuel" else None for src in sources]
    return records, blanked_shares(records, original, codes)
