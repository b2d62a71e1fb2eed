"""The "Registre des traitements" tab of the "Protection des données" page: the
processing register written for the structure's data protection officer, and the
retention periods in force, each within its legal bounds.

Texts are translated in the page's context, "PrivacyPage".
"""

from __future__ import annotations

import itertools
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from accomp.domain.retention import RULES, DataClass
from accomp.services import lifecycle, register
from accomp.services.vaults import Vault
from accomp.ui import ops
from accomp.ui.labels import current_lang
from accomp.ui.views.privacy.tables import button
from accomp.ui.widgets import buddy_label, message_label, paragraph, show_message


class RegisterTab(QWidget):
    # The retention periods were saved: what is due may have changed.
    periods_saved = Signal()

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        intro = paragraph(QCoreApplication.translate(
            "PrivacyPage",
            "Le registre décrit ce que ce coffre traite : finalités, catégories de données, "
            "bases légales, durées de conservation, mesures de sécurité. Il est destiné au "
            "délégué à la protection des données de votre structure."), self)
        self.register_button = button(QCoreApplication.translate(
            "PrivacyPage", "Écrire le registre (PDF et &Markdown)…"), self)
        self.register_button.clicked.connect(self.write_register)
        self.register_message = message_label(self)
        self.register_message.setObjectName("registerMessage")

        box = QGroupBox(QCoreApplication.translate(
            "PrivacyPage", "Durées de conservation (en mois)"), self)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.period_spins: dict[DataClass, QSpinBox] = {}
        lang = current_lang()
        for data_class, rule in RULES.items():
            spin = QSpinBox(box)
            spin.setObjectName(f"period_{data_class.value}")
            spin.setRange(rule.minimum, rule.maximum)
            spin.setSuffix(QCoreApplication.translate("PrivacyPage", " mois"))
            spin.setToolTip(QCoreApplication.translate("PrivacyPage", "De %1 à %2 mois, %3")
                            .replace("%1", str(rule.minimum))
                            .replace("%2", str(rule.maximum))
                            .replace("%3", rule.counted_from(lang)))
            form.addRow(buddy_label(QCoreApplication.translate("PrivacyPage", "%1 :")
                                    .replace("%1", rule.label(lang)), spin, parent=box), spin)
            self.period_spins[data_class] = spin
        self.periods_button = button(
            QCoreApplication.translate("PrivacyPage", "Enregistrer les &durées"), box)
        self.periods_button.clicked.connect(self.save_periods)
        save_row = QHBoxLayout()
        save_row.addWidget(self.periods_button)
        save_row.addStretch(1)
        form.addRow(save_row)
        self.periods_message = message_label(box)
        form.addRow(self.periods_message)

        layout = QVBoxLayout(self)
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

    def reload(self) -> None:
        """The periods in force."""
        periods = ops.run(self, lifecycle.retention_periods, self._vault)
        if periods.value is not None:
            for data_class, months in periods.value.items():
                self.period_spins[data_class].setValue(months)

    def clear(self) -> None:
        """Empty the messages (at lock)."""
        for label in (self.register_message, self.periods_message):
            show_message(label, "", announce=False)

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
        show_message(self.periods_message,
                     QCoreApplication.translate("PrivacyPage", "Durées enregistrées."),
                     error=False)
        self.periods_saved.emit()
        return True

    def write_register(self) -> bool:
        folder = QFileDialog.getExistingDirectory(
            self, QCoreApplication.translate(
                "PrivacyPage", "Dossier où écrire le registre des traitements"))
        if not folder:
            return False
        outcome = ops.run(self, register.write_processing_register, self._vault, Path(folder))
        if outcome.value is None:
            return False
        names = [outcome.value.markdown.name]
        if outcome.value.pdf is not None:
            names.insert(0, outcome.value.pdf.name)
        show_message(self.register_message,
                     QCoreApplication.translate("PrivacyPage", "Registre écrit : %1.")
                     .replace("%1", ", ".join(names)),
                     error=False)
        return True
