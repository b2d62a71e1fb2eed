"""The consent rules hold through the services, whatever happens and in whatever
order: random histories of consent events, mandates and revocations at random
instants, with actions in between. An action that needs a purpose never succeeds
when that purpose's consent was not valid at that instant, and every action the
rules allow does succeed.

The oracle is a model kept by the test itself (its own list of events and
mandates) judged by accomp.domain.consent.decide at the same instant; the services
are judged by what the vault shows or keeps afterwards."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from accomp.domain import consent as rules
from accomp.domain.consent import Action, ConsentStatus, EventKind, Purpose
from accomp.domain.errors import KnownError
from accomp.paths import AppPaths
from accomp.services import activities, beneficiaries, consents, mandates, vaults

START = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
OPTIONAL = [Purpose.FOLLOW_UP_CONTACT, Purpose.PARTNER_SHARING, Purpose.NOTES,
            Purpose.IDENTIFIED_FILE]
SCOPES = ["logement", "argent", "papiers"]
GRANTS = (EventKind.GIVEN, EventKind.RENEWED)


@pytest.fixture(scope="module")
def shared_vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[vaults.Vault]:
    vault, _ = vaults.create_vault(
        AppPaths.at(tmp_path_factory.mktemp("prop") / "v"), "x",
        kdf=vaults.KdfParams(1, 1024, 1), enforce_policy=False,
    )
    yield vault
    vault.lock()


consent_op = st.tuples(
    st.just("consent"), st.sampled_from(OPTIONAL),
    st.sampled_from(["give", "renew", "withdraw", "inform"]),
)
mandate_op = st.tuples(
    st.just("mandate"), st.sets(st.sampled_from(SCOPES), min_size=1, max_size=3),
    st.sampled_from(["1j", "1m", "6m"]),
)
revoke_op = st.one_of(
    st.tuples(st.just("revoke_scope"), st.sampled_from(SCOPES)),
    st.tuples(st.just("revoke_mandate")),
)
act_op = st.one_of(
    st.tuples(st.just("act"), st.sampled_from(
        [Action.SHOW_CONTACT, Action.KEEP_NOTES, Action.SHARE_WITH_PARTNER])),
    st.tuples(st.just("act"), st.just(Action.ACT_UNDER_MANDATE), st.sampled_from(SCOPES)),
)
# Gaps between steps: minutes to more than a year, so grants lapse on their own too.
gap = st.one_of(st.integers(0, 600), st.integers(1, 60 * 24 * 40),
                st.integers(60 * 24 * 300, 60 * 24 * 400))
history = st.lists(
    st.tuples(gap, st.one_of(consent_op, consent_op, mandate_op, revoke_op, act_op, act_op,
                             act_op)),
    min_size=2, max_size=10,
)


@dataclasses.dataclass
class Model:
    basis: str | None
    informed_on: dt.date | None
    events: list[rules.ConsentEvent] = dataclasses.field(default_factory=list)
    mandates: list[rules.Mandate] = dataclasses.field(default_factory=list)
    mandate_ids: list[int] = dataclasses.field(default_factory=list)

    def decide(self, action: Action, at: dt.datetime, scope: str | None = None) -> Any:
        return rules.decide(action, at=at, legal_basis=self.basis, informed_on=self.informed_on,
                            consent_events=self.events, mandates=self.mandates, scope=scope)

    def state(self, purpose: Purpose, at: dt.datetime) -> rules.ConsentState:
        return rules.consent_state(self.events, purpose, at)

    def grant(self, purpose: Purpose, kind: EventKind, at: dt.datetime,
              until: dt.date | None = None) -> None:
        until = until or rules.default_consent_expiry(purpose, at.date())
        self.events.append(rules.ConsentEvent(purpose, kind, at, until))


def _session(at: dt.datetime, person: int, **extra: Any) -> dict[str, Any]:
    return {"date": at.date().isoformat(), "duration_min": 30, "place_type": "LieuActivite",
            "themes": ["AideAuxDemarchesAdministratives"], "beneficiary_id": person, **extra}


def _succeeds(fn: Any, *args: Any, **kwargs: Any) -> tuple[bool, Any]:
    try:
        return True, fn(*args, **kwargs)
    except KnownError as exc:
        return False, exc


YEAR = 60 * 24 * 400


@settings(max_examples=45, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(basis="MissionInteretPublic", steps=[
    (0, ("act", Action.KEEP_NOTES)), (10, ("consent", Purpose.NOTES, "give")),
    (10, ("act", Action.KEEP_NOTES)), (0, ("consent", Purpose.NOTES, "withdraw")),
    (5, ("act", Action.KEEP_NOTES)), (0, ("act", Action.SHOW_CONTACT)),
])
@example(basis="MissionInteretPublic", steps=[
    (0, ("consent", Purpose.PARTNER_SHARING, "give")), (0, ("act", Action.SHARE_WITH_PARTNER)),
    (YEAR, ("act", Action.SHARE_WITH_PARTNER)), (0, ("mandate", {"logement", "argent"}, "1m")),
    (1, ("revoke_scope", "logement")), (1, ("act", Action.ACT_UNDER_MANDATE, "logement")),
    (1, ("act", Action.ACT_UNDER_MANDATE, "argent")),
    (60 * 24 * 40, ("act", Action.ACT_UNDER_MANDATE, "argent")),
])
@example(basis="Consentement", steps=[
    (0, ("consent", Purpose.FOLLOW_UP_CONTACT, "give")), (0, ("act", Action.SHOW_CONTACT)),
    (0, ("consent", Purpose.IDENTIFIED_FILE, "give")), (0, ("act", Action.SHOW_CONTACT)),
    (0, ("mandate", {"papiers"}, "1j")), (0, ("revoke_mandate",)),
    (0, ("act", Action.ACT_UNDER_MANDATE, "papiers")),
])
@given(basis=st.sampled_from(["MissionInteretPublic", "MissionInteretPublic", "Consentement",
                              None]), steps=history)
def test_no_action_succeeds_without_valid_consent_and_every_allowed_one_does(
    shared_vault: vaults.Vault, basis: str | None, steps: list[tuple[int, tuple[Any, ...]]],
) -> None:
    vault = shared_vault
    identity = {"first_name": "Marie", "last_name": "Durand", "phone": "0612345678"}
    data: dict[str, Any] = {"legal_basis": basis}
    if basis is not None:
        data.update(identity, informed_on=START.date().isoformat())
    person = beneficiaries.create_beneficiary(vault, data, today=START.date()).id
    model = Model(basis, START.date() if basis else None)
    at = START
    for minutes, op in steps:
        at = at + dt.timedelta(minutes=minutes)
        kind = op[0]
        if kind == "consent":
            _consent_step(vault, model, person, op[1], op[2], at)
        elif kind == "mandate":
            _mandate_step(vault, model, person, sorted(op[1]), op[2], at)
        elif kind in ("revoke_scope", "revoke_mandate"):
            _revoke_step(vault, model, op, at)
        else:
            _act_step(vault, model, person, op[1], op[2] if len(op) > 2 else None, at)


def _consent_step(vault: Any, model: Model, person: int, purpose: Purpose, what: str,
                  at: dt.datetime) -> None:
    state = model.state(purpose, at)
    if what == "give":
        ok, _ = _succeeds(consents.give_consent, vault, person, purpose, at=at)
        assert ok
        model.grant(purpose, EventKind.GIVEN, at)
    elif what == "renew":
        expected = state.status in (ConsentStatus.VALID, ConsentStatus.EXPIRING,
                                    ConsentStatus.EXPIRED)
        ok, _ = _succeeds(consents.renew_consent, vault, person, purpose, at=at)
        assert ok == expected
        if ok:
            model.grant(purpose, EventKind.RENEWED, at)
    elif what == "withdraw":
        expected = state.status not in (ConsentStatus.NONE, ConsentStatus.WITHDRAWN)
        ok, _ = _succeeds(consents.withdraw_consent, vault, person, purpose, at=at)
        assert ok == expected
        if ok:
            model.events.append(rules.ConsentEvent(purpose, EventKind.WITHDRAWN, at))
    else:
        ok, _ = _succeeds(consents.record_informed, vault, person, purpose, at=at)
        assert ok
        model.events.append(rules.ConsentEvent(purpose, EventKind.INFORMED, at))


def _mandate_step(vault: Any, model: Model, person: int, scopes: list[str], duration: str,
                  at: dt.datetime) -> None:
    expected = model.decide(Action.KEEP_IDENTITY, at).allowed
    ok, created = _succeeds(mandates.create_mandate, vault, person, scopes, duration, at=at)
    assert ok == expected
    if not ok:
        return
    new = rules.Mandate(at.date(), rules.MandateDuration(duration),
                        tuple(rules.MandateScope(rules.Scope(s)) for s in scopes))
    ends = [m.ends_on for m in model.mandates if m.revoked_at is None and m.ends_on > at.date()]
    kind = (EventKind.RENEWED if model.state(Purpose.MANDATE, at).is_valid
            else EventKind.GIVEN)
    model.grant(Purpose.MANDATE, kind, at, max([new.ends_on, *ends]))
    model.mandates.append(new)
    model.mandate_ids.append(created.mandate.id)


def _revoke_step(vault: Any, model: Model, op: tuple[Any, ...], at: dt.datetime) -> None:
    if not model.mandates:
        return
    m = model.mandates[-1]
    mandate_id = model.mandate_ids[-1]
    live = m.revoked_at is None and at.date() < m.ends_on
    if op[0] == "revoke_scope":
        entry = m.scope_entry(rules.Scope(op[1]))
        expected = live and entry is not None and entry.revoked_at is None
        ok, _ = _succeeds(mandates.revoke_scope, vault, mandate_id, op[1], at=at)
        assert ok == expected
        if ok:
            scopes = tuple(dataclasses.replace(s, revoked_at=at) if s.scope == op[1] else s
                           for s in m.scopes)
            model.mandates[-1] = dataclasses.replace(m, scopes=scopes)
        return
    ok, _ = _succeeds(mandates.revoke_mandate, vault, mandate_id, at=at)
    assert ok == live
    if not ok:
        return
    model.mandates[-1] = dataclasses.replace(m, revoked_at=at)
    others = [x for x in model.mandates if x.revoked_at is None and x.ends_on > at.date()]
    status = model.state(Purpose.MANDATE, at).status
    if not others and status not in (ConsentStatus.NONE, ConsentStatus.WITHDRAWN):
        model.events.append(rules.ConsentEvent(Purpose.MANDATE, EventKind.WITHDRAWN, at))


def _act_step(vault: Any, model: Model, person: int, action: Action, scope: str | None,
              at: dt.datetime) -> None:
    allowed = model.decide(action, at, scope).allowed
    # The service's own verdict agrees with the model's…
    assert consents.decide(vault, person, action, scope=scope, at=at).allowed == allowed
    # …and so does what the vault keeps or shows.
    if action == Action.SHOW_CONTACT:
        shown = consents.visible_identity(vault, person, at=at).file.phone
        assert (shown is not None) == allowed
    elif action == Action.KEEP_NOTES:
        out = activities.log_activity(vault, _session(at, person, notes="suivi CAF"),
                                      today=at.date(), at=at)
        assert (activities.get_activity(vault, out.id).notes is not None) == allowed
    elif action == Action.SHARE_WITH_PARTNER:
        ok, _ = _succeeds(activities.log_activity, vault, _session(
            at, person, referred=True, referral_target="AideSociale",
            referral_shares_data=True), today=at.date(), at=at)
        assert ok == allowed
    else:
        ok, _ = _succeeds(activities.log_activity, vault, _session(
            at, person, under_mandate_scope=scope), today=at.date(), at=at)
        assert ok == allowed
