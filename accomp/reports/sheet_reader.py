"""Reading a spreadsheet brought in from outside (XLSX, ODS, CSV) as rows of cells.

The file is read once, into memory, and never written: its SHA-256 is the one of
the bytes parsed. Nothing of it is written anywhere (no temporary copy).

What real logbooks hold is tolerated here, before any field is looked at:
- CSV in any of UTF-8 (with or without a BOM) and Windows-1252, with `;`, `,`,
  tab or `|` between cells (detected);
- the header row not on line 1 (a title, a logo, blank lines above): the row
  naming the most known fields among the first ones is taken;
- merged cells: the value of a merged block is given to each of its cells (the
  blocks of an XLSX from calamine, those of an ODS from the sheet's own XML);
- a totals row at the bottom ("Total", "TOTAL général", "Somme") and blank rows
  are skipped, and said so;
- formulas: their last computed value is read (as a spreadsheet program saved it);
- hidden columns are read like the others (the mapping step shows them).

python-calamine (Rust) reads XLSX and ODS; see pyproject.toml for why.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from accomp.domain.errors import KnownError
from accomp.domain.text import fold

Cell = str | int | float | bool | dt.date | dt.datetime | dt.time | dt.timedelta | None

HEADER_SEARCH_ROWS = 30
MAX_FILE_BYTES = 200 * 1024 * 1024
_TOTAL_WORDS = ("total", "totaux", "sous total", "somme", "sum", "grand total")
_SEPARATORS = ";,\t|"


@dataclass(frozen=True, slots=True)
class Sheet:
    """A file's table: its header, and each data row with its line number in the
    file (1-based, as the spreadsheet program shows it)."""

    headers: list[str]
    rows: list[tuple[int, list[Cell]]]
    header_line: int
    sha256: str
    skipped_totals: list[int] = field(default_factory=list)
    file_format: str = ""
    encoding: str | None = None
    separator: str | None = None


def read_sheet(path: Path, score: Callable[[Sequence[Cell]], int]) -> Sheet:
    """The table of `path` (.xlsx, .xlsm, .ods, .csv, .txt). `score` says how many
    cells of a row are known headers (the best row among the first ones is the
    header). Refuses import_unreadable (absent, unreadable, damaged, not a table),
    import_format (another kind of file), import_too_large, import_empty (no row
    under the header)."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".ods", ".csv", ".txt"):
        raise KnownError("import_format")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise KnownError("import_too_large")
        data = path.read_bytes()
    except OSError:
        raise KnownError("import_unreadable") from None
    sha = hashlib.sha256(data).hexdigest()
    if suffix in (".csv", ".txt"):
        grid, encoding, separator = _csv_grid(data)
        return _table(grid, score, sha, "csv", encoding, separator)
    return _table(_workbook_grid(data, score), score, sha, suffix[1:], None, None)


def _csv_grid(data: bytes) -> tuple[list[list[Cell]], str, str]:
    text, encoding = decode(data)
    sample = "\n".join(text.splitlines()[:HEADER_SEARCH_ROWS + 20])
    separator = detect_separator(sample)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    try:
        grid: list[list[Cell]] = [list(row) for row in reader]
    except csv.Error:
        raise KnownError("import_unreadable") from None
    return grid, encoding, separator


def decode(data: bytes) -> tuple[str, str]:
    """Text of a CSV and its encoding: UTF-8 with a BOM, UTF-8, else Windows-1252
    (what Excel on Windows writes as "CSV (séparateur : point-virgule)")."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def detect_separator(sample: str) -> str:
    """The separator of a CSV sample: the one giving the same number (above one) of
    cells on most lines, `;` first on a tie (French spreadsheets)."""
    lines = [line for line in sample.splitlines() if line.strip()]
    best, best_score = ";", -1
    for sep in _SEPARATORS:
        counts = [len(row) for row in csv.reader(lines, delimiter=sep)]
        if not counts or max(counts) < 2:
            continue
        common = max(set(counts), key=counts.count)
        score = counts.count(common) * 10 + common
        if score > best_score:
            best, best_score = sep, score
    return best


def _workbook_grid(data: bytes, score: Callable[[Sequence[Cell]], int]) -> list[list[Cell]]:
    from python_calamine import CalamineError, CalamineWorkbook, SheetVisibleEnum

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except (CalamineError, ValueError, OSError):
        raise KnownError("import_unreadable") from None
    try:
        best: list[list[Cell]] | None = None
        best_score = -1
        for meta in book.sheets_metadata:
            if meta.visible != SheetVisibleEnum.Visible:
                continue
            sheet = book.get_sheet_by_name(meta.name)
            grid: list[list[Cell]] = [list(r) for r in sheet.to_python(skip_empty_area=False)]
            ranges = sheet.merged_cell_ranges
            if ranges is None:  # calamine gives them for XLSX only
                ranges = ods_merged_ranges(data, meta.name)
            _fill_merged(grid, ranges)
            found = max((score(row) for row in grid[:HEADER_SEARCH_ROWS]), default=0)
            if found > best_score:
                best, best_score = grid, found
    except CalamineError:
        raise KnownError("import_unreadable") from None
    finally:
        book.close()
    if best is None:
        raise KnownError("import_empty")
    return best


_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


def ods_merged_ranges(data: bytes, sheet_name: str) -> list[tuple[tuple[int, int],
                                                                 tuple[int, int]]]:
    """The merged blocks of an ODS sheet, as ((first row, first column), (last row,
    last column)), 0-based; none when the file is no ODS or cannot be read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            content = z.read("content.xml")
    except (zipfile.BadZipFile, KeyError, OSError):
        return []
    t = _ODS_TABLE
    found: list[tuple[tuple[int, int], tuple[int, int]]] = []
    try:
        # The worker's own file, read only; expat refuses entity expansion bombs.
        for _, element in ET.iterparse(io.BytesIO(content), events=("end",)):  # noqa: S314
            if element.tag != t + "table":
                continue
            if element.get(t + "name") == sheet_name:
                found = _spans(element)
                break
            element.clear()
    except ET.ParseError:
        return []
    return found


