"""The plan of a demonstration logbook, in memory: people (with a file or not, an
identity or not, how often they come, what they need, where they live) and, for
each kind of session, the input a worker would type. Drawn from
generators.distributions; put together and written to a vault by generators.demo;
reused by the benchmark dataset.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from accomp.domain import communes
from accomp.domain.text import fold
from accomp.domain.vocab import ADMIN_THEME
from accomp.services.generators.distributions import (
    _ADMIN_SEASON,
    _ADMIN_THEMES,
    _AGES,
    _ANONYMOUS_NOTES,
    _AUDIENCE_AGES,
    _AUTONOMY,
    _CODE_ALPHABET,
    _COMPLETION,
    _DURATIONS,
    _DURATIONS_HOME,
    _DURATIONS_REMOTE,
    _DURATIONS_WORKSHOP,
    _EQUIPMENT,
    _FILE_NOTES,
    _FIRST_F,
    _FIRST_M,
    _GENDERS,
    _LAST,
    _NOTES,
    _ORIGINS,
    _ORIGINS_OLDER,
    _PLACES,
    _PLACES_OLDEST,
    _PROCEDURES,
    _REFERRALS,
    _THEMES,
    _WORKSHOP_NOTES,
    NEARBY_POSTAL_CODES,
    TOWN_INSEE,
    _Calendar,
    _Pick,
    _Workshop,
)

# ---------------------------------------------------------------------------
# The plan: people and sessions, in memory


@dataclass(slots=True)
class _Person:
    id: int
    code: str
    data: dict[str, Any]
    band: str
    commune: communes.Commune | None
    identified: bool
    weight: float  # how often the person comes, relative to others
    needs: list[str]
    autonomy: int  # index in _AUTONOMY, rises over the visits
    devices: Mapping[str, float]
    visits: int = 1
    dates: list[dt.date] = field(default_factory=list)
    seen: list[str] = field(default_factory=list)  # themes already worked on


def _status_for(pick: _Pick, band: str) -> str:
    weights: dict[str, float]
    if band in ("MoinsDeDouze", "DouzeDixHuit"):
        weights = {"Scolarise": 97, "NonCommunique": 3}
    elif band == "DixHuitVingtQuatre":
        weights = {"Scolarise": 35, "SansEmploi": 35, "EnEmploi": 25, "NonCommunique": 5}
    elif band in ("VingtCinqTrenteNeuf", "QuaranteCinquanteNeuf"):
        weights = {"SansEmploi": 48, "EnEmploi": 42, "NonCommunique": 10}
    elif band == "SoixanteSoixanteNeuf":
        weights = {"Retraite": 75, "SansEmploi": 10, "EnEmploi": 8, "NonCommunique": 7}
    elif band == "SoixanteDixPlus":
        weights = {"Retraite": 95, "NonCommunique": 5}
    else:
        weights = {"SansEmploi": 30, "EnEmploi": 20, "Retraite": 25, "NonCommunique": 25}
    return pick.one(weights)


class _Communes:
    """Where people live: mostly the town, then the villages around it, then the
    rest of the département, a few from elsewhere."""

    def __init__(self) -> None:
        town = communes.by_insee(TOWN_INSEE)
        if town is None:  # pragma: no cover - the shipped list has it
            raise RuntimeError("demo town missing from the communes list")
        self.town = town
        near: list[communes.Commune] = []
        for postal_code in NEARBY_POSTAL_CODES:
            near += [c for c in communes.search(postal_code, limit=100) if c.insee != town.insee]
        dep = [c for c in communes.of_departement(town.departement)
               if c.postal_code not in NEARBY_POSTAL_CODES]
        self.near = {c: max(c.population, 100) ** 0.7 for c in near}
        self.dep = {c: float(max(c.population, 100)) for c in dep}
        self.far = {c: float(c.population) for c in communes.largest(300)}

    def draw(self, pick: _Pick) -> communes.Commune:
        r = pick.rng.random()
        if r < 0.55:
            return self.town
        if r < 0.90:
            return pick.one(self.near)
        if r < 0.98:
            return pick.one(self.dep)
        return pick.one(self.far)

    def nearby(self, pick: _Pick) -> communes.Commune:
        """A place of a session outside the structure (town hall, social centre)."""
        return self.town if pick.chance(0.4) else pick.one(self.near)


class _Phones:
    """Distinct numbers in ARCEP's blocks of 10,000 numbers reserved for fiction."""

    BLOCK = 10_000

    def __init__(self) -> None:
        self.used: dict[str, set[str]] = {}

    def new(self, pick: _Pick, prefix: str) -> str | None:
        used = self.used.setdefault(prefix, set())
        if len(used) >= self.BLOCK:
            return None  # block exhausted (a huge demo): no phone, never a real one
        while True:
            number = f"{prefix} {pick.rng.randrange(100):02d} {pick.rng.randrange(100):02d}"
            if number not in used:
                used.add(number)
                return number


