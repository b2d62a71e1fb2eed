"""Consent and mandate rules: what may be done with a beneficiary's data at instant t.

Pure rules (standard library only). They never raise for a refusal: `decide` returns a
`Decision` and the service turns a refusal into a `KnownError(decision.reason,
decision.subject)`. A `ValueError` here means the caller passed something no screen
should produce (a bug), not something the user did.

Conventions shared by every rule:

- History is append-only, so the state at instant t depends only on what was recorded
  at or before t. Records with the same instant count in the order given (recording
  order).
- `valid_until` (consent) and `ends_on` (mandate) are the first day on which the
  consent or the mandate no longer holds: a 1-day mandate started on 15 March has
  `ends_on` = 16 March; a screen showing "valable jusqu'au" shows the day before.
- The day of an instant is `at.date()`. Instants are compared as given: pass them all
  naive UTC, as the store keeps them, or all aware; never a mix.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

# Enum values are the keys of resources/vocab/cra.json and are stored as is: never
# rename them.


class Purpose(StrEnum):
    """What a consent is for (`consent_purposes`)."""

    IDENTIFIED_FILE = "DossierIdentifie"
    FOLLOW_UP_CONTACT = "RecontactSuivi"
    PARTNER_SHARING = "PartagePartenaire"
    NOTES = "ConservationNotes"
    MANDATE = "Mandat"


class EventKind(StrEnum):
    """What happened to a consent (`consent_event_kinds`)."""

    INFORMED = "informe"
    GIVEN = "donne"
    RENEWED = "renouvele"
    WITHDRAWN = "retire"
    EXPIRED = "expire"


class LegalBasis(StrEnum):
    """Why an identified file may be kept (`legal_bases`)."""

    PUBLIC_INTEREST = "MissionInteretPublic"
    LEGAL_OBLIGATION = "ObligationLegale"
    CONSENT = "Consentement"


class Scope(StrEnum):
    """A kind of procedure a mandate covers (`mandate_scopes`)."""

    PAPIERS = "papiers"
    FAMILLE = "famille"
    SOCIAL = "social"
    TRAVAIL = "travail"
    LOGEMENT = "logement"
    TRANSPORTS = "transports"
    ARGENT = "argent"
    JUSTICE = "justice"
    ETRANGER = "etranger"
    LOISIRS = "loisirs"


class MandateDuration(StrEnum):
    """How long a mandate runs (`mandate_durations`)."""

    ONE_DAY = "1j"
    ONE_MONTH = "1m"
    SIX_MONTHS = "6m"
    TWELVE_MONTHS = "12m"


class ConsentStatus(StrEnum):
    NONE = "none"
    INFORMED = "informed"  # told about the purpose, has not (yet) agreed
    VALID = "valid"
    EXPIRING = "expiring"  # valid, but ends within the warning window
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"


class Action(StrEnum):
    """Something a worker may do with a beneficiary's data."""

    SHOW_CONTACT = "show_contact"
    EDIT_CONTACT = "edit_contact"
    KEEP_NOTES = "keep_notes"
    SHARE_WITH_PARTNER = "share_with_partner"  # a referral that passes data on
    KEEP_IDENTITY = "keep_identity"
    ACT_UNDER_MANDATE = "act_under_mandate"  # with a Scope
    PLAN_APPOINTMENT = "plan_appointment"  # expect the person back, maybe call them


class Reason(StrEnum):
    """Why an action is refused; each value is a message code (CONSENT_MESSAGES)."""

    NO_LEGAL_BASIS = "no_legal_basis"
    NOT_INFORMED = "not_informed"
    NO_CONSENT = "no_consent"
    CONSENT_EXPIRED = "consent_expired"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    NO_MANDATE = "no_mandate"
    MANDATE_NOT_STARTED = "mandate_not_started"
    MANDATE_EXPIRED = "mandate_expired"
    MANDATE_REVOKED = "mandate_revoked"
    SCOPE_NOT_COVERED = "scope_not_covered"
    SCOPE_REVOKED = "scope_revoked"


