"""The anonymised activity rows as an Excel workbook, for spreadsheet users.

A CSV cannot keep both its readers right: a quoted "01" (département Ain) is
text for tools (pandas, DuckDB, Arrow) but a number, 1, for a spreadsheet opened
with a double click (LibreOffice's "quoted field as text" import option is off
by default; Excel has none), and a formula such as ="01" is text for the
spreadsheet but garbage for tools. A workbook says each cell's type: codes are
text cells, counts and minutes number cells, dates date cells; LibreOffice and
Excel open it as typed (tests/unit/test_report_files.py reads it back through
LibreOffice). The CSV and Parquet files stay the files for tools and for a team's
consolidation; this one carries no authentication tag and is not consolidated.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pyarrow as pa
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from accomp.reports.activity_rows import DEMO_COMMENT, LIST_SEPARATOR
from accomp.reports.csv_report import neutralise

SHEET_TITLE = "Activités"
_BOLD = Font(bold=True)


def activity_xlsx(table: pa.Table, *, demo: bool = False) -> bytes:
    """One sheet: (a DÉMO line for demo data,) the header, then one row per
    activity. Text stays text (never a formula), lists are joined by "|"."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET_TITLE)
    if demo:
        sheet.append([DEMO_COMMENT])
    header = []
    for name in table.column_names:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = _BOLD
        header.append(cell)
    sheet.append(header)
    columns = [table.column(name).to_pylist() for name in table.column_names]
    for values in zip(*columns, strict=True):
        sheet.append([_cell(v) for v in values])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(value: Any) -> Any:
    if value is None or isinstance(value, (int, float, dt.date)):
        return value
    if isinstance(value, list):
        return neutralise(LIST_SEPARATOR.join(value))
    # openpyxl stores a string starting with "=" as a formula: neutralised first
    return neutralise(str(value))
