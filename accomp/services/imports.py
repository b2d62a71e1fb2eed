"""Bringing the past in: sessions and beneficiary files from a worker's spreadsheet.

Two steps. `precheck` reads the file and the vault and writes nothing: rows
ready, rows with problems (line, column, value, why), people matched to existing
files (the duplicate detector of services.duplicates), people to create, sessions
already logged. `write_import` records every accepted row in one transaction (all
or nothing), as one batch with one journal entry; `undo_last_import` removes the
latest batch while no other import came after it.

Identified people need a legal basis and the date they were informed, from a column
or one value for the whole file; without them, sessions are logged anonymously and
files keep their statistical attributes only.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from accomp.domain.clock import instant
from accomp.domain.errors import KnownError, field_label
from accomp.domain.import_headers import (
    FIELDS,
    ImportKind,
    guess_mapping,
    header_score,
    layout_key,
    missing_required,
    refine_with_values,
)
from accomp.domain.import_rows import (
    PersonData,
    Problem,
    RowResult,
    read_activity,
    read_beneficiary,
)
from accomp.domain.import_values import clean
from accomp.domain.models import ActivityIn, BeneficiaryIn
from accomp.domain.rules import age_band, check_activity, check_beneficiary, parse
from accomp.domain.text import fold, search_key
from accomp.reports.sheet_reader import Sheet, read_sheet
from accomp.services import import_matching
from accomp.services.activities import _row_values
from accomp.services.import_plan import (
    ImportOptions,
    ImportResult,
    PersonPlan,
    Precheck,
    RowProblem,
)
from accomp.store import audit, imports, repo
from accomp.store.tables import Beneficiary
from accomp.store.vault import Vault

__all__ = ["ImportOptions", "ImportResult", "PersonPlan", "Precheck", "RowProblem",
           "precheck", "undo_last_import", "write_import"]

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
_PROGRESS_EVERY = 500


# --- pre-check -----------------------------------------------------------------------


def precheck(
    vault: Vault, path: Path, kind: ImportKind, options: ImportOptions | None = None, *,
    today: dt.date | None = None, progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Precheck:
    """Read `path` and say what importing it would do; writes nothing (vault, file
    and disk alike). Refuses what sheet_reader.read_sheet refuses, import_missing_column
    (a required field no column is mapped to), import_cancelled, vault_locked.
    Journal: nothing."""
    options = options or ImportOptions()
    today = today or dt.date.today()
    sheet = read_sheet(path, lambda cells: header_score(kind, cells))
    mapping = dict(options.mapping) if options.mapping is not None else refine_with_values(
        kind, guess_mapping(kind, sheet.headers), [cells for _, cells in sheet.rows[:200]])
    if options.mapping is None and options.columns is not None:
        mapping = _by_header(kind, sheet.headers, mapping, options.columns)
    mapping = {i: f for i, f in mapping.items() if 0 <= i < len(sheet.headers) and f}
    missing = missing_required(kind, mapping)
    if missing:
        raise KnownError("import_missing_column", missing[0])
    reader = read_activity if kind == "activities" else read_beneficiary
    results: list[RowResult] = []
    total = len(sheet.rows)
    for n, (line, cells) in enumerate(sheet.rows):
        if n % _PROGRESS_EVERY == 0:
            if cancelled is not None and cancelled():
                raise KnownError("import_cancelled")
            if progress is not None:
                progress(n, total)
        by_field = {name: cells[i] for i, name in mapping.items()}
        results.append(reader(line, by_field, options.choices))
    with vault.reading() as s:
        last = imports.last_batch(s)
    plan = Precheck(
        kind=kind, file_name=path.name, sha256=sheet.sha256, headers=sheet.headers,
        mapping=mapping, layout=layout_key(sheet.headers), total_rows=total, ready=[],
        problems=[], skipped=[], people=[], existing=[], unknown_values={},
        anonymous_for_consent=0, skipped_totals=sheet.skipped_totals,
        last_batch_id=last.id if last else None,
    )
    _collect(plan, sheet, results, options, today)
    if progress is not None:
        progress(total, total)
    import_matching.match_people(vault, plan)
    if kind == "activities":
        import_matching.find_existing(vault, plan)
    return plan


def _by_header(kind: ImportKind, headers: Sequence[str], guessed: dict[int, str],
               columns: Mapping[str, str]) -> dict[int, str]:
    """The guess, corrected by a saved mapping of headers. Refuses import_bad_mapping
    (a field accomp does not have)."""
    known = {f.name for f in FIELDS[kind]}
    wanted = {fold(h): f for h, f in columns.items()}
    if any(f and f not in known for f in wanted.values()):
        raise KnownError("import_bad_mapping")
    out = dict(guessed)
    for index, header in enumerate(headers):
        if fold(header) in wanted:
            out[index] = wanted[fold(header)]
    chosen = {i: f for i, f in out.items() if f}
    # A field given by the saved mapping is taken from its column only.
    for index, name in list(chosen.items()):
        if fold(headers[index]) not in wanted and name in {
                wanted[fold(h)] for h in headers if fold(h) in wanted}:
            del chosen[index]
    return chosen


def _column_of(plan: Precheck, field_name: str) -> str:
    for index, name in plan.mapping.items():
        if name == field_name:
            return plan.headers[index]
    return field_label(field_name)


def _collect(plan: Precheck, sheet: Sheet, results: Sequence[RowResult],
             options: ImportOptions, today: dt.date) -> None:
    unknown: Counter[tuple[str, str]] = Counter()
    people: dict[str, PersonPlan] = {}
    cells_of = dict(sheet.rows)
    for row in results:
        unknown.update(row.unknown)
        if row.skipped:
            plan.skipped.append(row.line)
            continue
        problems = list(row.problems)
        payload: Any = None
        if not problems:
            try:
                payload = _validated(plan.kind, row, today)
            except KnownError as err:
                name = _FIELD_OF_ERROR.get(err.field or "", err.field or "")
                problems.append(Problem(name, err.code, ""))
        person = row.person
        if person is not None and (person.named() or plan.kind == "beneficiaries"):
            person.legal_basis = person.legal_basis or options.legal_basis
            person.informed_on = person.informed_on or options.informed_on
            if _identified(person, today) and not problems:
                try:  # what the file would hold: a phone, an e-mail as the rules allow
                    _beneficiary_in(person, identified=True, today=today)
                except KnownError as err:
                    problems.append(Problem(err.field or "", err.code, ""))
        if problems:
            plan.problems.extend(
                RowProblem(row.line, _column_of(plan, p.field), p.field, p.code,
                           p.value or _cell_text(cells_of[row.line], plan, p.field))
                for p in problems)
            continue
        plan.ready.append((row.line, payload))
        if person is None or not (person.named() or plan.kind == "beneficiaries"):
            continue
        key = person.key() if person.named() else f"line:{row.line}"
        found = people.setdefault(key, PersonPlan(key, person))
        found.lines.append(row.line)
        found.identified = _identified(found.data, today)
        plan.person_of_line[row.line] = key
    plan.people = list(people.values())
    plan.unknown_values = dict(unknown)


def _identified(p: PersonData, today: dt.date) -> bool:
    """A legal basis and an information date (not in the future) are known."""
    return bool(p.legal_basis and p.informed_on and p.informed_on <= today)


def _cell_text(cells: Sequence[object], plan: Precheck, field_name: str) -> str:
    """The row's cell of `field_name`, as text (for the worker's report only)."""
    for index, name in plan.mapping.items():
        if name == field_name:
            return clean(cells[index])
    return ""


# A rule's field (ActivityIn's) -> the import field whose column it concerns.
_FIELD_OF_ERROR = {"commune_name": "commune", "anon_total": "participants",
                   "participant_ids": "participants"}


def _validated(kind: ImportKind, row: RowResult, today: dt.date) -> Any:
    if kind == "activities":
        a = parse(ActivityIn, row.values)
        check_activity(a, today)
        return a
    assert row.person is not None
    _beneficiary_in(row.person, identified=False, today=today)  # the statistics part
    return row.person


# --- write ---------------------------------------------------------------------------


def _beneficiary_in(p: PersonData, *, identified: bool, today: dt.date) -> BeneficiaryIn:
    data: dict[str, Any] = {
        "gender": p.gender, "social_status": p.social_status, "age_band": p.age_band,
    }
    if p.commune or p.postal_code:
        data["commune"] = {"name": (p.commune or p.postal_code or "")[:100],
                           **({"postal_code": p.postal_code} if p.postal_code else {})}
    if identified:
        data.update(first_name=p.first_name, last_name=p.last_name, phone=p.phone,
                    email=p.email, birth_year=p.birth_year, notes=p.notes,
                    legal_basis=p.legal_basis, informed_on=p.informed_on)
    b = parse(BeneficiaryIn, data)
    check_beneficiary(b, today)
    return b


def _new_file(s: Any, p: PersonData, *, identified: bool, today: dt.date,
              at: dt.datetime) -> Beneficiary:
    b = _beneficiary_in(p, identified=identified, today=today)
    row = Beneficiary(code=repo.new_beneficiary_code(s), created_at=at, updated_at=at)
    for name in ("first_name", "last_name", "phone", "email", "birth_year", "notes",
                 "gender", "social_status", "legal_basis", "informed_on"):
        setattr(row, name, getattr(b, name))
    row.age_band = b.age_band or age_band(b.birth_year, today)
    if b.commune:
        row.commune_name, row.commune_postal_code = b.commune.name, b.commune.postal_code
    row.search_key = search_key(b.first_name, b.last_name, b.phone, b.email)
    s.add(row)
    return row


_ACTIONS = {"activities": "import.activities", "beneficiaries": "import.beneficiaries"}


def write_import(
    vault: Vault, plan: Precheck, *, today: dt.date | None = None,
    at: dt.datetime | None = None,
) -> ImportResult:
    """Record the rows `plan` found ready, in one transaction: every one or none.
    Identified people matched to a file are linked to it; the others get a new file
    (with their identity only when a legal basis and an information date are known,
    else with their statistical attributes only, and their sessions anonymous).
    A person only possibly matched (`PersonPlan.maybe_id`) gets a file of their own:
    `ImportResult.created` names it, for the worker to merge if it is the same person.
    Refuses import_changed (another import since the pre-check), what a row's save
    would refuse (nothing written then), vault_locked.
    Journal: one import.activities / import.beneficiaries entry with the file's name,
    its SHA-256 and the counts (no person's name, no value of a row)."""
    now = instant(today, at)
    today = today or now.date()
    with vault.transaction() as s:
        last = imports.last_batch(s)
        if (last.id if last else None) != plan.last_batch_id:
            raise KnownError("import_changed")
        batch = imports.new_batch(s, plan.kind, plan.sha256, now)
        ids_of_people, created = _create_people(s, plan, batch, today, now)
        activity_ids: list[int] = []
        contacts: dict[int, dt.date] = {}
        if plan.kind == "activities":
            for line, a in plan.ready:
                bid = ids_of_people.get(plan.person_of_line.get(line, ""))
                a_in = a.model_copy(update={"beneficiary_id": bid}) if bid else a
                values = _row_values(a_in)
                activity_ids.append(repo.insert_activity(
                    s, {**values, "created_at": now, "updated_at": now}))
                if bid is not None and contacts.get(bid, dt.date.min) < a.date:
                    contacts[bid] = a.date
            imports.add_items(s, batch, "activity", activity_ids)
            for bid, day in contacts.items():
                repo.note_contact(s, [bid], day)
        files_created = len(imports.items(s, batch, "beneficiary"))
        counts = {**plan.counts(), "activities_created": len(activity_ids),
                  "files_created": files_created}
        imports.set_counts(s, batch, counts)
        # Literal keys: the journal's page has words for each (ui/audit_labels.py).
        details = {"name": plan.file_name, "sha256": plan.sha256, "rows": plan.total_rows,
                   "rejected": counts["rejected"], "existing": counts["existing"],
                   "matched": counts["matched"], "activities": len(activity_ids),
                   "files_created": files_created}
        audit.append(s, actor=vault.worker, action=_ACTIONS[plan.kind], entity="import",
                     ref=str(batch), details=details, at=now)
        return ImportResult(batch, counts, created)


def _create_people(s: Any, plan: Precheck, batch: int, today: dt.date,
                   at: dt.datetime) -> tuple[dict[str, int], dict[str, tuple[int, str]]]:
    """person key -> file id, for every person whose rows are imported; and person
    key -> (id, code) of the files created."""
    ready = {line for line, _ in plan.ready}
    out: dict[str, int] = {}
    created: dict[str, tuple[int, str]] = {}
    for person in plan.people:
        if not any(line in ready for line in person.lines):
            continue
        if person.match_id is not None:
            out[person.key] = person.match_id
            continue
        if plan.kind == "activities" and not person.identified:
            continue  # its sessions are logged anonymously
        row = _new_file(s, person.data, identified=person.identified, today=today, at=at)
        s.flush()
        assert row.id is not None
        out[person.key] = row.id
        created[person.key] = (row.id, row.code)
    imports.add_items(s, batch, "beneficiary", [i for i, _ in created.values()])
    return out, created


def undo_last_import(vault: Vault, *, at: dt.datetime | None = None) -> dict[str, int]:
    """Remove every session and file the latest import created. Refuses
    import_nothing_to_undo (no import, or the latest already undone),
    import_undo_blocked (sessions, consents, mandates or drafts were added since to
    the files it created), import_undo_merged (a file it created was merged with
    another since: that merge must be undone first), vault_locked.
    Journal: import.undo with the batch id and counts."""
    now = instant(None, at)
    with vault.transaction() as s:
        last = imports.last_batch(s)
        if last is None or last.undone_at is not None:
            raise KnownError("import_nothing_to_undo")
        if imports.merged_since(s, last.id):
            raise KnownError("import_undo_merged")
        blocked = imports.attached_elsewhere(s, last.id)
        if blocked:
            raise KnownError("import_undo_blocked", count=blocked)
        activities = len(imports.items(s, last.id, "activity"))
        files = len(imports.items(s, last.id, "beneficiary"))
        touched = imports.delete_batch_rows(s, last.id, now)
        repo.refresh_last_contact(s, touched)
        audit.append(s, actor=vault.worker, action="import.undo", entity="import",
                     ref=str(last.id), details={"activities": activities,
                                                "files_created": files}, at=now)
        return {"activities": activities, "files": files}


def last_import(vault: Vault) -> imports.Batch | None:
    """The latest import (for the undo button); reads only."""
    with vault.reading() as s:
        return imports.last_batch(s)
