"""The file of one person: who they are (only what the legal basis allows), their
statistical attributes, their consents, every session with them, how their autonomy
evolved, and the sensitive notes.

The consent badges are another screen's work: `set_consent_panel(widget)` puts it
in its slot. If that widget has `show_beneficiary(id)` and `clear_sensitive()`, the
file calls them when it shows a person and when it is cleared.
"""

from __future__ import annotations

import datetime as dt
import itertools

from PySide6.QtCharts import (
    QCategoryAxis,
    QChart,
    QChartView,
    QDateTimeAxis,
    QLegend,
    QLineSeries,
    QScatterSeries,
)
from PySide6.QtCore import QDateTime, QMargins, QPointF, Qt, QTime, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from accomp.domain.models import ActivityFilter, ActivityRow, BeneficiaryOut
from accomp.services import activities, beneficiaries
from accomp.services.vaults import Vault
from accomp.ui import labels, ops
from accomp.ui.dialogs.beneficiary_form import BeneficiaryDialog
from accomp.ui.models.beneficiaries import TimelineModel, person_name
from accomp.ui.views.custom_fields import FileFieldsBox
from accomp.ui.views.skills_panel import SkillsBox
from accomp.ui.views.upcoming import UpcomingPanel
from accomp.ui.widgets import heading, named, paragraph, qdate

# Autonomy levels, bottom to top of the chart.
LEVELS = {"EntierementAccompagne": 1, "PartiellementAutonome": 2, "Autonome": 3}
# Okabe-Ito colours (told apart with every common colour-vision deficiency), and a
# different marker shape per level, so neither colour nor shape alone carries it.
_LEVEL_STYLE = {
    1: ("#D55E00", QScatterSeries.MarkerShape.MarkerShapeTriangle),
    2: ("#0072B2", QScatterSeries.MarkerShape.MarkerShapeRectangle),
    3: ("#009E73", QScatterSeries.MarkerShape.MarkerShapeCircle),
}
_PAGE = 500
TOPICS = ("beneficiaries", "activities", "consents")


