"""Render a summary in a format, and write any export file (through
reports.destination: refused where it could harm the vault, atomically, 0600),
returning the SHA-256 that the journal records."""

from __future__ import annotations

import hashlib
from pathlib import Path

from accomp.domain.vocab import Lang
from accomp.reports.csv_report import summary_csv
from accomp.reports.destination import write_file
from accomp.reports.json_report import summary_json
from accomp.reports.summary import Summary

SUMMARY_FORMATS = ("xlsx", "csv", "pdf", "json")
ACTIVITY_FORMATS = ("csv", "parquet", "xlsx")


def render_summary(
    summary: Summary, fmt: str, *, lang: Lang = "fr", separator: str = ";", bom: bool = True
) -> bytes:
    """The bytes of a summary file. Refuses (ValueError) an unknown format."""
    if fmt == "json":
        return summary_json(summary, lang)
    if fmt == "csv":
        return summary_csv(summary, lang=lang, separator=separator, bom=bom)
    if fmt == "xlsx":
        # openpyxl (~0.15 s to import) only when a spreadsheet is asked for
        from accomp.reports.xlsx_report import summary_xlsx

        return summary_xlsx(summary, lang)
    if fmt == "pdf":
        from accomp.reports.pdf import summary_pdf  # Qt only when a PDF is asked for

        return summary_pdf(summary, lang)
    raise ValueError(f"unknown summary format {fmt!r}")


def write_export(
    path: Path, data: bytes, *, data_dir: Path | None, replace: bool = False
) -> str:
    """Write atomically with mode 0600; return the file's SHA-256 (hex). Refuses as
    reports.destination.write_file does (`data_dir`: the vault's data folder;
    `replace`: the user agreed to replace an existing file)."""
    write_file(path, data, data_dir=data_dir, replace=replace)
    return hashlib.sha256(data).hexdigest()
