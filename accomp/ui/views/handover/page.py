"""The "Partenaires et transmissions" page: the partner directory, sending files to
a colleague, receiving them, and this vault's key."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from accomp.services.vaults import Vault
from accomp.ui.views.handover.directory import PartnerDirectoryPage
from accomp.ui.views.handover.key_box import TransferKeyBox
from accomp.ui.views.handover.receive import TransferReceivePage
from accomp.ui.views.handover.send import TransferSendPage


class HandoverPage(QWidget):
    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Partenaires et transmissions"))
        self.directory = PartnerDirectoryPage(vault, self.tabs)
        self.send = TransferSendPage(vault, self.tabs)
        self.receive = TransferReceivePage(vault, self.tabs)
        key_page = QWidget(self.tabs)
        self.key_box = TransferKeyBox(vault, key_page)
        key_layout = QVBoxLayout(key_page)
        key_layout.addWidget(self.key_box)
        key_layout.addStretch(1)
        self.tabs.addTab(self.directory, self.tr("Annuaire des partenaires"))
        self.tabs.addTab(self.send, self.tr("Transmettre des dossiers"))
        self.tabs.addTab(self.receive, self.tr("Recevoir des dossiers"))
        self.tabs.addTab(key_page, self.tr("Ma clé"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def clear_sensitive(self) -> None:
        """At lock: forget the codes typed and the bundle opened."""
        self.directory.clear_sensitive()
        self.send.clear_sensitive()
        self.receive.clear_sensitive()

    def reload(self) -> None:
        """After unlock: read the directory and the colleagues again."""
        self.directory.refresh()
        self.send.refresh_contacts()
