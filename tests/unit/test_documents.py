"""The documents the person takes home: each PDF says which information notice it
refers to (version and SHA-256) and carries a QR code that decodes to the record's
hash, which the vault recognises. Read back as a later reader would: text
extracted from the PDF, QR code decoded from the image inside it."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import zxingcpp
from conftest import CANARY, canary_beneficiary
from pypdf import PdfReader

from accomp.domain.consent import Purpose
from accomp.reports import documents
from accomp.services import consents, mandates

T0 = dt.datetime(2026, 11, 28, 10, 0, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)


@pytest.fixture(autouse=True)
def _qt_application(qapp: Any) -> None:
    """pytest-qt's QApplication, made before the PDF writer would start a bare
    QGuiApplication that later GUI tests could not use."""


def pdf_text(data: bytes) -> str:
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"\s+", " ", text)


def qr_codes(data: bytes) -> list[str]:
    """Decode every QR code drawn as an image in the PDF."""
    found: list[str] = []
    for page in PdfReader(io.BytesIO(data)).pages:
        for xobject in page["/Resources"].get("/XObject", {}).values():
            image = xobject.get_object()
            if image.get("/Subtype") != "/Image":
                continue
            assert image.get("/Filter") != "/DCTDecode", "QR code stored lossy"
            channels = {"/DeviceRGB": 3, "/DeviceGray": 1}[image["/ColorSpace"]]
            pixels = np.frombuffer(image.get_data(), np.uint8).reshape(
                int(image["/Height"]), int(image["/Width"]), channels)
            found += [code.text for code in zxingcpp.read_barcodes(pixels)]
    return found


def check(document: consents.Document, expected_hash: str) -> str:
    data = documents.to_pdf(document.html, title=document.title)
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    assert documents.NOTICE_VERSION in text
    assert documents.notice_hash(documents.NOTICE_VERSION) in text
    assert qr_codes(data) == [expected_hash]
    return text


@pytest.fixture
def records(vault: Any) -> dict[str, Any]:
    b = canary_beneficiary(vault)
    given = consents.give_consent(vault, b.id, Purpose.FOLLOW_UP_CONTACT, at=T0)
    m = mandates.create_mandate(vault, b.id, ["logement", "argent"], "6m", at=T0).mandate
    mandates.revoke_scope(vault, m.id, "argent", at=T0 + HOUR)
    return {"person": b, "given": given, "mandate": m}


def test_the_shipped_notice_text_matches_its_recorded_hash() -> None:
    # A notice people were informed with never changes: a new text is a new version.
    for version in documents.notice_versions():
        assert documents.computed_notice_hash(version) == documents.notice_hash(version)


def test_information_notice_pdf_shows_version_hash_and_qr() -> None:
    for language in ("fr", "en"):
        doc = consents.notice_document(language)  # type: ignore[arg-type]
        text = check(doc, documents.notice_hash(documents.NOTICE_VERSION))
        assert ("Vos droits" if language == "fr" else "Your rights") in text


def test_consent_receipt_pdf_carries_the_record_hash(vault, records) -> None:
    doc = consents.receipt(vault, records["given"].id, "fr", at=T0)
    assert doc.record_hash == records["given"].record_hash
    text = check(doc, doc.record_hash)
    assert "vous avez dit oui" in text
    assert "27 novembre 2027" in text  # valid until, last day included
    assert CANARY["last_name"] in text  # the person's own receipt names them
    assert consents.find_record(vault, doc.record_hash) == consents.RecordCheck(
        "consent_event", records["person"].code, records["given"].at)


def test_mandate_attestation_and_revocation_receipt_pdfs(vault, records) -> None:
    m = records["mandate"]
    attestation = mandates.attestation(vault, m.id, "en", at=T0)
    text = check(attestation, m.record_hash)
    assert "Housing" in text
    assert "27 May 2027" in text  # 6 months from 28 November: last day included
    receipt = mandates.revocation_receipt(vault, m.id, "fr", scope="argent", at=T0)
    text = check(receipt, receipt.record_hash)
    assert "Argent, impôts" in text
    assert "Le mandat continue pour : Logement" in text
    found = consents.find_record(vault, receipt.record_hash)
    assert found is not None
    assert found.kind == "mandate_revocation"
    assert consents.find_record(vault, "0" * 64) is None


def test_a_withdrawal_receipt_and_the_pdf_file_saved(vault, records, tmp_path: Path) -> None:
    b = records["person"]
    withdrawn = consents.withdraw_consent(vault, b.id, Purpose.FOLLOW_UP_CONTACT,
                                          at=T0 + HOUR)
    doc = consents.receipt(vault, withdrawn.id, "en", at=T0 + HOUR)
    path = consents.save_pdf(vault, doc, tmp_path / "receipt.pdf")
    assert path.stat().st_mode & 0o777 == 0o600
    assert "you said no" in pdf_text(path.read_bytes())
    assert qr_codes(path.read_bytes()) == [withdrawn.record_hash]


def test_values_are_escaped_in_documents() -> None:
    html = documents.consent_receipt(documents.ConsentReceipt(
        person=documents.Person("B-AAAA", "<b>Eve</b> & co"), purpose="ConservationNotes",
        kind="donne", at=T0, method="oral", valid_until=dt.date(2027, 1, 1),
        recorded_by="<script>", notice_version=documents.NOTICE_VERSION,
        notice_hash=documents.notice_hash(documents.NOTICE_VERSION), record_hash="ab" * 32,
    ), "fr")
    assert "<b>Eve</b>" not in html
    assert "&lt;b&gt;Eve&lt;/b&gt; &amp; co" in html
    assert "<script>" not in html