def _make_people(
    pick: _Pick, count: int, today: dt.date, places: _Communes, first_id: int
) -> list[_Person]:
    phones = _Phones()
    codes: set[str] = set()
    people: list[_Person] = []
    age_weights = {band: w for band, w, _, _ in _AGES}
    age_range = {band: (lo, hi) for band, _, lo, hi in _AGES}
    for n in range(count):
        while True:
            code = "B-" + "".join(pick.item(_CODE_ALPHABET) for _ in range(4))
            if code not in codes:
                codes.add(code)
                break
        gender = pick.one(_GENDERS)
        band = pick.one(age_weights)
        lo, hi = age_range[band]
        age = round(pick.rng.triangular(lo, hi, lo + (hi - lo) / 4)) if hi > 80 else \
            pick.rng.randint(lo, hi)
        birth_year = today.year - age
        status = _status_for(pick, band)
        identified = not pick.chance(0.12)
        commune = places.draw(pick) if identified or pick.chance(0.8) else None
        data: dict[str, Any] = {
            "gender": gender, "social_status": status,
            "commune": commune.as_input() if commune else None,
        }
        if identified:
            origin = pick.one(_ORIGINS_OLDER if age >= 70 else _ORIGINS)
            data.update(_identity(pick, gender, origin, birth_year, age, phones))
            if pick.chance(0.9):
                data["birth_year"] = birth_year
            else:
                data["age_band"] = band if pick.chance(0.7) else "NonCommunique"
            data["legal_basis"] = (
                "MissionInteretPublic" if pick.chance(0.94) else "ObligationLegale"
            )
            data["notice_version"] = "demo-1"
            if pick.chance(0.08):
                data["notes"] = pick.item(_FILE_NOTES)
        else:
            data["age_band"] = band if pick.chance(0.85) else "NonCommunique"
        older = age >= 60
        # a third come once; the others come back, a few of them very often
        visits_weight = 0.0 if pick.chance(0.3) else \
            min(pick.rng.paretovariate(1.2), 15.0) * (1.3 if older else 1.0)
        if not identified:
            visits_weight *= 0.4
        devices = ({"Telephone": 45, "Tablette": 15, "Ordinateur": 35, "Aucun": 5} if older
                   else {"Telephone": 60, "Ordinateur": 35, "Tablette": 5})
        start_level = pick.one({0: 55, 1: 33, 2: 12} if age < 70 else {0: 75, 1: 22, 2: 3})
        people.append(_Person(
            id=first_id + n, code=code, data=data, band=band, commune=commune,
            identified=identified, weight=visits_weight, needs=pick.some(_THEMES, 2),
            autonomy=start_level, devices=devices,
        ))
    return people


