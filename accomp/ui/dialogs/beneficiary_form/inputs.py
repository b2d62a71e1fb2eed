"""What the beneficiary form's own fields read: a date typed the French way (or
ISO), a commune found while its name or postal code is typed, the terms of a
reference list in the interface's language."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QObject, QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit

from accomp.domain import communes
from accomp.domain.models import Commune as StoredCommune
from accomp.domain.text import fold
from accomp.domain.vocab import vocabulary
from accomp.ui.labels import current_lang

_DATE_FR = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$")
_DATE_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_COMMUNE_SUGGESTIONS = 12


def parse_date(text: str) -> dt.date | None:
    """A date typed as 01/10/2026 (also 1.10.2026, 01-10-2026) or 2026-10-01; None if
    it is not one."""
    m = _DATE_FR.match(text)
    try:
        if m:
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
        m = _DATE_ISO.match(text)
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
    return None


def vocab_items(list_name: str) -> list[tuple[str, str]]:
    """(key, label) of each term of a reference list, in its order."""
    return [(t.key, t.label(current_lang())) for t in vocabulary().terms(list_name)]


class CommuneField:
    """Completion of a line edit over the shipped list of communes, and the commune
    its text names: the one picked, else the one the text names exactly."""

    def __init__(self, edit: QLineEdit, parent: QObject) -> None:
        self.edit = edit
        self._found: dict[str, communes.Commune] = {}
        # The commune picked (or stored) and the text it was shown as.
        self.chosen: dict[str, str | None] | None = None
        self.chosen_label = ""
        self._model = QStringListModel(parent)
        self.completer = QCompleter(self._model, parent)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(_COMMUNE_SUGGESTIONS)
        edit.setCompleter(self.completer)

    def connect(self) -> None:
        self.edit.textEdited.connect(self._suggest)
        self.completer.activated[str].connect(  # type: ignore[index]
            self._pick)

    def _suggest(self, text: str) -> None:
        self.chosen = None
        if len(fold(text)) < 2:
            self._model.setStringList([])
            return
        found = communes.search(text, _COMMUNE_SUGGESTIONS)
        self._found = {c.label: c for c in found}
        self._model.setStringList([c.label for c in found])
        if found:
            self.completer.complete()

    def _pick(self, label: str) -> None:
        commune = self._found.get(label)
        if commune is not None:
            self.chosen = dict(commune.as_input())
            self.chosen_label = label
            self.edit.setText(label)

    def show_stored(self, commune: StoredCommune) -> None:
        """Show the commune a file keeps (even one no longer in the list)."""
        label = commune.name + (f" ({commune.postal_code})" if commune.postal_code else "")
        self.edit.setText(label)
        self.chosen = {"name": commune.name, "postal_code": commune.postal_code,
                       "insee": commune.insee}
        self.chosen_label = label

    def value(self) -> tuple[dict[str, str | None] | None, bool]:
        """The commune to save (None when empty), and whether the text is valid."""
        text = self.edit.text().strip()
        if not text:
            return None, True
        if self.chosen is not None and text == self.chosen_label:
            return self.chosen, True
        if text in self._found:
            return dict(self._found[text].as_input()), True
        exact = [c for c in communes.search(text, _COMMUNE_SUGGESTIONS)
                 if fold(c.label) == fold(text) or fold(c.name) == fold(text)]
        if len({c.insee for c in exact}) == 1:
            return dict(exact[0].as_input()), True
        return None, False

    def clear(self) -> None:
        """Forget every commune proposed or picked (the text is the form's to clear)."""
        self._found.clear()
        self._model.setStringList([])
        self.chosen = None
