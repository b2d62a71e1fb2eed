"""Reference lists of the field (CRA keys), loaded from resources/vocab/cra.json.

The keys are the national reporting tool's enum values and must never be renamed;
labels are ours and exist in French and English.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

Lang = Literal["fr", "en"]


@dataclass(frozen=True, slots=True)
class Term:
    key: str
    fr: str
    en: str

    def label(self, lang: Lang = "fr") -> str:
        return self.fr if lang == "fr" else self.en


@dataclass(frozen=True, slots=True)
class Vocabulary:
    lists: dict[str, tuple[Term, ...]]
    places_needing_commune: frozenset[str]
    duration_presets: tuple[int, ...]
    key_sets: dict[str, frozenset[str]]

    def keys(self, name: str) -> frozenset[str]:
        # Built once: validation asks for these sets on every field of every save.
        return self.key_sets[name]

    def terms(self, name: str) -> tuple[Term, ...]:
        return self.lists[name]

    def label(self, name: str, key: str, lang: Lang = "fr") -> str:
        for term in self.lists[name]:
            if term.key == key:
                return term.label(lang)
        return key


@cache
def vocabulary() -> Vocabulary:
    raw = json.loads(
        resources.files("accomp.resources").joinpath("vocab", "cra.json").read_text("utf-8")
    )
    lists: dict[str, tuple[Term, ...]] = {}
    for name, value in raw.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            lists[name] = tuple(Term(v["key"], v["fr"], v["en"]) for v in value)
    return Vocabulary(
        lists=lists,
        places_needing_commune=frozenset(raw["places_needing_commune"]),
        duration_presets=tuple(raw["duration_presets"]),
        key_sets={name: frozenset(t.key for t in terms) for name, terms in lists.items()},
    )


ADMIN_THEME = "AideAuxDemarchesAdministratives"
