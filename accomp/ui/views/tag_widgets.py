"""Widgets of the structure's tags: a filter (one tag or all) for the journal, the
dashboard and the summary export, and a check list to set tags on a session or a
file. Both read the tags again when they change (topic "tags") and on show."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QListWidget, QListWidgetItem, QWidget

from accomp.services import tags
from accomp.store.vault import Vault
from accomp.ui import ops

TOPIC = "tags"
IdRole = Qt.ItemDataRole.UserRole


def _tags(parent: QWidget, vault: Vault) -> list[tags.TagInfo]:
    if vault.is_locked:
        return []
    found = ops.run(parent, tags.list_tags, vault)
    return list(found.value or []) if found else []


class TagFilterCombo(QComboBox):
    """"Toutes les étiquettes", then each tag: `tag_id()` is the one chosen."""

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self.setObjectName("tagFilter")
        self.addItem("", None)
        self._retranslate()
        self.reload()
        ops.changes().changed.connect(self._on_changed)

    def _retranslate(self) -> None:
        self.setItemText(0, self.tr("Toutes les étiquettes"))
        self.setAccessibleName(self.tr("Étiquette"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def tag_id(self) -> int | None:
        value = self.currentData()
        return None if value is None else int(value)

    def reload(self) -> None:
        chosen = self.tag_id()
        self.blockSignals(True)
        while self.count() > 1:
            self.removeItem(1)
        for tag in _tags(self, self._vault):
            self.addItem(tag.name, tag.id)
        index = self.findData(chosen) if chosen is not None else 0
        self.setCurrentIndex(max(index, 0))
        self.blockSignals(False)
        if chosen is not None and index < 0:  # the chosen tag was deleted
            self.currentIndexChanged.emit(0)

    def _on_changed(self, topic: str) -> None:
        if topic == TOPIC:
            self.reload()


class TagChecklist(QListWidget):
    """Every tag with a check box (Space ticks the current one)."""

    toggled = Signal()

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self.setObjectName("tagChecklist")
        self.setMaximumHeight(110)
        self.reload([])
        self.itemChanged.connect(lambda _item: self.toggled.emit())

    def reload(self, checked: Sequence[int] | None = None) -> None:
        keep = set(self.checked() if checked is None else checked)
        self.blockSignals(True)
        self.clear()
        for tag in _tags(self, self._vault):
            item = QListWidgetItem(tag.name, self)
            item.setData(IdRole, tag.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if tag.id in keep
                               else Qt.CheckState.Unchecked)
        if self.count():
            self.setCurrentRow(0)
        self.blockSignals(False)

    def checked(self) -> list[int]:
        return sorted(int(self.item(i).data(IdRole)) for i in range(self.count())
                      if self.item(i).checkState() == Qt.CheckState.Checked)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._vault.is_locked:
            self.reload()
