"""Documents the person takes home: the information notice, a consent receipt, a
mandate attestation and a mandate revocation receipt, in plain French ("facile à
lire") or English, from the HTML templates of resources/templates/.

Each shows the version of the information notice, the notice's SHA-256 and a QR code
of the record's hash, so that a later reader can check the paper against the vault
(`record_hash` recomputes it from the stored record).

The information notice is versioned: resources/templates/notices/<version>.<lang>.html.
A version's text never changes once people have been informed with it (its hash is
pinned in NOTICE_HASHES and a test fails if a file drifts); a new text is a new
version. The hash of a version covers its text in every language, French then
English, so one version has one hash whatever language the person read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from string import Template
from typing import Any

import segno

from accomp.domain.vocab import Lang

LANGS: tuple[Lang, ...] = ("fr", "en")

NOTICE_VERSION = "2026-1"  # the notice the program informs people with today
NOTICE_HASHES: Mapping[str, str] = {
    "2026-1": "c14bb369539981c21c415844c7ce9df5b78c6b83b3356172a70421bf9797404e",
}


def _templates() -> Any:
    return resources.files("accomp.resources").joinpath("templates")


@cache
def _read(*parts: str) -> str:
    return str(_templates().joinpath(*parts).read_text("utf-8"))


@cache
def _phrases() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_read("phrases.json"))
    return data


# --- the information notice ---------------------------------------------------------------


def notice_versions() -> tuple[str, ...]:
    """Every notice version the program ships (people informed with an older one keep
    its text and hash)."""
    return tuple(NOTICE_HASHES)


def notice_text(version: str, lang: Lang) -> str:
    """The notice's own text (an HTML fragment). KeyError for an unknown version."""
    if version not in NOTICE_HASHES:
        raise KeyError(version)
    return _read("notices", f"{version}.{lang}.html")


def computed_notice_hash(version: str) -> str:
    """SHA-256 of the notice's text files, French then English, as shipped."""
    digest = hashlib.sha256()
    for lang in LANGS:
        digest.update(notice_text(version, lang).encode("utf-8"))
    return digest.hexdigest()


def notice_hash(version: str) -> str:
    """The recorded hash of a notice version. KeyError for an unknown version."""
    return NOTICE_HASHES[version]


# --- record hashes ------------------------------------------------------------------------


