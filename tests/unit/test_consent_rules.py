"""Consent rules: what a worker may do with a beneficiary's data at a given instant."""

from __future__ import annotations

import datetime as dt
import string

import pytest

from accomp.domain.consent import (
    ACTION_PURPOSE,
    CONSENT_MESSAGES,
    Action,
    ConsentEvent,
    ConsentState,
    ConsentStatus,
    Decision,
    EventKind,
    LegalBasis,
    Purpose,
    Reason,
    add_months,
    consent_state,
    decide,
    default_consent_expiry,
    renewal_due,
)
from accomp.domain.errors import MESSAGES
from accomp.domain.vocab import vocabulary

# A file opened at the France Services desk on a Monday morning (naive UTC, as stored).
OPENED = dt.datetime(2025, 3, 10, 9, 30)
INFORMED_ON = OPENED.date()
CONTACT = Purpose.FOLLOW_UP_CONTACT


def event(
    kind: EventKind,
    at: dt.datetime,
    purpose: Purpose = CONTACT,
    valid_until: dt.date | None = None,
) -> ConsentEvent:
    return ConsentEvent(purpose=purpose, kind=kind, at=at, valid_until=valid_until)


def given(at: dt.datetime = OPENED, purpose: Purpose = CONTACT,
          valid_until: dt.date | None = None) -> ConsentEvent:
    return event(EventKind.GIVEN, at, purpose, valid_until)


def later(days: float) -> dt.datetime:
    return OPENED + dt.timedelta(days=days)


def decide_on_public_interest_file(
    action: Action, at: dt.datetime, events: list[ConsentEvent]
) -> Decision:
    """The usual case: a public body's file, the person informed the day it was opened."""
    return decide(action, at=at, legal_basis=LegalBasis.PUBLIC_INTEREST,
                  informed_on=INFORMED_ON, consent_events=events, mandates=())


def status_at(events: list[ConsentEvent], at: dt.datetime,
              purpose: Purpose = CONTACT) -> ConsentStatus:
    return consent_state(events, purpose, at).status


# --- reference vocabulary -------------------------------------------------------------


@pytest.mark.parametrize(
    ("list_name", "enum"),
    [
        ("consent_purposes", Purpose),
        ("consent_event_kinds", EventKind),
        ("legal_bases", LegalBasis),
    ],
)
def test_enum_values_are_the_keys_of_the_reference_vocabulary(
    list_name: str, enum: type[Purpose] | type[EventKind] | type[LegalBasis]
) -> None:
    assert {m.value for m in enum} == vocabulary().keys(list_name)


# --- default validity -----------------------------------------------------------------


def test_file_consent_lasts_two_years_and_optional_consents_one_year() -> None:
    day = dt.date(2025, 3, 10)
    assert default_consent_expiry(Purpose.IDENTIFIED_FILE, day) == dt.date(2027, 3, 10)
    for purpose in (Purpose.FOLLOW_UP_CONTACT, Purpose.PARTNER_SHARING, Purpose.NOTES,
                    Purpose.MANDATE):
        assert default_consent_expiry(purpose, day) == dt.date(2026, 3, 10)


def test_consent_given_on_29_february_lapses_on_28_february_next_year() -> None:
    assert default_consent_expiry(CONTACT, dt.date(2024, 2, 29)) == dt.date(2025, 2, 28)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2025, 1, 31), 1, dt.date(2025, 2, 28)),
        (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 29)),
        (dt.date(2025, 8, 31), 6, dt.date(2026, 2, 28)),
        (dt.date(2025, 11, 15), 3, dt.date(2026, 2, 15)),
        (dt.date(2025, 12, 31), 12, dt.date(2026, 12, 31)),
        (dt.date(2025, 3, 31), 1, dt.date(2025, 4, 30)),
    ],
)
def test_adding_months_keeps_the_day_or_takes_the_last_day_of_a_shorter_month(
    day: dt.date, months: int, expected: dt.date
) -> None:
    assert add_months(day, months) == expected


# --- consent state --------------------------------------------------------------------


