"""The "Journal" tab of the "Protection des données" page: the audit journal, newest
first, filtered by dates, kind of action and file code, loaded a page at a time as
it is scrolled; and the integrity check of the vault and of the journal's chain.

Texts are translated in the page's context, "PrivacyPage".
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from accomp.services import lifecycle, vaults
from accomp.services.lifecycle import JournalEntry
from accomp.services.vaults import Vault
from accomp.ui import labels, ops
from accomp.ui.audit_labels import ACTION_PREFIXES
from accomp.ui.background import BackgroundRead
from accomp.ui.fit import narrow_combos
from accomp.ui.flow_layout import FlowLayout, labelled
from accomp.ui.labels import current_lang
from accomp.ui.models.audit import AuditJournalModel
from accomp.ui.views.privacy.tables import button, table_view
from accomp.ui.widgets import buddy_label, message_label, show_message

PAGE_SIZE = 100
_NO_DATE = QDate(2000, 1, 1)  # the date edits' minimum, shown as "—": no bound


class JournalTab(QWidget):
    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self.reads = BackgroundRead("journal", self)
        self._journal_done = False
        self.date_from = self._date_edit("journalFrom")
        self.date_to = self._date_edit("journalTo")
        self.action_filter = QComboBox(self)
        self.action_filter.setObjectName("journalAction")
        self.action_filter.addItem(QCoreApplication.translate("PrivacyPage", "Toutes"), "")
        for key, text in self._action_choices():
            self.action_filter.addItem(text, key)
        self.code_filter = QLineEdit(self)
        self.code_filter.setObjectName("journalCode")
        self.code_filter.setMaxLength(16)
        self.code_filter.setPlaceholderText("B-XXXX")
        self.code_filter.setMaximumWidth(110)
        self.filter_button = button(QCoreApplication.translate("PrivacyPage", "&Filtrer"), self)
        self.filter_button.clicked.connect(self.reload)
        self.code_filter.returnPressed.connect(self.reload)
        self.action_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.model = AuditJournalModel(self)
        self.journal_table = table_view(
            self, self.model, QCoreApplication.translate("PrivacyPage", "Événements du journal"),
            "auditJournalTable", AuditJournalModel.COL_DETAILS, sortable=False)
        self.journal_table.verticalScrollBar().valueChanged.connect(self._maybe_more)
        self.more_button = button(
            QCoreApplication.translate("PrivacyPage", "Afficher les &plus anciens"), self)
        self.more_button.clicked.connect(self.load_more)
        self.journal_count = QLabel(self)
        self.check_button = button(
            QCoreApplication.translate("PrivacyPage", "&Vérifier l'intégrité"), self)
        self.check_button.clicked.connect(self.verify)
        self.check_result = message_label(self)
        self.check_result.setObjectName("checkResult")

        # Wraps onto a second line on a small screen (800×600).
        filters = FlowLayout(spacing=8)
        for text, field in (
            (QCoreApplication.translate("PrivacyPage", "&Du :"), self.date_from),
            (QCoreApplication.translate("PrivacyPage", "&au :"), self.date_to),
            (QCoreApplication.translate("PrivacyPage", "Ac&tion :"), self.action_filter),
            (QCoreApplication.translate("PrivacyPage", "D&ossier :"), self.code_filter),
        ):
            filters.addWidget(labelled(buddy_label(text, field, parent=self), field, self))
        filters.addWidget(self.filter_button)
        narrow_combos((self.action_filter,))
        foot = QHBoxLayout()
        foot.addWidget(self.journal_count)
        foot.addWidget(self.more_button)
        foot.addStretch(1)
        foot.addWidget(self.check_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.journal_table, 1)
        layout.addLayout(foot)
        layout.addWidget(self.check_result)
        for a, b in ((self.date_from, self.date_to), (self.date_to, self.action_filter),
                     (self.action_filter, self.code_filter),
                     (self.code_filter, self.filter_button),
                     (self.filter_button, self.journal_table),
                     (self.journal_table, self.more_button),
                     (self.more_button, self.check_button)):
            QWidget.setTabOrder(a, b)

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy" if current_lang() == "fr" else "yyyy-MM-dd")
        edit.setMinimumDate(_NO_DATE)
        edit.setSpecialValueText(QCoreApplication.translate("PrivacyPage", "—"))
        edit.setDate(_NO_DATE)
        return edit

    @staticmethod
    def _action_choices() -> list[tuple[str, str]]:
        texts = {
            "beneficiary": QCoreApplication.translate("PrivacyPage", "Dossiers"),
            "activity": QCoreApplication.translate("PrivacyPage", "Séances"),
            "consent": QCoreApplication.translate("PrivacyPage", "Consentements"),
            "mandate": QCoreApplication.translate("PrivacyPage", "Mandats"),
            "appointment": QCoreApplication.translate("PrivacyPage", "Rendez-vous"),
            "rights": QCoreApplication.translate("PrivacyPage", "Droits des personnes"),
            "retention": QCoreApplication.translate("PrivacyPage", "Conservation"),
            "journal": QCoreApplication.translate("PrivacyPage", "Élagage du journal"),
            "backup": QCoreApplication.translate("PrivacyPage", "Sauvegardes"),
            "export": QCoreApplication.translate("PrivacyPage", "Exports"),
            "register": QCoreApplication.translate("PrivacyPage", "Registre des traitements"),
            "vault": QCoreApplication.translate("PrivacyPage", "Coffre"),
            "settings": QCoreApplication.translate("PrivacyPage", "Paramètres"),
            "document": QCoreApplication.translate("PrivacyPage", "Documents remis"),
            "structure_secret": QCoreApplication.translate("PrivacyPage",
                                                           "Secret de structure"),
            "demo": QCoreApplication.translate("PrivacyPage", "Données de démonstration"),
            "draft": QCoreApplication.translate("PrivacyPage", "Brouillons"),
            "import": QCoreApplication.translate("PrivacyPage", "Imports de tableurs"),
            "transfer": QCoreApplication.translate("PrivacyPage", "Transmissions de dossiers"),
            "partner": QCoreApplication.translate("PrivacyPage", "Annuaire des partenaires"),
            "referral": QCoreApplication.translate("PrivacyPage", "Orientations"),
        }
        return [(key, texts[key]) for key in ACTION_PREFIXES]

    # --- the list ---------------------------------------------------------------------

    def _filters(self) -> dict[str, Any]:
        def day(edit: QDateEdit) -> dt.date | None:
            d = edit.date()
            return None if d == _NO_DATE else dt.date(d.year(), d.month(), d.day())

        return {"date_from": day(self.date_from), "date_to": day(self.date_to),
                "action": self.action_filter.currentData() or None,
                "code": self.code_filter.text().strip().upper() or None}

    def set_action_filter(self, prefix: str) -> None:
        self.action_filter.setCurrentIndex(max(self.action_filter.findData(prefix), 0))

    def reload(self) -> None:
        """The newest page of events under the filters."""
        self.reads.cancel()  # a page of the old filters is dropped
        self._journal_done = False
        self.model.clear()
        self.load_more()

    def is_busy(self) -> bool:
        return self.reads.busy

    def clear(self) -> None:
        """Empty the list, the code filter and the messages (at lock)."""
        self.reads.cancel()
        self.model.clear()
        self.code_filter.clear()
        show_message(self.check_result, "", announce=False)
        self.journal_count.clear()

    def load_more(self) -> None:
        """The next page of older events (lazily, as the list is scrolled), read in a
        worker thread; a page asked while one is read waits for it."""
        if self._journal_done or self.reads.busy:
            return
        vault, before, filters = self._vault, self.model.last_id(), self._filters()
        self.journal_count.setText(QCoreApplication.translate("PrivacyPage", "Lecture du journal…"))
        self.more_button.setEnabled(False)
        self.reads.start(lambda: lifecycle.journal_events(
            vault, limit=PAGE_SIZE, before_id=before, **filters), self._on_page)

    def _on_page(self, events: list[JournalEntry] | None, error: Exception | None) -> None:
        if error is not None or events is None:
            self._show_count()
            ops.show_error(self, error or RuntimeError("no events"), action="journal")
            return
        self._journal_done = len(events) < PAGE_SIZE
        self.model.append_events(events)
        self._show_count()

    def _show_count(self) -> None:
        n = self.model.rowCount()
        self.journal_count.setText(labels.resolve_plural(self.tr(
            "%n événement(s) affiché(s)", "", n), n))
        self.more_button.setEnabled(not self._journal_done)

    def events(self) -> list[JournalEntry]:
        """The events listed, newest first."""
        return self.model.events()

    def journal_actions(self) -> list[str]:
        """The action codes of the events listed (the table shows their labels)."""
        return [e.action for e in self.model.events()]

    def _maybe_more(self, value: int) -> None:
        bar = self.journal_table.verticalScrollBar()
        if value and value >= bar.maximum():
            self.load_more()

    # --- integrity ---------------------------------------------------------------------

    def verify(self) -> bool:
        """Run the integrity checks and the journal's chain verification; say the
        result plainly. True when sound."""
        outcome = ops.run(self, vaults.check, self._vault)
        report = outcome.value
        if report is None:
            return False
        n = report.audit_events
        if report.sound:
            text = labels.resolve_plural(self.tr(
                "Intégrité vérifiée : le fichier du coffre est sain et le journal est intact "
                "(%n événement(s) vérifié(s)).", "", n), n)
        else:
            problems: list[str] = []
            if report.integrity_problems:
                problems.append(QCoreApplication.translate(
                    "PrivacyPage", "le fichier du coffre est endommagé"))
            if report.audit_broken_at:
                problems.append(QCoreApplication.translate(
                    "PrivacyPage", "le journal a été modifié à l'événement n° %1")
                    .replace("%1", ", ".join(map(str, report.audit_broken_at[:5]))))
            text = QCoreApplication.translate(
                "PrivacyPage",
                "Problème détecté : %1. Restaurez la dernière sauvegarde vérifiée "
                "et prévenez votre référent.").replace("%1", " ; ".join(problems))
        show_message(self.check_result, text, error=not report.sound)
        return report.sound
