"""The journal's actions on a session: new, new workshop, edit, duplicate, delete
(confirmed, then undoable for a few seconds: `UNDO_SECONDS`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QWidget,
)

from accomp.domain.models import ActivityIn, ActivityOut
from accomp.services import activities
from accomp.services.vaults import Vault
from accomp.ui import labels, ops
from accomp.ui.models.activities import ActivityTableModel
from accomp.ui.views.activity_form import ActivityDialog
from accomp.ui.widgets import named

TOPIC = "activities"
UNDO_BAR_STYLE = (
    "QFrame#undoBar { background: #e8f0fe; border: 1px solid #1a56b8; border-radius: 3px; }"
    " QFrame#undoBar QLabel { color: #0b2a5b; }"
)


class JournalActions(QWidget):
    """What the worker does to the sessions of the journal (a part of JournalView)."""

    # How long "Annuler" stays offered after a deletion; tests shorten it.
    UNDO_SECONDS = 10

    # Set by JournalView.
    _vault: Vault
    _active: bool
    _deleted: ActivityOut | None
    _select_after_reload: int | None
    model: ActivityTableModel
    table: QTableView
    today: Callable[[], dt.date]

    def selected_activity_id(self) -> int | None:
        raise NotImplementedError

    def select_activity(self, activity_id: int) -> bool:
        raise NotImplementedError

    # --- building --------------------------------------------------------------------

    def _action(self, keys: str | None, slot: Callable[[], Any]) -> QAction:
        """An action with its shortcut; its text is set by _retranslate()."""
        action = QAction(self)
        if keys:
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action("Ctrl+N", self.new_activity)
        self.new_workshop_action = self._action("Ctrl+Shift+N", self.new_workshop)
        self.edit_action = self._action(None, self.edit_selected)
        self.duplicate_action = self._action("Ctrl+D", self.duplicate_selected)
        self.delete_action = self._action(None, self.delete_selected)
        # Delete belongs to the table: in a filter field it erases a letter.
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.removeAction(self.delete_action)
        self.undo_action = self._action("Ctrl+Z", self.undo_delete)
        self.undo_action.setEnabled(False)

        # Their texts, names and tooltips are set by _retranslate().
        self._button_actions = [self.new_action, self.new_workshop_action, self.edit_action,
                                self.duplicate_action, self.delete_action]
        self.action_buttons: list[QPushButton] = []
        for action in self._button_actions:
            button = QPushButton(self)
            button.setAutoDefault(False)
            button.clicked.connect(action.trigger)
            action.enabledChanged.connect(button.setEnabled)
            self.action_buttons.append(button)
        self.new_button, self.new_workshop_button, self.edit_button = self.action_buttons[:3]
        self.duplicate_button, self.delete_button = self.action_buttons[3:]

    def _retranslate_actions(self) -> None:
        texts = {
            self.new_action: self.tr("&Nouvelle activité"),
            self.new_workshop_action: self.tr("Nouvel a&telier"),
            self.edit_action: self.tr("&Modifier"),
            self.duplicate_action: self.tr("D&upliquer"),
            self.delete_action: self.tr("&Supprimer"),
            self.undo_action: self.tr("Annuler la suppression"),
        }
        for action, text in texts.items():
            action.setText(text)
        keys = [
            "Ctrl+N", self.tr("Ctrl+Maj+N"), self.tr("Entrée"), "Ctrl+D", self.tr("Suppr"),
        ]
        for button, action, shortcut in zip(self.action_buttons, self._button_actions, keys,
                                            strict=True):
            button.setText(action.text())
            named(button)
            button.setToolTip(f"{button.accessibleName()} ({shortcut})")

    def _build_undo_bar(self) -> None:
        self.undo_bar = QFrame(self)
        self.undo_bar.setObjectName("undoBar")
        self.undo_bar.setStyleSheet(UNDO_BAR_STYLE)
        self.undo_label = QLabel(self.undo_bar)
        self.undo_label.setTextFormat(Qt.TextFormat.PlainText)
        self.undo_button = QPushButton(self.undo_bar)  # its texts: _retranslate()
        self.undo_button.setAutoDefault(False)
        self.undo_button.clicked.connect(self.undo_delete)
        row = QHBoxLayout(self.undo_bar)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.undo_label, 1)
        row.addWidget(self.undo_button)
        self.undo_bar.setVisible(False)
        self.undo_timer = QTimer(self)
        self.undo_timer.setSingleShot(True)
        self.undo_timer.timeout.connect(self._forget_deleted)

    # --- actions ---------------------------------------------------------------------

    def new_activity(self) -> ActivityOut | None:
        return self._open_dialog(kind="Individuel")

    def new_workshop(self) -> ActivityOut | None:
        return self._open_dialog(kind="Collectif")

    def _open_dialog(self, **kw: Any) -> ActivityOut | None:
        if not self._active:
            return None
        saved = ActivityDialog.ask(self, self._vault, today=self.today(), **kw)
        if saved is not None:
            self._select_after(saved.id)
        return saved

    def _select_after(self, activity_id: int) -> None:
        # The dialog announced the change and the journal was read again: select it.
        if not self.select_activity(activity_id):
            self._select_after_reload = activity_id

    def _selected(self) -> ActivityOut | None:
        activity_id = self.selected_activity_id()
        if activity_id is None or not self._active:
            return None
        done = ops.run(self, activities.get_activity, self._vault, activity_id)
        return done.value if done else None

    def edit_selected(self) -> ActivityOut | None:
        current = self._selected()
        if current is None:
            return None
        return self._open_dialog(activity=current)

    def duplicate_selected(self) -> ActivityOut | None:
        current = self._selected()
        if current is None:
            return None
        return self._open_dialog(duplicate_of=current)

    def delete_selected(self) -> bool:
        """Delete the highlighted session once the worker confirms; offer to undo."""
        activity_id = self.selected_activity_id()
        if activity_id is None or not self._active:
            return False
        row = self.model.row_with_id(activity_id)
        answer = QMessageBox.question(
            self,
            self.tr("Supprimer l'activité"),
            self.tr("Supprimer cette activité ?\n%1\n\nVous pourrez annuler pendant "
                    "quelques secondes.").replace("%1", self.model.describe(row)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        done = ops.run(self, activities.delete_activity, self._vault, activity_id, topic=TOPIC)
        if not done or done.value is None:
            return False
        self._offer_undo(done.value)
        self._select_row(row)
        return True

    def _select_row(self, row: int) -> None:
        count = self.model.rowCount()
        if count:
            self.table.selectRow(min(row, count - 1))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _offer_undo(self, deleted: ActivityOut) -> None:
        self._deleted = deleted
        text = self._undo_text(deleted)
        self.undo_label.setText(text)
        self.undo_bar.setVisible(True)
        self.undo_action.setEnabled(True)
        self.undo_timer.start(int(self.UNDO_SECONDS * 1000))
        if QAccessible.isActive():
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self.undo_label, text))

    def _undo_text(self, deleted: ActivityOut) -> str:
        return self.tr("Activité du %1 supprimée.").replace("%1", labels.date(deleted.date))

    def _forget_deleted(self) -> None:
        self._deleted = None
        self.undo_timer.stop()
        self.undo_bar.setVisible(False)
        self.undo_label.clear()
        self.undo_action.setEnabled(False)

    def undo_delete(self) -> ActivityOut | None:
        """Log the deleted session again (it gets a new number)."""
        deleted = self._deleted
        if deleted is None or not self._active:
            return None
        data = deleted.model_dump(include=set(ActivityIn.model_fields))
        done = ops.run(self, activities.log_activity, self._vault, data, topic=TOPIC,
                       today=self.today())
        if not done or done.value is None:
            return None
        self._forget_deleted()
        self._select_after(done.value.id)
        return done.value

