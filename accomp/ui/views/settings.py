"""The Paramètres screen: the interface language and the idle-lock delay (settings of
the application, accomp.ui.app_settings), the passphrase, how many backups are kept
and the structure's name printed on the documents (settings of the vault), the
retention periods in force (read only), and where the vault is and which version of
accomp runs.

The page applies nothing itself: it saves a setting and announces it
(`language_changed`, `idle_minutes_changed`); the main window applies it.
"""

from __future__ import annotations

import dataclasses
import itertools
from importlib import metadata

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from accomp.domain.retention import RULES, DataClass
from accomp.services import lifecycle, vaults
from accomp.services.vaults import Vault
from accomp.ui import app_settings, ops
from accomp.ui.dialogs.change_passphrase import ChangePassphraseDialog
from accomp.ui.i18n import LANGS, current_lang
from accomp.ui.idle import MAX_MINUTES, MIN_MINUTES
from accomp.ui.views.custom_fields import FieldSettingsBox
from accomp.ui.views.structure_settings import StructureSettingsBox
from accomp.ui.views.tag_settings import TagSettingsBox
from accomp.ui.widgets import (
    buddy_label,
    heading,
    message_label,
    named,
    paragraph,
    show_message,
)

# Each language is named in itself, so that anyone can find their own.
LANGUAGE_NAMES = {"fr": "Français", "en": "English"}
TOPICS = frozenset({"settings", "vault"})


def name_spin_box(box: QAbstractSpinBox, name: str) -> None:
    """Name a spin box and the line edit inside it, which is the one that takes the
    focus."""
    box.setAccessibleName(name)
    edit = box.findChild(QLineEdit)
    if edit is not None:
        edit.setAccessibleName(name)


def app_version() -> str:
    try:
        return metadata.version("accomp")
    except metadata.PackageNotFoundError:
        return "?"


