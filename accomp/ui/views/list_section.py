"""A Paramètres section over a list of the structure's own items (its tags, its
custom fields): an explanation, the list, a name, Ajouter / Renommer / Supprimer.
The section reads the items again when their topic changes, keeps the one chosen
when it does, and empties itself when the vault is locked.

The base holds no text of its own: each section says its words in `_retranslate`
(translations are looked up by the section's class name)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from accomp.store.vault import Vault
from accomp.ui import ops

IdRole = Qt.ItemDataRole.UserRole


class ListSection(QGroupBox):
    """The shared mechanics. A section builds its own widgets after these, then
    calls `_finish(rows)`; it gives `_items()` (id, label) to list, `_retranslate()`,
    `add()`, `rename()`, and `_delete_question()` / `_remove(id)` for Supprimer."""

    def __init__(self, vault: Vault, parent: QWidget | None, *, topic: str, prefix: str,
                 list_height: int, name_max: int) -> None:
        super().__init__(parent)
        self._vault = vault
        self._topic = topic
        self.setObjectName(f"{prefix}Settings")
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName(f"{prefix}List")
        self.list.setMaximumHeight(list_height)
        self.list_label = QLabel(self)
        self.list_label.setBuddy(self.list)
        self.name = QLineEdit(self)
        self.name.setObjectName(f"{prefix}Name")
        self.name.setMaxLength(name_max)
        self.name_label = QLabel(self)
        self.name_label.setBuddy(self.name)
        self.add_button = QPushButton(self)
        self.rename_button = QPushButton(self)
        self.delete_button = QPushButton(self)
        for button in self.buttons():
            button.setAutoDefault(False)

    def buttons(self) -> list[QPushButton]:
        return [self.add_button, self.rename_button, self.delete_button]

    def _finish(self, *rows: QLayout) -> None:
        """Lay the section out (its text, the list, then `rows`), say its words and
        connect it."""
        box = QVBoxLayout(self)
        box.addWidget(self.text)
        box.addWidget(self.list_label)
        box.addWidget(self.list)
        for row in rows:
            box.addLayout(row)
        self._retranslate()
        self.add_button.clicked.connect(self.add)
        self.rename_button.clicked.connect(self.rename)
        self.delete_button.clicked.connect(self.delete)
        self.list.currentItemChanged.connect(self._on_current)
        ops.changes().changed.connect(self._on_changed)
        self._on_current()

    def focus_chain(self) -> list[QWidget]:
        return [self.list, self.name, *self._editors(), *self.buttons()]

    def _editors(self) -> list[QWidget]:
        """The section's own editors, between the name and the buttons."""
        return []

    # --- what each section says and does -------------------------------------------

    def _retranslate(self) -> None:
        raise NotImplementedError

    def _items(self) -> list[tuple[int, str]]:
        """(id, label) of each item, in the list's order (none while locked)."""
        raise NotImplementedError

    def add(self) -> bool:
        raise NotImplementedError

    def rename(self) -> bool:
        raise NotImplementedError

    def _delete_question(self) -> tuple[str, str]:
        """The title and the question of the confirmation before Supprimer."""
        raise NotImplementedError

    def _remove(self, item_id: int) -> bool:
        raise NotImplementedError

    # --- the list --------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def reload(self) -> None:
        """Read the items again, keeping the one chosen if it is still there."""
        chosen = self.current_id()
        self.list.clear()
        for item_id, label in self._items():
            item = QListWidgetItem(label, self.list)
            item.setData(IdRole, item_id)
            if item_id == chosen:
                self.list.setCurrentItem(item)
        self._on_current()

    def clear_sensitive(self) -> None:
        self.list.clear()
        self.name.clear()

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(IdRole))

    def choose(self, item_id: int) -> None:
        """Make the item `item_id` the one chosen in the list."""
        for i in range(self.list.count()):
            if self.list.item(i).data(IdRole) == item_id:
                self.list.setCurrentRow(i)

    def _on_current(self, *_: object) -> None:
        has = self.current_id() is not None
        self.rename_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def _on_changed(self, topic: str) -> None:
        if topic == self._topic and not self._vault.is_locked:
            self.reload()

    def delete(self) -> bool:
        """Delete the item chosen, once the question is answered Yes."""
        item_id = self.current_id()
        if item_id is None:
            return False
        title, question = self._delete_question()
        answer = QMessageBox.question(
            self, title, question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        return self._remove(item_id)