def test_no_recorded_event_means_no_consent() -> None:
    assert consent_state([], CONTACT, OPENED) == ConsentState(CONTACT, ConsentStatus.NONE)


def test_being_informed_is_not_consenting() -> None:
    events = [event(EventKind.INFORMED, OPENED)]
    state = consent_state(events, CONTACT, later(1))
    assert state.status == ConsentStatus.INFORMED
    assert state.since == OPENED
    assert not state.is_valid
    decision = decide_on_public_interest_file(Action.SHOW_CONTACT, later(1), events)
    assert (decision.allowed, decision.reason) == (False, Reason.NO_CONSENT)


def test_given_contact_consent_shows_phone() -> None:
    events = [event(EventKind.INFORMED, OPENED), given(OPENED)]
    decision = decide_on_public_interest_file(Action.SHOW_CONTACT, later(2), events)
    assert decision == Decision(Action.SHOW_CONTACT, True, None, CONTACT, None)


def test_withdrawn_contact_consent_hides_phone() -> None:
    events = [given(OPENED), event(EventKind.WITHDRAWN, later(20))]
    assert decide_on_public_interest_file(Action.SHOW_CONTACT, later(19), events).allowed
    decision = decide_on_public_interest_file(Action.SHOW_CONTACT, later(21), events)
    assert not decision.allowed
    assert decision.reason == Reason.CONSENT_WITHDRAWN
    assert decision.subject == CONTACT
    state = consent_state(events, CONTACT, later(21))
    assert (state.since, state.valid_until) == (later(20), None)


def test_withdrawn_contact_consent_forbids_editing_the_phone() -> None:
    events = [given(OPENED), event(EventKind.WITHDRAWN, later(20))]
    decision = decide_on_public_interest_file(Action.EDIT_CONTACT, later(21), events)
    assert decision.reason == Reason.CONSENT_WITHDRAWN


def test_consent_given_again_after_a_withdrawal_shows_phone_again() -> None:
    events = [given(OPENED), event(EventKind.WITHDRAWN, later(20)), given(later(40))]
    assert status_at(events, later(30)) == ConsentStatus.WITHDRAWN
    assert decide_on_public_interest_file(Action.SHOW_CONTACT, later(41), events).allowed


def test_renewal_after_a_withdrawal_also_makes_consent_valid_again() -> None:
    events = [given(OPENED), event(EventKind.WITHDRAWN, later(20)),
              event(EventKind.RENEWED, later(40))]
    assert status_at(events, later(41)) == ConsentStatus.VALID


def test_explicit_expiry_ends_consent() -> None:
    events = [given(OPENED), event(EventKind.EXPIRED, later(100))]
    state = consent_state(events, CONTACT, later(101))
    assert (state.status, state.since, state.valid_until) == (
        ConsentStatus.EXPIRED, later(100), None)
    decision = decide_on_public_interest_file(Action.SHOW_CONTACT, later(101), events)
    assert decision.reason == Reason.CONSENT_EXPIRED


def test_consent_lapses_at_midnight_of_its_end_day() -> None:
    end = dt.date(2025, 6, 1)
    events = [given(OPENED, valid_until=end)]
    last_minute = dt.datetime(2025, 5, 31, 23, 59)
    assert status_at(events, last_minute) == ConsentStatus.EXPIRING
    state = consent_state(events, CONTACT, dt.datetime(2025, 6, 1, 0, 0))
    assert state == ConsentState(CONTACT, ConsentStatus.EXPIRED,
                                 dt.datetime(2025, 6, 1, 0, 0), end)
    decision = decide_on_public_interest_file(Action.SHOW_CONTACT,
                                              dt.datetime(2025, 6, 1, 8), events)
    assert decision.reason == Reason.CONSENT_EXPIRED


def test_consent_without_end_date_lapses_after_a_year() -> None:
    events = [given(OPENED)]
    assert status_at(events, dt.datetime(2026, 3, 9, 18)) == ConsentStatus.EXPIRING
    assert status_at(events, dt.datetime(2026, 3, 10, 0)) == ConsentStatus.EXPIRED
    assert consent_state(events, CONTACT, later(1)).valid_until == dt.date(2026, 3, 10)


