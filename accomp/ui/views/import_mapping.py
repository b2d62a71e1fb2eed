"""The import's first step: the file's columns on the left, accomp's fields on the
right (guessed, or as saved for this file layout, and editable), and the legal basis
of the identified people for the whole file."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from accomp.domain.import_headers import FIELDS, ImportKind
from accomp.domain.vocab import vocabulary
from accomp.services.import_layouts import Layout
from accomp.ui.i18n import current_lang


class MappingStep(QWidget):
    def __init__(self, kind: ImportKind, layout: Layout, today: dt.date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.layout_info = layout
        lang = current_lang()
        outer = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Pour chaque colonne du fichier, choisissez le champ d’accomp qu’elle "
            "contient. Les choix sont gardés pour les fichiers de même présentation."))
        intro.setWordWrap(True)
        outer.addWidget(intro)
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.addWidget(QLabel("<b>" + self.tr("Colonne du fichier") + "</b>"), 0, 0)
        grid.addWidget(QLabel("<b>" + self.tr("Champ d’accomp") + "</b>"), 0, 1)
        self.combos: list[QComboBox] = []
        for index, header in enumerate(layout.headers):
            shown = header or self.tr("(colonne %1 sans titre)").replace("%1", str(index + 1))
            label = QLabel(shown)
            combo = QComboBox()
            combo.addItem(self.tr("— ne pas importer —"), "")
            for f in FIELDS[kind]:
                combo.addItem(f.fr if lang == "fr" else f.en, f.name)
            chosen = layout.mapping.get(index, "")
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.setAccessibleName(self.tr("Champ pour la colonne « %1 »").replace("%1", shown))
            label.setBuddy(combo)
            grid.addWidget(label, index + 1, 0)
            grid.addWidget(combo, index + 1, 1)
            self.combos.append(combo)
        grid.setRowStretch(len(layout.headers) + 1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_host)
        outer.addWidget(scroll, 1)

        consent = QGroupBox(self.tr("Personnes identifiées"))
        form = QFormLayout(consent)
        note = QLabel(self.tr(
            "Un dossier nominatif demande une base légale et la date d’information de la "
            "personne. Sans elles, les lignes sont importées sans identité."))
        note.setWordWrap(True)
        form.addRow(note)
        self.basis = QComboBox()
        self.basis.addItem(self.tr("Aucune : importer sans identité"), "")
        for term in vocabulary().terms("legal_bases"):
            self.basis.addItem(term.label(lang), term.key)
        self.basis.setAccessibleName(self.tr("Base légale pour tout le fichier"))
        form.addRow(self.tr("&Base légale :"), self.basis)
        self.informed_on = QDateEdit(QDate(today.year, today.month, today.day))
        self.informed_on.setCalendarPopup(True)
        self.informed_on.setDisplayFormat("dd/MM/yyyy")
        self.informed_on.setMaximumDate(QDate(today.year, today.month, today.day))
        self.informed_on.setAccessibleName(self.tr("Date d’information des personnes"))
        form.addRow(self.tr("&Informées le :"), self.informed_on)
        self.remember = QCheckBox(self.tr("&Garder ces correspondances pour ce type de fichier"))
        self.remember.setChecked(True)
        self.remember.setAccessibleName(self.tr("Garder les correspondances"))
        form.addRow(self.remember)
        outer.addWidget(consent)
        self.basis.currentIndexChanged.connect(self._sync)
        self._sync()

    def _sync(self) -> None:
        self.informed_on.setEnabled(bool(self.basis.currentData()))

    def mapping(self) -> dict[int, str]:
        return {i: c.currentData() for i, c in enumerate(self.combos) if c.currentData()}

    def legal_basis(self) -> str | None:
        return self.basis.currentData() or None

    def informed(self) -> dt.date | None:
        if not self.legal_basis():
            return None
        d = self.informed_on.date()
        return dt.date(d.year(), d.month(), d.day())
