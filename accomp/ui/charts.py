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
"""

from __future__ import annotations

import html
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
from PySide6.QtCore import QMargins, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
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
    """

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
        self.category_axis = QBarCategoryAxis()
        self.category_axis.append([html.escape(c, quote=False) for c in reversed(data.categories)]
                                  if horizontal else data.categories)
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

        if labels:
            self._make_labels(font)
            self.plotAreaChanged.connect(self._place_labels)

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
        for item, i in self._totals:
            top = self._bar_rect(len(self.bar_data.series) - 1, i)
            text = item.boundingRect()
            if self.horizontal:
                x, y = top.right() + 4, top.center().y() - text.height() / 2
                fits = x + text.width() <= plot.right() + 2
            else:
                x, y = top.center().x() - text.width() / 2, top.top() - text.height() - 1
                fits = y >= plot.top() - 2
            item.setPos(x, y)
            item.setVisible(fits)

    def visible_labels(self) -> list[str]:
        """The value labels drawn (for tests and for the text alternative)."""
        items = [item for item, _, _ in self._labels] + [item for item, _ in self._totals]
        return [item.text() for item in items if item.isVisible()]


class ChartPanel(QWidget):
    """A chart with its heading, a one-line summary, and its numbers as a table
    behind a button, for screen readers, for keyboard users and for exact values.

    The chart view takes the keyboard focus: its accessible name is the heading and
    its accessible description the full text alternative (every value).
    """

    MIN_HEIGHT = 240

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
        if isinstance(chart, BarChart) and chart.horizontal:
            # an axis label that has not the height of its line is cut to "..."
            lines = len(chart.bar_data.categories)
            self.view.setMinimumHeight(max(self.MIN_HEIGHT, 26 * lines + 70))
        else:
            self.view.setMinimumHeight(self.MIN_HEIGHT)
        self.view.setChart(chart)
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

    def clear(self) -> None:
        """Show nothing (an empty chart, no numbers)."""
        self.set_chart(QChart(), summary="", description="", headers=[], rows=[])
