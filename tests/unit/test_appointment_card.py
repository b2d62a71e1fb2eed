"""The appointment card for the person, as a PDF read back with pdftotext: the day,
the time, the place and what to bring, in French and in English."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import stat
import subprocess
import unicodedata
from typing import Any

import pytest
from conftest import CANARY, canary_beneficiary

from accomp.domain.consent import Purpose
from accomp.reports.appointment_card import duration_words, time_words
from accomp.services import appointment_documents, appointments, consents

TODAY = dt.date(2026, 12, 3)
NOW = dt.datetime(2026, 12, 3, 10, 0, tzinfo=dt.UTC)

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="poppler-utils (pdftotext) is not installed")


@pytest.fixture
def planned(vault: Any) -> Any:
    b = canary_beneficiary(vault)
    consents.give_consent(vault, b.id, Purpose.FOLLOW_UP_CONTACT,
                          at=dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC))
    return appointments.plan_appointment(
        vault, b.id, {"date": "2026-12-10", "start_time": "14:30", "duration_min": 45,
                      "place_type": "LieuActivite",
                      "items": ["Attestation", "Identifiants", "TelephoneCharge"]},
        today=TODAY, now=NOW)


def pdf_text(path: Any) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                         check=True, text=True)
    # NFKC: the PDF's ligatures ("ﬁ", "ﬃ") read back as letters.
    return " ".join(unicodedata.normalize("NFKC", out.stdout).split())


def test_the_card_says_when_where_and_what_to_bring_in_french(vault, planned,
                                                             tmp_path) -> None:
    doc = appointment_documents.card(vault, planned.id, "fr", today=TODAY, now=NOW)
    target = appointment_documents.save_card_pdf(vault, doc, tmp_path / "carte.pdf")
    text = pdf_text(target)
    assert "Votre prochain rendez-vous" in text
    assert "jeudi 10 décembre 2026" in text
    assert "14 h 30" in text
    assert "Dans nos locaux" in text
    assert "45 minutes" in text
    for item in ("Attestation ou courrier reçu", "Identifiants et mots de passe",
                 "Téléphone chargé"):
        assert item in text
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600


def test_the_card_in_english(vault, planned, tmp_path) -> None:
    doc = appointment_documents.card(vault, planned.id, "en", today=TODAY, now=NOW)
    text = pdf_text(appointment_documents.save_card_pdf(vault, doc, tmp_path / "card.pdf"))
    assert "Your next appointment" in text
    assert "Thursday 10 December 2026" in text
    assert "2:30 pm" in text
    assert "At our office" in text
    assert "Charged phone" in text


def test_the_card_names_the_person_only_while_the_file_keeps_an_identity(vault,
                                                                        planned) -> None:
    doc = appointment_documents.card(vault, planned.id, "fr", today=TODAY, now=NOW)
    assert CANARY["last_name"] in doc.html  # a paper handed to the person
    assert doc.code is not None
    assert doc.code in doc.html


def test_times_and_durations_read_as_people_say_them() -> None:
    assert time_words(dt.time(9, 0), "fr") == "9 h"
    assert time_words(dt.time(12, 5), "en") == "12:05 pm"
    assert duration_words(90, "fr") == "1 heure 30"
    assert duration_words(120, "en") == "2 hours"
    assert duration_words(75, "en") == "1 hour 15 minutes"


def test_a_card_with_nothing_to_bring_says_so() -> None:
    from accomp.reports import documents
    from accomp.reports.appointment_card import Card, appointment_card

    page = appointment_card(Card(documents.Person("B-7F3K", None),
                                 dt.datetime(2026, 12, 10, 9, 0), 30, "ADistance", ()), "fr")
    assert "Rien de particulier." in page
    assert "nous vous appelons" in page
