"""The files a funder and a supervisor open: a PDF whose text can be searched and
that says where, when and for which period it was produced on every page; an XLSX
with French sheet names and real numbers; CSVs that a French spreadsheet opens
cleanly; and demo data marked DÉMO in every format.

LibreOffice (soffice) and poppler (pdftotext) are the tools a reader would use;
the tests that need them are skipped when they are not installed (.ci/run
installs them on Debian).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from accomp.paths import AppPaths
from accomp.services import consolidation, exports, reports, structure, vaults
from accomp.services.generators.demo import generate_demo
from accomp.store import settings

TODAY = __import__("datetime").date(2026, 11, 28)
PERIOD = ("2026-01-01", "2026-11-28")
NAME = "Espace numérique de Châtellerault"

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                     reason="poppler-utils is not installed")
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="LibreOffice (soffice) is not installed")


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory, qapp: Any) -> Iterator[dict[str, Path]]:
    folder = tmp_path_factory.mktemp("report_files")
    vault, _ = vaults.create_vault(AppPaths.at(folder / "v"), "x",
                                   kdf=vaults.KdfParams(1, 1024, 1), enforce_policy=False)
    out: dict[str, Path] = {}
    try:
        generate_demo(vault, seed=5, activities=900, today=TODAY)
        structure.set_structure_name(vault, NAME)
        structure.set_structure_typology(vault, "EPN")
        for fmt in ("pdf", "xlsx", "csv", "json"):
            out[f"summary.{fmt}"] = folder / f"resume.{fmt}"
            reports.export_summary(vault, *PERIOD, fmt, out[f"summary.{fmt}"])
        for fmt in ("csv", "parquet", "xlsx"):
            out[f"activities.{fmt}"] = folder / f"activites.{fmt}"
            exports.export_activities(vault, *PERIOD, fmt, out[f"activities.{fmt}"])
        for fmt in ("pdf", "xlsx", "csv", "json"):
            out[f"team.{fmt}"] = folder / f"equipe.{fmt}"
            consolidation.export_consolidation([out["activities.parquet"]], fmt,
                                               out[f"team.{fmt}"], vault=vault)
        yield out
    finally:
        vault.lock()


def _pdf_pages(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          check=True, text=True).stdout
    return [page for page in text.split("\f") if page.strip()]


@needs_pdftotext
@pytest.mark.parametrize("name", ["summary.pdf", "team.pdf"])
def test_the_pdf_says_who_when_which_period_and_is_searchable(files, name):
    pages = _pdf_pages(files[name])
    whole = "\n".join(pages)
    assert NAME in whole
    assert "du 01/01/2026 au 28/11/2026" in whole
    assert "Produit le " in whole
    assert "\ufb01" not in whole
    assert "\ufb00" not in whole
    assert whole.lower().count("bénéficiaires") >= 10
    for number, page in enumerate(pages, start=1):
        assert f"{number}/{len(pages)}" in page, f"page {number} has no page number"
        assert "DÉMO" in page, f"page {number} does not say DÉMO"
        assert "Produit le" in page


def test_xlsx_sheets_have_french_titles_and_real_numbers(files):
    for name in ("summary.xlsx", "team.xlsx"):
        wb = openpyxl.load_workbook(files[name])
        names = wb.sheetnames
        assert names[0] == "Résumé"
        assert all(len(n) <= 31 for n in names)
        assert len({n.casefold() for n in names}) == len(names)
        assert "Activités par thème" in names
        assert not [n for n in names if "_by_" in n], "an English identifier as sheet name"
        cover = [[c.value for c in row] for row in wb["Résumé"].iter_rows()]
        flat = [str(v) for row in cover for v in row if v is not None]
        assert any("(activities_by_theme)" in v for v in flat), "the key is on the cover"
        assert any("DÉMO" in v for v in flat)
        assert not any("T" in v and "+00:00" in v for v in flat), "no ISO UTC timestamp"
        summary = json.loads(files[name.replace("xlsx", "json")].read_text("utf-8"))
        hidden_by_sheet = {t["title"]: [r["suppressed"] for r in t["rows"]]
                           for t in summary["tables"]}
        for ws in wb.worksheets[1:]:
            title = ws.cell(1, 1).value
            counts = [ws.cell(r, 3).value for r in range(4, 4 + len(hidden_by_sheet[title]))]
            for value, hidden in zip(counts, hidden_by_sheet[title], strict=True):
                if hidden:
                    assert value == f"< {summary['k']}"
                else:
                    assert isinstance(value, int), (title, value)


def test_csv_defaults_to_what_a_french_spreadsheet_opens(files):
    raw = files["summary.csv"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf# D\xc3\x89MO")
    header = raw.split(b"\r\n")[1].decode()
    assert header == "tableau;titre;unité;dimension;catégorie;libellé;nombre;masqué"
    rows = files["activities.csv"].read_bytes().decode("utf-8-sig").split("\r\n")
    assert rows[0].startswith("# DÉMO")
    names = rows[1].split(";")
    first = rows[2].split(";")
    assert first[names.index("departement")].startswith('"')  # a code, kept as text
    assert rows[-2].startswith("#accomp-tag;")
    assert "source=demo" in rows[-2]


def test_a_departement_is_labelled_with_its_name_in_the_summary(files):
    """The label column of the summary CSV names the département ("86 – Vienne"):
    a reader knows names, and a spreadsheet keeps the label as text where the bare
    code of Ain ("01") would become the number 1."""
    from accomp.reports.summary import category_label

    assert category_label("departement", "01") == "01 – Ain"
    assert category_label("departement", "2A") == "2A – Corse-du-Sud"
    assert category_label("departement", "XX") == "XX"
    lines = files["summary.csv"].read_bytes().decode("utf-8-sig").split("\r\n")
    rows = [line.split(";") for line in lines[2:] if line]
    labels = {r[5].strip('"') for r in rows if r[0] == "participations_by_departement"}
    assert "86 – Vienne" in labels, labels


def test_json_says_demo_in_its_source(files):
    for name in ("summary.json", "team.json"):
        data = json.loads(files[name].read_text("utf-8"))
        assert data["source"] == "demo"
        assert data["demo"] is True
        # local date and time in words, whatever the day the suite runs
        assert re.fullmatch(r"\d{1,2} \w+ \d{4} à \d{1,2} h \d{2}", data["produced"])
    team = json.loads(files["team.json"].read_text("utf-8"))
    [worker] = team["inputs"]["coverage"]
    assert worker["period_from"] == PERIOD[0]
    assert worker["rows"] == team["inputs"]["rows"]
    assert team["inputs"]["structure"] == NAME


def test_a_vault_without_demo_data_writes_no_demo_mark(tmp_path):
    vault, _ = vaults.create_vault(AppPaths.at(tmp_path / "v"), "x",
                                   kdf=vaults.KdfParams(1, 1024, 1), enforce_policy=False)
    try:
        with vault.reading() as s:
            assert settings.get(s, "vault.demo") is None
        out = tmp_path / "s.json"
        reports.export_summary(vault, *PERIOD, "json", out)
    finally:
        vault.lock()
    data = json.loads(out.read_text("utf-8"))
    assert data["source"] == "vault"
    assert data["demo"] is False


def _soffice(tmp_path: Path, to: str, sources: list[Path], infilter: str | None = None
             ) -> Path:
    out = tmp_path / f"lo-{to.split(':')[0]}"
    command = ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
               "--convert-to", to, "--outdir", str(out)]
    if infilter:
        command.insert(3, f"--infilter={infilter}")
    subprocess.run(command + [str(s) for s in sources], capture_output=True, check=True,
                   timeout=240)
    return out


@needs_soffice
def test_libreoffice_opens_every_xlsx_and_csv_the_app_writes(files, tmp_path):
    xlsx = [files["summary.xlsx"], files["team.xlsx"]]
    out = _soffice(tmp_path, "csv:Text - txt - csv (StarCalc):44,34,76", xlsx)
    for path in xlsx:
        text = (out / (path.stem + ".csv")).read_text("utf-8")
        assert "Résumé anonymisé" in text
    csvs = [files["summary.csv"], files["team.csv"], files["activities.csv"]]
    # What a French user gets from the import dialog: ';', UTF-8, quoted fields as text.
    out = _soffice(tmp_path, "xlsx", csvs, infilter="CSV:59,34,76,1,,1036,true")
    summary = openpyxl.load_workbook(out / "resume.xlsx").active
    assert summary is not None
    values = [[c.value for c in row] for row in summary.iter_rows(max_row=4)]
    assert values[0][0].startswith("# DÉMO")
    assert values[1][:3] == ["tableau", "titre", "unité"]
    assert isinstance(values[2][6], int)  # a count is a number
    activities = openpyxl.load_workbook(out / "activites.xlsx").active
    assert activities is not None
    rows = list(activities.iter_rows(values_only=True))
    column = rows[1].index("departement")
    codes = {r[column] for r in rows[2:-1] if r[column] is not None}
    assert codes
    assert all(isinstance(c, str) for c in codes), codes


def _codes(path: Path, header_row: int) -> list[Any]:
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    column = rows[header_row].index("departement")
    return [r[column] for r in rows[header_row + 1:] if r[column] is not None]


@pytest.fixture(scope="module")
def ain(files: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo's activity rows moved to Ain ("01"; the demo is all in the Vienne,
    "86"), as a workbook, as the default CSV and as the CSV for tools."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from accomp.reports.activity_rows import csv_bytes
    from accomp.reports.activity_xlsx import activity_xlsx

    table = pq.read_table(files["activities.parquet"])
    column = table.column("departement")
    moved = pc.if_else(pc.equal(column, "86"), "01", column)
    table = table.set_column(table.schema.get_field_index("departement"), "departement",
                             moved)
    folder = tmp_path_factory.mktemp("ain")
    out = {"xlsx": folder / "activites.xlsx", "csv": folder / "activites.csv",
           "tools.csv": folder / "outils.csv"}
    out["xlsx"].write_bytes(activity_xlsx(table, demo=True))
    out["csv"].write_bytes(csv_bytes(table, b"k" * 32, demo=True))
    out["tools.csv"].write_bytes(csv_bytes(table, b"k" * 32, separator=",", bom=False,
                                           demo=True))
    return out


def test_the_activity_workbook_keeps_codes_as_text_and_counts_as_numbers(files, ain):
    sheet = openpyxl.load_workbook(files["activities.xlsx"]).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert str(rows[0][0]).startswith("# DÉMO")
    header = rows[1]
    minutes = [r[header.index("duration_min_rounded")] for r in rows[2:]]
    assert minutes
    assert all(isinstance(m, int) for m in minutes)
    assert set(_codes(files["activities.xlsx"], 1)) >= {"86"}
    assert set(_codes(ain["xlsx"], 1)) >= {"01"}


@needs_soffice
def test_a_double_click_in_libreoffice_keeps_departement_01_as_text(ain, tmp_path):
    """What a user gets with LibreOffice's default options: the workbook keeps
    "01"; the default CSV shows "01 – Ain" (code and name, text), and its other
    code-like cells as written (docs/exports.md)."""
    out = _soffice(tmp_path, "xlsx", [ain["xlsx"]])
    codes = _codes(out / "activites.xlsx", 1)
    assert "01" in codes
    assert all(isinstance(c, str) for c in codes), codes
    # LibreOffice 7.4's defaults for a CSV (";" given; "quoted field as text" off)
    csv_out = _soffice(tmp_path / "csv", "xlsx", [ain["csv"]],
                       infilter="CSV:59,34,76,1,,1036,false")
    codes = _codes(csv_out / "activites.xlsx", 1)
    assert "01 – Ain" in codes
    assert set(codes) <= {"01 – Ain", "NonCommunique"}, set(codes)
    sheet = openpyxl.load_workbook(csv_out / "activites.xlsx").active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[1], rows[2:-1]

    def column(name: str) -> list[Any]:
        return [r[header.index(name)] for r in body]

    assert all(isinstance(m, str) and re.fullmatch(r"20\d\d-\d\d", m)
               for m in column("month") if m is not None)
    assert all(isinstance(i, str) and len(i) == 16 for i in column("row_id"))
    assert all(isinstance(k, str) and len(k) == 32
               for k in column("beneficiary_key") if k is not None)
    assert {str(d.date()) for d in column("period_from")} == {PERIOD[0]}  # a real date
    assert all(isinstance(m, int) for m in column("duration_min_rounded"))
    # and with the import dialog's "quoted field as text" ticked, the same
    csv_out = _soffice(tmp_path / "csv-text", "xlsx", [ain["csv"]],
                       infilter="CSV:59,34,76,1,,1036,true")
    assert "01 – Ain" in _codes(csv_out / "activites.xlsx", 1)


def test_the_csv_for_tools_keeps_the_plain_code(ain):
    lines = ain["tools.csv"].read_bytes().decode("utf-8").split("\r\n")
    header = lines[1].split(",")
    cells = {line.split(",")[header.index("departement")] for line in lines[2:-2]}
    assert cells <= {'"01"', '"NonCommunique"'}
    assert '"01"' in cells
