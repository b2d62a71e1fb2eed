"""Consent rules against random histories.

The expected answers come from a reference written separately from the module, from
the words of the rule: "the last grant, withdrawal or expiry recorded at or before t
decides; a grant holds until its end day".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from accomp.domain.consent import (
    Action,
    ConsentEvent,
    ConsentStatus,
    EventKind,
    LegalBasis,
    Mandate,
    MandateDuration,
    MandateScope,
    Purpose,
    Reason,
    Scope,
    consent_state,
    decide,
    renewal_due,
)

ORIGIN = dt.datetime(2024, 1, 1)
INFORMED_LONG_AGO = dt.date(2020, 1, 6)
DAYS = 900

# --- reference -------------------------------------------------------------------------

VALIDITY_MONTHS = {
    Purpose.IDENTIFIED_FILE: 24,
    Purpose.FOLLOW_UP_CONTACT: 12,
    Purpose.PARTNER_SHARING: 12,
    Purpose.NOTES: 12,
    Purpose.MANDATE: 12,
}
NEEDS = {
    Action.SHOW_CONTACT: Purpose.FOLLOW_UP_CONTACT,
    Action.EDIT_CONTACT: Purpose.FOLLOW_UP_CONTACT,
    Action.KEEP_NOTES: Purpose.NOTES,
    Action.SHARE_WITH_PARTNER: Purpose.PARTNER_SHARING,
    Action.ACT_UNDER_MANDATE: Purpose.MANDATE,
    Action.PLAN_APPOINTMENT: Purpose.FOLLOW_UP_CONTACT,
}
DECISIVE = {EventKind.GIVEN, EventKind.RENEWED, EventKind.WITHDRAWN, EventKind.EXPIRED}


def reference_months_later(day: dt.date, months: int) -> dt.date:
    year = day.year + (day.month - 1 + months) // 12
    month = (day.month - 1 + months) % 12 + 1
    for candidate in range(day.day, 0, -1):
        try:
            return dt.date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def reference_end(grant: ConsentEvent) -> dt.date:
    return grant.valid_until or reference_months_later(grant.at.date(),
                                                       VALIDITY_MONTHS[grant.purpose])


def reference_status(events: list[ConsentEvent], purpose: Purpose, t: dt.datetime) -> str:
    seen = [(e.at, i, e) for i, e in enumerate(events) if e.purpose == purpose and e.at <= t]
    seen.sort(key=lambda x: (x[0], x[1]))
    decisive = [e for _, _, e in seen if e.kind in DECISIVE]
    if not decisive:
        return "informed" if seen else "none"
    last = decisive[-1]
    if last.kind == EventKind.WITHDRAWN:
        return "withdrawn"
    if last.kind == EventKind.EXPIRED:
        return "expired"
    end = reference_end(last)
    if t.date() >= end:
        return "expired"
    return "expiring" if (end - t.date()).days <= 30 else "valid"


def reference_valid(events: list[ConsentEvent], purpose: Purpose, t: dt.datetime) -> bool:
    return reference_status(events, purpose, t) in ("valid", "expiring")


REFUSAL = {"none": Reason.NO_CONSENT, "informed": Reason.NO_CONSENT,
           "expired": Reason.CONSENT_EXPIRED, "withdrawn": Reason.CONSENT_WITHDRAWN}

# --- random histories ------------------------------------------------------------------

# Whole hours over about two and a half years: instants often coincide.
instants = st.integers(0, DAYS * 24).map(lambda h: ORIGIN + dt.timedelta(hours=h))


@st.composite
def consent_events(draw: st.DrawFn) -> ConsentEvent:
    purpose = draw(st.sampled_from(list(Purpose)))
    kind = draw(st.sampled_from(list(EventKind)))
    at = draw(instants)
    valid_until = None
    if kind in (EventKind.GIVEN, EventKind.RENEWED):
        days = draw(st.one_of(st.none(), st.integers(-3, 500)))
        valid_until = None if days is None else at.date() + dt.timedelta(days=days)
    return ConsentEvent(purpose, kind, at, valid_until)


histories = st.lists(consent_events(), max_size=14)


def instant_to_check(data: st.DataObject, events: list[ConsentEvent]) -> dt.datetime:
    """Any instant, or one on an edge: an event's instant, or around midnight of the day
    a grant ends (its own end day, or the default one)."""
    ends = [reference_end(e) for e in events if e.kind in (EventKind.GIVEN, EventKind.RENEWED)]
    edges = [e.at for e in events]
    edges += [dt.datetime.combine(end, dt.time()) + dt.timedelta(minutes=m)
              for end in ends for m in (-1, 0)]
    if edges:
        return data.draw(st.one_of(instants, st.sampled_from(edges)), label="t")
    return data.draw(instants, label="t")


# Every scope, in force over the whole range, so that only consent decides.
STANDING_MANDATES = [
    Mandate(dt.date(y, 1, 1), MandateDuration.TWELVE_MONTHS,
            tuple(MandateScope(s) for s in Scope))
    for y in range(2023, 2028)
]


def decide_at(action: Action, t: dt.datetime, events: list[ConsentEvent],
              legal_basis: str | None, informed_on: dt.date | None) -> tuple[bool, Reason | None]:
    scope = Scope.LOGEMENT if action == Action.ACT_UNDER_MANDATE else None
    d = decide(action, at=t, legal_basis=legal_basis, informed_on=informed_on,
               consent_events=events, mandates=STANDING_MANDATES, scope=scope)
    assert d.allowed == (d.reason is None)
    return d.allowed, d.reason


# --- properties -----------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(events=histories, data=st.data())
def test_consent_state_matches_a_plain_replay_of_the_history(
    events: list[ConsentEvent], data: st.DataObject
) -> None:
    t = instant_to_check(data, events)
    for purpose in Purpose:
        assert consent_state(events, purpose, t).status == reference_status(events, purpose, t)


@settings(max_examples=150, deadline=None)
@given(events=histories, action=st.sampled_from(list(NEEDS)), data=st.data())
def test_an_action_is_allowed_exactly_when_its_consent_is_valid(
    events: list[ConsentEvent], action: Action, data: st.DataObject
) -> None:
    t = instant_to_check(data, events)
    purpose = NEEDS[action]
    allowed, reason = decide_at(action, t, events, LegalBasis.PUBLIC_INTEREST,
                               INFORMED_LONG_AGO)
    if reference_valid(events, purpose, t):
        assert (allowed, reason) == (True, None)
    else:
        assert (allowed, reason) == (False, REFUSAL[reference_status(events, purpose, t)])


@settings(max_examples=100, deadline=None)
@given(
    events=histories,
    action=st.sampled_from([*NEEDS, Action.KEEP_IDENTITY]),
    legal_basis=st.one_of(st.none(), st.sampled_from(list(LegalBasis))),
    informed_on=st.one_of(st.none(), instants.map(lambda i: i.date())),
    data=st.data(),
)
def test_an_action_needs_a_lawfully_kept_file_and_its_own_consent(
    events: list[ConsentEvent],
    action: Action,
    legal_basis: LegalBasis | None,
    informed_on: dt.date | None,
    data: st.DataObject,
) -> None:
    t = instant_to_check(data, events)
    if legal_basis is None:
        file_kept = False
    elif legal_basis == LegalBasis.CONSENT:
        file_kept = reference_valid(events, Purpose.IDENTIFIED_FILE, t)
    else:
        file_kept = informed_on is not None and informed_on <= t.date()
    purpose_ok = action == Action.KEEP_IDENTITY or reference_valid(events, NEEDS[action], t)
    allowed, _ = decide_at(action, t, events, legal_basis, informed_on)
    assert allowed == (file_kept and purpose_ok)


@settings(max_examples=75, deadline=None)
@given(events=histories, later_events=histories, action=st.sampled_from(list(NEEDS)),
       data=st.data())
def test_what_is_recorded_after_an_instant_never_changes_the_answer_at_that_instant(
    events: list[ConsentEvent], later_events: list[ConsentEvent], action: Action,
    data: st.DataObject,
) -> None:
    t = instant_to_check(data, events)
    after = [replace(e, at=t + (e.at - ORIGIN) + dt.timedelta(seconds=1)) for e in later_events]
    basis = LegalBasis.CONSENT
    assert decide_at(action, t, events, basis, None) == decide_at(
        action, t, [*events, *after], basis, None)


@settings(max_examples=75, deadline=None)
@given(events=histories, data=st.data())
def test_renewal_list_holds_exactly_the_expired_and_expiring_consents(
    events: list[ConsentEvent], data: st.DataObject
) -> None:
    t = instant_to_check(data, events)
    by_purpose = {p: [e for e in events if e.purpose == p] for p in Purpose}
    due = renewal_due(by_purpose, t)
    assert [s.purpose for s in due] == [
        p for p in Purpose if reference_status(events, p, t) in ("expired", "expiring")]
    assert all(s.status in (ConsentStatus.EXPIRED, ConsentStatus.EXPIRING) for s in due)


@settings(max_examples=150, deadline=None)
@given(
    events=histories,
    legal_basis=st.one_of(st.none(), st.sampled_from(list(LegalBasis))),
    informed_on=st.one_of(st.none(), instants.map(lambda i: i.date())),
    data=st.data(),
)
def test_an_appointment_is_planned_exactly_when_the_person_may_be_called_back(
    events: list[ConsentEvent], legal_basis: LegalBasis | None,
    informed_on: dt.date | None, data: st.DataObject,
) -> None:
    """Planning an appointment needs what calling the person back needs: a lawfully
    kept file and a valid "RecontactSuivi" consent; refused for the same reason."""
    t = instant_to_check(data, events)
    planned = decide_at(Action.PLAN_APPOINTMENT, t, events, legal_basis, informed_on)
    assert planned == decide_at(Action.SHOW_CONTACT, t, events, legal_basis, informed_on)
    if legal_basis == LegalBasis.PUBLIC_INTEREST and informed_on is not None \
            and informed_on <= t.date():
        expected = reference_status(events, Purpose.FOLLOW_UP_CONTACT, t)
        assert planned[0] == (expected in ("valid", "expiring"))
        if not planned[0]:
            assert planned[1] == REFUSAL[expected]
