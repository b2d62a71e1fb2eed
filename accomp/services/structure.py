"""The name of the structure (the organisation the worker belongs to), a setting of the
vault printed on every document handed to a person: the information notice, consent
receipts, mandate attestations and revocation receipts. Until it is set, the
documents keep a dotted line to fill in by hand. The worker's own name, printed as
"Noté par" on those documents (not the computer's login), is a setting beside it.

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


# --- the worker's name, printed on receipts ------------------------------------------

_WORKER_SETTING = "worker.name"


def worker_name_in(session: Any) -> str | None:
    """The worker's name in the caller's transaction; None until it is set."""
    stored = settings.get(session, _WORKER_SETTING)
    return stored or None


def worker_name(vault: Vault) -> str | None:
    """The name the worker gave (Paramètres, or at the vault's creation), printed as
    "Noté par" on receipts and attestations; None until set (the documents then
    show the session's login)."""
    with vault.reading() as s:
        return worker_name_in(s)


def set_worker_name(vault: Vault, text: str) -> str | None:
    """Set (or, with blank text, clear) the worker's name for documents; returns what
    is in force. Refuses control_chars and too_long, as for the structure's name.
    Journal: settings.worker_name, without the name or any detail (the journal
    names no one); nothing is written when the name does not change."""
    name = clean_name(text)
    with vault.transaction() as s:
        if (worker_name_in(s) or "") == name:
            return name or None
        settings.put(s, _WORKER_SETTING, name)
        audit.append(s, actor=vault.worker, action="settings.worker_name", entity="vault")
    return name or None


def shown_recorder(session: Any, vault: Vault, recorded_by: str) -> str:
    """Who recorded an event, as a document prints it: the worker's name for what
    this session's login recorded, once a name is set; the stored value otherwise."""
    if recorded_by == vault.worker:
        return worker_name_in(session) or recorded_by
    return recorded_by


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