# code -> (French, English), same shape as errors.MESSAGES, to be merged there.
# {field} is the label of Decision.subject (a purpose or a scope key).
CONSENT_MESSAGES: dict[str, tuple[str, str]] = {
    Reason.NO_LEGAL_BASIS: (
        "Ce dossier n'a pas de base légale : seules les données statistiques sont conservées.",
        "This file has no legal basis: only statistical data is kept.",
    ),
    Reason.NOT_INFORMED: (
        "La personne n'a pas encore été informée du traitement de ses données : indiquez la "
        "date d'information.",
        "The person has not yet been informed of how their data is processed: enter the "
        "date they were informed.",
    ),
    Reason.NO_CONSENT: (
        "La personne n'a pas donné son consentement pour « {field} ».",
        "The person has not given consent for “{field}”.",
    ),
    Reason.CONSENT_EXPIRED: (
        "Le consentement pour « {field} » a expiré : faites-le renouveler.",
        "Consent for “{field}” has expired: have it renewed.",
    ),
    Reason.CONSENT_WITHDRAWN: (
        "La personne a retiré son consentement pour « {field} ».",
        "The person has withdrawn their consent for “{field}”.",
    ),
    Reason.NO_MANDATE: (
        "Aucun mandat ne permet d'agir pour le compte de cette personne.",
        "No mandate allows acting on this person's behalf.",
    ),
    Reason.MANDATE_NOT_STARTED: (
        "Le mandat n'a pas encore commencé.",
        "The mandate has not started yet.",
    ),
    Reason.MANDATE_EXPIRED: (
        "Le mandat a expiré : un nouveau mandat est nécessaire.",
        "The mandate has expired: a new mandate is needed.",
    ),
    Reason.MANDATE_REVOKED: (
        "Le mandat a été révoqué.",
        "The mandate has been revoked.",
    ),
    Reason.SCOPE_NOT_COVERED: (
        "Le mandat ne couvre pas la démarche « {field} ».",
        "The mandate does not cover “{field}”.",
    ),
    Reason.SCOPE_REVOKED: (
        "Le mandat a été révoqué pour la démarche « {field} ».",
        "The mandate has been revoked for “{field}”.",
    ),
}

# Consent for the file itself lasts as long as the file is kept active after the last
# contact (CNIL: 2 years); optional purposes are asked again every year. A mandate's
# consent lasts as long as the longest mandate.
CONSENT_VALIDITY_MONTHS: Mapping[Purpose, int] = {
    Purpose.IDENTIFIED_FILE: 24,
    Purpose.FOLLOW_UP_CONTACT: 12,
    Purpose.PARTNER_SHARING: 12,
    Purpose.NOTES: 12,
    Purpose.MANDATE: 12,
}

EXPIRY_WARNING_DAYS = 30

# The consent each action needs on top of a lawfully kept file. KEEP_IDENTITY needs
# only the file's legal basis.
ACTION_PURPOSE: Mapping[Action, Purpose] = {
    Action.SHOW_CONTACT: Purpose.FOLLOW_UP_CONTACT,
    Action.EDIT_CONTACT: Purpose.FOLLOW_UP_CONTACT,
    Action.KEEP_NOTES: Purpose.NOTES,
    Action.SHARE_WITH_PARTNER: Purpose.PARTNER_SHARING,
    Action.ACT_UNDER_MANDATE: Purpose.MANDATE,
    Action.PLAN_APPOINTMENT: Purpose.FOLLOW_UP_CONTACT,
}

_GRANTS = frozenset({EventKind.GIVEN, EventKind.RENEWED})
_ENDINGS: Mapping[EventKind, ConsentStatus] = {
    EventKind.WITHDRAWN: ConsentStatus.WITHDRAWN,
    EventKind.EXPIRED: ConsentStatus.EXPIRED,
}
_MANDATE_MONTHS: Mapping[MandateDuration, int] = {
    MandateDuration.ONE_MONTH: 1,
    MandateDuration.SIX_MONTHS: 6,
    MandateDuration.TWELVE_MONTHS: 12,
}


