"""Right of access and rectification: the person gets everything kept about them,
and nothing about anybody else; a correction keeps the old value in the file's
history, never in the journal."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import stat

import pytest
from conftest import CANARY, an_activity, canary_beneficiary

from accomp.domain.errors import KnownError
from accomp.services import activities, beneficiaries, consents, lifecycle, mandates, rights

TODAY = dt.date(2026, 11, 28)

OTHER = {
    "first_name": "Ottoline", "last_name": "OTHERSURNAME", "phone": "07 11 22 33 44",
    "email": "ottoline.other@example.net", "notes": "OTHERNOTE visite CPAM",
}
OTHER_NEEDLES = ("Ottoline", "OTHERSURNAME", "0711223344", "07 11 22 33 44",
                 "ottoline.other", "OTHERNOTE", "OTHERSESSION")


def _other(vault):
    return beneficiaries.create_beneficiary(
        vault, {**OTHER, "legal_basis": "MissionInteretPublic", "informed_on": "2026-09-01",
                "birth_year": 1990},
        today=TODAY,
    )


def _consents_and_mandate(vault, beneficiary_id: int) -> None:
    consents.give_consent(vault, beneficiary_id, "ConservationNotes")
    consents.give_consent(vault, beneficiary_id, "RecontactSuivi", method="papier_signe")
    mandates.create_mandate(vault, beneficiary_id, ["logement"], "6m")


@pytest.fixture
def two_people(vault):
    person = canary_beneficiary(vault)
    other = _other(vault)
    _consents_and_mandate(vault, person.id)
    consents.give_consent(vault, other.id, "ConservationNotes")
    activities.log_activity(vault, an_activity(beneficiary_id=person.id,
                                               notes="CANARYNOTE rendez-vous CAF"), today=TODAY)
    activities.log_activity(vault, an_activity(beneficiary_id=other.id,
                                               notes="OTHERSESSION impôts"), today=TODAY)
    activities.log_activity(vault, {
        "kind": "Collectif", "date": "2026-11-21", "duration_min": 90,
        "place_type": "LieuActivite", "themes": ["Email"], "workshop_title": "Atelier mails",
        "level": "Debutant", "participant_ids": [person.id, other.id],
        "notes": "OTHERSESSION remarque sur le groupe",
        "anonymous": {"total": 2},
    }, today=TODAY)
    return person, other


def _pdf_text(path) -> str:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_access_export_holds_every_canary_of_the_person_and_nothing_of_another(
    vault, two_people, tmp_path
):
    person, other = two_people
    (tmp_path / "remise").mkdir()
    result = rights.access_export(vault, person.id, tmp_path / "remise")

    raw = result.json_path.read_text("utf-8")
    record = json.loads(raw)
    for value in (*CANARY.values(), "CANARYNOTE rendez-vous CAF", person.code):
        assert value in raw
    assert record["identity"]["first_name"] == CANARY["first_name"]
    assert record["statistics"]["commune"]["name"] == "Canaryville-sur-Loire"
    purposes = {c["purpose"]: c["events"] for c in record["consents"]}
    assert purposes["RecontactSuivi"][0]["method"] == "papier_signe"
    assert set(purposes) == {"ConservationNotes", "RecontactSuivi", "Mandat"}
    assert record["mandates"][0]["scopes"] == [{"scope": "logement", "revoked_at": None}]
    kinds = sorted(a["kind"] for a in record["activities"])
    assert kinds == ["Collectif", "Individuel"]
    actions = [e["action"] for e in record["journal"]]
    assert actions[0] == "beneficiary.create"
    assert actions.count("activity.create") == 2
    assert "mandate.create" in actions

    text = _pdf_text(result.pdf_path)
    for value in ("Zéphyrine", "CANARYNAME", "06 99 88 77 66", "zephyrine.canary@example.org",
                  "CANARYNOTE dette loyer septembre", "CANARYNOTE rendez-vous CAF",
                  "Logement", "Atelier « Atelier mails »", person.code):
        assert value in text, value

    for needle in (*OTHER_NEEDLES, other.code):
        assert needle not in raw, needle
        assert needle not in text, needle


def test_access_export_is_private_and_journaled_with_the_files_hashes(
    vault, two_people, tmp_path
):
    person, _ = two_people
    result = rights.access_export(vault, person.id, tmp_path)
    assert result.json_path.parent == tmp_path.resolve()
    for path in (result.json_path, result.pdf_path):
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert result.pdf_path.read_bytes().startswith(b"%PDF")
    event = lifecycle.journal_events(vault, action="rights.access")[0]
    assert event.ref == person.code
    assert event.details == {
        "json_sha256": hashlib.sha256(result.json_path.read_bytes()).hexdigest(),
        "pdf_sha256": hashlib.sha256(result.pdf_path.read_bytes()).hexdigest(),
    }


def test_access_export_of_an_unknown_file_is_refused(vault):
    with pytest.raises(KnownError) as info:
        rights.access_export(vault, 999, vault.paths.data_dir.parent, pdf=False)
    assert info.value.code == "not_found"


def test_rectification_keeps_old_values_in_the_file_and_only_field_names_in_the_journal(
    vault, two_people
):
    person, _ = two_people
    out = rights.rectify(vault, person.id, {"phone": "06 10 20 30 40", "birth_year": 1962},
                         today=TODAY)
    assert out.phone == "06 10 20 30 40"
    assert out.age_band == "SoixanteSoixanteNeuf"

    record = rights.access_record(vault, person.id)
    assert record["rectifications"][0]["previous"] == {
        "birth_year": 1961, "phone": CANARY["phone"],
    }
    event = lifecycle.journal_events(vault, action="rights.rectify")[0]
    assert event.details == {"fields": ["birth_year", "phone"]}
    assert event.ref == person.code
    assert CANARY["phone"] not in json.dumps([e.details for e in lifecycle.journal_events(vault)])


def test_rectification_validates_like_a_form_and_changes_nothing_when_refused(
    vault, two_people
):
    person, _ = two_people
    with pytest.raises(KnownError) as info:
        rights.rectify(vault, person.id, {"email": "pas-une-adresse"}, today=TODAY)
    assert info.value.field == "email"
    assert rights.access_record(vault, person.id)["rectifications"] == []
    assert beneficiaries.get_beneficiary(vault, person.id).email == CANARY["email"]
