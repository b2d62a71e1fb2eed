"""Identity (names, phone, e-mail, birth year), the notice version and the sensitive
notes open only once a legal basis is chosen and the date the person was informed
is given, not in the future; a note under the legal frame says why they are open or
closed, and that what was typed in them will not be kept while they are closed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from accomp.ui import labels
from accomp.ui.dialogs.beneficiary_form.inputs import parse_date
from accomp.ui.widgets import show_message


class IdentityGate(QObject):
    """Opens or closes the identity fields from the legal basis and the date the
    person was informed (`update()`, on each change of either)."""

    def __init__(
        self,
        *,
        legal_basis: QComboBox,
        informed_on: QLineEdit,
        note: QLabel,
        identity: Sequence[QLineEdit],
        notes: QPlainTextEdit,
        others: Sequence[QWidget],
        today: dt.date,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._basis = legal_basis
        self._informed_on = informed_on
        self._note = note
        self._identity = list(identity)
        self._notes = notes
        self._others = list(others)
        self._today = today

    def is_open(self) -> bool:
        """Identity may be kept: a legal basis is chosen and a valid information date
        (not in the future) is given."""
        day = parse_date(self._informed_on.text())
        return self._basis.currentData() is not None and day is not None and day <= self._today

    def refresh(self) -> None:
        enabled = self.is_open()
        for w in (*self._identity, self._notes, *self._others):
            w.setEnabled(enabled)
        show_message(self._note, self._text(enabled), error=False, announce=False)

    def _has_identity_text(self) -> bool:
        return (any(w.text().strip() for w in self._identity)
                or bool(self._notes.toPlainText().strip()))

    def _text(self, enabled: bool) -> str:
        basis = self._basis.currentData()
        text = self._informed_on.text().strip()
        day = parse_date(text)
        if enabled:
            assert day is not None
            return (self.tr("Identité conservée au titre de : %1 (personne informée le %2).")
                    .replace("%1", labels.vocab_label("legal_bases", basis))
                    .replace("%2", labels.date(day)))
        if text and day is None:
            why = self.tr("La date d'information n'est pas une date valide.")
        elif day is not None and day > self._today:
            why = self.tr("La date d'information ne peut pas être dans le futur.")
        elif basis is None:
            why = self.tr(
                "Sans base légale, seules des données statistiques sont conservées : "
                "l'identité et les notes restent fermées. Choisissez une base légale et "
                "indiquez quand la personne a été informée pour les saisir."
            )
        else:
            why = self.tr(
                "Indiquez la date à laquelle la personne a été informée du traitement de "
                "ses données : l'identité et les notes s'ouvrent ensuite."
            )
        if self._has_identity_text():
            why += " " + self.tr("L'identité et les notes saisies ne seront pas conservées.")
        return why