@dataclass(frozen=True, slots=True)
class ConsentEvent:
    """One line of a consent's append-only history.

    `valid_until` only goes with a grant (given, renewed); None there means the
    purpose's default validity (`default_consent_expiry`). Services should store the
    computed date so that a later change of policy does not rewrite the past.
    """

    purpose: Purpose
    kind: EventKind
    at: dt.datetime
    valid_until: dt.date | None = None

    def __post_init__(self) -> None:
        if self.valid_until is not None and self.kind not in _GRANTS:
            raise ValueError(f"a {self.kind} event has no validity end")


@dataclass(frozen=True, slots=True)
class ConsentState:
    """Where a consent stands at an instant.

    `since` is when this status began (for a consent that lapsed on its own: midnight
    of `valid_until`); `valid_until` is the end of the current grant, kept when it
    lapsed on its own, None after a withdrawal or an explicit expiry.
    """

    purpose: Purpose
    status: ConsentStatus
    since: dt.datetime | None = None
    valid_until: dt.date | None = None

    @property
    def is_valid(self) -> bool:
        return self.status in (ConsentStatus.VALID, ConsentStatus.EXPIRING)


@dataclass(frozen=True, slots=True)
class MandateScope:
    scope: Scope
    revoked_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class Mandate:
    """A mandate to carry out procedures on the person's behalf, per scope.

    `revoked_at` revokes the whole mandate; each scope can be revoked on its own.
    """

    starts_on: dt.date
    duration: MandateDuration
    scopes: tuple[MandateScope, ...]
    revoked_at: dt.datetime | None = None

    def __post_init__(self) -> None:
        keys = [s.scope for s in self.scopes]
        if len(set(keys)) != len(keys):
            raise ValueError("a scope appears twice in one mandate")

    @property
    def ends_on(self) -> dt.date:
        return mandate_end(self.starts_on, self.duration)

    def scope_entry(self, scope: Scope) -> MandateScope | None:
        return next((s for s in self.scopes if s.scope == scope), None)


