"""The Exports screen: anonymised summaries and activity files, and what was exported.

Three tabs: "Synthèse" (period, filters, threshold k, a preview of every published
table, format, destination), "Fichier d'activités" (the anonymised one-row-per-
session file a supervisor consolidates) and "Consolidation d'équipe" (a supervisor's
team summary, see consolidation.py). Below them, the exports recorded in the
journal.

The preview shows exactly what the file will hold: every count as protected by the
cell-key method (a hidden cell, should a table ever hide one, reads "< k" in a
distinct style; screen readers hear "masqué"), never a true small number — the Summary the
services return no longer has it. Writing runs through `ops.run` behind a busy
progress dialog; refusals are shown plainly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import (
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from accomp.domain.errors import KnownError
from accomp.privacy.suppression import DEFAULT_K
from accomp.services import exports as exports_service
from accomp.services import reports
from accomp.services.vaults import Vault
from accomp.ui import labels, ops
from accomp.ui.background import BackgroundRead
from accomp.ui.fit import narrow_combos
from accomp.ui.pickers import DateField, KeyRole, TypeAheadCombo, VocabCombo
from accomp.ui.views.consolidation import ConsolidationPage
from accomp.ui.views.custom_fields import FieldValueFilterCombo
from accomp.ui.views.export_common import (
    ACTIVITY_FORMATS,
    K_MAX,
    K_MIN,
    SUMMARY_FORMATS,
    TablePreview,
    ask_destination,
    busy,
    format_combo,
    format_label,
    tab_chain,
)
from accomp.ui.views.journal import LAST_MONTH, THIS_MONTH, THIS_YEAR, period_bounds
from accomp.ui.views.tag_widgets import TagFilterCombo
from accomp.ui.widgets import buddy_label, message_label, named, show_message

T = TypeVar("T")
_Index = QModelIndex | QPersistentModelIndex

CUSTOM = "custom"


def _qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


# --- period, filters, k --------------------------------------------------------------------


class CriteriaForm(QWidget):
    """Period (quick choices or two dates), filters and k, shared by both worker tabs."""

    changed = Signal()

    def __init__(
        self, parent: QWidget | None = None, *, today: Callable[[], dt.date] = dt.date.today
    ) -> None:
        super().__init__(parent)
        self._today = today
        self.period = TypeAheadCombo(self)
        for key, text in ((THIS_MONTH, self.tr("Ce mois-ci")),
                          (LAST_MONTH, self.tr("Le mois dernier")),
                          (THIS_YEAR, self.tr("Cette année")),
                          (CUSTOM, self.tr("Dates choisies"))):
            self.period.addItem(text)
            self.period.setItemData(self.period.count() - 1, key, KeyRole)
        self.date_from = DateField(self)
        self.date_to = DateField(self)
        self.kind = TypeAheadCombo(self)
        kinds: tuple[tuple[str | None, str], ...] = (
            (None, self.tr("Tous")), ("Individuel", self.tr("Individuel")),
            ("Collectif", self.tr("Collectif (atelier)")))
        for kind, text in kinds:
            self.kind.addItem(text)
            self.kind.setItemData(self.kind.count() - 1, kind, KeyRole)
        self.theme = VocabCombo("themes", none_label=self.tr("Tous"), parent=self)
        self.place = VocabCombo("place_types", none_label=self.tr("Tous"), parent=self)
        self.autonomy = VocabCombo("autonomy", none_label=self.tr("Toutes"), parent=self)
        self.k = QSpinBox(self)
        self.k.setRange(K_MIN, K_MAX)
        self.k.setValue(DEFAULT_K)

        when = QFormLayout()
        when.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        when.addRow(buddy_label(self.tr("&Période :"), self.period), self.period)
        dates = QHBoxLayout()
        dates.addWidget(self.date_from)
        dates.addWidget(buddy_label(self.tr("&au :"), self.date_to, accessible_name=self.tr(
            "Fin de la période")))
        dates.addWidget(self.date_to)
        when.addRow(buddy_label(self.tr("&Du :"), self.date_from, accessible_name=self.tr(
            "Début de la période")), dates)
        k_help = QLabel(self.tr("Aucun nombre entre 1 et k − 1 n'est publié : il devient k ; "
                                "les autres reçoivent un léger bruit (k vaut 3 au minimum)."),
                        self)
        k_help.setWordWrap(True)
        when.addRow(buddy_label(self.tr("Seuil &k :"), self.k, accessible_name=self.tr(
            "Seuil k de masquage")), self.k)
        when.addRow(k_help)
        what = QFormLayout()
        what.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        what.addRow(buddy_label(self.tr("T&ype :"), self.kind, accessible_name=self.tr(
            "Filtre : type d'activité")), self.kind)
        what.addRow(buddy_label(self.tr("T&hème :"), self.theme, accessible_name=self.tr(
            "Filtre : thème")), self.theme)
        what.addRow(buddy_label(self.tr("&Lieu :"), self.place, accessible_name=self.tr(
            "Filtre : lieu")), self.place)
        what.addRow(buddy_label(self.tr("A&utonomie :"), self.autonomy, accessible_name=self.tr(
            "Filtre : autonomie")), self.autonomy)
        narrow_combos((self.period, self.kind, self.theme, self.place, self.autonomy))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(when)
        layout.addSpacing(24)
        layout.addLayout(what)
        layout.addStretch(1)

        self.apply_choice(THIS_YEAR)
        self.period.currentIndexChanged.connect(self._on_choice)
        for date in (self.date_from, self.date_to):
            date.dateChanged.connect(self._on_dates)
        for combo in (self.kind, self.theme, self.place, self.autonomy):
            combo.currentIndexChanged.connect(self.changed)
        self.k.valueChanged.connect(self.changed)

    def apply_choice(self, choice: str) -> None:
        self.period.set_value(choice)
        start, end = period_bounds(choice, self._today())
        if start is not None and end is not None:
            for field, value in ((self.date_from, start), (self.date_to, end)):
                field.blockSignals(True)
                field.setDate(_qdate(value))
                field.blockSignals(False)
        self.changed.emit()

    def _on_choice(self) -> None:
        choice = str(self.period.value())
        if choice != CUSTOM:
            self.apply_choice(choice)

    def _on_dates(self) -> None:
        self.period.blockSignals(True)
        self.period.set_value(CUSTOM)
        self.period.blockSignals(False)
        self.changed.emit()

    def set_period(self, start: dt.date, end: dt.date) -> None:
        self.date_from.setDate(_qdate(start))
        self.date_to.setDate(_qdate(end))

    def dates(self) -> tuple[dt.date, dt.date]:
        return _pydate(self.date_from.date()), _pydate(self.date_to.date())

    def filters(self) -> dict[str, str]:
        values = {"kind": self.kind.value(), "theme": self.theme.key(),
                  "place_type": self.place.key(), "autonomy": self.autonomy.key()}
        return {name: str(v) for name, v in values.items() if v is not None}

    def focus_chain(self) -> list[QWidget]:
        return [self.period, self.date_from, self.date_to, self.kind, self.theme, self.place,
                self.autonomy, self.k]


# --- the worker's tabs ---------------------------------------------------------------------


class SummaryTab(QWidget):
    """Period, filters and k; the preview; format and export."""

    SETTLE_MS = 250
    exported = Signal(object)

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault = vault
        self.reads = BackgroundRead("summary-preview", self)
        self.criteria = CriteriaForm(self)
        self.preview = TablePreview(self)
        self.message = message_label(self)
        self.format = format_combo(self, SUMMARY_FORMATS)
        self.export_button = named(QPushButton(self.tr("&Exporter la synthèse…"), self))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.refresh)

        criteria_box = QGroupBox(self.tr("Période, filtres et seuil"), self)
        criteria_layout = QVBoxLayout(criteria_box)
        criteria_layout.addWidget(self.criteria)
        self.tag = TagFilterCombo(vault, self)  # a small tag is protected like any group
        criteria_layout.addWidget(self.tag)
        self.tag.currentIndexChanged.connect(self.schedule)
        self.value = FieldValueFilterCombo(vault, self, hide_when_empty=True)  # protected
        criteria_layout.addWidget(self.value)
        self.value.currentIndexChanged.connect(self.schedule)
        out = QHBoxLayout()
        out.addWidget(buddy_label(self.tr("&Format :"), self.format, accessible_name=self.tr(
            "Format de la synthèse")))
        out.addWidget(self.format)
        out.addStretch(1)
        out.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(criteria_box)
        layout.addWidget(self.message)
        layout.addWidget(self.preview, 1)
        layout.addLayout(out)

        self.criteria.changed.connect(self.schedule)
        self.export_button.clicked.connect(self.export)
        chain = [*self.criteria.focus_chain(), self.tag, self.value, self.preview.tables,
                 self.preview.view, self.format, self.export_button]
        tab_chain(chain)

    def schedule(self) -> None:
        self._timer.start(self.SETTLE_MS)

    def pending(self) -> bool:
        return self._timer.isActive()

    def refresh(self) -> None:
        """Compute the preview in a worker thread (a year of 100,000 sessions takes
        seconds); the message line says it is computing, and a preview made stale by a
        newer choice, or by a lock, is dropped. A refusal (e.g. a period upside down)
        is shown inline."""
        self._timer.stop()
        start, end = self.criteria.dates()
        vault, filters, k = self.vault, self.filters(), self.criteria.k.value()
        show_message(self.message, self.tr("Calcul de l'aperçu…"), error=False, announce=False)
        self.setCursor(Qt.CursorShape.BusyCursor)
        self.reads.start(lambda: reports.summary(vault, start, end, filters=filters, k=k),
                         self._show_preview)

    def is_busy(self) -> bool:
        return self.reads.busy

    def filters(self) -> dict[str, object]:
        tag = self.tag.tag_id()
        return {**self.criteria.filters(), **({"tag": tag} if tag is not None else {}),
                **self.value.filters()}

    def _show_preview(self, result: Any, error: Exception | None) -> None:
        self.unsetCursor()
        if isinstance(error, KnownError):
            ops.note_error(error, action="summary preview")
            show_message(self.message, error.message(labels.current_lang()))
            self.preview.clear()
            return
        if error is not None:  # a bug: shown as such, never with its text
            show_message(self.message, "")
            ops.show_error(self, error, action="summary preview")
            self.preview.clear()
            return
        n = result.suppressed_cells
        text = labels.resolve_plural(self.tr(
            "Aperçu de ce que contiendra le fichier : %n cellule(s) masquée(s) au total.", "",
            n), n) if n else self.tr(
            "Aperçu de ce que contiendra le fichier : chaque nombre est protégé (zéros exacts, "
            "jamais entre 1 et k − 1, léger bruit).")
        show_message(self.message, text, error=False, announce=False)
        self.preview.set_summary(result)

    def export(self) -> None:
        fmt, separator, extension = self.format.currentData(KeyRole)
        start, end = self.criteria.dates()
        out = ask_destination(self, self.tr("Exporter la synthèse"),
                              f"synthese_{start.isoformat()}_{end.isoformat()}.{extension}",
                              extension)
        if out is None:
            return
        with busy(self, self.tr("Écriture de la synthèse…")):
            outcome = ops.run(self, reports.export_summary, self.vault, start, end, fmt,
                              out.path, filters=self.filters(),
                              k=self.criteria.k.value(), lang=labels.current_lang(),
                              separator=separator, replace=out.replace, topic="exports")
        if outcome:
            show_message(self.message, self.tr("Synthèse écrite : %1").replace(
                "%1", out.path.name), error=False)
            self.exported.emit(outcome.value)

    def clear(self) -> None:
        self._timer.stop()
        self.reads.cancel()
        self.unsetCursor()
        self.preview.clear()
        show_message(self.message, "")


class ActivitiesTab(QWidget):
    """The anonymised activity file: one row per session, for a supervisor."""

    exported = Signal(object)

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault = vault
        self.criteria = CriteriaForm(self)
        self.format = format_combo(self, ACTIVITY_FORMATS)
        self.export_button = named(QPushButton(self.tr("&Exporter le fichier d'activités…"),
                                               self))
        self.message = message_label(self)
        explain = QLabel(self.tr(
            "Une ligne par activité, sans nom, sans note ni identifiant : les personnes y "
            "sont désignées par une clé pseudonyme propre à la structure, les âges, "
            "communes et dates sont généralisés, et les combinaisons rares remplacées par "
            "« Non communiqué ». Ce fichier sert à la consolidation d'équipe."), self)
        explain.setWordWrap(True)
        criteria_box = QGroupBox(self.tr("Période, filtres et seuil"), self)
        QVBoxLayout(criteria_box).addWidget(self.criteria)
        out = QHBoxLayout()
        out.addWidget(buddy_label(self.tr("&Format :"), self.format, accessible_name=self.tr(
            "Format du fichier d'activités")))
        out.addWidget(self.format)
        out.addStretch(1)
        out.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(criteria_box)
        layout.addLayout(out)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.export_button.clicked.connect(self.export)
        chain = [*self.criteria.focus_chain(), self.format, self.export_button]
        tab_chain(chain)

    def export(self) -> None:
        fmt, separator, extension = self.format.currentData(KeyRole)
        start, end = self.criteria.dates()
        out = ask_destination(self, self.tr("Exporter le fichier d'activités"),
                              f"activites_{start.isoformat()}_{end.isoformat()}.{extension}",
                              extension)
        if out is None:
            return
        with busy(self, self.tr("Écriture du fichier d'activités…")):
            outcome = ops.run(self, exports_service.export_activities, self.vault, start, end,
                              fmt, out.path, filters=self.criteria.filters(),
                              k=self.criteria.k.value(), separator=separator,
                              replace=out.replace, topic="exports")
        if outcome and outcome.value is not None:
            rows = int(outcome.value.details.get("rows", 0))
            text = labels.resolve_plural(self.tr("%n ligne(s) écrite(s) dans %1", "", rows), rows)
            show_message(self.message, text.replace("%1", out.path.name), error=False)
            self.exported.emit(outcome.value)

    def clear(self) -> None:
        show_message(self.message, "")


# --- past exports ------------------------------------------------------------------------


class PastExports(QWidget):
    """The exports recorded in the journal, newest first."""

    COLUMNS = 5

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault = vault
        self.reads = BackgroundRead("past-exports", self)
        self.table = QTableWidget(0, self.COLUMNS, self)
        self.table.setHorizontalHeaderLabels([
            self.tr("Date"), self.tr("Contenu"), self.tr("Format"), self.tr("Période"),
            self.tr("Empreinte SHA-256")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        label = buddy_label(self.tr("E&xports passés (journal) :"), self.table)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.table)

    def describe(self, action: str) -> str:
        return {"export.summary": self.tr("Synthèse"),
                "export.activities": self.tr("Fichier d'activités"),
                "export.consolidation": self.tr("Consolidation d'équipe")}.get(action, action)

    def reload(self) -> None:
        """Read the exports recorded in the journal in a worker thread (the journal of
        a large vault is long); the list is filled when they arrive."""
        vault = self.vault
        self.reads.start(lambda: reports.past_exports(vault), self._fill)

    def is_busy(self) -> bool:
        return self.reads.busy

    def _fill(self, records: Any, error: Exception | None) -> None:
        if error is not None:
            ops.show_error(self, error, action="past exports")
            records = []
        self.table.setRowCount(len(records))
        for row, rec in enumerate(records):
            d = rec.details
            period = d.get("period") or ["", ""]
            texts = [
                self._when(rec.at), self.describe(rec.action),
                self._format(str(d.get("format", ""))), self._period(period),
                str(d.get("sha256", ""))[:16] + "…",
            ]
            if d.get("k") is not None:
                texts[1] += f" (k = {d['k']})"
            for col, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if col == 4:
                    item.setToolTip(str(d.get("sha256", "")))
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()

    @staticmethod
    def _format(fmt: str) -> str:
        return "CSV" if fmt == "csv" else format_label(fmt, ",")

    @staticmethod
    def _when(at: str) -> str:
        try:
            when = dt.datetime.fromisoformat(at)
        except ValueError:
            return at
        if when.tzinfo is not None:
            when = when.astimezone()
        return f"{labels.date(when.date())} {when:%H:%M}"

    @staticmethod
    def _period(period: Any) -> str:
        try:
            a, b = (dt.date.fromisoformat(str(p)) for p in period)
        except (ValueError, TypeError):
            return ""
        return f"{labels.date(a)} – {labels.date(b)}"

    def count(self) -> int:
        return self.table.rowCount()

    def clear(self) -> None:
        self.reads.cancel()
        self.table.setRowCount(0)


# --- the page ------------------------------------------------------------------------------


class ExportsPage(QWidget):
    """Tabs "Synthèse", "Fichier d'activités", "Consolidation d'équipe"; the past
    exports below."""

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault = vault
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Exports"))
        self.tabs.tabBar().setAccessibleName(self.tr("Onglets des exports"))
        self.summary_tab = SummaryTab(vault, self)
        self.activities_tab = ActivitiesTab(vault, self)
        self.consolidation = ConsolidationPage(vault, self)
        self.tabs.addTab(self.summary_tab, self.tr("&Synthèse"))
        self.tabs.addTab(self.activities_tab, self.tr("Fichier d'acti&vités"))
        self.tabs.addTab(self.consolidation, self.tr("&Consolidation d'équipe"))
        self.past = PastExports(vault, self)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.tabs)
        splitter.addWidget(self.past)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        # The page is built when first opened, after the unlock: it reads the vault
        # when first shown (and again when shown after a lock), not before.
        self._loaded = False
        ops.changes().changed.connect(self._on_changed)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded and not self.vault.is_locked:
            self.reload()

    def add_tab(self, widget: QWidget, title: str) -> int:
        return self.tabs.addTab(widget, title)

    def _on_changed(self, topic: str) -> None:
        # A locked vault is never read (a page of a closed window may still listen).
        if self.vault.is_locked:
            return
        if topic == "exports":
            self.past.reload()
        elif topic in ("activities", "beneficiaries", "vault") and self.isVisible():
            self.summary_tab.schedule()

    def reload(self) -> None:
        self._loaded = True
        self.summary_tab.refresh()
        self.past.reload()

    def is_busy(self) -> bool:
        """Whether the preview or the past exports are still being read."""
        return self.summary_tab.is_busy() or self.past.is_busy()

    def clear_sensitive(self) -> None:
        self._loaded = False
        self.summary_tab.clear()
        self.activities_tab.clear()
        self.consolidation.clear_sensitive()
        self.past.clear()
