"""Merging two files of one person: everything moves to the kept file, the absorbed
code still resolves (paper receipts included), the stricter consent wins and the
worker is told, one journal entry, and the last merge undoes exactly."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import pytest
from conftest import CANARY, CANARY_NEEDLES, an_activity, canary_beneficiary
from sqlalchemy import text

from accomp.domain.consent import Action, ConsentStatus, Purpose
from accomp.domain.errors import KnownError
from accomp.domain.merge import Notice, Side
from accomp.services import (
    activities,
    beneficiaries,
    consents,
    drafts,
    duplicates,
    mandates,
    merge,
    rights,
    skills,
    tags,
)
from accomp.store import lifecycle as lifecycle_store

TODAY = dt.date(2026, 11, 28)
NOW = dt.datetime(2026, 11, 28, 15, 0, tzinfo=dt.UTC)
EARLIER = dt.datetime(2026, 11, 2, 10, 0, tzinfo=dt.UTC)
TABLES = ("beneficiary", "activity", "activity_participant", "consent", "consent_event",
          "mandate", "mandate_scope", "rectification", "draft", "beneficiary_alias",
          "merge_undo", "beneficiary_tag", "competence_observation")


def _second_file(vault: Any, **extra: Any) -> Any:
    """The same person typed again: maiden name, another phone."""
    data = {"first_name": "Zephyrine", "last_name": "CANARYNAME-ANCIEN",
            "phone": "07 11 22 33 44", "birth_year": 1961,
            "legal_basis": "MissionInteretPublic", "informed_on": "2026-09-15",
            "gender": "Feminin", **extra}
    return beneficiaries.create_beneficiary(vault, data, today=TODAY)


@pytest.fixture
def pair(vault: Any) -> tuple[Any, Any]:
    kept = canary_beneficiary(vault)
    absorbed = _second_file(vault)
    other = beneficiaries.create_beneficiary(vault, {"gender": "Masculin"}, today=TODAY)
    for bid in (kept.id, absorbed.id):
        activities.log_activity(vault, an_activity(beneficiary_id=bid), today=TODAY, at=EARLIER)
    late = activities.log_activity(vault, an_activity(beneficiary_id=absorbed.id,
                                                      date="2026-11-25"),
                                   today=TODAY, at=EARLIER)
    skills.note_competences(vault, late.id, [("1.1", 3), ("4.2", 2)], now=EARLIER)
    # a tag both files carry, and one only the absorbed file does
    both = tags.create_tag(vault, "France Services", now=EARLIER)
    only = tags.create_tag(vault, "Quartier prioritaire", now=EARLIER)
    tags.set_file_tags(vault, kept.id, [both.id], now=EARLIER)
    tags.set_file_tags(vault, absorbed.id, [both.id, only.id], now=EARLIER)
    # a workshop both files took part in, and one only the absorbed file did
    workshop = {"kind": "Collectif", "workshop_title": "Atelier e-mail", "level": "Debutant",
                "autonomy": None, "admin_themes": [], "themes": ["Email"]}
    activities.log_activity(vault, an_activity(**workshop, participant_ids=[
        kept.id, absorbed.id, other.id]), today=TODAY, at=EARLIER)
    activities.log_activity(vault, an_activity(**workshop, participant_ids=[absorbed.id]),
                            today=TODAY, at=EARLIER)
    consents.give_consent(vault, kept.id, Purpose.NOTES, at=EARLIER)
    consents.give_consent(vault, absorbed.id, Purpose.NOTES, at=EARLIER)
    consents.withdraw_consent(vault, absorbed.id, Purpose.NOTES,
                              at=EARLIER + dt.timedelta(days=3))
    consents.give_consent(vault, absorbed.id, Purpose.FOLLOW_UP_CONTACT, at=EARLIER)
    mandates.create_mandate(vault, absorbed.id, ["logement"], "6m", starts_on=EARLIER.date(),
                            at=EARLIER)
    rights.rectify(vault, absorbed.id, {"phone": "07 11 22 33 45"}, today=TODAY,
                   now=EARLIER + dt.timedelta(days=1))
    drafts.save_draft(vault, "beneficiary", {"notes": "brouillon"}, beneficiary_id=absorbed.id,
                      now=EARLIER)
    return kept, absorbed


def _dump(vault: Any) -> dict[str, list[tuple[Any, ...]]]:
    with vault.reading() as s:
        return {t: [tuple(r) for r in s.connection().execute(
            text(f"SELECT * FROM {t} ORDER BY 1, 2"))] for t in TABLES}


def _count(vault: Any, sql: str, **params: Any) -> int:
    with vault.reading() as s:
        return int(s.connection().execute(text(sql), params).scalar_one())


def _owned(vault: Any, bid: int) -> dict[str, int]:
    return {
        "activity": _count(vault, "SELECT count(*) FROM activity WHERE beneficiary_id=:b", b=bid),
        "workshop": _count(vault, "SELECT count(*) FROM activity_participant "
                                  "WHERE beneficiary_id=:b", b=bid),
        "mandate": _count(vault, "SELECT count(*) FROM mandate WHERE beneficiary_id=:b", b=bid),
        "rectification": _count(vault, "SELECT count(*) FROM rectification "
                                       "WHERE beneficiary_id=:b", b=bid),
        "draft": _count(vault, "SELECT count(*) FROM draft WHERE beneficiary_id=:b", b=bid),
        "consent": _count(vault, "SELECT count(*) FROM consent WHERE beneficiary_id=:b", b=bid),
        "tag": _count(vault, "SELECT count(*) FROM beneficiary_tag WHERE beneficiary_id=:b",
                      b=bid),
        "competence": _count(vault, "SELECT count(*) FROM competence_observation "
                                    "WHERE beneficiary_id=:b", b=bid),
    }


def test_merge_moves_every_row_the_absorbed_file_owns(vault: Any, pair: Any) -> None:
    kept, absorbed = pair
    before_k, before_a = _owned(vault, kept.id), _owned(vault, absorbed.id)
    assert before_a == {"activity": 2, "workshop": 2, "mandate": 1, "rectification": 1,
                        "draft": 1, "consent": 3, "tag": 2, "competence": 2}
    events_before = _dump(vault)["consent_event"]
    result = merge.merge(vault, kept.id, absorbed.id, now=NOW)
    after_k, after_a = _owned(vault, kept.id), _owned(vault, absorbed.id)
    assert after_k["activity"] == before_k["activity"] + 2
    # the shared workshop counts the person once
    assert after_k["workshop"] == before_k["workshop"] + 1
    assert after_k["mandate"] == 1
    assert after_k["rectification"] == 1
    assert after_k["draft"] == 1
    assert after_k["competence"] == 2  # the skills passport follows its sessions
    assert after_k["tag"] == 2  # the tag both carried stays once
    # notes (stricter there), contact (only there) and mandate consents go live
    assert after_k["consent"] == before_k["consent"] + 2
    # left on the absorbed file: the kept file's former notes history
    assert after_a == {"activity": 0, "workshop": 0, "mandate": 0, "rectification": 0,
                       "draft": 0, "consent": 1, "tag": 0, "competence": 0}
    assert _dump(vault)["consent_event"] == events_before  # append-only proof, untouched
    assert result.counts == merge.Counts(activities=2, workshops=2, consents=3, mandates=1)
    shared = _count(vault, "SELECT participants FROM activity WHERE workshop_title IS NOT NULL "
                           "ORDER BY id LIMIT 1")
    assert shared == 2
    merged = beneficiaries.get_beneficiary(vault, kept.id)
    assert merged.phone == CANARY["phone"]
    assert beneficiaries.get_beneficiary(vault, absorbed.id).anonymised
    assert _count(vault, "SELECT last_contact = '2026-11-25' FROM beneficiary WHERE id=:b",
                  b=kept.id) == 1


def test_the_worker_picks_each_field(vault: Any, pair: Any) -> None:
    kept, absorbed = pair
    merge.merge(vault, kept.id, absorbed.id, {"last_name": Side.ABSORBED, "phone": "absorbed"},
                now=NOW)
    merged = beneficiaries.get_beneficiary(vault, kept.id)
    assert merged.last_name == "CANARYNAME-ANCIEN"
    assert merged.phone == "07 11 22 33 45"
    assert merged.first_name == CANARY["first_name"]
    found = beneficiaries.search_beneficiaries(vault, "ANCIEN")
    assert [b.id for b in found] == [kept.id]


def test_the_absorbed_code_resolves_to_the_kept_file(vault: Any, pair: Any) -> None:
    kept, absorbed = pair
    merge.merge(vault, kept.id, absorbed.id, now=NOW)
    assert merge.resolve_code(vault, absorbed.code) == kept.id
    assert merge.resolve_code(vault, absorbed.code.lower()) == kept.id
    assert merge.resolve_code(vault, kept.code) == kept.id
    assert merge.resolve_code(vault, "B-ZZZZ") is None
    with vault.reading() as s:
        found = lifecycle_store.find_file(s, absorbed.code)
        assert found is not None
        assert found.id == kept.id


def test_paper_receipts_printing_the_absorbed_code_still_verify(vault: Any, pair: Any) -> None:
    kept, absorbed = pair
    contact = consents.history(vault, absorbed.id)
    given = next(e for e in contact if e.purpose == Purpose.FOLLOW_UP_CONTACT)
    receipt_hash = consents.receipt(vault, given.id, at=NOW).record_hash
    kept_notes = next(e for e in consents.history(vault, kept.id))
    kept_hash = consents.receipt(vault, kept_notes.id, at=NOW).record_hash
    (mandate,) = mandates.list_mandates(vault, absorbed.id, at=NOW)
    attestation_hash = mandates.attestation(vault, mandate.id, at=NOW).record_hash
    merge.merge(vault, kept.id, absorbed.id, now=NOW)
    check = consents.find_record(vault, receipt_hash)
    assert check is not None
    assert (check.kind, check.code) == ("consent_event", absorbed.code)
    # the kept file's own receipt, whose history now sits with the absorbed shell
    check = consents.find_record(vault, kept_hash)
    assert check is not None
    assert check.code == kept.code
    check = consents.find_record(vault, attestation_hash)
    assert check is not None
    assert (check.kind, check.code) == ("mandate", absorbed.code)
    assert consents.find_record(vault, "0" * 64) is None


def test_the_stricter_consent_wins_and_the_worker_is_told(vault: Any, pair: Any) -> None:
    kept, absorbed = pair
    assert consents.decide(vault, kept.id, Action.KEEP_NOTES, at=NOW).allowed
    shown = merge.preview(vault, kept.id, absorbed.id, now=NOW)
    result = merge.merge(vault, kept.id, absorbed.id, now=NOW)
    assert result.notices == shown.notices
    told = {(n.purpose, n.notice) for n in result.notices}
    assert (Purpose.NOTES, Notice.ABSORBED_STRICTER) in told
    assert (Purpose.NOTES, Notice.PERMISSION_LOST) in told
    assert (Purpose.FOLLOW_UP_CONTACT, Notice.MOVED) in told
    notes = next(n for n in result.notices if n.notice == Notice.ABSORBED_STRICTER)
    assert notes.state == ConsentStatus.WITHDRAWN
    assert "retiré" in notes.text("fr")
    assert "withdrawn" in notes.text("en")
    assert not consents.decide(vault, kept.id, Action.KEEP_NOTES, at=NOW).allowed
    assert consents.decide(vault, kept.id, Action.SHOW_CONTACT, at=NOW).allowed
    assert mandates.check_scope(vault, kept.id, "logement", at=NOW).allowed


def test_undo_restores_every_affected_table_exactly(vault: Any, pair: Any) -> None:
    kept, absorbed = pair
    before = _dump(vault)
    merge.merge(vault, kept.id, absorbed.id, {"phone": "absorbed"}, now=NOW)
    assert _dump(vault) != before
    last = merge.last_merge(vault)
    assert last is not None
    assert (last.kept_code, last.absorbed_code) == (kept.code, absorbed.code)
    undone = merge.undo_last_merge(vault, now=NOW + dt.timedelta(minutes=5))
    assert undone.absorbed_code == absorbed.code
    assert _dump(vault) == before
    assert merge.last_merge(vault) is None
    assert merge.resolve_code(vault, absorbed.code) == absorbed.id


def test_only_the_last_merge_can_be_undone(vault: Any, pair: Any) -> None:
    kept, absorbed = pair
    third = _second_file(vault, phone="07 00 00 00 01")
    merge.merge(vault, kept.id, absorbed.id, now=NOW)
    merge.merge(vault, kept.id, third.id, now=NOW + dt.timedelta(minutes=1))
    merge.undo_last_merge(vault, now=NOW + dt.timedelta(minutes=2))
    with pytest.raises(KnownError) as err:
        merge.undo_last_merge(vault, now=NOW + dt.timedelta(minutes=3))
    assert err.value.code == "merge_nothing_to_undo"
    assert merge.resolve_code(vault, absorbed.code) == kept.id


def test_a_merged_file_merged_again_brings_its_aliases_along(vault: Any, pair: Any) -> None:
    kept, absorbed = pair
    third = _second_file(vault, phone="07 00 00 00 01")
    merge.merge(vault, kept.id, absorbed.id, now=NOW)
    merge.merge(vault, third.id, kept.id, now=NOW + dt.timedelta(minutes=1))
    assert merge.resolve_code(vault, absorbed.code) == third.id
    assert merge.resolve_code(vault, kept.code) == third.id
    merge.undo_last_merge(vault, now=NOW + dt.timedelta(minutes=2))
    assert merge.resolve_code(vault, absorbed.code) == kept.id


def test_undo_is_refused_once_the_file_changed(vault: Any, pair: Any) -> None:
    kept, absorbed = pair
    merge.merge(vault, kept.id, absorbed.id, now=NOW)
    consents.give_consent(vault, kept.id, Purpose.PARTNER_SHARING,
                          at=NOW + dt.timedelta(minutes=1))
    with pytest.raises(KnownError) as err:
        merge.undo_last_merge(vault, now=NOW + dt.timedelta(minutes=2))
    assert err.value.code == "merge_undo_changed"


def test_erasing_the_merged_file_forgets_what_undo_would_put_back(vault: Any,
                                                                   pair: Any) -> None:
    kept, absorbed = pair
    merge.merge(vault, kept.id, absorbed.id, now=NOW)
    rights.erase_beneficiary(vault, kept.id, now=NOW + dt.timedelta(minutes=1))
    assert _count(vault, "SELECT count(*) FROM merge_undo") == 0
    with pytest.raises(KnownError) as err:
        merge.undo_last_merge(vault, now=NOW + dt.timedelta(minutes=2))
    assert err.value.code == "merge_nothing_to_undo"


@pytest.mark.parametrize(("which", "code"), [
    ("same", "merge_same_file"), ("unknown", "not_found"), ("anonymised", "merge_anonymised"),
    ("shell", "merge_anonymised"), ("no_basis", "identity_needs_basis"),
])
def test_refusals(vault: Any, pair: Any, which: str, code: str) -> None:
    kept, absorbed = pair
    target = absorbed.id
    choices: dict[str, str] = {}
    if which == "same":
        target = kept.id
    elif which == "unknown":
        target = 9999
    elif which == "anonymised":
        rights.erase_beneficiary(vault, absorbed.id, now=NOW)
    elif which == "shell":
        third = _second_file(vault, phone="07 00 00 00 01")
        merge.merge(vault, third.id, absorbed.id, now=NOW)
    else:
        blank = beneficiaries.create_beneficiary(vault, {"gender": "Feminin"}, today=TODAY)
        target, choices = blank.id, {"legal_basis": "absorbed"}
    before = _dump(vault)
    with pytest.raises(KnownError) as err:
        merge.merge(vault, kept.id, target, choices, now=NOW + dt.timedelta(minutes=1))
    assert err.value.code == code
    assert _dump(vault) == before
    for needle in CANARY_NEEDLES:
        assert needle not in err.value.message("fr")
        assert needle not in str(err.value)


def test_no_name_reaches_the_journal_logs_or_errors(vault: Any, pair: Any,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    kept, absorbed = pair
    caplog.set_level(logging.DEBUG)
    with vault.reading() as s:
        first = s.connection().execute(text("SELECT max(id) FROM audit_event")).scalar_one()
    merge.merge(vault, kept.id, absorbed.id, {"last_name": "absorbed"}, now=NOW)
    merge.undo_last_merge(vault, now=NOW + dt.timedelta(minutes=1))
    with vault.reading() as s:
        rows = s.connection().execute(
            text("SELECT action, ref, details FROM audit_event WHERE id > :i ORDER BY id"),
            {"i": first}).all()
    assert [r[0] for r in rows] == ["beneficiary.merge", "beneficiary.merge_undo"]
    journal = repr(rows)
    for needle in (*CANARY_NEEDLES, "ANCIEN", "07 11"):
        assert needle not in journal
        assert needle not in caplog.text
    assert absorbed.code in journal
    with pytest.raises(KnownError) as err:
        merge.undo_last_merge(vault)
    for needle in CANARY_NEEDLES:
        assert needle not in repr(err.value.__dict__)


def test_searching_the_absorbed_code_finds_the_kept_file(vault: Any, pair: Any) -> None:
    kept, absorbed = pair
    merge.merge(vault, kept.id, absorbed.id, now=NOW)
    assert [b.id for b in beneficiaries.search_beneficiaries(vault, absorbed.code)] == [kept.id]
    found = beneficiaries.search_beneficiaries(vault, "B-")
    assert absorbed.id not in [b.id for b in found]
    assert [b.id for b in found].count(kept.id) == 1


def test_the_persons_access_copy_holds_both_consent_histories(vault: Any, pair: Any) -> None:
    kept, absorbed = pair
    merge.merge(vault, kept.id, absorbed.id, now=NOW)
    record = rights.access_record(vault, kept.id, now=NOW)
    notes = [c for c in record["consents"] if c["purpose"] == Purpose.NOTES]
    assert [c.get("merged_from") for c in notes] == [None, absorbed.code]
    assert [e["kind"] for e in notes[0]["events"]] == ["donne", "retire"]  # live: stricter
    assert [e["kind"] for e in notes[1]["events"]] == ["donne"]  # kept, under the alias


def test_a_search_finding_nothing_still_answers(vault: Any, pair: Any) -> None:
    assert beneficiaries.search_beneficiaries(vault, "personne introuvable") == []


def test_the_list_finds_the_kept_file_by_the_absorbed_code(vault: Any, pair: Any) -> None:
    kept, absorbed = pair
    merge.merge(vault, kept.id, absorbed.id, now=NOW)
    page = duplicates.list_beneficiaries(vault, absorbed.code)
    assert [line.id for line in page.lines] == [kept.id]
    assert page.total == 1
    page = duplicates.list_beneficiaries(vault, kept.code)
    assert [line.id for line in page.lines] == [kept.id]


def test_a_session_logged_after_the_merge_stays_with_the_kept_file_on_undo(
        vault: Any, pair: Any) -> None:
    kept, absorbed = pair
    merge.merge(vault, kept.id, absorbed.id, now=NOW)
    activities.log_activity(vault, an_activity(beneficiary_id=kept.id, date="2026-11-27"),
                            today=TODAY, at=NOW)
    merge.undo_last_merge(vault, now=NOW + dt.timedelta(minutes=1))
    assert _owned(vault, kept.id)["activity"] == 2
    assert _owned(vault, absorbed.id)["activity"] == 2
    assert _count(vault, "SELECT last_contact = '2026-11-27' FROM beneficiary WHERE id=:b",
                  b=kept.id) == 1
