"""Input and output models (SQLModel, non-table): field shapes and validation.

Cross-field and clock-dependent rules live in `rules.py`, so that every rule about
"today" takes today as an argument and stays testable.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import AfterValidator, ConfigDict, Field, field_validator
from sqlmodel import SQLModel

from accomp.domain.vocab import vocabulary

ActivityKind = Literal["Individuel", "Collectif"]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_CONTROL_SINGLE_LINE = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")
_PHONE = re.compile(r"^\+?[0-9][0-9 .\-()]{5,24}$")
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,190}\.[^@\s]{2,63}$")
_POSTAL = re.compile(r"^[0-9]{5}$")
_INSEE = re.compile(r"^(?:[0-9]{5}|2[AB][0-9]{3})$")


def _single_line(value: str) -> str:
    if _CONTROL_SINGLE_LINE.search(value):
        raise ValueError("control_chars")
    if not value.strip():
        raise ValueError("required")
    return value


def _multi_line(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError("control_chars")
    return value


def _in(list_name: str) -> AfterValidator:
    def check(value: str) -> str:
        if value not in vocabulary().keys(list_name):
            raise ValueError("not_in_list")
        return value

    return AfterValidator(check)


def _all_in(list_name: str) -> AfterValidator:
    def check(values: list[str]) -> list[str]:
        allowed = vocabulary().keys(list_name)
        if any(v not in allowed for v in values):
            raise ValueError("not_in_list")
        if len(set(values)) != len(values):
            raise ValueError("invalid")
        return values

    return AfterValidator(check)


ShortText = Annotated[str, Field(max_length=100), AfterValidator(_single_line)]
Title = Annotated[str, Field(max_length=200), AfterValidator(_single_line)]
LongText = Annotated[str, Field(max_length=10_000), AfterValidator(_multi_line)]
Details = Annotated[str, Field(max_length=2_000), AfterValidator(_multi_line)]


def _pattern(rx: re.Pattern[str]) -> AfterValidator:
    def check(value: str) -> str:
        if not rx.fullmatch(value):
            raise ValueError("invalid")
        return value

    return AfterValidator(check)


Phone = Annotated[str, Field(max_length=30), _pattern(_PHONE)]
Email = Annotated[str, Field(max_length=254), _pattern(_EMAIL)]
PostalCode = Annotated[str, _pattern(_POSTAL)]
InseeCode = Annotated[str, _pattern(_INSEE)]
HeadCount = Annotated[int, Field(ge=0, le=1000)]


class _Strict(SQLModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)  # type: ignore[assignment]


class Commune(_Strict):
    name: ShortText
    postal_code: PostalCode | None = None
    insee: InseeCode | None = None


class BeneficiaryIn(_Strict):
    """What a worker types to create or update a beneficiary file."""

    first_name: ShortText | None = None
    last_name: ShortText | None = None
    phone: Phone | None = None
    email: Email | None = None
    birth_year: Annotated[int, Field(ge=1900, le=2100)] | None = None
    commune: Commune | None = None
    gender: Annotated[str, _in("genders")] = "NonCommunique"
    age_band: Annotated[str, _in("age_bands")] | None = None
    social_status: Annotated[str, _in("social_statuses")] = "NonCommunique"
    legal_basis: Annotated[str, _in("legal_bases")] | None = None
    informed_on: dt.date | None = None
    notice_version: Annotated[str, Field(max_length=40), AfterValidator(_single_line)] | None = (
        None
    )
    notes: LongText | None = None

    def identity_fields(self) -> dict[str, object]:
        return {
            "first_name": self.first_name,
            "last_name": self.last_name,
            "phone": self.phone,
            "email": self.email,
            "birth_year": self.birth_year,
            "notes": self.notes,
        }

    def has_identity(self) -> bool:
        return any(v not in (None, "") for v in self.identity_fields().values())


class HeadCounts(_Strict):
    """Anonymous participants of a workshop, as head counts."""

    total: HeadCount = 0
    already_supported: HeadCount = 0
    by_gender: dict[Annotated[str, _in("genders")], HeadCount] = Field(default_factory=dict)
    by_age_band: dict[Annotated[str, _in("age_bands")], HeadCount] = Field(default_factory=dict)
    by_status: dict[Annotated[str, _in("social_statuses")], HeadCount] = Field(
        default_factory=dict
    )


class ActivityIn(_Strict):
    """One support session as logged by a worker (individual or collective)."""

    kind: ActivityKind = "Individuel"
    date: dt.date
    duration_min: Annotated[int, Field(ge=1, le=720)]
    place_type: Annotated[str, _in("place_types")]
    commune: Commune | None = None
    themes: Annotated[list[str], Field(min_length=1, max_length=19), _all_in("themes")]
    admin_themes: Annotated[list[str], Field(max_length=11), _all_in("admin_themes")] = Field(
        default_factory=list
    )
    procedure_details: Details | None = None
    equipment: Annotated[list[str], Field(max_length=5), _all_in("equipment")] = Field(
        default_factory=list
    )
    notes: LongText | None = None
    # individual
    beneficiary_id: int | None = None
    autonomy: Annotated[str, _in("autonomy")] | None = None
    referred: bool = False
    referral_target: Annotated[str, _in("referral_targets")] | None = None
    # the referral passes the person's data on to the partner: needs sharing consent
    referral_shares_data: bool = False
    # a procedure done on the person's behalf: needs a mandate valid for this scope
    under_mandate_scope: Annotated[str, _in("mandate_scopes")] | None = None
    completion: Annotated[str, _in("completion")] | None = None
    # collective
    workshop_title: Title | None = None
    level: Annotated[str, _in("workshop_levels")] | None = None
    participant_ids: list[int] = Field(default_factory=list, max_length=500)
    anonymous: HeadCounts = Field(default_factory=HeadCounts)

    @field_validator("participant_ids")
    @classmethod
    def _unique_participants(cls, ids: list[int]) -> list[int]:
        if len(set(ids)) != len(ids):
            raise ValueError("invalid")
        return ids


class ActivityFilter(_Strict):
    """Filters of the journal; every field optional."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    kind: ActivityKind | None = None
    theme: str | None = None
    place_type: str | None = None
    autonomy: str | None = None
    beneficiary_id: int | None = None
    tag: int | None = None
    """A structure's tag (id): sessions that carry it, or whose person's file does."""
    custom_field: int | None = None
    custom_value: str | None = None
    """A custom field (id) and a value: sessions that hold it, or whose person's file
    does (the journal; the dashboard and the protected summary for a choice only)."""