def _identity(
    pick: _Pick, gender: str, origin: str, birth_year: int, age: int, phones: _Phones
) -> dict[str, Any]:
    firsts = _FIRST_F if gender == "Feminin" else _FIRST_M
    if gender == "NonCommunique":
        firsts = _FIRST_F if pick.chance(0.5) else _FIRST_M
    if origin == "fr":
        generation = "fr_old" if birth_year < 1960 else "fr_mid" if birth_year < 1990 \
            else "fr_young"
        first = pick.item(firsts[generation])
    else:
        first = pick.item(firsts[origin])
    last = pick.item(_LAST[origin])
    out: dict[str, Any] = {"first_name": first, "last_name": last}
    if pick.chance(0.88 if age >= 15 else 0.3):
        # ARCEP's blocks for fiction: mobile 06 39 98, landline (west) 05 36 49
        phone = phones.new(pick, "06 39 98" if pick.chance(0.9) else "05 36 49")
        if phone is not None:
            out["phone"] = phone
    if pick.chance(0.55 if age < 60 else 0.35 if age < 70 else 0.15):
        local = f"{fold(first).replace(' ', '')}.{fold(last).replace(' ', '')}"
        if pick.chance(0.5):
            local += str(pick.rng.randint(1, 99))
        out["email"] = f"{local}@{pick.item(('example.org', 'example.net', 'example.com'))}"
    return out


def _spread_visits(pick: _Pick, people: list[_Person], total: int) -> None:
    """Give each person at least one individual session and share the rest by their
    weight (a few people come very often, most come once or twice)."""
    extra = total - len(people)
    if extra > 0:
        weights = [p.weight for p in people]
        if not any(weights):
            weights = [1.0] * len(people)
        for i in pick.rng.choices(range(len(people)), weights=weights, k=extra):
            people[i].visits += 1


def _visit_days(pick: _Pick, cal: _Calendar, visits: int) -> list[int]:
    """Calendar indices of one person's visits: returns one to three weeks apart
    (about weekly for the most frequent visitors) from a first day drawn over the
    period. What would fall after today wraps round to the start of the period (the
    person had come before, then came back): so every part of the period sees as
    many people still coming as any other."""
    mean_gap = 4.0 if visits > 12 else 8.0  # working days
    gaps = [1 + round(pick.rng.expovariate(1 / mean_gap)) for _ in range(visits - 1)]
    limit = 0.8 * len(cal.days)
    if sum(gaps) > limit:
        scale = limit / sum(gaps)
        gaps = [max(1, round(g * scale)) for g in gaps]
    days = [cal.sample(pick)]
    for gap in gaps:
        days.append(cal.step(pick, days[-1], gap))
    return sorted(days)


# ---------------------------------------------------------------------------
# Sessions


def _themes(pick: _Pick, day: dt.date, needs: Sequence[str]) -> tuple[list[str], list[str]]:
    count = pick.one({1: 60, 2: 30, 3: 10})
    themes: list[str] = []
    if needs and pick.chance(0.7):
        themes.append(pick.item(needs))
    for theme in pick.some(_THEMES, count):
        if len(themes) >= count:
            break
        if theme not in themes:
            themes.append(theme)
    admin: list[str] = []
    if ADMIN_THEME in themes:
        season = _ADMIN_SEASON.get(day.month)
        weights = _ADMIN_THEMES if not season else {
            k: w * season.get(k, 1.0) for k, w in _ADMIN_THEMES.items()
        }
        admin = pick.some(weights, 1 if pick.chance(0.8) else 2)
    return themes, admin


def _equipment(pick: _Pick, devices: Mapping[str, float]) -> list[str]:
    if pick.chance(0.08):
        return []
    first = pick.one(devices)
    if first != "Aucun" and pick.chance(0.15):
        second = pick.one(_EQUIPMENT)
        if second not in (first, "Aucun"):
            return [first, second]
    return [first]


