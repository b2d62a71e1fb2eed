"""Bar charts (QtCharts) that read well on screen, in black-and-white print and for
colour-blind readers, and a panel that gives each chart a text alternative.

- Colours come from the Okabe–Ito palette, which stays distinct under the common
  colour-vision deficiencies; the order puts the most distinct ones first.
- Colour is never the only cue: the second and later series of a chart are also
  hatched (a different pattern each, shown in the legend too), and every bar carries
  its value, written in black or white, whichever contrasts more with its fill.
- Value labels are placed by this module, not by QtCharts: a label that does not
  fit inside its segment is left out rather than drawn over its neighbours, and a
  stacked bar shows its total above it. The exact numbers are always in the panel's
  table and in the chart's accessible description.
- No animation, a white background and black axis text, so that a printout or a
  screenshot shows what the screen shows.
- Text is fitted to the chart's width, never cut at the edge: a category name too
  long for the left axis is wrapped onto two lines, and only then elided, with its
  whole name in a tooltip; legend entries that do not fit side by side are wrapped;
  a bottom-axis label at either end that is wider than its bar's slot keeps only its
  first line (QtCharts would hide it), and bottom-axis labels that would run into
  each other get a slightly smaller font; a stacked bar's total wider than its slot
  is written without its unit, or left out.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QLegend,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGraphicsRectItem,
    QGraphicsSimpleTextItem,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

# Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
SERIES_COLORS = tuple(
    OKABE_ITO[name]
    for name in ("blue", "orange", "bluish_green", "vermillion", "reddish_purple",
                 "sky_blue", "yellow", "black")
)
AXIS_TEXT = QColor("#000000")
GRID = QColor("#d4d4d4")

# Below this the label of a bar is not drawn inside it (pixels of slack).
_LABEL_PADDING = 2.0
# QtCharts gives the axes on one side at most this share of the chart's width
# (CartesianChartLayout's maxAxisPortion) and draws a longer label past the edge.
_AXIS_PORTION = 0.4
# What a left axis takes beside its labels' text: label padding, tick, the text
# item's margins, and a little slack for rounding.
_AXIS_OVERHEAD = 16.0
# What a legend entry takes beside its text: the marker, the spaces, the margins.
_LEGEND_ENTRY_OVERHEAD = 40.0
# The margins QtCharts leaves around an axis label's text (ChartPresenter::textMargin
# is half a pixel a side), with a little slack for rounding.
_TEXT_MARGINS = 2.0
# Room kept between two bottom-axis labels, and how far their font may shrink for it.
_LABEL_GAP = 4.0
_MIN_FONT_SCALE = 0.85


def _advance(metrics: QFontMetricsF, text: str) -> float:
    return metrics.horizontalAdvance(text)


def wrap(text: str, width: float, metrics: QFontMetricsF) -> tuple[list[str], bool]:
    """`text` in one line, or two no wider than `width` split between the words
    where the longer line is shortest; the second line elided (True) when even that
    does not fit."""
    if _advance(metrics, text) <= width:
        return [text], False
    words = text.split()
    best: tuple[float, list[str]] | None = None
    for k in range(1, len(words)):
        lines = [" ".join(words[:k]), " ".join(words[k:])]
        widest = max(_advance(metrics, line) for line in lines)
        if widest <= width and (best is None or widest < best[0]):
            best = (widest, lines)
    if best is not None:
        return best[1], False
    k = 0
    while k < len(words) and _advance(metrics, " ".join(words[: k + 1])) <= width:
        k += 1
    if k == 0:  # not even the first word fits on a line
        return [metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)], True
    rest = " ".join(words[k:])
    return [" ".join(words[:k]), metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)], True


def _html_lines(lines: list[str]) -> str:
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def _plain(label: str) -> str:
    """A category label (HTML: it may hold <br> or a <div>) as one line of text."""
    return html.unescape(re.sub(r"<[^>]*>", "", label.replace("<br>", " ")))


def _unique(labels: list[str]) -> list[str]:
    """The labels, made distinct where two came out alike (an axis refuses that)
    with invisible zero-width spaces."""
    seen: set[str] = set()
    out = []
    for label in labels:
        while label in seen:
            label += "\u200b"
        seen.add(label)
        out.append(label)
    return out


def color(index: int) -> QColor:
    return QColor(SERIES_COLORS[index % len(SERIES_COLORS)])


def _luminance(c: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def ink_for(fill: QColor) -> QColor:
    """Black or white, whichever reads better on `fill`."""
    black, white = QColor("#000000"), QColor("#ffffff")
    return black if contrast(fill, black) >= contrast(fill, white) else white


def fill_brush(index: int) -> QBrush:
    """The brush of the index-th series: a plain colour for the first, then the
    colour hatched with a pattern of its own, so that series differ in grey print."""
    base = color(index)
    pattern = index % 5
    if pattern == 0:
        return QBrush(base)
    size = 10
    tile = QPixmap(size, size)
    tile.fill(base)
    painter = QPainter(tile)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    ink = QColor(ink_for(base))
    ink.setAlpha(110)
    painter.setPen(QPen(ink, 1.6))
    if pattern == 1:  # diagonal lines
        painter.drawLine(QPointF(-1, size + 1), QPointF(size + 1, -1))
        painter.drawLine(QPointF(-1, 1), QPointF(1, -1))
        painter.drawLine(QPointF(size - 1, size + 1), QPointF(size + 1, size - 1))
    elif pattern == 2:  # dots
        painter.setBrush(ink)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(QPointF(size / 2, size / 2), 1.6, 1.6)
    elif pattern == 3:  # horizontal lines
        painter.drawLine(QPointF(0, size / 2), QPointF(size, size / 2))
    else:  # cross-hatch
        painter.drawLine(QPointF(size / 2, 0), QPointF(size / 2, size))
        painter.drawLine(QPointF(0, size / 2), QPointF(size, size / 2))
    painter.end()
    return QBrush(tile)


def integer(value: float) -> str:
    return str(round(value))


@dataclass(frozen=True, slots=True)
class BarData:
    """What a bar chart shows: one value per category in each named series."""

    categories: list[str]
    series: list[tuple[str, list[float]]]

    def totals(self) -> list[float]:
        return [sum(values[i] for _, values in self.series) for i in range(len(self.categories))]


class BarChart(QChart):
    """A bar chart with its own value labels.

    `stacked`: series stacked in one bar per category, with the total above each bar;
    otherwise a single series (or series side by side). `horizontal`: bars grow to the
    right, categories read from top to bottom. `fmt` writes a value; `axis_format` is
    the printf format of the value axis; `value_max` fixes the axis maximum (100 for
    percentages); `value_title` names the value axis (its unit).

    `text_fitted` is emitted once the labels are fitted to a new width;
    `category_lines` then tells how many lines the tallest category label takes.
    """

    text_fitted = Signal()

    def __init__(
        self,
        data: BarData,
        *,
        stacked: bool = False,
        horizontal: bool = False,
        fmt: Callable[[float], str] = integer,
        total_fmt: Callable[[float], str] | None = None,
        axis_format: str = "%d",
        value_max: float | None = None,
        value_title: str = "",
        labels: bool = True,
    ) -> None:
        super().__init__()
        self.bar_data = data
        self.stacked = stacked
        self.horizontal = horizontal
        self._fmt = fmt
        self._total_fmt = total_fmt or fmt
        self._labels: list[tuple[QGraphicsSimpleTextItem, int, int]] = []
        self._totals: list[tuple[QGraphicsSimpleTextItem, int]] = []
        # category labels as given (HTML) and as shown, in the data's order
        self._names = [html.escape(c, quote=False) for c in data.categories] \
            if horizontal else list(data.categories)
        self._shown = list(self._names)
        self.category_lines = 1
        self._fitted_width = -1.0
        # transparent areas over shortened category labels, with the whole name
        self._name_tips: list[tuple[QGraphicsRectItem, int]] = []

        self.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.setTheme(QChart.ChartTheme.ChartThemeLight)
        self.setBackgroundRoundness(0)
        self.setBackgroundBrush(QBrush(QColor("#ffffff")))
        self.setMargins(QMargins(4, 4, 4, 4))
        self.layout().setContentsMargins(0, 0, 0, 0)

        series_class: type[QAbstractBarSeries]
        if horizontal:
            series_class = QHorizontalStackedBarSeries if stacked else QHorizontalBarSeries
        else:
            series_class = QStackedBarSeries if stacked else QBarSeries
        self.series_ = series_class()
        self.series_.setBarWidth(0.7 if len(data.categories) > 5 else 0.5)
        self.sets: list[QBarSet] = []
        for i, (name, values) in enumerate(data.series):
            bar_set = QBarSet(name)
            # Horizontal bars read from the top: the first category at the top.
            bar_set.append([float(v) for v in (reversed(values) if horizontal else values)])
            bar_set.setBrush(fill_brush(i))
            bar_set.setPen(QPen(QColor("#ffffff") if stacked else color(i), 1))
            self.series_.append(bar_set)
            self.sets.append(bar_set)
        self.addSeries(self.series_)

        font = QFont(self.font())
        self._font = font
        self.category_axis = QBarCategoryAxis()
        self.category_axis.append(self._axis_order(self._names))
        self.value_axis = QValueAxis()
        self.value_axis.setLabelFormat(axis_format)
        if value_max is not None:
            self.value_axis.setRange(0, value_max)
            self.value_axis.setTickCount(5)
        else:
            top = max([*(data.totals() if stacked else
                         [v for _, vs in data.series for v in vs]), 0.0])
            # room above the tallest bar (or right of the longest) for its label
            self.value_axis.setRange(0, max(top * (1.22 if horizontal else 1.15), 4.0))
            self.value_axis.applyNiceNumbers()
        for axis in (self.category_axis, self.value_axis):
            axis.setLabelsColor(AXIS_TEXT)
            axis.setLabelsFont(font)
            axis.setGridLineColor(GRID)
            axis.setLinePenColor(QColor("#8a8a8a"))
        self.category_axis.setGridLineVisible(False)
        # A cut label ("ja...") says nothing: a whole one, even tight, is better.
        self.category_axis.setTruncateLabels(False)
        if value_title:
            self.value_axis.setTitleText(value_title)
            self.value_axis.setTitleBrush(QBrush(AXIS_TEXT))
            self.value_axis.setTitleFont(font)
        if horizontal:
            self.addAxis(self.category_axis, Qt.AlignmentFlag.AlignLeft)
            self.addAxis(self.value_axis, Qt.AlignmentFlag.AlignBottom)
        else:
            self.addAxis(self.category_axis, Qt.AlignmentFlag.AlignBottom)
            self.addAxis(self.value_axis, Qt.AlignmentFlag.AlignLeft)
        self.series_.attachAxis(self.category_axis)
        self.series_.attachAxis(self.value_axis)

        legend = self.legend()
        legend.setVisible(len(data.series) > 1)
        legend.setAlignment(Qt.AlignmentFlag.AlignBottom)
        legend.setMarkerShape(QLegend.MarkerShape.MarkerShapeRectangle)
        legend.setLabelColor(AXIS_TEXT)
        legend.setFont(font)
        legend.setShowToolTips(True)  # a legend entry Qt had to cut, whole

        if labels:
            self._make_labels(font)
            self.plotAreaChanged.connect(self._place_labels)
        self.geometryChanged.connect(self._fit_text)
        self.plotAreaChanged.connect(self._fit_bottom_categories)
        self.plotAreaChanged.connect(self._place_name_tips)

    # --- fitting text to the width ---------------------------------------------------

    def _axis_order(self, labels: list[str]) -> list[str]:
        # Horizontal bars read from the top: the first category is the axis's last.
        return list(reversed(labels)) if self.horizontal else list(labels)

    def _show_categories(self, labels: list[str]) -> None:
        labels = _unique(labels)
        if labels != self._shown:
            self._shown = labels
            self.category_axis.setCategories(self._axis_order(labels))
            self._place_name_tips()

    def _fit_text(self) -> None:
        """Wrap (or elide) the left-axis category names and the legend entries to
        the chart's width, which QtCharts does not do."""
        width = self.size().width()
        if width <= 0 or width == self._fitted_width:
            return
        self._fitted_width = width
        metrics = QFontMetricsF(self._font)
        margins = self.margins()
        inner = width - margins.left() - margins.right()
        if self.horizontal:
            room = max(_AXIS_PORTION * inner - _AXIS_OVERHEAD, metrics.averageCharWidth() * 4)
            wrapped = [wrap(c, room, metrics)[0] for c in self.bar_data.categories]
            self.category_lines = max((len(lines) for lines in wrapped), default=1)
            # right-aligned, as QtCharts aligns one-line names against the axis
            self._show_categories([_html_lines(lines) if len(lines) == 1 else
                                   f'<div align="right">{_html_lines(lines)}</div>'
                                   for lines in wrapped])
        legend = self.legend()
        if legend.isVisible():
            names = [name for name, _ in self.bar_data.series]
            needed = sum(_advance(metrics, n) + _LEGEND_ENTRY_OVERHEAD for n in names)
            for marker, name in zip(legend.markers(), names, strict=False):
                if needed <= inner:
                    marker.setLabel(html.escape(name, quote=False))
                else:  # two lines each, in the width a shared row leaves them
                    room = inner / len(names) - _LEGEND_ENTRY_OVERHEAD
                    marker.setLabel(_html_lines(wrap(name, room, metrics)[0]))
        self.text_fitted.emit()

    def _fit_bottom_categories(self) -> None:
        """QtCharts hides a bottom-axis label at either end when it is wider than
        its slot: such a label keeps only its first line ("déc." for "déc.<br>2025")."""
        n = len(self._names)
        if self.horizontal or not n:
            return
        slot = self.plotArea().width() / n
        metrics = QFontMetricsF(self._font)
        shown = list(self._names)
        for i in {0, n - 1}:
            lines = shown[i].split("<br>")
            widest = max(_advance(metrics, _plain(line)) for line in lines)
            if widest + _TEXT_MARGINS > slot and len(lines) > 1:
                shown[i] = lines[0]
        self._show_categories(shown)
        # Neighbours wider than their slots run into each other ("aoûtsept."): a
        # slightly smaller font then, down to _MIN_FONT_SCALE of the chart's.
        widest = max(_advance(metrics, _plain(line)) for label in shown
                     for line in label.split("<br>"))
        scale = min(1.0, max(_MIN_FONT_SCALE, (slot - _LABEL_GAP) / widest)) if widest else 1.0
        font = QFont(self._font)
        font.setPointSizeF(self._font.pointSizeF() * scale)
        if font != self.category_axis.labelsFont():
            self.category_axis.setLabelsFont(font)

    def shortened_categories(self) -> dict[int, str]:
        """Category index -> whole name, for the categories whose label is shown cut
        or without its second line."""
        full = [_plain(name) for name in self._names]
        return {i: full[i] for i, shown in enumerate(self._shown)
                if _plain(shown).replace("\u200b", "") != full[i]}

    def _place_name_tips(self) -> None:
        """A transparent area with the whole name as its tooltip over each shortened
        category label (the view's own tooltip, every value, is shown elsewhere)."""
        for item, _ in self._name_tips:
            scene = item.scene()
            if scene is not None:
                scene.removeItem(item)
        self._name_tips = []
        plot = self.plotArea()
        for i, name in self.shortened_categories().items():
            bar = self._slot_rect(i)
            if self.horizontal:
                area = QRectF(0, bar.top(), plot.left(), bar.height())
            else:  # the labels' lines under the plot, not the legend below them
                lines = QFontMetricsF(self._font).lineSpacing() * 2 + 8
                area = QRectF(bar.left(), plot.bottom(), bar.width(), lines)
            item = QGraphicsRectItem(area, self)
            item.setPen(QPen(Qt.PenStyle.NoPen))
            item.setBrush(QBrush(Qt.BrushStyle.NoBrush))
            item.setToolTip(name)
            item.setZValue(30)
            self._name_tips.append((item, i))

    def name_tips(self) -> list[tuple[QRectF, str]]:
        """(area, tooltip) of the shortened category labels, in chart coordinates."""
        return [(item.rect(), item.toolTip()) for item, _ in self._name_tips]

    # --- labels ----------------------------------------------------------------------

    def _make_labels(self, font: QFont) -> None:
        bold = QFont(font)
        bold.setBold(True)
        for s, (_, values) in enumerate(self.bar_data.series):
            for i, value in enumerate(values):
                if not value:
                    continue
                item = QGraphicsSimpleTextItem(self._fmt(value), self)
                item.setFont(font)
                inside = self.stacked or len(self.bar_data.series) > 1
                item.setBrush(ink_for(color(s)) if inside else AXIS_TEXT)
                item.setZValue(20)
                self._labels.append((item, s, i))
        if self.stacked:
            for i, total in enumerate(self.bar_data.totals()):
                if not total:
                    continue
                item = QGraphicsSimpleTextItem(self._total_fmt(total), self)
                item.setFont(bold)
                item.setBrush(AXIS_TEXT)
                item.setZValue(20)
                self._totals.append((item, i))

    def _slot_rect(self, i: int) -> QRectF:
        """The band of category i across the plot, in chart coordinates."""
        position = len(self.bar_data.categories) - 1 - i if self.horizontal else i
        plot = self.plotArea()
        if self.horizontal:
            a = self.mapToPosition(QPointF(0, position - 0.5), self.series_)
            b = self.mapToPosition(QPointF(0, position + 0.5), self.series_)
            return QRectF(plot.left(), min(a.y(), b.y()), plot.width(), abs(a.y() - b.y()))
        a = self.mapToPosition(QPointF(position - 0.5, 0), self.series_)
        b = self.mapToPosition(QPointF(position + 0.5, 0), self.series_)
        return QRectF(min(a.x(), b.x()), plot.top(), abs(a.x() - b.x()), plot.height())

    def _bar_rect(self, s: int, i: int) -> QRectF:
        """The rectangle of series s at category i, in chart coordinates."""
        n = len(self.bar_data.series)
        width = self.series_.barWidth()
        position = len(self.bar_data.categories) - 1 - i if self.horizontal else i
        low = sum(self.bar_data.series[k][1][i] for k in range(s)) if self.stacked else 0.0
        high = low + self.bar_data.series[s][1][i]
        if self.stacked or n == 1:
            c0, c1 = position - width / 2, position + width / 2
        else:  # side by side: the category's width shared between the series
            c0 = position - width / 2 + width * s / n
            c1 = c0 + width / n
        if self.horizontal:
            a = self.mapToPosition(QPointF(low, c0), self.series_)
            b = self.mapToPosition(QPointF(high, c1), self.series_)
        else:
            a = self.mapToPosition(QPointF(c0, low), self.series_)
            b = self.mapToPosition(QPointF(c1, high), self.series_)
        return QRectF(a, b).normalized()

    def _place_labels(self) -> None:
        plot = self.plotArea()
        for item, s, i in self._labels:
            rect = self._bar_rect(s, i)
            text = item.boundingRect()
            outside = not self.stacked and len(self.bar_data.series) == 1
            if outside:
                if self.horizontal:
                    x = rect.right() + 4
                    y = rect.center().y() - text.height() / 2
                    fits = x + text.width() <= plot.right() + 2
                else:
                    x = rect.center().x() - text.width() / 2
                    y = rect.top() - text.height() - 1
                    fits = y >= plot.top() - 2 and text.width() <= rect.width() * 1.6
            else:
                x = rect.center().x() - text.width() / 2
                y = rect.center().y() - text.height() / 2
                fits = (text.width() + 2 * _LABEL_PADDING <= rect.width()
                        and text.height() + _LABEL_PADDING <= rect.height())
            item.setPos(x, y)
            item.setVisible(fits)
        totals = self.bar_data.totals()
        for item, i in self._totals:
            top = self._bar_rect(len(self.bar_data.series) - 1, i)
            if self.horizontal:
                text = item.boundingRect()
                x, y = top.right() + 4, top.center().y() - text.height() / 2
                fits = x + text.width() <= plot.right() + 2
            else:
                # Side by side, totals must not run into each other nor past the
                # chart's edge: without its unit if need be ("164" under an axis
                # titled "heures"), else left out.
                slot = self._slot_rect(i).width()
                for fmt in (self._total_fmt, self._fmt):
                    item.setText(fmt(totals[i]))
                    text = item.boundingRect()
                    if text.width() <= slot:
                        break
                x, y = top.center().x() - text.width() / 2, top.top() - text.height() - 1
                fits = (y >= plot.top() - 2 and text.width() <= slot and x >= 0
                        and x + text.width() <= self.size().width())
            item.setPos(x, y)
            item.setVisible(fits)

    def visible_label_items(self) -> list[QGraphicsSimpleTextItem]:
        """The value labels drawn, totals included."""
        items = [item for item, _, _ in self._labels] + [item for item, _ in self._totals]
        return [item for item in items if item.isVisible()]

    def visible_labels(self) -> list[str]:
        """The value labels drawn (for tests and for the text alternative)."""
        return [item.text() for item in self.visible_label_items()]


