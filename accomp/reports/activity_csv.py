"""The anonymised activity file as CSV, in two forms (docs/exports.md).

- For a spreadsheet (`;`, the default): what a French spreadsheet opened by a
  double click shows as written. A département is its code and its name,
  "01 – Ain": LibreOffice with its default options (and Excel, which has no option)
  turns a bare or quoted "01" into the number 1, and no invisible trick keeps it
  without changing the value for whoever copies it.
- For tools (`--separator ,`): the plain code, "01", as in Parquet.

Both carry the file's authentication tag over their bytes as written, and
`accomp consolidate` reads both back to the plain code (`plain_codes`): only the
exact "code – name" form of a listed code is read as that code, anything else is
left as is for the schema check to refuse.
"""

from __future__ import annotations

import datetime as dt
import io
from functools import lru_cache
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from accomp.domain.departements import departements
from accomp.privacy.generalise import NON_COMMUNIQUE
from accomp.reports.activity_tag import facts_of, tagged_csv
from accomp.reports.csv_report import neutralise

DEMO_COMMENT = "# DÉMO : données fictives (accomp --demo), à ne pas transmettre"
LIST_SEPARATOR = "|"
NAME_SEPARATOR = " – "
"""Between a département's code and its name (an en dash with spaces: no name
holds one, and a hyphen is part of many names)."""
UNLISTED = "code hors liste"
"""The name written for a code outside resources/vocab/departements.json."""

# Codes that look like numbers but are text ("01" is Ain, not 1): always quoted, which
# tools and a spreadsheet's "quoted field as text" import option keep as typed.
_TEXT_CODES = frozenset({"departement"})


def csv_bytes(
    table: pa.Table, key: bytes, *, separator: str = ";", bom: bool = True,
    demo: bool = False, spreadsheet: bool | None = None,
) -> bytes:
    """CSV with a header, lists joined by "|", no formula-like cell, département
    quoted, then the trailer line with the file's authentication tag (key:
    store.filetag). `spreadsheet` (default: when the separator is ";") writes each
    département as "code – name" (`spreadsheet_departement`); otherwise the plain
    code. Demo data starts with a comment line saying DÉMO."""
    if spreadsheet is None:
        spreadsheet = separator == ";"
    out = io.StringIO()
    names = table.column_names
    if demo:
        out.write(DEMO_COMMENT + "\r\n")
    out.write(separator.join(names) + "\r\n")
    columns = [table.column(name).to_pylist() for name in names]
    if spreadsheet and "departement" in names:
        i = names.index("departement")
        columns[i] = [None if c is None else spreadsheet_departement(c) for c in columns[i]]
    quoted = [name in _TEXT_CODES for name in names]
    for values in zip(*columns, strict=True):
        out.write(separator.join(_csv_cell(v, separator, q)
                                 for v, q in zip(values, quoted, strict=True)) + "\r\n")
    data = out.getvalue().encode("utf-8")
    body = (b"\xef\xbb\xbf" + data) if bom else data
    return tagged_csv(body, facts_of(table, "demo" if demo else "vault"), key)


@lru_cache(maxsize=1024)  # bounded: a file being read may hold any text
def spreadsheet_departement(code: str) -> str:
    """What a spreadsheet CSV shows of a département code: "01 – Ain",
    "2A – Corse-du-Sud", "99 – Étranger"; NonCommunique as it is (a word already);
    "00 – code hors liste" for a code the list does not hold."""
    if code == NON_COMMUNIQUE:
        return code
    return code + NAME_SEPARATOR + (departements().name(code) or UNLISTED)


def plain_departement(text: str) -> str:
    """The code of what `spreadsheet_departement` writes; any other text as it is."""
    code, sep, _ = text.partition(NAME_SEPARATOR)
    if sep and code != NON_COMMUNIQUE and spreadsheet_departement(code) == text:
        return code
    return text


def plain_codes(table: pa.Table) -> pa.Table:
    """`table` (a CSV as read, text columns) with the département column back to
    plain codes. Converted once per distinct value."""
    if "departement" not in table.column_names:
        return table
    column = table.column("departement")
    forms = [v for v in pc.unique(column).to_pylist() if v and NAME_SEPARATOR in v]
    if not forms:
        return table
    index = pc.index_in(column, pa.array(forms, pa.string()))
    codes = pc.take(pa.array([plain_departement(v) for v in forms], pa.string()), index)
    plain = pc.if_else(pc.is_null(index), column, codes)
    return table.set_column(table.column_names.index("departement"), "departement", plain)


def _csv_cell(value: Any, separator: str, quoted: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        text = LIST_SEPARATOR.join(value)
    elif isinstance(value, dt.date):
        text = value.isoformat()
    else:
        text = str(value)
    text = neutralise(text)
    if quoted or any(c in text for c in (separator, '"', "\n", "\r")):
        text = '"' + text.replace('"', '""') + '"'
    return text
