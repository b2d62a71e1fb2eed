"""The printable skills passport: what the person can do now, what they practised,
what is next, in French and English; printed only when the person asked, with the
file's code and never the name; its data in no export; journaled without content."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from accomp.domain.errors import KnownError
from accomp.services import activities, beneficiaries, exports, passport, reports, skills
from accomp.store.tables import AuditEvent

TODAY = dt.date(2026, 11, 20)
CANARY = "Zébulonne-Canari"
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="poppler-utils is not installed")


@pytest.fixture(autouse=True)
def _qt_application(qapp: Any) -> None:
    """pytest-qt's QApplication, made before the PDF writer would start a bare one."""


def text_of(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True,
                         text=True)
    # table cells wrap onto several lines; "fi" may come out as a ligature
    return " ".join(unicodedata.normalize("NFKC", out.stdout).split())


@pytest.fixture
def person(vault: Any) -> int:
    bid = beneficiaries.create_beneficiary(vault, {
        "first_name": CANARY, "last_name": "Dupont", "legal_basis": "MissionInteretPublic",
        "informed_on": "2026-01-05"}, today=TODAY).id
    for day, typed in (("2026-09-01", "1.1:2 4.2:1"), ("2026-11-03", "1.1:3 2.1:2")):
        aid = activities.log_activity(vault, {
            "date": day, "duration_min": 45, "place_type": "LieuActivite",
            "themes": ["Email"], "beneficiary_id": bid, "autonomy": "PartiellementAutonome",
        }, today=TODAY).id
        skills.note_competences(vault, aid, skills.parse(typed))
    return bid


@needs_poppler
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_passport_says_what_the_person_can_do_and_what_is_next(
        vault: Any, person: int, tmp_path: Path, lang: str) -> None:
    out = passport.save_passport(vault, person, tmp_path / "passeport.pdf", today=TODAY,
                                 person_asked=True, lang=lang)
    assert out.stat().st_mode & 0o777 == 0o600
    text = text_of(out)
    code = beneficiaries.get_beneficiary(vault, person).code
    assert code in text
    assert CANARY not in text  # the name is written by hand, never printed
    if lang == "fr":
        for words in ("Mon passeport numérique", "Ce que je sais faire maintenant",
                      "1.1 Naviguer, chercher et filtrer des informations",
                      "3 — Seul(e) pour les tâches",
                      "4.2 Protéger ses données personnelles et sa vie privée",
                      "Ce que j'ai pratiqué", "1er septembre 2026", "La suite",
                      "Mener une recherche", "2.1 Interagir"):
            assert words in text, words
    else:
        for words in ("My digital passport", "What I can do now",
                      "1.1 Browsing, searching and filtering data",
                      "2.1 Interacting through digital technologies", "What is next",
                      "Protecting personal data and privacy"):
            assert words in text, words


def test_printing_needs_the_persons_request_and_is_journaled_without_content(
        vault: Any, person: int, tmp_path: Path) -> None:
    with pytest.raises(KnownError) as err:
        passport.save_passport(vault, person, tmp_path / "p.pdf", today=TODAY,
                               person_asked=False)
    assert err.value.code == "passport_needs_request"
    assert not (tmp_path / "p.pdf").exists()
    with pytest.raises(KnownError) as err:  # never inside the vault's folder
        passport.save_passport(vault, person, vault.paths.data_dir / "p.pdf", today=TODAY,
                               person_asked=True)
    passport.save_passport(vault, person, tmp_path / "p.pdf", today=TODAY, person_asked=True)
    with vault.reading() as s:
        saved = [e for e in s.exec(select(AuditEvent)) if e.action == "document.save"]
    assert len(saved) == 1
    assert saved[0].details == {"kind": "skills_passport"}
    assert CANARY not in str(saved[0].details)


def test_passport_data_is_in_no_export(vault: Any, person: int, tmp_path: Path) -> None:
    start, end = dt.date(2026, 1, 1), TODAY
    rows = exports.anonymised_activities(vault, start, end, k=3)
    columns = " ".join(rows.table.column_names).lower()
    assert "competen" not in columns
    assert "digcomp" not in columns
    out = tmp_path / "summary.json"
    reports.export_summary(vault, start, end, "json", out, k=5)
    text = out.read_text("utf-8")
    assert "Naviguer" not in text
    assert "1.1" not in text.replace('"1.1', "")  # no competence key as a category


@needs_poppler
def test_a_page_of_the_passport_is_kept_as_an_image_for_the_docs(
        vault: Any, person: int, tmp_path: Path) -> None:
    """Rendered with pdftoppm (set ACCOMP_DOCS_PNG to a path to refresh docs/)."""
    pdf = passport.save_passport(vault, person, tmp_path / "p.pdf", today=TODAY,
                                 person_asked=True)
    prefix = tmp_path / "page"
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf),
                    str(prefix)], check=True)
    pages = sorted(tmp_path.glob("page*.png"))
    assert pages
    assert pages[0].stat().st_size > 5000
    target = os.environ.get("ACCOMP_DOCS_PNG")
    if target:
        shutil.copyfile(pages[0], target)
