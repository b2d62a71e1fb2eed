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
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accomp.domain import consent as rules
from accomp.domain.consent import (
    Action,
    ConsentStatus,
    Decision,
    EventKind,
    LegalBasis,
    Purpose,
)
from accomp.domain.errors import MESSAGES, KnownError, Lang, field_label
from accomp.domain.models import ActivityIn, BeneficiaryOut, HeadCounts
from accomp.domain.rules import check_date
from accomp.domain.vocab import vocabulary
from accomp.paths import write_private_atomic
from accomp.reports import documents
from accomp.services import structure
from accomp.services.beneficiaries import get_beneficiary
from accomp.store import audit
from accomp.store import consents as store
from accomp.store.tables import Beneficiary
from accomp.store.vault import Vault

NOTICE_VERSION = documents.NOTICE_VERSION
RENEWAL_WINDOW_DAYS = rules.EXPIRY_WARNING_DAYS
PURPOSES: tuple[Purpose, ...] = tuple(Purpose)
_GRANTS = (EventKind.GIVEN, EventKind.RENEWED)
_IDENTITY_FIELDS = ("first_name", "last_name", "phone", "email", "birth_year", "notes")
_CONTACT_FIELDS = ("phone", "email")


def now() -> dt.datetime:
    """The current instant as the store keeps it (aware UTC, whole seconds)."""
    return store.utc(dt.datetime.now(dt.UTC))


def _at(at: dt.datetime | None) -> dt.datetime:
    return now() if at is None else store.utc(at)


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


def _event_out(s: Any, e: store.StoredEvent, code: str) -> EventOut:
    assert e.row.id is not None
    return EventOut(
        id=e.row.id, purpose=Purpose(e.purpose), kind=EventKind(e.row.kind), at=e.row.at,
        method=e.row.method, notice_version=e.row.notice_version,
        notice_hash=e.row.notice_hash, valid_until=e.row.valid_until,
        recorded_by=e.row.recorded_by, record_hash=event_record_hash(e, code),
    )


def history(vault: Vault, beneficiary_id: int) -> list[EventOut]:
    """Every consent event of a file, oldest first. Reads only. Refuses not_found."""
    with vault.reading() as s:
        row = _file(s, beneficiary_id)
        return [_event_out(s, e, row.code) for e in store.events_of(s, beneficiary_id)]


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


def require(
    vault: Vault, beneficiary_id: int, action: Action, *, scope: str | None = None,
    at: dt.datetime | None = None,
) -> None:
    """Raise the KnownError of the refusal when `action` is not allowed (its message
    names the purpose or the scope)."""
    decision = decide(vault, beneficiary_id, action, scope=scope, at=at)
    if not decision.allowed:
        raise _refusal(decision)


def _refusal(decision: Decision) -> KnownError:
    assert decision.reason is not None
    return KnownError(decision.reason, decision.subject)


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
        from accomp.services import mandates

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

    Refuses: not_found, already_anonymised, not_in_list, nothing_to_withdraw (never
    given nor informed, or already withdrawn), consent_out_of_order.
    Journal: consent.withdraw (and mandate.revoke for each mandate stopped)."""
    when, wanted = _at(at), _purpose(purpose)
    with vault.transaction() as s:
        row = _open_file(s, beneficiary_id)
        assert row.id is not None
        current = _status(store.events_of(s, row.id), wanted, when)
        if current.status in (ConsentStatus.NONE, ConsentStatus.WITHDRAWN):
            raise KnownError("nothing_to_withdraw", wanted)
        event = append_event(s, vault, row, wanted, EventKind.WITHDRAWN, when,
                             method=_method(method))
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
    it. Returns how many. Journal: consent.expire for each."""
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
                count += 1
    return count


def renew(
    vault: Vault, beneficiary_id: int, purpose: Purpose | str, *,
    at: dt.datetime | None = None,
) -> EventOut:
    """What the "Renouveler" button of the list does: renew_consent."""
    return renew_consent(vault, beneficiary_id, purpose, at=at)


# --- enforcement when a session is logged ----------------------------------------------------


