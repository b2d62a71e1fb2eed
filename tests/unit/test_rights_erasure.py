"""Right to erasure: the file is anonymised. No trace of the person is left in the
database file, free pages included (every page is decrypted here, not just the rows
SQL can see), and every statistic stays exactly what it was."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import CANARY, CANARY_NEEDLES, an_activity, canary_beneficiary
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from sqlalchemy import text

from accomp.domain.errors import KnownError
from accomp.services import activities, beneficiaries, consents, lifecycle, mandates, rights

TODAY = dt.date(2026, 11, 28)
PAGE, RESERVE = 4096, 80  # SQLCipher 4 defaults: 16-byte IV + 64-byte HMAC per page
NEW_PHONE = "06 55 44 33 22"
LONG_NOTE = "CANARYNOTE suivi du dossier logement " * 200  # spills into overflow pages


def _decrypt(data: bytes, key: bytes, first_page: int = 1) -> bytes:
    """Decrypt raw SQLCipher pages (AES-256-CBC, IV at the start of the reserve)."""
    out = bytearray()
    for n in range(len(data) // PAGE):
        page = data[n * PAGE:(n + 1) * PAGE]
        start = 16 if n + first_page == 1 else 0  # page 1 begins with the salt
        iv = page[PAGE - RESERVE:PAGE - RESERVE + 16]
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        out += decryptor.update(page[start:PAGE - RESERVE]) + decryptor.finalize()
    return bytes(out)


def _plaintext_on_disk(vault) -> bytes:
    """Every page of vault.db and of its write-ahead log, decrypted."""
    key = bytes.fromhex(vault._hex_key)
    db: Path = vault.paths.db
    plain = _decrypt(db.read_bytes(), key)
    assert plain[:2] == PAGE.to_bytes(2, "big"), "page 1 must decrypt to a SQLite header"
    wal = db.with_name(db.name + "-wal")
    if wal.exists():
        data = wal.read_bytes()[32:]
        for i in range(len(data) // (24 + PAGE)):
            frame = data[i * (24 + PAGE):(i + 1) * (24 + PAGE)]
            plain += _decrypt(frame[24:], key, first_page=int.from_bytes(frame[:4], "big"))
    return plain


def _needles() -> list[bytes]:
    return [n.encode("utf-8") for n in (*CANARY_NEEDLES, NEW_PHONE, "0655443322")]


def _totals(vault) -> dict[str, list[tuple]]:
    queries = {
        "per_month": "SELECT strftime('%Y-%m', date), count(*), sum(duration_min), "
                     "sum(participants) FROM activity GROUP BY 1 ORDER BY 1",
        "per_theme": "SELECT j.value, count(*) FROM activity, json_each(activity.themes) j "
                     "GROUP BY 1 ORDER BY 1",
        "per_kind": "SELECT kind, autonomy, count(*) FROM activity GROUP BY 1, 2 ORDER BY 1, 2",
        "people": "SELECT gender, age_band, social_status, commune_insee, count(*) "
                  "FROM beneficiary GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4",
        "workshops": "SELECT activity_id, count(*) FROM activity_participant GROUP BY 1",
        "first_visits": "SELECT beneficiary_id, min(date) FROM activity "
                        "WHERE beneficiary_id IS NOT NULL GROUP BY 1 ORDER BY 1",
    }
    with vault.reading() as s:
        return {k: [tuple(r) for r in s.exec(text(q)).all()] for k, q in queries.items()}


@pytest.fixture
def person_with_history(vault):
    person = canary_beneficiary(vault)
    consents.give_consent(vault, person.id, "ConservationNotes")
    mandates.create_mandate(vault, person.id, ["logement"], "6m")
    other = beneficiaries.create_beneficiary(vault, {"gender": "Masculin"}, today=TODAY)
    activities.log_activity(vault, an_activity(beneficiary_id=person.id, notes=LONG_NOTE,
                                               procedure_details="CANARYNAME dossier APL"),
                            today=TODAY)
    activities.log_activity(vault, an_activity(beneficiary_id=person.id, date="2026-10-02",
                                               notes="CANARYNOTE rendez-vous CAF"), today=TODAY)
    activities.log_activity(vault, an_activity(notes="autre suivi"), today=TODAY)  # anonymous
    activities.log_activity(vault, {
        "kind": "Collectif", "date": "2026-11-21", "duration_min": 90,
        "place_type": "LieuActivite", "themes": ["Email"], "workshop_title": "Atelier mails",
        "participant_ids": [person.id, other.id], "anonymous": {"total": 3},
    }, today=TODAY)
    rights.rectify(vault, person.id, {"phone": NEW_PHONE}, today=TODAY)
    return person, other


def test_erasure_leaves_no_canary_anywhere_in_the_decrypted_file_and_keeps_every_total(
    vault, person_with_history
):
    person, _other = person_with_history
    before = _totals(vault)
    plain = _plaintext_on_disk(vault)
    # the check can see them: name, old phone (kept by the rectification), long notes
    for seen in (b"CANARYNAME", b"06 99 88 77 66", b"0655443322", b"suivi du dossier logement"):
        assert seen in plain, seen

    rights.erase_beneficiary(vault, person.id)

    plain = _plaintext_on_disk(vault)
    for needle in _needles():
        assert needle not in plain, needle
    wal = vault.paths.db.with_name("vault.db-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    with vault.reading() as s:
        assert s.exec(text("PRAGMA freelist_count")).one()[0] > 0  # free pages were checked
    assert _totals(vault) == before

    after = beneficiaries.get_beneficiary(vault, person.id)
    assert after.anonymised
    assert after.code == person.code
    assert (after.first_name, after.last_name, after.phone, after.email, after.notes) == (
        None, None, None, None, None)
    assert (after.gender, after.age_band) == ("Feminin", "SoixanteSoixanteNeuf")
    assert beneficiaries.search_beneficiaries(vault, "canaryname") == []
    assert activities.get_activity(vault, 3).notes == "autre suivi"  # not theirs: kept


def test_erasure_is_journaled_without_values_and_registered_by_code(vault, person_with_history):
    person, _ = person_with_history
    done = rights.erase_beneficiary(vault, person.id)
    assert done.activity_notes == 2
    assert done.mandates == 1
    assert done.rectifications == 1
    event = lifecycle.journal_events(vault, action="rights.erase")[0]
    assert event.ref == person.code
    assert event.details["fields"] == ["first_name", "last_name", "phone", "email",
                                       "birth_year", "notes", "legal_basis", "informed_on"]
    entry = lifecycle.purge_register(vault)[-1]
    assert (entry.ref, entry.reason, entry.data_class) == (person.code, "erasure",
                                                           "identified_file")
    record = rights.access_record(vault, person.id)
    assert record["mandates"] == []
    assert record["rectifications"] == []
    assert all(not a.get("notes") for a in record["activities"])
    from accomp.services import vaults

    assert vaults.check(vault).sound


def test_the_confirmation_says_what_goes_and_what_stays(vault, person_with_history):
    person, _ = person_with_history
    preview = rights.erasure_preview(vault, person.id)
    assert preview.activity_notes == 2
    assert preview.mandates == 1
    assert preview.sessions_kept == 3
    text_fr = preview.text("fr")
    assert "Prénom" in text_fr
    assert "Téléphone" in text_fr
    assert "3 séance(s)" in text_fr
    assert "sauvegardes" in text_fr
    assert CANARY["last_name"] not in text_fr
    assert "Erase file" in preview.text("en")


def test_a_file_cannot_be_erased_twice_nor_rectified_after(vault, person_with_history):
    person, _ = person_with_history
    rights.erase_beneficiary(vault, person.id)
    for call in (lambda: rights.erase_beneficiary(vault, person.id),
                 lambda: rights.erasure_preview(vault, person.id),
                 lambda: rights.rectify(vault, person.id, {"first_name": "X"}, today=TODAY)):
        with pytest.raises(KnownError) as info:
            call()
        assert info.value.code == "already_anonymised"
    with pytest.raises(KnownError) as info:
        rights.erase_beneficiary(vault, 999)
    assert info.value.code == "not_found"
