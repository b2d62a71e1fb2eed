"""Render a summary in a format, and write any export file: atomically, 0600,
returning the SHA-256 that the journal records."""

from __future__ import annotations

import hashlib
from pathlib import Path

from accomp.domain.vocab import Lang
from accomp.paths import write_private_atomic
from accomp.reports.csv_report import summary_csv
from accomp.reports.json_report import summary_json
from accomp.reports.summary import Summary
from accomp.reports.xlsx_report import summary_xlsx

SUMMARY_FORMATS = ("xlsx", "csv", "pdf", "json")
ACTIVITY_FORMATS = ("csv", "parquet")


def render_summary(
    summary: Summary, fmt: str, *, lang: Lang = "fr", separator: str = ";", bom: bool = True
) -> bytes:
    """The bytes of a summary file. Refuses (ValueError) an unknown format."""
    if fmt == "json":
        return summary_json(summary, lang)
    if fmt == "csv":
        return summary_csv(summary, lang=lang, separator=separator, bom=bom)
    if fmt == "xlsx":
        return summary_xlsx(summary, lang)
    if fmt == "pdf":
        from accomp.reports.pdf import summary_pdf  # Qt only when a PDF is asked for

        return summary_pdf(summary, lang)
    raise ValueError(f"unknown summary format {fmt!r}")


def write_export(path: Path, data: bytes) -> str:
    """Write atomically with mode 0600; return the file's SHA-256 (hex)."""
    write_private_atomic(path, data)
    return hashlib.sha256(data).hexdigest()