def _individual(
    pick: _Pick, day: dt.date, person: _Person | None, places: _Communes
) -> dict[str, Any]:
    older = person is not None and person.band == "SoixanteDixPlus"
    place = pick.one(_PLACES_OLDEST if older else _PLACES)
    themes, admin = _themes(pick, day, person.needs if person else ())
    devices = person.devices if person else _EQUIPMENT
    data: dict[str, Any] = {
        "kind": "Individuel", "date": day, "place_type": place,
        "themes": themes, "admin_themes": admin,
        "duration_min": pick.one(
            _DURATIONS_REMOTE if place == "ADistance"
            else _DURATIONS_HOME if place == "Domicile" else _DURATIONS),
        "equipment": ["Telephone"] if place == "ADistance" and pick.chance(0.8)
        else _equipment(pick, devices),
        "beneficiary_id": person.id if person else None,
    }
    if place == "Domicile":
        home = person.commune if person else None
        data["commune"] = (home or places.nearby(pick)).as_input()
    elif place == "Autre":
        data["commune"] = places.nearby(pick).as_input()
    if person is not None:
        # People get more autonomous over their visits, the oldest more slowly; a
        # subject new to them, or a procedure, often needs more guidance that day.
        level = person.autonomy
        if any(t not in person.seen for t in themes) or (admin and pick.chance(0.4)):
            level = max(level - 1, 0)
        data["autonomy"] = _AUTONOMY[level]
        person.seen.extend(t for t in themes if t not in person.seen)
        if pick.chance(0.12 if person.band == "SoixanteDixPlus" else 0.2):
            person.autonomy = min(person.autonomy + 1, 2)
    elif pick.chance(0.85):
        data["autonomy"] = pick.item(_AUTONOMY[:2]) if pick.chance(0.8) else _AUTONOMY[2]
    if admin:
        if pick.chance(0.45):
            data["procedure_details"] = pick.item(_PROCEDURES[admin[0]])
        if pick.chance(0.85):
            data["completion"] = pick.one(_COMPLETION)
    referred = data.get("completion") == "OrienteVersStructure" or pick.chance(0.06)
    if referred:
        data["referred"] = True
        data["referral_target"] = pick.one(_REFERRALS)
    if person is not None and pick.chance(0.12):
        data["notes"] = pick.item(_NOTES)
    elif person is None and pick.chance(0.04):
        data["notes"] = pick.item(_ANONYMOUS_NOTES)
    return data


def _collective(
    pick: _Pick, day: dt.date, workshop: _Workshop, pool: Sequence[_Person],
    places: _Communes,
) -> tuple[dict[str, Any], list[_Person]]:
    total = pick.one({3: 8, 4: 12, 5: 15, 6: 16, 7: 14, 8: 12, 9: 9, 10: 7, 11: 4, 12: 3})
    tracked_count = min(sum(pick.chance(0.35) for _ in range(total)), len(pool))
    tracked = pick.rng.sample(list(pool), tracked_count) if tracked_count else []
    anon = total - len(tracked)
    by_gender: dict[str, int] = {}
    by_age: dict[str, int] = {}
    by_status: dict[str, int] = {}
    already = 0
    ages = _AUDIENCE_AGES[workshop.audience]
    for _ in range(anon):
        gender = pick.one(_GENDERS)
        band = pick.one(ages)
        status = _status_for(pick, band)
        by_gender[gender] = by_gender.get(gender, 0) + 1
        by_age[band] = by_age.get(band, 0) + 1
        by_status[status] = by_status.get(status, 0) + 1
        already += pick.chance(0.45)
    place = "Autre" if pick.chance(0.15) else "LieuActivite"
    themes = list(workshop.themes)
    data: dict[str, Any] = {
        "kind": "Collectif", "date": day, "place_type": place,
        "duration_min": pick.one(_DURATIONS_WORKSHOP),
        "themes": themes,
        "admin_themes": list(workshop.admin_themes),
        "equipment": list(workshop.equipment),
        "workshop_title": workshop.title,
        "level": pick.item(workshop.levels),
        "participant_ids": sorted(p.id for p in tracked),
        "anonymous": {
            "total": anon, "already_supported": already,
            "by_gender": _ordered(by_gender), "by_age_band": _ordered(by_age),
            "by_status": _ordered(by_status),
        },
    }
    if place == "Autre":
        data["commune"] = places.nearby(pick).as_input()
    if pick.chance(0.1):
        data["notes"] = pick.item(_WORKSHOP_NOTES)
    return data, tracked


def _ordered(counts: dict[str, int]) -> dict[str, int]:
    return dict(sorted(counts.items()))
