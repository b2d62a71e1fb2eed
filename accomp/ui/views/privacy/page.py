"""The "Protection des données" page: retention review and purge register, the audit
journal viewer with its integrity check, backups (now, to a folder, restore), and
the processing register with the retention periods in force.

One tab per module of this package (retention, journal, backups, register); this
page holds them, reloads them when a change concerns it, and empties them at lock.
Restoring is not done here: the backups tab explains that the application will
lock, asks for confirmation and the page emits `restore_requested(path)`; the
application locks the vault, restores the backup with the passphrase the worker
types again, and unlocks.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from accomp.services.vaults import Vault
from accomp.ui import ops
from accomp.ui.views.privacy.backups import BackupsTab
from accomp.ui.views.privacy.journal import JournalTab
from accomp.ui.views.privacy.register import RegisterTab
from accomp.ui.views.privacy.retention import RetentionTab, Today
from accomp.ui.widgets import heading

TOPICS = ("activities", "beneficiaries", "consents", "settings", "vault")


class PrivacyPage(QWidget):
    TAB_RETENTION = 0
    TAB_JOURNAL = 1
    TAB_BACKUPS = 2
    TAB_REGISTER = 3

    restore_requested = Signal(Path)

    def __init__(self, vault: Vault, parent: QWidget | None = None, *,
                 today: Today | None = None) -> None:
        super().__init__(parent)
        self._active = True
        self._stale = False

        self.title = heading(QCoreApplication.translate("PrivacyPage",
                                                        "Protection des données"), self)
        self.retention = RetentionTab(vault, today or dt.date.today, self)
        self.journal = JournalTab(vault, self)
        self.backups = BackupsTab(vault, self)
        self.register = RegisterTab(vault, self)
        self.backups.restore_requested.connect(self.restore_requested)
        self.register.periods_saved.connect(self.retention.reload)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(QCoreApplication.translate("PrivacyPage",
                                                               "Protection des données"))
        self.tabs.addTab(self.retention, QCoreApplication.translate("PrivacyPage",
                                                                    "&Conservation"))
        self.tabs.addTab(self.journal, QCoreApplication.translate("PrivacyPage", "&Journal"))
        self.tabs.addTab(self.backups, QCoreApplication.translate("PrivacyPage",
                                                                  "&Sauvegardes"))
        self.tabs.addTab(self.register, QCoreApplication.translate(
            "PrivacyPage", "&Registre des traitements"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.tabs, 1)
        ops.changes().changed.connect(self._on_changed)
        self.reload()

    def reload(self) -> None:
        self._active = True
        self._stale = False
        self.retention.reload()
        self.journal.reload()
        self.backups.reload()
        self.register.reload()

    def is_busy(self) -> bool:
        """Whether a list is still being read (in a worker thread)."""
        return self.retention.is_busy() or self.journal.is_busy()

    def clear_sensitive(self) -> None:
        """Empty every list (codes, journal details) and message at lock."""
        self._active = False
        for tab in (self.retention, self.journal, self.backups, self.register):
            tab.clear()

    def _on_changed(self, topic: str) -> None:
        if not self._active or topic not in TOPICS:
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale and self._active:
            self.reload()