def test_consent_ending_within_30_days_is_expiring_but_still_allows() -> None:
    end = dt.date(2025, 9, 1)
    events = [given(OPENED, valid_until=end)]
    thirty_one_days_before = dt.datetime(2025, 8, 1, 10)
    thirty_days_before = dt.datetime(2025, 8, 2, 10)
    assert status_at(events, thirty_one_days_before) == ConsentStatus.VALID
    assert status_at(events, thirty_days_before) == ConsentStatus.EXPIRING
    assert consent_state(events, CONTACT, thirty_days_before).is_valid
    decision = decide_on_public_interest_file(Action.SHOW_CONTACT, thirty_days_before, events)
    assert decision.allowed


def test_expiry_warning_window_can_be_changed() -> None:
    events = [given(OPENED, valid_until=dt.date(2025, 9, 1))]
    state = consent_state(events, CONTACT, dt.datetime(2025, 7, 15), within_days=60)
    assert state.status == ConsentStatus.EXPIRING


def test_renewal_extends_validity_beyond_the_first_end() -> None:
    events = [given(OPENED, valid_until=dt.date(2026, 3, 10)),
              event(EventKind.RENEWED, dt.datetime(2026, 3, 2, 14),
                    valid_until=dt.date(2027, 3, 2))]
    assert status_at(events, dt.datetime(2026, 6, 1)) == ConsentStatus.VALID


def test_consent_recorded_later_does_not_count_earlier() -> None:
    events = [given(later(10))]
    assert status_at(events, later(9)) == ConsentStatus.NONE
    assert not decide_on_public_interest_file(Action.SHOW_CONTACT, later(9), events).allowed


def test_withdrawal_recorded_later_does_not_change_the_past() -> None:
    events = [given(OPENED), event(EventKind.WITHDRAWN, later(10))]
    assert decide_on_public_interest_file(Action.SHOW_CONTACT, later(9), events).allowed


def test_event_recorded_at_the_very_instant_counts() -> None:
    events = [given(OPENED), event(EventKind.WITHDRAWN, later(10))]
    assert status_at(events, later(10)) == ConsentStatus.WITHDRAWN


def test_history_is_replayed_in_time_order_whatever_the_list_order() -> None:
    events = [given(later(40)), event(EventKind.WITHDRAWN, later(20)), given(OPENED)]
    assert status_at(events, later(30)) == ConsentStatus.WITHDRAWN
    assert status_at(events, later(41)) == ConsentStatus.VALID


def test_events_at_the_same_instant_count_in_recording_order() -> None:
    moment = later(5)
    assert status_at([given(moment), event(EventKind.WITHDRAWN, moment)],
                     moment) == ConsentStatus.WITHDRAWN
    assert status_at([event(EventKind.WITHDRAWN, moment), given(moment)],
                     moment) == ConsentStatus.VALID


def test_informing_again_does_not_undo_a_withdrawal_or_a_grant() -> None:
    withdrawn = [given(OPENED), event(EventKind.WITHDRAWN, later(5)),
                 event(EventKind.INFORMED, later(6))]
    assert status_at(withdrawn, later(7)) == ConsentStatus.WITHDRAWN
    granted = [given(OPENED), event(EventKind.INFORMED, later(6))]
    assert status_at(granted, later(7)) == ConsentStatus.VALID


def test_consent_for_another_purpose_does_not_show_phone() -> None:
    events = [given(OPENED, Purpose.PARTNER_SHARING), given(OPENED, Purpose.NOTES)]
    decision = decide_on_public_interest_file(Action.SHOW_CONTACT, later(1), events)
    assert decision.reason == Reason.NO_CONSENT


def test_aware_instants_give_the_same_answers() -> None:
    paris = dt.timezone(dt.timedelta(hours=1))
    start = dt.datetime(2025, 3, 10, 9, 30, tzinfo=paris)
    events = [given(start, valid_until=dt.date(2025, 4, 1))]
    state = consent_state(events, CONTACT, dt.datetime(2025, 4, 2, tzinfo=paris))
    assert state.since == dt.datetime(2025, 4, 1, tzinfo=paris)


