"""Mandates as a worker uses them: created with scopes and a duration, used for a
procedure, revoked per scope or whole, renewed; an expired or revoked scope is
refused with a message that says why."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import CANARY_NEEDLES, an_activity, canary_beneficiary
from sqlalchemy import text

from accomp.domain.consent import ConsentStatus, Purpose
from accomp.domain.errors import KnownError
from accomp.services import activities, beneficiaries, consents, mandates

T0 = dt.datetime(2026, 11, 28, 10, 0, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)


def act(vault: Any, person: int, scope: str, at: dt.datetime) -> Any:
    """Log a procedure done on the person's behalf under `scope`."""
    return activities.log_activity(
        vault, an_activity(date=at.date().isoformat(), beneficiary_id=person,
                           under_mandate_scope=scope), today=at.date(), at=at)


def refusal(vault: Any, person: int, scope: str, at: dt.datetime) -> str:
    with pytest.raises(KnownError) as info:
        act(vault, person, scope, at)
    return info.value.message()


def test_a_mandate_is_usable_for_its_scopes_while_in_force(vault) -> None:
    b = canary_beneficiary(vault)
    created = mandates.create_mandate(vault, b.id, ["logement", "argent"], "1m", at=T0)
    m = created.mandate
    assert (m.starts_on, m.ends_on, m.last_day) == (
        dt.date(2026, 11, 28), dt.date(2026, 12, 28), dt.date(2026, 12, 27))
    assert m.status == "in_force"
    assert created.consent_event.purpose == Purpose.MANDATE
    assert created.consent_event.valid_until == m.ends_on

    done = act(vault, b.id, "logement", T0 + HOUR)
    assert activities.get_activity(vault, done.id).under_mandate_scope == "logement"
    assert refusal(vault, b.id, "papiers", T0 + HOUR) == (
        "Le mandat ne couvre pas la démarche « Papiers »."
    )


def test_an_expired_mandate_is_refused_with_a_clear_message(vault) -> None:
    b = canary_beneficiary(vault)
    mandates.create_mandate(vault, b.id, ["logement"], "1j", at=T0)
    assert act(vault, b.id, "logement", T0 + 10 * HOUR)  # same day
    next_day = dt.datetime(2026, 11, 29, 9, tzinfo=dt.UTC)
    message = refusal(vault, b.id, "logement", next_day)
    assert "a expiré" in message
    assert mandates.list_mandates(vault, b.id, at=next_day)[0].status == "expired"
    assert mandates.check_scope(vault, b.id, "logement", at=next_day).reason == \
        "consent_expired"


def test_revoking_one_scope_leaves_the_others_usable(vault) -> None:
    b = canary_beneficiary(vault)
    m = mandates.create_mandate(vault, b.id, ["logement", "argent", "papiers"], "6m",
                                at=T0).mandate
    after = mandates.revoke_scope(vault, m.id, "argent", at=T0 + HOUR)
    assert after.usable_scopes == ("papiers", "logement")
    assert refusal(vault, b.id, "argent", T0 + 2 * HOUR) == (
        "Le mandat a été révoqué pour la démarche « Argent »."
    )
    assert act(vault, b.id, "logement", T0 + 2 * HOUR)
    assert act(vault, b.id, "papiers", T0 + 2 * HOUR)
    with pytest.raises(KnownError) as info:
        mandates.revoke_scope(vault, m.id, "argent", at=T0 + 3 * HOUR)
    assert info.value.code == "scope_already_revoked"
    with pytest.raises(KnownError) as info:
        mandates.revoke_scope(vault, m.id, "justice", at=T0 + 3 * HOUR)
    assert info.value.code == "scope_not_covered"


def test_revoking_the_whole_mandate_stops_it_and_withdraws_the_consent(vault) -> None:
    b = canary_beneficiary(vault)
    m = mandates.create_mandate(vault, b.id, ["logement", "argent"], "12m", at=T0).mandate
    revoked = mandates.revoke_mandate(vault, m.id, at=T0 + HOUR)
    assert revoked.status == "revoked"
    assert revoked.usable_scopes == ()
    message = refusal(vault, b.id, "logement", T0 + 2 * HOUR)
    assert message == "La personne a retiré son consentement pour « Mandat »."
    state = consents.overview(vault, b.id, at=T0 + 2 * HOUR).status(Purpose.MANDATE)
    assert state.status == ConsentStatus.WITHDRAWN
    with pytest.raises(KnownError) as info:
        mandates.revoke_mandate(vault, m.id, at=T0 + 3 * HOUR)
    assert info.value.code == "mandate_not_in_force"