@dataclass(frozen=True, slots=True)
class ActivityRow:
    """One line of the journal, as the list shows it (no notes, no identity).

    A plain slotted dataclass, not a pydantic model: lists of sessions are read back
    from the database, never typed by anyone, and a pydantic instance costs several
    garbage-collected objects and about a kilobyte more per row. The journal's
    table, which keeps every row it has loaded (100,000 for a structure), keeps them
    as ActivityRowValues and makes an ActivityRow when one is asked for.
    """

    id: int
    kind: str
    date: dt.date
    duration_min: int
    place_type: str
    themes: list[str]
    autonomy: str | None
    beneficiary_code: str | None
    participants: int
    workshop_title: str | None = None  # a workshop's, shown in the journal

    @classmethod
    def from_values(cls, values: ActivityRowValues) -> ActivityRow:
        (id_, kind, date, duration_min, place_type, themes, autonomy, code,
         participants, title) = values
        return cls(id_, kind, date, duration_min, place_type, list(themes), autonomy, code,
                   participants, title)


ActivityRowValues = tuple[int, str, dt.date, int, str, tuple[str, ...], str | None, str | None,
                          int, str | None]
"""An ActivityRow's fields as a plain tuple, in the same order, the themes as a tuple:
what the journal keeps for each of the rows it loaded (up to every session of the
vault). Python's cyclic garbage collector stops tracking a plain tuple of ints,
strings, dates and None when it first examines it (and one holding such a tuple, the
time after): it never walks it again. An ActivityRow stays tracked, and every full
collection walks all of them."""


class ActivityOut(ActivityIn):
    id: int
    beneficiary_code: str | None = None
    created_at: dt.datetime
    updated_at: dt.datetime
    # What the consent rules kept out of this save, as message codes to tell the
    # worker (e.g. notes not kept without consent); empty when everything was kept.
    notices: list[str] = Field(default_factory=list)


class BeneficiaryOut(SQLModel):
    id: int
    code: str
    first_name: str | None
    last_name: str | None
    phone: str | None
    email: str | None
    birth_year: int | None
    commune: Commune | None
    gender: str
    age_band: str
    social_status: str
    legal_basis: str | None
    informed_on: dt.date | None
    notice_version: str | None
    notes: str | None
    anonymised: bool
    created_at: dt.datetime
