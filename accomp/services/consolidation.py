"""A supervisor's team summary from the workers' anonymised activity files."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from accomp.domain.vocab import Lang
from accomp.privacy.suppression import DEFAULT_K
from accomp.reports import consolidate as consolidation
from accomp.reports.destination import check_destination
from accomp.reports.output import SUMMARY_FORMATS, render_summary
from accomp.reports.summary import Summary
from accomp.services.reports import (
    ExportResult,
    check_format,
    check_k,
    check_separator,
    write_journaled,
)
from accomp.store.vault import Vault


def consolidate(paths: Sequence[Path], *, k: int = DEFAULT_K) -> Summary:
    """The team's anonymised summary of several workers' activity files (CSV or
    Parquet, as written by export_activities), with the same tables and the same
    suppression as a worker's own summary.

    Refuses (KnownError): out_of_range for k; consolidation_no_input;
    consolidation_file_missing / consolidation_unreadable / consolidation_bad_schema
    (naming the file by its position and the offending column);
    consolidation_same_file (the same export twice); consolidation_overlap (two
    exports of one worker over overlapping periods: the same sessions twice);
    consolidation_mixed_structures (different structure secrets).
    Reads only.
    """
    check_k(k)
    return consolidation.consolidate([Path(p) for p in paths], k=k)


def export_consolidation(
    paths: Sequence[Path], fmt: str, out: Path, *, k: int = DEFAULT_K,
    vault: Vault | None = None, lang: Lang = "fr", separator: str = ",", bom: bool = False,
    replace: bool = False,
) -> ExportResult:
    """Write the team summary to `out` (xlsx, csv, pdf or json); an existing file
    only with `replace` (the user confirmed).

    Refuses as `consolidate` does, not_in_list for the format, the destinations
    reports.destination refuses, disk_error.
    Journal (when the supervisor's vault is given): export.consolidation with the
    format, SHA-256, k, period, number of files and rows, and each input file's
    SHA-256.
    """
    check_format(fmt, SUMMARY_FORMATS)
    check_separator(separator)
    check_destination(out, data_dir=vault.paths.data_dir if vault else None, replace=replace)
    summary = consolidate(paths, k=k)
    data = render_summary(summary, fmt, lang=lang, separator=separator, bom=bom)
    details = {
        "period": [summary.date_from.isoformat(), summary.date_to.isoformat()],
        "k": summary.k, "files": len(paths), "rows": summary.inputs.get("rows", 0),
        "inputs_sha256": [_sha256(Path(p)) for p in paths],
        "suppressed_cells": summary.suppressed_cells,
    }
    return write_journaled(vault, "export.consolidation", fmt, out, data, details,
                           replace=replace)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
