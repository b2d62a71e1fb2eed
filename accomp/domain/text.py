"""Text normalisation for search and duplicate detection (accents, case, hyphens)."""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^0-9a-z@.+]+")


def fold(text: str | None) -> str:
    """Lowercase, without accents, punctuation turned into single spaces:
    "Marie-Thérèse  DUPONT" -> "marie therese dupont"."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", stripped.lower()).split())


def phone_digits(phone: str | None) -> str:
    """National form of a French phone number: "+33 6 12…" and "06 12…" both give
    "0612…"."""
    if not phone:
        return ""
    digits = re.sub(r"\D", "", phone)
    if digits.startswith("33") and len(digits) == 11:
        digits = "0" + digits[2:]
    return digits


def search_key(
    first_name: str | None, last_name: str | None, phone: str | None, email: str | None
) -> str:
    """One string searched with LIKE: folded names, phone digits, lowercased e-mail."""
    parts = [fold(first_name), fold(last_name), phone_digits(phone), (email or "").lower()]
    return " ".join(p for p in parts if p)
