"""The person's file, skills part: the structure's tags on the file, the skills map
over time (each competence practised: the level first observed and the level now),
and the printable passport for the person.

Shown under the file by BeneficiaryFileView (its `beneficiary_shown` signal): no
screen reaches into another."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from accomp.domain import competences as dc
from accomp.services import passport, skills, tags
from accomp.store.vault import Vault
from accomp.ui import ops
from accomp.ui.charts import BarChart, BarData, ChartPanel
from accomp.ui.destinations import ask_save_file
from accomp.ui.labels import current_lang
from accomp.ui.views.tag_widgets import TagChecklist
from accomp.ui.widgets import named


def skills_map(observations: list[dc.Observation], today: dt.date
               ) -> list[tuple[str, int, int, dt.date, dt.date]]:
    """Each competence practised: (key, first level, level now, first day, last day)."""
    first: dict[str, tuple[dt.date, int]] = {}
    last: dict[str, dt.date] = {}
    for o in observations:
        if o.on > today:
            continue
        if o.competence not in first or o.on < first[o.competence][0]:
            first[o.competence] = (o.on, o.level)
        last[o.competence] = max(o.on, last.get(o.competence, o.on))
    now = dc.current_levels(observations, today)
    return [(key, first[key][1], now[key], first[key][0], last[key]) for key in sorted(now)]


class SkillsBox(QGroupBox):
    """Tags of the file, skills map, passport button."""

    def __init__(self, vault: Vault, parent: QWidget | None = None, *,
                 today: Callable[[], dt.date] | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self._today = today or dt.date.today
        self._person: int | None = None
        self.tags = TagChecklist(vault, self)
        self.tags.setFixedHeight(self.tags.fontMetrics().height() * 2 + 6)
        self.tags_label = QLabel(self)
        self.tags_label.setBuddy(self.tags)
        self.chart = ChartPanel("", self)
        self.chart.setObjectName("skillsChart")
        self.print_button = QPushButton(self)
        self.print_button.setAutoDefault(False)
        row = QHBoxLayout()
        row.addWidget(self.tags_label)
        row.addWidget(self.tags, 1)
        row.addWidget(self.print_button)
        box = QVBoxLayout(self)
        box.addLayout(row)
        box.addWidget(self.chart)
        self._retranslate()
        self.tags.toggled.connect(self._save_tags)
        self.print_button.clicked.connect(self.print_passport)

    def focus_chain(self) -> list[QWidget]:
        return [self.tags, self.print_button, self.chart.view, self.chart.table_button]

    def _retranslate(self) -> None:
        self.setTitle(self.tr("Étiquettes et compétences"))
        self.tags_label.setText(self.tr("Éti&quettes du dossier :"))
        self.tags.setAccessibleName(self.tr("Étiquettes du dossier"))
        self.print_button.setText(self.tr("Imprimer le &passeport…"))
        named(self.print_button, self.tr("Imprimer le passeport numérique de la personne"))
        self.chart.table_button.setText(self.tr("Voir les chiffres"))
        named(self.chart.table_button)
        self.chart.set_title(self.tr("Compétences numériques : au début et maintenant"))
        if self._person is not None:
            self.show_person(self._person)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def show_person(self, beneficiary_id: int | None) -> None:
        """Show a file's tags and skills map; None shows nothing (the file was closed,
        or the vault is being locked)."""
        self._person = beneficiary_id
        if beneficiary_id is None or self._vault.is_locked:
            self.tags.blockSignals(True)
            self.tags.clear()
            self.tags.blockSignals(False)
            self.chart.clear()
            return
        self.tags.reload(tags.file_tags(self._vault, beneficiary_id))
        read = ops.run(self, skills.history, self._vault, beneficiary_id)
        self._show_map(skills_map(list(read.value or []) if read else [], self._today()))

    def _show_map(self, rows: list[tuple[str, int, int, dt.date, dt.date]]) -> None:
        lang = current_lang()
        if not rows:
            self.chart.clear()
            self.chart.summary.setText(self.tr("Aucune compétence notée pour l'instant."))
            return
        names = [dc.competence(key).label(lang) for key, *_ in rows]
        first_name, now_name = self.tr("Au début"), self.tr("Maintenant")
        data = BarData(names, [(first_name, [float(r[1]) for r in rows]),
                               (now_name, [float(r[2]) for r in rows])])
        moved = sum(1 for r in rows if r[2] > r[1])
        summary = self.tr("%1 compétence(s) pratiquée(s), %2 en progrès.") \
            .replace("%1", str(len(rows))).replace("%2", str(moved))
        description = " ".join(
            self.tr("%1 : niveau %2 au début (%3), %4 maintenant (%5).")
            .replace("%1", name).replace("%2", str(r[1])).replace("%3", r[3].isoformat())
            .replace("%4", str(r[2])).replace("%5", r[4].isoformat())
            for name, r in zip(names, rows, strict=True))
        self.chart.set_chart(
            BarChart(data, horizontal=True, value_max=max(dc.LEVELS),
                     value_title=self.tr("niveau")),
            summary=summary, description=description,
            headers=[self.tr("Compétence"), first_name, now_name, self.tr("Dernière fois")],
            rows=[[name, str(r[1]), str(r[2]), r[4].isoformat()]
                  for name, r in zip(names, rows, strict=True)])

    def _save_tags(self) -> None:
        if self._person is not None:
            ops.run(self, tags.set_file_tags, self._vault, self._person, self.tags.checked(),
                    topic="tags")

    def print_passport(self) -> bool:
        """Ask whether the person asked for their passport, then where to save it."""
        if self._person is None:
            return False
        asked = QMessageBox.question(
            self, self.tr("Passeport numérique"),
            self.tr("Le passeport est imprimé pour la personne elle-même. "
                    "L'a-t-elle demandé ?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No) == QMessageBox.StandardButton.Yes
        if not asked:
            return False
        target = ask_save_file(self, self.tr("Enregistrer le passeport à imprimer"),
                               Path.home() / "passeport.pdf", self.tr("PDF (*.pdf)"), "pdf")
        if target is None:
            return False
        return bool(ops.run(self, passport.save_passport, self._vault, self._person,
                            target.path, today=self._today(), person_asked=True,
                            lang=current_lang(), replace=target.replace))
