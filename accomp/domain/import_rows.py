"""One spreadsheet row, read into what accomp would record: a session (with the
person it names, if any) or a beneficiary file, or the problems that stop it.

The worker's choices for values not found in the reference lists come in as
`choices`: field -> folded value -> a key, NOT_GIVEN (leave it unknown) or SKIP
(leave the row out). A value with no choice is a problem of the row. Pure: no Qt,
no database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from accomp.domain.import_values import (
    NO_VALUE_WORDS,
    NOT_GIVEN,
    ValueProblem,
    clean,
    map_many,
    map_one,
    map_themes,
    parse_count,
    parse_date,
    parse_duration,
    parse_yes_no,
)
from accomp.domain.text import fold
from accomp.domain.vocab import vocabulary

SKIP = "__skip__"
"""A choice for an unknown value: leave the rows holding it out of the import."""

Choices = Mapping[str, Mapping[str, str]]

_LISTS = {
    "kind": "activity_kinds", "place_type": "place_types", "autonomy": "autonomy",
    "referral_target": "referral_targets", "completion": "completion",
    "level": "workshop_levels", "gender": "genders", "age_band": "age_bands",
    "social_status": "social_statuses", "legal_basis": "legal_bases",
}
_PERSON_FIELDS = ("person", "code", "first_name", "last_name", "phone", "email",
                  "birth_year", "gender", "age_band", "social_status", "person_commune",
                  "postal_code", "legal_basis", "informed_on", "notes")
_ANONYMOUS_WORDS = frozenset({"anonyme", "anonymous", "inconnu", "nc", "x", "-", "?"})


@dataclass(frozen=True, slots=True)
class Problem:
    field: str
    code: str  # "date", "duration", "unknown", "required", a KnownError code...
    value: str  # the cell as text (shown to the worker only, never logged)


class SkipRow(Exception):
    """The worker chose to leave out rows holding this value."""


@dataclass(slots=True)
class PersonData:
    """The person a row names (all optional)."""

    code: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    phone: str | None = None
    email: str | None = None
    birth_year: int | None = None
    gender: str = NOT_GIVEN
    age_band: str | None = None
    social_status: str = NOT_GIVEN
    commune: str | None = None
    postal_code: str | None = None
    legal_basis: str | None = None
    informed_on: dt.date | None = None
    notes: str | None = None

    def has_identity(self) -> bool:
        return any((self.first_name, self.last_name, self.phone, self.email))

    def key(self) -> str:
        """Rows naming the same person (folded names, else phone, else e-mail) share it."""
        if self.code:
            return "code:" + self.code.upper()
        names = " ".join(sorted(fold(f"{self.first_name or ''} {self.last_name or ''}").split()))
        if names:
            return "name:" + names + "|" + str(self.birth_year or "")
        return "contact:" + fold(self.phone) + "|" + fold(self.email)

    def named(self) -> bool:
        return bool(self.code) or self.has_identity()


@dataclass(slots=True)
class RowResult:
    line: int
    values: dict[str, Any] = field(default_factory=dict)
    person: PersonData | None = None
    problems: list[Problem] = field(default_factory=list)
    unknown: list[tuple[str, str]] = field(default_factory=list)  # (field, value)
    skipped: bool = False


def _choice(choices: Choices, name: str, text: str) -> str | None:
    return choices.get(name, {}).get(fold(text))


def _listed(row: RowResult, choices: Choices, name: str, cell: object) -> str | None:
    text = clean(cell)
    if not text:
        return None
    try:
        return map_one(_LISTS[name], text)
    except ValueProblem:
        if fold(text) in NO_VALUE_WORDS:
            return None
        chosen = _choice(choices, name, text)
        if chosen == SKIP:
            raise SkipRow from None
        if chosen is not None:
            return None if chosen == NOT_GIVEN and name not in _NOT_GIVEN_KEEPS else chosen
        row.unknown.append((name, text))
        row.problems.append(Problem(name, "unknown", text))
        return None


# Lists where "Non communiqué" is itself a key.
_NOT_GIVEN_KEEPS = frozenset({"gender", "age_band", "social_status"})


def _resolve_items(row: RowResult, choices: Choices, name: str, items: list[str],
                   list_name: str) -> list[str]:
    """Keys the worker chose for unknown items of a list cell (unknown ones left as
    problems)."""
    keys: list[str] = []
    for item in items:
        chosen = _choice(choices, name, item)
        if chosen == SKIP:
            raise SkipRow
        if chosen is None:
            row.unknown.append((name, item))
            row.problems.append(Problem(name, "unknown", item))
        elif chosen != NOT_GIVEN:
            keys.append(chosen)
    return keys


def _parsed(row: RowResult, name: str, cell: object, parse: Callable[[object], Any]) -> Any:
    if not clean(cell) and not isinstance(cell, int | float | dt.date | dt.time | dt.timedelta):
        return None
    try:
        return parse(cell)
    except ValueProblem as problem:
        row.problems.append(Problem(name, problem.code, clean(cell)))
        return None


def _text(cell: object) -> str | None:
    return clean(cell) or None


def _split_name(full: str) -> tuple[str | None, str | None]:
    """"Marie DUPONT" -> (Marie, DUPONT); a single word is a last name."""
    words = full.split()
    if len(words) == 1:
        return None, words[0]
    upper = [w for w in words if w.isupper() and len(w) > 1]
    if upper and len(upper) < len(words):
        rest = [w for w in words if w not in upper]
        return " ".join(rest), " ".join(upper)
    return words[0], " ".join(words[1:])


def read_person(row: RowResult, cells: Mapping[str, object], choices: Choices) -> PersonData:
    p = PersonData()
    full = clean(cells.get("person"))
    if full and fold(full) not in _ANONYMOUS_WORDS:
        if full.upper().startswith("B-") and len(full) <= 12:
            p.code = full.upper()
        else:
            p.first_name, p.last_name = _split_name(full)
    p.code = _text(cells.get("code")) or p.code
    p.first_name = _text(cells.get("first_name")) or p.first_name
    p.last_name = _text(cells.get("last_name")) or p.last_name
    p.phone = _text(cells.get("phone"))
    p.email = _text(cells.get("email"))
    born = cells.get("birth_year")
    if isinstance(born, dt.date):
        p.birth_year = born.year
    elif clean(born):
        year = _parsed(row, "birth_year", born, _birth_year)
        p.birth_year = year
    for name in ("gender", "social_status"):
        if (key := _listed(row, choices, name, cells.get(name))) is not None:
            setattr(p, name, key)
    p.age_band = _listed(row, choices, "age_band", cells.get("age_band"))
    p.commune = _text(cells.get("person_commune"))
    p.postal_code = _text(cells.get("postal_code"))
    p.legal_basis = _listed(row, choices, "legal_basis", cells.get("legal_basis"))
    p.informed_on = _parsed(row, "informed_on", cells.get("informed_on"), parse_date)
    p.notes = _text(cells.get("notes"))
    return p


def _birth_year(cell: object) -> int:
    text = clean(cell)
    if len(text) == 4 and text.isdigit():
        return int(text)
    return parse_date(cell).year


def read_activity(line: int, cells: Mapping[str, object], choices: Choices) -> RowResult:
    """A session's fields from one row (ActivityIn's names), the person it names, and
    the problems found. The place defaults to the structure's premises, the kind to
    individual (collective when a workshop title or more than one participant is
    given). Notes are not read: they need the person's notes consent."""
    row = RowResult(line)
    try:
        _read_activity(row, cells, choices)
    except SkipRow:
        row.skipped = True
    return row


