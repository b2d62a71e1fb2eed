"""Fields that pick from a list while typing, made for the keyboard.

- `TypeAheadCombo` / `VocabCombo`: a drop-down list that jumps to the item whose
  words start with what was typed, accents and case ignored ("dom" -> "À domicile").
- `CheckList`: a multi-select of a reference list (themes…): type to filter, Enter
  or Space ticks the highlighted item, Down walks the list.
- `BeneficiaryPicker`: search-as-you-type by code, name or phone; empty or
  "Anonyme" means an anonymous person. `ParticipantsPicker` adds several.
- `CommunePicker`: completion over the shipped list of French communes.
- `DateField`: a date whose sections are typed, and that Tab leaves at once.

Pickers never query the vault themselves: they are given a search function (a
service bound to the vault), so they can be tested with a plain list.
"""

from accomp.ui.pickers.checklist import CheckList
from accomp.ui.pickers.combos import DateField, DurationField, TypeAheadCombo, VocabCombo
from accomp.ui.pickers.matching import KeyRole, best_match, matches
from accomp.ui.pickers.search import BeneficiaryPicker, CommunePicker, ParticipantsPicker

__all__ = [
    "BeneficiaryPicker",
    "CheckList",
    "CommunePicker",
    "DateField",
    "DurationField",
    "KeyRole",
    "ParticipantsPicker",
    "TypeAheadCombo",
    "VocabCombo",
    "best_match",
    "matches",
]
