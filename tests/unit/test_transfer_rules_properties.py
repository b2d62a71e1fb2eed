"""Who may be passed on to a colleague, against random consent histories.

The reference is written from the words of the rule, apart from the module: "a file
goes when it is lawfully kept and either the person's sharing consent is in force or
the law obliges; its notes go only if the notes consent is in force too". Then the
same property end to end: no bundle is ever produced for a person without it, and
a bundle holds notes only with the notes consent.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from transfer_setup import introduce, worker_vault

from accomp.domain.consent import ConsentEvent, EventKind, LegalBasis, Purpose, decide_transfer
from accomp.domain.errors import KnownError
from accomp.domain.transfer import decode_payload
from accomp.domain.transfer_parts import ALL_PARTS
from accomp.services import beneficiaries, transfers
from accomp.store import transfer_keys as keys

ORIGIN = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
PURPOSES = (Purpose.IDENTIFIED_FILE, Purpose.PARTNER_SHARING, Purpose.NOTES)
KINDS = (EventKind.INFORMED, EventKind.GIVEN, EventKind.RENEWED, EventKind.WITHDRAWN,
         EventKind.EXPIRED)


@st.composite
def histories(draw: Any) -> list[ConsentEvent]:
    events = []
    for _ in range(draw(st.integers(0, 8))):
        purpose = draw(st.sampled_from(PURPOSES))
        kind = draw(st.sampled_from(KINDS))
        at = ORIGIN + dt.timedelta(days=draw(st.integers(0, 400)))
        until = (at.date() + dt.timedelta(days=draw(st.integers(1, 500)))
                 if kind in (EventKind.GIVEN, EventKind.RENEWED) else None)
        events.append(ConsentEvent(purpose, kind, at, until))
    return events


def in_force(events: list[ConsentEvent], purpose: Purpose, at: dt.datetime) -> bool:
    """The last grant, withdrawal or expiry at or before `at` decides; a grant holds
    until its end day."""
    decisive = [e for e in events if e.purpose == purpose and e.at <= at
                and e.kind != EventKind.INFORMED]
    if not decisive:
        return False
    last = sorted(decisive, key=lambda e: e.at)[-1]
    return last.valid_until is not None and at.date() < last.valid_until


def lawfully_kept(basis: str | None, informed: dt.date | None, events: list[ConsentEvent],
                  at: dt.datetime) -> bool:
    if basis is None:
        return False
    if basis == LegalBasis.CONSENT:
        return in_force(events, Purpose.IDENTIFIED_FILE, at)
    return informed is not None and informed <= at.date()


bases = st.sampled_from([None, *LegalBasis])
informed_days = st.one_of(st.none(), st.dates(dt.date(2025, 6, 1), dt.date(2027, 6, 1)))
instants = st.integers(0, 500).map(lambda d: ORIGIN + dt.timedelta(days=d, hours=12))


@settings(max_examples=600, deadline=None)
@given(histories(), bases, informed_days, instants)
def test_transfer_decision_matches_the_words_of_the_rule(
        events: list[ConsentEvent], basis: str | None, informed: dt.date | None,
        at: dt.datetime) -> None:
    d = decide_transfer(at=at, legal_basis=basis, informed_on=informed, consent_events=events)
    kept = lawfully_kept(basis, informed, events, at)
    sharing = in_force(events, Purpose.PARTNER_SHARING, at)
    expected = kept and (sharing or basis == LegalBasis.LEGAL_OBLIGATION)
    assert d.allowed == expected
    assert d.notes_allowed == (expected and in_force(events, Purpose.NOTES, at))
    assert (d.refusal is None) == d.allowed


# --- end to end: the services never produce a bundle the rule forbids ----------------------


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("vaults")
    a, b = worker_vault(root, "alice"), worker_vault(root, "bruno")
    introduce(a, b)
    yield a, b, root
    a.lock()
    b.lock()


def _store_history(vault: Any, bid: int, events: list[ConsentEvent]) -> None:
    """Write a random history as is (the services' own order checks would refuse
    some of it: the property is about what the export does with any history)."""
    from accomp.store import consents as store

    with vault.transaction() as s:
        for e in sorted(events, key=lambda e: e.at):
            c = store.ensure_consent_row(s, bid, e.purpose)
            store.add_event(s, c, kind=e.kind, method="oral", notice_version="v1",
                            notice_hash=None, recorded_by="t", at=e.at,
                            valid_until=e.valid_until)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(histories(), st.sampled_from([LegalBasis.PUBLIC_INTEREST, LegalBasis.CONSENT,
                                      LegalBasis.LEGAL_OBLIGATION]), instants)
def test_no_bundle_without_consent_or_legal_basis_and_notes_only_with_their_consent(
        pair: Any, events: list[ConsentEvent], basis: str, at: dt.datetime) -> None:
    a, b, root = pair
    person = beneficiaries.create_beneficiary(
        a, {"first_name": "Zéphyrine", "last_name": "CANARYNAME", "notes": "CANARYNOTE",
            "legal_basis": basis, "informed_on": "2026-01-01"},
        today=dt.date(2026, 1, 1))
    _store_history(a, person.id, events)
    kept = lawfully_kept(basis, dt.date(2026, 1, 1), events, at)
    expected = kept and (in_force(events, Purpose.PARTNER_SHARING, at)
                         or basis == LegalBasis.LEGAL_OBLIGATION)
    target = Path(root) / f"{person.code}.bin"
    try:
        sent = transfers.export_bundle(
            a, [person.id], recipient=transfers.my_public_key(b).fingerprint,
            parts=ALL_PARTS, path=target, now=at)
    except KnownError as err:
        assert err.code == "transfer_not_allowed"
        assert not expected
        assert not target.exists()
        return
    assert expected
    with b.transaction() as s:
        mine = keys.key_pair(s)
    payload = decode_payload(keys.open_bundle(sent.path.read_bytes(), recipient=mine,
                                              now=at).plaintext)
    (f,) = payload.files
    assert (f.notes is not None) == in_force(events, Purpose.NOTES, at)
