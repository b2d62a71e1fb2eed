"""How a typed text ranks the labels of a list: accents and case ignored, any word
may start the match. Pure text work, shared by every picker (and the item role
under which the pickers keep each item's key)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt

from accomp.domain.text import fold

KeyRole = Qt.ItemDataRole.UserRole + 1
RETURN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def matches(label: str, typed: str) -> bool:
    """Whether a label answers what was typed: the folded label, or one of its later
    words, starts with the folded text ("dom" and "a dom" -> "À domicile"); spaces
    and hyphens may be left out ("email" -> "E-mail")."""
    needle = fold(typed)
    if not needle:
        return False
    hay = fold(label)
    if hay.startswith(needle) or f" {needle}" in f" {hay}":
        return True
    squeezed = needle.replace(" ", "")
    words = hay.split()
    return any("".join(words[i:]).startswith(squeezed) for i in range(len(words)))


def best_match(labels_: Sequence[str], typed: str) -> int:
    """The index of the label that best answers what was typed (-1 if none): one
    equal to it, else the first starting with it, else the first matching at all
    ("autonome" -> "Autonome" rather than "Partiellement autonome")."""
    needle = fold(typed)
    folded = [fold(label) for label in labels_]
    tests: list[Callable[[int], bool]] = [
        lambda i: folded[i] == needle,
        lambda i: folded[i].startswith(needle),
        lambda i: matches(labels_[i], typed),
    ]
    for test in tests:
        for i in range(len(labels_)):
            if test(i):
                return i
    return -1