class ChartPanel(QWidget):
    """A chart with its heading, a one-line summary, and its numbers as a table
    behind a button, for screen readers, for keyboard users and for exact values.

    The chart view takes the keyboard focus: its accessible name is the heading and
    its accessible description the full text alternative (every value).
    """

    MIN_HEIGHT = 240
    ROW_HEIGHT = 26  # of a bar with a one-line name, on a horizontal chart
    LINE_HEIGHT = 14  # for each further line of its name

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(title, self)
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title.setFont(font)
        self.title.setWordWrap(True)

        self.view = QChartView(self)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        # The view takes the focus, not its viewport (which has no name of its own).
        # In this order: the viewport's policy is passed on to its focus proxy, the view.
        self.view.viewport().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.view.setMinimumHeight(self.MIN_HEIGHT)
        self.view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.view.setStyleSheet(
            "QChartView { border: 1px solid #c8c8c8; background: white; }"
            " QChartView:focus { border: 2px solid palette(highlight); }"
        )
        self.title.setBuddy(self.view)

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)

        self.table_button = QPushButton(self)
        self.table_button.setCheckable(True)
        self.table_button.setAutoDefault(False)
        self.table_button.toggled.connect(self._show_table)
        self.table = QTableWidget(self)
        self.table.setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        self.table.setMaximumHeight(260)

        foot = QHBoxLayout()
        foot.addWidget(self.summary, 1)
        foot.addWidget(self.table_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        layout.addLayout(foot)
        layout.addWidget(self.table)
        self.setTabOrder(self.view, self.table_button)
        self.setTabOrder(self.table_button, self.table)
        self.set_title(title)

    def set_title(self, title: str) -> None:
        self.title.setText(title)
        self.view.setAccessibleName(title)
        self.table.setAccessibleName(self.tr("Chiffres : %1").replace("%1", title))
        self._label_button()

    def _label_button(self) -> None:
        shown = self.table_button.isChecked()
        self.table_button.setText(self.tr("Masquer les chiffres") if shown
                                  else self.tr("Voir les chiffres"))
        name = (self.tr("Masquer les chiffres : %1") if shown
                else self.tr("Voir les chiffres : %1")).replace("%1", self.title.text())
        self.table_button.setAccessibleName(name)

    def _show_table(self, on: bool) -> None:
        self.table.setVisible(on)
        self._label_button()
        if on:
            self.table.setFocus()

    def chart(self) -> BarChart | None:
        chart = self.view.chart()
        return chart if isinstance(chart, BarChart) else None

    def set_chart(
        self, chart: QChart, *, summary: str, description: str,
        headers: Sequence[str], rows: Sequence[Sequence[str]],
    ) -> None:
        """Show `chart`; `summary` under it; `description` (every value, in words) as
        the accessible description and tooltip; `rows` in the table."""
        old = self.view.chart()
        self.view.setChart(chart)
        self._fit_height(chart)
        if isinstance(chart, BarChart):
            chart.text_fitted.connect(lambda: self._fit_height(chart))
        if old is not None and old is not chart:
            old.deleteLater()
        self.summary.setText(summary)
        self.view.setAccessibleDescription(description)
        self.view.setToolTip(description)
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setRowCount(len(rows))
        self.table.setHorizontalHeaderLabels(list(headers))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                item = QTableWidgetItem(value)
                if c > 0:  # numbers
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(r, c, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

    def _fit_height(self, chart: QChart) -> None:
        if isinstance(chart, BarChart) and chart.horizontal:
            # QtCharts hides a left-axis label taller than its bar's band: give each
            # band the height of its label's lines
            rows = len(chart.bar_data.categories)
            band = self.ROW_HEIGHT + self.LINE_HEIGHT * (chart.category_lines - 1)
            self.view.setMinimumHeight(max(self.MIN_HEIGHT, band * rows + 70))
        else:
            self.view.setMinimumHeight(self.MIN_HEIGHT)

    def clear(self) -> None:
        """Show nothing (an empty chart, no numbers)."""
        self.set_chart(QChart(), summary="", description="", headers=[], rows=[])
