"""Reading the values of a worker's spreadsheet: dates, durations, yes/no, numbers,
and words of the reference lists (labels, keys, common spellings, synonyms).

Spreadsheets hold what people typed over years: "12/03/2024", "2024-03-12",
"12 mars 24", an Excel day number (45363), "1h30", "90", "1:30", "1 h", a label
with or without accents, a key, "CAF" for the right administrative theme. Each
parser returns the value or raises ValueProblem with a short code (never the value
itself in the message: it may be personal). Pure: no Qt, no database.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import cache, lru_cache

from accomp.domain.synonyms import keys_for
from accomp.domain.text import fold
from accomp.domain.vocab import vocabulary

EXCEL_EPOCH = dt.date(1899, 12, 30)
# Excel day numbers between these are dates (1954..2119); outside, a number is not one.
_SERIAL_MIN, _SERIAL_MAX = 20_000, 80_000
MAX_DURATION_MIN = 720


class ValueProblem(ValueError):
    """A cell that cannot be read: `code` says why ("date", "duration", "unknown"...)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


_SPACES = re.compile(r"[\s\u00a0\u202f\u2007\ufeff]+")


def clean(value: object) -> str:
    """A cell as text: no-break and thin spaces made plain, runs of spaces squeezed,
    stripped; None gives ""."""
    if value is None:
        return ""
    if type(value) is str and value.isascii() and value == value.strip() \
            and "  " not in value and value.isprintable():
        return value  # the common case, without a regular expression
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _SPACES.sub(" ", str(value)).strip()


def is_blank(value: object) -> bool:
    return clean(value) == ""


# --- dates -------------------------------------------------------------------------

_MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1, "january": 1,
    "fevrier": 2, "fevr": 2, "fev": 2, "feb": 2, "february": 2,
    "mars": 3, "mar": 3, "march": 3,
    "avril": 4, "avr": 4, "apr": 4, "april": 4,
    "mai": 5, "may": 5,
    "juin": 6, "jun": 6, "june": 6,
    "juillet": 7, "juil": 7, "jul": 7, "july": 7,
    "aout": 8, "aou": 8, "aug": 8, "august": 8,
    "septembre": 9, "sept": 9, "sep": 9, "september": 9,
    "octobre": 10, "oct": 10, "october": 10,
    "novembre": 11, "nov": 11, "november": 11,
    "decembre": 12, "dec": 12, "december": 12,
}
_WEEKDAYS = frozenset({
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    "lun", "mer", "jeu", "ven", "sam", "dim",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "wed", "thu", "fri", "sat", "sun",
})
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
                  r"(?:Z|[+-]\d{2}:?\d{2})?)?")
_FRENCH = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})(?: \d{1,2}[:h]\d{2}(?::\d{2})?)?")
_SERIAL = re.compile(r"\d{5}(?:[.,]\d+)?")
_MONTH = re.compile(r"(\d{4})-(\d{2})")


def _year(y: int) -> int:
    # Two digits: 00..69 is this century, 70..99 the last (as spreadsheets do).
    if y < 100:
        return 2000 + y if y < 70 else 1900 + y
    return y


def _make(y: int, m: int, d: int) -> dt.date:
    try:
        return dt.date(_year(y), m, d)
    except ValueError:
        raise ValueProblem("date") from None


def from_serial(serial: float) -> dt.date:
    """The date of an Excel day number (1900 system, as LibreOffice and Excel write)."""
    if not _SERIAL_MIN <= serial <= _SERIAL_MAX:
        raise ValueProblem("date")
    return EXCEL_EPOCH + dt.timedelta(days=int(serial))


def _words_date(text: str) -> dt.date:
    words = [w for w in fold(text).split() if w not in _WEEKDAYS and w != "le"]
    numbers = [w for w in words if w.isdigit() or w in ("1er", "1re")]
    months = [_MONTHS[w] for w in words if w in _MONTHS]
    if len(months) != 1 or len(numbers) != 2 or len(words) != 3:
        raise ValueProblem("date")
    day_text, year_text = (numbers if len(numbers[0]) <= 2 or numbers[0] in ("1er", "1re")
                           else numbers[::-1])
    day = 1 if day_text in ("1er", "1re") else int(day_text)
    return _make(int(year_text), months[0], day)