def test_withdrawing_the_mandate_consent_revokes_every_mandate(vault) -> None:
    b = canary_beneficiary(vault)
    mandates.create_mandate(vault, b.id, ["logement"], "1m", at=T0)
    mandates.create_mandate(vault, b.id, ["argent"], "6m", at=T0 + HOUR)
    consents.withdraw_consent(vault, b.id, Purpose.MANDATE, at=T0 + 2 * HOUR)
    assert [m.status for m in mandates.list_mandates(vault, b.id, at=T0 + 2 * HOUR)] == [
        "revoked", "revoked"]
    assert "retiré" in refusal(vault, b.id, "argent", T0 + 3 * HOUR)


def test_renewing_replaces_the_mandate_with_its_remaining_scopes(vault) -> None:
    b = canary_beneficiary(vault)
    old = mandates.create_mandate(vault, b.id, ["logement", "argent"], "1m", at=T0).mandate
    mandates.revoke_scope(vault, old.id, "argent", at=T0 + HOUR)
    later = dt.datetime(2026, 12, 20, 9, tzinfo=dt.UTC)
    renewed = mandates.renew_mandate(vault, old.id, at=later)
    new = renewed.mandate
    assert new.renewed_from == old.id
    assert [s.scope for s in new.scopes] == ["logement"]
    assert (new.starts_on, new.ends_on) == (dt.date(2026, 12, 20), dt.date(2027, 1, 20))
    assert renewed.consent_event.kind == "renouvele"
    statuses = {m.id: m.status for m in mandates.list_mandates(vault, b.id, at=later)}
    assert statuses == {new.id: "in_force", old.id: "replaced"}
    assert act(vault, b.id, "logement", dt.datetime(2027, 1, 10, tzinfo=dt.UTC))
    with pytest.raises(KnownError) as info:
        mandates.renew_mandate(vault, old.id, at=later)
    assert info.value.code == "mandate_revoked"
    # renewing the Mandat consent from the "to renew" list renews the latest mandate
    again = consents.renew(vault, b.id, Purpose.MANDATE,
                           at=dt.datetime(2027, 1, 15, tzinfo=dt.UTC))
    assert again.valid_until == dt.date(2027, 2, 15)


def test_a_mandate_needs_a_lawful_file_and_sound_input(vault) -> None:
    stats_only = beneficiaries.create_beneficiary(vault, {})
    with pytest.raises(KnownError) as info:
        mandates.create_mandate(vault, stats_only.id, ["logement"], "1m", at=T0)
    assert info.value.code == "no_legal_basis"
    b = canary_beneficiary(vault)
    for args, kwargs, code in [
        (([], "1m"), {}, "required"),
        ((["cantine"], "1m"), {}, "not_in_list"),
        ((["logement"], "3m"), {}, "not_in_list"),
        ((["logement"], "1m"), {"starts_on": dt.date(2026, 11, 1)}, "mandate_start_past"),
        ((["logement"], "1m"), {"method": "fax"}, "not_in_list"),
    ]:
        with pytest.raises(KnownError) as info:
            mandates.create_mandate(vault, b.id, *args, at=T0, **kwargs)
        assert info.value.code == code
    with pytest.raises(KnownError) as info:
        act(vault, stats_only.id, "logement", T0)
    assert info.value.code == "no_legal_basis"


def test_a_mandate_not_started_yet_cannot_be_used(vault) -> None:
    b = canary_beneficiary(vault)
    mandates.create_mandate(vault, b.id, ["logement"], "1m", starts_on=dt.date(2026, 12, 5),
                            at=T0)
    assert "pas encore commencé" in refusal(vault, b.id, "logement", T0 + HOUR)
    assert act(vault, b.id, "logement", dt.datetime(2026, 12, 5, 9, tzinfo=dt.UTC))


def test_every_mandate_event_is_journaled_with_the_code_only(vault) -> None:
    b = canary_beneficiary(vault)
    m = mandates.create_mandate(vault, b.id, ["logement", "argent"], "1m", at=T0).mandate
    act(vault, b.id, "logement", T0 + HOUR)
    mandates.revoke_scope(vault, m.id, "argent", at=T0 + HOUR)
    renewed = mandates.renew_mandate(vault, m.id, at=T0 + 2 * HOUR).mandate
    mandates.revoke_mandate(vault, renewed.id, at=T0 + 3 * HOUR)
    with vault.reading() as s:
        rows = s.exec(text(  # type: ignore[call-overload]
            "SELECT action, ref, details FROM audit_event WHERE entity IN ('mandate', 'consent')"
            " ORDER BY id")).all()
    assert [(r[0], r[1]) for r in rows] == [
        ("consent.give", b.code), ("mandate.create", b.code), ("mandate.use", b.code),
        ("mandate.revoke_scope", b.code), ("consent.renew", b.code), ("mandate.renew", b.code),
        ("mandate.revoke", b.code), ("consent.withdraw", b.code),
    ]
    for needle in CANARY_NEEDLES:
        assert needle not in repr(rows)