def gate_activity(
    s: Any, vault: Vault, a: ActivityIn, files: Mapping[int, store.FileFacts],
    *, at: dt.datetime | None = None,
) -> tuple[ActivityIn, list[str]]:
    """Apply the consent rules to a session about to be saved, inside the caller's
    transaction; return what may be saved and the notices to tell the worker
    (message codes). `files` are the session's people's files (store.file_facts),
    which the caller read to check that they exist.

    - A file that may not keep an identity at `at` (no basis, not informed, file
      consent not valid) gets no notes nor procedure details; if it still holds
      identity data, the session is not linked to it (logged anonymously) —
      notice activity_without_identity. Tracked workshop participants in that case
      become anonymous head counts — notice participant_without_identity.
    - Notes without a valid notes consent are not kept — notice notes_not_kept.
    - Refuses (KnownError of the reason): a referral that passes data on without a
      valid sharing consent; a procedure under mandate outside a mandate in force
      for that scope (and either for an anonymous person); kind_mismatch for either
      on a workshop; invalid for data passed on without a referral; not_found for a
      person missing from `files`.
    Journal: consent.share (data passed on) and mandate.use (procedure under
    mandate), with the scope or purpose and the code only.
    """
    when = _at(at)
    if a.kind == "Collectif":
        for name in ("referral_shares_data", "under_mandate_scope"):
            if getattr(a, name):
                raise KnownError("kind_mismatch", name)
        return _gate_participants(s, a, files, when)
    if a.referral_shares_data and not a.referred:
        raise KnownError("invalid", "referral_shares_data")
    if a.beneficiary_id is None:
        if a.referral_shares_data:
            raise KnownError(rules.Reason.NO_CONSENT, Purpose.PARTNER_SHARING)
        if a.under_mandate_scope is not None:
            raise KnownError(rules.Reason.NO_MANDATE)
        return a, []
    row = files.get(a.beneficiary_id)
    if row is None:
        raise KnownError("not_found", "beneficiary")
    # The consent history is read only when a rule looks at it: keeping a file
    # whose basis is consent, and every action beyond keeping the file (its
    # purpose's consent); the mandates only for a procedure under mandate.
    wants_history = (row.legal_basis == LegalBasis.CONSENT or a.referral_shares_data
                     or a.under_mandate_scope is not None or bool(a.notes))
    events = store.rule_events_of(s, [row.id])[row.id] if wants_history else []
    mandates = (
        [m.as_rule() for m in store.mandates_of(s, row.id)]
        if a.under_mandate_scope is not None else []
    )

    def check(action: Action, scope: str | None = None) -> Decision:
        return _apply_rules(row, events, mandates, action, when, scope)

    keep = check(Action.KEEP_IDENTITY)
    if not keep.allowed:
        if a.referral_shares_data or a.under_mandate_scope is not None:
            raise _refusal(keep)
        update: dict[str, Any] = {"notes": None, "procedure_details": None}
        if row.holds_identity:
            update["beneficiary_id"] = None
        return a.model_copy(update=update), ["activity_without_identity"]
    if a.referral_shares_data:
        decision = check(Action.SHARE_WITH_PARTNER)
        if not decision.allowed:
            raise _refusal(decision)
        audit.append(s, actor=vault.worker, action="consent.share", entity="consent",
                     ref=row.code, details={"purpose": str(Purpose.PARTNER_SHARING)}, at=when)
    if a.under_mandate_scope is not None:
        decision = check(Action.ACT_UNDER_MANDATE, a.under_mandate_scope)
        if not decision.allowed:
            raise _refusal(decision)
        audit.append(s, actor=vault.worker, action="mandate.use", entity="mandate",
                     ref=row.code, details={"scope": a.under_mandate_scope}, at=when)
    if a.notes and not check(Action.KEEP_NOTES).allowed:
        return a.model_copy(update={"notes": None}), ["notes_not_kept"]
    return a, []


def _gate_participants(
    s: Any, a: ActivityIn, files: Mapping[int, store.FileFacts], at: dt.datetime
) -> tuple[ActivityIn, list[str]]:
    # Only a participant whose file holds identity data can lose it; of those, only
    # a file kept on consent needs its consent history (KEEP_IDENTITY).
    identified = [files[pid] for pid in a.participant_ids
                  if pid in files and files[pid].holds_identity]
    if not identified:
        return a, []
    history = store.rule_events_of(
        s, [f.id for f in identified if f.legal_basis == LegalBasis.CONSENT]
    )
    dropped = {
        f.id for f in identified
        if not _apply_rules(f, history.get(f.id, []), [], Action.KEEP_IDENTITY, at).allowed
    }
    if not dropped:
        return a, []
    heads = a.anonymous.model_copy(deep=True)
    for pid in a.participant_ids:
        if pid in dropped:
            heads = _count_anonymously(heads, files[pid])
    keep = [pid for pid in a.participant_ids if pid not in dropped]
    return (a.model_copy(update={"participant_ids": keep, "anonymous": heads}),
            ["participant_without_identity"])


