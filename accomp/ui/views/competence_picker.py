"""What a session adds to the person's follow-up, below the session's form: the
structure's tags, and the competences practised with the level reached (the skills
passport). Competences are typed in a few keystrokes, "1.1:3 4.2:2" (DigComp key,
level reached), and shown back in words as they are typed.

Saved after the session itself (services.tags, services.skills): a refusal is
shown, the session stays saved."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QSizePolicy,
    QWidget,
)

from accomp.domain import competences as dc
from accomp.domain.clock import instant
from accomp.domain.errors import KnownError
from accomp.services import skills, tags
from accomp.store.vault import Vault
from accomp.ui import ops
from accomp.ui.labels import current_lang
from accomp.ui.views.session_fields import SessionFieldsButton
from accomp.ui.views.tag_widgets import TagChecklist

TOPIC = "activities"


class CompetenceField(QLineEdit):
    """Competences and levels as typed ("1.1:3 4.2:2"); `entries()` parses them."""

    def entries(self) -> list[tuple[str, int]]:
        return skills.parse(self.text())

    def set_entries(self, entries: list[tuple[str, int]]) -> None:
        self.setText(dc.format_entries(entries))


class SessionExtras(QWidget):
    """Tags and competences of one session."""

    def __init__(self, vault: Vault, activity_id: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self.tags = TagChecklist(vault, self)
        self.competences = CompetenceField(self)
        self.competences.setObjectName("competences")
        self.preview = QLabel(self)
        self.preview.setWordWrap(True)
        self.tags_label = QLabel(self)
        self.tags_label.setBuddy(self.tags)
        self.competences_label = QLabel(self)
        self.competences_label.setBuddy(self.competences)
        # one line each: the dialog must fit a 1280×720 screen without scrolling
        self.tags.setFlow(QListView.Flow.LeftToRight)
        self.tags.setFixedHeight(self.tags.fontMetrics().height() * 2 + 6)
        self.preview.setWordWrap(False)
        self.preview.setMinimumWidth(10)
        self.preview.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        line = QHBoxLayout()
        line.addWidget(self.competences, 2)
        line.addWidget(self.preview, 3)
        form = QFormLayout(self)
        form.setContentsMargins(9, 0, 9, 0)
        form.addRow(self.competences_label, line)
        # The tags go on the dialog's button line (`tags_row`), so that a workshop,
        # which notes no competence, gives the form the whole height.
        self.tags_row = QWidget(parent)
        tag_line = QHBoxLayout(self.tags_row)
        tag_line.setContentsMargins(0, 0, 0, 0)
        tag_line.addWidget(self.tags_label)
        tag_line.addWidget(self.tags, 1)
        self.fields = SessionFieldsButton(vault, activity_id, self.tags_row)
        tag_line.addWidget(self.fields)
        if activity_id is not None and not vault.is_locked:
            self.tags.reload(tags.activity_tags(vault, activity_id))
            self.competences.set_entries(skills.session_competences(vault, activity_id))
        self._retranslate()
        self.competences.textChanged.connect(self._show_preview)

    def set_collective(self, collective: bool) -> None:
        """Competences are noted for one tracked person: hidden for a workshop."""
        self.setVisible(not collective)

    def focus_chain(self) -> list[QWidget]:
        return [self.tags, self.fields, self.competences]

    def _retranslate(self) -> None:
        self.tags_label.setText(self.tr("É&tiquettes :"))
        self.tags.setAccessibleName(self.tr("Étiquettes de l'activité"))
        self.competences_label.setText(self.tr("Co&mpétences pratiquées :"))
        self.competences.setAccessibleName(self.tr("Compétences pratiquées"))
        self.competences.setPlaceholderText(self.tr("ex. 1.1:3 4.2:2 (compétence:niveau)"))
        self.competences.setToolTip(self.tr(
            "Numéro DigComp de la compétence, deux-points, niveau observé de 1 à 8 ; "
            "séparées par des espaces. Seulement pour un accompagnement individuel "
            "d'une personne suivie."))
        self._show_preview()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _show_preview(self, *_: object) -> None:
        lang = current_lang()
        try:
            entries = self.competences.entries()
        except KnownError as err:
            self._set_preview(err.message(lang))
            return
        word = self.tr("niveau")
        self._set_preview("\n".join(
            f"{dc.competence(key).label(lang)} — {word} {level}" for key, level in entries))

    def draft(self) -> dict[str, Any]:
        """What was ticked and typed, kept in the session's draft at lock."""
        fields = self.fields.draft()
        return {"tags": self.tags.checked(), "competences": self.competences.text(),
                **({"fields": fields} if fields else {})}

    def restore(self, fields: object) -> None:
        """Show a draft's tags and competences again (nothing if it has none)."""
        if not isinstance(fields, dict):
            return
        ids = fields.get("tags")
        if isinstance(ids, list):
            self.tags.reload([int(i) for i in ids if isinstance(i, int)])
        self.fields.restore(fields.get("fields"))
        text = fields.get("competences")
        if isinstance(text, str):
            self.competences.setText(text)

    def _set_preview(self, text: str) -> None:
        """Shown on one line (its start), whole in the tooltip and to screen readers."""
        self.preview.setText(text.replace("\n", " · "))
        self.preview.setToolTip(text)
        self.competences.setAccessibleDescription(text)

    def save(self, activity_id: int, *, today: dt.date | None = None) -> bool:
        """Write the session's tags and competences; show a refusal (the session
        itself stays saved). `today` is the dialog's clock (journaled that day)."""
        now = instant(today) if today is not None else None
        ok = bool(ops.run(self.window(), tags.set_activity_tags, self._vault, activity_id,
                          self.tags.checked(), topic="tags", now=now))
        ok = self.fields.save(activity_id, today=today) and ok
        try:
            entries = self.competences.entries()
        except KnownError as err:
            ops.show_error(self.window(), err, action="competences")
            return False
        # always: an edited session's competences follow its person and date
        return bool(ops.run(self.window(), skills.note_competences, self._vault,
                            activity_id, entries, topic=TOPIC, now=now)) and ok
