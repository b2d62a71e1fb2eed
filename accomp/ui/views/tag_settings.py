"""Paramètres › Étiquettes: the structure names its tags (a local programme, a
partner's cohort, "France Services", "quartier prioritaire"), renames and deletes
them. Sessions and files carry them; the journal, the dashboard and the summary
filter on them (services.tags)."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from accomp.services import tags
from accomp.services.tags import TAG_NAME_MAX
from accomp.store.vault import Vault
from accomp.ui import ops
from accomp.ui.views.tag_widgets import TOPIC, IdRole
from accomp.ui.widgets import named


class TagSettingsBox(QGroupBox):
    """The tags of the structure: a list, a name field, Ajouter / Renommer / Supprimer."""

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self.list = QListWidget(self)
        self.list.setObjectName("tagList")
        self.list.setMaximumHeight(140)
        self.name = QLineEdit(self)
        self.name.setObjectName("tagName")
        self.name.setMaxLength(TAG_NAME_MAX)
        self.name_label = QLabel(self)
        self.name_label.setBuddy(self.name)
        self.list_label = QLabel(self)
        self.list_label.setBuddy(self.list)
        self.add_button = QPushButton(self)
        self.rename_button = QPushButton(self)
        self.delete_button = QPushButton(self)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.name_label)
        row.addWidget(self.name, 1)
        for button in (self.add_button, self.rename_button, self.delete_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        box = QVBoxLayout(self)
        box.addWidget(self.text)
        box.addWidget(self.list_label)
        box.addWidget(self.list)
        box.addLayout(row)
        self._retranslate()
        self.add_button.clicked.connect(self.add)
        self.rename_button.clicked.connect(self.rename)
        self.delete_button.clicked.connect(self.delete)
        self.name.returnPressed.connect(self.add)
        self.list.currentItemChanged.connect(self._on_current)
        ops.changes().changed.connect(self._on_changed)

    def focus_chain(self) -> list[QWidget]:
        return [self.list, self.name, self.add_button, self.rename_button, self.delete_button]

    def _retranslate(self) -> None:
        self.setTitle(self.tr("Étiquettes"))
        self.text.setText(self.tr(
            "Les étiquettes de la structure (un programme, une cohorte d'un partenaire, "
            "« France Services »…) se posent sur les activités et les dossiers, et filtrent "
            "le journal, le tableau de bord et la synthèse. La synthèse d'une étiquette est "
            "protégée comme toute synthèse : un petit groupe n'y apparaît jamais."))
        self.list_label.setText(self.tr("Étiquettes e&xistantes :"))
        self.list.setAccessibleName(self.tr("Étiquettes existantes"))
        self.name_label.setText(self.tr("Nom de l'éti&quette :"))
        self.name.setAccessibleName(self.tr("Nom de l'étiquette"))
        named(self.add_button, self.tr("Ajouter l'étiquette")).setText(self.tr("Ajouter"))
        named(self.rename_button, self.tr("Renommer l'étiquette")).setText(self.tr("Renommer"))
        named(self.delete_button, self.tr("Supprimer l'étiquette")).setText(self.tr("Supprimer"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def reload(self) -> None:
        chosen = self.current_id()
        self.list.clear()
        if self._vault.is_locked:
            return
        found = ops.run(self, tags.list_tags, self._vault)
        for tag in found.value or [] if found else []:
            item = QListWidgetItem(tag.name, self.list)
            item.setData(IdRole, tag.id)
            if tag.id == chosen:
                self.list.setCurrentItem(item)
        self._on_current()

    def clear_sensitive(self) -> None:
        self.list.clear()
        self.name.clear()

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(IdRole))

    def _on_current(self, *_: object) -> None:
        has = self.current_id() is not None
        self.rename_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def _on_changed(self, topic: str) -> None:
        if topic == TOPIC and not self._vault.is_locked:
            self.reload()

    def add(self) -> bool:
        done = ops.run(self, tags.create_tag, self._vault, self.name.text(), topic=TOPIC)
        if done:
            self.name.clear()
            created = done.value
            for i in range(self.list.count()):
                if created is not None and self.list.item(i).data(IdRole) == created.id:
                    self.list.setCurrentRow(i)
        return bool(done)

    def rename(self) -> bool:
        tag_id = self.current_id()
        if tag_id is None:
            return False
        done = ops.run(self, tags.rename_tag, self._vault, tag_id, self.name.text(),
                       topic=TOPIC)
        if done:
            self.name.clear()
        return bool(done)

    def delete(self) -> bool:
        tag_id = self.current_id()
        if tag_id is None:
            return False
        answer = QMessageBox.question(
            self, self.tr("Supprimer l'étiquette"),
            self.tr("Supprimer cette étiquette ? Elle sera retirée des activités et des "
                    "dossiers qui la portent (ils sont conservés)."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        return bool(ops.run(self, tags.delete_tag, self._vault, tag_id, topic=TOPIC))
