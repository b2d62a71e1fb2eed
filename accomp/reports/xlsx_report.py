"""Summary as an Excel workbook: a cover sheet (structure, period, filters, k,
method, and each sheet's title with its table key), then one sheet per table
named by its title in the reader's language (at most 31 characters, unique). A
count is a number; a hidden count is the text "< k", never a number. Demo data
says DÉMO on the cover and on every sheet."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from accomp.domain.vocab import Lang
from accomp.reports.csv_report import hidden_label, neutralise
from accomp.reports.summary import (
    PublishedTable,
    Summary,
    category_label,
    dimension_label,
    table_title,
)
from accomp.reports.texts import (
    DEMO_TEXT,
    coverage_lines,
    filters_text,
    is_demo,
    k_text,
    method_text,
    period_text,
    produced_text,
    protection_note,
    source_text,
    structure_text,
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


_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})
SHEET_NAME_MAX = 31


_SHORT_UNITS = {
    "activities": ("Activités", "Activities"),
    "participations": ("Accomp.", "Support"),
    "beneficiaries": ("Bénéf.", "Benef."),
    "minutes": ("Minutes", "Minutes"),
    "referrals": ("Orient.", "Referrals"),
}
_SHORT_DIMENSIONS = {"premier accompagnement": "1er accompagnement",
                     "démarche administrative": "démarche",
                     "first visit": "first visit"}


def sheet_title(table: PublishedTable, lang: Lang = "fr") -> str:
    """A short title for a sheet tab ("Bénéf. par tranche d'âge")."""
    unit = _SHORT_UNITS.get(table.unit)
    if unit is None:
        return table_title(table, lang)
    dim = dimension_label(table.dimension, lang).lower()
    dim = _SHORT_DIMENSIONS.get(dim, dim)
    return (unit[0] + " par " if lang == "fr" else unit[1] + " by ") + dim


def sheet_names(titles: list[str]) -> list[str]:
    """Sheet names from table titles: characters a sheet name cannot hold replaced,
    at most 31 characters (cut at a word where possible), unique."""
    names: list[str] = []
    for title in titles:
        base = " ".join(title.translate(_FORBIDDEN).split()).strip("'")
        if len(base) > SHEET_NAME_MAX:
            cut = base[:SHEET_NAME_MAX + 1].rsplit(" ", 1)[0]
            base = (cut if len(cut) >= 20 else base[:SHEET_NAME_MAX]).rstrip(" ,-–(")
        name, n = base, 1
        while name.casefold() in {x.casefold() for x in names}:
            n += 1
            suffix = f" ({n})"
            name = base[:SHEET_NAME_MAX - len(suffix)].rstrip() + suffix
        names.append(name)
    return names


def summary_xlsx(summary: Summary, lang: Lang = "fr") -> bytes:
    wb = Workbook()
    cover = wb.active
    assert cover is not None
    cover.title = "Résumé" if lang == "fr" else "Summary"
    fr = lang == "fr"
    lines: list[tuple[str, str]] = [
        ("Résumé anonymisé" if fr else "Anonymised summary",
         DEMO_TEXT[lang] if is_demo(summary) else ""),
        ("Structure" if fr else "Organisation", structure_text(summary, lang)),
        ("Période" if fr else "Period", period_text(summary, lang)),
        ("Seuil" if fr else "Threshold", k_text(summary, lang)),
        ("Filtres" if fr else "Filters", filters_text(summary, lang)),
        ("Source", source_text(summary, lang)),
        ("Produit le" if fr else "Produced", produced_text(summary, lang)),
        ("Méthode" if fr else "Method", method_text(summary, lang)),
    ]
    for worker in coverage_lines(summary, lang):
        lines.append(("Couverture" if fr else "Coverage", worker))
    for i, (name, value) in enumerate(lines, start=1):
        _put(cover, i, 1, name, bold=True)
        _put(cover, i, 2, value)
    row = len(lines) + 2
    names = sheet_names([sheet_title(t, lang) for t in summary.tables])
    _put(cover, row, 1, "Feuille" if fr else "Sheet", bold=True)
    _put(cover, row, 2, "Tableau (clé)" if fr else "Table (key)", bold=True)
    for table, sheet in zip(summary.tables, names, strict=True):
        row += 1
        _put(cover, row, 1, sheet)
        _put(cover, row, 2, f"{table_title(table, lang)} ({table.name})")
    cover.column_dimensions["A"].width = 34
    cover.column_dimensions["B"].width = 110

    hidden = hidden_label(summary.k)
    for table, sheet in zip(summary.tables, names, strict=True):
        ws = wb.create_sheet(sheet)
        dim = table.dimension
        _put(ws, 1, 1, table_title(table, lang), bold=True)
        if is_demo(summary):
            _put(ws, 2, 1, DEMO_TEXT[lang], bold=True)
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
