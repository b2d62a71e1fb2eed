"""The "Protection des données" page: retention review and purge register, the audit
journal viewer with its integrity check, backups (now, to a folder, restore), and
the processing register with the retention periods in force.

Restoring is not done here: the page explains that the application will lock, asks
for confirmation and emits `restore_requested(path)`; the application locks the
vault, restores the backup with the passphrase the worker types again, and unlocks.
`retention_reminder()` is called at unlock: a non-blocking message when something is
due for retention.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from accomp.domain.retention import BACKUP_KEEP_BOUNDS, RULES, DataClass
from accomp.services import backups, lifecycle, register, vaults
from accomp.services.backups import BackupInfo
from accomp.services.consents import document_title
from accomp.services.lifecycle import DueItem, JournalEntry, PurgeEntry
from accomp.services.vaults import Vault
from accomp.ui import labels, ops
from accomp.ui.labels import current_lang
from accomp.ui.widgets import buddy_label, heading, message_label, named, paragraph, show_message

Today = Callable[[], dt.date]

PAGE_SIZE = 100
TOPICS = ("activities", "beneficiaries", "consents", "settings", "vault")
_NO_DATE = QDate(2000, 1, 1)  # the date edits' minimum, shown as "—": no bound

# Action prefixes offered by the journal's filter, with their French labels (tr'd
# below in _action_choices so that lupdate sees them). Every prefix of a code the
# services write must be here: tests/gui/test_journal_action_labels.py checks it.
ACTION_PREFIXES = ("beneficiary", "activity", "consent", "mandate", "document", "rights",
                   "retention", "journal", "backup", "export", "structure_secret",
                   "register", "vault", "settings", "demo")

# What each action code of the journal means, in words a beneficiary or a supervisor
# reads (French source, translated in the "PrivacyPage" context when shown). Every
# code the services write must be here: tests/gui/test_journal_action_labels.py reads
# the source to check it. The code itself stays in the cell's tooltip for an auditor.
_ACTION_TEXTS: dict[str, object] = {  # QT_TRANSLATE_NOOP is typed as returning object
    "activity.create": QT_TRANSLATE_NOOP("PrivacyPage", "Séance enregistrée"),
    "activity.update": QT_TRANSLATE_NOOP("PrivacyPage", "Séance modifiée"),
    "activity.delete": QT_TRANSLATE_NOOP("PrivacyPage", "Séance supprimée"),
    "beneficiary.create": QT_TRANSLATE_NOOP("PrivacyPage", "Dossier créé"),
    "beneficiary.update": QT_TRANSLATE_NOOP("PrivacyPage", "Dossier modifié"),
    "beneficiary.view": QT_TRANSLATE_NOOP("PrivacyPage", "Dossier ouvert"),
    "consent.inform": QT_TRANSLATE_NOOP("PrivacyPage", "Personne informée"),
    "consent.give": QT_TRANSLATE_NOOP("PrivacyPage", "Consentement recueilli"),
    "consent.renew": QT_TRANSLATE_NOOP("PrivacyPage", "Consentement renouvelé"),
    "consent.withdraw": QT_TRANSLATE_NOOP("PrivacyPage", "Consentement retiré"),
    "consent.expire": QT_TRANSLATE_NOOP("PrivacyPage", "Consentement arrivé à échéance"),
    "consent.legal_basis": QT_TRANSLATE_NOOP("PrivacyPage", "Base légale du dossier enregistrée"),
    "consent.share": QT_TRANSLATE_NOOP("PrivacyPage",
                                       "Données transmises à un partenaire, avec consentement"),
    "mandate.create": QT_TRANSLATE_NOOP("PrivacyPage", "Mandat enregistré"),
    "mandate.renew": QT_TRANSLATE_NOOP("PrivacyPage", "Mandat renouvelé"),
    "mandate.revoke": QT_TRANSLATE_NOOP("PrivacyPage", "Mandat révoqué"),
    "mandate.revoke_scope": QT_TRANSLATE_NOOP("PrivacyPage", "Démarche retirée d'un mandat"),
    "mandate.use": QT_TRANSLATE_NOOP("PrivacyPage", "Démarche faite sous mandat"),
    "document.save": QT_TRANSLATE_NOOP("PrivacyPage", "Document enregistré en PDF"),
    "document.print": QT_TRANSLATE_NOOP("PrivacyPage", "Document imprimé"),
    "rights.access": QT_TRANSLATE_NOOP("PrivacyPage",
                                       "Copie des informations remise (droit d'accès)"),
    "rights.rectify": QT_TRANSLATE_NOOP("PrivacyPage",
                                        "Dossier corrigé (droit de rectification)"),
    "rights.erase": QT_TRANSLATE_NOOP("PrivacyPage",
                                      "Informations effacées (droit à l'effacement)"),
    "retention.settings": QT_TRANSLATE_NOOP("PrivacyPage", "Durée de conservation modifiée"),
    "retention.anonymise": QT_TRANSLATE_NOOP(
        "PrivacyPage", "Dossier anonymisé (durée de conservation dépassée)"),
    "retention.notes": QT_TRANSLATE_NOOP(
        "PrivacyPage", "Notes effacées (durée de conservation dépassée)"),
    "retention.exports": QT_TRANSLATE_NOOP(
        "PrivacyPage", "Traces d'export effacées (durée de conservation dépassée)"),
    "journal.prune": QT_TRANSLATE_NOOP(
        "PrivacyPage", "Anciens événements du journal remplacés par un point de contrôle"),
    "backup.write": QT_TRANSLATE_NOOP("PrivacyPage", "Sauvegarde écrite"),
    "backup.restore": QT_TRANSLATE_NOOP("PrivacyPage", "Sauvegarde restaurée"),
    "backup.settings": QT_TRANSLATE_NOOP("PrivacyPage",
                                         "Nombre de sauvegardes conservées modifié"),
    "export.summary": QT_TRANSLATE_NOOP("PrivacyPage", "Synthèse exportée"),
    "export.activities": QT_TRANSLATE_NOOP("PrivacyPage", "Fichier d'activités exporté"),
    "export.consolidation": QT_TRANSLATE_NOOP("PrivacyPage",
                                              "Consolidation d'équipe exportée"),
    "register.write": QT_TRANSLATE_NOOP("PrivacyPage", "Registre des traitements écrit"),
    "structure_secret.create": QT_TRANSLATE_NOOP("PrivacyPage", "Secret de structure créé"),
    "structure_secret.export": QT_TRANSLATE_NOOP("PrivacyPage", "Secret de structure exporté"),
    "structure_secret.import": QT_TRANSLATE_NOOP("PrivacyPage", "Secret de structure importé"),
    "vault.create": QT_TRANSLATE_NOOP("PrivacyPage", "Coffre créé"),
    "vault.passphrase_change": QT_TRANSLATE_NOOP("PrivacyPage", "Phrase de passe changée"),
    "settings.structure_name": QT_TRANSLATE_NOOP("PrivacyPage",
                                                 "Nom de la structure modifié"),
    "settings.structure_typology": QT_TRANSLATE_NOOP("PrivacyPage",
                                                     "Type de structure modifié"),
    "demo.generate": QT_TRANSLATE_NOOP("PrivacyPage", "Données de démonstration créées"),
}
ACTION_LABELS: dict[str, str] = {code: str(text) for code, text in _ACTION_TEXTS.items()}


def action_label(code: str) -> str:
    """What a journal action code means, in the interface language; the code itself
    when it has no label (an event written by another version of the program)."""
    text = ACTION_LABELS.get(code)
    return QCoreApplication.translate("PrivacyPage", text) if text else code


# What the keys of an event's details mean, in the order they are read ("%1" is the
# value; French source, translated in the "PrivacyPage" context when shown). Details
# hold counts, dates, fingerprints and pseudonymous codes, never a name: the codes
# are shown as written, never resolved to a person. Every key the services write
# must be here: tests/gui/test_journal_details.py reads the source to check it. A
# key of another version of the program shows as "key: value".
_DETAIL_TEXTS: dict[str, object] = {  # QT_TRANSLATE_NOOP is typed as returning object
    "beneficiaries": QT_TRANSLATE_NOOP("PrivacyPage", "Dossiers : %1"),
    "fields": QT_TRANSLATE_NOOP("PrivacyPage", "Champs : %1"),
    "purpose": QT_TRANSLATE_NOOP("PrivacyPage", "Finalité : %1"),
    "method": QT_TRANSLATE_NOOP("PrivacyPage", "Recueil : %1"),
    "legal_basis": QT_TRANSLATE_NOOP("PrivacyPage", "Base légale : %1"),
    "notice_version": QT_TRANSLATE_NOOP("PrivacyPage", "Notice : version %1"),
    "valid_until": QT_TRANSLATE_NOOP("PrivacyPage", "Valable jusqu'au %1"),
    "mandate": QT_TRANSLATE_NOOP("PrivacyPage", "Mandat n° %1"),
    "renews": QT_TRANSLATE_NOOP("PrivacyPage", "Renouvelle le mandat n° %1"),
    "scope": QT_TRANSLATE_NOOP("PrivacyPage", "Démarche : %1"),
    "scopes": QT_TRANSLATE_NOOP("PrivacyPage", "Démarches : %1"),
    "duration": QT_TRANSLATE_NOOP("PrivacyPage", "Durée : %1"),
    "starts_on": QT_TRANSLATE_NOOP("PrivacyPage", "Début : %1"),
    "ends_on": QT_TRANSLATE_NOOP("PrivacyPage", "Fin : %1"),
    "reason": QT_TRANSLATE_NOOP("PrivacyPage", "Motif : %1"),
    "kind": QT_TRANSLATE_NOOP("PrivacyPage", "Document : %1"),
    "activity_notes": QT_TRANSLATE_NOOP("PrivacyPage", "Notes de séances : %1"),
    "mandates": QT_TRANSLATE_NOOP("PrivacyPage", "Mandats : %1"),
    "rectifications": QT_TRANSLATE_NOOP("PrivacyPage", "Corrections : %1"),
    "data_class": QT_TRANSLATE_NOOP("PrivacyPage", "Données : %1"),
    "months": QT_TRANSLATE_NOOP("PrivacyPage", "Durée : %1 mois"),
    "notes": QT_TRANSLATE_NOOP("PrivacyPage", "Notes effacées : %1"),
    "records": QT_TRANSLATE_NOOP("PrivacyPage", "Traces d'export effacées : %1"),
    "events": QT_TRANSLATE_NOOP("PrivacyPage", "Événements : %1"),
    "first_id": QT_TRANSLATE_NOOP("PrivacyPage", "Premier : n° %1"),
    "last_id": QT_TRANSLATE_NOOP("PrivacyPage", "Dernier : n° %1"),
    "export_records": QT_TRANSLATE_NOOP("PrivacyPage", "Traces d'export gardées : %1"),
    "keep": QT_TRANSLATE_NOOP("PrivacyPage", "Sauvegardes conservées : %1"),
    "name": QT_TRANSLATE_NOOP("PrivacyPage", "Fichier : %1"),
    "external": QT_TRANSLATE_NOOP("PrivacyPage", "Copie externe : %1"),
    "format": QT_TRANSLATE_NOOP("PrivacyPage", "Format : %1"),
    "period": QT_TRANSLATE_NOOP("PrivacyPage", "Période : %1"),
    "k": QT_TRANSLATE_NOOP("PrivacyPage", "Seuil k : %1"),
    "filters": QT_TRANSLATE_NOOP("PrivacyPage", "Filtres : %1"),
    "files": QT_TRANSLATE_NOOP("PrivacyPage", "Fichiers consolidés : %1"),
    "tables": QT_TRANSLATE_NOOP("PrivacyPage", "Tables : %1"),
    "rows": QT_TRANSLATE_NOOP("PrivacyPage", "Lignes : %1"),
    "rows_dropped": QT_TRANSLATE_NOOP("PrivacyPage", "Lignes écartées : %1"),
    "values_suppressed": QT_TRANSLATE_NOOP("PrivacyPage", "Valeurs masquées : %1"),
    "suppressed_cells": QT_TRANSLATE_NOOP("PrivacyPage", "Cellules masquées : %1"),
    "size": QT_TRANSLATE_NOOP("PrivacyPage", "Taille : %1"),
    "structure_id": QT_TRANSLATE_NOOP("PrivacyPage", "Structure : %1"),
    "previous": QT_TRANSLATE_NOOP("PrivacyPage", "Structure précédente : %1"),
    "structure_name": QT_TRANSLATE_NOOP("PrivacyPage", "Nom de la structure : %1"),
    "structure_typology": QT_TRANSLATE_NOOP("PrivacyPage", "Type de structure : %1"),
    "seed": QT_TRANSLATE_NOOP("PrivacyPage", "Graine : %1"),
    "activities": QT_TRANSLATE_NOOP("PrivacyPage", "Séances : %1"),
    "collective": QT_TRANSLATE_NOOP("PrivacyPage", "Ateliers : %1"),
    "anonymous_individual": QT_TRANSLATE_NOOP("PrivacyPage", "Séances anonymes : %1"),
    "sha256": QT_TRANSLATE_NOOP("PrivacyPage", "Empreinte : %1"),
    "record_hash": QT_TRANSLATE_NOOP("PrivacyPage", "Empreinte : %1"),
    "json_sha256": QT_TRANSLATE_NOOP("PrivacyPage", "Empreinte JSON : %1"),
    "pdf_sha256": QT_TRANSLATE_NOOP("PrivacyPage", "Empreinte PDF : %1"),
    "markdown_sha256": QT_TRANSLATE_NOOP("PrivacyPage", "Empreinte Markdown : %1"),
}
# Keys written but not shown in the column: the export's id is the event's "Dossier"
# cell already, the inputs' fingerprints are too long to read there. The tooltip
# keeps them, with everything else, as written.
_DETAILS_NOT_SHOWN = frozenset({"export_id", "inputs_sha256"})

# The names of a file's fields, as the details list those changed or erased.
_FIELD_TEXTS: dict[str, object] = {
    "first_name": QT_TRANSLATE_NOOP("PrivacyPage", "prénom"),
    "last_name": QT_TRANSLATE_NOOP("PrivacyPage", "nom"),
    "phone": QT_TRANSLATE_NOOP("PrivacyPage", "téléphone"),
    "email": QT_TRANSLATE_NOOP("PrivacyPage", "e-mail"),
    "birth_year": QT_TRANSLATE_NOOP("PrivacyPage", "année de naissance"),
    "notes": QT_TRANSLATE_NOOP("PrivacyPage", "notes"),
    "gender": QT_TRANSLATE_NOOP("PrivacyPage", "genre"),
    "age_band": QT_TRANSLATE_NOOP("PrivacyPage", "tranche d'âge"),
    "social_status": QT_TRANSLATE_NOOP("PrivacyPage", "situation"),
    "commune_name": QT_TRANSLATE_NOOP("PrivacyPage", "commune"),
    "commune_postal_code": QT_TRANSLATE_NOOP("PrivacyPage", "code postal"),
    "commune_insee": QT_TRANSLATE_NOOP("PrivacyPage", "code INSEE"),
    "legal_basis": QT_TRANSLATE_NOOP("PrivacyPage", "base légale"),
    "informed_on": QT_TRANSLATE_NOOP("PrivacyPage", "date d'information"),
    "notice_version": QT_TRANSLATE_NOOP("PrivacyPage", "version de la notice"),
    "notice_hash": QT_TRANSLATE_NOOP("PrivacyPage", "empreinte de la notice"),
}
_FILTER_KINDS: dict[str, object] = {
    "Individuel": QT_TRANSLATE_NOOP("PrivacyPage", "Individuel"),
    "Collectif": QT_TRANSLATE_NOOP("PrivacyPage", "Collectif"),
}
_REASONS: dict[str, object] = {
    "consent_withdrawn": QT_TRANSLATE_NOOP("PrivacyPage", "consentement retiré"),
}
_FILTER_LISTS = {"theme": "themes", "place_type": "place_types", "autonomy": "autonomy"}
# A line of a wrapped cell ends with the dot rather than starting with it.
DETAIL_SEPARATOR = "\u00a0· "


def _translated(table: dict[str, object], key: str) -> str:
    text = table.get(key)
    return QCoreApplication.translate("PrivacyPage", str(text)) if text else key


def _words(values: Any, word: Callable[[str], str]) -> str:
    if not isinstance(values, list):
        return str(values)
    return (", ".join(word(str(v)) for v in values)
            or QCoreApplication.translate("PrivacyPage", "aucun"))


def _day(value: Any) -> str:
    try:
        return labels.date(dt.date.fromisoformat(str(value)))
    except ValueError:
        return str(value)


def _period(value: Any) -> str:
    if isinstance(value, list) and len(value) == 2:
        return f"{_day(value[0])} – {_day(value[1])}"
    return str(value)


def _short_hash(value: Any) -> str:
    text = str(value)
    return text[:12] + "…" if len(text) > 12 else text


def _filters_text(value: Any) -> str:
    if not isinstance(value, dict):
        return str(value)
    words = []
    for name, key in value.items():
        if name == "kind":
            words.append(_translated(_FILTER_KINDS, str(key)))
        elif name in _FILTER_LISTS:
            words.append(labels.vocab_label(_FILTER_LISTS[name], str(key)))
        else:
            words.append(f"{name}: {key}")
    return ", ".join(words)


def _data_class_text(value: Any) -> str:
    try:
        return RULES[DataClass(str(value))].label(current_lang())
    except (ValueError, KeyError):
        return str(value)


def _document_text(value: Any) -> str:
    try:
        return document_title(str(value), current_lang())
    except KeyError:
        return str(value)


def _yes_no(value: Any) -> str:
    return (QCoreApplication.translate("PrivacyPage", "oui") if value
            else QCoreApplication.translate("PrivacyPage", "non"))


def _values_hidden(value: Any) -> str:
    if isinstance(value, dict):
        return str(sum(v for v in value.values() if isinstance(v, int)))
    return str(value)


_DETAIL_VALUES: dict[str, Callable[[Any], str]] = {
    "beneficiaries": lambda v: _words(v, str),
    "fields": lambda v: _words(v, lambda f: _translated(_FIELD_TEXTS, f)),
    "purpose": lambda v: labels.vocab_label("consent_purposes", str(v)),
    "method": lambda v: labels.vocab_label("consent_methods", str(v)),
    "legal_basis": lambda v: labels.vocab_label("legal_bases", str(v)),
    "valid_until": _day,
    "scope": lambda v: labels.vocab_label("mandate_scopes", str(v)),
    "scopes": lambda v: _words(v, lambda s: labels.vocab_label("mandate_scopes", s)),
    "duration": lambda v: labels.vocab_label("mandate_durations", str(v)),
    "starts_on": _day,
    "ends_on": _day,
    "reason": lambda v: _translated(_REASONS, str(v)),
    "kind": _document_text,
    "data_class": _data_class_text,
    "external": _yes_no,
    "format": lambda v: str(v).upper(),
    "period": _period,
    "filters": _filters_text,
    "values_suppressed": _values_hidden,
    "size": lambda v: _size(int(v)) if isinstance(v, int) else str(v),
    "sha256": _short_hash,
    "record_hash": _short_hash,
    "json_sha256": _short_hash,
    "pdf_sha256": _short_hash,
    "markdown_sha256": _short_hash,
    "structure_name": lambda v: str(v) or QCoreApplication.translate("PrivacyPage", "aucun"),
    "structure_typology": lambda v: str(v) or QCoreApplication.translate("PrivacyPage",
                                                                         "aucun"),
}


def _detail_text(key: str, value: Any) -> str | None:
    """One key of the details as read in the column; None when there is nothing to
    say (no value, no filter)."""
    if key in _DETAILS_NOT_SHOWN or value is None or value == {}:
        return None
    template = _DETAIL_TEXTS.get(key)
    if template is None:
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        return f"{key}: {shown}"
    # No-break spaces in the label: a wrapped cell keeps "Lignes : 467" on one line,
    # never "Lignes" then ": 467" (a list of codes in the value still wraps).
    label = QCoreApplication.translate("PrivacyPage", str(template)).replace(" ", "\u00a0")
    return label.replace("%1", _DETAIL_VALUES.get(key, str)(value))


def details_text(details: dict[str, Any]) -> str:
    """An event's details as short words in the interface language ("Dossiers :
    B-MV2C"): the known keys in reading order, then the others as "key: value"."""
    order = {key: i for i, key in enumerate(_DETAIL_TEXTS)}
    keys = sorted(details, key=lambda k: (order.get(k, len(order)), k))
    parts = (_detail_text(key, details[key]) for key in keys)
    return DETAIL_SEPARATOR.join(p for p in parts if p)


