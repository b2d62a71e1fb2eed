"""Merging two files of one person: field choices and consent histories.

The consent properties read as the rule: whatever the two histories, the merged
person's state is never more permissive than a file on which the person decided
(gave, renewed, withdrew, or let lapse), at any instant; and from the merge on, the
history that goes live replays to exactly that state.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accomp.domain.consent import (
    ConsentEvent,
    ConsentState,
    ConsentStatus,
    EventKind,
    Purpose,
    consent_state,
)
from accomp.domain.merge import (
    FIELD_GROUPS,
    Notice,
    Side,
    consent_plan,
    default_choices,
    differing_groups,
    merged_fields,
    merged_state,
    notices_of,
    stricter,
)

ORIGIN = dt.datetime(2024, 1, 1, 9)
DAYS = 900
DECIDED = {ConsentStatus.VALID, ConsentStatus.EXPIRING, ConsentStatus.EXPIRED,
           ConsentStatus.WITHDRAWN}

# --- fields ------------------------------------------------------------------------


def _file(**values: object) -> dict[str, object]:
    base: dict[str, object] = {c: None for cols in FIELD_GROUPS.values() for c in cols}
    base.update(gender="NonCommunique", social_status="NonCommunique")
    base.update(values)
    return base


def test_by_default_the_kept_value_wins_and_blanks_are_filled_from_the_other_file() -> None:
    kept = _file(first_name="Awa", phone=None, gender="Femme")
    absorbed = _file(first_name="Ava", phone="06 11 22 33 44", gender="Homme")
    merged = merged_fields(kept, absorbed)
    assert merged["first_name"] == "Awa"
    assert merged["phone"] == "06 11 22 33 44"
    assert merged["gender"] == "Femme"
    assert default_choices(kept, absorbed)["phone"] == Side.ABSORBED


def test_the_legal_basis_moves_with_its_information_date_and_notice() -> None:
    kept = _file(legal_basis="Consentement", informed_on=dt.date(2025, 1, 2),
                 notice_version="v1", notice_hash="a" * 64)
    absorbed = _file(legal_basis="MissionInteretPublic", informed_on=dt.date(2024, 5, 6),
                     notice_version="v2", notice_hash="b" * 64)
    merged = merged_fields(kept, absorbed, {"legal_basis": Side.ABSORBED})
    assert (merged["legal_basis"], merged["informed_on"], merged["notice_version"],
            merged["notice_hash"]) == ("MissionInteretPublic", dt.date(2024, 5, 6), "v2",
                                       "b" * 64)


def test_the_commune_moves_with_its_codes() -> None:
    kept = _file(commune_name="Lyon", commune_postal_code="69001", commune_insee="69381")
    absorbed = _file(commune_name="Vaulx-en-Velin", commune_postal_code="69120",
                     commune_insee="69256")
    merged = merged_fields(kept, absorbed, {"commune": "absorbed"})  # type: ignore[dict-item]
    assert merged["commune_postal_code"] == "69120"
    assert merged["commune_insee"] == "69256"
    assert differing_groups(kept, absorbed) == ["commune"]


def test_an_unknown_field_group_is_a_bug() -> None:
    with pytest.raises(ValueError, match="unknown field group"):
        merged_fields(_file(), _file(), {"password": Side.KEPT})


# --- consents: examples --------------------------------------------------------------


def _ev(purpose: Purpose, kind: EventKind, day: int,
        until: dt.date | None = None) -> ConsentEvent:
    return ConsentEvent(purpose, kind, ORIGIN + dt.timedelta(days=day), until)


def test_a_withdrawal_on_the_absorbed_file_beats_a_later_grant_on_the_kept_one() -> None:
    kept = [_ev(Purpose.NOTES, EventKind.GIVEN, 40)]
    absorbed = [_ev(Purpose.NOTES, EventKind.GIVEN, 1), _ev(Purpose.NOTES, EventKind.WITHDRAWN, 10)]
    plan = consent_plan(kept, absorbed, ORIGIN + dt.timedelta(days=50))
    (notes,) = plan
    assert notes.live == Side.ABSORBED
    assert notes.state.status == ConsentStatus.WITHDRAWN
    assert notices_of(plan) == [(Purpose.NOTES, Notice.ABSORBED_STRICTER),
                                (Purpose.NOTES, Notice.PERMISSION_LOST)]


def test_an_expired_consent_beats_one_in_force() -> None:
    kept = [_ev(Purpose.PARTNER_SHARING, EventKind.GIVEN, 0, dt.date(2024, 2, 1))]
    absorbed = [_ev(Purpose.PARTNER_SHARING, EventKind.GIVEN, 20)]
    (sharing,) = consent_plan(kept, absorbed, ORIGIN + dt.timedelta(days=60))
    assert sharing.live == Side.KEPT
    assert sharing.state.status == ConsentStatus.EXPIRED
    assert sharing.notices == (Notice.PERMISSION_LOST,)


def test_of_two_consents_in_force_the_one_ending_first_wins() -> None:
    kept = [_ev(Purpose.MANDATE, EventKind.GIVEN, 0, dt.date(2024, 12, 1))]
    absorbed = [_ev(Purpose.MANDATE, EventKind.GIVEN, 5, dt.date(2024, 6, 1))]
    (mandate,) = consent_plan(kept, absorbed, ORIGIN + dt.timedelta(days=10))
    assert mandate.live == Side.ABSORBED
    assert mandate.state.valid_until == dt.date(2024, 6, 1)


def test_a_consent_only_on_the_absorbed_file_moves_and_the_worker_is_told() -> None:
    absorbed = [_ev(Purpose.FOLLOW_UP_CONTACT, EventKind.GIVEN, 3)]
    (contact,) = consent_plan([], absorbed, ORIGIN + dt.timedelta(days=10))
    assert contact.live == Side.ABSORBED
    assert contact.state.is_valid
    assert contact.notices == (Notice.MOVED,)


def test_a_grant_beats_a_file_where_the_person_was_only_informed() -> None:
    kept = [_ev(Purpose.NOTES, EventKind.INFORMED, 0)]
    absorbed = [_ev(Purpose.NOTES, EventKind.GIVEN, 3)]
    (notes,) = consent_plan(kept, absorbed, ORIGIN + dt.timedelta(days=10))
    assert notes.live == Side.ABSORBED
    assert notes.state.is_valid
    assert notes.notices == (Notice.ABSORBED_STRICTER,)


def test_equal_states_keep_the_kept_history_and_say_nothing() -> None:
    kept = [_ev(Purpose.NOTES, EventKind.WITHDRAWN, 1)]
    absorbed = [_ev(Purpose.NOTES, EventKind.WITHDRAWN, 2)]
    (notes,) = consent_plan(kept, absorbed, ORIGIN + dt.timedelta(days=10))
    assert notes.live == Side.KEPT
    assert notes.notices == ()


def test_ties_go_to_the_kept_file() -> None:
    none = ConsentState(Purpose.NOTES, ConsentStatus.NONE)
    assert stricter(none, none) == Side.KEPT


# --- consents: properties --------------------------------------------------------------

KINDS = list(EventKind)


@st.composite
def histories(draw: st.DrawFn) -> list[ConsentEvent]:
    out = []
    for _ in range(draw(st.integers(0, 6))):
        purpose = draw(st.sampled_from([Purpose.NOTES, Purpose.MANDATE]))
        kind = draw(st.sampled_from(KINDS))
        day = draw(st.integers(0, DAYS))
        until = None
        if kind in (EventKind.GIVEN, EventKind.RENEWED) and draw(st.booleans()):
            until = (ORIGIN + dt.timedelta(days=day + draw(st.integers(1, 500)))).date()
        out.append(ConsentEvent(purpose, kind, ORIGIN + dt.timedelta(days=day,
                                                                     hours=draw(st.integers(0, 8))),
                                until))
    return out


def _allows(state: ConsentState) -> bool:
    return state.is_valid


@settings(max_examples=400, deadline=None)
@given(histories(), histories(), st.integers(0, DAYS + 600),
       st.sampled_from([Purpose.NOTES, Purpose.MANDATE]))
def test_merged_state_is_never_more_permissive_than_a_file_where_the_person_decided(
    kept: list[ConsentEvent], absorbed: list[ConsentEvent], day: int, purpose: Purpose,
) -> None:
    at = ORIGIN + dt.timedelta(days=day, hours=12)
    merged = merged_state(kept, absorbed, purpose, at)
    sources = [consent_state(kept, purpose, at), consent_state(absorbed, purpose, at)]
    for source in sources:
        if source.status in DECIDED:
            assert not (_allows(merged) and not _allows(source))
            if _allows(merged) and _allows(source):
                assert merged.valid_until is not None
                assert source.valid_until is not None
                assert merged.valid_until <= source.valid_until
        if source.status == ConsentStatus.WITHDRAWN:
            assert merged.status == ConsentStatus.WITHDRAWN
    # never invents a permission: a valid merged state is one source's own
    assert merged in sources


@settings(max_examples=300, deadline=None)
@given(histories(), histories(), st.integers(0, DAYS), st.integers(0, 900))
def test_from_the_merge_on_the_live_history_replays_to_the_merged_state(
    kept: list[ConsentEvent], absorbed: list[ConsentEvent], merge_day: int, later: int,
) -> None:
    at = ORIGIN + dt.timedelta(days=merge_day, hours=10)
    kept = [e for e in kept if e.at <= at]  # nothing is recorded after the merge
    absorbed = [e for e in absorbed if e.at <= at]
    then = at + dt.timedelta(days=later, hours=later % 24)
    for outcome in consent_plan(kept, absorbed, at):
        live = kept if outcome.live == Side.KEPT else absorbed
        replay = consent_state(live, outcome.purpose, then)
        expected = merged_state(kept, absorbed, outcome.purpose, then)
        assert replay.status == expected.status
        if replay.is_valid:
            assert replay.valid_until == expected.valid_until
