"""The window around the activity form: new, edited or duplicated session, its
competences and tags, and the keys that save or cancel it (see the package)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from accomp.domain import clock
from accomp.domain.errors import KnownError
from accomp.domain.models import ActivityOut
from accomp.services import activities
from accomp.services.drafts import DraftOut
from accomp.services.vaults import Vault
from accomp.ui import ops, prefs
from accomp.ui.dialogs import appointment
from accomp.ui.drafts import DraftKeeper
from accomp.ui.labels import current_lang
from accomp.ui.views.activity_form.form import ActivityForm
from accomp.ui.views.activity_form.kinds import INDIVIDUAL, TOPIC
from accomp.ui.views.competence_picker import SessionExtras
from accomp.ui.widgets import named


class ActivityDialog(QDialog):
    """New, edited or duplicated session. `ask()` shows it and returns the session
    as saved, or None when cancelled."""

    def __init__(
        self,
        vault: Vault,
        *,
        activity: ActivityOut | None = None,
        duplicate_of: ActivityOut | None = None,
        kind: str = INDIVIDUAL,
        today: dt.date | None = None,
        draft: DraftOut | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._vault = vault
        self._editing = activity
        self._resumed = draft is not None
        self.saved: ActivityOut | None = None
        self._copy = duplicate_of is not None

        self.form = ActivityForm(vault, today=today, parent=self)
        if activity is not None:
            self.form.load(activity)
        elif duplicate_of is not None:
            self.form.load(duplicate_of, as_copy=True)
        else:
            self.form.kind.set_value(kind)
            self.form.apply_prefs(prefs.load_prefs(vault.paths.data_dir))
        if draft is not None:
            self.form.restore_draft(draft.fields)

        self.extras = SessionExtras(vault, activity.id if activity else None, parent=self)
        self.extras.restore(draft.fields.get("extras") if draft is not None else None)
        scroll = QScrollArea(self)
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.hint = QLabel(self.tr("Ctrl+S : enregistrer · Échap : annuler"), self)
        self.hint.setEnabled(False)
        self.cancel_button = named(QPushButton(self.tr("Annuler"), self))
        self.save_button = named(QPushButton(self.tr("&Enregistrer"), self))
        self.save_button.setToolTip(self.tr("Enregistrer (Ctrl+S)"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.extras.tags_row, 3)
        buttons.addWidget(self.hint)
        buttons.addStretch(1)
        if activity is not None and activity.referred:  # a slip for the person to carry
            from accomp.ui.dialogs.referral_slip import SlipButton
            buttons.addWidget(SlipButton(vault, activity.id, self))
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(appointment.attach(self))  # Ctrl+Shift+R: save, plan the next
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.extras)
        layout.addLayout(buttons)

        # No default button: Enter in a field never saves half a form by surprise;
        # Enter on a focused button presses it (see keyPressEvent).
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)
        for a, b in itertools.pairwise([self.form.focus_chain()[-1],
                                        *self.extras.focus_chain(), self.cancel_button]):
            QWidget.setTabOrder(a, b)
        QWidget.setTabOrder(self.cancel_button, self.save_button)

        self.save_shortcut = QShortcut(QKeySequence("Ctrl+S"), self)
        self.save_shortcut.activated.connect(self.save)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self.form.kind.currentIndexChanged.connect(lambda _i: self._show_extras())
        self._show_extras()
        self.form.kind.currentIndexChanged.connect(lambda _i: self._size_to_content())
        self.form.kind.currentIndexChanged.connect(lambda _i: self._set_title())
        self._set_title()

        self._initial = self.form.state()
        # What is typed is kept in the vault a moment after each change and at lock.
        self.drafts = DraftKeeper(
            vault, self, kind=lambda: "workshop" if self.form.is_collective() else "activity",
            read=self._draft_fields, beneficiary=self.form.draft_beneficiary,
            draft_id=draft.id if draft is not None else None,
        )
        self.drafts.watch(self.form)
        self.drafts.watch(self.extras)
        self._size_to_content()
        self.form.first_field().setFocus(Qt.FocusReason.OtherFocusReason)

    def _draft_fields(self) -> dict[str, Any]:
        editing = self._editing.id if self._editing is not None else None
        return {**self.form.draft_fields(), "activity_id": editing,
                "extras": self.extras.draft()}

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        vault: Vault,
        *,
        activity: ActivityOut | None = None,
        duplicate_of: ActivityOut | None = None,
        kind: str = INDIVIDUAL,
        draft: DraftOut | None = None,
        today: dt.date | None = None,
    ) -> ActivityOut | None:
        """The session as saved, or None when cancelled (or the vault locked: what
        was typed is then kept as a draft). With `draft`, the form reopens as it
        was kept (the session it was editing, if it still exists). `today` is the
        form's and the service's day (the real one if not given)."""
        if draft is not None and activity is None and draft.fields.get("activity_id"):
            try:
                activity = activities.get_activity(vault, int(draft.fields["activity_id"]))
            except KnownError as err:  # deleted since: the draft becomes a new session
                ops.note_error(err, action="activity draft")
        dialog = cls(vault, activity=activity, duplicate_of=duplicate_of, kind=kind,
                     today=today, draft=draft, parent=parent)
        try:
            dialog.exec()
            return dialog.saved
        finally:
            dialog.deleteLater()

    def _show_extras(self) -> None:
        self.extras.set_collective(self.form.is_collective())

    def _set_title(self) -> None:
        """"Nouvel atelier" for a workshop, "Nouvelle activité" for one person."""
        workshop = self.form.is_collective()
        if self._editing is not None:
            title = self.tr("Modifier l'atelier") if workshop else self.tr("Modifier l'activité")
        elif self._copy:
            title = (self.tr("Nouvel atelier (copie)") if workshop
                     else self.tr("Nouvelle activité (copie)"))
        else:
            title = self.tr("Nouvel atelier") if workshop else self.tr("Nouvelle activité")
        self.setWindowTitle(f"accomp — {title}")

    def _size_to_content(self) -> None:
        hint = self.form.sizeHint()
        screen = self.screen().availableGeometry() if self.screen() else None
        width = max(hint.width() + 40, 980)
        height = hint.height() + 90
        if screen is not None:
            width = min(width, screen.width() - 40)
            height = min(height, screen.height() - 60)
        self.resize(max(width, self.width()), height)

    # --- saving ------------------------------------------------------------------------

    def save(self) -> bool:
        """Call the service; on refusal write why next to the field and keep the
        dialog open (nothing was written); on success remember the place and the
        duration, announce the change and close."""
        self.form.clear_errors()
        try:
            data = self.form.data()
            self.extras.competences.entries()  # a mistyped competence refuses the save
            day, at, editing = self.form.today, clock.instant(self.form.today), self._editing
            out = (activities.update_activity(self._vault, editing.id, data, today=day, at=at)
                   if editing is not None  # the form's clock is the service's (tests freeze it)
                   else activities.log_activity(self._vault, data, today=day, at=at))
        except KnownError as err:
            ops.note_error(err, action="activity form")
            self.form.show_error(err)
            return False
        except Exception as exc:
            ops.show_error(self, exc, action="activity form")
            return False
        prefs.remember(self._vault.paths.data_dir, place_type=out.place_type,
                       duration_min=out.duration_min)
        self.saved = out
        self.extras.save(out.id, today=day)
        self.drafts.discard("saved")
        ops.changes().changed.emit(TOPIC)
        self._tell_notices(getattr(out, "notices", None) or [])
        self.accept()
        return True

    def _tell_notices(self, codes: list[str]) -> None:
        """What the consent rules left out of the save (e.g. notes without consent)."""
        texts: list[str] = []
        for code in codes:
            try:
                texts.append(KnownError(code).message(current_lang()))
            except ValueError:  # a code this version cannot word: say nothing wrong
                ops.note_error(RuntimeError(f"unknown notice {code!r}"), action="notices")
        if texts:
            QMessageBox.information(self, self.tr("Activité enregistrée"), "\n\n".join(texts))

    def is_dirty(self) -> bool:
        return self._resumed or self.form.state() != self._initial

    def clear_sensitive(self) -> None:
        """Empty the fields about a person and close without saving or asking (the
        vault is being locked: the draft was kept before)."""
        self.drafts.stop()
        self.form.clear_sensitive()
        QDialog.reject(self)

    def reject(self) -> None:
        if self.is_dirty():
            answer = QMessageBox.question(
                self,
                self.tr("Abandonner la saisie"),
                self.tr("Abandonner cette saisie ? Ce qui a été tapé sera perdu."),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.drafts.discard("cancelled")
        super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focused = QApplication.focusWidget()
            if isinstance(focused, QPushButton) and focused.isEnabled():
                focused.click()
            event.accept()
            return
        super().keyPressEvent(event)
