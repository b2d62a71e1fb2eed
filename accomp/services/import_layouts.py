"""The mapping step of an import: a file's columns, the fields guessed for them, and
the mapping the worker saved last time for the same layout (same headers in the same
order), kept in the vault's settings. Neither names nor values of rows are kept:
only headers and field names."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from accomp.domain.errors import KnownError
from accomp.domain.import_headers import (
    FIELDS,
    ImportKind,
    guess_mapping,
    header_score,
    layout_key,
    refine_with_values,
)
from accomp.reports.sheet_reader import read_sheet
from accomp.store import settings
from accomp.store.vault import Vault

_PREFIX = "import_layout."


@dataclass(frozen=True, slots=True)
class Layout:
    headers: list[str]
    mapping: dict[int, str]  # column index -> field, guessed or as saved
    layout: str
    saved: bool  # the mapping is the one saved for this layout
    rows: int


def _key(kind: ImportKind, layout: str) -> str:
    return f"{_PREFIX}{kind}.{layout}"


def read_layout(vault: Vault, path: Path, kind: ImportKind) -> Layout:
    """The columns of `path` and their fields: the saved mapping of this layout when
    there is one, else the guess. Refuses what sheet_reader.read_sheet refuses,
    vault_locked. Reads only; journal: nothing."""
    sheet = read_sheet(path, lambda cells: header_score(kind, cells))
    layout = layout_key(sheet.headers)
    with vault.reading() as s:
        raw = settings.get(s, _key(kind, layout))
    if raw is not None:
        known = {f.name for f in FIELDS[kind]}
        saved = {int(i): f for i, f in json.loads(raw).items() if f in known}
        return Layout(sheet.headers, saved, layout, True, len(sheet.rows))
    guessed = refine_with_values(kind, guess_mapping(kind, sheet.headers),
                                 [cells for _, cells in sheet.rows[:200]])
    return Layout(sheet.headers, guessed, layout, False, len(sheet.rows))


def save_layout(vault: Vault, kind: ImportKind, layout: str, mapping: dict[int, str]) -> None:
    """Keep `mapping` for files of this layout. Refuses import_bad_mapping (a field
    accomp does not have), vault_locked, vault_read_only. Journal: nothing (no
    personal data: column positions and field names)."""
    known = {f.name for f in FIELDS[kind]}
    if any(f not in known for f in mapping.values()):
        raise KnownError("import_bad_mapping")
    with vault.transaction() as s:
        settings.put(s, _key(kind, layout), json.dumps({str(i): f for i, f in
                                                        sorted(mapping.items())}))