def _count_anonymously(heads: HeadCounts, row: store.FileFacts) -> HeadCounts:
    def plus(counts: dict[str, int], key: str) -> dict[str, int]:
        return {**counts, key: counts.get(key, 0) + 1}

    return heads.model_copy(update={
        "total": heads.total + 1,
        "by_gender": plus(heads.by_gender, row.gender),
        "by_age_band": plus(heads.by_age_band, row.age_band),
        "by_status": plus(heads.by_status, row.social_status),
    })


def notice_message(code: str, lang: Lang = "fr") -> str:
    """The text of a notice returned with a saved session (ActivityOut.notices)."""
    fr, en = MESSAGES[code]
    return fr if lang == "fr" else en


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
    }[kind]
    return fr if lang == "fr" else en


def document_title(kind: str, lang: Lang) -> str:
    return _titles(kind, lang)


def notice_document(lang: Lang = "fr", version: str = NOTICE_VERSION, *,
                    vault: Vault | None = None) -> Document:
    """The information notice to hand out (its QR code holds the notice's hash), with
    the structure's name of `vault` when given and set. Refuses not_in_list for an
    unknown version."""
    _notice(version)
    name = structure.structure_name(vault) if vault is not None else None
    return Document("notice", documents.information_notice(lang, version, structure=name),
                    _titles("notice", lang), documents.notice_hash(version), None)


def receipt(
    vault: Vault, event_id: int, lang: Lang = "fr", *, at: dt.datetime | None = None
) -> Document:
    """The receipt of one consent event, for the person. Reads only.
    Refuses not_found."""
    when = _at(at)
    with vault.reading() as s:
        e = store.event(s, event_id)
        if e is None:
            raise KnownError("not_found", "consent_event")
        row = _file(s, e.beneficiary_id)
        out = _event_out(s, e, row.code)
        person = person_of(s, row, when)
        name = structure.name_in(s)
    version = out.notice_version or NOTICE_VERSION
    page = documents.consent_receipt(documents.ConsentReceipt(
        person=person, purpose=out.purpose, kind=out.kind, at=out.at, method=out.method,
        valid_until=out.valid_until, recorded_by=out.recorded_by, notice_version=version,
        notice_hash=out.notice_hash or documents.notice_hash(version),
        record_hash=out.record_hash,
    ), lang, structure=name)
    return Document("consent_receipt", page, _titles("consent_receipt", lang),
                    out.record_hash, row.code)


def save_pdf(vault: Vault, document: Document, path: Path | str) -> Path:
    """Write the document as a PDF (file mode 0600). Journal: document.save with the
    kind and the record hash (and the code). Refuses folder_unwritable."""
    target = Path(path)
    data = documents.to_pdf(document.html, title=document.title)
    try:
        write_private_atomic(target, data)
    except OSError as exc:
        raise KnownError("folder_unwritable", reason=type(exc).__name__) from None
    note_document(vault, document, "document.save")
    return target


def note_printed(vault: Vault, document: Document) -> None:
    """Journal that a document was printed (document.print, kind and hash)."""
    note_document(vault, document, "document.print")


def note_document(vault: Vault, document: Document, action: str) -> None:
    with vault.transaction() as s:
        audit.append(s, actor=vault.worker, action=action, entity="document",
                     ref=document.code, details={"kind": document.kind,
                                                 "record_hash": document.record_hash})


@dataclass(frozen=True, slots=True)
class RecordCheck:
    """What a document's hash designates in the vault."""

    kind: str  # consent_event, mandate, mandate_revocation, notice
    code: str | None
    at: dt.datetime | dt.date | None


def find_record(vault: Vault, record_hash: str) -> RecordCheck | None:
    """The record a document's hash (read from its QR code) designates, or None when
    no record of this vault has it (the paper was altered, or is from elsewhere).
    Reads only."""
    wanted = record_hash.strip().lower()
    for version in documents.notice_versions():
        if documents.notice_hash(version) == wanted:
            return RecordCheck("notice", None, None)
    from accomp.services import mandates

    with vault.reading() as s:
        codes: dict[int, str] = {}
        for e in store.all_events(s):
            code = codes.get(e.beneficiary_id)
            if code is None:
                code = codes[e.beneficiary_id] = _file(s, e.beneficiary_id).code
            if event_record_hash(e, code) == wanted:
                return RecordCheck("consent_event", code, e.row.at)
        return mandates.find_in(s, wanted)


def label(purpose: Purpose | str, lang: Lang = "fr") -> str:
    """A purpose's label."""
    return field_label(str(purpose), lang)
