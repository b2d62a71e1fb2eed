"""Summary as CSV: one long table (table, dimension, category, label, count), for
spreadsheets. UTF-8 with a byte-order mark and ";" separators by default, which is
what French spreadsheet software opens cleanly; "," without BOM for tools. A
count is a bare number; a hidden count reads "< k". Demo data starts with a
comment line saying DÉMO.

Every text cell that a spreadsheet could take for a formula (starting with =, +,
-, @, a tab or a carriage return) gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import io

from accomp.domain.vocab import Lang
from accomp.reports.summary import Summary, category_label, dimension_label, table_title

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Make a cell inert in a spreadsheet (CSV/formula injection)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def hidden_label(k: int) -> str:
    return f"< {k}"


_HEADERS = {
    "fr": ("tableau", "titre", "unité", "dimension", "catégorie", "libellé", "nombre",
           "masqué"),
    "en": ("table", "title", "unit", "dimension", "category", "label", "count", "suppressed"),
}


def summary_csv(
    summary: Summary, *, lang: Lang = "fr", separator: str = ";", bom: bool = True
) -> bytes:
    if separator not in (",", ";"):
        raise ValueError("the CSV separator is ',' or ';'")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator, lineterminator="\r\n")
    if summary.inputs.get("demo"):
        out.write(("# DÉMO : données fictives (accomp --demo), à ne pas transmettre"
                   if lang == "fr" else "# DÉMO (demo): made-up data, not to be passed on")
                  + "\r\n")
    writer.writerow(_HEADERS[lang])
    yes, no = ("oui", "non") if lang == "fr" else ("yes", "no")
    for table in summary.tables:
        title = table_title(table, lang)
        dim = table.dimension
        for row in table.rows:
            count = hidden_label(summary.k) if row.suppressed else str(row.count)
            writer.writerow([neutralise(c) for c in (
                table.name, title, table.unit, dimension_label(dim, lang), row.category,
                category_label(dim, row.category, lang), count, yes if row.suppressed else no,
            )])
        if not table.multi_valued:
            count = hidden_label(summary.k) if table.total is None else str(table.total)
            writer.writerow([neutralise(c) for c in (
                table.name, title, table.unit, dimension_label(dim, lang), "TOTAL", "Total",
                count, yes if table.total is None else no,
            )])
    data = out.getvalue().encode("utf-8")
    return (b"\xef\xbb\xbf" + data) if bom else data
