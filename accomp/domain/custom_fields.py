"""Custom fields the structure defines in Paramètres ("Quartier prioritaire",
"Cohorte du partenaire", "N° d'adhérent"…) and sets on people's files and sessions.

Pure rules (standard library only). A field is a name and a kind: a short text, or a
choice among a few values the structure names. A field's name and its choices are
the structure's own words, not personal data; a value set on a file is about the
person, and is kept like the file's other details: shown in the file, given in the
person's access record, deleted at anonymisation, never exported nor journaled (the
journal names a field by its id only). Filtering the journal on a choice is the
worker's own view of their logbook; the dashboard and the protected summary filter
on a choice (their counts go through the cell-key method), never on a text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from enum import StrEnum

from accomp.domain.errors import KnownError

NAME_MAX = 40
CHOICE_MAX = 40
TEXT_MAX = 80  # a short answer: a number, a cohort's name; not a note
MIN_CHOICES, MAX_CHOICES = 2, 12
MAX_FIELDS = 12  # a few fields the structure reports on, not a second form
_REFUSED = {"Cc", "Cf", "Co", "Cs", "Zl", "Zp"}

# Texts of the refusals (merged into domain.errors at the first lookup).
MESSAGES: dict[str, tuple[str, str]] = {
    "custom_field_exists": ("Un champ porte déjà ce nom.",
                            "A field with this name already exists."),
    "custom_field_choices": (
        "Une liste de choix a de {min} à {max} choix différents, d'au plus {length} "
        "caractères chacun.",
        "A choice list has {min} to {max} different choices, of at most {length} "
        "characters each."),
    "custom_field_not_a_choice": ("Cette valeur n'est pas un des choix du champ.",
                                  "This value is not one of the field's choices."),
    "custom_field_filter_output": (
        "Un fichier d'activités ne se filtre pas sur un champ personnalisé, et une "
        "synthèse seulement sur un des choix d'une liste : ses lignes seraient celles "
        "d'un petit groupe.",
        "Activity files cannot be filtered on a custom field, and summaries only on one "
        "of a choice list's values: their rows would be a small group's."),
    "custom_fields_too_many": ("La structure a déjà {max} champs personnalisés.",
                               "The organisation already has {max} custom fields."),
}
FIELDS: dict[str, tuple[str, str]] = {
    "custom_field": ("champ personnalisé", "custom field"),
    "custom_field_name": ("Nom du champ", "Field name"),
    "custom_field_value": ("Valeur du champ", "Field value"),
}


class Kind(StrEnum):
    TEXT = "text"
    CHOICE = "choice"


def clean_text(value: str, field: str, limit: int) -> str:
    """`value` on one line, stripped, spaces collapsed. Refuses control_chars (line
    breaks, invisible or direction characters) and too_long, naming `field`."""
    if any(unicodedata.category(c) in _REFUSED for c in value if c not in " \t"):
        raise KnownError("control_chars", field)
    text = " ".join(value.split())
    if len(text) > limit:
        raise KnownError("too_long", field, max=limit)
    return text


def check_name(name: str) -> str:
    """A field's name, cleaned. Refuses required, control_chars, too_long."""
    text = clean_text(name, "custom_field_name", NAME_MAX)
    if not text:
        raise KnownError("required", "custom_field_name")
    return text


def check_definition(kind: str, choices: Sequence[str]) -> tuple[Kind, tuple[str, ...]]:
    """The kind and the cleaned choices (none for a text field). Refuses not_in_list
    for an unknown kind; custom_field_choices for a choice field without
    MIN_CHOICES..MAX_CHOICES different choices of at most CHOICE_MAX characters."""
    try:
        wanted = Kind(kind)
    except ValueError:
        raise KnownError("not_in_list", "custom_field") from None
    if wanted == Kind.TEXT:
        return wanted, ()
    cleaned = tuple(t for t in (clean_text(c, "custom_field", CHOICE_MAX + 1)
                                for c in choices) if t)
    if (not MIN_CHOICES <= len(cleaned) <= MAX_CHOICES
            or len({c.casefold() for c in cleaned}) != len(cleaned)
            or any(len(c) > CHOICE_MAX for c in cleaned)):
        raise KnownError("custom_field_choices", "custom_field", min=MIN_CHOICES,
                         max=MAX_CHOICES, length=CHOICE_MAX)
    return wanted, cleaned


def check_value(kind: str, choices: Sequence[str], value: str | None) -> str | None:
    """The value to keep on a file (None: the field is emptied). A text is cleaned
    (control_chars, too_long); a choice must be one of `choices`
    (custom_field_not_a_choice)."""
    if value is None:
        return None
    if Kind(kind) == Kind.CHOICE:
        if value not in choices:
            raise KnownError("custom_field_not_a_choice", "custom_field_value")
        return value
    return clean_text(value, "custom_field_value", TEXT_MAX) or None
