"""Small screens (issue 14: a 800×600 laptop, the window maximised): what keeps a page
from being wider than the screen.

A combo box is as wide as its longest term unless told otherwise; `narrow_combos`
lets it be narrower (the list that drops down still shows whole terms)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QComboBox

# Characters a narrowed combo box keeps room for: a term of this length is whole.
NARROW_CHARS = 14


def narrow_combos(combos: Iterable[QComboBox], chars: int = NARROW_CHARS) -> None:
    """Let each combo box be narrower than its longest term (about `chars` letters)."""
    for combo in combos:
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(chars)
