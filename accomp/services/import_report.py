"""The pre-check's rejected rows, for the worker: why in their language, and as a
CSV they can fix their file with."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from accomp.domain.errors import KnownError
from accomp.domain.import_values import clean
from accomp.reports import destination
from accomp.reports.csv_report import neutralise
from accomp.services.imports import Precheck

_REASONS: dict[str, tuple[str, str]] = {
    "date": ("date illisible", "unreadable date"),
    "duration": ("durée illisible (1 à 720 minutes)", "unreadable duration (1 to 720 minutes)"),
    "unknown": ("valeur hors de la liste", "value not in the list"),
    "required": ("valeur manquante", "missing value"),
    "number": ("nombre illisible", "unreadable number"),
    "yes_no": ("oui ou non attendu", "yes or no expected"),
}


def reason_text(code: str, lang: str = "fr") -> str:
    """Why a row was rejected, in the worker's language."""
    fr, en = _REASONS.get(code) or _message(code)
    return fr if lang == "fr" else en


def _message(code: str) -> tuple[str, str]:
    try:
        return KnownError(code).message("fr"), KnownError(code).message("en")
    except ValueError:
        return code, code


def rejected_csv(plan: Precheck, lang: str = "fr") -> bytes:
    """The rejected rows as a CSV (line, column, value, why), UTF-8 with a BOM and
    `;` for spreadsheets; cells that a spreadsheet would run as formulas are
    neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["ligne", "colonne", "valeur", "motif"] if lang == "fr"
                    else ["line", "column", "value", "reason"])
    for p in plan.problems:
        writer.writerow([p.line, neutralise(p.column), neutralise(clean(p.value)),
                         reason_text(p.code, lang)])
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def save_rejected(plan: Precheck, path: Path, *, data_dir: Path | None, lang: str = "fr",
                  replace: bool = False) -> Path:
    """Write the rejected rows' CSV to `path` (never into the vault's folder). Refuses
    what reports.destination.write_file refuses. Journal: nothing (the worker's own
    file's rows, written where they asked)."""
    return destination.write_file(path, rejected_csv(plan, lang), data_dir=data_dir,
                                  replace=replace)