@dataclass(frozen=True, slots=True)
class Decision:
    """Whether `action` is allowed; if not, `reason` is the message code.

    `purpose` is the consent that decided (None when only an information date did);
    `scope` is the procedure asked for under a mandate.
    """

    action: Action
    allowed: bool
    reason: Reason | None = None
    purpose: Purpose | None = None
    scope: Scope | None = None

    @property
    def subject(self) -> str | None:
        """What the refusal message names: the scope for a scope refusal, else the
        purpose. Pass it as the KnownError's field."""
        if self.reason in (Reason.SCOPE_NOT_COVERED, Reason.SCOPE_REVOKED):
            return self.scope
        return self.purpose


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day `months` later; the last day of the month when that day does not
    exist (31 January + 1 month = 28 or 29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def default_consent_expiry(purpose: Purpose, given_on: dt.date) -> dt.date:
    """First day on which a consent given on `given_on` with no explicit end lapses."""
    return add_months(given_on, CONSENT_VALIDITY_MONTHS[purpose])


def mandate_end(starts_on: dt.date, duration: str) -> dt.date:
    """First day on which a mandate of `duration` (1j, 1m, 6m, 12m) no longer holds."""
    key = MandateDuration(duration)
    if key == MandateDuration.ONE_DAY:
        return starts_on + dt.timedelta(days=1)
    return add_months(starts_on, _MANDATE_MONTHS[key])


def consent_state(
    events: Iterable[ConsentEvent],
    purpose: Purpose,
    at: dt.datetime,
    *,
    within_days: int = EXPIRY_WARNING_DAYS,
) -> ConsentState:
    """Replay the history of `purpose` up to `at` (events of other purposes and later
    events are ignored).

    A grant (given, renewed) makes it valid until its `valid_until`, even after a
    withdrawal or an expiry; a withdrawal or an explicit expiry ends it; being
    informed only counts while nothing else has happened. A valid consent whose end
    is `within_days` days away or less is "expiring".
    """
    status, since, until = ConsentStatus.NONE, None, None
    history = sorted((e for e in events if e.purpose == purpose and e.at <= at),
                     key=lambda e: e.at)
    for event in history:
        if event.kind == EventKind.INFORMED:
            if status == ConsentStatus.NONE:
                status, since = ConsentStatus.INFORMED, event.at
        elif event.kind in _GRANTS:
            status, since = ConsentStatus.VALID, event.at
            until = event.valid_until or default_consent_expiry(purpose, event.at.date())
        else:
            status, since, until = _ENDINGS[event.kind], event.at, None
    if until is not None:
        if at.date() >= until:
            lapsed = dt.datetime.combine(until, dt.time.min, tzinfo=at.tzinfo)
            return ConsentState(purpose, ConsentStatus.EXPIRED, lapsed, until)
        if (until - at.date()).days <= within_days:
            status = ConsentStatus.EXPIRING
    return ConsentState(purpose, status, since, until)


def renewal_due(
    events_by_purpose: Mapping[Purpose, Sequence[ConsentEvent]],
    at: dt.datetime,
    within_days: int = EXPIRY_WARNING_DAYS,
) -> tuple[ConsentState, ...]:
    """The consents to have renewed (the "À renouveler" list): expired ones, and valid
    ones ending within `within_days` days, in the mapping's order. Withdrawn consents
    are not listed: the person said no."""
    states = (
        consent_state(events, purpose, at, within_days=within_days)
        for purpose, events in events_by_purpose.items()
    )
    return tuple(
        s for s in states if s.status in (ConsentStatus.EXPIRING, ConsentStatus.EXPIRED)
    )


def usable_scopes(mandate: Mandate, at: dt.datetime) -> frozenset[Scope]:
    """The scopes one may act under at `at`: none unless the mandate is in force."""
    if _mandate_refusal(mandate, at) is not None:
        return frozenset()
    return frozenset(s.scope for s in mandate.scopes if not _revoked(s.revoked_at, at))


def decide(
    action: Action,
    *,
    at: dt.datetime,
    legal_basis: str | None,
    informed_on: dt.date | None,
    consent_events: Sequence[ConsentEvent],
    mandates: Sequence[Mandate],
    scope: str | None = None,
) -> Decision:
    """Whether `action` is allowed at `at` for one beneficiary's file.

    Every action first needs the file to be lawfully kept (KEEP_IDENTITY): with the
    legal basis Consentement, a valid DossierIdentifie consent; with a public-interest
    mission or a legal obligation, an information date on or before that day; with no
    basis, nothing. Then each action needs the consent of its purpose
    (ACTION_PURPOSE).

    ACT_UNDER_MANDATE (with `scope`) also needs a valid "Mandat" consent: the mandate
    records the procedures and the duration, the consent records that the person
    agreed, and withdrawing it stops every mandate at once, whatever the mandate rows
    say. A service creating a mandate therefore records a Mandat grant whose
    `valid_until` is the mandate's `ends_on`. Then at least one mandate must be in
    force at `at` and cover `scope`, not revoked. When none does, the reason is the
    one of the latest-starting mandate that covers the scope.
    """
    if (action == Action.ACT_UNDER_MANDATE) != (scope is not None):
        raise ValueError("a scope goes with ACT_UNDER_MANDATE, and only with it")
    wanted = Scope(scope) if scope is not None else None
    refusal, purpose = _file_basis_refusal(legal_basis, informed_on, consent_events, at)
    if refusal is None and action != Action.KEEP_IDENTITY:
        purpose = ACTION_PURPOSE[action]
        refusal = _consent_refusal(consent_state(consent_events, purpose, at))
        if refusal is None and wanted is not None:
            refusal = _scope_refusal(mandates, wanted, at)
    return Decision(action, refusal is None, refusal, purpose, wanted)


def _file_basis_refusal(
    legal_basis: str | None,
    informed_on: dt.date | None,
    events: Sequence[ConsentEvent],
    at: dt.datetime,
) -> tuple[Reason | None, Purpose | None]:
    if legal_basis is None:
        return Reason.NO_LEGAL_BASIS, None
    if LegalBasis(legal_basis) == LegalBasis.CONSENT:
        state = consent_state(events, Purpose.IDENTIFIED_FILE, at)
        return _consent_refusal(state), Purpose.IDENTIFIED_FILE
    if informed_on is None or informed_on > at.date():
        return Reason.NOT_INFORMED, None
    return None, None


def _consent_refusal(state: ConsentState) -> Reason | None:
    if state.is_valid:
        return None
    if state.status == ConsentStatus.WITHDRAWN:
        return Reason.CONSENT_WITHDRAWN
    if state.status == ConsentStatus.EXPIRED:
        return Reason.CONSENT_EXPIRED
    return Reason.NO_CONSENT


def _scope_refusal(mandates: Sequence[Mandate], scope: Scope, at: dt.datetime) -> Reason | None:
    if not mandates:
        return Reason.NO_MANDATE
    refusals: list[tuple[dt.date, Reason]] = []
    for mandate in mandates:
        entry = mandate.scope_entry(scope)
        if entry is None:
            continue
        refusal = _mandate_refusal(mandate, at)
        if refusal is None and _revoked(entry.revoked_at, at):
            refusal = Reason.SCOPE_REVOKED
        if refusal is None:
            return None
        refusals.append((mandate.starts_on, refusal))
    if not refusals:
        return Reason.SCOPE_NOT_COVERED
    return max(refusals, key=lambda r: r[0])[1]


def _mandate_refusal(mandate: Mandate, at: dt.datetime) -> Reason | None:
    if _revoked(mandate.revoked_at, at):
        return Reason.MANDATE_REVOKED
    if at.date() < mandate.starts_on:
        return Reason.MANDATE_NOT_STARTED
    if at.date() >= mandate.ends_on:
        return Reason.MANDATE_EXPIRED
    return None


def _revoked(revoked_at: dt.datetime | None, at: dt.datetime) -> bool:
    return revoked_at is not None and revoked_at <= at


# --- passing a file on to a colleague (transfer) -----------------------------------------

# A legal obligation (e.g. a court or social-services request) allows passing a file on
# without the person's "partage" consent; a public-interest mission or consent as the
# file's basis does not: then the person must have agreed to the sharing.
TRANSFER_BASES = frozenset({LegalBasis.LEGAL_OBLIGATION})


@dataclass(frozen=True, slots=True)
class TransferDecision:
    """Whether a file may be passed on at an instant, and whether its notes may go
    with it. `refusal` is the Decision that refused the file (None when allowed)."""

    allowed: bool
    notes_allowed: bool
    refusal: Decision | None = None


def decide_transfer(
    *,
    at: dt.datetime,
    legal_basis: str | None,
    informed_on: dt.date | None,
    consent_events: Sequence[ConsentEvent],
) -> TransferDecision:
    """May this file be passed on to a colleague at `at`?

    The file must be lawfully kept (see `decide`), and either the "partage" consent
    (PartagePartenaire) is in force or the legal basis is one of TRANSFER_BASES.
    Notes go only when the file may go and the notes consent (ConservationNotes) is
    in force too.
    """
    def allows(action: Action) -> Decision:
        return decide(action, at=at, legal_basis=legal_basis, informed_on=informed_on,
                      consent_events=consent_events, mandates=())

    share = allows(Action.SHARE_WITH_PARTNER)
    by_law = legal_basis in TRANSFER_BASES and allows(Action.KEEP_IDENTITY).allowed
    if not (share.allowed or by_law):
        return TransferDecision(False, False, share)
    return TransferDecision(True, allows(Action.KEEP_NOTES).allowed)
