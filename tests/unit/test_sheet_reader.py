"""Reading files brought in from outside: encodings, separators, where the header
is, what is not a row; refusals name no value."""

from __future__ import annotations

from pathlib import Path

import pytest

from accomp.domain.errors import KnownError
from accomp.domain.import_headers import header_score
from accomp.reports.sheet_reader import decode, detect_separator, is_total_row, read_sheet


def score(cells: object) -> int:
    return header_score("activities", cells)  # type: ignore[arg-type]


def test_utf8_bom_and_commas(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes("\ufeffDate,Durée,Thème\n01/02/2024,30,Email\n".encode())
    sheet = read_sheet(path, score)
    assert sheet.headers == ["Date", "Durée", "Thème"]
    assert (sheet.encoding, sheet.separator) == ("utf-8-sig", ",")
    assert sheet.rows == [(2, ["01/02/2024", "30", "Email"])]


def test_tabs_and_header_lower_down_with_no_break_spaces(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Mon suivi\n\nDate\u00a0\tDurée \tThème\n01/02/2024\t30\tEmail\n"
                    "\t\t\nTotal\t30\t\n", encoding="utf-8")
    sheet = read_sheet(path, score)
    assert sheet.header_line == 3
    assert sheet.headers == ["Date", "Durée", "Thème"]
    assert [line for line, _ in sheet.rows] == [4]
    assert sheet.skipped_totals == [6]


def test_windows_1252_is_recognised() -> None:
    text, encoding = decode("Durée;Thème\r\n".encode("cp1252"))
    assert encoding == "cp1252"
    assert text.startswith("Durée;Thème")


def test_separator_prefers_the_one_giving_even_rows() -> None:
    assert detect_separator("a;b;c\n1;2,5;3\n4;5;6") == ";"
    assert detect_separator("a,b,c\n1,2,3") == ","
    assert detect_separator("a|b\n1|2") == "|"


def test_total_and_comment_lines() -> None:
    assert is_total_row([None, "TOTAL général", 12])
    assert is_total_row(["Sous-total", 3])
    assert is_total_row(["#accomp-tag;x"])
    assert not is_total_row(["01/02/2024", "Total"])


@pytest.mark.parametrize(("name", "data", "code"), [
    ("a.pdf", b"%PDF", "import_format"),
    ("a.xlsx", b"not a zip at all, CANARYNAME", "import_unreadable"),
    ("a.ods", b"PK\x03\x04broken", "import_unreadable"),
    ("a.csv", b"Date;Duree\n", "import_empty"),
    ("a.csv", b"", "import_empty"),
])
def test_refusals(tmp_path: Path, name: str, data: bytes, code: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(KnownError) as err:
        read_sheet(path, score)
    assert err.value.code == code
    assert "CANARYNAME" not in str(err.value)


def test_a_missing_file_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(KnownError) as err:
        read_sheet(tmp_path / "absent.csv", score)
    assert err.value.code == "import_unreadable"


def _ods(path: Path, rows_xml: str) -> None:
    import zipfile

    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="S">' + rows_xml
        + "</table:table></office:spreadsheet></office:body></office:document-content>")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
        z.writestr("META-INF/manifest.xml",
                   '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
                   '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
                   'manifest:full-path="/" manifest:media-type="application/vnd.oasis.'
                   'opendocument.spreadsheet"/></manifest:manifest>')


def _c(text: str, extra: str = "") -> str:
    return (f'<table:table-cell office:value-type="string" {extra}><text:p>{text}</text:p>'
            "</table:table-cell>")


def test_merged_cells_of_an_ods_sheet_are_filled(tmp_path: Path) -> None:
    path = tmp_path / "a.ods"
    cover = "<table:covered-table-cell/>"
    _ods(path,
         "<table:table-row>" + _c("Date") + _c("Durée") + _c("Thème") + "</table:table-row>"
         + "<table:table-row>" + _c("01/02/2024", 'table:number-rows-spanned="3"')
         + _c("30") + _c("Email") + "</table:table-row>"
         + "<table:table-row>" + cover + _c("45") + _c("Santé") + "</table:table-row>"
         + "<table:table-row>" + cover + _c("60") + _c("Email") + "</table:table-row>")
    sheet = read_sheet(path, score)
    assert [cells[0] for _, cells in sheet.rows] == ["01/02/2024"] * 3