def _spans(table: ET.Element) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    t = _ODS_TABLE
    out: list[tuple[tuple[int, int], tuple[int, int]]] = []
    row = 0
    for element in table.iter(t + "table-row"):
        repeat = int(element.get(t + "number-rows-repeated", "1"))
        col = 0
        for cell in element:
            if cell.tag not in (t + "table-cell", t + "covered-table-cell"):
                continue
            rows = int(cell.get(t + "number-rows-spanned", "1"))
            cols = int(cell.get(t + "number-columns-spanned", "1"))
            if rows > 1 or cols > 1:
                out.append(((row, col), (row + rows - 1, col + cols - 1)))
            col += int(cell.get(t + "number-columns-repeated", "1"))
        row += repeat
    return out


def _fill_merged(grid: list[list[Cell]], ranges: Sequence[tuple[tuple[int, int],
                                                                  tuple[int, int]]]) -> None:
    """Give each cell of a merged block the value of its top-left cell."""
    for (r0, c0), (r1, c1) in ranges:
        if r0 >= len(grid) or c0 >= len(grid[r0]):
            continue
        value = grid[r0][c0]
        for r in range(r0, min(r1, len(grid) - 1) + 1):
            row = grid[r]
            for c in range(c0, min(c1, len(row) - 1) + 1):
                row[c] = value


def _blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.replace("\u00a0", " ").strip())


def is_total_row(cells: Sequence[Cell]) -> bool:
    """A totals line (its first filled cell is a word such as "Total" or "Somme"), or a
    comment line (it starts with "#", as the tag line of accomp's own exports)."""
    for cell in cells:
        if _blank(cell):
            continue
        return isinstance(cell, str) and (fold(cell).startswith(_TOTAL_WORDS)
                                          or cell.lstrip().startswith("#"))
    return False


def _table(grid: list[list[Cell]], score: Callable[[Sequence[Cell]], int], sha: str,
           file_format: str, encoding: str | None, separator: str | None) -> Sheet:
    head = grid[:HEADER_SEARCH_ROWS]
    if not head:
        raise KnownError("import_empty")
    scores = [score(row) for row in head]
    header_index = max(range(len(head)), key=lambda i: (scores[i], -i))
    if scores[header_index] == 0:
        # Nothing known: the first filled row is the header; the worker maps it.
        header_index = next((i for i, row in enumerate(head)
                             if not all(_blank(c) for c in row)), 0)
    headers = [_header_text(c) for c in grid[header_index]]
    while headers and not headers[-1]:
        headers.pop()
    width = len(headers)
    rows: list[tuple[int, list[Cell]]] = []
    totals: list[int] = []
    for index in range(header_index + 1, len(grid)):
        cells = grid[index][:width]
        cells.extend([None] * (width - len(cells)))
        if all(_blank(c) for c in cells):
            continue
        if is_total_row(cells):
            totals.append(index + 1)
            continue
        rows.append((index + 1, cells))
    if not rows:
        raise KnownError("import_empty")
    return Sheet(headers=headers, rows=rows, header_line=header_index + 1, sha256=sha,
                 skipped_totals=totals, file_format=file_format, encoding=encoding,
                 separator=separator)


def _header_text(cell: Cell) -> str:
    if cell is None:
        return ""
    return " ".join(str(cell).replace("\u00a0", " ").split())
