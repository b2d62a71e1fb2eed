"""What a pre-check found, and what the worker chose: the import's plain data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from accomp.domain.import_headers import ImportKind
from accomp.domain.import_rows import Choices, PersonData


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """What the worker decided in the mapping step. `mapping`: column index ->
    field (None: guessed from the headers); `choices`: field -> folded unknown value
    -> key, NonCommunique or import_rows.SKIP; `legal_basis` and `informed_on`: for
    the identified people of rows that give none."""

    mapping: Mapping[int, str] | None = None
    choices: Choices = field(default_factory=dict)
    # header (accents and case ignored) -> field, "" to leave a column out: a saved
    # mapping for a file layout; guessed headers not named keep their guess.
    columns: Mapping[str, str] | None = None
    legal_basis: str | None = None
    informed_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class RowProblem:
    line: int
    column: str  # the file's header
    field: str
    code: str
    value: str


@dataclass(slots=True)
class PersonPlan:
    """A person named by the file: an existing file (`match_id`), or one to create."""

    key: str
    data: PersonData
    lines: list[int] = field(default_factory=list)
    match_id: int | None = None
    match_code: str | None = None
    identified: bool = False  # a legal basis and an information date are known
    # An existing file that may be this person but not surely (a close name, or
    # several files of that name): the import creates a file and offers to merge.
    maybe_id: int | None = None
    maybe_code: str | None = None
    reasons: tuple[str, ...] = ()  # why matched: "code", "name", "phone", "email"


@dataclass(slots=True)
class Precheck:
    kind: ImportKind
    file_name: str
    sha256: str
    headers: list[str]
    mapping: dict[int, str]
    layout: str
    total_rows: int
    ready: list[tuple[int, Any]]  # line, ActivityIn-shaped dict or PersonData
    problems: list[RowProblem]
    skipped: list[int]
    people: list[PersonPlan]
    existing: list[int]  # lines of sessions already logged
    unknown_values: dict[tuple[str, str], int]
    anonymous_for_consent: int  # rows whose person is imported without identity
    skipped_totals: list[int]
    last_batch_id: int | None
    person_of_line: dict[int, str] = field(default_factory=dict)

    @property
    def rejected_lines(self) -> list[int]:
        return sorted({p.line for p in self.problems})

    def counts(self) -> dict[str, int]:
        return {
            "rows": self.total_rows, "ready": len(self.ready),
            "rejected": len(self.rejected_lines), "skipped": len(self.skipped),
            "existing": len(self.existing),
            "matched": sum(1 for p in self.people if p.match_id is not None),
            "to_create": sum(1 for p in self.people if p.match_id is None and p.identified),
            "anonymous": self.anonymous_for_consent,
            "uncertain": sum(1 for p in self.people if p.maybe_id is not None),
        }


@dataclass(frozen=True, slots=True)
class ImportResult:
    batch_id: int
    counts: dict[str, int]
    # person key -> (id, code) of the file the import created for that person
    created: dict[str, tuple[int, str]] = field(default_factory=dict)
