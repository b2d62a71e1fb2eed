"""The dashboard as a worker reads it: this month against the last on a logbook built
by hand, charts with the right series and points, a text alternative and a table for
every chart, the period chosen from the keyboard, nothing left on screen once
locked, and every control named for screen readers.

The logbook (today is 2026-11-20):

    2026-10-05  A individual, 45 min (A's first visit)
    2026-10-12  anonymous individual, 30 min
    2026-11-03  A individual, 45 min
    2026-11-10  B individual, 30 min (B's first visit)
    2026-11-15  workshop with B and C (C's first visit), 90 min
"""

from __future__ import annotations

import datetime as dt
import itertools
from contextlib import suppress
from typing import Any

import pytest
from conftest import interface_in
from PySide6.QtCharts import QAbstractBarSeries
from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsTextItem,
    QLabel,
    QListWidget,
    QMessageBox,
    QWidget,
)
from pytestqt.exceptions import TimeoutError as WaitTimeout
from pytestqt.qtbot import QtBot

from accomp.services import activities, beneficiaries
from accomp.services import dashboard as dash
from accomp.services.generators import demo
from accomp.ui import ops
from accomp.ui.charts import BarChart, BarData, ChartPanel, wrap
from accomp.ui.main_window import MainWindow
from accomp.ui.views.dashboard import DashboardPage, StatCard

