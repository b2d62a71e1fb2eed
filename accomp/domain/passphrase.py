"""Passphrase policy of the vault: what the French data-protection authority (CNIL)
asks of a secret that alone protects data, about 80 bits.

A passphrase is accepted when it is long enough in one of three ways:

- at least 12 characters mixing the 4 kinds (lower case, upper case, digits, symbols);
- at least 14 characters of 3 of those kinds;
- at least 7 different words (separated by spaces, hyphens, dots or underscores),
  each of at least 2 letters, 21 letters in all;

and when it is neither one of the most common passwords (compared without case,
accents, separators, surrounding digits and symbols, or leet-speak) nor padded out
with repetitions and sequences (``aaaa``, ``abab``, ``1234``, ``azerty``).

Pure Python: no Qt, nothing of the project but the errors.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from accomp.domain.errors import KnownError

Lang = Literal["fr", "en"]

# Far above any real passphrase; keeps the analysis (quadratic) instant.
MAX_LENGTH = 256
MIN_LENGTH_4_KINDS = 12
MIN_LENGTH_3_KINDS = 14
MIN_WORDS = 7
MIN_WORD_LETTERS = 2
MIN_PHRASE_LETTERS = 21
TARGET_BITS = 80.0

# The CNIL counts 7 words drawn at random as about 80 bits: ~11.5 bits a word, the
# entropy of a pick from a list of ~2,900 words.
BITS_PER_WORD = TARGET_BITS / MIN_WORDS

# problem code -> (French, English), plain language, in the order a person should
# fix them. The first problem of an assessment is the one shown under the field.
PROBLEMS: dict[str, tuple[str, str]] = {
    "empty": (
        "Au moins 12 caractères de 4 sortes, 14 de 3 sortes, ou 7 mots.",
        "At least 12 characters of 4 kinds, 14 of 3 kinds, or 7 words.",
    ),
    "too_long": (
        "Trop longue : 256 caractères au plus.",
        "Too long: 256 characters at most.",
    ),
    "common": (
        "Trop courante : elle fait partie des mots de passe les plus utilisés.",
        "Too common: it is one of the most used passwords.",
    ),
    "predictable": (
        "Trop prévisible : évitez les répétitions et les suites (aaaa, abab, 1234, azerty).",
        "Too predictable: avoid repetitions and sequences (aaaa, abab, 1234, qwerty).",
    ),
    "too_few_words": (
        "Ajoutez des mots : une phrase de passe compte au moins 7 mots différents.",
        "Add words: a passphrase has at least 7 different words.",
    ),
    "words_too_short": (
        "Mots trop courts : choisissez des mots plus longs (21 lettres au moins en tout).",
        "Words too short: choose longer words (at least 21 letters in all).",
    ),
    "too_short": (
        "Trop courte : au moins 12 caractères de 4 sortes, 14 de 3 sortes, ou 7 mots.",
        "Too short: at least 12 characters of 4 kinds, 14 of 3 kinds, or 7 words.",
    ),
    "needs_4_kinds": (
        "Sous 14 caractères, mêlez les 4 sortes : minuscules, majuscules, chiffres et symboles.",
        "Under 14 characters, mix all 4 kinds: lower case, upper case, digits and symbols.",
    ),
    "needs_3_kinds": (
        "Mêlez au moins 3 sortes de caractères (minuscules, majuscules, chiffres, "
        "symboles), ou écrivez 7 mots.",
        "Mix at least 3 kinds of characters (lower case, upper case, digits, symbols), "
        "or write 7 words.",
    ),
}

_SEPARATORS = re.compile(r"[\s\-._]+")
# Digits, symbols and separators around a word: "Azerty123!" is still "azerty".
_EDGES = re.compile(r"^[\W\d_]+|[\W\d_]+$")
# A unit of 2 or more characters repeated right after itself: "abab", "Ab1!Ab1!".
_REPEATED_UNIT = re.compile(r"(.{2,}?)\1+", re.DOTALL)

_LEET_TO_I = str.maketrans("01345789@$!|+€", "oieastbgasilte")
_LEET_TO_L = str.maketrans({"1": "l", "!": "l"})

# Rows of the French and English keyboards: a run along a row is as guessable as
# "abcd".
_KEYBOARD_ROWS = (
    "azertyuiop",
    "qsdfghjklm",
    "wxcvbn",
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "qwertzuiop",
    "yxcvbnm",
    "1234567890",
)


@dataclass(frozen=True, slots=True)
class Assessment:
    """What the policy thinks of a passphrase.

    ok: accepted; score: 0..4 for a strength meter (4 only when accepted); bits: a
    rough entropy estimate; problems: codes of PROBLEMS, most important first.
    """

    ok: bool
    score: int
    bits: float
    problems: tuple[str, ...]


def describe(problem: str, lang: Lang = "fr") -> str:
    """The plain-language hint for a problem code, in French or English."""
    fr, en = PROBLEMS[problem]
    return fr if lang == "fr" else en


def check(passphrase: str) -> None:
    """Refuse a passphrase the policy does not accept.

    Raises KnownError("weak_passphrase", "passphrase", reason=..., problem=...):
    `reason` is the French hint of the first problem, `problem` its code.
    """
    assessment = assess(passphrase)
    if not assessment.ok:
        first = assessment.problems[0]
        raise KnownError(
            "weak_passphrase",
            "passphrase",
            reason=(describe(first, "fr"), describe(first, "en")),
            problem=first,
        )


def assess(passphrase: str) -> Assessment:
    """Judge a passphrase against the policy (see the module docstring)."""
    if not passphrase:
        return Assessment(ok=False, score=0, bits=0.0, problems=("empty",))
    if len(passphrase) > MAX_LENGTH:
        return Assessment(ok=False, score=0, bits=0.0, problems=("too_long",))

    length = len(passphrase)
    kinds = _kinds(passphrase)
    effective = _effective_length(passphrase)
    words = _words(passphrase)
    letters = sum(_letter_count(w) for w in words)

    chars_ok = _length_rule(length, kinds)
    chars_ok_without_padding = _length_rule(effective, kinds)
    words_ok = len(words) >= MIN_WORDS and letters >= MIN_PHRASE_LETTERS
    common = _is_common(passphrase)
    predictable = (chars_ok and not chars_ok_without_padding and not words_ok) or (
        length >= 6 and effective * 2 <= length
    )

    problems: list[str] = []
    if common:
        problems.append("common")
    if predictable:
        problems.append("predictable")
    if not (chars_ok or words_ok):
        length_problem = _length_problem(length, kinds)
        if len(words) >= 3 or len(_SEPARATORS.split(passphrase.strip())) >= 3:
            # It reads as a phrase: say what a phrase lacks, then the other way.
            problems.append("too_few_words" if len(words) < MIN_WORDS else "words_too_short")
            problems.append(length_problem)
        else:
            problems.append(length_problem)

    bits = _estimate_bits(passphrase, effective, words, common)
    ok = not problems
    return Assessment(ok=ok, score=_score(bits, ok, common), bits=bits, problems=tuple(problems))


def _length_rule(length: int, kinds: int) -> bool:
    return (length >= MIN_LENGTH_4_KINDS and kinds == 4) or (
        length >= MIN_LENGTH_3_KINDS and kinds >= 3
    )


def _length_problem(length: int, kinds: int) -> str:
    if length < MIN_LENGTH_4_KINDS:
        return "too_short"
    if length < MIN_LENGTH_3_KINDS:
        return "needs_4_kinds" if kinds >= 3 else "too_short"
    return "needs_3_kinds"


def _kinds(text: str) -> int:
    lower = upper = digit = symbol = False
    for char in text:
        if char.isdigit():
            digit = True
        elif char.isalpha():
            # Letters without case (e.g. CJK) count as lower case.
            if char.isupper():
                upper = True
            else:
                lower = True
        else:
            symbol = True
    return lower + upper + digit + symbol


def _letter_count(word: str) -> int:
    return sum(1 for char in word if char.isalpha())


def _words(text: str) -> tuple[str, ...]:
    """Distinct words (without case) of at least 2 letters that are not one run."""
    seen: dict[str, None] = {}
    for token in _SEPARATORS.split(text):
        word = token.casefold()
        if _letter_count(word) < MIN_WORD_LETTERS:
            continue
        if len(set(word)) == 1 or (len(word) >= 3 and _runs(word) == [len(word)]):
            continue  # "aaa", "abcd", "azer": not words
        seen.setdefault(word, None)
    return tuple(seen)


def _step(a: str, b: str) -> frozenset[tuple[str, int]]:
    """How b follows a: same character, next/previous letter or digit, neighbour on a
    keyboard row (with the row)."""
    steps: set[tuple[str, int]] = set()
    if a == b:
        steps.add(("same", 0))
    same_class = a.isascii() and b.isascii() and a.isalnum() and b.isalnum()
    if same_class and a.isalpha() == b.isalpha() and abs(ord(b) - ord(a)) == 1:
        steps.add(("abc", ord(b) - ord(a)))
    for index, row in enumerate(_KEYBOARD_ROWS):
        i, j = row.find(a), row.find(b)
        if i >= 0 and j >= 0 and abs(j - i) == 1:
            steps.add((f"row{index}", j - i))
    return frozenset(steps)


def _runs(text: str) -> list[int]:
    """Lengths of the maximal runs of `text` that follow one rule all along."""
    if not text:
        return []
    runs: list[int] = []
    start = 0
    current: frozenset[tuple[str, int]] | None = None
    for i in range(1, len(text)):
        step = _step(text[i - 1], text[i])
        following = step if current is None else current & step
        if following:
            current = following
        else:
            runs.append(i - start)
            start = i
            current = None
    runs.append(len(text) - start)
    return runs


def _effective_length(text: str) -> int:
    """Length once padding is squeezed out: a repeated unit counts once, and a run of
    4 or more (aaaa, 1234, azer) counts as 2. Runs of 3 stay: they occur in words."""
    squeezed = _REPEATED_UNIT.sub(r"\1", text.casefold())
    return sum(run if run <= 3 else 2 for run in _runs(squeezed))


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _common_candidates(passphrase: str) -> set[str]:
    low = _strip_accents(passphrase.casefold())
    bases = {low, _SEPARATORS.sub("", low)}
    candidates: set[str] = set()
    for base in bases:
        for variant in (base, _EDGES.sub("", base)):
            candidates.add(variant)
            for table in (_LEET_TO_I, _LEET_TO_L):
                leet = variant.translate(table)
                candidates.add(leet)
                candidates.add(_EDGES.sub("", leet))
    # Stems of 1-3 characters ("a", "xy") left by stripping say nothing.
    return {c for c in candidates if len(c) >= 4 or c == low}


def _is_common(passphrase: str) -> bool:
    listed = common_passwords()
    return any(candidate in listed for candidate in _common_candidates(passphrase))


def _estimate_bits(passphrase: str, effective: int, words: tuple[str, ...], common: bool) -> float:
    if common:
        # An attacker tries the list first: the rank is all the secret there is.
        return math.log2(len(common_passwords()))
    pool = 0
    if any(c.isalpha() and not c.isupper() for c in passphrase):
        pool += 26
    if any(c.isupper() for c in passphrase):
        pool += 26
    if any(c.isdigit() for c in passphrase):
        pool += 10
    if any(not c.isalnum() for c in passphrase):
        pool += 33
    char_bits = effective * math.log2(max(pool, 2))
    if len(words) >= 3:
        # A phrase is guessed word by word, not character by character.
        others = len(_SEPARATORS.sub("", passphrase)) - sum(len(w) for w in words)
        others = max(others, 0)
        # Short words come from a short list: no more than ~3.3 bits a letter.
        word_bits = sum(min(BITS_PER_WORD, 3.3 * _letter_count(w)) for w in words)
        return min(char_bits, word_bits + others * math.log2(43))
    return char_bits


def _score(bits: float, ok: bool, common: bool) -> int:
    if ok:
        return 4
    if common:
        return 0
    if bits < 40:
        return 1 if bits >= 20 else 0
    return 2 if bits < 60 else 3


@cache
def common_passwords() -> frozenset[str]:
    """The shipped list of the most common passwords (lower case), loaded once."""
    text = (
        resources.files("accomp.resources")
        .joinpath("common_passwords.txt")
        .read_text(encoding="utf-8")
    )
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )
