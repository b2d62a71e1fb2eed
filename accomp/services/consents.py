"""Consent and legal basis: record them, say where they stand, and enforce them.

A file's legal basis (public-interest mission, legal obligation or consent), the date
the person was informed and the version of the information notice are kept on the
file. Optional purposes (follow-up contact, sharing with a partner, keeping notes, the
mandate; and the file itself when its basis is consent) each have an append-only
history of events: informed, given, renewed, withdrawn, expired.

The rules are those of accomp.domain.consent (`decide`); this module feeds them what
the vault holds and turns a refusal into the KnownError of its reason. Every function
takes the instant `at` (default: now) so that tests can freeze the clock; instants
are aware UTC to the second, as the store keeps them (a naive one is taken as UTC).

Every event is written to the journal with the file's pseudonymous code only
(actions consent.*, see each function).

This module is the consent service as the screens and the other services call it.
Its parts live beside it: consent_records (the history and the decisions, shared
with services.mandates), consent_gate (the rules applied when a session is logged)
and consent_documents (notice, receipts, checking a document's hash); the names
callers use from those are re-exported below.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from accomp.domain import consent as rules
from accomp.domain.consent import (
    Action,
    ConsentStatus,
    Decision,
    EventKind,
    Purpose,
)
from accomp.domain.errors import KnownError, Lang, field_label
from accomp.domain.models import BeneficiaryOut
from accomp.domain.rules import check_date
from accomp.domain.vocab import vocabulary
from accomp.services import appointments, mandates
from accomp.services.beneficiaries import get_beneficiary
from accomp.services.consent_documents import find_record as find_record
from accomp.services.consent_documents import note_document as note_document
from accomp.services.consent_documents import note_printed as note_printed
from accomp.services.consent_documents import notice_document as notice_document
from accomp.services.consent_documents import receipt as receipt
from accomp.services.consent_documents import save_pdf as save_pdf
from accomp.services.consent_gate import gate_activity as gate_activity
from accomp.services.consent_gate import notice_message as notice_message
from accomp.services.consent_records import (
    _GRANTS,
    _at,
    _decide,
    _event_out,
    _file,
    _method,
    _notice,
    _open_file,
    _refusal,
    _rule_events,
    append_event,
)
from accomp.services.consent_records import NOTICE_VERSION as NOTICE_VERSION
from accomp.services.consent_records import Document as Document
from accomp.services.consent_records import EventOut as EventOut
from accomp.services.consent_records import RecordCheck as RecordCheck
from accomp.services.consent_records import decide as decide
from accomp.services.consent_records import document_title as document_title
from accomp.services.consent_records import event_record_hash as event_record_hash
from accomp.services.consent_records import now as now
from accomp.services.consent_records import person_of as person_of
from accomp.store import audit
from accomp.store import consents as store
from accomp.store.tables import Beneficiary
from accomp.store.vault import Vault

RENEWAL_WINDOW_DAYS = rules.EXPIRY_WARNING_DAYS
PURPOSES: tuple[Purpose, ...] = tuple(Purpose)
_IDENTITY_FIELDS = ("first_name", "last_name", "phone", "email", "birth_year", "notes")
_CONTACT_FIELDS = ("phone", "email")


# --- what the services return ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PurposeStatus:
    """Where one purpose stands for a file at an instant (a badge of the file)."""

    purpose: Purpose
    status: ConsentStatus
    since: dt.datetime | None
    valid_until: dt.date | None  # first day it no longer holds
    last_event_id: int | None
    method: str | None  # of the latest grant

    @property
    def last_day(self) -> dt.date | None:
        """The last day it holds ("valable jusqu'au"), for display."""
        return None if self.valid_until is None else self.valid_until - dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Overview:
    beneficiary_id: int
    code: str
    anonymised: bool
    legal_basis: str | None
    informed_on: dt.date | None
    notice_version: str | None
    notice_hash: str | None
    file_decision: Decision  # KEEP_IDENTITY: may the file keep an identity now
    purposes: tuple[PurposeStatus, ...]

    def status(self, purpose: Purpose | str) -> PurposeStatus:
        return next(p for p in self.purposes if p.purpose == purpose)


@dataclass(frozen=True, slots=True)
class Renewal:
    """A line of the "À renouveler" list."""

    beneficiary_id: int
    code: str
    purpose: Purpose
    status: ConsentStatus  # expiring or expired
    valid_until: dt.date | None

    @property
    def last_day(self) -> dt.date | None:
        return None if self.valid_until is None else self.valid_until - dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Identity:
    """A file as a screen may show it: refused fields are blanked (None) and
    `hidden` says, for each, the decision that refused it."""

    file: BeneficiaryOut
    hidden: dict[str, Decision] = field(default_factory=dict)

    def why(self, name: str, lang: Lang = "fr") -> str:
        decision = self.hidden.get(name)
        if decision is None or decision.reason is None:
            return ""
        return KnownError(decision.reason, decision.subject).message(lang)


# --- reading -----------------------------------------------------------------------------


def _status(
    events: Sequence[store.StoredEvent], purpose: Purpose, at: dt.datetime
) -> PurposeStatus:
    state = rules.consent_state(_rule_events(events), purpose, at)
    mine = [e for e in events if e.purpose == purpose and e.row.at <= at]
    grants = [e for e in mine if e.row.kind in _GRANTS]
    return PurposeStatus(
        purpose=purpose, status=state.status, since=state.since, valid_until=state.valid_until,
        last_event_id=mine[-1].row.id if mine else None,
        method=grants[-1].row.method if grants else None,
    )


def _overview(s: Any, row: Beneficiary, at: dt.datetime) -> Overview:
    assert row.id is not None
    events = store.events_of(s, row.id)
    mandates = store.mandates_of(s, row.id)
    return Overview(
        beneficiary_id=row.id, code=row.code, anonymised=row.anonymised_at is not None,
        legal_basis=row.legal_basis, informed_on=row.informed_on,
        notice_version=row.notice_version, notice_hash=row.notice_hash,
        file_decision=_decide(row, events, mandates, Action.KEEP_IDENTITY, at),
        purposes=tuple(_status(events, p, at) for p in PURPOSES),
    )


def overview(vault: Vault, beneficiary_id: int, *, at: dt.datetime | None = None) -> Overview:
    """The file's legal basis and where each purpose stands at `at` (badges).
    Reads only. Refuses not_found."""
    when = _at(at)
    with vault.reading() as s:
        return _overview(s, _file(s, beneficiary_id), when)


def history(vault: Vault, beneficiary_id: int) -> list[EventOut]:
    """Every consent event of a file, oldest first. Reads only. Refuses not_found."""
    with vault.reading() as s:
        row = _file(s, beneficiary_id)
        return [_event_out(s, e, row.code) for e in store.events_of(s, beneficiary_id)]


def require(
    vault: Vault, beneficiary_id: int, action: Action, *, scope: str | None = None,
    at: dt.datetime | None = None,
) -> None:
    """Raise the KnownError of the refusal when `action` is not allowed (its message
    names the purpose or the scope)."""
    decision = decide(vault, beneficiary_id, action, scope=scope, at=at)
    if not decision.allowed:
        raise _refusal(decision)


def visible_identity(
    vault: Vault, beneficiary_id: int, *, at: dt.datetime | None = None
) -> Identity:
    """The file as a screen may show it at `at`: no identity at all when the file may
    not keep one (no basis, not informed, file consent not valid); no phone or e-mail
    without follow-up contact consent; no notes without notes consent. Reads only.
    Refuses not_found."""
    when = _at(at)
    out = get_beneficiary(vault, beneficiary_id)
    with vault.reading() as s:
        row = _file(s, beneficiary_id)
        events = store.events_of(s, beneficiary_id)
        mandates = store.mandates_of(s, beneficiary_id)
        keep = _decide(row, events, mandates, Action.KEEP_IDENTITY, when)
        hidden: dict[str, Decision] = {}
        if not keep.allowed:
            hidden = dict.fromkeys(_IDENTITY_FIELDS, keep)
        else:
            contact = _decide(row, events, mandates, Action.SHOW_CONTACT, when)
            if not contact.allowed:
                hidden.update(dict.fromkeys(_CONTACT_FIELDS, contact))
            notes = _decide(row, events, mandates, Action.KEEP_NOTES, when)
            if not notes.allowed:
                hidden["notes"] = notes
    return Identity(out.model_copy(update=dict.fromkeys(hidden)), hidden)


def renewals(
    vault: Vault, *, at: dt.datetime | None = None, within_days: int = RENEWAL_WINDOW_DAYS
) -> list[Renewal]:
    """The "À renouveler" list: consents of files still open that expired, or that end
    within `within_days` days; expired first, then the soonest to end. Withdrawn
    consents are not listed (the person said no). Reads only."""
    when = _at(at)
    by_file: dict[tuple[int, str], list[store.StoredEvent]] = {}
    with vault.reading() as s:
        for beneficiary_id, code, e in store.events_of_open_files(s):
            by_file.setdefault((beneficiary_id, code), []).append(e)
    out: list[Renewal] = []
    for (beneficiary_id, code), events in by_file.items():
        present = {Purpose(e.purpose) for e in events}
        for purpose in (p for p in PURPOSES if p in present):
            state = rules.consent_state(
                _rule_events(events), purpose, when, within_days=within_days
            )
            if state.status in (ConsentStatus.EXPIRED, ConsentStatus.EXPIRING):
                out.append(Renewal(beneficiary_id, code, purpose, state.status,
                                   state.valid_until))
    far = dt.date.max
    out.sort(key=lambda r: (r.status != ConsentStatus.EXPIRED, r.valid_until or far, r.code))
    return out


# --- recording ---------------------------------------------------------------------------


def _purpose(value: Purpose | str) -> Purpose:
    try:
        return Purpose(value)
    except ValueError:
        raise KnownError("not_in_list", "purpose") from None


def record_legal_basis(
    vault: Vault, beneficiary_id: int, legal_basis: str | None, informed_on: dt.date | None,
    *, notice_version: str | None = NOTICE_VERSION, at: dt.datetime | None = None,
) -> Overview:
    """Record why the file may be kept and when the person was informed, with which
    version of the information notice (its SHA-256 is stored with it).

    Refuses: not_found, already_anonymised; not_in_list (basis, notice version);
    date_future / date_too_old for the information date; identity_needs_basis when
    the file holds identity data and would be left without basis or date.
    Journal: consent.legal_basis with the basis and notice version (no date, no name).
    """
    when = _at(at)
    if legal_basis is not None and legal_basis not in vocabulary().keys("legal_bases"):
        raise KnownError("not_in_list", "legal_basis")
    if informed_on is not None:
        check_date(informed_on, "informed_on", when.date())
    version, digest = _notice(notice_version)
    with vault.transaction() as s:
        row = _open_file(s, beneficiary_id)
        if store.holds_identity(row) and (legal_basis is None or informed_on is None):
            raise KnownError("identity_needs_basis", "legal_basis")
        store.set_legal_basis(s, row, legal_basis=legal_basis, informed_on=informed_on,
                              notice_version=version, notice_hash=digest, at=when)
        audit.append(s, actor=vault.worker, action="consent.legal_basis", entity="beneficiary",
                     ref=row.code, details={"legal_basis": legal_basis,
                                            "notice_version": version}, at=when)
        return _overview(s, row, when)


def record_informed(
    vault: Vault, beneficiary_id: int, purpose: Purpose | str, *,
    notice_version: str = NOTICE_VERSION, at: dt.datetime | None = None,
) -> EventOut:
    """Record that the person was told about a purpose (and has not agreed yet).
    Refuses not_found, already_anonymised, not_in_list, consent_out_of_order.
    Journal: consent.inform."""
    when, wanted = _at(at), _purpose(purpose)
    with vault.transaction() as s:
        row = _open_file(s, beneficiary_id)
        return append_event(s, vault, row, wanted, EventKind.INFORMED, when,
                            notice_version=notice_version)


def give_consent(
    vault: Vault, beneficiary_id: int, purpose: Purpose | str, *, method: str = "oral",
    notice_version: str = NOTICE_VERSION, valid_until: dt.date | None = None,
    at: dt.datetime | None = None,
) -> EventOut:
    """Record that the person agreed to a purpose, how (oral, signed paper, scanned)
    and with which notice; it holds until `valid_until` (default: the purpose's
    validity, 12 months, 24 for the file itself).

    Refuses: not_found, already_anonymised, not_in_list (purpose, method, notice),
    mandate_consent_with_mandate (the Mandat consent comes with a mandate: see
    services.mandates), invalid (an end not after today), consent_out_of_order.
    Journal: consent.give."""
    when, wanted = _at(at), _purpose(purpose)
    if wanted == Purpose.MANDATE:
        raise KnownError("mandate_consent_with_mandate", "purpose")
    if valid_until is not None and valid_until <= when.date():
        raise KnownError("invalid", "valid_until")
    with vault.transaction() as s:
        row = _open_file(s, beneficiary_id)
        return append_event(s, vault, row, wanted, EventKind.GIVEN, when,
                            method=_method(method), notice_version=notice_version,
                            valid_until=valid_until)


def renew_consent(
    vault: Vault, beneficiary_id: int, purpose: Purpose | str, *, method: str | None = None,
    at: dt.datetime | None = None,
) -> EventOut:
    """Renew a consent that is valid, expiring or expired, for the purpose's validity
    from today, by the same method as the latest grant unless told otherwise. For the
    Mandat purpose this renews the latest mandate (services.mandates.renew_mandate).

    Refuses: not_found, already_anonymised, not_in_list, nothing_to_renew (never
    given, or withdrawn: record a new consent instead), consent_out_of_order.
    Journal: consent.renew (and mandate.renew for a mandate)."""
    when, wanted = _at(at), _purpose(purpose)
    if wanted == Purpose.MANDATE:
        renewed = mandates.renew_latest(vault, beneficiary_id, at=when)
        return renewed.consent_event
    with vault.transaction() as s:
        row = _open_file(s, beneficiary_id)
        assert row.id is not None
        current = _status(store.events_of(s, row.id), wanted, when)
        if current.status not in (ConsentStatus.VALID, ConsentStatus.EXPIRING,
                                  ConsentStatus.EXPIRED):
            raise KnownError("nothing_to_renew", wanted)
        return append_event(s, vault, row, wanted, EventKind.RENEWED, when,
                            method=_method(method or current.method or "oral"))


def withdraw_consent(
    vault: Vault, beneficiary_id: int, purpose: Purpose | str, *, method: str | None = "oral",
    at: dt.datetime | None = None,
) -> EventOut:
    """Record that the person withdrew (or refused to renew) a consent. Withdrawing
    the Mandat consent also revokes every mandate in force. Withdrawing the
    identified-file consent does not anonymise the file by itself: the screen offers
    it (services.rights.erase_beneficiary).

    Withdrawing RecontactSuivi cancels the file's planned appointments
    (services.appointments.cancel_without_consent says why).

    Refuses: not_found, already_anonymised, not_in_list, nothing_to_withdraw (never
    given nor informed, or already withdrawn), consent_out_of_order.
    Journal: consent.withdraw (and mandate.revoke for each mandate stopped,
    appointment.cancel for each appointment cancelled)."""
    when, wanted = _at(at), _purpose(purpose)
    with vault.transaction() as s:
        row = _open_file(s, beneficiary_id)
        assert row.id is not None
        current = _status(store.events_of(s, row.id), wanted, when)
        if current.status in (ConsentStatus.NONE, ConsentStatus.WITHDRAWN):
            raise KnownError("nothing_to_withdraw", wanted)
        event = append_event(s, vault, row, wanted, EventKind.WITHDRAWN, when,
                             method=_method(method))
        if wanted == Purpose.FOLLOW_UP_CONTACT:
            appointments.cancel_without_consent(s, vault, row.id, row.code,
                                                "consent_withdrawn", when)
        if wanted == Purpose.MANDATE:
            for m in store.mandates_of(s, row.id):
                if m.row.revoked_at is None and m.row.ends_on > when.date():
                    store.revoke_mandate(s, m.row, when)
                    audit.append(s, actor=vault.worker, action="mandate.revoke",
                                 entity="mandate", ref=row.code, at=when,
                                 details={"mandate": m.row.id, "reason": "consent_withdrawn"})
        return event


def record_lapsed(vault: Vault, *, at: dt.datetime | None = None) -> int:
    """Write an "expired" event for every grant that lapsed on its own (its end date
    passed) and has none yet, dated midnight of that end date, so the history says
    it. Returns how many. A lapsed RecontactSuivi cancels the file's planned
    appointments, as a withdrawal does. Journal: consent.expire for each (and
    appointment.cancel for each appointment cancelled)."""
    when = _at(at)
    count = 0
    with vault.transaction() as s:
        by_file: dict[int, list[store.StoredEvent]] = {}
        for beneficiary_id, _code, e in store.events_of_open_files(s):
            by_file.setdefault(beneficiary_id, []).append(e)
        for beneficiary_id, events in by_file.items():
            row = _file(s, beneficiary_id)
            for purpose in {Purpose(e.purpose) for e in events}:
                mine = [e for e in events if e.purpose == purpose and e.row.at <= when]
                if not mine or mine[-1].row.kind not in _GRANTS:
                    continue
                end = mine[-1].row.valid_until
                if end is None or end > when.date():
                    continue
                lapse = dt.datetime.combine(end, dt.time.min, tzinfo=dt.UTC)
                append_event(s, vault, row, purpose, EventKind.EXPIRED, lapse,
                             notice_version=None)
                if purpose == Purpose.FOLLOW_UP_CONTACT:
                    appointments.cancel_without_consent(s, vault, beneficiary_id, row.code,
                                                        "consent_expired", when)
                count += 1
    return count


def renew(
    vault: Vault, beneficiary_id: int, purpose: Purpose | str, *,
    at: dt.datetime | None = None,
) -> EventOut:
    """What the "Renouveler" button of the list does: renew_consent."""
    return renew_consent(vault, beneficiary_id, purpose, at=at)


def label(purpose: Purpose | str, lang: Lang = "fr") -> str:
    """A purpose's label."""
    return field_label(str(purpose), lang)
