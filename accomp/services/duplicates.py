"""Finding existing files: the filtered list of the Bénéficiaires page, and the
files that may already be the person a worker is about to create.

Duplicates are looked for on what the worker typed: the names (accents, case,
hyphens and word order ignored; one-letter typos such as Dupont/Dupond tolerated),
the phone number (digits, national form) and the e-mail address. The database first
keeps the files sharing whole words of phone or e-mail, or enough name words by
their first or last three letters; only those are scored here, so a check costs
the same on 10,000 files as on 100. Anonymised files are never proposed: they no
longer hold a name.

Both calls only read: nothing is written to the journal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from accomp.domain.text import fold, phone_digits
from accomp.store import merges, people, repo
from accomp.store.people import PersonLine
from accomp.store.vault import Vault

# A name this similar (0..1) is proposed. 0.8 keeps Dupond for Dupont and "Marie
# Dupont" for Marie-Thérèse Dupont, and leaves Martine or Durand out.
NAME_THRESHOLD = 0.8
# Each word of the shorter name must be at least this close to its pair (one typo
# in a four-letter word), and names run together within one typo per this many
# letters.
WORD_THRESHOLD = 0.75
LETTERS_PER_TYPO = 8
# Two birth years further apart than this make the same name less likely the same
# person (a homonym), without hiding an exact name.
BIRTH_YEAR_TOLERANCE = 1
BIRTH_YEAR_PENALTY = 0.15
# Rows the database hands over for scoring, at most.
PREFILTER_LIMIT = 300
# Candidates returned by default: a short list a worker can read.
DEFAULT_LIMIT = 5
_MIN_PHONE_DIGITS = 6


# --- the list ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BeneficiaryFilter:
    """Filters of the list; None means "any". By default anonymised files are left
    out (they are kept for counts only)."""

    age_band: str | None = None
    gender: str | None = None
    social_status: str | None = None
    has_identity: bool | None = None
    anonymised: bool | None = False


@dataclass(frozen=True, slots=True)
class BeneficiaryLine:
    """One line of the list: no phone, e-mail or notes."""

    id: int
    code: str
    first_name: str | None
    last_name: str | None
    birth_year: int | None
    gender: str
    age_band: str
    social_status: str
    commune: str | None
    last_contact: dt.date | None
    has_identity: bool
    anonymised: bool


@dataclass(frozen=True, slots=True)
class BeneficiaryPage:
    lines: list[BeneficiaryLine]
    total: int  # files matching, of which `lines` are the first

    @property
    def truncated(self) -> bool:
        return self.total > len(self.lines)


def list_beneficiaries(
    vault: Vault, query: str = "", filters: BeneficiaryFilter | None = None, *,
    limit: int = 300, offset: int = 0,
) -> BeneficiaryPage:
    """Files matching what was typed (code prefix, name parts with accents and case
    ignored, phone digits, e-mail) and the filters, most recently seen first: at
    most `limit` lines from the `offset`-th (the list reads on as it scrolls) and
    the number matching in all. Refuses nothing but what a read can
    (vault_locked). Reads only."""
    f = filters or BeneficiaryFilter()
    terms, code_prefix = _parse_query(query)
    with vault.reading() as s:
        rows, total = people.list_people(
            s, terms, code_prefix, age_band=f.age_band, gender=f.gender,
            social_status=f.social_status, has_identity=f.has_identity,
            anonymised=f.anonymised, limit=limit, offset=offset,
        )
        went_to = merges.alias_target(s, code_prefix) if code_prefix and offset == 0 else None
        code = repo.codes_of(s, [went_to]).get(went_to) if went_to is not None else None
        if code is not None and all(r.id != went_to for r in rows):  # a merged file's code
            found, _count = people.list_people(s, [], code, anonymised=None, limit=1)
            rows, total = [*found, *rows], total + len(found)
    return BeneficiaryPage([_list_line(r) for r in rows], total)


def _parse_query(query: str) -> tuple[list[str], str | None]:
    """As beneficiaries.search_beneficiaries reads a query: folded words (an e-mail
    address too: its parts are words of the key), a phone number as one run of
    digits, and a possible code prefix ("7F3", "B-7F")."""
    query = query[:200]
    terms = fold(query).split()
    digits = phone_digits(query)
    if digits and len(digits) >= 3 and digits == "".join(terms):
        terms = [digits]
    code = query.strip().upper()
    prefix = code if code.startswith("B-") or (0 < len(code) <= 4 and code.isalnum()) else None
    if prefix and not prefix.startswith("B-"):
        prefix = "B-" + prefix
    return terms, prefix


def _list_line(r: PersonLine) -> BeneficiaryLine:
    commune = None
    if r.commune_name:
        commune = r.commune_name + (f" ({r.commune_postal_code})" if r.commune_postal_code
                                    else "")
    return BeneficiaryLine(
        id=r.id, code=r.code, first_name=r.first_name, last_name=r.last_name,
        birth_year=r.birth_year, gender=r.gender, age_band=r.age_band,
        social_status=r.social_status, commune=commune, last_contact=r.last_contact,
        has_identity=any(v is not None for v in (r.first_name, r.last_name, r.phone,
                                                  r.email, r.birth_year)),
        anonymised=r.anonymised,
    )


# --- duplicates --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DuplicateCandidate:
    """An existing file that may be the same person, with why it was proposed
    ("name", "phone", "email") and how close it is (0..1)."""

    id: int
    code: str
    first_name: str | None
    last_name: str | None
    birth_year: int | None
    last_contact: dt.date | None
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Typed:
    """What the worker typed, folded once."""

    tokens: tuple[str, ...]  # first name words, then last name words
    first: str  # first name words joined without spaces
    last: str
    phone: str
    email: str
    birth_year: int | None

    @classmethod
    def of(cls, first_name: str | None, last_name: str | None, phone: str | None,
           email: str | None, birth_year: int | None) -> Typed:
        first, last = fold(first_name).split(), fold(last_name).split()
        digits = phone_digits(phone)
        mail = (email or "").strip().lower()
        return cls(
            tokens=tuple(first + last), first="".join(first), last="".join(last),
            phone=digits if len(digits) >= _MIN_PHONE_DIGITS else "",
            email=mail if "@" in mail else "",
            birth_year=birth_year,
        )


def find_duplicates(
    vault: Vault, *, first_name: str | None = None, last_name: str | None = None,
    phone: str | None = None, email: str | None = None, birth_year: int | None = None,
    exclude_id: int | None = None, limit: int = DEFAULT_LIMIT,
) -> list[DuplicateCandidate]:
    """Existing files that may be the person described, best first (at most
    `limit`): a similar name, the same phone number or the same e-mail address.
    `exclude_id` is the file being edited. Values need not be valid yet (the check
    runs before saving). Refuses nothing but what a read can (vault_locked).
    Reads only."""
    typed = Typed.of(first_name, last_name, phone, email, birth_year)
    patterns = [token_patterns(t) for t in typed.tokens]
    patterns = [p for p in patterns if p]
    exact = [k for k in (typed.phone, typed.email) if k]
    if not patterns and not exact:
        return []
    with vault.reading() as s:
        lines = people.duplicate_candidates(
            s, patterns, min(2, len(patterns)), exact, exclude_id=exclude_id,
            limit=PREFILTER_LIMIT,
        )
    found: list[DuplicateCandidate] = []
    for line in lines:
        score, reasons = score_candidate(typed, line)
        if reasons:
            found.append(DuplicateCandidate(
                id=line.id, code=line.code, first_name=line.first_name,
                last_name=line.last_name, birth_year=line.birth_year,
                last_contact=line.last_contact, score=score, reasons=reasons,
            ))
    found.sort(key=lambda c: (-c.score, c.code))
    return found[:limit]


def token_patterns(token: str) -> list[str]:
    """LIKE patterns (against " " + search_key + " ") for a typed name word: a word
    starting with its first three letters, or ending with its last three, so that
    one typo leaves at least one of them intact in a word of six letters or more."""
    if len(token) < 2:
        return []
    if len(token) == 2:
        return [f"% {people.escape_like(token)} %"]
    head, tail = people.escape_like(token[:3]), people.escape_like(token[-3:])
    return [f"% {head}%", f"%{tail} %"]


def score_candidate(typed: Typed, line: PersonLine) -> tuple[float, tuple[str, ...]]:
    """How likely `line` is the typed person (0..1), and why it qualifies (empty:
    it does not)."""
    reasons: list[str] = []
    score = 0.0
    if typed.tokens:
        name = name_similarity(typed.tokens, typed.first, typed.last,
                               line.first_name, line.last_name)
        if (typed.birth_year is not None and line.birth_year is not None
                and abs(typed.birth_year - line.birth_year) > BIRTH_YEAR_TOLERANCE):
            name -= BIRTH_YEAR_PENALTY
        if name >= NAME_THRESHOLD:
            reasons.append("name")
            score = name
    if typed.phone and phone_digits(line.phone) == typed.phone:
        reasons.append("phone")
        score = 1.0
    if typed.email and (line.email or "").strip().lower() == typed.email:
        reasons.append("email")
        score = 1.0
    return round(min(score, 1.0), 3), tuple(reasons)


def name_similarity(
    tokens: tuple[str, ...], first: str, last: str,
    other_first: str | None, other_last: str | None,
) -> float:
    """Similarity (0..1) of a typed name with a file's, insensitive to accents,
    case, hyphens, to first and last names being swapped, and to words being run
    together ("Mariethérèse"). The better of two measures:

    - words paired one to one, each weighted by its length, averaged both ways; every
      word of the shorter name must be close to its pair (at most one typo in four
      letters), so Durand never passes for Dupont however long the first names;
    - the names written without spaces, in both orders, within one typo in eight
      letters.
    """
    o_first, o_last = fold(other_first).split(), fold(other_last).split()
    others = tuple(o_first + o_last)
    if not tokens or not others:
        return 0.0
    typed_joined = first + last
    by_letters = max(_close_enough(typed_joined, "".join(o_first + o_last)),
                     _close_enough(typed_joined, "".join(o_last + o_first)))
    return max(_paired_similarity(tokens, others), by_letters)


def _close_enough(a: str, b: str) -> float:
    budget = max(1, max(len(a), len(b)) // LETTERS_PER_TYPO)
    return similarity(a, b) if edit_distance(a, b) <= budget else 0.0


def _paired_similarity(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    pairs = sorted(
        ((similarity(x, y), i, j) for i, x in enumerate(a) for j, y in enumerate(b)),
        reverse=True,
    )
    best_a = [0.0] * len(a)
    best_b = [0.0] * len(b)
    used_a: set[int] = set()
    used_b: set[int] = set()
    for sim, i, j in pairs:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        best_a[i] = best_b[j] = sim
    shorter = [best_a] if len(a) < len(b) else [best_b] if len(b) < len(a) else [best_a, best_b]
    if any(s < WORD_THRESHOLD for side in shorter for s in side):
        return 0.0

    def weighted(words: tuple[str, ...], best: list[float]) -> float:
        return sum(len(w) * s for w, s in zip(words, best, strict=True)) / sum(map(len, words))

    return (weighted(a, best_a) + weighted(b, best_b)) / 2


def similarity(a: str, b: str) -> float:
    """1 - edit distance / longer length: 1 for equal words, 5/6 for Dupont/Dupond."""
    if not a or not b:
        return 0.0
    return 1.0 - edit_distance(a, b) / max(len(a), len(b))


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions and
    swaps of two neighbouring letters ("Dupnot") each count one."""
    if a == b:
        return 0
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[len(b)]
