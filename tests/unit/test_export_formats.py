"""Every export, in every format, as the people receiving it will open it: nothing
that names a person, nothing small enough to point at one, and a trace of each
file in the journal."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pyarrow.parquet as pq
import pytest
from conftest import CANARY_NEEDLES, canary_beneficiary
from pypdf import PdfReader

from accomp.paths import AppPaths
from accomp.reports.csv_report import neutralise
from accomp.services import activities, consolidation, exports, reports, vaults
from accomp.services.generators.demo import generate_demo

TODAY = dt.date(2026, 11, 28)
PERIOD = ("2026-01-01", "2026-11-28")
CHEAP = vaults.KdfParams(1, 1024, 1)

EXTRA_NEEDLES = (
    "Canaryville", "canaryville", "CANARYPROC", "CANARYWORKSHOP", "42218",
)


@dataclass
class Exported:
    vault: vaults.Vault
    folder: Path
    files: dict[str, Path]
    results: dict[str, Any]
    code: str


def text_of(path: Path) -> str:
    """What someone opening the file can read in it."""
    data = path.read_bytes()
    if path.suffix == ".xlsx":
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        cells = [str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True)
                 for c in row if c is not None]
        return "\n".join([*wb.sheetnames, *cells])
    if path.suffix == ".pdf":
        reader = PdfReader(io.BytesIO(data))
        text = "\n".join(page.extract_text() for page in reader.pages)
        # NFKC: Qt draws "fi" as a ligature glyph, which extracts as "\ufb01"
        text = unicodedata.normalize("NFKC", text)
        return " ".join(text.split()) + "\n" + str(reader.metadata)
    if path.suffix == ".parquet":
        table = pq.read_table(path)
        return str(table.to_pylist()) + str(table.schema.metadata)
    return data.decode("utf-8-sig")


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, qapp: Any) -> Iterator[Exported]:
    folder = tmp_path_factory.mktemp("exports")
    vault, _ = vaults.create_vault(AppPaths.at(folder / "data"), "x", kdf=CHEAP,
                                   enforce_policy=False)
    generate_demo(vault, seed=5, activities=1200, today=TODAY)
    canary = canary_beneficiary(vault)
    commune = {"name": "Canaryville-sur-Loire", "postal_code": "42000", "insee": "42218"}
    for day in ("2026-10-05", "2026-10-06", "2026-10-07"):
        activities.log_activity(vault, {
            "date": day, "duration_min": 60, "place_type": "Domicile", "commune": commune,
            "themes": ["AideAuxDemarchesAdministratives"], "admin_themes": ["Logement"],
            "procedure_details": "CANARYPROC dossier CAF de Zéphyrine",
            "notes": "CANARYNOTE 06 99 88 77 66", "beneficiary_id": canary.id,
            "autonomy": "EntierementAccompagne",
        }, today=TODAY)
    activities.log_activity(vault, {
        "kind": "Collectif", "date": "2026-10-08", "duration_min": 90,
        "place_type": "Autre", "commune": commune, "themes": ["Email"],
        "workshop_title": "CANARYWORKSHOP chez Zéphyrine", "level": "Debutant",
        "participant_ids": [canary.id], "anonymous": {"total": 2},
        "notes": "CANARYNOTE",
    }, today=TODAY)
    files: dict[str, Path] = {}
    results: dict[str, Any] = {}
    (folder / "out").mkdir()
    for fmt in ("json", "csv", "xlsx", "pdf"):
        path = folder / "out" / f"summary.{fmt}"
        results[f"summary.{fmt}"] = reports.export_summary(
            vault, *PERIOD, fmt, path, separator=";", bom=True)
        files[f"summary.{fmt}"] = path
    for fmt in ("csv", "parquet"):
        path = folder / "out" / f"activities.{fmt}"
        results[f"activities.{fmt}"] = exports.export_activities(vault, *PERIOD, fmt, path)
        files[f"activities.{fmt}"] = path
    for fmt in ("json", "csv", "xlsx", "pdf"):
        path = folder / "out" / f"team.{fmt}"
        results[f"team.{fmt}"] = consolidation.export_consolidation(
            [files["activities.parquet"]], fmt, path, vault=vault,
            separator="," if fmt == "csv" else ";")
        files[f"team.{fmt}"] = path
    yield Exported(vault, folder, files, results, canary.code)
    vault.lock()


def test_no_name_phone_email_note_commune_or_code_in_any_export(exported):
    needles = (*CANARY_NEEDLES, *EXTRA_NEEDLES, exported.code)
    assert len(exported.files) == 10
    for name, path in exported.files.items():
        text = text_of(path)
        raw = path.read_bytes()
        for needle in needles:
            assert not _holds(text, needle), (name, needle)
            assert not _holds(raw, needle.encode()), (name, needle)


def _holds(haystack: str | bytes, needle: str | bytes) -> bool:
    """Whether the value is in the file. A code made of digits (the commune's INSEE
    code) counts only as a whole token: the random hex keys and decimal record keys
    of an export hold any five digits now and then."""
    if not needle.isdigit():
        return needle in haystack
    if isinstance(needle, bytes):
        pattern: str | bytes = rb"(?<![0-9A-Fa-f])" + needle + rb"(?![0-9A-Fa-f])"
    else:
        pattern = rf"(?<![0-9A-Fa-f]){needle}(?![0-9A-Fa-f])"
    return re.search(pattern, haystack) is not None


def test_no_count_between_1_and_k_minus_1_in_any_summary_file(exported):
    for name in ("summary.json", "team.json"):
        doc = json.loads(exported.files[name].read_text("utf-8"))
        assert doc["k"] == 5
        for table in doc["tables"]:
            if table["unit"] == "minutes":
                continue
            values = [r["count"] for r in table["rows"]] + [table["total"]]
            assert not [v for v in values if v is not None and 0 < v < 5], table["name"]
    for name in ("summary.csv", "team.csv"):
        lines = [line for line in exported.files[name].read_text("utf-8-sig").splitlines()
                 if not line.startswith("#")]  # the DÉMO line of demo data
        for line in lines[1:]:
            cells = line.split(";") if name == "summary.csv" else line.split(",")
            if cells[2] == "minutes":
                continue
            count = cells[-2]
            assert count == "< 5" or not 0 < int(count) < 5, line
    for name in ("summary.xlsx", "team.xlsx"):
        wb = openpyxl.load_workbook(exported.files[name], read_only=True)
        for ws in wb.worksheets[1:]:
            if ws.title.startswith("Minutes"):
                continue
            for row in ws.iter_rows(min_row=4, values_only=True):
                value = row[2] if len(row) > 2 else None
                assert not (isinstance(value, int) and 0 < value < 5), (ws.title, row)


def test_json_has_the_documented_shape(exported):
    doc = json.loads(exported.files["summary.json"].read_text("utf-8"))
    assert doc["period"] == {"from": "2026-01-01", "to": "2026-11-28"}
    assert doc["k"] == 5
    table = next(t for t in doc["tables"] if t["name"] == "beneficiaries_by_departement")
    assert table["dimensions"] == ["departement"]
    assert set(table["rows"][0]) == {"departement", "count", "suppressed", "perturbed"}
    assert doc["format"] == "accomp-summary/2"
    assert all(isinstance(r["count"], int) and not r["suppressed"] for r in table["rows"])
    assert all(r["perturbed"] == (r["count"] != 0) for r in table["rows"])
    assert table["total_perturbed"] is True
    themes = next(t for t in doc["tables"] if t["name"] == "activities_by_theme")
    assert themes["multi_valued"] is True
    assert themes["total"] is None


def test_xlsx_reads_back_with_a_cover_sheet_and_one_sheet_per_table(exported):
    wb = openpyxl.load_workbook(exported.files["summary.xlsx"])
    cover = wb.worksheets[0]
    cover_text = " ".join(str(c) for row in cover.iter_rows(values_only=True) for c in row if c)
    assert "du 01/01/2026 au 28/11/2026" in cover_text
    assert "k = 5" in cover_text
    assert "clé de cellule" in cover_text  # the method is stated
    assert "ne s'additionnent pas exactement" in cover_text
    doc = json.loads(exported.files["summary.json"].read_text("utf-8"))
    assert [ws.cell(1, 1).value for ws in wb.worksheets[1:]] == [
        t["title"] for t in doc["tables"]]
    assert all(f"({t['name']})" in cover_text for t in doc["tables"])  # keys on the cover
    sheet = wb["Bénéf. par département"]
    values = [row[2] for row in sheet.iter_rows(min_row=4, values_only=True) if row[1]]
    assert values
    assert all(isinstance(v, int) for v in values)
    notes = [row[0] for row in sheet.iter_rows(values_only=True) if row[0]]
    assert any("légère perturbation" in str(n) for n in notes)


def test_every_hidden_label_is_true(exported):
    # a "< k" label would say that the true count is below k; the cell-key method
    # hides nothing, so no such label is printed, and none can be false
    for name in ("summary.csv", "team.csv", "summary.xlsx", "team.xlsx", "summary.pdf",
                 "team.pdf"):
        assert "< 5" not in text_of(exported.files[name]), name


def test_pdf_text_states_the_period_and_the_threshold(exported):
    for name in ("summary.pdf", "team.pdf"):
        text = text_of(exported.files[name])
        assert "k = 5" in text
        assert "Activités par mois" in text
    assert "du 01/01/2026 au 28/11/2026" in text_of(exported.files["summary.pdf"])
    assert "Consolidation de 1 fichier(s)" in text_of(exported.files["team.pdf"])


def test_csv_options_for_french_spreadsheets(exported):
    raw = exported.files["summary.csv"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header = next(line for line in raw[3:].decode().split("\r\n") if not line.startswith("#"))
    assert header == "tableau;titre;unité;dimension;catégorie;libellé;nombre;masqué"
    plain = exported.files["team.csv"].read_bytes()
    assert not plain.startswith(b"\xef\xbb\xbf")
    assert plain.split(b"\r\n")[1].count(b",") == 7  # after the DÉMO line


def test_formula_like_cells_are_neutralised():
    for dangerous in ("=HYPERLINK(\"http://x\")", "+33 6", "-2+3", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(dangerous) == "'" + dangerous
    for harmless in ("2026-03", "< 5", "Email", ""):
        assert neutralise(harmless) == harmless


def test_files_are_private_and_each_is_journaled_with_its_hash(exported):
    records = reports.past_exports(exported.vault)
    by_hash = {r.details["sha256"]: r for r in records}
    for name, path in exported.files.items():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, name
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        assert exported.results[name].sha256 == sha
        record = by_hash[sha]
        expected = {"summary": "export.summary", "activities": "export.activities",
                    "team": "export.consolidation"}[name.split(".")[0]]
        assert record.action == expected
        assert record.details["k"] == 5
    with exported.vault.reading() as s:
        from accomp.store import audit

        assert audit.verify(s).sound


def test_nothing_is_written_when_the_journal_cannot_record_it(exported, tmp_path):
    exported.vault.read_only = True
    try:
        from accomp.domain.errors import KnownError

        with pytest.raises(KnownError) as err:
            reports.export_summary(exported.vault, *PERIOD, "json", tmp_path / "s.json")
        assert err.value.code == "vault_read_only"
    finally:
        exported.vault.read_only = False
    assert not (tmp_path / "s.json").exists()


def test_unknown_format_is_refused_before_anything_is_written(exported, tmp_path):
    from accomp.domain.errors import KnownError

    with pytest.raises(KnownError) as err:
        reports.export_summary(exported.vault, *PERIOD, "docx", tmp_path / "s.docx")
    assert (err.value.code, err.value.field) == ("not_in_list", "format")
    with pytest.raises(KnownError):
        exports.export_activities(exported.vault, *PERIOD, "docx", tmp_path / "a.docx")
    assert list(tmp_path.iterdir()) == []
