"""Consents and mandates of one person, side by side in their file."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from accomp.services.vaults import Vault
from accomp.ui.views.consent_panel import ConsentPanel
from accomp.ui.views.mandate_panel import MandatePanel


class PersonPanels(QWidget):
    """The file view's consent slot: the consent panel above the mandate panel."""

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.consents = ConsentPanel(vault, self)
        self.mandates = MandatePanel(vault, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.consents)
        layout.addWidget(self.mandates)

    def show_beneficiary(self, beneficiary_id: int) -> None:
        self.consents.show_beneficiary(beneficiary_id)
        self.mandates.show_beneficiary(beneficiary_id)

    def reload(self) -> None:
        self.consents.reload()
        self.mandates.reload()

    def clear_sensitive(self) -> None:
        self.consents.clear_sensitive()
        self.mandates.clear_sensitive()