def parse_date(value: object) -> dt.date:
    """A date from a cell: a date or datetime, an Excel day number, or text in French
    (12/03/2024, 12-03-24, 12.03.2024, 12 mars 2024, lundi 1er mars 2024) or ISO form
    (2024-03-12, 2024-03-12T10:00:00). Day first: 03/04/2024 is the 3rd of April.
    Raises ValueProblem("date")."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise ValueProblem("date")
    if isinstance(value, int | float):
        return from_serial(float(value))
    return _date_text(clean(value))


@lru_cache(maxsize=8192)
def _date_text(text: str) -> dt.date:
    if m := _ISO.fullmatch(text):
        return _make(int(m[1]), int(m[2]), int(m[3]))
    if m := _MONTH.fullmatch(text):  # a month alone (accomp's own export): its first day
        return _make(int(m[1]), int(m[2]), 1)
    if m := _FRENCH.fullmatch(text):
        return _make(int(m[3]), int(m[2]), int(m[1]))
    if _SERIAL.fullmatch(text):
        return from_serial(float(text.replace(",", ".")))
    if not text:
        raise ValueProblem("date")
    return _words_date(text)


# --- durations ---------------------------------------------------------------------

_HOURS_MINUTES = re.compile(
    r"(?:(\d+(?:[.,]\d+)?) ?(?:h|hr|hrs|heures?|hours?))? ?(?:(\d+) ?(?:min|mins|minutes?|mn|m)?)?"
)
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")


def _minutes_in_range(minutes: float) -> int:
    rounded = round(minutes)
    if not 1 <= rounded <= MAX_DURATION_MIN:
        raise ValueProblem("duration")
    return rounded


def parse_duration(value: object) -> int:
    """Minutes from a cell: a number of minutes (90), a fraction of a day as a time
    cell holds it (0.0625 = 1:30), a time, or text: "1h30", "1 h 30", "1h", "1,5 h",
    "90", "90 min", "1:30", "01:30:00", "2 heures". Between 1 and 720 minutes.
    Raises ValueProblem("duration")."""
    if isinstance(value, dt.time):
        return _minutes_in_range(value.hour * 60 + value.minute + value.second / 60)
    if isinstance(value, dt.timedelta):
        return _minutes_in_range(value.total_seconds() / 60)
    if isinstance(value, bool):
        raise ValueProblem("duration")
    if isinstance(value, int | float):
        # A time cell is a fraction of a day: below one, it cannot be minutes.
        return _minutes_in_range(value * 1440 if 0 < value < 1 else value)
    return _duration_text(clean(value).lower())


@lru_cache(maxsize=4096)
def _duration_text(text: str) -> int:
    if m := _CLOCK.fullmatch(text):
        return _minutes_in_range(int(m[1]) * 60 + int(m[2]) + int(m[3] or 0) / 60)
    text = text.replace(" ", "")
    m = _HOURS_MINUTES.fullmatch(text)
    if not text or m is None or (m[1] is None and m[2] is None):
        raise ValueProblem("duration")
    hours = float(m[1].replace(",", ".")) if m[1] else 0.0
    return _minutes_in_range(hours * 60 + int(m[2] or 0))


# --- yes/no, numbers -----------------------------------------------------------------

_YES = frozenset({"oui", "o", "yes", "y", "vrai", "true", "x", "1"})
_NO = frozenset({"non", "n", "no", "faux", "false", "0"})


def parse_yes_no(value: object) -> bool:
    """True for oui/yes/x/1/vrai, False for non/no/0/faux and a blank cell.
    Raises ValueProblem("yes_no")."""
    if isinstance(value, bool):
        return value
    word = fold(clean(value))
    if word in _YES:
        return True
    if word in _NO or word == "":
        return False
    raise ValueProblem("yes_no")


def parse_count(value: object, *, low: int = 0, high: int = 1000) -> int:
    """A whole number in [low, high] ("12", 12, 12.0). Raises ValueProblem("number")."""
    if isinstance(value, bool):
        raise ValueProblem("number")
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueProblem("number")
        value = int(value)
    text = clean(value)
    if not re.fullmatch(r"\d{1,7}", text) or not low <= int(text) <= high:
        raise ValueProblem("number")
    return int(text)


# --- reference lists ---------------------------------------------------------------

NOT_GIVEN = "NonCommunique"
"""The key a worker may choose for an unknown value where the list has it."""

NO_VALUE_WORDS = frozenset({"noncommunique", "non communique", "sansobjet", "sans objet",
                            "nonoriente", "non oriente", "n a", "na", "sans"})
"""Cells that say "nothing" (accomp's export writes NonCommunique and SansObjet)."""

# Spellings met in logbooks that neither the labels nor the synonyms give, by list.
_SPELLINGS: dict[str, dict[str, str]] = {
    "activity_kinds": {
        "individuel": "Individuel", "individual": "Individuel", "indiv": "Individuel",
        "accompagnement": "Individuel", "rdv": "Individuel", "permanence": "Individuel",
        "collectif": "Collectif", "collective": "Collectif", "atelier": "Collectif",
        "workshop": "Collectif", "groupe": "Collectif",
    },
    "place_types": {
        "structure": "LieuActivite", "sur place": "LieuActivite", "lieu": "LieuActivite",
        "bureau": "LieuActivite", "permanence": "LieuActivite", "on site": "LieuActivite",
        "domicile": "Domicile", "a domicile": "Domicile", "home": "Domicile",
        "visite a domicile": "Domicile", "vad": "Domicile",
        "distance": "ADistance", "a distance": "ADistance", "telephone": "ADistance",
        "tel": "ADistance", "visio": "ADistance", "remote": "ADistance",
        "en ligne": "ADistance", "autre": "Autre", "other": "Autre",
    },
    "genders": {
        "f": "Feminin", "femme": "Feminin", "feminin": "Feminin", "female": "Feminin",
        "mme": "Feminin", "madame": "Feminin", "woman": "Feminin",
        "m": "Masculin", "h": "Masculin", "homme": "Masculin", "masculin": "Masculin",
        "male": "Masculin", "mr": "Masculin", "monsieur": "Masculin", "man": "Masculin",
        "nc": NOT_GIVEN, "non communique": NOT_GIVEN, "inconnu": NOT_GIVEN,
    },
    "social_statuses": {
        "scolaire": "Scolarise", "etudiant": "Scolarise", "eleve": "Scolarise",
        "student": "Scolarise", "chomeur": "SansEmploi", "chomage": "SansEmploi",
        "demandeur d emploi": "SansEmploi", "sans emploi": "SansEmploi",
        "unemployed": "SansEmploi", "salarie": "EnEmploi", "en emploi": "EnEmploi",
        "employed": "EnEmploi", "actif": "EnEmploi", "retraite": "Retraite",
        "retired": "Retraite", "nc": NOT_GIVEN,
    },
    "equipment": {
        "pc": "Ordinateur", "ordi": "Ordinateur", "ordinateur portable": "Ordinateur",
        "computer": "Ordinateur", "laptop": "Ordinateur", "smartphone": "Telephone",
        "portable": "Telephone", "mobile": "Telephone", "phone": "Telephone",
        "tel": "Telephone", "ipad": "Tablette", "tablet": "Tablette",
        "aucun": "Aucun", "none": "Aucun", "sans": "Aucun",
    },
    "autonomy": {
        "guide": "EntierementAccompagne", "accompagne": "EntierementAccompagne",
        "pas autonome": "EntierementAccompagne", "non autonome": "EntierementAccompagne",
        "fait pour": "EntierementAccompagne", "partiellement autonome": "PartiellementAutonome",
        "semi autonome": "PartiellementAutonome", "partiel": "PartiellementAutonome",
        "autonome": "Autonome", "autonomous": "Autonome",
    },
    "workshop_levels": {
        "debutant": "Debutant", "beginner": "Debutant", "intermediaire": "Intermediaire",
        "intermediate": "Intermediaire", "avance": "Avance", "advanced": "Avance",
        "confirme": "Avance",
    },
    "themes": {
        "mail": "Email", "messagerie": "Email", "courriel": "Email",
        "internet": "NavigationSurInternet", "navigation": "NavigationSurInternet",
        "smartphone": "PrendreEnMainDuMateriel", "prise en main": "PrendreEnMainDuMateriel",
        "demarches": "AideAuxDemarchesAdministratives", "demarche":
        "AideAuxDemarchesAdministratives", "administratif": "AideAuxDemarchesAdministratives",
        "securite": "SecuriteNumerique", "ia": "IntelligenceArtificielle",
        "emploi": "InsertionProfessionnelle", "banque": "BanqueEtAchatsEnLigne",
        "word": "Bureautique", "excel": "Bureautique", "traitement de texte": "Bureautique",
    },
}


@cache
def _lookup(list_name: str) -> dict[str, str]:
    """Folded key, French and English label, and the usual spellings of `list_name`,
    each giving its key."""
    table: dict[str, str] = {}
    for word, key in _SPELLINGS.get(list_name, {}).items():
        table[fold(word)] = key
    for term in vocabulary().terms(list_name):
        for word in (term.key, term.fr, term.en):
            table[fold(word)] = term.key
    return table


def map_one(list_name: str, value: object) -> str:
    """The key of `list_name` a cell stands for (see _map_one)."""
    return _map_one(list_name, clean(value))


@lru_cache(maxsize=4096)
def _map_one(list_name: str, text: str) -> str:
    """The key of `list_name` a cell stands for: its key, its label in French or
    English (accents, case, punctuation ignored), a usual spelling, or a synonym
    standing for exactly one key. Raises ValueProblem("unknown")."""
    folded = fold(text)
    if not folded:
        raise ValueProblem("unknown")
    found = _lookup(list_name).get(folded) or _lookup(list_name).get(folded.replace(" ", ""))
    if found:
        return found
    keys = keys_for(list_name, text) if list_name in ("themes", "admin_themes") else frozenset()
    if len(keys) == 1:
        return next(iter(keys))
    if len(folded) >= _MIN_PREFIX:
        # The start of one label only ("Réseaux sociaux" for "Réseaux sociaux communication").
        starts = {key for word, key in _lookup(list_name).items()
                  if word.startswith(folded + " ")}
        if len(starts) == 1:
            return next(iter(starts))
    raise ValueProblem("unknown")


_MIN_PREFIX = 5


_COARSE_SPLIT = re.compile(r"[,;|\n]")
_FINE_SPLIT = re.compile(r"\s*[/+]\s*|\s+et\s+|\s+and\s+")


def split_list(value: object) -> list[str]:
    """The items of a cell that lists several ("Email, Santé", "CAF; Ameli",
    "Ordinateur / Téléphone"). "/", "+", "et" and "and" split an item only when it
    is not itself a label ("Banque et achats en ligne")."""
    raw = "" if value is None else str(value)
    items: list[str] = []
    for part in (clean(p) for p in _COARSE_SPLIT.split(raw)):
        if not part:
            continue
        if _is_label(part):
            items.append(part)
        else:
            items.extend(p for p in (clean(q) for q in _FINE_SPLIT.split(part)) if p)
    return items


_LABEL_LISTS = ("themes", "admin_themes", "equipment", "referral_targets", "place_types")


def _is_label(text: str) -> bool:
    folded = fold(text)
    return any(folded in _lookup(name) for name in _LABEL_LISTS)


def map_themes(value: object) -> tuple[list[str], list[str], list[str]]:
    """(themes, administrative themes, unknown words) of a cell of themes (see
    _map_themes); fresh lists each time."""
    themes, admin, unknown = _map_themes(clean(value))
    return list(themes), list(admin), list(unknown)


@lru_cache(maxsize=4096)
def _map_themes(value: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(themes, administrative themes, unknown words) of a cell of themes: each item
    is a theme, an administrative theme (which brings the administrative help
    theme), or a synonym ("CAF", "Ameli") standing for both. Labels holding a
    separator ("Papiers - Élections - Citoyenneté") are tried whole first."""
    text = clean(value)
    themes: list[str] = []
    admin: list[str] = []
    unknown: list[str] = []
    items = [text] if _whole_label(text) else split_list(text)
    for item in items:
        t, a = _theme_item(item)
        if not t and not a:
            unknown.append(item)
        themes.extend(k for k in t if k not in themes)
        admin.extend(k for k in a if k not in admin)
    if admin and "AideAuxDemarchesAdministratives" not in themes:
        themes.append("AideAuxDemarchesAdministratives")
    return tuple(themes), tuple(admin), tuple(unknown)


def _whole_label(text: str) -> bool:
    folded = fold(text)
    return bool(folded) and (folded in _lookup("themes") or folded in _lookup("admin_themes"))


def _theme_item(item: str) -> tuple[list[str], list[str]]:
    for list_name in ("themes", "admin_themes"):
        found = _lookup(list_name).get(fold(item))
        if found:
            return ([found], []) if list_name == "themes" else ([], [found])
    themes = sorted(keys_for("themes", item))
    admin = sorted(keys_for("admin_themes", item))
    if not themes and not admin:
        for list_name in ("themes", "admin_themes"):
            try:
                key = map_one(list_name, item)
            except ValueProblem:
                continue
            return ([key], []) if list_name == "themes" else ([], [key])
        if " " in item:  # "Démarches CAF": each word on its own
            for word in fold(item).split():
                if len(word) >= _MIN_WORD:
                    t, a = _theme_item(word)
                    themes += [k for k in t if k not in themes]
                    admin += [k for k in a if k not in admin]
    return themes, admin


_MIN_WORD = 3


def map_many(list_name: str, value: object) -> tuple[list[str], list[str]]:
    """(keys, unknown items) of a cell listing several values of `list_name`."""
    keys: list[str] = []
    unknown: list[str] = []
    for item in split_list(value):
        try:
            key = map_one(list_name, item)
        except ValueProblem:
            unknown.append(item)
            continue
        if key not in keys:
            keys.append(key)
    return keys, unknown


def distinct_unknown(values: Iterable[str]) -> list[str]:
    """Unknown values once each, in the order met (for the worker to choose)."""
    seen: dict[str, None] = {}
    for v in values:
        seen.setdefault(v, None)
    return list(seen)
