"""Which of accomp's fields a spreadsheet's column holds, guessed from its header.

Headers are compared folded (accents, case, punctuation ignored), in French and
English, and include the column names of the Coop de la médiation numérique's
activity export ("Canaux d’accompagnement", "Thématique(s) d’accompagnement"...).
A guess is only a proposal: the worker corrects it in the mapping step, and the
mapping is saved per file layout (`layout_key`). Pure: no Qt, no database.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

from accomp.domain.text import fold

ImportKind = Literal["activities", "beneficiaries"]


@dataclass(frozen=True, slots=True)
class ImportField:
    name: str
    fr: str  # label shown in the mapping step
    en: str
    aliases: tuple[str, ...]  # headers that mean this field (folded when compared)
    required: bool = False


def _f(name: str, fr: str, en: str, *aliases: str, required: bool = False) -> ImportField:
    return ImportField(name, fr, en, (fr, en, name, *aliases), required)


_PERSON = (
    _f("person", "Bénéficiaire (nom complet)", "Beneficiary (full name)",
       "beneficiaire", "beneficiaires", "usager", "personne", "nom prenom", "prenom nom",
       "nom complet", "full name", "person", "public", "beneficiary"),
    _f("code", "Code du dossier", "File code", "code beneficiaire", "code dossier", "code"),
    _f("first_name", "Prénom", "First name", "prenom", "firstname", "given name"),
    _f("last_name", "Nom", "Last name", "nom", "nom de famille", "lastname", "surname",
       "family name", "name"),
    _f("phone", "Téléphone", "Phone", "tel", "telephone", "portable", "mobile",
       "numero de telephone", "phone number"),
    _f("email", "E-mail", "E-mail", "mail", "courriel", "adresse mail", "adresse e mail",
       "email address"),
    _f("birth_year", "Année de naissance", "Birth year", "annee naissance",
       "date de naissance", "naissance", "year of birth", "birth date", "ne e en"),
    _f("gender", "Genre", "Gender", "sexe", "genre du beneficiaire", "sex", "civilite"),
    _f("age_band", "Tranche d’âge", "Age band", "tranche d age du beneficiaire", "age",
       "tranche age", "age group"),
    _f("social_status", "Statut", "Social status", "statut du beneficiaire",
       "statut social", "situation", "situation professionnelle", "status"),
    _f("person_commune", "Commune de résidence", "Home commune",
       "commune de residence du beneficiaire", "ville de residence", "commune du beneficiaire",
       "residence"),
    _f("legal_basis", "Base légale", "Legal basis", "base juridique", "fondement"),
    _f("informed_on", "Informé le", "Informed on", "date d information",
       "date information", "information le", "informed"),
)

_ACTIVITY = (
    _f("date", "Date", "Date", "date de l activite", "date accompagnement", "jour", "day",
       "date du rdv", "date rdv", "month", "mois", required=True),
    _f("kind", "Type d’activité", "Activity kind", "type", "type activite", "kind",
       "individuel collectif"),
    _f("duration_min", "Durée", "Duration", "duree min", "duree", "temps", "temps passe",
       "duree en minutes", "minutes", "time spent", "length", "duration min rounded",
       required=True),
    _f("place_type", "Type de lieu", "Place type", "canaux d accompagnement",
       "canal", "canaux", "lieu d accompagnement", "modalite", "channel"),
    _f("commune", "Commune (lieu)", "Commune (place)", "lieu", "commune", "ville",
       "code postal", "place", "city", "town"),
    _f("themes", "Thèmes", "Themes", "thematique s d accompagnement", "thematiques",
       "thematique", "themes", "theme", "sujet", "sujets", "objet", "motif", "demande",
       "besoin", "topic", "topics", "thematiques mediation numerique", required=True),
    _f("admin_themes", "Thèmes administratifs", "Administrative themes",
       "thematiques demarches administratives", "demarches administratives",
       "thematique administrative", "organisme", "administration", "demarches"),
    _f("procedure_details", "Démarche (précision)", "Procedure details",
       "nom de la demarche administrative", "demarche", "precisions demarche",
       "procedure"),
    _f("equipment", "Matériel", "Equipment", "materiel numerique utilise", "materiel",
       "materiels", "outil", "support", "device", "devices"),
    _f("autonomy", "Autonomie", "Autonomy", "niveau d autonomie du beneficiaire",
       "niveau d autonomie", "autonomie du beneficiaire"),
    _f("referred", "Orienté", "Referred",
       "le beneficiaire est il oriente vers une autre structure", "orientation", "oriente"),
    _f("referral_target", "Structure d’orientation", "Referral target",
       "structure de redirection", "oriente vers", "redirection", "referred to"),
    _f("completion", "Démarche finalisée", "Completion",
       "la demarche est elle finalisee", "finalisation", "degre de finalisation"),
    _f("workshop_title", "Titre de l’atelier", "Workshop title", "nom de l atelier",
       "atelier", "intitule", "titre", "title", "workshop"),
    _f("level", "Niveau de l’atelier", "Workshop level", "niveau", "level"),
    _f("participants", "Nombre de participants", "Participants", "participants",
       "nb participants", "nombre", "effectif", "head count", "attendees",
       "participants anonymous"),
    _f("notes", "Notes", "Notes", "notes supplementaires", "commentaire", "commentaires",
       "remarques", "observations", "comments"),
)

_BENEFICIARY = (
    _f("notes", "Notes", "Notes", "commentaire", "commentaires", "remarques", "observations",
       "comments"),
    _f("postal_code", "Code postal", "Postal code", "cp", "zip"),
)

FIELDS: dict[ImportKind, tuple[ImportField, ...]] = {
    "activities": _ACTIVITY + _PERSON,
    "beneficiaries": tuple(f for f in _PERSON if f.name != "code") + _BENEFICIARY,
}


def field(kind: ImportKind, name: str) -> ImportField:
    for f in FIELDS[kind]:
        if f.name == name:
            return f
    raise KeyError(name)


@cache
def _alias_table(kind: ImportKind) -> dict[str, str]:
    table: dict[str, str] = {}
    for f in FIELDS[kind]:
        for alias in f.aliases:
            table.setdefault(fold(alias), f.name)
    return table


# Columns of accomp's own activity export that are no field to import.
_NOT_FIELDS = frozenset({
    "schema version", "export id", "structure id", "worker id", "period from", "period to",
    "row id", "duration bucket", "beneficiary key", "first visit", "participant keys",
    "first visit keys", "anonymous already supported", "record key", "departement",
})


def guess_field(kind: ImportKind, header: str) -> str | None:
    """The field a header names (exactly, folded), else the field whose alias the
    header starts with (longest alias first), else None."""
    folded = fold(header)
    if not folded or folded in _NOT_FIELDS:
        return None
    table = _alias_table(kind)
    if folded in table:
        return table[folded]
    best: tuple[int, str] | None = None
    for alias, name in table.items():
        fits = folded.startswith(alias + " ") or folded.endswith(" " + alias)
        if len(alias) >= 4 and fits and (best is None or len(alias) > best[0]):
            best = (len(alias), name)
    return best[1] if best else None


def guess_mapping(kind: ImportKind, headers: Sequence[str]) -> dict[int, str]:
    """Column index -> field, each field given to the first column that names it."""
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    for index, header in enumerate(headers):
        name = guess_field(kind, header)
        if name is not None and name not in taken:
            mapping[index] = name
            taken.add(name)
    return mapping


def refine_with_values(kind: ImportKind, mapping: dict[int, str],
                       samples: Sequence[Sequence[object]]) -> dict[int, str]:
    """A column guessed as a commune ("Lieu") whose values are mostly place types
    ("sur place", "À domicile") is the place type, when no column is that already."""
    from accomp.domain.import_values import ValueProblem, map_one

    if kind != "activities" or "place_type" in mapping.values():
        return mapping
    out = dict(mapping)
    for index, name in mapping.items():
        if name != "commune":
            continue
        values = [row[index] for row in samples if index < len(row) and row[index]]
        hits = 0
        for value in values:
            try:
                map_one("place_types", value)
                hits += 1
            except ValueProblem:
                pass
        if values and hits * 2 > len(values):
            out[index] = "place_type"
    return out


def header_score(kind: ImportKind, cells: Sequence[object]) -> int:
    """How many cells of a row name a field: the header row is the best-scoring one."""
    return sum(1 for c in cells if isinstance(c, str) and guess_field(kind, c) is not None)


def layout_key(headers: Sequence[str]) -> str:
    """A file layout's key: the same columns in the same order give the same key,
    whatever the rows (a saved mapping is offered again for it)."""
    joined = "\x1f".join(fold(h) for h in headers)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


def missing_required(kind: ImportKind, mapping: dict[int, str]) -> list[str]:
    """Required fields no column is mapped to."""
    chosen = set(mapping.values())
    return [f.name for f in FIELDS[kind] if f.required and f.name not in chosen]
