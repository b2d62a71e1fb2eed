"""Consents and mandates of one person, in two tabs of their file."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from accomp.services.vaults import Vault
from accomp.ui.views.consent_panel import ConsentPanel
from accomp.ui.views.mandate_panel import MandatePanel


class PersonPanels(QWidget):
    """The file view's consent slot: a "Consentements" tab and a "Mandats" tab.

    Side by side or one above the other, the two panels were wider than the file's
    room on an office laptop (1280x800); in tabs each has the file's whole width.
    Ctrl+Tab (or the arrow keys on the tab bar) goes from one to the other.
    """

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("personTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName(self.tr("Consentements et mandats"))
        self.tabs.tabBar().setAccessibleName(self.tr("Consentements et mandats"))
        self.consents = ConsentPanel(vault, self.tabs)
        self.mandates = MandatePanel(vault, self.tabs)
        # the tab says it already
        self.mandates.title.setVisible(False)
        self.consents_index = self.tabs.addTab(self.consents, self.tr("Consentements"))
        self.mandates_index = self.tabs.addTab(self.mandates, self.tr("Mandats"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def show_consents(self) -> None:
        self.tabs.setCurrentIndex(self.consents_index)

    def show_mandates(self) -> None:
        self.tabs.setCurrentIndex(self.mandates_index)

    def show_beneficiary(self, beneficiary_id: int) -> None:
        self.consents.show_beneficiary(beneficiary_id)
        self.mandates.show_beneficiary(beneficiary_id)

    def reload(self) -> None:
        self.consents.reload()
        self.mandates.reload()

    def clear_sensitive(self) -> None:
        self.consents.clear_sensitive()
        self.mandates.clear_sensitive()
