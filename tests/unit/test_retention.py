"""Retention is enforced, not stated: with a frozen clock, what is past its period is
listed for review, purged once applied, and written in the purge register by
pseudonymous code only."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import CANARY_NEEDLES, an_activity, canary_beneficiary
from sqlmodel import select

from accomp.domain.errors import KnownError
from accomp.domain.retention import RULES, DataClass, cutoff, due_on, is_due
from accomp.services import activities, beneficiaries, consents, lifecycle, vaults
from accomp.store import audit
from accomp.store.tables import Activity, Beneficiary, PurgeRecord

FROZEN = dt.date(2029, 3, 15)  # "today" for the whole scenario
IDENTITY = {"legal_basis": "MissionInteretPublic", "informed_on": "2026-11-01"}


def _person(vault, name: str, *, notes: str | None = None):
    return beneficiaries.create_beneficiary(
        vault, {"first_name": name, "last_name": "RETENTION", "notes": notes, **IDENTITY},
        today=dt.date(2026, 11, 28),
    )


def _seen(vault, person, day: str, notes: str | None = None) -> None:
    """A session logged on its own day (consent rules and journal at noon UTC then)."""
    at = dt.datetime.combine(dt.date.fromisoformat(day), dt.time(12), tzinfo=dt.UTC)
    activities.log_activity(vault, an_activity(beneficiary_id=person.id, date=day, notes=notes),
                            today=FROZEN, at=at)


CREATED = dt.datetime(2026, 11, 28, 9, tzinfo=dt.UTC)  # the vault, its files and consents


@pytest.fixture
def vault(make_vault):
    return make_vault(now=CREATED)


@pytest.fixture
def logbook(vault):
    old = _person(vault, "Ancien", notes="note du dossier ancien")
    consents.give_consent(vault, old.id, "ConservationNotes", at=CREATED)
    _seen(vault, old, "2026-12-01", notes="séance ancienne")  # 24 months passed on 2028-12-01
    recent = _person(vault, "Recent")
    consents.give_consent(vault, recent.id, "ConservationNotes", at=CREATED)
    _seen(vault, recent, "2027-01-10", notes="note de 2027")  # notes due, file not
    _seen(vault, recent, "2027-06-01")
    never_seen = _person(vault, "Jamais")  # clock starts at creation (2026-11-28)
    stats_only = beneficiaries.create_beneficiary(vault, {"gender": "Feminin"},
                                                  today=dt.date(2026, 11, 28))
    _seen(vault, stats_only, "2026-12-05")
    activities.log_activity(vault, an_activity(date="2027-02-01", notes="anonyme ancienne"),
                            today=FROZEN)
    activities.log_activity(vault, an_activity(date="2029-01-10", notes="anonyme récente"),
                            today=FROZEN)
    return {"old": old, "recent": recent, "never_seen": never_seen, "stats_only": stats_only}


def test_defaults_follow_the_cnil_and_periods_stay_within_legal_bounds(vault):
    assert lifecycle.retention_periods(vault) == {
        DataClass.IDENTIFIED_FILE: 24, DataClass.NOTES: 12, DataClass.JOURNAL: 12,
        DataClass.EXPORT_RECORDS: 24,
    }
    for data_class, months in ((DataClass.IDENTIFIED_FILE, 25), (DataClass.JOURNAL, 13),
                               (DataClass.JOURNAL, 5), (DataClass.NOTES, 0)):
        with pytest.raises(KnownError) as info:
            lifecycle.set_retention_period(vault, data_class, months)
        assert info.value.code == "retention_out_of_bounds"
        assert f"{RULES[data_class].minimum} et {RULES[data_class].maximum} mois" in str(
            info.value)
    lifecycle.set_retention_period(vault, "identified_file", 18)
    assert lifecycle.retention_periods(vault)[DataClass.IDENTIFIED_FILE] == 18
    event = lifecycle.journal_events(vault, action="retention.settings")[0]
    assert event.details == {"data_class": "identified_file", "months": 18}


def test_cutoff_is_exactly_the_boundary_of_is_due():
    day = dt.date(2026, 1, 1)
    today = dt.date(2028, 3, 31)
    for months in (1, 12, 24):
        edge = cutoff(today, months)
        assert is_due(edge - dt.timedelta(days=1), months, today)
        assert not is_due(edge, months, today)
    while day < dt.date(2027, 3, 1):  # month ends and leap years included
        for months in (1, 12, 24):
            edge = cutoff(day, months)
            assert due_on(edge - dt.timedelta(days=1), months) <= day < due_on(edge, months)
        day += dt.timedelta(days=1)


def test_review_lists_code_last_contact_and_due_date(vault, logbook):
    due = lifecycle.due_for_retention(vault, FROZEN)
    files = {i.ref: i for i in due if i.data_class == DataClass.IDENTIFIED_FILE}
    assert set(files) == {logbook["old"].code, logbook["never_seen"].code}
    old = files[logbook["old"].code]
    assert (old.reference_date, old.due_on) == (dt.date(2026, 12, 1), dt.date(2028, 12, 1))
    assert files[logbook["never_seen"].code].due_on == dt.date(2028, 11, 28)
    notes = {i.ref: i.rows for i in due if i.data_class == DataClass.NOTES}
    assert notes == {logbook["old"].code: 2, logbook["recent"].code: 1, lifecycle.NO_FILE: 1}
    assert [i.data_class for i in due][-1] == DataClass.JOURNAL
    for item in due:  # the review screen shows codes, never names
        assert "Ancien" not in repr(item)
        assert "RETENTION" not in repr(item)


def test_with_a_frozen_clock_no_identified_file_older_than_the_period_remains(vault, logbook):
    due = lifecycle.due_for_retention(vault, FROZEN)
    outcome = lifecycle.apply_retention(vault, due, FROZEN)
    assert outcome.skipped == []
    # the old file's notes went with the file itself: one line less applied
    assert len(outcome.applied) == len(due) - 1

    limit = cutoff(FROZEN, 24)
    with vault.reading() as s:
        for b in s.exec(select(Beneficiary)).all():
            start = b.last_contact or b.created_at.date()
            identified = any(getattr(b, c) is not None for c in (
                "first_name", "last_name", "phone", "email", "birth_year", "notes",
                "legal_basis"))
            assert not (identified and start < limit), b.code
        notes = {a.notes for a in s.exec(select(Activity)).all()} - {None}
        register = s.exec(select(PurgeRecord).order_by(PurgeRecord.id)).all()
    assert notes == {"anonyme récente"}
    assert beneficiaries.get_beneficiary(vault, logbook["recent"].id).first_name == "Recent"
    assert beneficiaries.get_beneficiary(vault, logbook["old"].id).anonymised

    files = [(r.ref, r.reason, r.reference_date) for r in register
             if r.data_class == "identified_file"]
    assert sorted(files) == sorted([
        (logbook["old"].code, "retention", dt.date(2026, 12, 1)),
        (logbook["never_seen"].code, "retention", dt.date(2026, 11, 28)),
    ])
    assert {r.ref for r in register if r.data_class == "notes"} == {
        logbook["recent"].code, lifecycle.NO_FILE}  # the old file's notes went with it
    for r in register:
        assert r.ref.startswith("B-") or r.ref in (lifecycle.NO_FILE, "journal")
        assert not any(n in repr(r) for n in ("Ancien", "Recent", "Jamais", "RETENTION"))
    assert lifecycle.due_for_retention(vault, FROZEN) == []
    assert vaults.check(vault).sound


def test_only_selected_items_that_are_due_are_purged(vault, logbook):
    outcome = lifecycle.apply_retention(
        vault, [logbook["recent"].code, logbook["old"].code], FROZEN)
    assert [i.ref for i in outcome.applied] == [logbook["old"].code]
    assert outcome.skipped == [logbook["recent"].code]  # not due: never purged
    assert not beneficiaries.get_beneficiary(vault, logbook["never_seen"].id).anonymised
    assert beneficiaries.get_beneficiary(vault, logbook["recent"].id).first_name == "Recent"
    event = lifecycle.journal_events(vault, action="retention.anonymise")[0]
    assert event.ref == logbook["old"].code
    assert "first_name" in event.details["fields"]


def test_anonymising_by_retention_removes_canaries_of_the_file(vault):
    person = canary_beneficiary(vault)
    consents.give_consent(vault, person.id, "ConservationNotes")
    activities.log_activity(vault, an_activity(beneficiary_id=person.id,
                                               notes="CANARYNOTE rendez-vous"), today=FROZEN)
    lifecycle.apply_retention(vault, lifecycle.due_for_retention(vault, FROZEN), FROZEN)
    from accomp.services import rights

    dumped = repr(rights.access_record(vault, person.id))
    for needle in CANARY_NEEDLES:
        assert needle not in dumped


def test_a_shorter_period_brings_files_due_sooner(vault, logbook):
    lifecycle.set_retention_period(vault, DataClass.IDENTIFIED_FILE, 3)
    due = {i.ref for i in lifecycle.due_for_retention(vault, dt.date(2027, 9, 2))
           if i.data_class == DataClass.IDENTIFIED_FILE}
    assert due == {logbook["old"].code, logbook["recent"].code, logbook["never_seen"].code}


def test_export_records_outlive_the_journal_then_go_in_their_turn(make_vault):
    vault = make_vault(now=dt.datetime(2026, 12, 1, tzinfo=dt.UTC))
    with vault.transaction() as s:
        audit.append(s, actor="t", action="export.summary", entity="export",
                     details={"sha256": "ab" * 32}, at=dt.datetime(2027, 1, 5, tzinfo=dt.UTC))
        audit.append(s, actor="t", action="beneficiary.update", entity="beneficiary",
                     ref="B-XXXX", at=dt.datetime(2027, 1, 6, tzinfo=dt.UTC))
    today = dt.date(2028, 3, 1)
    assert lifecycle.prune_journal(vault, today) == 3  # creation, export, update
    due = lifecycle.due_for_retention(vault, today)
    assert [i.data_class for i in due] == []
    later = dt.date(2029, 2, 1)
    exports = [i for i in lifecycle.due_for_retention(vault, later)
               if i.data_class == DataClass.EXPORT_RECORDS]
    assert exports[0].rows == 1
    assert exports[0].reference_date == dt.date(2027, 1, 5)
    lifecycle.apply_retention(vault, exports, later)
    assert not any(i.data_class == DataClass.EXPORT_RECORDS
                   for i in lifecycle.due_for_retention(vault, later))
    assert [r.data_class for r in lifecycle.purge_register(vault)] == [
        "journal", "export_records"]
