"""Words a worker types for a theme ("CAF", "Ameli", "ANTS"…), read from
resources/vocab/synonyms.json: which keys of a reference list each stands for.

The file is meant to be edited by a structure (one entry per office or benefit).
Pure: no Qt, no database; loaded once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from accomp.domain.text import fold

# One letter would bring half the file.
MIN_TYPED = 2


@dataclass(frozen=True, slots=True)
class Synonym:
    word: str  # as written in the file ("CAF", "prime d'activité")
    folded: str
    keys: dict[str, frozenset[str]]  # list name -> keys


def _word_starts(folded_word: str, needle: str) -> bool:
    if folded_word.startswith(needle):
        return True
    words = folded_word.split()
    squeezed = needle.replace(" ", "")
    return any("".join(words[i:]).startswith(squeezed) for i in range(len(words)))


@cache
def synonyms() -> tuple[Synonym, ...]:
    raw = json.loads(
        resources.files("accomp.resources").joinpath("vocab", "synonyms.json")
        .read_text("utf-8")
    )
    out: list[Synonym] = []
    for entry in raw["entries"]:
        keys = {name: frozenset(value) for name, value in entry.items() if name != "words"}
        out.extend(Synonym(word, fold(word), keys) for word in entry["words"])
    return tuple(out)


def synonym_hits(list_name: str, typed: str) -> list[tuple[str, frozenset[str]]]:
    """(word, keys of `list_name`) for every synonym that what was typed starts
    (accents, case and punctuation ignored: "caf", "impots gouv", "pole")."""
    needle = fold(typed)
    if len(needle) < MIN_TYPED:
        return []
    return [
        (s.word, s.keys[list_name]) for s in synonyms()
        if list_name in s.keys and _word_starts(s.folded, needle)
    ]


def keys_for(list_name: str, typed: str) -> frozenset[str]:
    """Keys of `list_name` that a synonym of what was typed stands for."""
    found: set[str] = set()
    for _word, keys in synonym_hits(list_name, typed):
        found |= keys
    return frozenset(found)