def _read_activity(row: RowResult, cells: Mapping[str, object], choices: Choices) -> None:
    v = row.values
    day = cells.get("date")
    v["date"] = _parsed(row, "date", day, parse_date)
    if v["date"] is None and not any(p.field == "date" for p in row.problems):
        row.problems.append(Problem("date", "required", ""))
    v["duration_min"] = _parsed(row, "duration_min", cells.get("duration_min"), parse_duration)
    if v["duration_min"] is None and not any(p.field == "duration_min" for p in row.problems):
        row.problems.append(Problem("duration_min", "required", ""))
    themes, admin, unknown = map_themes(cells.get("themes"))
    extra_admin, more_unknown = map_many("admin_themes", cells.get("admin_themes"))
    for item in more_unknown:  # an office's name in the administrative column ("CAF")
        t, a, u = map_themes(item)
        themes += [k for k in t if k not in themes]
        extra_admin += [k for k in a if k not in extra_admin]
        unknown += u
    chosen = _resolve_items(row, choices, "themes", unknown, "themes")
    # An unknown theme may be mapped to an administrative theme (a procedure's office).
    admin_keys = {t.key for t in vocabulary().terms("admin_themes")}
    themes += [k for k in chosen if k not in themes and k not in admin_keys]
    extra_admin += [k for k in chosen if k in admin_keys and k not in extra_admin]
    admin += [k for k in extra_admin if k not in admin]
    if admin and "AideAuxDemarchesAdministratives" not in themes:
        themes.append("AideAuxDemarchesAdministratives")
    if not themes and not unknown:
        row.problems.append(Problem("themes", "required", ""))
    v["themes"], v["admin_themes"] = themes, admin
    equipment, unknown_eq = map_many("equipment", cells.get("equipment"))
    v["equipment"] = equipment + _resolve_items(row, choices, "equipment", unknown_eq,
                                                "equipment")
    v["place_type"] = _listed(row, choices, "place_type", cells.get("place_type"))
    if v["place_type"] is None and not any(p.field == "place_type" for p in row.problems):
        v["place_type"] = "LieuActivite"
    commune = _text(cells.get("commune"))
    v["commune"] = {"name": commune[:100]} if commune else None
    details = _text(cells.get("procedure_details"))
    v["procedure_details"] = details if details and admin else None
    participants = _parsed(row, "participants", cells.get("participants"), parse_count)
    title = _text(cells.get("workshop_title"))
    kind = _listed(row, choices, "kind", cells.get("kind"))
    if kind is None:
        kind = "Collectif" if title or (participants or 0) > 1 else "Individuel"
    v["kind"] = kind
    if kind == "Collectif":
        v["workshop_title"] = (title or "Atelier")[:200]
        v["level"] = _listed(row, choices, "level", cells.get("level"))
        v["anonymous"] = {"total": max(participants or 1, 1)}
        return
    v["autonomy"] = _listed(row, choices, "autonomy", cells.get("autonomy"))
    v["completion"] = _listed(row, choices, "completion", cells.get("completion"))
    target = _listed(row, choices, "referral_target", cells.get("referral_target"))
    referred = _parsed(row, "referred", cells.get("referred"), parse_yes_no)
    v["referred"] = bool(referred) or target is not None
    v["referral_target"] = target if v["referred"] else None
    if v["referred"] and target is None:
        v["referral_target"] = "Autre"
    row.person = read_person(row, {k: cells.get(k) for k in _PERSON_FIELDS if k != "notes"},
                             choices)


def read_beneficiary(line: int, cells: Mapping[str, object], choices: Choices) -> RowResult:
    """A beneficiary file from one row (the person, with their notes)."""
    row = RowResult(line)
    try:
        row.person = read_person(row, cells, choices)
    except SkipRow:
        row.skipped = True
        return row
    if not row.person.named() and row.person.gender == NOT_GIVEN \
            and row.person.social_status == NOT_GIVEN and row.person.age_band is None:
        row.problems.append(Problem("last_name", "required", ""))
    return row
