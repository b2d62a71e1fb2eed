"""Consent rules applied when a session is logged: what may be saved of it, what the
worker is told, and what is refused (a referral passing data on without consent, a
procedure outside a mandate in force).

Called by services.activities inside its own transaction. Every decision is that of
accomp.domain.consent (`decide`) on what the vault holds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from accomp.domain import consent as rules
from accomp.domain.consent import Action, Decision, LegalBasis, Purpose
from accomp.domain.errors import MESSAGES, KnownError, Lang
from accomp.domain.models import ActivityIn, HeadCounts
from accomp.services.consent_records import _apply_rules, _at, _refusal
from accomp.store import audit
from accomp.store import consents as store
from accomp.store.vault import Vault


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
