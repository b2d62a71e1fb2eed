"""The consent history of a file as the consent and mandate services share it.

Reading a file and deciding on it (the rules of accomp.domain.consent fed with what
the vault holds), appending an event to a purpose's history with its journal event,
the hash of each record and the shapes of what both services return (EventOut,
Document, RecordCheck).

services.consents and services.mandates build on this module; it imports neither,
and mandates never imports consents (import-linter contracts in pyproject.toml).
The names with a leading underscore are for those two services only.

Every function takes the instant `at` (default: now) so that tests can freeze the
clock; instants are aware UTC to the second, as the store keeps them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from accomp.domain import consent as rules
from accomp.domain.consent import Action, Decision, EventKind, Purpose
from accomp.domain.errors import KnownError, Lang
from accomp.domain.vocab import vocabulary
from accomp.reports import documents
from accomp.store import audit
from accomp.store import consents as store
from accomp.store.tables import Beneficiary
from accomp.store.vault import Vault

NOTICE_VERSION = documents.NOTICE_VERSION
_GRANTS = (EventKind.GIVEN, EventKind.RENEWED)


def now() -> dt.datetime:
    """The current instant as the store keeps it (aware UTC, whole seconds)."""
    return store.utc(dt.datetime.now(dt.UTC))


def _at(at: dt.datetime | None) -> dt.datetime:
    return now() if at is None else store.utc(at)


# --- what the services return ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EventOut:
    id: int
    purpose: Purpose
    kind: EventKind
    at: dt.datetime
    method: str | None
    notice_version: str | None
    notice_hash: str | None
    valid_until: dt.date | None
    recorded_by: str
    record_hash: str


@dataclass(frozen=True, slots=True)
class Document:
    """A document for the person, as HTML (to print) with what identifies it."""

    kind: str  # notice, consent_receipt, mandate_attestation, revocation_receipt
    html: str
    title: str
    record_hash: str
    code: str | None  # the file's code (None for the blank notice)


# --- reading -----------------------------------------------------------------------------


def _file(s: Any, beneficiary_id: int) -> Beneficiary:
    row = store.file(s, beneficiary_id)
    if row is None:
        raise KnownError("not_found", "beneficiary")
    return row


def _open_file(s: Any, beneficiary_id: int) -> Beneficiary:
    row = _file(s, beneficiary_id)
    if row.anonymised_at is not None:
        raise KnownError("already_anonymised")
    return row


def _rule_events(events: Sequence[store.StoredEvent]) -> list[rules.ConsentEvent]:
    return [e.as_rule() for e in events]


def _decide(
    row: Beneficiary, events: Sequence[store.StoredEvent],
    mandates: Sequence[store.StoredMandate], action: Action, at: dt.datetime,
    scope: str | None = None,
) -> Decision:
    return _apply_rules(row, _rule_events(events), [m.as_rule() for m in mandates],
                        action, at, scope)


def _apply_rules(
    file: Beneficiary | store.FileFacts, events: Sequence[rules.ConsentEvent],
    mandates: Sequence[rules.Mandate], action: Action, at: dt.datetime,
    scope: str | None = None,
) -> Decision:
    return rules.decide(
        action, at=at, legal_basis=file.legal_basis, informed_on=file.informed_on,
        consent_events=events, mandates=mandates, scope=scope,
    )


def _event_out(s: Any, e: store.StoredEvent, code: str) -> EventOut:
    assert e.row.id is not None
    return EventOut(
        id=e.row.id, purpose=Purpose(e.purpose), kind=EventKind(e.row.kind), at=e.row.at,
        method=e.row.method, notice_version=e.row.notice_version,
        notice_hash=e.row.notice_hash, valid_until=e.row.valid_until,
        recorded_by=e.row.recorded_by, record_hash=event_record_hash(e, code),
    )


def decide(
    vault: Vault, beneficiary_id: int, action: Action, *, scope: str | None = None,
    at: dt.datetime | None = None,
) -> Decision:
    """Whether `action` (with `scope` for ACT_UNDER_MANDATE) is allowed for the file
    at `at`. Reads only. Refuses not_found."""
    when = _at(at)
    with vault.reading() as s:
        row = _file(s, beneficiary_id)
        return _decide(row, store.events_of(s, beneficiary_id),
                       store.mandates_of(s, beneficiary_id), action, when, scope)


def _refusal(decision: Decision) -> KnownError:
    assert decision.reason is not None
    return KnownError(decision.reason, decision.subject)


# --- recording ---------------------------------------------------------------------------


def _method(value: str | None) -> str | None:
    if value is not None and value not in vocabulary().keys("consent_methods"):
        raise KnownError("not_in_list", "method")
    return value


def _notice(version: str | None) -> tuple[str | None, str | None]:
    if version is None:
        return None, None
    try:
        return version, documents.notice_hash(version)
    except KeyError:
        raise KnownError("not_in_list", "notice_version") from None


_ACTIONS = {
    EventKind.INFORMED: "consent.inform",
    EventKind.GIVEN: "consent.give",
    EventKind.RENEWED: "consent.renew",
    EventKind.WITHDRAWN: "consent.withdraw",
    EventKind.EXPIRED: "consent.expire",
}


def append_event(
    s: Any, vault: Vault, row: Beneficiary, purpose: Purpose, kind: EventKind, at: dt.datetime,
    *, method: str | None = None, notice_version: str | None = NOTICE_VERSION,
    valid_until: dt.date | None = None,
) -> EventOut:
    """Append one event to a file's consent history inside the caller's transaction,
    and its journal event (consent.inform/give/renew/withdraw/expire). Refuses
    consent_out_of_order when a later event of that purpose is already recorded.
    For the services of this package (mandates.py records the Mandat grant here)."""
    assert row.id is not None
    version, digest = _notice(notice_version)
    consent = store.ensure_consent_row(s, row.id, purpose)
    assert consent.id is not None
    latest = store.last_event_at(s, consent.id)
    if latest is not None and latest > at:
        raise KnownError("consent_out_of_order", purpose)
    if kind in _GRANTS and valid_until is None:
        valid_until = rules.default_consent_expiry(purpose, at.date())
    event = store.add_event(
        s, consent, kind=kind, at=at, recorded_by=vault.worker, method=method,
        notice_version=version, notice_hash=digest, valid_until=valid_until,
    )
    details: dict[str, Any] = {"purpose": str(purpose), "method": method,
                               "notice_version": version}
    if valid_until is not None:
        details["valid_until"] = valid_until.isoformat()
    audit.append(s, actor=vault.worker, action=_ACTIONS[kind], entity="consent", ref=row.code,
                 details=details, at=at)
    return _event_out(s, store.StoredEvent(event, purpose, row.id), row.code)


# --- record hashes and documents --------------------------------------------------------------


def event_record_hash(e: store.StoredEvent, code: str) -> str:
    """The hash printed (and in the QR code) on a consent receipt."""
    r = e.row
    return documents.record_hash({
        "record": "consent_event", "id": r.id, "code": code, "purpose": e.purpose,
        "kind": r.kind, "method": r.method, "notice_version": r.notice_version,
        "notice_hash": r.notice_hash, "recorded_by": r.recorded_by, "at": r.at,
        "valid_until": r.valid_until,
    })


def person_of(s: Any, row: Beneficiary, at: dt.datetime) -> documents.Person:
    """Who a document is for: the name only while the file may keep an identity."""
    assert row.id is not None
    decision = _decide(row, store.events_of(s, row.id), [], Action.KEEP_IDENTITY, at)
    names = [n for n in (row.first_name, row.last_name) if n]
    name = " ".join(names) if decision.allowed and names else None
    return documents.Person(row.code, name)


def _titles(kind: str, lang: Lang) -> str:
    fr, en = {
        "notice": ("Notice d'information", "Information notice"),
        "consent_receipt": ("Reçu de consentement", "Consent receipt"),
        "mandate_attestation": ("Attestation de mandat", "Mandate certificate"),
        "revocation_receipt": ("Reçu de révocation de mandat", "Mandate revocation receipt"),
        "appointment_card": ("Carte de rendez-vous", "Appointment card"),
    }[kind]
    return fr if lang == "fr" else en


def document_title(kind: str, lang: Lang) -> str:
    return _titles(kind, lang)


@dataclass(frozen=True, slots=True)
class RecordCheck:
    """What a document's hash designates in the vault."""

    kind: str  # consent_event, mandate, mandate_revocation, notice
    code: str | None
    at: dt.datetime | dt.date | None
