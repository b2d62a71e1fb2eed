"""Consent and legal basis as the services enforce them: what a screen may show,
what a logged session keeps, what is refused with which message, and what the
journal and the database say afterwards."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import CANARY, CANARY_NEEDLES, an_activity, canary_beneficiary
from sqlalchemy import text

from accomp.domain.consent import Action, ConsentStatus, Purpose
from accomp.domain.errors import KnownError
from accomp.reports import documents
from accomp.services import activities, beneficiaries, consents

T0 = dt.datetime(2026, 11, 28, 10, 0, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)


def journal(vault: Any) -> list[tuple[str, str | None, str]]:
    with vault.reading() as s:
        return [(r.action, r.ref, r.details) for r in s.exec(  # type: ignore[call-overload]
            text("SELECT action, ref, details FROM audit_event ORDER BY id")).all()]


def dump(vault: Any) -> str:
    """Every row of every table, as text: what an auditor of the vault would read."""
    with vault.reading() as s:
        tables = [r[0] for r in s.exec(  # type: ignore[call-overload]
            text("SELECT name FROM sqlite_master WHERE type='table'")).all()]
        return "\n".join(
            repr(s.exec(text(f'SELECT * FROM "{t}"')).all())  # type: ignore[call-overload]
            for t in tables
        )


def log(vault: Any, at: dt.datetime = T0, **extra: Any) -> Any:
    return activities.log_activity(vault, an_activity(date=at.date().isoformat(), **extra),
                                   today=at.date(), at=at)


# --- contact, notes, sharing ----------------------------------------------------------------


def test_withdrawn_contact_consent_hides_phone_and_email(vault) -> None:
    b = canary_beneficiary(vault)
    hidden = consents.visible_identity(vault, b.id, at=T0)
    assert hidden.file.phone is None
    assert hidden.file.email is None
    assert hidden.file.last_name == CANARY["last_name"]
    assert "Recontact pour le suivi" in hidden.why("phone")

    consents.give_consent(vault, b.id, Purpose.FOLLOW_UP_CONTACT, at=T0)
    shown = consents.visible_identity(vault, b.id, at=T0 + DAY)
    assert shown.file.phone == CANARY["phone"]
    assert "phone" not in shown.hidden

    consents.withdraw_consent(vault, b.id, Purpose.FOLLOW_UP_CONTACT, at=T0 + 2 * DAY)
    again = consents.visible_identity(vault, b.id, at=T0 + 2 * DAY)
    assert again.file.phone is None
    assert "retiré" in again.why("phone")


def test_notes_are_not_kept_without_notes_consent_and_the_worker_is_told(vault) -> None:
    b = canary_beneficiary(vault)
    refused = log(vault, beneficiary_id=b.id, notes=CANARY["notes"])
    assert refused.notes is None
    assert refused.notices == ["notes_not_kept"]
    assert activities.get_activity(vault, refused.id).notes is None
    assert "notes n'ont pas été enregistrées" in consents.notice_message("notes_not_kept")

    consents.give_consent(vault, b.id, Purpose.NOTES, method="papier_signe", at=T0)
    kept = log(vault, at=T0 + DAY, beneficiary_id=b.id, notes="rappeler la CAF")
    assert activities.get_activity(vault, kept.id).notes == "rappeler la CAF"
    assert kept.notices == []
    # the file's own notes are shown again too
    assert consents.visible_identity(vault, b.id, at=T0 + DAY).file.notes == CANARY["notes"]


def test_a_referral_that_shares_data_is_blocked_without_sharing_consent(vault) -> None:
    b = canary_beneficiary(vault)
    referral = {"beneficiary_id": b.id, "referred": True, "referral_target": "AideSociale",
                "referral_shares_data": True}
    with pytest.raises(KnownError) as info:
        log(vault, **referral)
    assert info.value.message() == (
        "La personne n'a pas donné son consentement pour « Partage avec un partenaire »."
    )
    # without passing data on, the referral itself is fine
    assert log(vault, **{**referral, "referral_shares_data": False}).referred

    consents.give_consent(vault, b.id, Purpose.PARTNER_SHARING, at=T0)
    shared = log(vault, at=T0 + DAY, **referral)
    assert activities.get_activity(vault, shared.id).referral_shares_data
    assert ("consent.share", b.code) in [(a, r) for a, r, _ in journal(vault)]


def test_sharing_data_needs_a_referral_and_a_file(vault) -> None:
    with pytest.raises(KnownError) as info:
        log(vault, referral_shares_data=True)
    assert info.value.field == "referral_shares_data"
    with pytest.raises(KnownError) as info:
        log(vault, referred=True, referral_target="AideSociale", referral_shares_data=True)
    assert info.value.code == "no_consent"


# --- no basis, no identity -----------------------------------------------------------------


def test_without_basis_and_information_date_logging_stores_no_identity(vault) -> None:
    # A file with statistical attributes only (no basis, no date): the session stays
    # counted with it, but nothing typed about the person is kept.
    stats_only = beneficiaries.create_beneficiary(vault, {"gender": "Feminin"})
    out = log(vault, beneficiary_id=stats_only.id, notes=CANARY["notes"],
              procedure_details=CANARY["last_name"])
    assert out.notices == ["activity_without_identity"]
    assert (out.notes, out.procedure_details) == (None, None)
    assert "sans aucune donnée d'identité" in consents.notice_message(out.notices[0])

    # A file kept on consent whose consent was withdrawn still holds an identity (until
    # it is anonymised): new sessions are logged anonymously, not linked to it.
    identity = {k: v for k, v in CANARY.items() if k != "notes"}
    basis_consent = beneficiaries.create_beneficiary(
        vault, {**identity, "legal_basis": "Consentement", "informed_on": "2026-11-01"},
        today=T0.date())
    consents.give_consent(vault, basis_consent.id, Purpose.IDENTIFIED_FILE, at=T0)
    consents.withdraw_consent(vault, basis_consent.id, Purpose.IDENTIFIED_FILE, at=T0 + DAY)
    anonymous = log(vault, at=T0 + DAY, beneficiary_id=basis_consent.id,
                    notes=CANARY["notes"])
    assert anonymous.beneficiary_id is None
    assert anonymous.beneficiary_code is None
    assert anonymous.notices == ["activity_without_identity"]
    created = [d for a, _, d in journal(vault) if a == "activity.create"]
    assert basis_consent.code not in created[-1]

    text_ = dump(vault)
    assert CANARY["notes"] not in text_
    with vault.reading() as s:
        linked = s.exec(text(  # type: ignore[call-overload]
            "SELECT count(*) FROM activity WHERE beneficiary_id = :b"),
            params={"b": basis_consent.id}).one()[0]
    assert linked == 0


def test_a_workshop_counts_a_participant_without_basis_anonymously(vault) -> None:
    person = beneficiaries.create_beneficiary(
        vault, {"first_name": "Ana", "legal_basis": "Consentement", "informed_on": "2026-11-01",
                "gender": "Feminin", "social_status": "Retraite", "birth_year": 1950},
        today=T0.date())
    out = log(vault, kind="Collectif", workshop_title="Arnaques", level="Debutant",
              participant_ids=[person.id], autonomy=None, admin_themes=[],
              themes=["SecuriteNumerique"])
    assert out.participant_ids == []
    assert out.anonymous.total == 1
    assert out.anonymous.by_gender == {"Feminin": 1}
    assert out.notices == ["participant_without_identity"]


# --- recording -------------------------------------------------------------------------------


def test_legal_basis_records_the_notice_version_and_its_hash(vault) -> None:
    b = canary_beneficiary(vault)
    view = consents.record_legal_basis(vault, b.id, "ObligationLegale", dt.date(2026, 11, 2),
                                       at=T0)
    assert view.notice_version == documents.NOTICE_VERSION
    assert view.notice_hash == documents.computed_notice_hash(documents.NOTICE_VERSION)
    assert view.file_decision.allowed
    with pytest.raises(KnownError) as info:
        consents.record_legal_basis(vault, b.id, None, None, at=T0)
    assert info.value.code == "identity_needs_basis"
    with pytest.raises(KnownError) as info:
        consents.record_legal_basis(vault, b.id, "ObligationLegale", dt.date(2026, 12, 1), at=T0)
    assert info.value.code == "date_future"


def test_badges_follow_the_history_and_renewing_extends_it(vault) -> None:
    b = canary_beneficiary(vault)
    given = consents.give_consent(vault, b.id, Purpose.NOTES, at=T0)
    assert given.valid_until == dt.date(2027, 11, 28)
    status = lambda at: consents.overview(vault, b.id, at=at).status(Purpose.NOTES)  # noqa: E731
    assert status(T0).status == ConsentStatus.VALID
    assert status(T0).last_day == dt.date(2027, 11, 27)
    assert status(dt.datetime(2027, 11, 1, tzinfo=dt.UTC)).status == ConsentStatus.EXPIRING
    assert status(dt.datetime(2027, 11, 28, tzinfo=dt.UTC)).status == ConsentStatus.EXPIRED
    late = dt.datetime(2027, 12, 5, tzinfo=dt.UTC)
    renewed = consents.renew_consent(vault, b.id, Purpose.NOTES, at=late)
    assert renewed.method == "oral"
    assert status(late).status == ConsentStatus.VALID
    consents.withdraw_consent(vault, b.id, Purpose.NOTES, at=late + DAY)
    assert status(late + DAY).status == ConsentStatus.WITHDRAWN


def test_what_cannot_be_recorded_is_refused_plainly(vault) -> None:
    b = canary_beneficiary(vault)
    cases = [
        (lambda: consents.renew_consent(vault, b.id, Purpose.NOTES, at=T0), "nothing_to_renew"),
        (lambda: consents.withdraw_consent(vault, b.id, Purpose.NOTES, at=T0),
         "nothing_to_withdraw"),
        (lambda: consents.give_consent(vault, b.id, Purpose.MANDATE, at=T0),
         "mandate_consent_with_mandate"),
        (lambda: consents.give_consent(vault, b.id, "Marketing", at=T0), "not_in_list"),
        (lambda: consents.give_consent(vault, b.id, Purpose.NOTES, method="fax", at=T0),
         "not_in_list"),
        (lambda: consents.give_consent(vault, 999, Purpose.NOTES, at=T0), "not_found"),
    ]
    for call, code in cases:
        with pytest.raises(KnownError) as info:
            call()
        assert info.value.code == code
    consents.give_consent(vault, b.id, Purpose.NOTES, at=T0)
    with pytest.raises(KnownError) as info:
        consents.give_consent(vault, b.id, Purpose.NOTES, at=T0 - DAY)
    assert info.value.code == "consent_out_of_order"
    assert "ne peut pas être réécrit" in info.value.message()


def test_consent_history_is_append_only_in_the_database(vault) -> None:
    b = canary_beneficiary(vault)
    consents.give_consent(vault, b.id, Purpose.NOTES, at=T0)
    for statement in ("UPDATE consent_event SET kind = 'retire'",
                      "UPDATE consent_event SET valid_until = '2099-01-01'",
                      "DELETE FROM consent_event"):
        with pytest.raises(Exception, match="append-only"), vault.transaction() as s:
            s.exec(text(statement))  # type: ignore[call-overload]
    assert [e.kind for e in consents.history(vault, b.id)] == ["donne"]


def test_every_consent_event_is_journaled_with_the_code_only(vault) -> None:
    b = canary_beneficiary(vault)
    consents.record_legal_basis(vault, b.id, "MissionInteretPublic", dt.date(2026, 10, 1),
                                at=T0)
    consents.record_informed(vault, b.id, Purpose.NOTES, at=T0)
    consents.give_consent(vault, b.id, Purpose.NOTES, at=T0)
    consents.renew_consent(vault, b.id, Purpose.NOTES, at=T0 + DAY)
    consents.withdraw_consent(vault, b.id, Purpose.NOTES, at=T0 + 2 * DAY)
    consents.give_consent(vault, b.id, Purpose.FOLLOW_UP_CONTACT, at=T0)
    assert consents.record_lapsed(vault, at=dt.datetime(2028, 1, 1, tzinfo=dt.UTC)) == 1
    events = [(a, r) for a, r, _ in journal(vault) if a.startswith("consent.")]
    assert events == [
        ("consent.legal_basis", b.code), ("consent.inform", b.code), ("consent.give", b.code),
        ("consent.renew", b.code), ("consent.withdraw", b.code), ("consent.give", b.code),
        ("consent.expire", b.code),
    ]
    everything = repr(journal(vault))
    for needle in CANARY_NEEDLES:
        assert needle not in everything
    kinds = [(e.purpose, e.kind) for e in consents.history(vault, b.id)]
    assert kinds[-1] == (Purpose.FOLLOW_UP_CONTACT, "expire")


def test_the_renewal_list_has_expired_and_expiring_consents_only(vault) -> None:
    a = canary_beneficiary(vault)
    b = canary_beneficiary(vault)
    consents.give_consent(vault, a.id, Purpose.NOTES, valid_until=dt.date(2027, 1, 10), at=T0)
    consents.give_consent(vault, a.id, Purpose.FOLLOW_UP_CONTACT, at=T0)  # ends 2027-11-28
    consents.give_consent(vault, b.id, Purpose.PARTNER_SHARING,
                          valid_until=dt.date(2026, 12, 20), at=T0)
    consents.give_consent(vault, b.id, Purpose.NOTES, valid_until=dt.date(2026, 12, 25), at=T0)
    consents.withdraw_consent(vault, b.id, Purpose.NOTES, at=T0 + DAY)
    at = dt.datetime(2026, 12, 22, tzinfo=dt.UTC)
    rows = consents.renewals(vault, at=at)
    assert [(r.code, r.purpose, r.status) for r in rows] == [
        (b.code, Purpose.PARTNER_SHARING, ConsentStatus.EXPIRED),
        (a.code, Purpose.NOTES, ConsentStatus.EXPIRING),
    ]
    assert rows[1].last_day == dt.date(2027, 1, 9)
    consents.renew(vault, b.id, Purpose.PARTNER_SHARING, at=at)
    assert [r.code for r in consents.renewals(vault, at=at)] == [a.code]


def test_decide_and_require_speak_the_rules(vault) -> None:
    b = canary_beneficiary(vault)
    assert consents.decide(vault, b.id, Action.KEEP_IDENTITY, at=T0).allowed
    assert not consents.decide(vault, b.id, Action.SHOW_CONTACT, at=T0).allowed
    with pytest.raises(KnownError) as info:
        consents.require(vault, b.id, Action.KEEP_NOTES, at=T0)
    assert info.value.message("en") == "The person has not given consent for “Keeping notes”."
