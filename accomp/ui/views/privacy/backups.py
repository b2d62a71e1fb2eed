"""The "Sauvegardes" tab of the "Protection des données" page: the vault's backups,
a backup now or to a folder (a USB key), how many are kept, and restoring.

Restoring is not done here: the tab explains that the application will lock, asks
for confirmation and emits `restore_requested(path)`; the application locks the
vault, restores the backup with the passphrase the worker types again, and unlocks.
Texts are translated in the page's context, "PrivacyPage".
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from accomp.domain.retention import BACKUP_KEEP_BOUNDS
from accomp.services import backups, lifecycle
from accomp.services.backups import BackupInfo
from accomp.services.vaults import Vault
from accomp.ui import labels, ops
from accomp.ui.flow_layout import FlowLayout
from accomp.ui.models.backups import BackupModel
from accomp.ui.views.privacy.tables import button, current_source_row, table_view
from accomp.ui.widgets import buddy_label, message_label, paragraph, show_message


class BackupsTab(QWidget):
    restore_requested = Signal(Path)

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        intro = paragraph(QCoreApplication.translate(
            "PrivacyPage",
            "Chaque sauvegarde est chiffrée et vérifiée juste après son écriture. Une "
            "sauvegarde est faite à la fermeture (au plus une par jour)."), self)
        self.model = BackupModel(self)
        self.backup_table = table_view(
            self, self.model, QCoreApplication.translate("PrivacyPage", "Sauvegardes"),
            "backupTable", BackupModel.COL_VERIFIED, sortable=True)
        self.backup_table.selectionModel().selectionChanged.connect(
            lambda *_: self._update_restore())
        table_label = buddy_label(
            QCoreApplication.translate("PrivacyPage", "Sauve&gardes du coffre :"),
            self.backup_table,
            accessible_name=QCoreApplication.translate("PrivacyPage", "Sauvegardes"),
            parent=self)
        self.backup_now_button = button(
            QCoreApplication.translate("PrivacyPage", "Sauvegarder &maintenant"), self)
        self.backup_now_button.clicked.connect(self.backup_now)
        self.backup_folder_button = button(
            QCoreApplication.translate("PrivacyPage", "Sauvegarder vers un &dossier…"), self)
        self.backup_folder_button.clicked.connect(self.backup_to_folder)
        self.restore_button = button(
            QCoreApplication.translate("PrivacyPage", "Res&taurer cette sauvegarde…"), self)
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button = button(
            QCoreApplication.translate("PrivacyPage", "Restaurer depuis un &fichier…"), self)
        self.restore_file_button.clicked.connect(self.restore_from_file)
        self.keep_spin = QSpinBox(self)
        self.keep_spin.setObjectName("backupKeep")
        self.keep_spin.setRange(*BACKUP_KEEP_BOUNDS)
        self.keep_button = button(QCoreApplication.translate("PrivacyPage", "&Enregistrer"), self)
        self.keep_button.setAccessibleName(
            QCoreApplication.translate("PrivacyPage", "Enregistrer le nombre de sauvegardes"))
        self.keep_button.clicked.connect(self.save_keep)
        self.backup_message = message_label(self)
        self.backup_message.setObjectName("backupMessage")

        actions = FlowLayout(spacing=6)  # on two lines on a small screen (800×600)
        actions.addWidget(self.backup_now_button)
        actions.addWidget(self.backup_folder_button)
        actions.addWidget(self.restore_button)
        actions.addWidget(self.restore_file_button)
        keep = QHBoxLayout()
        keep.addWidget(buddy_label(
            QCoreApplication.translate("PrivacyPage", "Sauvegardes conser&vées :"),
            self.keep_spin, parent=self))
        keep.addWidget(self.keep_spin)
        keep.addWidget(self.keep_button)
        keep.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(table_label)
        layout.addWidget(self.backup_table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.backup_message)
        layout.addLayout(keep)
        for a, b in ((self.backup_table, self.backup_now_button),
                     (self.backup_now_button, self.backup_folder_button),
                     (self.backup_folder_button, self.restore_button),
                     (self.restore_button, self.restore_file_button),
                     (self.restore_file_button, self.keep_spin),
                     (self.keep_spin, self.keep_button)):
            QWidget.setTabOrder(a, b)

    def reload(self) -> None:
        """The backups found beside the vault, and how many are kept."""
        self.reload_backups()
        keep = ops.run(self, lifecycle.backup_keep, self._vault)
        if keep.value is not None:
            self.keep_spin.setValue(keep.value)

    def reload_backups(self) -> None:
        found = ops.run(self, backups.list_backups, self._vault.paths)
        if found.value is None:
            return
        self.model.set_backups(found.value)
        if found.value and not self.backup_table.currentIndex().isValid():
            self.backup_table.setCurrentIndex(self.backup_table.model().index(0, 0))
        self._update_restore()

    def clear(self) -> None:
        """Empty the list and the message (at lock)."""
        self.model.clear()
        show_message(self.backup_message, "", announce=False)
        self._update_restore()

    def backup_list(self) -> list[BackupInfo]:
        return self.model.backups()

    def _update_restore(self) -> None:
        self.restore_button.setEnabled(self._selected_backup() is not None)

    def _selected_backup(self) -> Path | None:
        row = current_source_row(self.backup_table)
        return self.model.backup(row).path if 0 <= row < self.model.rowCount() else None

    def _written(self, info: BackupInfo, folder: Path | None) -> None:
        rows = info.rows
        text = labels.resolve_plural(self.tr(
            "Sauvegarde écrite et vérifiée : %1 (%n ligne(s)).", "", rows),
            rows).replace("%1", info.path.name)
        if folder is not None:
            text += " " + QCoreApplication.translate(
                "PrivacyPage",
                "Le fichier de clé (protégé par la phrase de passe) est "
                "copié à côté : gardez-les ensemble.")
        show_message(self.backup_message, text, error=False)

    def backup_now(self) -> bool:
        outcome = ops.run(self, backups.backup_now, self._vault)
        self.reload_backups()
        if outcome.value is not None:
            self._written(outcome.value, None)
        return bool(outcome)

    def backup_to_folder(self) -> bool:
        """A backup on a USB key or another folder chosen by the worker."""
        folder = QFileDialog.getExistingDirectory(
            self, QCoreApplication.translate("PrivacyPage", "Sauvegarder vers un dossier"))
        if not folder:
            return False
        outcome = ops.run(self, backups.backup_now, self._vault, Path(folder))
        if outcome.value is not None:
            self._written(outcome.value, Path(folder))
        return bool(outcome)

    def _confirm_restore(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self, QCoreApplication.translate("PrivacyPage", "Restaurer une sauvegarde"),
            QCoreApplication.translate(
                "PrivacyPage",
                "Restaurer la sauvegarde %1 ?\n\nL'application va se verrouiller ; vous "
                "retaperez votre phrase de passe. Le coffre actuel est remplacé par la "
                "sauvegarde (il est gardé à côté, sous le nom vault.db.before-restore) : "
                "tout ce qui a été saisi ou effacé après cette sauvegarde est perdu.")
            .replace("%1", path.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def restore_selected(self) -> bool:
        path = self._selected_backup()
        if path is None or not self._confirm_restore(path):
            return False
        self.restore_requested.emit(path)
        return True

    def restore_from_file(self) -> bool:
        name, _ = QFileDialog.getOpenFileName(
            self, QCoreApplication.translate("PrivacyPage", "Restaurer depuis un fichier"), "",
            QCoreApplication.translate("PrivacyPage", "Sauvegardes accomp (accomp-*.db)"))
        if not name or not self._confirm_restore(Path(name)):
            return False
        self.restore_requested.emit(Path(name))
        return True

    def save_keep(self) -> bool:
        ok = ops.run(self, lifecycle.set_backup_keep, self._vault, self.keep_spin.value(),
                     topic="settings")
        if ok:
            show_message(self.backup_message,
                         QCoreApplication.translate("PrivacyPage",
                                                    "Nombre de sauvegardes enregistré."),
                         error=False)
        return bool(ok)
