"""Why a person answers what was typed in a picker, and in which order to list them.

A worker who types "bel" looks for BELKACEM before Isabel LOPEZ: a file whose code
starts with the text comes first, then one whose last name (a word of it) starts
with it, then whose first name does, then a phone number or e-mail address, then a
file that merely contains the text somewhere ("isa*bel*"). Within a rank, the order
given (most recently seen first) is kept. Pure: no Qt, no database.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from accomp.domain.text import fold, phone_digits

T = TypeVar("T")


class MatchReason(enum.IntEnum):
    """Best first."""

    CODE = 0
    LAST_NAME = 1
    FIRST_NAME = 2
    PHONE = 3
    EMAIL = 4
    CONTAINS = 5


@dataclass(frozen=True, slots=True)
class PersonText:
    code: str
    first_name: str | None = None
    last_name: str | None = None
    phone: str | None = None
    email: str | None = None


def _starts_a_word(text: str, needle: str) -> bool:
    return any(word.startswith(needle) for word in text.split()) or text.startswith(needle)


def _term_reason(term: str, p: PersonText) -> MatchReason | None:
    if p.code.lower().removeprefix("b-").startswith(term):
        return MatchReason.CODE
    if _starts_a_word(fold(p.last_name), term):
        return MatchReason.LAST_NAME
    if _starts_a_word(fold(p.first_name), term):
        return MatchReason.FIRST_NAME
    digits = phone_digits(p.phone)
    if digits and term.isdigit() and term in digits:
        return MatchReason.PHONE
    if p.email and term in fold(p.email):
        return MatchReason.EMAIL
    every = " ".join((fold(p.first_name), fold(p.last_name), digits, fold(p.email)))
    return MatchReason.CONTAINS if term in every else None


def match_reason(query: str, person: PersonText) -> MatchReason | None:
    """The best reason any word typed matches `person` (None when a word matches
    nothing of it)."""
    code = query.strip().lower()
    if code and person.code.lower().startswith(code if "-" in code else "b-" + code):
        return MatchReason.CODE
    terms = fold(query).split()
    digits = phone_digits(query)
    if digits and len(digits) >= 3 and digits == "".join(terms):
        terms = [digits]
    reasons = [_term_reason(t, person) for t in terms]
    if not reasons or any(r is None for r in reasons):
        return None
    return min(r for r in reasons if r is not None)


def rank_people(
    query: str, people: Sequence[T], text_of: Callable[[T], PersonText]
) -> list[tuple[T, MatchReason]]:
    """`people` that match, best reason first (a stable sort: the order given is kept
    within a reason)."""
    found = [(p, match_reason(query, text_of(p))) for p in people]
    kept = [(p, r) for p, r in found if r is not None]
    return sorted(kept, key=lambda pr: pr[1])