def test_a_validity_end_on_anything_but_a_grant_is_a_bug() -> None:
    with pytest.raises(ValueError, match="no validity end"):
        event(EventKind.WITHDRAWN, OPENED, valid_until=dt.date(2026, 1, 1))


# --- actions and the consent each needs -----------------------------------------------


@pytest.mark.parametrize(
    ("action", "purpose"),
    [
        (Action.SHOW_CONTACT, Purpose.FOLLOW_UP_CONTACT),
        (Action.EDIT_CONTACT, Purpose.FOLLOW_UP_CONTACT),
        (Action.KEEP_NOTES, Purpose.NOTES),
        (Action.SHARE_WITH_PARTNER, Purpose.PARTNER_SHARING),
    ],
)
def test_each_action_needs_the_consent_of_its_own_purpose(
    action: Action, purpose: Purpose
) -> None:
    assert ACTION_PURPOSE[action] == purpose
    others = [given(OPENED, p) for p in Purpose if p != purpose]
    refused = decide_on_public_interest_file(action, later(1), others)
    assert (refused.allowed, refused.reason, refused.purpose) == (
        False, Reason.NO_CONSENT, purpose)
    allowed = decide_on_public_interest_file(action, later(1), [given(OPENED, purpose)])
    assert (allowed.allowed, allowed.reason, allowed.purpose) == (True, None, purpose)


def test_referral_does_not_share_data_once_sharing_consent_expired() -> None:
    events = [given(OPENED, Purpose.PARTNER_SHARING, valid_until=dt.date(2025, 4, 1))]
    decision = decide_on_public_interest_file(Action.SHARE_WITH_PARTNER,
                                              dt.datetime(2025, 4, 3), events)
    assert (decision.reason, decision.subject) == (Reason.CONSENT_EXPIRED,
                                                   Purpose.PARTNER_SHARING)


def test_notes_are_not_kept_after_notes_consent_is_withdrawn() -> None:
    events = [given(OPENED, Purpose.NOTES),
              event(EventKind.WITHDRAWN, later(3), Purpose.NOTES)]
    decision = decide_on_public_interest_file(Action.KEEP_NOTES, later(4), events)
    assert decision.reason == Reason.CONSENT_WITHDRAWN


# --- legal basis of the file ----------------------------------------------------------


def keep_identity(legal_basis: str | None, informed_on: dt.date | None,
                  events: list[ConsentEvent], at: dt.datetime = OPENED + dt.timedelta(days=1)
                  ) -> Decision:
    return decide(Action.KEEP_IDENTITY, at=at, legal_basis=legal_basis,
                  informed_on=informed_on, consent_events=events, mandates=())


def test_file_without_legal_basis_keeps_no_identity() -> None:
    decision = keep_identity(None, INFORMED_ON, [given(OPENED, Purpose.IDENTIFIED_FILE)])
    assert decision == Decision(Action.KEEP_IDENTITY, False, Reason.NO_LEGAL_BASIS)


@pytest.mark.parametrize("basis", [LegalBasis.PUBLIC_INTEREST, LegalBasis.LEGAL_OBLIGATION])
def test_public_body_file_keeps_identity_once_the_person_is_informed(basis: str) -> None:
    assert keep_identity(basis, INFORMED_ON, []) == Decision(Action.KEEP_IDENTITY, True)
    assert keep_identity(basis, None, []).reason == Reason.NOT_INFORMED


def test_information_dated_after_the_instant_does_not_count() -> None:
    decision = keep_identity("MissionInteretPublic", dt.date(2025, 3, 12), [],
                             at=dt.datetime(2025, 3, 11, 17))
    assert decision.reason == Reason.NOT_INFORMED
    assert keep_identity("MissionInteretPublic", dt.date(2025, 3, 12), [],
                         at=dt.datetime(2025, 3, 12, 8)).allowed


