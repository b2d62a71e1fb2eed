"""The départements (and overseas collectivities) an exported code can name, loaded
from resources/vocab/departements.json (INSEE's list, via Etalab; see its `_about`).

Exports carry the code ("01", "2A", "971"), as privacy.generalise.departement_of
gives it; a name is for people reading a spreadsheet.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Departement:
    code: str
    name: str
    kind: str
    """"departement", "collectivite" (overseas collectivity), "etranger" (abroad)
    or "inconnu" (NonCommunique)."""


@dataclass(frozen=True, slots=True)
class Departements:
    places: tuple[Departement, ...]
    """Every listed code, départements first (INSEE order), then collectivities and
    abroad; not the unknown one."""
    unknown: Departement
    by_code: dict[str, Departement]

    def name(self, code: str) -> str | None:
        """The name of a listed code (unknown included), None for any other code."""
        place = self.by_code.get(code)
        return place.name if place is not None else None

    def of_kind(self, kind: str) -> tuple[Departement, ...]:
        return tuple(p for p in self.places if p.kind == kind)


@cache
def departements() -> Departements:
    raw = json.loads(resources.files("accomp.resources").joinpath(
        "vocab", "departements.json").read_text("utf-8"))
    places = tuple(Departement(p["code"], p["name"], p["kind"]) for p in raw["departements"])
    u = raw["unknown"]
    unknown = Departement(u["code"], u["name"], u["kind"])
    return Departements(places, unknown, {p.code: p for p in (*places, unknown)})
