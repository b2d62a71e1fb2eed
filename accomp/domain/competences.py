"""The skills passport's vocabulary and rules: the European DigComp 2.2 framework
(5 areas, 21 competences, 8 proficiency levels) and, for each competence, the
nearest of the 16 competences of Pix, the French reference the person may meet
in a "certification Pix". The Pix correspondence is approximate (Pix groups some
DigComp competences): it is a name the person may recognise, not a grade.

Levels are observed by the worker at a session (what the person did, with how much
help), not tested. Pure: no Qt, no SQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

Lang = Literal["fr", "en"]

LEVELS = range(1, 9)
"""DigComp proficiency levels: 1–2 foundation, 3–4 intermediate, 5–6 advanced,
7–8 highly specialised."""


@dataclass(frozen=True, slots=True)
class Area:
    key: str
    fr: str
    en: str


@dataclass(frozen=True, slots=True)
class Competence:
    key: str
    """"1.1" .. "5.4", as DigComp numbers them."""
    fr: str
    en: str
    pix: str
    """The nearest Pix competence ("1.1 Mener une recherche…")."""

    @property
    def area(self) -> str:
        return self.key.split(".")[0]

    def label(self, lang: Lang = "fr") -> str:
        return f"{self.key} {self.fr if lang == 'fr' else self.en}"


AREAS: tuple[Area, ...] = (
    Area("1", "Information et données", "Information and data literacy"),
    Area("2", "Communication et collaboration", "Communication and collaboration"),
    Area("3", "Création de contenus numériques", "Digital content creation"),
    Area("4", "Sécurité", "Safety"),
    Area("5", "Résolution de problèmes", "Problem solving"),
)

_PIX = {
    "1.1": "1.1 Mener une recherche et une veille d'information",
    "1.2": "1.2 Gérer des données",
    "1.3": "1.3 Traiter des données",
    "2.1": "2.1 Interagir",
    "2.2": "2.2 Partager et publier",
    "2.3": "2.3 Collaborer",
    "2.4": "2.4 S'insérer dans le monde numérique",
    "3.1": "3.1 Développer des documents textuels",
    "3.2": "3.2 Développer des documents multimédia",
    "3.3": "3.3 Adapter les documents à leur finalité",
    "3.4": "3.4 Programmer",
    "4.1": "4.1 Sécuriser l'environnement numérique",
    "4.2": "4.2 Protéger les données personnelles et la vie privée",
    "4.3": "4.3 Protéger la santé, le bien-être et l'environnement",
    "5.1": "5.1 Résoudre des problèmes techniques",
    "5.2": "5.2 Construire un environnement numérique",
}


def _c(key: str, fr: str, en: str, pix: str) -> Competence:
    return Competence(key, fr, en, _PIX[pix])


COMPETENCES: tuple[Competence, ...] = (
    _c("1.1", "Naviguer, chercher et filtrer des informations",
       "Browsing, searching and filtering data", "1.1"),
    _c("1.2", "Évaluer des informations", "Evaluating data and information", "1.1"),
    _c("1.3", "Gérer des données et des contenus", "Managing data and content", "1.2"),
    _c("2.1", "Interagir avec le numérique", "Interacting through digital technologies", "2.1"),
    _c("2.2", "Partager avec le numérique", "Sharing through digital technologies", "2.2"),
    _c("2.3", "Exercer sa citoyenneté en ligne", "Engaging in citizenship online", "2.4"),
    _c("2.4", "Collaborer avec le numérique", "Collaborating through digital technologies",
       "2.3"),
    _c("2.5", "Savoir-vivre en ligne (nétiquette)", "Netiquette", "2.4"),
    _c("2.6", "Gérer son identité numérique", "Managing digital identity", "4.2"),
    _c("3.1", "Créer des contenus", "Developing digital content", "3.1"),
    _c("3.2", "Modifier et réutiliser des contenus", "Integrating and re-elaborating content",
       "3.3"),
    _c("3.3", "Droits d'auteur et licences", "Copyright and licences", "3.3"),
    _c("3.4", "Programmer", "Programming", "3.4"),
    _c("4.1", "Protéger ses appareils", "Protecting devices", "4.1"),
    _c("4.2", "Protéger ses données personnelles et sa vie privée",
       "Protecting personal data and privacy", "4.2"),
    _c("4.3", "Protéger sa santé et son bien-être", "Protecting health and well-being", "4.3"),
    _c("4.4", "Protéger l'environnement", "Protecting the environment", "4.3"),
    _c("5.1", "Résoudre des problèmes techniques", "Solving technical problems", "5.1"),
    _c("5.2", "Identifier ses besoins et les réponses numériques",
       "Identifying needs and technological responses", "5.2"),
    _c("5.3", "Utiliser le numérique de façon créative", "Creatively using digital technologies",
       "5.2"),
    _c("5.4", "Repérer ce qu'on doit encore apprendre", "Identifying digital competence gaps",
       "5.2"),
)

_BY_KEY = {c.key: c for c in COMPETENCES}


def competence(key: str) -> Competence:
    """The competence of a DigComp key. Refuses (KeyError) an unknown key."""
    return _BY_KEY[key]


def is_competence(key: str) -> bool:
    return key in _BY_KEY


def is_level(level: object) -> bool:
    return isinstance(level, int) and not isinstance(level, bool) and level in LEVELS


_LEVEL_WORDS: Mapping[int, tuple[str, str]] = {
    1: ("Découverte, avec de l'aide", "Discovering, with help"),
    2: ("Débutant, avec de l'aide si besoin", "Beginner, with help when needed"),
    3: ("Seul(e) pour les tâches simples", "On my own for simple tasks"),
    4: ("Seul(e), à mon rythme", "On my own, at my pace"),
    5: ("J'aide les autres", "I help others"),
    6: ("Je m'adapte aux situations difficiles", "I adapt to difficult situations"),
    7: ("Je résous des problèmes complexes", "I solve complex problems"),
    8: ("Expert(e)", "Expert"),
}


def level_words(level: int, lang: Lang = "fr") -> str:
    """Plain words for a level (for the person's passport)."""
    fr, en = _LEVEL_WORDS[level]
    return fr if lang == "fr" else en


@dataclass(frozen=True, slots=True)
class Observation:
    competence: str
    level: int
    on: dt.date


def current_levels(observations: Iterable[Observation], up_to: dt.date | None = None
                   ) -> dict[str, int]:
    """Each competence's level at its latest observation (on or before `up_to`); the
    highest of that day's observations if several."""
    latest: dict[str, tuple[dt.date, int]] = {}
    for o in observations:
        if up_to is not None and o.on > up_to:
            continue
        seen = latest.get(o.competence)
        if seen is None or (o.on, o.level) > seen:
            latest[o.competence] = (o.on, o.level)
    return {c: level for c, (_, level) in latest.items()}


def moved_up(observations: Iterable[Observation], start: dt.date, end: dt.date) -> bool:
    """Whether a person reached, between `start` and `end`, a higher level in some
    competence than their level in it before `start` (a first observation is a
    starting point, not a move)."""
    observations = list(observations)
    before = current_levels(observations, start - dt.timedelta(days=1))
    for o in observations:
        if start <= o.on <= end and o.competence in before and o.level > before[o.competence]:
            return True
    return False


def next_steps(levels: Mapping[str, int], count: int = 3) -> list[tuple[str, int]]:
    """What is next: the practised competences with the lowest levels, each with the
    level to aim at (one more), lowest first; at most `count`."""
    open_ = sorted((level, key) for key, level in levels.items() if level < max(LEVELS))
    return [(key, level + 1) for level, key in open_[:count]]


def quarter_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of the calendar quarter holding `day`."""
    first_month = (day.month - 1) // 3 * 3 + 1
    start = dt.date(day.year, first_month, 1)
    end_month = first_month + 2
    end = (dt.date(day.year + (end_month == 12), end_month % 12 + 1, 1)
           - dt.timedelta(days=1))
    return start, end


def parse_entries(text: str) -> list[tuple[str, int]]:
    """What a worker types to note competences at a session: DigComp keys, each
    with the level reached after ":" or "=" (level 1 when left out), separated by
    spaces, commas or semicolons: "1.1:3 4.2:2" or "2.1". The last entry of a
    competence wins. Refuses (ValueError "competence" or "competence_level") an
    unknown key or a level outside 1..8; never echoes the text."""
    entries: dict[str, int] = {}
    for part in text.replace(",", " ").replace(";", " ").split():
        key, _, level_text = part.replace("=", ":").partition(":")
        if not is_competence(key):
            raise ValueError("competence")
        level = int(level_text) if level_text.isdigit() else (1 if not level_text else 0)
        if not is_level(level):
            raise ValueError("competence_level")
        entries[key] = level
    return sorted(entries.items())


def format_entries(entries: Iterable[tuple[str, int]]) -> str:
    """The typed form of entries (parse_entries' inverse)."""
    return " ".join(f"{key}:{level}" for key, level in entries)