TODAY = dt.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def no_message_box(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the dashboard must not open a message box here")

    for kind in ("warning", "critical", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, refuse)


def individual(vault: Any, day: str, bid: int | None, minutes: int,
               autonomy: str | None = None) -> None:
    activities.log_activity(vault, {
        "date": day, "duration_min": minutes, "place_type": "LieuActivite",
        "themes": ["Email"], "beneficiary_id": bid, "autonomy": autonomy,
    }, today=TODAY)


@pytest.fixture
def logbook(vault: Any) -> Any:
    a, b, c = (beneficiaries.create_beneficiary(vault, {}, today=TODAY).id for _ in range(3))
    individual(vault, "2026-10-05", a, 45, "EntierementAccompagne")
    individual(vault, "2026-10-12", None, 30)
    individual(vault, "2026-11-03", a, 45, "Autonome")
    individual(vault, "2026-11-10", b, 30)
    activities.log_activity(vault, {
        "kind": "Collectif", "date": "2026-11-15", "duration_min": 90,
        "place_type": "LieuActivite", "themes": ["Email", "SecuriteNumerique"],
        "workshop_title": "Atelier e-mail", "level": "Debutant", "participant_ids": [b, c],
    }, today=TODAY)
    return vault


def open_page(qtbot: QtBot, vault: Any) -> DashboardPage:
    page = DashboardPage(vault, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.show()
    return page


def chart(panel: ChartPanel) -> BarChart:
    c = panel.chart()
    assert c is not None
    return c


def points(panel: ChartPanel) -> list[tuple[str, int]]:
    """(series name, number of values) of a chart."""
    return [(s.label(), s.count()) for s in chart(panel).sets]


# --- the figures ---------------------------------------------------------------------


def test_cards_show_this_month_against_the_last(qtbot: QtBot, logbook: Any) -> None:
    page = open_page(qtbot, logbook)
    cards = page.cards

    assert cards["activities"].value.text() == "3"
    assert "Mois précédent, mêmes jours : 2" in cards["activities"].previous.text()
    assert "+1 (+50 %)" in cards["activities"].previous.text()
    assert cards["people"].value.text() == "3"  # A, B, C
    assert "Mois précédent, mêmes jours : 1" in cards["people"].previous.text()
    assert cards["minutes"].value.text() == "2 h 45"
    assert "Mois précédent, mêmes jours : 1 h 15" in cards["minutes"].previous.text()
    assert cards["first_visits"].value.text() == "2"  # B and C
    assert "Mois précédent, mêmes jours : 1" in cards["first_visits"].previous.text()
    # the whole sentence, for screen readers
    assert cards["activities"].accessibleName() == (
        "Activités : 3 ce mois-ci ; 2 le mois précédent aux mêmes jours ; écart : +1 (+50 %)"
    )
    assert page.cards_title.text() == (
        "Novembre 2026 (jusqu'au 20 novembre), comparé à octobre 2026 sur autant de "
        "jours (jusqu'au 20 octobre)")


def test_charts_have_their_series_and_points(qtbot: QtBot, logbook: Any) -> None:
    page = open_page(qtbot, logbook)  # this month, week by week

    assert points(page.per_month) == [("Individuelles", 12), ("Collectives", 12)]
    assert chart(page.per_month).bar_data.totals()[-2:] == [2, 3]  # October, November
    assert points(page.minutes) == [("Individuelles", 4), ("Collectives", 4)]
    assert points(page.autonomy) == [
        ("Avec guidage", 4), ("Autonome avec guidage en cas de besoin", 4), ("Autonome", 4),
    ]
    assert points(page.visits) == [("Première venue", 4), ("Déjà accompagnées", 4)]
    assert chart(page.themes).bar_data.categories == ["E-mail", "Prévention en sécurité numérique"]
    assert chart(page.themes).bar_data.series[0][1] == [3, 1]
    assert chart(page.places).bar_data.categories == ["Lieu d’activité"]
    kind = QAbstractBarSeries.SeriesType
    assert chart(page.per_month).series_.type() == kind.SeriesTypeStackedBar
    assert chart(page.themes).series_.type() == kind.SeriesTypeHorizontalBar


def test_bars_carry_their_values_not_only_colours(qtbot: QtBot, logbook: Any) -> None:
    page = open_page(qtbot, logbook)

    assert "3" in chart(page.per_month).visible_labels()  # November's total
    assert {"3", "1"} <= set(chart(page.themes).visible_labels())
    styles = {s.brush().style() for s in chart(page.per_month).sets}
    assert Qt.BrushStyle.TexturePattern in styles  # the second series is hatched


def test_the_period_is_chosen_from_the_keyboard(qtbot: QtBot, logbook: Any) -> None:
    page = open_page(qtbot, logbook)
    page.period_box.setFocus()
    with qtbot.waitSignal(page.loaded):
        qtbot.keyClick(page.period_box, Qt.Key.Key_Down)  # the last 3 months

    assert page.board is not None
    assert page.board.period == dash.Period(dt.date(2026, 9, 1), TODAY)
    assert points(page.minutes) == [("Individuelles", 3), ("Collectives", 3)]
    assert page.period_text.text() == "Du 1 septembre 2026 au 20 novembre 2026"
    assert not page.date_from.isVisible()


def test_a_custom_period_shows_its_dates(qtbot: QtBot, logbook: Any) -> None:
    page = open_page(qtbot, logbook)
    with qtbot.waitSignal(page.loaded):
        page.set_preset("custom")
    assert page.date_from.isVisible()
    assert QApplication.focusWidget() is page.date_from or not page.isActiveWindow()

    with qtbot.waitSignal(page.loaded, timeout=3000):
        page.date_from.setDate(page.date_from.date().addYears(-1).addMonths(-2))
    assert page.board is not None
    assert page.board.period == dash.Period(dt.date(2025, 7, 1), TODAY)
    assert page.board.themes.sessions == 5


def test_every_chart_has_a_text_alternative_and_a_table(qtbot: QtBot, logbook: Any) -> None:
    page = open_page(qtbot, logbook)
    for panel in page.panels:
        assert panel.view.accessibleName() == panel.title.text()
        assert panel.view.accessibleDescription()
        assert panel.view.toolTip() == panel.view.accessibleDescription()
        assert panel.summary.text()

    themes = page.themes
    assert "E-mail : 3 (100 %)" in themes.view.accessibleDescription()
    themes.table_button.setFocus()
    qtbot.keyClick(themes.table_button, Qt.Key.Key_Space)
    assert themes.table.isVisible()
    cells = [[themes.table.item(r, c).text() for c in range(3)]
             for r in range(themes.table.rowCount())]
    assert cells == [["E-mail", "3", "100 %"], ["Prévention en sécurité numérique", "1", "33 %"]]
    assert themes.table_button.text() == "Masquer les chiffres"


def test_autonomy_progression_is_told_in_words(qtbot: QtBot, logbook: Any) -> None:
    page = open_page(qtbot, logbook)
    with qtbot.waitSignal(page.loaded):
        page.set_preset("3m")
    assert page.autonomy.summary.text().startswith(
        "Personnes vues au moins deux fois sur la période : 1. Plus autonomes : 1 ;"
    )


# --- refreshing and locking -------------------------------------------------------------


def test_a_logged_activity_shows_up_at_once(qtbot: QtBot, logbook: Any) -> None:
    page = open_page(qtbot, logbook)
    individual(logbook, "2026-11-19", None, 60)
    with qtbot.waitSignal(page.loaded):
        ops.changes().changed.emit("activities")
    assert page.cards["activities"].value.text() == "4"


def test_a_hidden_page_reads_nothing_until_shown(
    qtbot: QtBot, logbook: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[dash.Period] = []
    real = dash.load

    def counting(vault: Any, period: dash.Period, **kw: Any) -> dash.Dashboard:
        calls.append(period)
        return real(vault, period, **kw)

    monkeypatch.setattr(dash, "load", counting)
    page = DashboardPage(logbook, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.reload()
    ops.changes().changed.emit("activities")
    assert calls == []
    with qtbot.waitSignal(page.loaded):
        page.show()
    assert len(calls) == 1


def test_locking_empties_every_figure(qtbot: QtBot, logbook: Any) -> None:
    page = open_page(qtbot, logbook)
    side = SideList()
    page.set_side_widget(side)
    page.clear_sensitive()

    assert page.board is None
    assert all(card.value.text() == "–" for card in page.cards.values())
    for panel in page.panels:
        assert panel.chart() is None
        assert panel.table.rowCount() == 0
        assert panel.view.accessibleDescription() == ""
        assert panel.summary.text() == ""
    assert side.cleared
    ops.changes().changed.emit("activities")  # the vault is locked: nothing is read
    assert page.board is None

    with qtbot.waitSignal(page.loaded):
        page.reload()
    assert page.cards["activities"].value.text() == "3"


class SideList(QListWidget):
    """Stands for the list of consents to renew that goes beside the charts."""

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("À renouveler")
        self.cleared = False

    def clear_sensitive(self) -> None:
        self.cleared = True


# --- keyboard and screen readers ----------------------------------------------------------


def tab_stops(page: QWidget) -> list[QWidget]:
    reached: list[QWidget] = []
    w = page.nextInFocusChain()
    while w is not page and len(reached) < 500:
        if (page.isAncestorOf(w) and w.isVisible() and w.isEnabled()
                and w.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus):
            reached.append(w)
        w = w.nextInFocusChain()
    return reached


def test_every_control_reached_by_tab_has_an_accessible_name(qtbot: QtBot, logbook: Any) -> None:
    page = open_page(qtbot, logbook)
    side = SideList()
    page.set_side_widget(side)
    page.set_preset("custom")
    page.themes.table_button.setChecked(True)

    reached = tab_stops(page)
    expected = {page.period_box, page.date_from, page.date_to, *page.cards.values(),
                side, page.themes.table}
    for panel in page.panels:
        expected |= {panel.view, panel.table_button}
    assert expected <= set(reached)
    unnamed = [f"{type(w).__name__}:{w.objectName()}" for w in reached if not w.accessibleName()]
    assert unnamed == []
    # in reading order: period, cards, then the charts, then the side list
    order = [reached.index(w) for w in (page.period_box, page.cards["activities"],
                                        page.per_month.view, page.visits.table_button, side)]
    assert order == sorted(order)


def test_tab_walks_from_the_period_to_the_cards(qtbot: QtBot, logbook: Any) -> None:
    page = open_page(qtbot, logbook)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.period_box.setFocus()
    qtbot.keyClick(page.period_box, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.tag_box
    qtbot.keyClick(page.tag_box, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.cards["activities"]
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.per_month.view


# --- nothing cut at 1280 x 800 -----------------------------------------------------------


# QtCharts' own measures (ChartAxisElement::labelPadding, ChartPresenter::textMargin,
# LegendMarkerItem's margin and space): the checks below read where QtCharts puts
# its text from the chart's public geometry, the way QtCharts lays it out. Its label
# items themselves are private: PySide cannot safely hand them out.
LABEL_PADDING = 4.0
TEXT_MARGIN = 0.5
LEGEND_MARKER_MARGIN = 3.0
LEGEND_MARKER_SPACE = 4.0


def drawn_size(text: str, font: QFont) -> QSizeF:
    """The size QtCharts gives a label (ChartPresenter::textBoundingRect)."""
    item = QGraphicsTextItem()
    item.document().setDocumentMargin(TEXT_MARGIN)
    item.setFont(font)
    item.setHtml(text)
    return item.boundingRect().size()


def cut_chart_text(chart: BarChart) -> list[str]:
    """What of a chart's text QtCharts would cut at the chart's edge, hide, or draw
    over other text, given the room its layout leaves."""
    found = []
    plot = chart.plotArea()
    names = chart.category_axis.categories()
    sizes = [drawn_size(name, chart.category_axis.labelsFont()) for name in names]
    n = len(names)
    if chart.horizontal:
        band = plot.height() / n
        for name, size in zip(names, sizes, strict=True):
            # right-aligned against the axis, LABEL_PADDING before it
            if size.width() + LABEL_PADDING > plot.left() + 0.5:
                found.append(f"category {name!r} cut at the left edge")
            if size.height() > band:
                found.append(f"category {name!r} taller than its bar's band (hidden)")
    else:
        slot = plot.width() / n
        for i in {0, n - 1}:
            if sizes[i].width() > slot:
                found.append(f"category {names[i]!r} wider than its slot at an end (hidden)")
        for i in range(n - 1):
            ink = (sizes[i].width() + sizes[i + 1].width()) / 2 - 2 * TEXT_MARGIN
            if ink > slot:
                found.append(f"categories {names[i]!r} and {names[i + 1]!r} run together")
    legend = chart.legend()
    if legend.isVisible():
        font = legend.font()
        marker = QFontMetricsF(font).height() / 2
        entries = [drawn_size(m.label(), font).width() + 3 * LEGEND_MARKER_MARGIN
                   + LEGEND_MARKER_SPACE + marker for m in legend.markers()]
        if sum(entries) > legend.geometry().width() - 2 * LEGEND_MARKER_MARGIN:
            found.append("legend entries cut to ...")
    area = QRectF(QPointF(0, 0), chart.size())
    values = [item.mapRectToItem(chart, item.boundingRect())
              for item in chart.visible_label_items()]
    if not all(area.contains(box) for box in values):
        found.append("a value label cut at the edge")
    if any(a.intersects(b) for a, b in itertools.combinations(values, 2)):
        found.append("value labels drawn over each other")
    tips = [tip for _, tip in chart.name_tips()]
    if tips != list(chart.shortened_categories().values()):
        found.append("a shortened category has no tooltip with its whole name")
    return found


def cut_card_text(card: StatCard) -> list[str]:
    found = []
    inside = card.contentsRect()
    for label in (card.caption, card.value, card.previous):
        needed = (label.heightForWidth(label.width()) if label.wordWrap()
                  else label.sizeHint().height())
        if label.height() < needed or not inside.contains(label.geometry()):
            found.append(f"{card.caption.text()}: {label.text()!r} cut")
        if not label.wordWrap() and label.width() < label.sizeHint().width():
            found.append(f"{card.caption.text()}: {label.text()!r} cut on the right")
    return found


def cut_text(page: DashboardPage) -> list[str]:
    found = [cut for card in page.cards.values() for cut in cut_card_text(card)]
    for panel in page.panels:
        c = panel.chart()
        if c is not None:
            found += [f"{panel.title.text()}: {cut}" for cut in cut_chart_text(c)]
    return found


def settled(qtbot: QtBot, page: DashboardPage) -> list[str]:
    """What is cut once the layout has settled (the charts fit their text to their
    width after it is known)."""
    with suppress(WaitTimeout):
        qtbot.waitUntil(lambda: not cut_text(page), timeout=2000)
    return cut_text(page)


LONG_THEMES = ("AideAuxDemarchesAdministratives", "PrendreEnMainDuMateriel",
               "BanqueEtAchatsEnLigne", "GereSesContenusNumeriques")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_nothing_is_cut_on_a_1280_by_800_screen(qtbot: QtBot, qapp: QApplication, vault: Any,
                                               lang: str) -> None:
    demo.generate_demo(vault, seed=1, activities=400)
    today = dt.date.today()
    for i, theme in enumerate(LONG_THEMES):
        activities.log_activity(vault, {
            "date": today.isoformat(), "duration_min": 30 + i,
            "place_type": "LieuActivite", "themes": [theme],
            "autonomy": "PartiellementAutonome",
        }, today=today)
    with interface_in(qapp, lang):
        window = MainWindow(vault)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        window.show_page(MainWindow.PAGE_DASHBOARD)
        page = window.pages.currentWidget()
        assert isinstance(page, DashboardPage)
        qtbot.waitUntil(lambda: page.board is not None)
        themes = chart(page.themes).bar_data.categories
        assert any(len(name) > 25 for name in themes)  # the long names are there
        assert settled(qtbot, page) == []
        with qtbot.waitSignal(page.loaded):
            page.set_preset("12m")  # twelve months side by side on every chart
        assert settled(qtbot, page) == []


def test_a_card_grows_when_its_comparison_wraps_onto_a_third_line(
        qtbot: QtBot, logbook: Any) -> None:
    page = open_page(qtbot, logbook)
    page.resize(640, 900)
    card = page.cards["minutes"]
    line = card.previous.fontMetrics().lineSpacing()
    qtbot.waitUntil(lambda: card.previous.heightForWidth(card.previous.width()) >= 3 * line)
    with suppress(WaitTimeout):
        qtbot.waitUntil(lambda: not cut_card_text(card), timeout=2000)
    assert [cut for c in page.cards.values() for cut in cut_card_text(c)] == []


def test_long_category_names_wrap_then_elide_with_their_whole_name_in_a_tooltip(
        qtbot: QtBot) -> None:
    longest = "Accompagnement aux téléservices de l'administration fiscale et sociale"
    word = "Anticonstitutionnellementissime"
    panel = ChartPanel("Thèmes")
    qtbot.addWidget(panel)
    panel.resize(400, 400)
    panel.show()
    c = BarChart(BarData([longest, "Aide aux démarches administratives", word, "E-mail"],
                         [("Activités", [4.0, 3.0, 2.0, 1.0])]), horizontal=True)
    panel.set_chart(c, summary="", description="", headers=[], rows=[])

    qtbot.waitUntil(lambda: len(c.name_tips()) == 2)
    assert sorted(tip for _, tip in c.name_tips()) == sorted([longest, word])
    shown = c.category_axis.categories()[::-1]  # the first category at the top
    assert shown[1] == '<div align="right">Aide aux démarches<br>administratives</div>'
    assert shown[0].startswith('<div align="right">Accompagnement')
    assert shown[0].endswith("…</div>")
    assert shown[3] == "E-mail"
    assert c.category_lines == 2
    assert cut_chart_text(c) == []


def test_wrap_splits_where_the_longer_line_is_shortest(qapp: QApplication) -> None:
    metrics = QFontMetricsF(QLabel().font())
    text = "Aide aux démarches administratives"
    assert wrap(text, metrics.horizontalAdvance(text), metrics) == ([text], False)
    lines, elided = wrap(text, metrics.horizontalAdvance("Aide aux démarches") + 1, metrics)
    assert (lines, elided) == (["Aide aux démarches", "administratives"], False)
    lines, elided = wrap(text, metrics.horizontalAdvance("Aide aux") + 1, metrics)
    assert elided
    assert lines[0] == "Aide aux"
    assert lines[1].endswith("…")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_time_chart_writes_hours_as_the_cards_do(
    qtbot: QtBot, qapp: Any, logbook: Any, lang: str
) -> None:
    """One format on the page: "1 h 30" on the bars and their totals, never "1,5"."""
    from conftest import interface_in
    from PySide6.QtWidgets import QGraphicsSimpleTextItem

    with interface_in(qapp, lang):
        page = open_page(qtbot, logbook)
        c = chart(page.minutes)
        shown = [i.text() for i in c.childItems() if isinstance(i, QGraphicsSimpleTextItem)]
        assert "1 h 30" in shown  # the workshop's week
        assert not [t for t in shown if "," in t or "." in t]


def test_figures_are_read_off_the_window_thread_and_stale_ones_dropped(
    qtbot: QtBot, logbook: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never frozen: the read runs in a worker thread while the page says so, and
    when the period changes twice quickly only the last one is drawn."""
    import threading

    from accomp.services import dashboard as service

    page = open_page(qtbot, logbook)
    real = service.load
    threads: list[bool] = []
    release = threading.Event()

    def slow(vault: Any, period: Any, *, today: Any = None, **filters: Any) -> Any:
        threads.append(threading.current_thread() is threading.main_thread())
        release.wait(5)
        return real(vault, period, today=today, **filters)

    monkeypatch.setattr(service, "load", slow)
    drawn: list[str] = []
    page.loaded.connect(lambda: drawn.append(page.preset()))
    page.set_preset("3m")
    assert page.is_busy()  # the window is free meanwhile, and says it is reading
    assert page.period_text.text() == "Calcul des chiffres…"
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.set_preset("12m")
        release.set()
    qtbot.wait(100)  # the first read ends too, and is dropped
    assert threads == [False, False]
    assert drawn == ["12m"]
    assert not page.is_busy()
    assert page.period_text.text().startswith("Du ")