def _table(parent: QWidget, headers: list[str], name: str, object_name: str,
           stretch: int) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(object_name)
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(name)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def _item(text: str, sort_key: Any = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if sort_key is not None:
        item.setData(Qt.ItemDataRole.UserRole, sort_key)
    return item


def _button(text: str, parent: QWidget) -> QPushButton:
    button = named(QPushButton(text, parent))
    button.setAutoDefault(False)
    return button


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return QCoreApplication.translate("PrivacyPage", "%1 Mo").replace(
            "%1", QLocale().toString(n / (1024 * 1024), "f", 1))
    return QCoreApplication.translate("PrivacyPage", "%1 ko").replace(
        "%1", str(max(n // 1024, 1)))


class PrivacyPage(QWidget):
    TAB_RETENTION = 0
    TAB_JOURNAL = 1
    TAB_BACKUPS = 2
    TAB_REGISTER = 3

    COL_ACTION = 1  # of the journal table
    COL_DETAILS = 3

    restore_requested = Signal(Path)

    def __init__(self, vault: Vault, parent: QWidget | None = None, *,
                 today: Today | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self._today = today or dt.date.today
        self._due: list[DueItem] = []
        self._journal: list[JournalEntry] = []
        self._journal_done = False
        self._backups: list[BackupInfo] = []
        self._active = True
        self._stale = False

        self.title = heading(self.tr("Protection des données"), self)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Protection des données"))
        self.tabs.addTab(self._build_retention(), self.tr("&Conservation"))
        self.tabs.addTab(self._build_journal(), self.tr("&Journal"))
        self.tabs.addTab(self._build_backups(), self.tr("&Sauvegardes"))
        self.tabs.addTab(self._build_register(), self.tr("&Registre des traitements"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.tabs, 1)
        ops.changes().changed.connect(self._on_changed)
        self.reload()

    # --- building --------------------------------------------------------------------

    def _build_retention(self) -> QWidget:
        tab = QWidget(self)
        intro = paragraph(self.tr(
            "Ce qui a dépassé sa durée de conservation. Rien n'est effacé sans vous : "
            "cochez ce qui doit partir puis appliquez. Les dossiers sont anonymisés (les "
            "statistiques restent justes)."), tab)
        self.due_count = QLabel(tab)
        self.due_count.setObjectName("dueCount")
        self.due_table = _table(tab, [self.tr("Dossier"), self.tr("Données"),
                                      self.tr("Dernier contact"), self.tr("Échéance"),
                                      self.tr("Éléments")],
                                self.tr("Données à purger"), "dueTable", 1)
        self.due_table.itemChanged.connect(lambda _item: self._update_apply())
        due_label = buddy_label(self.tr("À &purger :"), self.due_table,
                                accessible_name=self.tr("Données à purger"), parent=tab)
        self.select_all_button = _button(self.tr("&Tout cocher"), tab)
        self.select_all_button.clicked.connect(lambda: self._check_all(True))
        self.apply_button = _button(self.tr("&Appliquer…"), tab)
        self.apply_button.clicked.connect(self.apply_selected)
        self.retention_message = message_label(tab)
        self.purge_table = _table(tab, [self.tr("Date"), self.tr("Données"), self.tr("Dossier"),
                                        self.tr("Motif"), self.tr("Éléments")],
                                  self.tr("Registre des purges"), "purgeTable", 1)
        purge_label = buddy_label(self.tr("Registre des pur&ges :"), self.purge_table,
                                  parent=tab)

        buttons = QHBoxLayout()
        buttons.addWidget(self.due_count)
        buttons.addStretch(1)
        buttons.addWidget(self.select_all_button)
        buttons.addWidget(self.apply_button)
        layout = QVBoxLayout(tab)
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
        return tab

    def _date_edit(self, parent: QWidget, name: str) -> QDateEdit:
        edit = QDateEdit(parent)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy" if current_lang() == "fr" else "yyyy-MM-dd")
        edit.setMinimumDate(_NO_DATE)
        edit.setSpecialValueText(self.tr("—"))
        edit.setDate(_NO_DATE)
        return edit

    def _build_journal(self) -> QWidget:
        tab = QWidget(self)
        self.date_from = self._date_edit(tab, "journalFrom")
        self.date_to = self._date_edit(tab, "journalTo")
        self.action_filter = QComboBox(tab)
        self.action_filter.setObjectName("journalAction")
        self.action_filter.addItem(self.tr("Toutes"), "")
        for key, text in self._action_choices():
            self.action_filter.addItem(text, key)
        self.code_filter = QLineEdit(tab)
        self.code_filter.setObjectName("journalCode")
        self.code_filter.setMaxLength(16)
        self.code_filter.setPlaceholderText("B-XXXX")
        self.code_filter.setMaximumWidth(110)
        self.filter_button = _button(self.tr("&Filtrer"), tab)
        self.filter_button.clicked.connect(self.reload_journal)
        self.code_filter.returnPressed.connect(self.reload_journal)
        self.action_filter.currentIndexChanged.connect(lambda _i: self.reload_journal())
        self.journal_table = _table(tab, [self.tr("Date et heure"), self.tr("Action"),
                                          self.tr("Dossier"), self.tr("Détails"),
                                          self.tr("Par")],
                                    self.tr("Événements du journal"), "auditJournalTable", 3)
        self.journal_table.verticalScrollBar().valueChanged.connect(self._maybe_more)
        self.more_button = _button(self.tr("Afficher les &plus anciens"), tab)
        self.more_button.clicked.connect(self.load_more)
        self.journal_count = QLabel(tab)
        self.check_button = _button(self.tr("&Vérifier l'intégrité"), tab)
        self.check_button.clicked.connect(self.verify)
        self.check_result = message_label(tab)
        self.check_result.setObjectName("checkResult")

        filters = QHBoxLayout()
        filters.addWidget(buddy_label(self.tr("&Du :"), self.date_from, parent=tab))
        filters.addWidget(self.date_from)
        filters.addWidget(buddy_label(self.tr("&au :"), self.date_to, parent=tab))
        filters.addWidget(self.date_to)
        filters.addSpacing(12)
        filters.addWidget(buddy_label(self.tr("Ac&tion :"), self.action_filter, parent=tab))
        filters.addWidget(self.action_filter)
        filters.addSpacing(12)
        filters.addWidget(buddy_label(self.tr("D&ossier :"), self.code_filter, parent=tab))
        filters.addWidget(self.code_filter)
        filters.addWidget(self.filter_button)
        filters.addStretch(1)
        foot = QHBoxLayout()
        foot.addWidget(self.journal_count)
        foot.addWidget(self.more_button)
        foot.addStretch(1)
        foot.addWidget(self.check_button)
        layout = QVBoxLayout(tab)
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
        return tab

    def _action_choices(self) -> list[tuple[str, str]]:
        texts = {
            "beneficiary": self.tr("Dossiers"), "activity": self.tr("Séances"),
            "consent": self.tr("Consentements"), "mandate": self.tr("Mandats"),
            "rights": self.tr("Droits des personnes"), "retention": self.tr("Conservation"),
            "journal": self.tr("Élagage du journal"), "backup": self.tr("Sauvegardes"),
            "export": self.tr("Exports"), "register": self.tr("Registre des traitements"),
            "vault": self.tr("Coffre"), "settings": self.tr("Paramètres"),
            "document": self.tr("Documents remis"),
            "structure_secret": self.tr("Secret de structure"),
            "demo": self.tr("Données de démonstration"),
        }
        return [(key, texts[key]) for key in ACTION_PREFIXES]

    def _build_backups(self) -> QWidget:
        tab = QWidget(self)
        intro = paragraph(self.tr(
            "Chaque sauvegarde est chiffrée et vérifiée juste après son écriture. Une "
            "sauvegarde est faite à la fermeture (au plus une par jour)."), tab)
        self.backup_table = _table(tab, [self.tr("Date"), self.tr("Taille"),
                                         self.tr("Vérifiée")],
                                   self.tr("Sauvegardes"), "backupTable", 2)
        self.backup_table.itemSelectionChanged.connect(self._update_restore)
        table_label = buddy_label(self.tr("Sauve&gardes du coffre :"), self.backup_table,
                                  accessible_name=self.tr("Sauvegardes"), parent=tab)
        self.backup_now_button = _button(self.tr("Sauvegarder &maintenant"), tab)
        self.backup_now_button.clicked.connect(self.backup_now)
        self.backup_folder_button = _button(self.tr("Sauvegarder vers un &dossier…"), tab)
        self.backup_folder_button.clicked.connect(self.backup_to_folder)
        self.restore_button = _button(self.tr("Res&taurer cette sauvegarde…"), tab)
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button = _button(self.tr("Restaurer depuis un &fichier…"), tab)
        self.restore_file_button.clicked.connect(self.restore_from_file)
        self.keep_spin = QSpinBox(tab)
        self.keep_spin.setObjectName("backupKeep")
        self.keep_spin.setRange(*BACKUP_KEEP_BOUNDS)
        self.keep_button = _button(self.tr("&Enregistrer"), tab)
        self.keep_button.setAccessibleName(self.tr("Enregistrer le nombre de sauvegardes"))
        self.keep_button.clicked.connect(self.save_keep)
        self.backup_message = message_label(tab)
        self.backup_message.setObjectName("backupMessage")

        actions = QHBoxLayout()
        actions.addWidget(self.backup_now_button)
        actions.addWidget(self.backup_folder_button)
        actions.addStretch(1)
        actions.addWidget(self.restore_button)
        actions.addWidget(self.restore_file_button)
        keep = QHBoxLayout()
        keep.addWidget(buddy_label(self.tr("Sauvegardes conser&vées :"), self.keep_spin,
                                   parent=tab))
        keep.addWidget(self.keep_spin)
        keep.addWidget(self.keep_button)
        keep.addStretch(1)
        layout = QVBoxLayout(tab)
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
        return tab

    def _build_register(self) -> QWidget:
        tab = QWidget(self)
        intro = paragraph(self.tr(
            "Le registre décrit ce que ce coffre traite : finalités, catégories de données, "
            "bases légales, durées de conservation, mesures de sécurité. Il est destiné au "
            "délégué à la protection des données de votre structure."), tab)
        self.register_button = _button(self.tr("Écrire le registre (PDF et &Markdown)…"), tab)
        self.register_button.clicked.connect(self.write_register)
        self.register_message = message_label(tab)
        self.register_message.setObjectName("registerMessage")

        box = QGroupBox(self.tr("Durées de conservation (en mois)"), tab)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.period_spins: dict[DataClass, QSpinBox] = {}
        lang = current_lang()
        for data_class, rule in RULES.items():
            spin = QSpinBox(box)
            spin.setObjectName(f"period_{data_class.value}")
            spin.setRange(rule.minimum, rule.maximum)
            spin.setSuffix(self.tr(" mois"))
            spin.setToolTip(self.tr("De %1 à %2 mois, %3").replace("%1", str(rule.minimum))
                            .replace("%2", str(rule.maximum))
                            .replace("%3", rule.counted_from(lang)))
            form.addRow(buddy_label(self.tr("%1 :").replace("%1", rule.label(lang)), spin,
                                    parent=box), spin)
            self.period_spins[data_class] = spin
        self.periods_button = _button(self.tr("Enregistrer les &durées"), box)
        self.periods_button.clicked.connect(self.save_periods)
        save_row = QHBoxLayout()
        save_row.addWidget(self.periods_button)
        save_row.addStretch(1)
        form.addRow(save_row)
        self.periods_message = message_label(box)
        form.addRow(self.periods_message)

        layout = QVBoxLayout(tab)
        layout.addWidget(intro)
        row = QHBoxLayout()
        row.addWidget(self.register_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.register_message)
        box_row = QHBoxLayout()
        box_row.addWidget(box)
        box_row.addStretch(1)
        layout.addLayout(box_row)
        layout.addStretch(1)
        chain: list[QWidget] = [self.register_button, *self.period_spins.values(),
                                self.periods_button]
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)
        return tab

    # --- page life -------------------------------------------------------------------

    def reload(self) -> None:
        self._active = True
        self._stale = False
        self.reload_retention()
        self.reload_journal()
        self.reload_backups()
        self.reload_settings()

    def clear_sensitive(self) -> None:
        """Empty every list (codes, journal details) at lock."""
        self._active = False
        self._due = []
        self._journal = []
        self._backups = []
        for table in (self.due_table, self.purge_table, self.journal_table, self.backup_table):
            table.setRowCount(0)
        self.code_filter.clear()
        for label in (self.retention_message, self.check_result, self.backup_message,
                      self.register_message, self.periods_message):
            show_message(label, "", announce=False)
        self.due_count.clear()
        self.journal_count.clear()
        self._update_apply()
        self._update_restore()

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

    # --- retention -------------------------------------------------------------------

    def _class_text(self, data_class: str) -> str:
        texts = {
            DataClass.IDENTIFIED_FILE.value: self.tr("Dossier identifié"),
            DataClass.NOTES.value: self.tr("Notes"),
            DataClass.JOURNAL.value: self.tr("Journal"),
            DataClass.EXPORT_RECORDS.value: self.tr("Traces des exports"),
        }
        return texts.get(data_class, data_class)

    def _ref_text(self, ref: str) -> str:
        if ref == lifecycle.NO_FILE:
            return self.tr("Séances sans dossier")
        if ref in ("journal", "exports"):
            return "—"
        return ref

    def reload_retention(self) -> None:
        due = ops.run(self, lifecycle.due_for_retention, self._vault, self._today())
        if due.value is not None:
            self._show_due(due.value)
        purged = ops.run(self, lifecycle.purge_register, self._vault)
        if purged.value is not None:
            self._show_purges(purged.value)

    def _show_due(self, items: list[DueItem]) -> None:
        self._due = items
        self.due_table.blockSignals(True)
        self.due_table.setRowCount(len(items))
        for i, item in enumerate(items):
            first = _item(self._ref_text(item.ref))
            first.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                           | Qt.ItemFlag.ItemIsUserCheckable)
            first.setCheckState(Qt.CheckState.Unchecked)
            self.due_table.setItem(i, 0, first)
            self.due_table.setItem(i, 1, _item(self._class_text(item.data_class.value)))
            self.due_table.setItem(i, 2, _item(labels.date(item.reference_date)))
            self.due_table.setItem(i, 3, _item(labels.date(item.due_on)))
            self.due_table.setItem(i, 4, _item(str(item.rows)))
        self.due_table.blockSignals(False)
        n = len(items)
        self.due_count.setText(
            labels.resolve_plural(self.tr("%n élément(s) à purger", "", n), n) if n
            else self.tr("Rien à purger aujourd'hui."))
        if n and self.due_table.currentRow() < 0:
            self.due_table.setCurrentCell(0, 0)
        self._update_apply()

    def _show_purges(self, entries: list[PurgeEntry]) -> None:
        entries = list(reversed(entries))  # newest first
        self.purge_table.setRowCount(len(entries))
        reasons = {"retention": self.tr("Durée de conservation"),
                   "erasure": self.tr("Effacement demandé")}
        for i, e in enumerate(entries):
            local = e.at.astimezone()
            self.purge_table.setItem(i, 0, _item(labels.date(local.date()), e.at))
            self.purge_table.setItem(i, 1, _item(self._class_text(e.data_class)))
            self.purge_table.setItem(i, 2, _item(self._ref_text(e.ref)))
            self.purge_table.setItem(i, 3, _item(reasons.get(e.reason, e.reason)))
            self.purge_table.setItem(i, 4, _item(str(e.rows)))

    def due_items(self) -> list[DueItem]:
        return list(self._due)

    def purge_codes(self) -> list[str]:
        items = (self.purge_table.item(i, 2) for i in range(self.purge_table.rowCount()))
        return [item.text() for item in items if item is not None]

    def set_checked(self, row: int, checked: bool = True) -> None:
        item = self.due_table.item(row, 0)
        if item is not None:
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _is_checked(self, row: int) -> bool:
        item = self.due_table.item(row, 0)
        return item is not None and item.checkState() == Qt.CheckState.Checked

    def _check_all(self, checked: bool) -> None:
        for i in range(self.due_table.rowCount()):
            self.set_checked(i, checked)

    def selected_due(self) -> list[DueItem]:
        return [item for i, item in enumerate(self._due) if self._is_checked(i)]

    def _update_apply(self) -> None:
        self.apply_button.setEnabled(bool(self.selected_due()))
        self.select_all_button.setEnabled(bool(self._due))

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
        parts.append(self.tr("Chaque purge est inscrite au registre des purges (codes "
                             "seulement). Les sauvegardes déjà faites contiennent encore ces "
                             "données jusqu'à leur rotation. Appliquer ?"))
        return "\n\n".join(parts)

    def apply_selected(self) -> bool:
        """Apply retention to the checked lines after confirmation."""
        items = self.selected_due()
        if not items:
            return False
        answer = QMessageBox.question(
            self, self.tr("Appliquer la conservation"), self.confirmation_text(items),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        outcome = ops.run(self, lifecycle.apply_retention, self._vault, items, self._today(),
                          topic="beneficiaries")
        self.reload_retention()
        if outcome.value is None:
            return False
        n = len(outcome.value.applied)
        text = labels.resolve_plural(self.tr("%n élément(s) purgé(s).", "", n), n)
        if outcome.value.skipped:
            text += " " + self.tr("Plus dû, laissé tel quel : %1.").replace(
                "%1", ", ".join(outcome.value.skipped))
        show_message(self.retention_message, text, error=False)
        return True

    # --- journal ---------------------------------------------------------------------

    def _filters(self) -> dict[str, Any]:
        def day(edit: QDateEdit) -> dt.date | None:
            d = edit.date()
            return None if d == _NO_DATE else dt.date(d.year(), d.month(), d.day())

        return {"date_from": day(self.date_from), "date_to": day(self.date_to),
                "action": self.action_filter.currentData() or None,
                "code": self.code_filter.text().strip().upper() or None}

    def set_action_filter(self, prefix: str) -> None:
        self.action_filter.setCurrentIndex(max(self.action_filter.findData(prefix), 0))

    def reload_journal(self) -> None:
        self._journal = []
        self._journal_done = False
        self.journal_table.setRowCount(0)
        self.load_more()

    def load_more(self) -> None:
        """The next page of older events (lazily, as the list is scrolled)."""
        if self._journal_done:
            return
        before = self._journal[-1].id if self._journal else None
        page = ops.run(self, lifecycle.journal_events, self._vault, limit=PAGE_SIZE,
                       before_id=before, **self._filters())
        if page.value is None:
            return
        events = page.value
        self._journal_done = len(events) < PAGE_SIZE
        start = len(self._journal)
        self._journal.extend(events)
        self.journal_table.setRowCount(len(self._journal))
        for i, e in enumerate(events, start):
            local = e.at.astimezone()
            when = f"{labels.date(local.date())} {local:%H:%M}"
            items = [_item(text) for text in (when, action_label(e.action), e.ref or "—",
                                              details_text(e.details), e.actor)]
            # The code and the details as written in the journal, for an auditor
            # comparing with an export.
            items[self.COL_ACTION].setToolTip(e.action)
            if e.details:
                items[self.COL_DETAILS].setToolTip(
                    json.dumps(e.details, ensure_ascii=False, sort_keys=True))
            for col, item in enumerate(items):
                self.journal_table.setItem(i, col, item)
        n = len(self._journal)
        self.journal_count.setText(
            labels.resolve_plural(self.tr("%n événement(s) affiché(s)", "", n), n))
        self.more_button.setEnabled(not self._journal_done)

    def journal_actions(self) -> list[str]:
        """The action codes of the events listed (the table shows their labels)."""
        return [e.action for e in self._journal]

    def _maybe_more(self, value: int) -> None:
        bar = self.journal_table.verticalScrollBar()
        if value and value >= bar.maximum():
            self.load_more()

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
                problems.append(self.tr("le fichier du coffre est endommagé"))
            if report.audit_broken_at:
                problems.append(self.tr("le journal a été modifié à l'événement n° %1")
                                .replace("%1", ", ".join(map(str, report.audit_broken_at[:5]))))
            text = self.tr("Problème détecté : %1. Restaurez la dernière sauvegarde vérifiée "
                           "et prévenez votre référent.").replace("%1", " ; ".join(problems))
        show_message(self.check_result, text, error=not report.sound)
        return report.sound

    # --- backups ---------------------------------------------------------------------

    def reload_backups(self) -> None:
        found = ops.run(self, backups.list_backups, self._vault.paths)
        if found.value is None:
            return
        self._backups = found.value
        self.backup_table.setRowCount(len(self._backups))
        for i, b in enumerate(self._backups):
            when = f"{labels.date(b.taken_at.date())} {b.taken_at:%H:%M}"
            self.backup_table.setItem(i, 0, _item(when, b.taken_at))
            self.backup_table.setItem(i, 1, _item(_size(b.size), b.size))
            # Only a backup that passed its check gets its final name (see backups).
            self.backup_table.setItem(i, 2, _item(self.tr("Oui, à l'écriture")))
        if self._backups and self.backup_table.currentRow() < 0:
            self.backup_table.setCurrentCell(0, 0)
        self._update_restore()

    def backup_list(self) -> list[BackupInfo]:
        return list(self._backups)

    def _update_restore(self) -> None:
        self.restore_button.setEnabled(self._selected_backup() is not None)

    def _selected_backup(self) -> Path | None:
        row = self.backup_table.currentRow()
        return self._backups[row].path if 0 <= row < len(self._backups) else None

    def _written(self, info: BackupInfo, folder: Path | None) -> None:
        text = labels.resolve_plural(self.tr(
            "Sauvegarde écrite et vérifiée : %1 (%n ligne(s)).", "", info.rows), info.rows) \
            .replace("%1", info.path.name)
        if folder is not None:
            text += " " + self.tr("Le fichier de clé (protégé par la phrase de passe) est "
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
        folder = QFileDialog.getExistingDirectory(self, self.tr("Sauvegarder vers un dossier"))
        if not folder:
            return False
        outcome = ops.run(self, backups.backup_now, self._vault, Path(folder))
        if outcome.value is not None:
            self._written(outcome.value, Path(folder))
        return bool(outcome)

    def _confirm_restore(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Restaurer une sauvegarde"),
            self.tr("Restaurer la sauvegarde %1 ?\n\nL'application va se verrouiller ; vous "
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
            self, self.tr("Restaurer depuis un fichier"), "",
            self.tr("Sauvegardes accomp (accomp-*.db)"))
        if not name or not self._confirm_restore(Path(name)):
            return False
        self.restore_requested.emit(Path(name))
        return True

    def save_keep(self) -> bool:
        ok = ops.run(self, lifecycle.set_backup_keep, self._vault, self.keep_spin.value(),
                     topic="settings")
        if ok:
            show_message(self.backup_message, self.tr("Nombre de sauvegardes enregistré."),
                         error=False)
        return bool(ok)

    # --- register and periods --------------------------------------------------------

    def reload_settings(self) -> None:
        periods = ops.run(self, lifecycle.retention_periods, self._vault)
        if periods.value is not None:
            for data_class, months in periods.value.items():
                self.period_spins[data_class].setValue(months)
        keep = ops.run(self, lifecycle.backup_keep, self._vault)
        if keep.value is not None:
            self.keep_spin.setValue(keep.value)

    def save_periods(self) -> bool:
        current = ops.run(self, lifecycle.retention_periods, self._vault)
        if current.value is None:
            return False
        for data_class, spin in self.period_spins.items():
            if spin.value() == current.value[data_class]:
                continue
            if not ops.run(self, lifecycle.set_retention_period, self._vault, data_class,
                           spin.value(), topic="settings"):
                return False
        show_message(self.periods_message, self.tr("Durées enregistrées."), error=False)
        self.reload_retention()
        return True

    def write_register(self) -> bool:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Dossier où écrire le registre des traitements"))
        if not folder:
            return False
        outcome = ops.run(self, register.write_processing_register, self._vault, Path(folder))
        if outcome.value is None:
            return False
        names = [outcome.value.markdown.name]
        if outcome.value.pdf is not None:
            names.insert(0, outcome.value.pdf.name)
        show_message(self.register_message,
                     self.tr("Registre écrit : %1.").replace("%1", ", ".join(names)),
                     error=False)
        return True


def retention_reminder(parent: QWidget | None, vault: Vault,
                       today: dt.date | None = None) -> None:
    """At unlock: when something is due for retention, a non-blocking message that
    says so and where to review it. Nothing is purged."""
    try:
        due = lifecycle.due_for_retention(vault, today)
    except Exception as exc:  # a reminder must never stop the unlock
        ops.note_error(exc, action="retention_reminder")
        return
    if not due:
        return
    n = len(due)
    text = labels.resolve_plural(QCoreApplication.translate(
        "PrivacyPage",
        "%n élément(s) ont dépassé leur durée de conservation. Rien n'a été effacé : "
        "vérifiez-les dans Protection des données › Conservation, puis appliquez.", "", n), n)
    box = QMessageBox(QMessageBox.Icon.Information, "accomp", text,
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("retentionReminder")
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.show()