def test_consent_based_file_keeps_identity_only_while_file_consent_is_valid() -> None:
    file_consent = [given(OPENED, Purpose.IDENTIFIED_FILE)]
    allowed = keep_identity(LegalBasis.CONSENT, None, file_consent)
    assert (allowed.allowed, allowed.purpose) == (True, Purpose.IDENTIFIED_FILE)
    assert keep_identity(LegalBasis.CONSENT, INFORMED_ON, []).reason == Reason.NO_CONSENT
    two_years_on = dt.datetime(2027, 3, 10, 9)
    assert keep_identity(LegalBasis.CONSENT, INFORMED_ON, file_consent,
                         at=two_years_on).reason == Reason.CONSENT_EXPIRED


def test_withdrawn_file_consent_hides_phone_even_with_contact_consent() -> None:
    events = [given(OPENED, Purpose.IDENTIFIED_FILE), given(OPENED, CONTACT),
              event(EventKind.WITHDRAWN, later(8), Purpose.IDENTIFIED_FILE)]
    decision = decide(Action.SHOW_CONTACT, at=later(9), legal_basis="Consentement",
                      informed_on=INFORMED_ON, consent_events=events, mandates=())
    assert (decision.allowed, decision.reason, decision.subject) == (
        False, Reason.CONSENT_WITHDRAWN, Purpose.IDENTIFIED_FILE)


def test_file_without_legal_basis_shows_no_phone_even_with_contact_consent() -> None:
    decision = decide(Action.SHOW_CONTACT, at=later(1), legal_basis=None,
                      informed_on=INFORMED_ON, consent_events=[given(OPENED)], mandates=())
    assert (decision.allowed, decision.reason, decision.purpose) == (
        False, Reason.NO_LEGAL_BASIS, None)


def test_unknown_legal_basis_is_a_bug() -> None:
    with pytest.raises(ValueError, match="Interet"):
        keep_identity("InteretLegitime", INFORMED_ON, [])


# --- "À renouveler" list --------------------------------------------------------------


def test_renewal_list_shows_expired_and_soon_expiring_consents_only() -> None:
    at = dt.datetime(2026, 3, 1, 10)
    history = {
        Purpose.IDENTIFIED_FILE: [given(OPENED, Purpose.IDENTIFIED_FILE)],  # until 2027
        Purpose.FOLLOW_UP_CONTACT: [given(OPENED)],  # ends 10 March 2026
        Purpose.PARTNER_SHARING: [given(OPENED, Purpose.PARTNER_SHARING,
                                        valid_until=dt.date(2025, 9, 1))],
        Purpose.NOTES: [given(OPENED, Purpose.NOTES),
                        event(EventKind.WITHDRAWN, later(30), Purpose.NOTES)],
        Purpose.MANDATE: [event(EventKind.INFORMED, OPENED, Purpose.MANDATE)],
    }
    due = renewal_due(history, at)
    assert [(s.purpose, s.status, s.valid_until) for s in due] == [
        (Purpose.FOLLOW_UP_CONTACT, ConsentStatus.EXPIRING, dt.date(2026, 3, 10)),
        (Purpose.PARTNER_SHARING, ConsentStatus.EXPIRED, dt.date(2025, 9, 1)),
    ]


def test_renewal_list_window_can_be_widened() -> None:
    history = {CONTACT: [given(OPENED, valid_until=dt.date(2025, 6, 1))]}
    at = dt.datetime(2025, 4, 15)
    assert renewal_due(history, at) == ()
    assert [s.purpose for s in renewal_due(history, at, within_days=60)] == [CONTACT]


# --- messages -------------------------------------------------------------------------


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("reason", list(Reason))
def test_every_refusal_has_a_french_and_an_english_message(reason: Reason) -> None:
    fr, en = CONSENT_MESSAGES[reason]
    assert fr != en
    assert _placeholders(fr) == _placeholders(en) <= {"field"}
    assert "{" not in fr.format(field="Recontact pour le suivi")
    # Once merged into errors.MESSAGES, the texts must stay the same.
    assert MESSAGES.get(reason, (fr, en)) == (fr, en)


def test_messages_exist_for_refusals_only() -> None:
    assert set(CONSENT_MESSAGES) == {r.value for r in Reason}
