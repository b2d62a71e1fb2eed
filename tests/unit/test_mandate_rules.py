"""Mandate rules: acting on a person's behalf, per procedure, for a limited time."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accomp.domain.consent import (
    Action,
    ConsentEvent,
    Decision,
    EventKind,
    LegalBasis,
    Mandate,
    MandateDuration,
    MandateScope,
    Purpose,
    Reason,
    Scope,
    decide,
    mandate_end,
    usable_scopes,
)
from accomp.domain.vocab import vocabulary

SIGNED = dt.datetime(2025, 3, 10, 10, 15)  # mandate signed at the desk
START = SIGNED.date()
# The person's agreement to be represented, recorded with the mandate.
MANDATE_CONSENT = [
    ConsentEvent(Purpose.MANDATE, EventKind.GIVEN, SIGNED, valid_until=dt.date(2030, 1, 1))
]


def mandate(
    *scopes: Scope,
    duration: MandateDuration = MandateDuration.SIX_MONTHS,
    starts_on: dt.date = START,
    revoked_at: dt.datetime | None = None,
    scope_revoked: dict[Scope, dt.datetime] | None = None,
) -> Mandate:
    revoked = scope_revoked or {}
    return Mandate(
        starts_on=starts_on,
        duration=duration,
        scopes=tuple(MandateScope(s, revoked.get(s)) for s in scopes),
        revoked_at=revoked_at,
    )


def act(
    scope: str,
    at: dt.datetime,
    mandates: list[Mandate],
    consent: list[ConsentEvent] = MANDATE_CONSENT,
    legal_basis: str | None = LegalBasis.PUBLIC_INTEREST,
    informed_on: dt.date = START,
) -> Decision:
    return decide(Action.ACT_UNDER_MANDATE, at=at, legal_basis=legal_basis,
                  informed_on=informed_on, consent_events=consent, mandates=mandates, scope=scope)


def at_day(day: dt.date, hour: int = 11) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour))


# --- reference vocabulary -------------------------------------------------------------


def test_scope_and_duration_values_are_the_keys_of_the_reference_vocabulary() -> None:
    assert {s.value for s in Scope} == vocabulary().keys("mandate_scopes")
    assert {d.value for d in MandateDuration} == vocabulary().keys("mandate_durations")


# --- duration -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("starts_on", "duration", "ends_on"),
    [
        (dt.date(2025, 3, 10), "1j", dt.date(2025, 3, 11)),
        (dt.date(2025, 12, 31), "1j", dt.date(2026, 1, 1)),
        (dt.date(2025, 3, 10), "1m", dt.date(2025, 4, 10)),
        (dt.date(2025, 1, 31), "1m", dt.date(2025, 2, 28)),
        (dt.date(2024, 1, 31), "1m", dt.date(2024, 2, 29)),
        (dt.date(2025, 8, 31), "6m", dt.date(2026, 2, 28)),
        (dt.date(2025, 3, 10), "12m", dt.date(2026, 3, 10)),
        (dt.date(2024, 2, 29), "12m", dt.date(2025, 2, 28)),
    ],
)
def test_mandate_ends_the_same_day_later_or_at_the_end_of_a_shorter_month(
    starts_on: dt.date, duration: str, ends_on: dt.date
) -> None:
    assert mandate_end(starts_on, duration) == ends_on


def test_unknown_duration_is_a_bug() -> None:
    with pytest.raises(ValueError, match="2m"):
        mandate_end(START, "2m")


def test_mandate_end_is_derived_from_its_start_and_duration() -> None:
    assert mandate(Scope.LOGEMENT, duration=MandateDuration.ONE_MONTH).ends_on == dt.date(
        2025, 4, 10)


def test_a_scope_listed_twice_is_a_bug() -> None:
    with pytest.raises(ValueError, match="twice"):
        mandate(Scope.ARGENT, Scope.ARGENT)


# --- acting under a mandate -----------------------------------------------------------


def test_mandate_in_force_allows_a_covered_procedure() -> None:
    decision = act("logement", at_day(START), [mandate(Scope.LOGEMENT, Scope.ARGENT)])
    assert decision == Decision(Action.ACT_UNDER_MANDATE, True, None, Purpose.MANDATE,
                                Scope.LOGEMENT)


def test_one_day_mandate_holds_until_midnight_only() -> None:
    one_day = [mandate(Scope.ARGENT, duration=MandateDuration.ONE_DAY)]
    assert act("argent", dt.datetime(2025, 3, 10, 23, 59), one_day).allowed
    decision = act("argent", dt.datetime(2025, 3, 11, 0, 0), one_day)
    assert decision.reason == Reason.MANDATE_EXPIRED


def test_expired_mandate_refuses_every_procedure() -> None:
    old = mandate(Scope.LOGEMENT, Scope.TRAVAIL, duration=MandateDuration.ONE_MONTH)
    after = at_day(dt.date(2025, 4, 10), hour=9)
    assert usable_scopes(old, after) == frozenset()
    for scope in (Scope.LOGEMENT, Scope.TRAVAIL):
        assert act(scope, after, [old]).reason == Reason.MANDATE_EXPIRED


def test_mandate_starting_tomorrow_does_not_allow_today() -> None:
    tomorrow = mandate(Scope.SOCIAL, starts_on=START + dt.timedelta(days=1))
    assert act("social", at_day(START), [tomorrow]).reason == Reason.MANDATE_NOT_STARTED
    assert usable_scopes(tomorrow, at_day(START)) == frozenset()


def test_revoked_mandate_refuses_from_the_revocation_on() -> None:
    revocation = dt.datetime(2025, 4, 2, 15, 0)
    revoked = [mandate(Scope.FAMILLE, revoked_at=revocation)]
    assert act("famille", revocation - dt.timedelta(minutes=1), revoked).allowed
    assert act("famille", revocation, revoked).reason == Reason.MANDATE_REVOKED
    assert usable_scopes(revoked[0], revocation) == frozenset()


def test_procedure_outside_the_mandate_is_refused() -> None:
    decision = act("justice", at_day(START), [mandate(Scope.LOGEMENT)])
    assert (decision.allowed, decision.reason, decision.subject) == (
        False, Reason.SCOPE_NOT_COVERED, Scope.JUSTICE)


def test_revoking_one_procedure_leaves_the_others_usable() -> None:
    revocation = dt.datetime(2025, 3, 20, 9, 0)
    m = mandate(Scope.LOGEMENT, Scope.ARGENT, Scope.TRANSPORTS,
                scope_revoked={Scope.ARGENT: revocation})
    after = revocation + dt.timedelta(hours=1)
    assert usable_scopes(m, after) == {Scope.LOGEMENT, Scope.TRANSPORTS}
    assert usable_scopes(m, revocation - dt.timedelta(hours=1)) == {
        Scope.LOGEMENT, Scope.ARGENT, Scope.TRANSPORTS}
    decision = act("argent", after, [m])
    assert (decision.reason, decision.subject) == (Reason.SCOPE_REVOKED, Scope.ARGENT)
    assert act("logement", after, [m]).allowed


def test_no_mandate_at_all_is_refused() -> None:
    assert act("papiers", at_day(START), []).reason == Reason.NO_MANDATE


def test_any_mandate_in_force_for_the_procedure_is_enough() -> None:
    last_year = mandate(Scope.LOGEMENT, starts_on=dt.date(2024, 1, 5),
                        duration=MandateDuration.ONE_MONTH)
    current = mandate(Scope.LOGEMENT, Scope.TRAVAIL)
    assert act("logement", at_day(START), [last_year, current]).allowed
    assert act("logement", at_day(START), [current, last_year]).allowed


def test_refusal_gives_the_reason_of_the_latest_mandate_covering_the_procedure() -> None:
    expired = mandate(Scope.ARGENT, starts_on=dt.date(2024, 1, 5))
    next_week = mandate(Scope.ARGENT, starts_on=START + dt.timedelta(days=7))
    other = mandate(Scope.LOISIRS, starts_on=START + dt.timedelta(days=30))
    for mandates in ([expired, next_week, other], [other, next_week, expired]):
        assert act("argent", at_day(START), mandates).reason == Reason.MANDATE_NOT_STARTED


def test_mandate_needs_the_person_s_mandate_consent() -> None:
    in_force = [mandate(Scope.LOGEMENT)]
    decision = act("logement", at_day(START), in_force, consent=[])
    assert (decision.reason, decision.subject) == (Reason.NO_CONSENT, Purpose.MANDATE)


def test_withdrawn_mandate_consent_stops_every_mandate_at_once() -> None:
    withdrawal = ConsentEvent(Purpose.MANDATE, EventKind.WITHDRAWN, dt.datetime(2025, 3, 12))
    decision = act("logement", at_day(dt.date(2025, 3, 13)), [mandate(Scope.LOGEMENT)],
                   consent=[*MANDATE_CONSENT, withdrawal])
    assert decision.reason == Reason.CONSENT_WITHDRAWN


def test_mandate_on_a_file_without_legal_basis_is_refused() -> None:
    decision = act("logement", at_day(START), [mandate(Scope.LOGEMENT)], legal_basis=None)
    assert decision.reason == Reason.NO_LEGAL_BASIS


def test_unknown_procedure_is_a_bug() -> None:
    with pytest.raises(ValueError, match="impots"):
        act("impots", at_day(START), [mandate(Scope.ARGENT)])


@pytest.mark.parametrize(
    ("action", "scope"),
    [(Action.ACT_UNDER_MANDATE, None), (Action.SHOW_CONTACT, "logement")],
)
def test_scope_goes_with_acting_under_mandate_only(action: Action, scope: str | None) -> None:
    with pytest.raises(ValueError, match="scope"):
        decide(action, at=at_day(START), legal_basis="MissionInteretPublic",
               informed_on=START, consent_events=MANDATE_CONSENT, mandates=[], scope=scope)


# --- properties -----------------------------------------------------------------------

# Properties look at the mandate alone: the file and the mandate consent hold throughout.
LONG_AGO = dt.datetime(2020, 1, 6, 9, 0)
STANDING_CONSENT = [
    ConsentEvent(Purpose.MANDATE, EventKind.GIVEN, LONG_AGO, valid_until=dt.date(2040, 1, 1))
]


def act_on_lawful_file(scope: str, at: dt.datetime, m: Mandate) -> Decision:
    return act(scope, at, [m], consent=STANDING_CONSENT, informed_on=LONG_AGO.date())


durations = st.sampled_from(list(MandateDuration))
start_days = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2026, 12, 31))
scope_sets = st.sets(st.sampled_from(list(Scope)), min_size=1).map(sorted)


def instant(day: dt.date, minutes: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minutes)


@settings(max_examples=100, deadline=None)
@given(start=start_days, duration=durations, scopes=scope_sets, data=st.data())
def test_revoking_one_scope_leaves_the_other_scopes_usable(
    start: dt.date, duration: MandateDuration, scopes: list[Scope], data: st.DataObject
) -> None:
    ends = mandate_end(start, duration)
    span = int((ends - start).days * 24 * 60) - 1
    at = instant(start, data.draw(st.integers(0, span), label="minutes into the mandate"))
    gone = data.draw(st.sampled_from(scopes), label="revoked scope")
    revocation = at - dt.timedelta(minutes=data.draw(st.integers(0, 60 * 24 * 400)))
    m = mandate(*scopes, duration=duration, starts_on=start,
                scope_revoked={gone: revocation})

    assert usable_scopes(m, at) == set(scopes) - {gone}
    for scope in scopes:
        decision = act_on_lawful_file(scope, at, m)
        expected = None if scope != gone else Reason.SCOPE_REVOKED
        assert (decision.allowed, decision.reason) == (expected is None, expected)


@settings(max_examples=75, deadline=None)
@given(start=start_days, duration=durations, scopes=scope_sets,
       minutes_after_end=st.integers(0, 60 * 24 * 800))
def test_expired_mandate_is_refused_for_every_scope(
    start: dt.date, duration: MandateDuration, scopes: list[Scope], minutes_after_end: int
) -> None:
    m = mandate(*scopes, duration=duration, starts_on=start)
    at = instant(m.ends_on, minutes_after_end)
    assert usable_scopes(m, at) == frozenset()
    for scope in scopes:
        assert act_on_lawful_file(scope, at, m).reason == Reason.MANDATE_EXPIRED


@settings(max_examples=100, deadline=None)
@given(start=start_days, duration=durations, scopes=scope_sets, data=st.data())
def test_a_scope_is_usable_exactly_while_mandate_and_scope_hold(
    start: dt.date, duration: MandateDuration, scopes: list[Scope], data: st.DataObject
) -> None:
    minutes = st.integers(-60 * 24 * 40, 60 * 24 * 400)
    maybe_instant = st.one_of(st.none(), minutes.map(lambda n: instant(start, n)))
    revoked_at = data.draw(maybe_instant, label="mandate revoked at")
    scope_revoked = {s: r for s in scopes
                     if (r := data.draw(maybe_instant, label=f"{s} revoked at")) is not None}
    m = mandate(*scopes, duration=duration, starts_on=start, revoked_at=revoked_at,
                scope_revoked=scope_revoked)
    at = instant(start, data.draw(minutes, label="minutes after start"))
    asked = data.draw(st.sampled_from(list(Scope)), label="procedure")

    # Written out on its own, from the words of the rule.
    in_force = (start <= at.date() < m.ends_on
                and (revoked_at is None or at < revoked_at))
    usable = {s for s in scopes
              if in_force and (s not in scope_revoked or at < scope_revoked[s])}

    assert usable_scopes(m, at) == usable
    assert act_on_lawful_file(asked, at, m).allowed == (asked in usable)


@settings(max_examples=30, deadline=None)
@given(start=start_days)
def test_longer_durations_end_later(start: dt.date) -> None:
    ends = [mandate_end(start, d) for d in ("1j", "1m", "6m", "12m")]
    assert ends == sorted(set(ends))
    assert ends[0] == start + dt.timedelta(days=1)
    assert (ends[3].year, ends[3].month) == (start.year + 1, start.month)
