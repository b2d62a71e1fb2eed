"""The name of the structure (the organisation the worker belongs to), a setting of the
vault printed on every document handed to a person: the information notice, consent
receipts, mandate attestations and revocation receipts. Until it is set, the
documents keep a dotted line to fill in by hand.

The name is the organisation's, not personal data; it is still kept short and on one
line, without invisible characters, since it goes on paper.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from accomp.domain.errors import KnownError
from accomp.domain.vocab import vocabulary
from accomp.store import audit, settings
from accomp.store.vault import Vault

STRUCTURE_NAME_MAX = 120
_SETTING = "structure.name"
_TYPOLOGY_SETTING = "structure.typology"
_DEMO_SETTING = "vault.demo"
# Control characters, surrogates, private use, line and paragraph separators, and the
# bidirectional overrides and isolates (they would reorder the printed text).
_REFUSED_CATEGORIES = frozenset({"Cc", "Cs", "Co", "Zl", "Zp"})
_BIDI = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))


def clean_name(text: str) -> str:
    """The name as it will be stored: stripped ("" clears it). Refuses control_chars
    and too_long (more than STRUCTURE_NAME_MAX characters once stripped)."""
    name = text.strip()
    if any(unicodedata.category(c) in _REFUSED_CATEGORIES or c in _BIDI for c in name):
        raise KnownError("control_chars", "structure_name")
    if len(name) > STRUCTURE_NAME_MAX:
        raise KnownError("too_long", "structure_name", max=STRUCTURE_NAME_MAX)
    return name


def name_in(session: Any) -> str | None:
    """The name in the caller's transaction; None when it was never set or cleared."""
    stored = settings.get(session, _SETTING)
    return stored or None


def structure_name(vault: Vault) -> str | None:
    """The structure's name, None until the worker sets it."""
    with vault.reading() as s:
        return name_in(s)


def set_structure_name(vault: Vault, text: str) -> str | None:
    """Set (or, with blank text, clear) the structure's name; returns what is in force.
    Refuses control_chars and too_long. Journal: settings.structure_name with the new
    name ("" when cleared); nothing is written when the name does not change."""
    name = clean_name(text)
    with vault.transaction() as s:
        if (name_in(s) or "") == name:
            return name or None
        settings.put(s, _SETTING, name)
        audit.append(s, actor=vault.worker, action="settings.structure_name",
                     entity="vault", details={"structure_name": name})
    return name or None


def typology_in(session: Any) -> str | None:
    """The structure's type (a key of the Coop's typology), None until it is set."""
    return settings.get(session, _TYPOLOGY_SETTING) or None


def structure_typology(vault: Vault) -> str | None:
    """The structure's type (vocabulary list structure_typologies), what funders
    aggregate on; None until the worker sets it."""
    with vault.reading() as s:
        return typology_in(s)


def set_structure_typology(vault: Vault, key: str | None) -> str | None:
    """Set (or, with None or "", clear) the structure's type. Refuses not_in_list for a
    key outside the Coop's typology. Journal: settings.structure_typology with the key
    ("" when cleared); nothing is written when it does not change."""
    value = key or ""
    if value and value not in vocabulary().keys("structure_typologies"):
        raise KnownError("not_in_list", "structure_typology")
    with vault.transaction() as s:
        if (typology_in(s) or "") == value:
            return value or None
        settings.put(s, _TYPOLOGY_SETTING, value)
        audit.append(s, actor=vault.worker, action="settings.structure_typology",
                     entity="vault", details={"structure_typology": value})
    return value or None


def mark_demo_in(session: Any) -> None:
    """Record that this vault holds made-up demo data: every export says DÉMO."""
    settings.put(session, _DEMO_SETTING, "1")


def is_demo_in(session: Any) -> bool:
    """Whether the vault holds demo data (see mark_demo_in)."""
    return settings.get(session, _DEMO_SETTING) == "1"
