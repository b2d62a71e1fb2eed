"""The processing register entry: what the data-protection officer needs for the
register and the impact assessment, from this vault's own figures, with no person
and no code in it."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

from conftest import CANARY_NEEDLES, an_activity, canary_beneficiary

from accomp.domain.retention import DataClass
from accomp.services import activities, beneficiaries, consents, lifecycle, register, rights

TODAY = dt.date(2026, 11, 28)


def _logbook(vault):
    person = canary_beneficiary(vault)
    second = beneficiaries.create_beneficiary(
        vault, {"first_name": "Paul", "legal_basis": "Consentement",
                "informed_on": "2026-11-02"}, today=TODAY)
    erased = beneficiaries.create_beneficiary(
        vault, {"last_name": "Effacé", "legal_basis": "MissionInteretPublic",
                "informed_on": "2026-11-02"}, today=TODAY)
    rights.erase_beneficiary(vault, erased.id)
    consents.give_consent(vault, person.id, "ConservationNotes")
    consents.give_consent(vault, second.id, "RecontactSuivi")
    activities.log_activity(vault, an_activity(beneficiary_id=person.id, notes="CANARYNOTE"))
    activities.log_activity(vault, an_activity(date="2026-11-21"))
    return person, second, erased


def test_register_states_bases_consents_periods_and_measures(vault):
    _logbook(vault)
    lifecycle.set_retention_period(vault, DataClass.IDENTIFIED_FILE, 18)
    md = register.processing_register(vault).markdown

    assert "| Mission d'intérêt public | 1 |" in md  # the erased file no longer counts
    assert "| Consentement | 1 |" in md
    assert "| Recontact pour le suivi | 1 |" in md
    assert "| Dossier identifié | 18 mois | après le dernier contact | 3 à 24 mois |" in md
    assert "| Journal des accès et modifications | 12 mois |" in md
    assert "3 dossiers dont 2 identifié(s) et 1 anonymisé(s)" in md
    assert "2 séances du 20 novembre 2026 au 21 novembre 2026, dont 1 avec des notes" in md
    for measure in ("SQLCipher 4", "Argon2id", "Verrouillage automatique", "secret statistique",
                    "point de contrôle signé", "Aucune connexion réseau", "AIPD"):
        assert measure in md, measure
    assert "1 opération à ce jour" in md  # the purge register


def test_register_names_no_person_and_no_code(vault):
    person, second, erased = _logbook(vault)
    document = register.processing_register(vault)
    for text in (document.markdown, document.html):
        for needle in (*CANARY_NEEDLES, "Paul", "Effacé", person.code, second.code, erased.code):
            assert needle not in text, needle


def test_register_files_are_written_and_journaled(vault, tmp_path):
    _logbook(vault)
    (tmp_path / "dpo").mkdir()
    files = register.write_processing_register(vault, tmp_path / "dpo")
    assert files.markdown.read_text("utf-8").startswith("# Registre des traitements")
    import pypdf

    pdf = pypdf.PdfReader(io.BytesIO(files.pdf.read_bytes()))
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    assert "Durées de conservation en vigueur" in text
    assert "Mission d'intérêt public" in text
    event = lifecycle.journal_events(vault, action="register.write")[0]
    assert event.details["markdown_sha256"] == hashlib.sha256(
        files.markdown.read_bytes()).hexdigest()
