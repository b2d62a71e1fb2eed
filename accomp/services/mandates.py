"""Mandates: acting on the person's behalf for chosen procedures (scopes), for 1 day,
1 month, 6 months or 12 months; revocable per scope or whole; renewable.

A mandate is usable only while it is in force, for a scope not revoked, and while
the person's "Mandat" consent is valid: creating a mandate records that consent (a
grant that lasts as long as the mandate), revoking the last mandate in force
withdraws it, and withdrawing it (services.consents) revokes every mandate.

Every change writes a journal event with the file's code only: mandate.create,
mandate.revoke, mandate.revoke_scope, mandate.renew (and the consent events).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from accomp.domain import consent as rules
from accomp.domain.consent import Action, ConsentStatus, Decision, EventKind, Purpose, Scope
from accomp.domain.errors import KnownError, Lang
from accomp.domain.vocab import vocabulary
from accomp.reports import documents
from accomp.services import consent_records as records
from accomp.services import structure
from accomp.services.consent_records import Document, EventOut, RecordCheck
from accomp.store import audit, merges
from accomp.store import consents as store
from accomp.store.tables import Beneficiary
from accomp.store.vault import Vault

SCOPES: tuple[Scope, ...] = tuple(Scope)
DURATIONS: tuple[str, ...] = tuple(d.value for d in rules.MandateDuration)


@dataclass(frozen=True, slots=True)
class ScopeOut:
    scope: Scope
    revoked_at: dt.datetime | None
    usable: bool  # one may act under it at the instant asked


@dataclass(frozen=True, slots=True)
class MandateOut:
    id: int
    beneficiary_id: int
    code: str
    starts_on: dt.date
    ends_on: dt.date  # first day it no longer holds
    duration: str
    created_at: dt.datetime
    revoked_at: dt.datetime | None
    renewed_from: int | None
    status: str  # in_force, not_started, expired, revoked, replaced, consent_withdrawn
    scopes: tuple[ScopeOut, ...]
    record_hash: str

    @property
    def last_day(self) -> dt.date:
        return self.ends_on - dt.timedelta(days=1)

    @property
    def usable_scopes(self) -> tuple[Scope, ...]:
        return tuple(s.scope for s in self.scopes if s.usable)

    @property
    def revocable(self) -> bool:
        return self.status in ("in_force", "not_started", "consent_withdrawn") and \
            self.revoked_at is None


@dataclass(frozen=True, slots=True)
class MandateCreated:
    mandate: MandateOut
    consent_event: EventOut


# --- hashes ---------------------------------------------------------------------------------


def mandate_record_hash(m: store.StoredMandate, code: str) -> str:
    """The hash on a mandate attestation: the mandate as created (scopes, dates)."""
    r = m.row
    return documents.record_hash({
        "record": "mandate", "id": r.id, "code": code, "starts_on": r.starts_on,
        "ends_on": r.ends_on, "duration": r.duration,
        "scopes": sorted(s.scope for s in m.scopes), "created_at": r.created_at,
        "renewed_from": r.renewed_from,
    })


def revocation_record_hash(mandate_hash: str, scope: str | None, at: dt.datetime) -> str:
    """The hash on a revocation receipt: which mandate, which scope ("*" = whole), when."""
    return documents.record_hash({
        "record": "mandate_revocation", "mandate": mandate_hash, "scope": scope or "*",
        "revoked_at": at,
    })


# --- reading -----------------------------------------------------------------------------------


def _status(m: store.StoredMandate, replaced: bool, consent_valid: bool, at: dt.datetime) -> str:
    r = m.row
    if r.revoked_at is not None and r.revoked_at <= at:
        return "replaced" if replaced else "revoked"
    if at.date() < r.starts_on:
        return "not_started"
    if at.date() >= r.ends_on:
        return "expired"
    return "in_force" if consent_valid else "consent_withdrawn"


def _outs(s: Any, row: Beneficiary, at: dt.datetime) -> list[MandateOut]:
    assert row.id is not None
    mandates = store.mandates_of(s, row.id)
    replaced = store.renewals_of(s, [m.row.id for m in mandates if m.row.id is not None])
    state = rules.consent_state([e.as_rule() for e in store.events_of(s, row.id)],
                                Purpose.MANDATE, at)
    out = [_out(m, row, m.row.id in replaced, state.is_valid, at) for m in mandates]
    return sorted(out, key=lambda m: (m.starts_on, m.id), reverse=True)


def _out(
    m: store.StoredMandate, row: Beneficiary, replaced: bool, consent_valid: bool,
    at: dt.datetime,
) -> MandateOut:
    assert m.row.id is not None
    assert row.id is not None
    usable = rules.usable_scopes(m.as_rule(), at) if consent_valid else frozenset()
    return MandateOut(
        id=m.row.id, beneficiary_id=row.id, code=row.code, starts_on=m.row.starts_on,
        ends_on=m.row.ends_on, duration=m.row.duration, created_at=m.row.created_at,
        revoked_at=m.row.revoked_at, renewed_from=m.row.renewed_from,
        status=_status(m, replaced, consent_valid, at),
        scopes=tuple(ScopeOut(Scope(s.scope), s.revoked_at, Scope(s.scope) in usable)
                     for s in m.scopes),
        record_hash=mandate_record_hash(m, row.code),
    )


def list_mandates(
    vault: Vault, beneficiary_id: int, *, at: dt.datetime | None = None
) -> list[MandateOut]:
    """A file's mandates, newest first, with their status and each scope's at `at`.
    Reads only. Refuses not_found."""
    when = records._at(at)
    with vault.reading() as s:
        return _outs(s, records._file(s, beneficiary_id), when)


def get_mandate(vault: Vault, mandate_id: int, *, at: dt.datetime | None = None) -> MandateOut:
    when = records._at(at)
    with vault.reading() as s:
        m = _mandate(s, mandate_id)
        row = records._file(s, m.row.beneficiary_id)
        return next(o for o in _outs(s, row, when) if o.id == mandate_id)


def check_scope(
    vault: Vault, beneficiary_id: int, scope: str, *, at: dt.datetime | None = None
) -> Decision:
    """Whether one may act for the person on `scope` at `at` (a valid Mandat consent
    and a mandate in force covering the scope, not revoked). Reads only."""
    if scope not in vocabulary().keys("mandate_scopes"):
        raise KnownError("not_in_list", "under_mandate_scope")
    return records.decide(vault, beneficiary_id, Action.ACT_UNDER_MANDATE, scope=scope, at=at)


# --- changes ------------------------------------------------------------------------------------


def _mandate(s: Any, mandate_id: int) -> store.StoredMandate:
    m = store.mandate(s, mandate_id)
    if m is None:
        raise KnownError("not_found", "mandate")
    return m


def _scopes(scopes: Sequence[str]) -> list[str]:
    if not scopes:
        raise KnownError("required", "scopes")
    allowed = vocabulary().keys("mandate_scopes")
    if any(s not in allowed for s in scopes):
        raise KnownError("not_in_list", "scopes")
    if len(set(scopes)) != len(scopes):
        raise KnownError("invalid", "scopes")
    order = {s.value: i for i, s in enumerate(SCOPES)}
    return sorted(scopes, key=lambda s: order[s])


def _consent_end(s: Any, beneficiary_id: int, at: dt.datetime, ends_on: dt.date) -> dt.date:
    """The Mandat consent lasts as long as the longest mandate still to come."""
    ends = [m.row.ends_on for m in store.mandates_of(s, beneficiary_id)
            if m.row.revoked_at is None and m.row.ends_on > at.date()]
    return max([ends_on, *ends])


def _grant_kind(s: Any, beneficiary_id: int, at: dt.datetime) -> EventKind:
    state = rules.consent_state([e.as_rule() for e in store.events_of(s, beneficiary_id)],
                                Purpose.MANDATE, at)
    return EventKind.RENEWED if state.is_valid else EventKind.GIVEN


def _add(
    s: Any, vault: Vault, row: Beneficiary, scopes: list[str], duration: str,
    starts_on: dt.date, method: str, notice_version: str, at: dt.datetime,
    renewed_from: int | None,
) -> MandateCreated:
    assert row.id is not None
    ends_on = rules.mandate_end(starts_on, duration)
    kind = EventKind.RENEWED if renewed_from is not None else _grant_kind(s, row.id, at)
    valid_until = _consent_end(s, row.id, at, ends_on)
    m = store.add_mandate(s, row.id, starts_on=starts_on, ends_on=ends_on, duration=duration,
                          scopes=scopes, at=at, renewed_from=renewed_from)
    event = records.append_event(s, vault, row, Purpose.MANDATE, kind, at, method=method,
                                  notice_version=notice_version, valid_until=valid_until)
    details: dict[str, Any] = {"mandate": m.row.id, "scopes": scopes, "duration": duration,
                               "starts_on": starts_on.isoformat(),
                               "ends_on": ends_on.isoformat()}
    if renewed_from is not None:
        details["renews"] = renewed_from
    audit.append(s, actor=vault.worker,
                 action="mandate.renew" if renewed_from is not None else "mandate.create",
                 entity="mandate", ref=row.code, details=details, at=at)
    out = next(o for o in _outs(s, row, at) if o.id == m.row.id)
    return MandateCreated(out, event)


def create_mandate(
    vault: Vault, beneficiary_id: int, scopes: Sequence[str], duration: str, *,
    method: str = "papier_signe", starts_on: dt.date | None = None,
    notice_version: str = records.NOTICE_VERSION, at: dt.datetime | None = None,
) -> MandateCreated:
    """Create a mandate for `scopes` and `duration` (1j, 1m, 6m, 12m) from `starts_on`
    (default today), and record the person's Mandat consent (given, or renewed when
    one is valid) lasting until the end of the longest mandate.

    Refuses: not_found, already_anonymised; the file's own refusal when it may not
    keep an identity (no_legal_basis, not_informed, no/expired/withdrawn file
    consent); required / not_in_list / invalid (scopes); not_in_list (duration as
    mandate_duration, method, notice version); mandate_start_past.
    Journal: mandate.create (scopes, duration, dates) and consent.give/renew."""
    when = records._at(at)
    chosen = _scopes(scopes)
    if duration not in DURATIONS:
        raise KnownError("not_in_list", "mandate_duration")
    records._method(method)
    start = starts_on or when.date()
    if start < when.date():
        raise KnownError("mandate_start_past", "starts_on")
    with vault.transaction() as s:
        row = records._open_file(s, beneficiary_id)
        assert row.id is not None
        keep = records._decide(row, store.events_of(s, row.id), [], Action.KEEP_IDENTITY, when)
        if not keep.allowed:
            raise records._refusal(keep)
        return _add(s, vault, row, chosen, duration, start, method, notice_version, when, None)


def _revocable(m: store.StoredMandate, at: dt.datetime) -> None:
    if (m.row.revoked_at is not None and m.row.revoked_at <= at) or at.date() >= m.row.ends_on:
        raise KnownError("mandate_not_in_force", "mandate")


def revoke_scope(
    vault: Vault, mandate_id: int, scope: str, *, at: dt.datetime | None = None
) -> MandateOut:
    """Revoke one scope of a mandate; the others stay usable.

    Refuses: not_found; mandate_not_in_force (expired or revoked);
    scope_not_covered (not a scope of this mandate); scope_already_revoked.
    Journal: mandate.revoke_scope (mandate id, scope)."""
    when = records._at(at)
    with vault.transaction() as s:
        m = _mandate(s, mandate_id)
        _revocable(m, when)
        entry = next((x for x in m.scopes if x.scope == scope), None)
        if entry is None:
            raise KnownError(rules.Reason.SCOPE_NOT_COVERED, scope)
        if entry.revoked_at is not None:
            raise KnownError("scope_already_revoked", scope)
        row = records._file(s, m.row.beneficiary_id)
        store.revoke_scope(s, entry, when)
        audit.append(s, actor=vault.worker, action="mandate.revoke_scope", entity="mandate",
                     ref=row.code, details={"mandate": mandate_id, "scope": scope}, at=when)
        return next(o for o in _outs(s, row, when) if o.id == mandate_id)


def revoke_mandate(
    vault: Vault, mandate_id: int, *, at: dt.datetime | None = None
) -> MandateOut:
    """Revoke a whole mandate. When no other mandate remains in force or to come, the
    person's Mandat consent is withdrawn too.

    Refuses: not_found; mandate_not_in_force (expired or already revoked).
    Journal: mandate.revoke (mandate id) and, if so, consent.withdraw."""
    when = records._at(at)
    with vault.transaction() as s:
        m = _mandate(s, mandate_id)
        _revocable(m, when)
        row = records._file(s, m.row.beneficiary_id)
        assert row.id is not None
        store.revoke_mandate(s, m.row, when)
        audit.append(s, actor=vault.worker, action="mandate.revoke", entity="mandate",
                     ref=row.code, details={"mandate": mandate_id}, at=when)
        others = [o for o in store.mandates_of(s, row.id)
                  if o.row.revoked_at is None and o.row.ends_on > when.date()]
        state = rules.consent_state([e.as_rule() for e in store.events_of(s, row.id)],
                                    Purpose.MANDATE, when)
        if not others and state.status not in (ConsentStatus.NONE, ConsentStatus.WITHDRAWN):
            records.append_event(s, vault, row, Purpose.MANDATE, EventKind.WITHDRAWN, when,
                                  method=None)
        return next(o for o in _outs(s, row, when) if o.id == mandate_id)


def renew_mandate(
    vault: Vault, mandate_id: int, *, duration: str | None = None, method: str | None = None,
    at: dt.datetime | None = None,
) -> MandateCreated:
    """Renew a mandate: a new one from today with the scopes still valid, for the same
    duration unless told otherwise; it replaces the old one (ended now if it was still
    in force). Records the Mandat consent as renewed.

    Refuses: not_found, already_anonymised; mandate_revoked (a revoked mandate is not
    renewed: create a new one); required (no scope left); not_in_list; and what
    create_mandate refuses about the file.
    Journal: mandate.renew (new and old ids, scopes, duration) and consent.renew."""
    when = records._at(at)
    with vault.transaction() as s:
        old = _mandate(s, mandate_id)
        row = records._open_file(s, old.row.beneficiary_id)
        assert row.id is not None
        replaced = store.renewals_of(s, [mandate_id])
        if (old.row.revoked_at is not None and old.row.revoked_at <= when) or replaced:
            raise KnownError(rules.Reason.MANDATE_REVOKED)
        keep = records._decide(row, store.events_of(s, row.id), [], Action.KEEP_IDENTITY, when)
        if not keep.allowed:
            raise records._refusal(keep)
        scopes = _scopes([x.scope for x in old.scopes if x.revoked_at is None])
        length = duration or old.row.duration
        if length not in DURATIONS:
            raise KnownError("not_in_list", "mandate_duration")
        grants = [e for e in store.events_of(s, row.id)
                  if e.purpose == Purpose.MANDATE and e.row.kind in ("donne", "renouvele")]
        how = records._method(method or (grants[-1].row.method if grants else None)
                               or "papier_signe")
        assert how is not None
        if old.row.starts_on <= when.date() < old.row.ends_on:
            store.revoke_mandate(s, old.row, when)
        return _add(s, vault, row, scopes, length, when.date(), how,
                    records.NOTICE_VERSION, when, mandate_id)


def renew_latest(
    vault: Vault, beneficiary_id: int, *, at: dt.datetime | None = None
) -> MandateCreated:
    """Renew the file's latest mandate that was not revoked (what renewing the Mandat
    consent means). Refuses nothing_to_renew when there is none."""
    when = records._at(at)
    with vault.reading() as s:
        records._file(s, beneficiary_id)
        candidates = [m for m in store.mandates_of(s, beneficiary_id)
                      if m.row.revoked_at is None or m.row.revoked_at > when]
    if not candidates:
        raise KnownError("nothing_to_renew", Purpose.MANDATE)
    latest = max(candidates, key=lambda m: (m.row.starts_on, m.row.id or 0))
    assert latest.row.id is not None
    return renew_mandate(vault, latest.row.id, at=when)


# --- documents -------------------------------------------------------------------------------


def attestation(
    vault: Vault, mandate_id: int, lang: Lang = "fr", *, at: dt.datetime | None = None
) -> Document:
    """The mandate attestation for the person (scopes, dates, notice, hash and QR).
    Reads only. Refuses not_found."""
    when = records._at(at)
    with vault.reading() as s:
        m = _mandate(s, mandate_id)
        row = records._file(s, m.row.beneficiary_id)
        person = records.person_of(s, row, when)
        version, digest = _notice_of(s, m)
        record = mandate_record_hash(m, row.code)
        name = structure.name_in(s)
        recorder = structure.worker_name_in(s) or vault.worker
    page = documents.mandate_attestation(documents.MandateAttestation(
        person=person, scopes=[x.scope for x in m.scopes], duration=m.row.duration,
        starts_on=m.row.starts_on, ends_on=m.row.ends_on, created_at=m.row.created_at,
        recorded_by=recorder, renewal=m.row.renewed_from is not None,
        notice_version=version, notice_hash=digest, record_hash=record,
    ), lang, structure=name)
    return Document("mandate_attestation", page,
                    records.document_title("mandate_attestation", lang), record, row.code)


def _notice_of(s: Any, m: store.StoredMandate) -> tuple[str, str]:
    """The notice of the Mandat grant recorded with the mandate (else the current)."""
    grants = [e for e in store.events_of(s, m.row.beneficiary_id)
              if e.purpose == Purpose.MANDATE and e.row.at == m.row.created_at
              and e.row.notice_version]
    if grants and grants[-1].row.notice_version and grants[-1].row.notice_hash:
        return grants[-1].row.notice_version, grants[-1].row.notice_hash
    return records.NOTICE_VERSION, documents.notice_hash(records.NOTICE_VERSION)


def revocation_receipt(
    vault: Vault, mandate_id: int, lang: Lang = "fr", *, scope: str | None = None,
    at: dt.datetime | None = None,
) -> Document:
    """The receipt of a revocation: of the whole mandate (scope None) or of one scope.
    Reads only. Refuses not_found when that revocation was not recorded."""
    when = records._at(at)
    with vault.reading() as s:
        m = _mandate(s, mandate_id)
        row = records._file(s, m.row.beneficiary_id)
        person = records.person_of(s, row, when)
        version, digest = _notice_of(s, m)
        mandate_hash = mandate_record_hash(m, row.code)
        name = structure.name_in(s)
        recorder = structure.worker_name_in(s) or vault.worker
    if scope is None:
        revoked_at = m.row.revoked_at
        if revoked_at is None:
            raise KnownError("not_found", "mandate")
        revoked = [x.scope for x in m.scopes
                   if x.revoked_at is None or x.revoked_at > revoked_at]
        remaining: list[str] = []
    else:
        entry = next((x for x in m.scopes if x.scope == scope), None)
        if entry is None or entry.revoked_at is None:
            raise KnownError("not_found", "mandate")
        revoked_at = entry.revoked_at
        revoked = [scope]
        remaining = [x.scope for x in m.scopes
                     if x.scope != scope and (x.revoked_at is None or x.revoked_at > revoked_at)]
    record = revocation_record_hash(mandate_hash, scope, revoked_at)
    page = documents.revocation_receipt(documents.RevocationReceipt(
        person=person, revoked_scopes=revoked, whole=scope is None,
        remaining_scopes=remaining, starts_on=m.row.starts_on, at=revoked_at,
        recorded_by=recorder, notice_version=version, notice_hash=digest,
        record_hash=record,
    ), lang, structure=name)
    return Document("revocation_receipt", page,
                    records.document_title("revocation_receipt", lang), record, row.code)


def find_in(s: Any, record_hash: str) -> RecordCheck | None:
    """The mandate or revocation a document hash designates (for consent_documents.find_record)."""
    codes: dict[int, list[str]] = {}
    for m in store.all_mandates(s):
        known = codes.get(m.row.beneficiary_id)
        if known is None:  # a merged file's papers print one of its merge's codes
            records._file(s, m.row.beneficiary_id)
            known = codes[m.row.beneficiary_id] = merges.codes_of_group(s, m.row.beneficiary_id)
        for code in known:
            found = _find_in_mandate(m, code, record_hash)
            if found is not None:
                return found
    return None


def _find_in_mandate(m: store.StoredMandate, code: str, record_hash: str) -> RecordCheck | None:
    own = mandate_record_hash(m, code)
    if own == record_hash:
        return RecordCheck("mandate", code, m.row.created_at)
    revocations: list[tuple[str | None, dt.datetime]] = [
        (x.scope, x.revoked_at) for x in m.scopes if x.revoked_at is not None
    ]
    if m.row.revoked_at is not None:
        revocations.append((None, m.row.revoked_at))
    for scope, revoked_at in revocations:
        if revocation_record_hash(own, scope, revoked_at) == record_hash:
            return RecordCheck("mandate_revocation", code, revoked_at)
    return None
