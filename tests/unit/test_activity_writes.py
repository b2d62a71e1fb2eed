"""What logging, editing and deleting a session leave in the vault: each file's last
contact (the start of its retention clock), the workshop's participants, the rows
exactly as the ORM would have written them, a sound journal, and driver errors
raised as the rest of the store raises them."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from conftest import an_activity
from sqlalchemy import text

from accomp.domain.consent import Purpose
from accomp.domain.errors import KnownError
from accomp.domain.models import ActivityFilter
from accomp.services import activities, beneficiaries, consents
from accomp.store import audit, repo
from accomp.store.tables import Activity, AuditEvent

TODAY = dt.date(2026, 11, 28)
T0 = dt.datetime(2026, 11, 28, 10, 0, tzinfo=dt.UTC)


def log(vault: Any, day: str, **extra: Any) -> Any:
    return activities.log_activity(vault, an_activity(date=day, **extra), today=TODAY, at=T0)


def workshop(vault: Any, day: str, people: list[int], **extra: Any) -> Any:
    return log(vault, day, kind="Collectif", workshop_title="Arnaques", level="Debutant",
               participant_ids=people, autonomy=None, admin_themes=[],
               themes=["SecuriteNumerique"], **extra)


def last_contact(vault: Any, beneficiary_id: int) -> dt.date | None:
    with vault.reading() as s:
        value = s.exec(text(  # type: ignore[call-overload]
            "SELECT last_contact FROM beneficiary WHERE id = :b"), params={"b": beneficiary_id}
        ).one()[0]
    return None if value is None else dt.date.fromisoformat(value)


def participants_in_db(vault: Any, activity_id: int) -> list[int]:
    with vault.reading() as s:
        return repo.participant_ids(s, activity_id)


@pytest.fixture
def ana(vault: Any) -> int:
    return beneficiaries.create_beneficiary(vault, {"gender": "Feminin"}).id


@pytest.fixture
def bob(vault: Any) -> int:
    return beneficiaries.create_beneficiary(vault, {"gender": "Masculin"}).id


# --- last contact -------------------------------------------------------------------------


def test_a_file_never_seen_has_no_last_contact_until_its_first_session(vault, ana) -> None:
    assert last_contact(vault, ana) is None
    log(vault, "2026-10-01", beneficiary_id=ana)
    assert last_contact(vault, ana) == dt.date(2026, 10, 1)


def test_an_older_session_logged_late_does_not_move_the_last_contact_back(vault, ana) -> None:
    log(vault, "2026-11-20", beneficiary_id=ana)
    log(vault, "2026-09-02", beneficiary_id=ana)
    assert last_contact(vault, ana) == dt.date(2026, 11, 20)
    log(vault, "2026-11-21", beneficiary_id=ana)
    assert last_contact(vault, ana) == dt.date(2026, 11, 21)


def test_editing_or_deleting_the_latest_session_recomputes_the_last_contact(
    vault, ana, bob
) -> None:
    log(vault, "2026-06-01", beneficiary_id=ana)
    workshop(vault, "2026-08-15", [ana, bob])
    latest = log(vault, "2026-11-20", beneficiary_id=ana)
    assert last_contact(vault, ana) == dt.date(2026, 11, 20)

    # moved back in time: the workshop is now the latest
    activities.update_activity(vault, latest.id, an_activity(date="2026-07-01",
                                                             beneficiary_id=ana), today=TODAY)
    assert last_contact(vault, ana) == dt.date(2026, 8, 15)

    # moved to another person: both files are brought up to date
    activities.update_activity(vault, latest.id, an_activity(date="2026-11-22",
                                                             beneficiary_id=bob), today=TODAY)
    assert last_contact(vault, ana) == dt.date(2026, 8, 15)
    assert last_contact(vault, bob) == dt.date(2026, 11, 22)

    activities.delete_activity(vault, latest.id)
    assert last_contact(vault, bob) == dt.date(2026, 8, 15)


def test_deleting_a_files_only_session_clears_its_last_contact(vault, ana) -> None:
    only = log(vault, "2026-10-10", beneficiary_id=ana)
    activities.delete_activity(vault, only.id)
    assert last_contact(vault, ana) is None


def test_a_workshop_is_a_contact_for_each_tracked_participant(vault, ana, bob) -> None:
    cleo = beneficiaries.create_beneficiary(vault, {}).id
    log(vault, "2026-11-25", beneficiary_id=bob)
    w = workshop(vault, "2026-11-10", [ana, bob, cleo], anonymous={"total": 3})
    assert last_contact(vault, ana) == dt.date(2026, 11, 10)
    assert last_contact(vault, bob) == dt.date(2026, 11, 25)  # seen later alone
    assert last_contact(vault, cleo) == dt.date(2026, 11, 10)
    with vault.reading() as s:
        details = s.exec(text(  # type: ignore[call-overload]
            "SELECT details FROM audit_event WHERE action = 'activity.create' AND ref = :r"),
            params={"r": str(w.id)}).one()[0]
        codes = repo.codes_of(s, [ana, bob, cleo])
    assert details == json.dumps({"beneficiaries": sorted(codes.values())})

    activities.delete_activity(vault, w.id)
    assert last_contact(vault, ana) is None
    assert last_contact(vault, bob) == dt.date(2026, 11, 25)


def test_an_anonymous_session_is_nobodys_contact(vault, ana) -> None:
    log(vault, "2026-11-10")
    assert last_contact(vault, ana) is None


# --- participants --------------------------------------------------------------------------


def test_a_workshops_participants_are_kept_replaced_and_removed_with_it(
    vault, ana, bob
) -> None:
    w = workshop(vault, "2026-11-10", [bob, ana], anonymous={"total": 2})
    assert w.participant_ids == [bob, ana]
    assert participants_in_db(vault, w.id) == sorted([ana, bob])
    assert activities.get_activity(vault, w.id).participant_ids == sorted([ana, bob])
    rows = activities.list_activities(vault, ActivityFilter(beneficiary_id=ana))
    assert [r.id for r in rows] == [w.id]
    assert rows[0].participants == 4

    edited = activities.update_activity(
        vault, w.id, an_activity(date="2026-11-10", kind="Collectif", workshop_title="Arnaques",
                                 participant_ids=[bob], autonomy=None, admin_themes=[],
                                 themes=["SecuriteNumerique"]), today=TODAY)
    assert edited.participant_ids == [bob]
    assert participants_in_db(vault, w.id) == [bob]
    assert activities.list_activities(vault, ActivityFilter(beneficiary_id=ana)) == []

    activities.delete_activity(vault, w.id)
    assert participants_in_db(vault, w.id) == []


def test_an_unknown_participant_is_refused_and_nothing_is_written(vault, ana) -> None:
    before = activities.count_activities(vault)
    with pytest.raises(KnownError) as info:
        workshop(vault, "2026-11-10", [ana, 999_999])
    assert (info.value.code, info.value.field) == ("not_found", "beneficiary")
    assert activities.count_activities(vault) == before
    assert last_contact(vault, ana) is None


def test_a_session_with_a_file_kept_on_consent_follows_that_consent(vault) -> None:
    on_consent = {"first_name": "Ana", "legal_basis": "Consentement",
                  "informed_on": "2026-11-01"}
    person = beneficiaries.create_beneficiary(vault, on_consent, today=TODAY).id
    # informed, not (yet) agreed: logged anonymously, nothing typed kept
    before = log(vault, "2026-11-20", beneficiary_id=person, procedure_details="dossier CAF")
    assert (before.beneficiary_id, before.procedure_details) == (None, None)
    assert before.notices == ["activity_without_identity"]
    assert last_contact(vault, person) is None

    consents.give_consent(vault, person, Purpose.IDENTIFIED_FILE, at=T0 - dt.timedelta(days=1))
    after = log(vault, "2026-11-27", beneficiary_id=person, procedure_details="dossier CAF")
    assert (after.beneficiary_id, after.procedure_details) == (person, "dossier CAF")
    assert after.notices == []
    assert last_contact(vault, person) == dt.date(2026, 11, 27)


def test_each_workshop_participant_is_judged_on_their_own_files_basis(vault) -> None:
    identity = {"first_name": "Ana", "gender": "Feminin", "age_band": "SoixanteDixPlus",
                "social_status": "Retraite"}
    on_consent = {**identity, "legal_basis": "Consentement", "informed_on": "2026-11-01"}
    kept = beneficiaries.create_beneficiary(vault, on_consent, today=TODAY).id
    consents.give_consent(vault, kept, Purpose.IDENTIFIED_FILE, at=T0 - dt.timedelta(days=2))
    withdrawn = beneficiaries.create_beneficiary(vault, on_consent, today=TODAY).id
    consents.give_consent(vault, withdrawn, Purpose.IDENTIFIED_FILE,
                          at=T0 - dt.timedelta(days=2))
    consents.withdraw_consent(vault, withdrawn, Purpose.IDENTIFIED_FILE,
                              at=T0 - dt.timedelta(days=1))
    never_asked = beneficiaries.create_beneficiary(vault, on_consent, today=TODAY).id
    public = beneficiaries.create_beneficiary(
        vault, {**identity, "legal_basis": "MissionInteretPublic", "informed_on": "2026-11-01"},
        today=TODAY).id
    stats_only = beneficiaries.create_beneficiary(vault, {"gender": "Masculin"}).id

    out = workshop(vault, "2026-11-27", [kept, withdrawn, never_asked, public, stats_only],
                   anonymous={"total": 1, "by_gender": {"Masculin": 1}})
    assert out.participant_ids == [kept, public, stats_only]
    assert out.anonymous.total == 3
    assert out.anonymous.by_gender == {"Masculin": 1, "Feminin": 2}
    assert out.anonymous.by_status == {"Retraite": 2}
    assert out.notices == ["participant_without_identity"]
    assert participants_in_db(vault, out.id) == sorted([kept, public, stats_only])
    assert last_contact(vault, withdrawn) is None
    assert last_contact(vault, kept) == dt.date(2026, 11, 27)


# --- rows as the ORM writes them, journal -------------------------------------------------------


def raw_row(s: Any, table: str, row_id: int) -> dict[str, Any]:
    result = s.connection().exec_driver_sql(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
    return dict(zip(result.keys(), result.one(), strict=True))


def test_a_logged_session_is_stored_as_the_orm_stores_it(vault, ana) -> None:
    out = log(vault, "2026-11-20", beneficiary_id=ana, duration_min=50, referred=True,
              referral_target="AideSociale", completion="Finalisee",
              commune={"name": "Lyon", "postal_code": "69001", "insee": "69123"},
              equipment=["Telephone"], notes="à revoir")
    with vault.reading() as s:  # rolled back when it closes
        stored = raw_row(s, "activity", out.id)
        fields = {k: v for k, v in s.get(Activity, out.id).model_dump().items() if k != "id"}
        twin = Activity(**fields)
        s.add(twin)
        s.flush()
        assert twin.id is not None
        by_orm = raw_row(s, "activity", twin.id)
        assert {**stored, "id": None} == {**by_orm, "id": None}
        # microseconds and all: what is read back is what was returned
        assert s.get(Activity, out.id).created_at == out.created_at  # type: ignore[union-attr]
        assert stored["created_at"] == out.created_at.strftime("%Y-%m-%d %H:%M:%S.%f")
        assert stored["date"] == "2026-11-20"
        assert stored["referred"] == 1


def test_journal_events_are_stored_as_the_orm_stores_them_and_chain(vault, ana) -> None:
    out = log(vault, "2026-11-20", beneficiary_id=ana)
    with vault.reading() as s:
        last = s.exec(text(  # type: ignore[call-overload]
            "SELECT max(id) FROM audit_event")).one()[0]
        stored = raw_row(s, "audit_event", last)
        assert (stored["action"], stored["ref"]) == ("activity.create", str(out.id))
        report = audit.verify(s)
        assert (report.sound, report.events) == (True, last)
        # the same event through the ORM (a copy, rolled back: it breaks the chain)
        twin = AuditEvent(**{**s.get(AuditEvent, last).model_dump(), "id": last + 1})
        s.add(twin)
        s.flush()
        assert {**raw_row(s, "audit_event", last + 1), "id": last} == stored


def test_events_appended_in_one_transaction_follow_each_other(vault) -> None:
    with vault.transaction() as s:
        first = audit.append(s, actor="t", action="test.one", entity="test")
        second = audit.append(s, actor="t", action="test.two", entity="test", details={"n": 2})
    assert second == first + 1
    with vault.reading() as s:
        assert audit.verify(s).sound


def error_of(vault: Any, call: Any) -> Exception:
    try:
        with vault.transaction() as s:
            call(s)
    except Exception as error:  # whatever the store raises: compared by the caller
        return error
    raise AssertionError("no error")


def test_a_driver_error_is_raised_as_sqlalchemy_raises_it_and_rolls_back(vault, ana) -> None:
    sql = "INSERT INTO activity_participant (activity_id, beneficiary_id) VALUES (?, ?)"
    by_sqlalchemy = error_of(vault, lambda s: s.connection().exec_driver_sql(sql, (999_999, ana)))
    by_driver = error_of(vault, lambda s: repo.add_participants(s, 999_999, [ana]))
    assert type(by_driver) is type(by_sqlalchemy)
    assert "999999" not in str(by_driver)

    def half_logged(s: Any) -> None:
        repo.note_contact(s, [ana], dt.date(2026, 11, 1))
        repo.run(s, "INSERT INTO no_such_table VALUES (?)", ["secret"])

    failed = error_of(vault, half_logged)
    assert "secret" not in str(failed)
    assert last_contact(vault, ana) is None