class SettingsPage(QWidget):
    """The Paramètres screen."""

    language_changed = Signal(str)
    idle_minutes_changed = Signal(int)
    backups_requested = Signal()  # open Confidentialité › Sauvegardes

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self._paths = vault.paths
        self._active = True
        self._periods: dict[DataClass, int] = {}
        self.settings = app_settings.load_settings(self._paths)

        self.title = heading("", self)
        self.status = message_label(self)
        self.status.setObjectName("settingsStatus")

        # language and lock
        self.general = QGroupBox(self)
        self.language = QComboBox(self)
        self.language.setObjectName("languageBox")
        for lang in LANGS:
            self.language.addItem(LANGUAGE_NAMES.get(lang, lang), lang)
        self.language_label = buddy_label("", self.language, parent=self)
        self.idle = QSpinBox(self)
        self.idle.setObjectName("idleMinutes")
        self.idle.setRange(MIN_MINUTES, MAX_MINUTES)
        self.idle_label = buddy_label("", self.idle, parent=self)
        self.general_form = QFormLayout(self.general)
        self.general_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.general_form.addRow(self.language_label, self.language)
        self.general_form.addRow(self.idle_label, self.idle)

        # security
        self.security = QGroupBox(self)
        self.security_text = paragraph("", self)
        self.passphrase_button = QPushButton(self)
        self.passphrase_button.setObjectName("changePassphrase")
        self.passphrase_button.setAutoDefault(False)
        box = QVBoxLayout(self.security)
        box.addWidget(self.security_text)
        row = QHBoxLayout()
        row.addWidget(self.passphrase_button)
        row.addStretch(1)
        box.addLayout(row)

        # backups: how many are kept is set in one place, beside the backups themselves
        # (Confidentialité › Sauvegardes); this says so and goes there
        self.backups = QGroupBox(self)
        self.backup_text = paragraph("", self)
        self.backups_button = named(QPushButton(self))
        self.backups_button.setObjectName("openBackups")
        self.backups_button.setAutoDefault(False)
        box = QVBoxLayout(self.backups)
        box.addWidget(self.backup_text)
        row = QHBoxLayout()
        row.addWidget(self.backups_button)
        row.addStretch(1)
        box.addLayout(row)

        # the structure, printed on the documents handed to people
        self.structure = StructureSettingsBox(vault, self)

        # retention, read only
        self.retention = QGroupBox(self)
        self.retention_form = QFormLayout(self.retention)
        self.retention_labels: list[tuple[QLabel, QLabel]] = []
        for _ in RULES:
            name, value = QLabel(self), QLabel(self)
            value.setWordWrap(True)
            self.retention_labels.append((name, value))
            self.retention_form.addRow(name, value)
        self.retention_note = paragraph("", self)
        self.retention_form.addRow(self.retention_note)

        # about
        self.about = QGroupBox(self)
        self.folder = QLineEdit(self)
        self.folder.setObjectName("vaultFolder")
        self.folder.setReadOnly(True)
        self.folder_label = buddy_label("", self.folder, parent=self)
        self.version = QLabel(self)
        self.version.setObjectName("appVersion")
        self.version.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.version_label = QLabel(self)
        form = QFormLayout(self.about)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.folder_label, self.folder)
        form.addRow(self.version_label, self.version)

        self.tags = TagSettingsBox(vault, self)
        self.fields = FieldSettingsBox(vault, self)
        body = QWidget(self)
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 0, 0)
        from accomp.ui.views.handover.key_box import TransferKeyBox

        self.transfer_key = TransferKeyBox(vault, self)  # the fingerprint colleagues check
        for group in (self.general, self.security, self.backups, self.structure,
                      self.tags, self.fields, self.transfer_key, self.retention,
                      self.about):
            inner.addWidget(group)
        inner.addStretch(1)
        body.setMaximumWidth(760)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        layout.addWidget(scroll, 1)

        chain = [self.language, self.idle, self.passphrase_button, self.backups_button,
                 *self.structure.focus_chain(),
                 *self.tags.focus_chain(), *self.fields.focus_chain(), self.folder]
        for a, b in itertools.pairwise(chain):
            self.setTabOrder(a, b)

        self._retranslate()
        self.reload()
        self.language.currentIndexChanged.connect(self._on_language)
        self.idle.valueChanged.connect(self._on_idle)
        self.backups_button.clicked.connect(self.backups_requested)
        self.structure.saved.connect(self._say_saved)
        self.passphrase_button.clicked.connect(self.change_passphrase)
        ops.changes().changed.connect(self._on_changed)
        self._ready = True

    # --- texts -------------------------------------------------------------------------

    def _retranslate(self) -> None:
        self.title.setText(self.tr("Paramètres"))
        self.general.setTitle(self.tr("Langue et verrouillage"))
        self.language_label.setText(self.tr("&Langue de l'interface :"))
        self.language.setAccessibleName(self.tr("Langue de l'interface"))
        self.idle_label.setText(self.tr("&Verrouiller après :"))
        name_spin_box(self.idle, self.tr(
            "Verrouiller le coffre après ce nombre de minutes sans activité"))
        self.idle.setSuffix(self.tr(" min sans activité"))
        self.security.setTitle(self.tr("Phrase de passe"))
        self.security_text.setText(self.tr(
            "Changer la phrase de passe ne modifie pas les données : la clé du coffre est "
            "simplement protégée par la nouvelle phrase."))
        self.passphrase_button.setText(self.tr("C&hanger la phrase de passe…"))
        self.passphrase_button.setAccessibleName(self.tr("Changer la phrase de passe"))
        self.backups.setTitle(self.tr("Sauvegardes"))
        where = self.tr("Confidentialité › Sauvegardes")
        self.backup_text.setText(self.tr(
            "Une sauvegarde chiffrée est faite à la fermeture, une fois par jour au plus. "
            "Le nombre de sauvegardes conservées se règle avec elles, dans %1.")
            .replace("%1", where))
        self.backups_button.setText(self.tr("&Sauvegardes…"))
        self.backups_button.setAccessibleName(self.tr("Ouvrir %1").replace("%1", where))
        self.retention.setTitle(self.tr("Durées de conservation"))
        self.retention_note.setText(self.tr(
            "Passé ces durées, les données sont anonymisées ou supprimées après votre "
            "vérification."))
        self.about.setTitle(self.tr("À propos"))
        self.folder_label.setText(self.tr("&Dossier du coffre :"))
        self.folder.setAccessibleName(self.tr("Dossier du coffre"))
        self.version_label.setText(self.tr("Version :"))
        self.version.setAccessibleName(self.tr("Version d'accomp"))
        self._show_retention()
        if getattr(self, "_saved_shown", False) and self.status.isVisibleTo(self):
            self._say_saved(announce=False)  # again, in the new language

    def _say_saved(self, *, announce: bool = True) -> None:
        show_message(self.status, self.tr("Paramètre enregistré."), error=False,
                     announce=announce)
        self._saved_shown = True

    def changeEvent(self, event: QEvent) -> None:
        # Only once the page is built: Qt may deliver the event before.
        if event.type() == QEvent.Type.LanguageChange and getattr(self, "_ready", False):
            self._retranslate()
        super().changeEvent(event)

    # --- data --------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the settings again (after unlocking, or when they changed)."""
        self._active = True
        self.settings = app_settings.load_settings(self._paths)
        self.language.blockSignals(True)
        self.language.setCurrentIndex(max(self.language.findData(self.settings.language), 0))
        self.language.blockSignals(False)
        self.idle.blockSignals(True)
        self.idle.setValue(self.settings.idle_minutes)
        self.idle.blockSignals(False)
        self.folder.setText(str(self._paths.data_dir))
        self.folder.setCursorPosition(0)
        self.version.setText(f"accomp {app_version()}")
        self.structure.reload()
        self.tags.reload()
        self.fields.reload()
        periods = ops.run(self, lifecycle.retention_periods, self._vault)
        self._periods = dict(periods.value or {}) if periods else {}
        self._show_retention()

    def _show_retention(self) -> None:
        periods = self._periods
        lang = current_lang()
        for (name, value), (data_class, rule) in zip(self.retention_labels, RULES.items(),
                                                     strict=True):
            name.setText(self.tr("%1 :").replace("%1", rule.label(lang)))
            months = periods.get(data_class)
            value.setText(
                "" if months is None else
                self.tr("%1 mois %2").replace("%1", str(months))
                .replace("%2", rule.counted_from(lang))
            )

    def clear_sensitive(self) -> None:
        """Nothing here is about anyone; the vault's own values are emptied anyway
        and read again at reload()."""
        self._active = False
        self._periods = {}
        self._show_retention()
        self.tags.clear_sensitive()
        self.fields.clear_sensitive()
        self.structure.clear_sensitive()
        show_message(self.status, "")
        self._saved_shown = False

    def _on_changed(self, topic: str) -> None:
        # A hidden page reads again when it is shown; a locked vault is never read.
        if topic in TOPICS and self._active and not self._vault.is_locked:
            if self.isVisible():
                self.reload()
            else:
                self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if getattr(self, "_stale", False) and self._active and not self._vault.is_locked:
            self._stale = False
            self.reload()

    def _save(self, settings: app_settings.AppSettings) -> bool:
        outcome = ops.run(self, app_settings.save_settings, self._paths, settings)
        if outcome:
            self.settings = settings
            self._say_saved()
        return bool(outcome)

    def _on_language(self) -> None:
        lang = self.language.currentData()
        if lang == self.settings.language:
            return
        if self._save(dataclasses.replace(self.settings, language=lang)):
            self.language_changed.emit(lang)
        else:  # not saved: show what is in force
            self.language.blockSignals(True)
            self.language.setCurrentIndex(self.language.findData(self.settings.language))
            self.language.blockSignals(False)

    def _on_idle(self, minutes: int) -> None:
        if minutes == self.settings.idle_minutes:
            return
        if self._save(dataclasses.replace(self.settings, idle_minutes=minutes)):
            self.idle_minutes_changed.emit(minutes)
        else:
            self.idle.blockSignals(True)
            self.idle.setValue(self.settings.idle_minutes)
            self.idle.blockSignals(False)

    def change_passphrase(self) -> bool:
        """Open the dialog; True if the passphrase was changed."""
        vault = self._vault
        done = ChangePassphraseDialog.ask(
            self, lambda old, new: vaults.change_passphrase_of(vault, old, new)
        )
        if done:
            self._saved_shown = False
            show_message(self.status, self.tr(
                "Phrase de passe changée : elle sera demandée au prochain déverrouillage."),
                error=False)
        return done
