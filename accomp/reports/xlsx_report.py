"""Summary as an Excel workbook: a cover sheet (period, filters, k, method), then
one sheet per table. A hidden count is the text "< k", never a number."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from accomp.domain.vocab import Lang
from accomp.reports.csv_report import hidden_label, neutralise
from accomp.reports.summary import Summary, category_label, dimension_label, table_title
from accomp.reports.texts import (
    filters_text,
    k_text,
    method_text,
    period_text,
    protection_note,
    source_text,
)

_BOLD = Font(bold=True)


def _put(ws: Worksheet, row: int, column: int, value: object, bold: bool = False) -> None:
    # Text is always written as text: openpyxl would store "=..." as a formula.
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = neutralise(value)
        cell.data_type = "s"
    else:
        cell.value = value
    if bold:
        cell.font = _BOLD


def summary_xlsx(summary: Summary, lang: Lang = "fr") -> bytes:
    wb = Workbook()
    cover = wb.active
    assert cover is not None
    cover.title = "Résumé" if lang == "fr" else "Summary"
    fr = lang == "fr"
    lines: list[tuple[str, str]] = [
        ("Résumé anonymisé" if fr else "Anonymised summary", ""),
        ("Période" if fr else "Period", period_text(summary, lang)),
        ("Seuil" if fr else "Threshold", k_text(summary, lang)),
        ("Filtres" if fr else "Filters", filters_text(summary, lang)),
        ("Source", source_text(summary, lang)),
        ("Produit le" if fr else "Generated", summary.generated_at.isoformat()),
        ("Méthode" if fr else "Method", method_text(summary, lang)),
    ]
    for i, (name, value) in enumerate(lines, start=1):
        _put(cover, i, 1, name, bold=True)
        _put(cover, i, 2, value)
    row = len(lines) + 2
    _put(cover, row, 1, "Feuille" if fr else "Sheet", bold=True)
    _put(cover, row, 2, "Tableau" if fr else "Table", bold=True)
    for table in summary.tables:
        row += 1
        _put(cover, row, 1, table.name)
        _put(cover, row, 2, table_title(table, lang))
    cover.column_dimensions["A"].width = 34
    cover.column_dimensions["B"].width = 110

    hidden = hidden_label(summary.k)
    for table in summary.tables:
        ws = wb.create_sheet(table.name[:31])
        dim = table.dimension
        _put(ws, 1, 1, table_title(table, lang), bold=True)
        _put(ws, 3, 1, dimension_label(dim, lang), bold=True)
        _put(ws, 3, 2, "Clé" if fr else "Key", bold=True)
        _put(ws, 3, 3, "Nombre" if fr else "Count", bold=True)
        r = 3
        for published in table.rows:
            r += 1
            _put(ws, r, 1, category_label(dim, published.category, lang))
            _put(ws, r, 2, published.category)
            _put(ws, r, 3, hidden if published.suppressed else published.count)
        if table.multi_valued:
            note = ("Une unité peut compter dans plusieurs lignes : pas de total."
                    if fr else "A unit may count in several rows: no total.")
            _put(ws, r + 2, 1, note)
        else:
            _put(ws, r + 1, 1, "Total", bold=True)
            _put(ws, r + 1, 3, hidden if table.total is None else table.total, bold=True)
        _put(ws, r + 3, 1, k_text(summary, lang))
        _put(ws, r + 4, 1, protection_note(lang))
        ws.column_dimensions["A"].width = 44
        ws.column_dimensions["B"].width = 34
        ws.column_dimensions["C"].width = 12
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