def _jsonable(value: object) -> object:
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value.replace(microsecond=0).isoformat() + "Z"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def record_hash(record: Mapping[str, object]) -> str:
    """SHA-256 of a record in canonical JSON (sorted keys, instants in UTC to the
    second): the same stored record always gives the same hash."""
    payload = json.dumps(
        {k: _jsonable(v) for k, v in record.items()},
        sort_keys=True, separators=(",", ":"), ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


# --- what the documents say ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Person:
    code: str
    name: str | None = None  # only when the file may keep the identity


@dataclass(frozen=True, slots=True)
class ConsentReceipt:
    person: Person
    purpose: str  # Purpose key
    kind: str  # EventKind key
    at: dt.datetime
    method: str | None
    valid_until: dt.date | None  # first day it no longer holds
    recorded_by: str
    notice_version: str
    notice_hash: str
    record_hash: str


@dataclass(frozen=True, slots=True)
class MandateAttestation:
    person: Person
    scopes: Sequence[str]
    duration: str
    starts_on: dt.date
    ends_on: dt.date  # first day it no longer holds
    created_at: dt.datetime
    recorded_by: str
    renewal: bool
    notice_version: str
    notice_hash: str
    record_hash: str


@dataclass(frozen=True, slots=True)
class RevocationReceipt:
    person: Person
    revoked_scopes: Sequence[str]
    whole: bool
    remaining_scopes: Sequence[str]
    starts_on: dt.date
    at: dt.datetime
    recorded_by: str
    notice_version: str
    notice_hash: str
    record_hash: str


def _day(value: dt.date, lang: Lang) -> str:
    month = _phrases()[lang]["months"][value.month - 1]
    if lang == "fr":
        first = "1er" if value.day == 1 else str(value.day)
        return f"{first} {month} {value.year}"
    return f"{value.day} {month} {value.year}"


def _qr(text: str) -> str:
    return str(segno.make(text, error="m").png_data_uri(scale=6, border=4))


def _person(person: Person, lang: Lang) -> str:
    p = _phrases()[lang]
    if person.name:
        return html.escape(p["person_named"].format(name=person.name, code=person.code))
    return html.escape(p["person_code"].format(code=person.code))


def _fill(template: str, lang: Lang, structure: str | None, **values: str) -> str:
    """The template filled in. The structure's name (a setting of the vault), escaped,
    where the template has $structure; a dotted line to fill by hand when none is set.
    The notice's own text (and so its hash) never includes it."""
    name = (structure or "").strip() or _phrases()[lang]["structure_blank"]
    base = {
        "style": _read("style.html"),
        "structure": html.escape(name),
    }
    return Template(_read(f"{template}.{lang}.html")).substitute(base, **values)


def _proof(notice_version: str, notice_hash: str, record: str) -> dict[str, str]:
    return {
        "notice_version": html.escape(notice_version),
        "notice_hash": html.escape(notice_hash),
        "record_hash": html.escape(record),
        "qr": _qr(record),
    }


def information_notice(lang: Lang, version: str = NOTICE_VERSION, *,
                       structure: str | None = None) -> str:
    """The notice as a full HTML page; its QR code holds the notice's hash."""
    digest = notice_hash(version)
    return _fill(
        "information_notice", lang, structure, notice=notice_text(version, lang),
        **_proof(version, digest, digest),
    )


def consent_receipt(r: ConsentReceipt, lang: Lang, *, structure: str | None = None) -> str:
    p = _phrases()[lang]
    validity = ""
    if r.valid_until is not None and r.kind in ("donne", "renouvele"):
        last_day = r.valid_until - dt.timedelta(days=1)
        validity = "<p>" + p["validity"].format(day=_day(last_day, lang)) + "</p>"
    return _fill(
        "consent_receipt", lang, structure,
        title=html.escape(p["title"][r.kind]),
        person=_person(r.person, lang),
        purpose=html.escape(p["purpose"][r.purpose]),
        purpose_explained=html.escape(p["purpose_explained"][r.purpose]),
        what_happened=html.escape(p["what_happened"][r.kind]),
        date=_day(r.at.date(), lang),
        method=html.escape(p["methods"].get(r.method or "", "—")),
        validity=validity,
        recorded_by=html.escape(r.recorded_by),
        **_proof(r.notice_version, r.notice_hash, r.record_hash),
    )


def _scope_items(scopes: Sequence[str], lang: Lang) -> str:
    labels = _phrases()[lang]["scopes"]
    return "".join(f"<li>{html.escape(labels.get(s, s))}</li>" for s in scopes)


def mandate_attestation(
    a: MandateAttestation, lang: Lang, *, structure: str | None = None
) -> str:
    p = _phrases()[lang]
    return _fill(
        "mandate_attestation", lang, structure,
        person=_person(a.person, lang),
        renewal=p["renewal"] if a.renewal else "",
        scopes=_scope_items(a.scopes, lang),
        duration=html.escape(p["durations"].get(a.duration, a.duration)),
        first_day=_day(a.starts_on, lang),
        last_day=_day(a.ends_on - dt.timedelta(days=1), lang),
        date=_day(a.created_at.date(), lang),
        recorded_by=html.escape(a.recorded_by),
        # the signature lines: the person's name when the file has one, else by hand
        person_name=html.escape(a.person.name or "") or "______________________",
        **_proof(a.notice_version, a.notice_hash, a.record_hash),
    )


def revocation_receipt(
    r: RevocationReceipt, lang: Lang, *, structure: str | None = None
) -> str:
    p = _phrases()[lang]
    labels = p["scopes"]
    remaining = ""
    if r.remaining_scopes and not r.whole:
        names = ", ".join(labels.get(s, s) for s in r.remaining_scopes)
        remaining = p["remaining"].format(scopes=html.escape(names))
    return _fill(
        "revocation_receipt", lang, structure,
        person=_person(r.person, lang),
        what_stops=html.escape(p["stops_whole"] if r.whole else p["stops_scope"]),
        revoked=_scope_items(r.revoked_scopes, lang),
        date=_day(r.at.date(), lang),
        remaining=remaining,
        recorded_by=html.escape(r.recorded_by),
        first_day=_day(r.starts_on, lang),
        **_proof(r.notice_version, r.notice_hash, r.record_hash),
    )


def to_pdf(page: str, *, title: str) -> bytes:
    """The document as PDF bytes (A4), its QR code kept sharp enough to scan."""
    from accomp.reports.pdf import html_pdf

    return html_pdf(page, title=title)