class BeneficiaryFileView(QWidget):
    """Shows one file; reads it again when a change concerns it."""

    # The file shown (its id), or None once cleared.
    beneficiary_shown = Signal(object)

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self._current: BeneficiaryOut | None = None
        self._rows: list[ActivityRow] = []
        self._active = True
        self._consent_panel: QWidget | None = None
        self._stale = False  # a change came while hidden
        self._build()
        ops.changes().changed.connect(self._on_changed)
        self.clear_sensitive()
        self._active = True

    # --- building --------------------------------------------------------------------

    def _value(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _build(self) -> None:
        self.empty_note = paragraph(
            self.tr("Choisissez un bénéficiaire dans la liste pour ouvrir son dossier."), self)
        self.empty_note.setObjectName("emptyNote")

        self.title = heading("", self)
        self.title.setObjectName("fileTitle")
        self.anonymised_badge = QLabel(self.tr("Dossier anonymisé"), self)
        self.anonymised_badge.setStyleSheet(
            "QLabel { background: #444; color: white; padding: 2px 8px; border-radius: 3px; }")
        self.edit_button = named(QPushButton(self.tr("&Modifier…"), self),
                                 self.tr("Modifier le dossier"))
        self.edit_button.setObjectName("editButton")
        self.erase_button = named(QPushButton(self.tr("&Effacer…"), self),
                                  self.tr("Effacer le dossier (droit à l'effacement)"))
        self.erase_button.setObjectName("eraseButton")

        # identity
        self.identity_box = QGroupBox(self.tr("Identité"), self)
        self.statistical_only = paragraph(self.tr("Données statistiques uniquement"), self)
        self.statistical_only.setObjectName("statisticalOnly")
        font = QFont(self.statistical_only.font())
        font.setItalic(True)
        self.statistical_only.setFont(font)
        self.identity_values: dict[str, QLabel] = {}
        self.identity_form = QFormLayout()
        for name, text in (
            ("name", self.tr("Nom :")), ("phone", self.tr("Téléphone :")),
            ("email", self.tr("E-mail :")), ("birth_year", self.tr("Année de naissance :")),
            ("legal_basis", self.tr("Base légale :")),
            ("informed_on", self.tr("Informée le :")),
            ("notice_version", self.tr("Notice :")),
        ):
            value = self._value(f"identity_{name}")
            self.identity_values[name] = value
            self.identity_form.addRow(text, value)
        box = QVBoxLayout(self.identity_box)
        box.addWidget(self.statistical_only)
        box.addLayout(self.identity_form)

        # statistics
        self.stats_box = QGroupBox(self.tr("Données statistiques"), self)
        self.stats_values: dict[str, QLabel] = {}
        form = QFormLayout(self.stats_box)
        for name, text in (
            ("gender", self.tr("Genre :")), ("age_band", self.tr("Tranche d'âge :")),
            ("social_status", self.tr("Statut :")), ("commune", self.tr("Commune :")),
            ("first_visit", self.tr("Premier accompagnement :")),
            ("last_visit", self.tr("Dernier contact :")),
        ):
            value = self._value(f"stats_{name}")
            self.stats_values[name] = value
            form.addRow(text, value)

        # consents and mandates: a slot for their panel
        self.consent_box = QGroupBox(self.tr("Consentements et mandats"), self)
        self.consent_slot = QWidget(self.consent_box)
        self.consent_slot.setObjectName("consentSlot")
        self._consent_layout = QVBoxLayout(self.consent_slot)
        self._consent_layout.setContentsMargins(0, 0, 0, 0)
        self.consent_placeholder = paragraph(
            self.tr("L'état des consentements s'affichera ici."), self.consent_slot)
        self._consent_layout.addWidget(self.consent_placeholder)
        QVBoxLayout(self.consent_box).addWidget(self.consent_slot)

        # timeline
        self.timeline_box = QGroupBox(self.tr("Activités"), self)
        self.timeline_count = QLabel(self)
        self.timeline_count.setObjectName("timelineCount")
        self.timeline_model = TimelineModel(self)
        self.timeline = QTableView(self)
        self.timeline.setObjectName("timeline")
        self.timeline.setModel(self.timeline_model)
        self.timeline.setAccessibleName(self.tr("Activités avec cette personne"))
        self.timeline.setAccessibleDescription(self.tr("La plus récente en premier."))
        self.timeline.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.timeline.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.timeline.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.timeline.setTabKeyNavigation(False)
        self.timeline.setAlternatingRowColors(True)
        self.timeline.setWordWrap(False)
        self.timeline.verticalHeader().setVisible(False)
        self.timeline.verticalHeader().setDefaultSectionSize(
            self.timeline.fontMetrics().height() + 8)
        header = self.timeline.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TimelineModel.COL_THEMES, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.timeline.setMinimumHeight(8 * (self.timeline.fontMetrics().height() + 8))
        box = QVBoxLayout(self.timeline_box)
        box.addWidget(self.timeline_count)
        box.addWidget(self.timeline)

        # autonomy chart
        self.autonomy_box = QGroupBox(self.tr("Autonomie au fil du temps"), self)
        self._build_chart()
        self.autonomy_summary = paragraph("", self)
        self.autonomy_summary.setObjectName("autonomySummary")
        box = QVBoxLayout(self.autonomy_box)
        box.addWidget(self.chart_view)
        box.addWidget(self.autonomy_summary)

        # notes
        self.notes_box = QGroupBox(self.tr("Notes (sensibles)"), self)
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("notes")
        self.notes.setReadOnly(True)
        self.notes.setTabChangesFocus(True)
        self.notes.setAccessibleName(self.tr("Notes (sensibles)"))
        self.notes.setAccessibleDescription(
            self.tr("Données sensibles : jamais exportées ni imprimées."))
        self.notes.setMaximumHeight(110)
        self.notes.setPlaceholderText(self.tr("Aucune note."))
        self.notes.setStyleSheet("QPlainTextEdit { background: #fff8e1; color: #3d2e00; }")
        box = QVBoxLayout(self.notes_box)
        box.addWidget(paragraph(self.tr("Données sensibles : jamais exportées ni imprimées."),
                                self))
        box.addWidget(self.notes)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.anonymised_badge, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.erase_button, 0, Qt.AlignmentFlag.AlignVCenter)
        side = QHBoxLayout()
        side.addWidget(self.identity_box, 1)
        side.addWidget(self.stats_box, 1)

        self.content = QWidget(self)
        self.content.setObjectName("fileContent")
        body = QVBoxLayout(self.content)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(top)
        body.addLayout(side)
        body.addWidget(self.consent_box)
        self.appointments = UpcomingPanel(self._vault, per_file=True, parent=self)
        self.beneficiary_shown.connect(self.appointments.show_file)
        body.addWidget(self.appointments)
        body.addWidget(self.timeline_box)
        body.addWidget(self.autonomy_box)
        self.skills = SkillsBox(self._vault, self)  # tags, skills map, passport
        self.beneficiary_shown.connect(self.skills.show_person)
        body.addWidget(self.skills)
        self.custom_fields = FileFieldsBox(self._vault, self)  # the structure's own fields
        self.beneficiary_shown.connect(self.custom_fields.show_person)
        body.addWidget(self.custom_fields)
        body.addWidget(self.notes_box)
        body.addStretch(1)

        inner = QWidget(self)
        inner_layout = QVBoxLayout(inner)
        inner_layout.addWidget(self.empty_note)
        inner_layout.addWidget(self.content)
        inner_layout.addStretch(1)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("fileScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)

        self.setTabOrder(self.edit_button, self.erase_button)
        self.setTabOrder(self.erase_button, self.timeline)
        for a, b in itertools.pairwise([self.timeline, *self.skills.focus_chain(), self.notes]):
            self.setTabOrder(a, b)
        self.edit_button.clicked.connect(self.edit)
        self.erase_button.clicked.connect(self.erase)

    def _build_chart(self) -> None:
        chart = QChart()
        chart.setTheme(QChart.ChartTheme.ChartThemeLight)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setBackgroundRoundness(0)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.legend().setMarkerShape(QLegend.MarkerShape.MarkerShapeFromSeries)
        self.autonomy_series = QLineSeries()
        self.autonomy_series.setName(self.tr("Autonomie"))
        self.autonomy_series.setPen(QPen(QColor("#777777"), 1.0))
        chart.addSeries(self.autonomy_series)
        self.level_series: dict[int, QScatterSeries] = {}
        for key, level in LEVELS.items():
            colour, shape = _LEVEL_STYLE[level]
            series = QScatterSeries()
            series.setName(labels.vocab_label("autonomy", key))
            series.setMarkerShape(shape)
            series.setMarkerSize(12.0)
            series.setBrush(QBrush(QColor(colour)))
            series.setPen(QPen(QColor("#1a1a1a"), 1.2))
            chart.addSeries(series)
            self.level_series[level] = series
        self.date_axis = QDateTimeAxis()
        self.date_axis.setFormat("MM/yyyy")
        self.date_axis.setTickCount(5)
        self.level_axis = QCategoryAxis()
        self.level_axis.setMin(0.5)
        self.level_axis.setMax(3.5)
        self.level_axis.setStartValue(0.5)
        for key, level in LEVELS.items():
            self.level_axis.append(labels.vocab_label("autonomy", key), level + 0.5)
        self.level_axis.setLabelsPosition(
            QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionCenter)
        chart.addAxis(self.date_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self.level_axis, Qt.AlignmentFlag.AlignLeft)
        for drawn in (self.autonomy_series, *self.level_series.values()):
            drawn.attachAxis(self.date_axis)
            drawn.attachAxis(self.level_axis)
        # The thin line joins the sessions; it needs no legend entry of its own.
        chart.legend().markers(self.autonomy_series)[0].setVisible(False)
        self.chart = chart
        self.chart_view = QChartView(chart, self)
        self.chart_view.setObjectName("autonomyChart")
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        # A picture: nothing to do in it from the keyboard; its summary is read below.
        self.chart_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.chart_view.viewport().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.chart_view.setMinimumHeight(240)
        self.chart_view.setSizePolicy(QSizePolicy.Policy.Expanding,
                                      QSizePolicy.Policy.Preferred)
        self.chart_view.setAccessibleName(self.tr("Autonomie au fil du temps"))

    # --- showing a file --------------------------------------------------------------

    def current_id(self) -> int | None:
        return self._current.id if self._current else None

    def current(self) -> BeneficiaryOut | None:
        return self._current

    def show_beneficiary(self, beneficiary_id: int) -> bool:
        """Read and show a file; False (and nothing shown) if it cannot be read."""
        self._active = True
        got = ops.run(self, self._read, beneficiary_id)
        if not got or got.value is None:
            self.clear_sensitive()
            self._active = True
            return False
        person, rows = got.value
        self._show(person, rows)
        return True

    def _read(self, beneficiary_id: int) -> tuple[BeneficiaryOut, list[ActivityRow]]:
        person = beneficiaries.get_beneficiary(self._vault, beneficiary_id)
        rows: list[ActivityRow] = []
        f = ActivityFilter(beneficiary_id=beneficiary_id)
        after: tuple[dt.date, int] | None = None
        while True:
            page = activities.list_activities(self._vault, f, limit=_PAGE, after=after)
            rows.extend(page)
            if len(page) < _PAGE:
                return person, rows
            after = (page[-1].date, page[-1].id)

    def _show(self, b: BeneficiaryOut, rows: list[ActivityRow]) -> None:
        self._current = b
        self._rows = rows
        self.empty_note.setVisible(False)
        self.content.setVisible(True)
        self.title.setText(self.tr("Dossier %1").replace("%1", b.code))
        self.anonymised_badge.setVisible(b.anonymised)
        self.edit_button.setEnabled(not b.anonymised)
        self.erase_button.setEnabled(not b.anonymised)
        self.edit_button.setToolTip(
            self.tr("Un dossier anonymisé ne se modifie plus.") if b.anonymised else "")
        self._show_identity(b)
        self._show_stats(b, rows)
        self._show_timeline(rows)
        self._show_chart(rows)
        self.notes.setPlainText(b.notes or "")
        self.notes_box.setVisible(b.legal_basis is not None and not b.anonymised)
        if self._consent_panel is not None and hasattr(self._consent_panel, "show_beneficiary"):
            self._consent_panel.show_beneficiary(b.id)
        self.beneficiary_shown.emit(b.id)

    def _show_identity(self, b: BeneficiaryOut) -> None:
        allowed = b.legal_basis is not None and not b.anonymised
        self.statistical_only.setVisible(not allowed)
        for row in range(self.identity_form.rowCount()):
            self.identity_form.setRowVisible(row, allowed)
        if not allowed:
            for value in self.identity_values.values():
                value.clear()
            return
        shown = {
            "name": person_name(b.first_name, b.last_name),
            "phone": b.phone or "",
            "email": b.email or "",
            "birth_year": str(b.birth_year) if b.birth_year else "",
            "legal_basis": labels.vocab_label("legal_bases", b.legal_basis or ""),
            "informed_on": labels.date(b.informed_on) if b.informed_on else "",
            "notice_version": b.notice_version or "",
        }
        for name, text in shown.items():
            self.identity_values[name].setText(text or "—")

    def _show_stats(self, b: BeneficiaryOut, rows: list[ActivityRow]) -> None:
        commune = ""
        if b.commune is not None:
            commune = b.commune.name + (f" ({b.commune.postal_code})"
                                        if b.commune.postal_code else "")
        dates = [r.date for r in rows]
        shown = {
            "gender": labels.vocab_label("genders", b.gender),
            "age_band": labels.vocab_label("age_bands", b.age_band),
            "social_status": labels.vocab_label("social_statuses", b.social_status),
            "commune": commune,
            "first_visit": labels.date(min(dates)) if dates else "",
            "last_visit": labels.date(max(dates)) if dates else "",
        }
        for name, text in shown.items():
            self.stats_values[name].setText(text or "—")

    def _show_timeline(self, rows: list[ActivityRow]) -> None:
        self.timeline_model.set_rows(rows)
        n = len(rows)
        self.timeline_count.setText(
            labels.resolve_plural(self.tr("%n activité(s)", "", n), n) if n
            else self.tr("Aucune activité enregistrée avec cette personne."))

    def autonomy_points(self) -> list[tuple[dt.date, int]]:
        """(date, level 1..3) of each individual session with an autonomy level, oldest
        first: what the chart draws."""
        points = [(r.date, LEVELS[r.autonomy], r.id) for r in self._rows
                  if r.autonomy in LEVELS]
        return [(d, level) for d, level, _ in sorted(points)]

    def _show_chart(self, rows: list[ActivityRow]) -> None:
        points = self.autonomy_points()
        self._clear_chart()
        self.autonomy_box.setVisible(bool(points))
        if not points:
            return
        xs = [_msecs(d) for d, _ in points]
        self.autonomy_series.replace([_point(x, y) for x, (_, y) in zip(xs, points,
                                                                         strict=True)])
        for level, series in self.level_series.items():
            series.replace([_point(x, y) for x, (_, y) in zip(xs, points, strict=True)
                            if y == level])
        first, last = points[0][0], points[-1][0]
        margin = max(7, (last - first).days // 20)
        self.date_axis.setRange(_datetime(first - dt.timedelta(days=margin)),
                                _datetime(last + dt.timedelta(days=margin)))
        self.date_axis.setFormat("dd/MM/yy" if (last - first).days < 120 else "MM/yyyy")
        n = len(points)
        text = self.tr(
            "%n séance(s) notée(s). Première : %1 le %2. Dernière : %3 le %4.", "", n
        )
        names = {level: labels.vocab_label("autonomy", key) for key, level in LEVELS.items()}
        text = (labels.resolve_plural(text, n)
                .replace("%1", names[points[0][1]]).replace("%2", labels.date(first))
                .replace("%3", names[points[-1][1]]).replace("%4", labels.date(last)))
        self.autonomy_summary.setText(text)
        self.chart_view.setAccessibleDescription(text)

    def _clear_chart(self) -> None:
        self.autonomy_series.clear()
        for series in self.level_series.values():
            series.clear()
        self.autonomy_summary.clear()
        self.chart_view.setAccessibleDescription("")

    # --- consents --------------------------------------------------------------------

    def set_consent_panel(self, widget: QWidget) -> None:
        """Put the consent panel in its slot (replacing the placeholder or a previous
        panel); it is shown the current person at once."""
        if self._consent_panel is not None:
            self._consent_layout.removeWidget(self._consent_panel)
            self._consent_panel.deleteLater()
        self.consent_placeholder.setVisible(False)
        widget.setParent(self.consent_slot)
        self._consent_layout.addWidget(widget)
        self._consent_panel = widget
        widget.setVisible(True)
        if self._current is not None and hasattr(widget, "show_beneficiary"):
            widget.show_beneficiary(self._current.id)

    def consent_panel(self) -> QWidget | None:
        return self._consent_panel

    # --- behaviour -------------------------------------------------------------------

    def erase(self) -> None:
        """Right to erasure: the dialog says what goes and what stays, and asks for
        the file's code before anonymising it."""
        from accomp.ui.dialogs.erasure import ErasureDialog

        if self._current is None or self._current.anonymised:
            return
        if ErasureDialog.ask(self, self._vault, self._current.id):
            ops.changes().changed.emit("beneficiaries")

    def edit(self) -> None:
        """Open the current file in the form; show it again as saved."""
        if self._current is None or self._current.anonymised:
            return
        saved = BeneficiaryDialog.ask(self, self._vault, beneficiary=self._current)
        # A saved change reloads this file through `changes()`; the worker may also
        # have chosen to open a similar file instead.
        if saved is not None and saved.id != self.current_id():
            self.show_beneficiary(saved.id)

    def reload(self) -> None:
        """Read the shown file again (if any)."""
        self._active = True
        self._stale = False
        if self._current is not None:
            self.show_beneficiary(self._current.id)

    def clear_sensitive(self) -> None:
        """Show nothing of the person; read nothing until a file is shown again."""
        self._active = False
        self._current = None
        self._rows = []
        self.title.clear()
        for value in (*self.identity_values.values(), *self.stats_values.values()):
            value.clear()
        self.timeline_model.clear()
        self.timeline_count.clear()
        self._clear_chart()
        self.notes.clear()
        self.content.setVisible(False)
        self.empty_note.setVisible(True)
        if self._consent_panel is not None and hasattr(self._consent_panel, "clear_sensitive"):
            self._consent_panel.clear_sensitive()
        self.beneficiary_shown.emit(None)

    def _on_changed(self, topic: str) -> None:
        if topic not in TOPICS or not self._active or self._current is None:
            return
        if self.isVisible():
            self.reload()
        else:  # read it when shown again, not for nobody
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            if self._active:
                self.reload()


def _datetime(day: dt.date) -> QDateTime:
    return QDateTime(qdate(day), QTime(12, 0))


def _msecs(day: dt.date) -> float:
    return float(_datetime(day).toMSecsSinceEpoch())


def _point(x: float, y: int) -> QPointF:
    return QPointF(x, float(y))
