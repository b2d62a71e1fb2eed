"""Erasure of a file at the person's request: the dialog says exactly what goes and
what stays (rights.erasure_preview), and erases only once the worker has typed the
file's code. The file is then anonymised (rights.erase_beneficiary)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from accomp.services import rights
from accomp.services.rights import ErasurePreview
from accomp.services.vaults import Vault
from accomp.ui import ops
from accomp.ui.labels import current_lang
from accomp.ui.widgets import buddy_label, heading, message_label, named, paragraph


class ErasureDialog(QDialog):
    def __init__(self, vault: Vault, beneficiary_id: int, preview: ErasurePreview,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self._id = beneficiary_id
        self._code = preview.code
        self.erased = False
        self.setWindowTitle(self.tr("Effacer un dossier"))  # no code: titles reach the task bar
        self.title = heading(self.tr("Effacer le dossier %1").replace("%1", preview.code), self)
        self.explanation = paragraph(preview.text(current_lang()), self)
        self.explanation.setObjectName("erasurePreview")
        self.code_field = QLineEdit(self)
        self.code_field.setObjectName("erasureCode")
        self.code_field.setMaxLength(32)
        self.code_label = buddy_label(
            self.tr("Pour confirmer, tapez le code du dossier (%1) :").replace("%1", self._code),
            self.code_field, accessible_name=self.tr("Code du dossier à effacer"), parent=self,
        )
        self.message = message_label(self)
        self.buttons = QDialogButtonBox(self)
        self.erase_button = named(QPushButton(self.tr("&Effacer définitivement"), self))
        self.erase_button.setEnabled(False)
        self.erase_button.setAutoDefault(False)
        self.cancel_button = named(QPushButton(self.tr("&Annuler"), self))
        self.cancel_button.setAutoDefault(False)
        self.buttons.addButton(self.erase_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.erase_button.clicked.connect(self.erase)
        self.cancel_button.clicked.connect(self.reject)
        self.code_field.textChanged.connect(self._check_code)
        self.code_field.returnPressed.connect(self._on_return)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.explanation)
        layout.addWidget(self.code_label)
        layout.addWidget(self.code_field)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        QWidget.setTabOrder(self.code_field, self.erase_button)
        QWidget.setTabOrder(self.erase_button, self.cancel_button)
        self.code_field.setFocus()
        self.resize(560, self.sizeHint().height())

    def code_matches(self) -> bool:
        return self.code_field.text().strip().upper() == self._code.upper()

    def _check_code(self) -> None:
        self.erase_button.setEnabled(self.code_matches())

    def _on_return(self) -> None:
        if self.code_matches():
            self.erase()

    def erase(self) -> None:
        """Erase the file (only when the typed code matches) and close."""
        if not self.code_matches():
            return
        if ops.run(self, rights.erase_beneficiary, self._vault, self._id, topic="beneficiaries"):
            self.erased = True
            self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, vault: Vault, beneficiary_id: int) -> bool:
        """Show what the erasure destroys and keeps; erase once the worker typed the
        file's code. True when the file was erased."""
        preview = ops.run(parent, rights.erasure_preview, vault, beneficiary_id)
        if preview.value is None:
            return False
        dialog = cls(vault, beneficiary_id, preview.value, parent)
        try:
            dialog.exec()
            return dialog.erased
        finally:
            dialog.deleteLater()
