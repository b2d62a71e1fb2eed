"""The "Conservation" tab of the "Protection des données" page: what has passed its
retention period, to check and apply (after a confirmation that says exactly what
goes and what stays), and the register of purges. At unlock, the window's banner
(accomp.ui.retention_banner) says when something is due and opens this tab.

Texts are translated in the page's context, "PrivacyPage".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QVBoxLayout, QWidget

from accomp.domain.retention import DataClass
from accomp.services import lifecycle
from accomp.services.lifecycle import DueItem
from accomp.services.vaults import Vault
from accomp.ui import labels, ops
from accomp.ui.background import BackgroundRead
from accomp.ui.models.retention import DueModel, PurgeModel
from accomp.ui.views.privacy.tables import button, table_view
from accomp.ui.widgets import buddy_label, message_label, paragraph, show_message

Today = Callable[[], dt.date]


class RetentionTab(QWidget):
    def __init__(self, vault: Vault, today: Today, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self._today = today
        self.reads = BackgroundRead("retention", self)
        intro = paragraph(QCoreApplication.translate(
            "PrivacyPage",
            "Ce qui a dépassé sa durée de conservation. Rien n'est effacé sans vous : "
            "cochez ce qui doit partir puis appliquez. Les dossiers sont anonymisés (les "
            "statistiques restent justes)."), self)
        self.due_count = QLabel(self)
        self.due_count.setObjectName("dueCount")
        self.due_model = DueModel(self)
        self.due_table = table_view(
            self, self.due_model, QCoreApplication.translate("PrivacyPage", "Données à purger"),
            "dueTable", DueModel.COL_CLASS, sortable=True)
        self.due_model.dataChanged.connect(lambda *_: self._update_apply())
        due_label = buddy_label(
            QCoreApplication.translate("PrivacyPage", "À &purger :"), self.due_table,
            accessible_name=QCoreApplication.translate("PrivacyPage", "Données à purger"),
            parent=self)
        self.select_all_button = button(
            QCoreApplication.translate("PrivacyPage", "&Tout cocher"), self)
        self.select_all_button.clicked.connect(lambda: self._check_all(True))
        self.apply_button = button(QCoreApplication.translate("PrivacyPage", "&Appliquer…"), self)
        self.apply_button.clicked.connect(self.apply_selected)
        self.retention_message = message_label(self)
        self.purge_model = PurgeModel(self)
        self.purge_table = table_view(
            self, self.purge_model,
            QCoreApplication.translate("PrivacyPage", "Registre des purges"), "purgeTable",
            PurgeModel.COL_CLASS, sortable=True)
        purge_label = buddy_label(
            QCoreApplication.translate("PrivacyPage", "Registre des pur&ges :"),
            self.purge_table, parent=self)

        buttons = QHBoxLayout()
        buttons.addWidget(self.due_count)
        buttons.addStretch(1)
        buttons.addWidget(self.select_all_button)
        buttons.addWidget(self.apply_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(due_label)
        layout.addWidget(self.due_table, 2)
        layout.addLayout(buttons)
        layout.addWidget(self.retention_message)
        layout.addWidget(purge_label)
        layout.addWidget(self.purge_table, 1)
        QWidget.setTabOrder(self.due_table, self.select_all_button)
        QWidget.setTabOrder(self.select_all_button, self.apply_button)
        QWidget.setTabOrder(self.apply_button, self.purge_table)

    def reload(self) -> None:
        """Review what is due and read the purge register, in a worker thread (every
        file and session of a large vault is looked at); the count line says so
        meanwhile, and a result made stale by a newer reload or a lock is dropped."""
        vault, today = self._vault, self._today()
        self.due_count.setText(QCoreApplication.translate(
            "PrivacyPage", "Recherche de ce qui est à purger…"))
        self.reads.start(lambda: self._review(vault, today), self._on_loaded)

    @staticmethod
    def _review(vault: Vault, today: dt.date) -> tuple[Any, ...]:
        """In the worker: what is due, with its texts (1,650 lines at size M take the
        window's thread 40 ms to word), and the purge register."""
        due = lifecycle.due_for_retention(vault, today)
        return due, DueModel.texts_of(due), lifecycle.purge_register(vault)

    def is_busy(self) -> bool:
        return self.reads.busy

    def _on_loaded(self, result: tuple[Any, ...] | None, error: Exception | None) -> None:
        if error is not None or result is None:
            self.due_count.clear()
            ops.show_error(self, error or RuntimeError("no review"), action="retention review")
            return
        due, shown, purged = result
        self._show_due(due, shown)
        self.purge_model.set_entries(list(reversed(purged)))  # newest first

    def clear(self) -> None:
        """Empty both lists and the messages (at lock)."""
        self.reads.cancel()
        self.due_model.clear()
        self.purge_model.clear()
        show_message(self.retention_message, "", announce=False)
        self.due_count.clear()
        self._update_apply()

    def _show_due(self, items: list[DueItem],
                  shown: list[tuple[str, ...]] | None = None) -> None:
        self.due_model.set_items(items, shown)
        n = len(items)
        self.due_count.setText(
            labels.resolve_plural(self.tr("%n élément(s) à purger", "", n), n) if n
            else QCoreApplication.translate("PrivacyPage", "Rien à purger aujourd'hui."))
        if n and not self.due_table.currentIndex().isValid():
            self.due_table.setCurrentIndex(self.due_table.model().index(0, 0))
        self._update_apply()

    def due_items(self) -> list[DueItem]:
        return self.due_model.items()

    def purge_codes(self) -> list[str]:
        return self.purge_model.codes()

    def set_checked(self, row: int, checked: bool = True) -> None:
        """Check or uncheck the `row`-th due item (in the service's order)."""
        self.due_model.set_checked(row, checked)

    def _check_all(self, checked: bool) -> None:
        for i in range(self.due_model.rowCount()):
            self.set_checked(i, checked)

    def selected_due(self) -> list[DueItem]:
        return self.due_model.checked_items()

    def _update_apply(self) -> None:
        self.apply_button.setEnabled(bool(self.selected_due()))
        self.select_all_button.setEnabled(bool(self.due_model.rowCount()))

    def confirmation_text(self, items: list[DueItem]) -> str:
        """What goes and what stays, said exactly, for the confirmation."""
        parts: list[str] = []
        files = [i.ref for i in items if i.data_class == DataClass.IDENTIFIED_FILE]
        if files:
            n = len(files)
            parts.append(labels.resolve_plural(self.tr(
                "%n dossier(s) anonymisé(s) : %1. Seront détruits : l'identité, les "
                "coordonnées, les notes du dossier et de ses séances, la base légale, les "
                "mandats et l'historique des corrections. Seront conservés, sans identité : "
                "le code, le genre, la tranche d'âge, la situation, la commune, les séances "
                "(pour les statistiques) et l'historique des consentements.", "", n), n)
                .replace("%1", ", ".join(files)))
        notes = sum(i.rows for i in items if i.data_class == DataClass.NOTES)
        if notes:
            parts.append(labels.resolve_plural(self.tr(
                "%n note(s) effacée(s) ; les séances elles-mêmes sont conservées.", "", notes),
                notes))
        exports = sum(i.rows for i in items if i.data_class == DataClass.EXPORT_RECORDS)
        if exports:
            parts.append(labels.resolve_plural(self.tr(
                "%n trace(s) d'export supprimée(s).", "", exports), exports))
        events = sum(i.rows for i in items if i.data_class == DataClass.JOURNAL)
        if events:
            parts.append(labels.resolve_plural(self.tr(
                "%n événement(s) du journal supprimé(s), remplacés par un point de contrôle "
                "signé qui garde le journal vérifiable ; les traces d'export encore en "
                "vigueur sont gardées.", "", events), events))
        parts.append(QCoreApplication.translate(
            "PrivacyPage",
            "Chaque purge est inscrite au registre des purges (codes "
            "seulement). Les sauvegardes déjà faites contiennent encore ces "
            "données jusqu'à leur rotation. Appliquer ?"))
        return "\n\n".join(parts)

    def apply_selected(self) -> bool:
        """Apply retention to the checked lines after confirmation."""
        items = self.selected_due()
        if not items:
            return False
        answer = QMessageBox.question(
            self, QCoreApplication.translate("PrivacyPage", "Appliquer la conservation"),
            self.confirmation_text(items),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        outcome = ops.run(self, lifecycle.apply_retention, self._vault, items, self._today(),
                          topic="beneficiaries")
        self.reload()
        if outcome.value is None:
            return False
        n = len(outcome.value.applied)
        text = labels.resolve_plural(self.tr("%n élément(s) purgé(s).", "", n), n)
        if outcome.value.skipped:
            text += " " + QCoreApplication.translate(
                "PrivacyPage", "Plus dû, laissé tel quel : %1.").replace(
                "%1", ", ".join(outcome.value.skipped))
        show_message(self.retention_message, text, error=False)
        return True
