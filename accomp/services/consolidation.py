"""A supervisor's team summary from the workers' anonymised activity files."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path

from accomp.domain.errors import KnownError
from accomp.domain.vocab import Lang
from accomp.privacy.suppression import DEFAULT_K
from accomp.reports import consolidate as consolidation
from accomp.reports.activity_tag import FileKey
from accomp.reports.destination import check_destination
from accomp.reports.output import SUMMARY_FORMATS, render_summary
from accomp.reports.summary import Summary
from accomp.services.exports import file_key_from_secret_file, file_key_from_vault
from accomp.services.reports import (
    ExportResult,
    check_format,
    check_k,
    check_separator,
    structure_facts,
    write_journaled,
)
from accomp.store.vault import Vault


def file_key(vault: Vault | None, secret_file: Path | None) -> FileKey:
    """What verifies the files' authentication tags: the structure secret of the
    given secret file, else of the supervisor's vault. Refuses
    consolidation_no_secret when neither is given, structure_secret_invalid."""
    if secret_file is not None:
        return file_key_from_secret_file(secret_file)
    if vault is not None:
        return file_key_from_vault(vault)
    raise KnownError("consolidation_no_secret")


def consolidate(
    paths: Sequence[Path], *, k: int = DEFAULT_K, key: FileKey | None = None,
    allow_untagged: bool = False, about: Mapping[str, object] | None = None,
    vault: Vault | None = None,
) -> Summary:
    """The team's anonymised summary of several workers' activity files (CSV or
    Parquet, as written by export_activities), with the same tables and the same
    protection as a worker's own summary, and each worker's coverage.

    Every file's authentication tag is verified with `key`, or the structure
    secret of `vault` (files without one are refused unless `allow_untagged`:
    schema-1 exports); with neither, tags are not verified (tests of the counts).
    Every row must be plausible (reports.plausibility).

    Refuses (KnownError): out_of_range for k; consolidation_no_input;
    consolidation_refused naming the file (untagged, altered, truncated, signed by
    another structure, or implausible rows: month outside its period, duration or
    head counts beyond the logbook's bounds, repeated row ids, period reversed);
    consolidation_no_period (no file states its period);
    consolidation_file_missing / consolidation_unreadable / consolidation_bad_schema
    (naming the file by its position and the offending column);
    consolidation_same_file (the same export twice); consolidation_overlap (two
    exports of one worker over overlapping periods: the same sessions twice);
    consolidation_mixed_structures (different structure secrets).
    Reads only.
    """
    check_k(k)
    if key is None and vault is not None:
        key = file_key(vault, None)
    return consolidation.consolidate([Path(p) for p in paths], k=k, key=key,
                                     allow_untagged=allow_untagged, about=about)


def export_consolidation(
    paths: Sequence[Path], fmt: str, out: Path, *, k: int = DEFAULT_K,
    vault: Vault | None = None, lang: Lang = "fr", separator: str = ";",
    bom: bool | None = None, secret_file: Path | None = None, allow_untagged: bool = False,
    replace: bool = False,
) -> ExportResult:
    """Write the team summary to `out` (xlsx, csv, pdf or json); an existing file
    only with `replace` (the user confirmed). The files' tags are verified with the
    structure secret of `secret_file`, else of `vault`.

    Refuses as `consolidate` and `file_key` do, not_in_list for the format, the
    destinations reports.destination refuses, disk_error; nothing is written when a
    file is refused.
    Journal (when the supervisor's vault is given): export.consolidation with the
    format, SHA-256, k, period, number of files and rows, and each input file's
    SHA-256.
    """
    check_format(fmt, SUMMARY_FORMATS)
    check_separator(separator)
    check_destination(out, data_dir=vault.paths.data_dir if vault else None, replace=replace)
    key = file_key(vault, secret_file)
    about: dict[str, object] = {}
    if vault is not None:
        with vault.reading() as s:
            about = {k: v for k, v in structure_facts(s).items() if k != "demo"}
    summary = consolidate(paths, k=k, key=key, allow_untagged=allow_untagged, about=about)
    data = render_summary(summary, fmt, lang=lang, separator=separator,
                          bom=separator == ";" if bom is None else bom)
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
