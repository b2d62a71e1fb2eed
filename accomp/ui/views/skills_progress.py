"""The dashboard's line about the skills passport: how many people moved up a level
in some competence this quarter, as a summary would publish it (cell-key
protected: never 1..k−1)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLabel, QWidget

from accomp.services import skills
from accomp.store.vault import Vault
from accomp.ui import ops
from accomp.ui.i18n import ui_locale


class SkillsProgressLabel(QLabel):
    def __init__(self, vault: Vault, today: Callable[[], dt.date],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self._today = today
        self.setObjectName("skillsProgress")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def refresh(self, tag: int | None = None) -> None:
        if self._vault.is_locked:
            self.clear()
            return
        read = ops.run(self, skills.quarter_progress, self._vault, self._today(), tag=tag)
        if not read or read.value is None:
            self.clear()
            return
        p = read.value
        since = ui_locale().toString(QDate(p.start.year, p.start.month, p.start.day),
                                      "d MMMM yyyy")
        self.setText(
            self.tr("Passeport numérique : %1 personne(s) ont gagné au moins un niveau "
                    "de compétence ce trimestre (depuis le %2). Chiffre protégé comme "
                    "toute synthèse : un petit nombre s'affiche comme le seuil.")
            .replace("%1", str(p.moved_up)).replace("%2", since))
        self.setAccessibleName(self.text())
