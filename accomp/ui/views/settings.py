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
from collections.abc import Callable
from importlib import metadata

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
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

from accomp.domain import passphrase as policy
from accomp.domain.errors import KnownError
from accomp.domain.retention import RULES, DataClass
from accomp.services import lifecycle, structure, vaults
from accomp.services.vaults import Vault
from accomp.ui import app_settings, ops
from accomp.ui.fit import narrow_combos
from accomp.ui.i18n import LANGS, current_lang
from accomp.ui.idle import MAX_MINUTES, MIN_MINUTES
from accomp.ui.pickers import VocabCombo
from accomp.ui.views.custom_fields import FieldSettingsBox
from accomp.ui.views.tag_settings import TagSettingsBox
from accomp.ui.widgets import (
    buddy_label,
    check_new_passphrase,
    heading,
    message_label,
    named,
    paragraph,
    secret_field,
    set_secret_visible,
    show_message,
    strength_meter,
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


class ChangePassphraseDialog(QDialog):
    """Old passphrase, then the new one twice, with the same strength meter and the
    same policy as at the vault's creation. Errors are shown in the dialog."""

    def __init__(self, change: Callable[[str, str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._change = change
        self.setWindowTitle(self.tr("accomp — Changer la phrase de passe"))
        self.setMinimumWidth(520)

        self.title = heading(self.tr("Changer la phrase de passe"), self)
        intro = paragraph(
            self.tr(
                "La nouvelle phrase de passe sera demandée à chaque ouverture du coffre. "
                "Le code de secours imprimé à la création reste valable. Les sauvegardes "
                "déjà copiées sur une clé USB restent protégées par l'ancienne phrase."
            ),
            self,
        )
        self.current = secret_field(policy.MAX_LENGTH, self)
        self.new = secret_field(policy.MAX_LENGTH, self)
        self.confirmation = secret_field(policy.MAX_LENGTH, self)
        self.show_chars = named(QCheckBox(self.tr("A&fficher les caractères"), self))
        self.meter, self.meter_level, meter_row = strength_meter(self)
        self.hint = paragraph("", self)
        self.error = message_label(self)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(buddy_label(self.tr("Phrase de passe &actuelle :"), self.current),
                    self.current)
        form.addRow(buddy_label(self.tr("&Nouvelle phrase de passe :"), self.new), self.new)
        form.addRow(
            buddy_label(self.tr("C&onfirmation :"), self.confirmation,
                        accessible_name=self.tr("Confirmation de la nouvelle phrase de passe")),
            self.confirmation,
        )
        form.addRow("", self.show_chars)
        form.addRow(
            buddy_label(self.tr("Solidité :"), self.meter,
                        accessible_name=self.tr("Solidité de la nouvelle phrase de passe")),
            meter_row,
        )
        form.addRow("", self.hint)

        self.cancel_button = named(QPushButton(self.tr("Annuler"), self))
        self.cancel_button.setAutoDefault(False)
        self.change_button = named(QPushButton(self.tr("&Changer"), self),
                                   self.tr("Changer la phrase de passe"))
        self.change_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.change_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addLayout(buttons)

        for field in (self.current, self.new, self.confirmation):
            field.textChanged.connect(self._update)
        self.show_chars.toggled.connect(
            lambda on: set_secret_visible([self.current, self.new, self.confirmation], on)
        )
        self.current.returnPressed.connect(self._on_return)
        self.new.returnPressed.connect(self._on_return)
        self.change_button.clicked.connect(self._on_change)
        self.cancel_button.clicked.connect(self.reject)

        self.setTabOrder(self.current, self.new)
        self.setTabOrder(self.new, self.confirmation)
        self.setTabOrder(self.confirmation, self.show_chars)
        self.setTabOrder(self.show_chars, self.cancel_button)
        self.setTabOrder(self.cancel_button, self.change_button)
        self._update()
        self.current.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, change: Callable[[str, str], None]) -> bool:
        """Run the dialog. `change(old, new)` re-wraps the vault's key, or raises
        KnownError (shown in the dialog). True once the passphrase is changed."""
        dialog = cls(change, parent)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()

    def can_change(self) -> bool:
        new = self.new.text()
        return (bool(self.current.text()) and policy.assess(new).ok
                and new == self.confirmation.text() and new != self.current.text())

    def _update(self) -> None:
        new = self.new.text()
        _usable, hint = check_new_passphrase(self.meter, self.meter_level, new,
                                             self.confirmation.text())
        if new and new == self.current.text():
            hint = self.tr("La nouvelle phrase de passe est identique à l'actuelle.")
        self.hint.setText(hint)
        self.new.setAccessibleDescription(hint)
        self.change_button.setEnabled(self.can_change())

    def _on_return(self) -> None:
        # Enter moves on to the next empty field until the change is possible.
        if self.change_button.isEnabled():
            self._on_change()
        elif self.focusWidget() is self.current:
            self.new.setFocus()
        else:
            self.confirmation.setFocus()

    def _on_change(self) -> None:
        if not self.can_change():
            return
        show_message(self.error, "")
        self.change_button.setEnabled(False)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self._change(self.current.text(), self.new.text())
        except KnownError as err:
            show_message(self.error, err.message(current_lang()))
            if err.code == "wrong_passphrase":
                self.current.setFocus()
                self.current.selectAll()
            return
        except Exception as exc:  # a bug: reported as such, never with its text
            ops.show_error(self, exc, action="change_passphrase")
            return
        finally:
            QApplication.restoreOverrideCursor()
            self._update()
        for field in (self.current, self.new, self.confirmation):
            field.clear()
        self.accept()


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
        self.structure = QGroupBox(self)
        self.structure_name = QLineEdit(self)
        self.structure_name.setObjectName("structureName")
        self.structure_name.setMaxLength(structure.STRUCTURE_NAME_MAX)
        self.structure_name.setEnabled(not vault.read_only)
        self.structure_label = buddy_label("", self.structure_name, parent=self)
        self.structure_text = paragraph("", self)
        # the worker's name, printed as "Noté par" instead of the computer's login
        self.worker_name = QLineEdit(self)
        self.worker_name.setObjectName("workerName")
        self.worker_name.setMaxLength(structure.STRUCTURE_NAME_MAX)
        self.worker_name.setEnabled(not vault.read_only)
        self.worker_label = buddy_label("", self.worker_name, parent=self)
        # its type in the national tool's typology: what funders aggregate on
        self.structure_typology = VocabCombo("structure_typologies", none_label="—",
                                             parent=self)
        self.structure_typology.setObjectName("structureTypology")
        narrow_combos((self.structure_typology,), chars=30)  # fits an 800×600 screen
        self.structure_typology.setEnabled(not vault.read_only)
        self.typology_label = buddy_label("", self.structure_typology, parent=self)
        form = QFormLayout(self.structure)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.structure_label, self.structure_name)
        form.addRow(self.worker_label, self.worker_name)
        form.addRow(self.structure_text)
        form.addRow(self.typology_label, self.structure_typology)

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
                 self.structure_name, self.worker_name, self.structure_typology,
                 *self.tags.focus_chain(), *self.fields.focus_chain(), self.folder]
        for a, b in itertools.pairwise(chain):
            self.setTabOrder(a, b)

        self._retranslate()
        self.reload()
        self.language.currentIndexChanged.connect(self._on_language)
        self.idle.valueChanged.connect(self._on_idle)
        self.backups_button.clicked.connect(self.backups_requested)
        self.structure_name.editingFinished.connect(self._on_structure_name)
        self.worker_name.editingFinished.connect(self._on_worker_name)
        self.structure_typology.currentIndexChanged.connect(self._on_structure_typology)
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
        self.structure.setTitle(self.tr("Structure"))
        self.structure_label.setText(self.tr("&Nom de la structure :"))
        self.structure_name.setAccessibleName(self.tr("Nom de la structure"))
        self.structure_name.setPlaceholderText(self.tr("Non renseigné"))
        self.worker_label.setText(self.tr("V&otre nom :"))
        self.worker_name.setAccessibleName(self.tr("Votre nom, imprimé sur les reçus"))
        self.worker_name.setPlaceholderText(self.tr("Non renseigné"))
        self.structure_text.setText(self.tr(
            "Imprimés sur la notice d'information, les reçus et les attestations remis "
            "aux personnes (votre nom : « Noté par », et la signature du mandat). Tant "
            "qu'ils ne sont pas renseignés, une ligne en pointillés est laissée à remplir "
            "à la main pour la structure, et l'identifiant de session de l'ordinateur "
            "est imprimé pour vous."))
        self.typology_label.setText(self.tr("&Type de structure :"))
        self.structure_typology.setAccessibleName(self.tr(
            "Type de structure (typologie de la Coop de la médiation numérique)"))
        self.structure_typology.setItemText(0, self.tr("Non renseigné"))
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
        name = ops.run(self, structure.structure_name, self._vault)
        if name:
            self._show_structure_name(name.value or "")
        worker = ops.run(self, structure.worker_name, self._vault)
        if worker:
            self._show_name(self.worker_name, worker.value or "")
        typology = ops.run(self, structure.structure_typology, self._vault)
        if typology:
            self.structure_typology.blockSignals(True)
            self.structure_typology.set_key(typology.value)
            self.structure_typology.blockSignals(False)
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
        self._show_structure_name("")
        self._show_name(self.worker_name, "")
        self.structure_typology.blockSignals(True)
        self.structure_typology.setCurrentIndex(0)
        self.structure_typology.blockSignals(False)
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

    def _show_structure_name(self, name: str) -> None:
        self.structure_name.blockSignals(True)
        self.structure_name.setText(name)
        self.structure_name.setCursorPosition(0)
        self.structure_name.blockSignals(False)

    def _on_structure_name(self) -> None:
        if not self._active or self._vault.is_locked:
            return
        text = self.structure_name.text()
        current = ops.run(self, structure.structure_name, self._vault)
        if not current:
            return
        if text.strip() == (current.value or ""):
            if text != (current.value or ""):  # only spaces around it: show it stripped
                self._show_structure_name(current.value or "")
            return
        saved = ops.run(self, structure.set_structure_name, self._vault, text,
                        topic="settings")
        if saved:
            self._show_structure_name(saved.value or "")
            self._say_saved()
        else:  # refused: show what is in force
            self._show_structure_name(current.value or "")

    @staticmethod
    def _show_name(field: QLineEdit, name: str) -> None:
        field.blockSignals(True)
        field.setText(name)
        field.setCursorPosition(0)
        field.blockSignals(False)

    def _on_worker_name(self) -> None:
        if not self._active or self._vault.is_locked:
            return
        text = self.worker_name.text()
        current = ops.run(self, structure.worker_name, self._vault)
        if not current:
            return
        if text.strip() == (current.value or ""):
            self._show_name(self.worker_name, current.value or "")
            return
        saved = ops.run(self, structure.set_worker_name, self._vault, text, topic="settings")
        self._show_name(self.worker_name, (saved.value if saved else current.value) or "")
        if saved:
            self._say_saved()

    def _on_structure_typology(self) -> None:
        if not self._active or self._vault.is_locked:
            return
        saved = ops.run(self, structure.set_structure_typology, self._vault,
                        self.structure_typology.key(), topic="settings")
        if saved:
            self._say_saved()

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
