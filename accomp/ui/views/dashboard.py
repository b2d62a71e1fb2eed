"""The dashboard: the worker's own month at a glance (this month against the last),
and the shape of their work over a period: sessions per month, themes, places,
autonomy, first visits and returning people, time spent.

Every figure comes from one service call (`services.dashboard.load`), computed by the
database; the page only draws. Charts are made readable in print and for
colour-blind readers by accomp.ui.charts; each one has a text alternative (its
accessible description, its tooltip, and a table of its numbers).

The page reads the vault only when it is shown: changes announced while it is
hidden mark it stale, and it reloads when it appears.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import threading
from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from accomp.services import dashboard
from accomp.services.dashboard import Dashboard, Period, Series
from accomp.services.vaults import Vault
from accomp.ui import labels, ops
from accomp.ui.background import collector_paused
from accomp.ui.charts import BarChart, BarData, ChartPanel
from accomp.ui.i18n import ui_locale
from accomp.ui.views.custom_fields import FieldValueFilterCombo
from accomp.ui.views.skills_progress import SkillsProgressLabel
from accomp.ui.views.tag_widgets import TagFilterCombo
from accomp.ui.views.upcoming import UpcomingPanel
from accomp.ui.widgets import buddy_label, heading

TOPICS = frozenset({"activities", "beneficiaries", "vault"})
MIN_DATE = dt.date(2000, 1, 1)
CUSTOM_DELAY_MS = 400  # wait for the worker to finish typing a date


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def name_spin_box(box: QAbstractSpinBox, name: str) -> None:
    """Name a spin box (or date edit) and the line edit inside it, which is the one
    that takes the focus."""
    box.setAccessibleName(name)
    edit = box.findChild(QLineEdit)
    if edit is not None:
        edit.setAccessibleName(name)


def number(n: float) -> str:
    """An integer as the interface language writes it (2 166 / 2,166)."""
    return ui_locale().toString(round(n))


def percent(part: float, whole: float) -> str:
    return f"{number(100 * part / whole)} %" if whole else "–"


def shares(values: list[int]) -> list[int]:
    """Whole percentages of `values` that add up to 100 (largest remainders)."""
    total = sum(values)
    if not total:
        return [0] * len(values)
    exact = [100 * v / total for v in values]
    out = [int(x) for x in exact]
    for i in sorted(range(len(values)), key=lambda i: out[i] - exact[i])[: 100 - sum(out)]:
        out[i] += 1
    return out


class StatCard(QFrame):
    """One figure of the month, with last month's beside it. Takes the focus, so a
    screen-reader user tabbing through hears the whole sentence."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setObjectName("statCard")
        self.setStyleSheet(
            "QFrame#statCard { background: white; border: 1px solid #c8c8c8; border-radius: 4px; }"
            " QFrame#statCard:focus { border: 2px solid palette(highlight); }"
        )
        self.caption = QLabel(self)
        self.value = QLabel("–", self)
        font = QFont(self.value.font())
        font.setPointSizeF(font.pointSizeF() * 2.0)
        font.setBold(True)
        self.value.setFont(font)
        self.previous = QLabel(self)
        self.previous.setWordWrap(True)
        for label in (self.caption, self.value, self.previous):
            label.setStyleSheet("color: #000000; background: transparent; border: none;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.previous)
        # Not Fixed: a fixed height is the size hint's, too short once the
        # comparison wraps onto a third line in a narrow card; Preferred lets the
        # layout give the height for the card's width (heightForWidth).
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def show_figures(self, caption: str, value: str, previous: str, spoken: str) -> None:
        self.caption.setText(caption)
        self.value.setText(value)
        self.previous.setText(previous)
        self.setAccessibleName(spoken)
        self.setToolTip(spoken)

    def clear(self, caption: str) -> None:
        self.show_figures(caption, "–", "", caption)


class _Relay(QObject):
    """Carries a worker thread's result to the GUI thread (a queued signal)."""

    done = Signal(int, object, object)  # generation, Dashboard | None, Exception | None


class DashboardPage(QWidget):
    """The Tableau de bord screen. `today` is for tests (a frozen clock).

    The figures are read in a worker thread (a period of 100,000 sessions takes a few
    hundred milliseconds): the window never freezes while they are read, the page says
    it is reading, and a result that a newer period or a lock made stale is dropped."""

    loaded = Signal()  # after the figures of a period are drawn

    PRESETS: tuple[dashboard.Preset, ...] = dashboard.PRESETS

    def __init__(
        self, vault: Vault, parent: QWidget | None = None, *,
        today: Callable[[], dt.date] | None = None,
    ) -> None:
        super().__init__(parent)
        self._vault = vault
        self._today = today or dt.date.today
        self._active = True  # False once cleared for locking, until reload()
        self._generation = 0  # of the last read asked; older results are dropped
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_loaded)
        self._stale = True  # data changed (or never read) since the last drawing
        self.board: Dashboard | None = None
        self.side: QWidget | None = None

        self.title = heading("", self)
        self.period_box = QComboBox(self)
        self.period_box.setObjectName("periodBox")
        for preset in self.PRESETS:
            self.period_box.addItem("", preset)
        self.period_label = buddy_label("", self.period_box, parent=self)
        today_ = self._today()
        self.date_from = QDateEdit(self)
        self.date_to = QDateEdit(self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDateRange(_qdate(MIN_DATE), _qdate(today_))
        three = dashboard.preset_period("3m", today_)
        self.date_from.setDate(_qdate(three.start))
        self.date_to.setDate(_qdate(three.end))
        self.from_label = buddy_label("", self.date_from, parent=self)
        self.to_label = buddy_label("", self.date_to, parent=self)
        self.period_text = QLabel(self)
        self.period_text.setObjectName("periodText")
        self.tag_box = TagFilterCombo(vault, self)
        self.tag_label = QLabel(self)  # its name is the box's own ("Étiquette")
        self.tag_label.setBuddy(self.tag_box)
        self.value_box = FieldValueFilterCombo(vault, self, hide_when_empty=True)
        self.skills_progress = SkillsProgressLabel(vault, self._today, self)

        self.cards_title = QLabel(self)
        bold = QFont(self.cards_title.font())
        bold.setBold(True)
        self.cards_title.setFont(bold)
        self.cards = {name: StatCard(self) for name in
                      ("activities", "people", "minutes", "first_visits")}

        self.per_month = ChartPanel("", self)
        self.minutes = ChartPanel("", self)
        self.themes = ChartPanel("", self)
        self.places = ChartPanel("", self)
        self.autonomy = ChartPanel("", self)
        self.visits = ChartPanel("", self)
        self.panels = [self.per_month, self.minutes, self.themes, self.places,
                       self.autonomy, self.visits]
        self.per_month.setObjectName("chartPerMonth")
        self.minutes.setObjectName("chartMinutes")
        self.themes.setObjectName("chartThemes")
        self.places.setObjectName("chartPlaces")
        self.autonomy.setObjectName("chartAutonomy")
        self.visits.setObjectName("chartVisits")

        self._build_layout()
        self._retranslate()

        self._custom_timer = QTimer(self)
        self._custom_timer.setSingleShot(True)
        self._custom_timer.setInterval(CUSTOM_DELAY_MS)
        self._custom_timer.timeout.connect(self._load)
        self.period_box.currentIndexChanged.connect(self._on_preset)
        self.tag_box.currentIndexChanged.connect(self._load)
        self.value_box.currentIndexChanged.connect(self._load)
        self.date_from.dateChanged.connect(self._on_custom_dates)
        self.date_to.dateChanged.connect(self._on_custom_dates)
        ops.changes().changed.connect(self._on_changed)
        self._show_custom(False)
        self._ready = True

    # --- building ----------------------------------------------------------------------

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.period_label)
        top.addWidget(self.period_box)
        top.addWidget(self.from_label)
        top.addWidget(self.date_from)
        top.addWidget(self.to_label)
        top.addWidget(self.date_to)
        top.addWidget(self.tag_label)
        top.addWidget(self.tag_box)
        top.addWidget(self.value_box)

        cards = QHBoxLayout()
        for card in self.cards.values():
            cards.addWidget(card, 1)  # the same width each, whatever their text

        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(16)
        for i, panel in enumerate(self.panels):
            grid.addWidget(panel, i // 2, i % 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

        body = QWidget(self)
        body.setObjectName("dashboardBody")
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 8, 0)
        self.upcoming = UpcomingPanel(self._vault, today=self._today, parent=body)  # "À venir"
        inner.addWidget(self.upcoming)
        inner.addWidget(self.period_text)
        inner.addSpacing(4)
        inner.addWidget(self.cards_title)
        inner.addLayout(cards)
        inner.addWidget(self.skills_progress)
        inner.addSpacing(8)
        inner.addLayout(grid, 1)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setWidget(body)

        self.side_box = QVBoxLayout()
        self.side_box.setContentsMargins(0, 0, 0, 0)
        main = QHBoxLayout()
        main.addWidget(self.scroll_area, 1)
        main.addLayout(self.side_box)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(main, 1)

        chain: list[QWidget] = [self.period_box, self.date_from, self.date_to, self.tag_box,
                                self.value_box,
                                *self.cards.values()]
        for panel in self.panels:
            chain += [panel.view, panel.table_button, panel.table]
        for a, b in itertools.pairwise(chain):
            self.setTabOrder(a, b)

    def set_side_widget(self, widget: QWidget) -> None:
        """Put `widget` in the column beside the charts (e.g. the list of consents to
        renew); it comes after the charts in the tab order. If it has a
        `clear_sensitive()` method, clearing the page clears it too."""
        if self.side is not None:
            self.side_box.removeWidget(self.side)
            self.side.setParent(None)
        self.side = widget
        self.side_box.addWidget(widget)
        widget.show()
        self.setTabOrder(self.visits.table, widget)

    def _retranslate(self) -> None:
        self.title.setText(self.tr("Tableau de bord"))
        self.period_label.setText(self.tr("&Période :"))
        self.tag_label.setText(self.tr("Éti&quette :"))
        self.period_box.setAccessibleName(self.tr("Période"))
        names = {"month": self.tr("Ce mois-ci"), "3m": self.tr("Les 3 derniers mois"),
                 "12m": self.tr("Les 12 derniers mois"), "custom": self.tr("Personnalisée…")}
        for i, preset in enumerate(self.PRESETS):
            self.period_box.setItemText(i, names[preset])
        self.from_label.setText(self.tr("&Du :"))
        name_spin_box(self.date_from, self.tr("Début de la période"))
        self.to_label.setText(self.tr("A&u :"))
        name_spin_box(self.date_to, self.tr("Fin de la période"))
        fmt = ui_locale().dateFormat(QLocale.FormatType.ShortFormat)
        if "yyyy" not in fmt:
            fmt = fmt.replace("yy", "yyyy")
        for edit in (self.date_from, self.date_to):
            edit.setDisplayFormat(fmt)
        self.per_month.set_title(self.tr("Activités par mois"))
        self.minutes.set_title(self.tr("Temps passé"))
        self.themes.set_title(self.tr("Thèmes abordés"))
        self.places.set_title(self.tr("Lieux"))
        self.autonomy.set_title(self.tr("Autonomie des personnes accompagnées"))
        self.visits.set_title(self.tr("Premières venues et retours"))
        if self.board is None:
            self._clear_figures()

    def changeEvent(self, event: QEvent) -> None:
        # Only once the page is built: Qt may deliver the event before.
        if event.type() == QEvent.Type.LanguageChange and getattr(self, "_ready", False):
            self._retranslate()
            if self.board is not None:
                self._render(self.board)
        super().changeEvent(event)

    # --- period ------------------------------------------------------------------------

    def preset(self) -> dashboard.Preset:
        return self.PRESETS[max(self.period_box.currentIndex(), 0)]

    def period(self) -> Period:
        if self.preset() == "custom":
            start, end = _pydate(self.date_from.date()), _pydate(self.date_to.date())
            return Period(min(start, end), max(start, end))
        return dashboard.preset_period(self.preset(), self._today())

    def set_preset(self, preset: dashboard.Preset) -> None:
        self.period_box.setCurrentIndex(self.PRESETS.index(preset))

    def _show_custom(self, on: bool) -> None:
        for w in (self.from_label, self.date_from, self.to_label, self.date_to):
            w.setVisible(on)

    def _on_preset(self) -> None:
        custom = self.preset() == "custom"
        self._show_custom(custom)
        if custom:
            self.date_from.setFocus()
        self._custom_timer.stop()
        self._load()

    def _on_custom_dates(self) -> None:
        # The end cannot come before the start.
        self.date_to.setMinimumDate(self.date_from.date())
        if self.preset() == "custom":
            self._custom_timer.start()

    # --- data --------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the figures again: now if the page is shown, else when it appears."""
        self._active = True
        self._stale = True
        self.upcoming.reload()
        # a window left open overnight: today is a new day
        for edit in (self.date_from, self.date_to):
            edit.blockSignals(True)
            edit.setMaximumDate(_qdate(self._today()))
            edit.blockSignals(False)
        if self.isVisible():
            self._load()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._active and self._stale:
            # After the show, so that the page appears at once and fills in.
            QTimer.singleShot(0, self._load_if_stale)

    def _load_if_stale(self) -> None:
        if self._active and self._stale and self.isVisible():
            self._load()

    def _on_changed(self, topic: str) -> None:
        if topic in TOPICS and self._active:
            self.reload()

    def _load(self) -> None:
        """Read the figures of the period in a worker thread; _on_loaded draws them."""
        if not self._active:
            return
        self._generation += 1
        generation, relay = self._generation, self._relay
        vault, period, today, tag = self._vault, self.period(), self._today(), \
            self.tag_box.tag_id()
        value = self.value_box.value()
        self._set_busy(True)

        def work() -> None:
            board, error = None, None
            try:
                with collector_paused():
                    board = dashboard.load(vault, period, today=today, tag=tag, value=value)
            except Exception as exc:  # shown (or dropped) in the GUI thread
                error = exc
            with contextlib.suppress(RuntimeError):  # the page was deleted meanwhile
                relay.done.emit(generation, board, error)

        threading.Thread(target=work, name="accomp-dashboard", daemon=True).start()

    def _on_loaded(self, generation: int, board: Dashboard | None,
                   error: Exception | None) -> None:
        if generation != self._generation or not self._active:
            return  # a newer period was asked, or the vault was locked: stale
        self._set_busy(False)
        if error is not None or board is None:
            if self.isVisible():
                ops.show_error(self, error or RuntimeError("no figures"), action="dashboard")
            else:
                ops.note_error(error or RuntimeError("no figures"), action="dashboard")
            return
        self._stale = False
        self.board = board
        self._render(board)
        self.loaded.emit()

    def is_busy(self) -> bool:
        return bool(self.property("busy"))

    def _set_busy(self, busy: bool) -> None:
        """Say the figures are being read (the period line, and a busy cursor)."""
        self.setProperty("busy", busy)
        if busy:
            self.period_text.setText(self.tr("Calcul des chiffres…"))
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def clear_sensitive(self) -> None:
        """Show nothing and read nothing until reload() (the vault is locked)."""
        self._active = False
        self._stale = True
        self._generation += 1  # a read under way is dropped when it ends
        self._set_busy(False)
        self._custom_timer.stop()
        self.board = None
        self._clear_figures()
        self.upcoming.clear_sensitive()
        if self.side is not None:
            clear = getattr(self.side, "clear_sensitive", None)
            if callable(clear):
                clear()

    def _clear_figures(self) -> None:
        self.period_text.clear()
        self.skills_progress.clear()
        self.cards_title.clear()
        for name, card in self.cards.items():
            card.clear(self._card_caption(name))
        for panel in self.panels:
            panel.clear()

    # --- drawing -----------------------------------------------------------------------

    def _render(self, board: Dashboard) -> None:
        loc = ui_locale()
        p = board.period
        self.period_text.setText(
            self.tr("Du %1 au %2").replace("%1", loc.toString(_qdate(p.start), "d MMMM yyyy"))
            .replace("%2", loc.toString(_qdate(p.end), "d MMMM yyyy"))
        )
        self._render_cards(board)
        self._render_per_month(board.per_month)
        self._render_minutes(board.minutes)
        self._render_ranked(self.themes, board.themes, "themes")
        self._render_ranked(self.places, board.places, "place_types")
        self._render_autonomy(board)
        self._render_visits(board.visits)
        self.skills_progress.refresh(self.tag_box.tag_id())

    def _card_caption(self, name: str) -> str:
        return {
            "activities": self.tr("Activités"),
            "people": self.tr("Personnes accompagnées"),
            "minutes": self.tr("Temps passé"),
            "first_visits": self.tr("Premières venues"),
        }[name]

    def _render_cards(self, board: Dashboard) -> None:
        c = board.comparison
        loc = ui_locale()
        this_name = loc.toString(_qdate(c.this_month), "MMMM yyyy")
        until = c.last_until or c.last_month
        # As many days on both sides: 1–3 December against 1–3 November.
        self.cards_title.setText(
            self.tr("%1 (jusqu'au %2), comparé à %3 sur autant de jours (jusqu'au %4)")
            .replace("%1", this_name[:1].upper() + this_name[1:])
            .replace("%2", loc.toString(_qdate(self._today()), "d MMMM"))
            .replace("%3", loc.toString(_qdate(c.last_month), "MMMM yyyy"))
            .replace("%4", loc.toString(_qdate(until), "d MMMM"))
        )
        for name, card in self.cards.items():
            now, before = getattr(c.this, name), getattr(c.last, name)
            show = labels.duration if name == "minutes" else number
            diff = now - before
            if diff == 0:
                change = self.tr("identique")
            else:
                sign = "+" if diff > 0 else "−"
                change = sign + show(abs(diff))
                if before:
                    change += f" ({sign}{number(abs(100 * diff / before))} %)"
            previous = (self.tr("Mois précédent, mêmes jours : %1\nécart : %2")
                        .replace("%1", show(before)).replace("%2", change))
            spoken = (self.tr("%1 : %2 ce mois-ci ; %3 le mois précédent aux mêmes jours ; "
                              "écart : %4")
                      .replace("%1", self._card_caption(name)).replace("%2", show(now))
                      .replace("%3", show(before)).replace("%4", change))
            card.show_figures(self._card_caption(name), show(now), previous, spoken)

    def _bucket_names(self, series: Series, *, rich: bool) -> list[str]:
        """Bucket labels: "janv." (with the year under it for January and the first
        bucket when `rich`), or "9 nov." for weeks; plain text when not `rich`."""
        loc = ui_locale()
        out = []
        start = self.board.period.start if self.board is not None else None
        for i, day in enumerate(series.buckets):
            if i == 0 and start is not None and series.granularity == "week":
                day = max(day, start)  # a week cut by the period: named by its first day in it
            q = _qdate(day)
            if series.granularity == "week":
                out.append(loc.toString(q, "d MMM"))
            elif rich and (i == 0 or day.month == 1):
                out.append(loc.toString(q, "MMM") + "<br>" + loc.toString(q, "yyyy"))
            elif rich:
                out.append(loc.toString(q, "MMM"))
            else:
                out.append(loc.toString(q, "MMMM yyyy"))
        if series.granularity == "week" and not rich:
            out = [self.tr("semaine du %1").replace("%1", name) for name in out]
        return out

    def _kind_names(self) -> dict[str, str]:
        return {dashboard.INDIVIDUAL: self.tr("Individuelles"),
                dashboard.COLLECTIVE: self.tr("Collectives")}

    def _render_per_month(self, s: Series) -> None:
        kinds = self._kind_names()
        names = self._bucket_names(s, rich=False)
        ind, col = s.values[dashboard.INDIVIDUAL], s.values[dashboard.COLLECTIVE]
        data = BarData(self._bucket_names(s, rich=True),
                       [(kinds[k], [float(v) for v in s.values[k]]) for k in kinds])
        totals = [a + b for a, b in zip(ind, col, strict=True)]
        total = sum(totals)
        summary = self.tr("Activités : %1 (collectives : %2).").replace(
            "%1", number(total)).replace("%2", number(sum(col)))
        if total:
            best = max(range(len(totals)), key=lambda i: (totals[i], i))
            summary += " " + self.tr("Mois le plus chargé : %1 (%2).").replace(
                "%1", names[best]).replace("%2", number(totals[best]))
        rows = [[names[i], number(ind[i]), number(col[i]), number(totals[i])]
                for i in range(len(names))]
        description = summary + " " + "; ".join(
            self.tr("%1 : %2 individuelles, %3 collectives").replace("%1", r[0])
            .replace("%2", r[1]).replace("%3", r[2]) for r in rows
        ) + "."
        self.per_month.set_chart(
            BarChart(data, stacked=True, labels=len(names) <= 24), summary=summary,
            description=description,
            headers=[self.tr("Mois"), kinds[dashboard.INDIVIDUAL],
                     kinds[dashboard.COLLECTIVE], self.tr("Total")],
            rows=rows,
        )

    def _render_minutes(self, s: Series) -> None:
        kinds = self._kind_names()
        names = self._bucket_names(s, rich=False)
        ind, col = s.values[dashboard.INDIVIDUAL], s.values[dashboard.COLLECTIVE]
        totals = [a + b for a, b in zip(ind, col, strict=True)]

        def hours(v: float) -> str:
            # One format everywhere on the page: "9 h 15", never "9,3".
            return labels.duration(round(v * 60))

        data = BarData(self._bucket_names(s, rich=True),
                       [(kinds[k], [v / 60 for v in s.values[k]]) for k in kinds])
        summary = self.tr("Total : %1, dont %2 en ateliers collectifs.").replace(
            "%1", labels.duration(sum(totals))).replace("%2", labels.duration(sum(col)))
        rows = [[names[i], labels.duration(ind[i]), labels.duration(col[i]),
                 labels.duration(totals[i])] for i in range(len(names))]
        description = summary + " " + "; ".join(
            self.tr("%1 : %2 en individuel, %3 en collectif").replace("%1", r[0])
            .replace("%2", r[1]).replace("%3", r[2]) for r in rows
        ) + "."
        self.minutes.set_chart(
            BarChart(data, stacked=True, fmt=hours, total_fmt=hours,
                     value_title=self.tr("heures"), labels=len(names) <= 24),
            summary=summary, description=description,
            headers=[self.tr("Période"), self.tr("Individuel"), self.tr("Collectif"),
                     self.tr("Total")],
            rows=rows,
        )

    def _render_ranked(self, panel: ChartPanel, ranked: dashboard.Ranked, list_name: str) -> None:
        names = [labels.vocab_label(list_name, k) for k, _ in ranked.items]
        values = [n for _, n in ranked.items]
        if ranked.others:
            names.append(self.tr("Autres thèmes"))
            values.append(ranked.others)
        whole = ranked.sessions
        data = BarData(names, [(self.tr("Activités"), [float(v) for v in values])])
        rows = [[name, number(v), percent(v, whole)] for name, v in zip(names, values,
                                                                         strict=True)]
        if list_name == "themes":
            summary = self.tr(
                "Activités : %1 ; une activité peut porter sur plusieurs thèmes."
            ).replace("%1", number(whole))
            header = self.tr("Thème")
        else:
            summary = self.tr("Activités : %1.").replace("%1", number(whole))
            header = self.tr("Lieu")
        if rows:
            summary += " " + self.tr("En tête : %1 (%2 des activités).").replace(
                "%1", rows[0][0]).replace("%2", rows[0][2])
        description = summary + " " + "; ".join(
            f"{name} : {n} ({share})" for name, n, share in rows) + "."
        panel.set_chart(
            BarChart(data, horizontal=True), summary=summary, description=description,
            headers=[header, self.tr("Activités"), self.tr("Part des activités")], rows=rows,
        )

    def _render_autonomy(self, board: Dashboard) -> None:
        s = board.autonomy
        levels = list(s.values)
        level_names = [labels.vocab_label("autonomy", k) for k in levels]
        names = self._bucket_names(s, rich=False)
        per_bucket = [shares([s.values[k][i] for k in levels]) for i in range(len(names))]
        data = BarData(
            self._bucket_names(s, rich=True),
            [(level_names[j], [float(per_bucket[i][j]) for i in range(len(names))])
             for j in range(len(levels))],
        )
        prog = board.progression
        if prog.people:
            summary = (
                self.tr("Personnes vues au moins deux fois sur la période : %1. Plus "
                        "autonomes : %2 ; au même niveau : %3 ; moins autonomes : %4 "
                        "(première et dernière séance comparées).")
                .replace("%1", number(prog.people)).replace("%2", number(prog.improved))
                .replace("%3", number(prog.same)).replace("%4", number(prog.declined))
            )
        else:
            summary = self.tr("Aucune personne vue deux fois sur la période avec son "
                              "autonomie notée.")
        rows = []
        for i, name in enumerate(names):
            counts = [s.values[k][i] for k in levels]
            rows.append([name, *(f"{number(n)} ({p} %)" if sum(counts) else "–"
                                 for n, p in zip(counts, per_bucket[i], strict=True))])
        description = (
            self.tr("Part des séances individuelles par niveau d'autonomie.") + " "
            + summary + " "
            + "; ".join(f"{r[0]} : " + ", ".join(
                f"{level_names[j]} {r[j + 1]}" for j in range(len(levels))) for r in rows)
            + "."
        )
        self.autonomy.set_chart(
            BarChart(data, stacked=True, fmt=lambda v: f"{v:.0f} %", axis_format="%d %%",
                     value_max=100, labels=len(names) <= 24),
            summary=summary, description=description,
            headers=[self.tr("Période"), *level_names], rows=rows,
        )

    def _render_visits(self, s: Series) -> None:
        first, back = s.values[dashboard.FIRST], s.values[dashboard.RETURNING]
        names = self._bucket_names(s, rich=False)
        series_names = [self.tr("Première venue"), self.tr("Déjà accompagnées")]
        data = BarData(self._bucket_names(s, rich=True),
                       [(series_names[0], [float(v) for v in first]),
                        (series_names[1], [float(v) for v in back])])
        unit = self.tr("semaine") if s.granularity == "week" else self.tr("mois")
        summary = (
            self.tr("Premières venues : %1. Une personne est comptée une fois par %2.")
            .replace("%1", number(sum(first))).replace("%2", unit)
        )
        rows = [[names[i], number(first[i]), number(back[i]), number(first[i] + back[i])]
                for i in range(len(names))]
        description = summary + " " + "; ".join(
            self.tr("%1 : %2 premières venues, %3 déjà accompagnées").replace("%1", r[0])
            .replace("%2", r[1]).replace("%3", r[2]) for r in rows
        ) + "."
        self.visits.set_chart(
            BarChart(data, stacked=True, labels=len(names) <= 24), summary=summary,
            description=description,
            headers=[self.tr("Période"), *series_names, self.tr("Personnes")], rows=rows,
        )
