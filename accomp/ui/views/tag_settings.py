"""Paramètres › Étiquettes: the structure names its tags (a local programme, a
partner's cohort, "France Services", "quartier prioritaire"), renames and deletes
them. Sessions and files carry them; the journal, the dashboard and the summary
filter on them (services.tags)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QWidget

from accomp.services import tags
from accomp.services.tags import TAG_NAME_MAX
from accomp.store.vault import Vault
from accomp.ui import ops
from accomp.ui.views.list_section import ListSection
from accomp.ui.views.tag_widgets import TOPIC
from accomp.ui.widgets import named


class TagSettingsBox(ListSection):
    """The tags of the structure: a list, a name field, Ajouter / Renommer / Supprimer."""

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(vault, parent, topic=TOPIC, prefix="tag", list_height=140,
                         name_max=TAG_NAME_MAX)
        row = QHBoxLayout()
        row.addWidget(self.name_label)
        row.addWidget(self.name, 1)
        for button in self.buttons():
            row.addWidget(button)
        self._finish(row)
        self.name.returnPressed.connect(self.add)

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

    def _items(self) -> list[tuple[int, str]]:
        if self._vault.is_locked:
            return []
        found = ops.run(self, tags.list_tags, self._vault)
        return [(tag.id, tag.name) for tag in (found.value or [] if found else [])]

    def add(self) -> bool:
        done = ops.run(self, tags.create_tag, self._vault, self.name.text(), topic=TOPIC)
        if done:
            self.name.clear()
            if done.value is not None:
                self.choose(done.value.id)
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

    def _delete_question(self) -> tuple[str, str]:
        return (self.tr("Supprimer l'étiquette"),
                self.tr("Supprimer cette étiquette ? Elle sera retirée des activités et des "
                        "dossiers qui la portent (ils sont conservés)."))

    def _remove(self, item_id: int) -> bool:
        return bool(ops.run(self, tags.delete_tag, self._vault, item_id, topic=TOPIC))
