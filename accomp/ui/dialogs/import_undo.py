"""Undoing the last import from the File menu ("Annuler le dernier import…"), not only
from the wizard's last page: the worker who notices a wrong import the next day can
still take it back, after a confirmation naming what goes away. The action is
disabled when there is nothing to undo.
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from accomp.services import import_history
from accomp.services.vaults import Vault
from accomp.ui import labels, ops

_TOPICS = ("activities", "beneficiaries")


class UndoImportAction(QAction):
    def __init__(self, parent: QWidget, vault: Vault) -> None:
        super().__init__(parent)
        self._parent, self._vault = parent, vault
        self.triggered.connect(self.undo)
        ops.changes().changed.connect(self._on_changed)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.setText(self.tr("Annuler le &dernier import…"))
        self.setStatusTip(self.tr("Retirer tout ce que le dernier import a ajouté"))

    def _on_changed(self, topic: str) -> None:
        if topic in _TOPICS:
            self.refresh()

    def refresh(self) -> None:
        """Enabled while the latest import can still be undone."""
        try:
            last = import_history.undoable_import(self._vault)
        except Exception as exc:  # a locked vault: nothing to undo from here
            ops.note_error(exc, action="import_history.undoable_import")
            last = None
        self.setEnabled(last is not None)

    def undo(self) -> bool:
        """Ask, then undo the latest import; True when it was undone."""
        last = ops.run(self._parent, import_history.undoable_import, self._vault).value
        if last is None:
            self.refresh()
            return False
        activities = last.counts.get("activities_created", 0)
        files = last.counts.get("files_created", 0)
        asked = QMessageBox.question(
            self._parent, self.tr("Annuler le dernier import"),
            self.tr("Annuler l’import du %1 ? Ses %2 activité(s) et %3 dossier(s) créé(s) "
                    "seront retirés du coffre.")
            .replace("%1", labels.date(last.at.date()))
            .replace("%2", str(activities)).replace("%3", str(files)))
        if asked != QMessageBox.StandardButton.Yes:
            return False
        from accomp.services import imports  # the import machinery: only when used

        done = ops.run(self._parent, imports.undo_last_import, self._vault, topic="activities")
        if done.value is None:
            return False
        ops.changes().changed.emit("beneficiaries")
        QMessageBox.information(
            self._parent, self.tr("Annuler le dernier import"),
            self.tr("Import annulé : %1 activité(s) et %2 dossier(s) retirés.")
            .replace("%1", str(done.value["activities"]))
            .replace("%2", str(done.value["files"])))
        return True
