"""Summary as a PDF report with bar charts, drawn with Qt (QPdfWriter + QPainter),
offscreen. The only module of `reports` that imports Qt.

A hidden count is drawn as a grey hatched stub labelled "< k": its length says
nothing about its value.

Every page carries the structure, the period, the local date of production and
"page/pages" in its footer (and DÉMO in red for demo data); the text layer has no
ligatures, so searching "bénéficiaires" finds every occurrence.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from accomp.domain.vocab import Lang
from accomp.reports.csv_report import hidden_label
from accomp.reports.summary import PublishedTable, Summary, category_label, table_title
from accomp.reports.texts import (
    DEMO_TEXT,
    coverage_lines,
    filters_text,
    is_demo,
    k_text,
    method_text,
    period_text,
    produced_text,
    source_text,
    structure_text,
)

_APP: Any = None

_BAR = QColor(46, 106, 160)
_HIDDEN = QColor(170, 170, 170)
_TEXT = QColor(30, 30, 30)
_DEMO = QColor(190, 20, 20)
_FOOTER_H = 28.0

_ROW = 13.0  # points per bar
_LABEL_W = 190.0
_VALUE_W = 50.0


def _ensure_app() -> None:
    """Qt needs a GUI application for fonts; create an offscreen one if none exists
    (command line, tests), reuse the running one otherwise (the GUI)."""
    global _APP
    if QGuiApplication.instance() is not None:
        return
    # A QApplication (not only a QGuiApplication), so that widgets created later in
    # the same process (the GUI, pytest-qt) can reuse it.
    from PySide6.QtWidgets import QApplication

    argv = ["accomp"]
    headless = sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )
    if headless and "QT_QPA_PLATFORM" not in os.environ:
        argv += ["-platform", "offscreen"]
    _APP = QApplication(argv)


def _font(size: float, *, bold: bool = False) -> QFont:
    font = QFont("DejaVu Sans")
    font.setPointSizeF(size)
    font.setBold(bold)
    # "fi" drawn as one glyph would make "bénéficiaires" unsearchable in the PDF.
    for tag in ("liga", "clig", "dlig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


class _Page:
    """A cursor over A4 pages in points (resolution 72 dpi), drawing each page's
    footer ("structure · period · produced on · n/total") when it is left."""

    def __init__(self, writer: QPdfWriter, painter: QPainter, footer: str, total: int,
                 demo: str | None) -> None:
        self.writer = writer
        self.painter = painter
        rect = painter.viewport()
        self.width = float(rect.width())
        self.height = float(rect.height()) - _FOOTER_H
        self.y = 0.0
        self.number = 1
        self.footer = footer
        self.total = total
        self.demo = demo
        self._top()

    def _top(self) -> None:
        if self.demo:
            self.text(self.demo, 10, bold=True, color=_DEMO)

    def finish(self) -> None:
        """Draw the footer of the current page."""
        painter = self.painter
        painter.setFont(_font(7.5))
        painter.setPen(_TEXT)
        y = self.height + 6
        painter.drawLine(0, int(y), int(self.width), int(y))
        flags = int(Qt.AlignmentFlag.AlignVCenter)
        painter.drawText(QRectF(0, y + 2, self.width - 50, _FOOTER_H - 2),
                         flags | int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap),
                         self.footer)
        painter.drawText(QRectF(self.width - 50, y + 2, 50, _FOOTER_H - 6),
                         flags | int(Qt.AlignmentFlag.AlignRight),
                         f"{self.number}/{max(self.total, self.number)}")

    def need(self, height: float) -> None:
        if self.y + height > self.height and self.y > 0:
            self.finish()
            self.writer.newPage()
            self.number += 1
            self.y = 0.0
            self._top()

    def text(self, text: str, size: float, *, bold: bool = False, wrap: bool = False,
             color: QColor = _TEXT) -> None:
        font = _font(size, bold=bold)
        self.painter.setFont(font)
        self.painter.setPen(color)
        flags = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.AlignmentFlag.AlignTop)
        if wrap:
            flags |= int(Qt.TextFlag.TextWordWrap)
        bound = self.painter.boundingRect(QRectF(0, 0, self.width, 10_000), flags, text)
        self.need(bound.height())
        self.painter.drawText(QRectF(0, self.y, self.width, bound.height()), flags, text)
        self.y += bound.height() + size * 0.4


def summary_pdf(summary: Summary, lang: Lang = "fr") -> bytes:
    """The summary on A4 pages: laid out once to count the pages, then for good so
    that every footer says "n/total"."""
    _ensure_app()
    pages = _render(summary, lang, 0)[1]
    return _render(summary, lang, pages)[0]


def _render(summary: Summary, lang: Lang, total: int) -> tuple[bytes, int]:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(72)
    writer.setPageLayout(QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
        QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter,
    ))
    fr = lang == "fr"
    writer.setTitle("Résumé anonymisé" if fr else "Anonymised summary")
    writer.setCreator("accomp")
    painter = QPainter(writer)
    produced = produced_text(summary, lang)
    footer = " · ".join((structure_text(summary, lang), period_text(summary, lang),
                         ("Produit le " if fr else "Produced on ") + produced))
    try:
        page = _Page(writer, painter, footer, total,
                     DEMO_TEXT[lang] if is_demo(summary) else None)
        page.text("Résumé anonymisé de l'accompagnement numérique" if fr
                  else "Anonymised summary of digital-inclusion support", 16, bold=True)
        page.text(structure_text(summary, lang), 13, bold=True, wrap=True)
        page.text(("Période : " if fr else "Period: ") + period_text(summary, lang), 11)
        page.text(("Produit le " if fr else "Produced on ") + produced, 10)
        page.text(k_text(summary, lang), 11)
        page.text(("Filtres : " if fr else "Filters: ") + filters_text(summary, lang), 10)
        page.text(source_text(summary, lang), 10)
        for worker in coverage_lines(summary, lang):
            page.text(worker, 9)
        page.text(method_text(summary, lang), 9, wrap=True)
        page.y += 8
        for table in summary.tables:
            _chart(page, table, summary.k, lang)
        page.finish()
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data()), page.number


def _chart(page: _Page, table: PublishedTable, k: int, lang: Lang) -> None:
    page.need(30 + _ROW * min(len(table.rows), 6))
    page.text(table_title(table, lang), 11, bold=True)
    painter = page.painter
    top = max([r.count or 0 for r in table.rows] + [1])
    bar_w = page.width - _LABEL_W - _VALUE_W - 10
    font = _font(8)
    painter.setFont(font)
    hidden = hidden_label(k)
    for row in table.rows:
        page.need(_ROW)
        painter.setFont(font)
        painter.setPen(_TEXT)
        y = page.y
        painter.drawText(
            QRectF(0, y, _LABEL_W - 6, _ROW),
            int(Qt.AlignmentFlag.AlignRight) | int(Qt.AlignmentFlag.AlignVCenter),
            painter.fontMetrics().elidedText(
                category_label(table.dimension, row.category, lang),
                Qt.TextElideMode.ElideRight, int(_LABEL_W - 8),
            ),
        )
        if row.suppressed:
            painter.setPen(QPen(_HIDDEN))
            painter.setBrush(QBrush(_HIDDEN, Qt.BrushStyle.BDiagPattern))
            painter.drawRect(QRectF(_LABEL_W, y + 2, 14, _ROW - 4))
            value = hidden
            x = _LABEL_W + 18
        else:
            length = bar_w * (row.count or 0) / top
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(_BAR))
            if length > 0:
                painter.drawRect(QRectF(_LABEL_W, y + 2, max(length, 1.0), _ROW - 4))
            value = str(row.count)
            x = _LABEL_W + length + 4
        painter.setPen(_TEXT)
        painter.drawText(QRectF(x, y, _VALUE_W + 40, _ROW),
                         int(Qt.AlignmentFlag.AlignLeft) | int(Qt.AlignmentFlag.AlignVCenter),
                         value)
        page.y += _ROW
    if table.multi_valued:
        note = ("Une unité peut compter dans plusieurs lignes : pas de total." if lang == "fr"
                else "A unit may count in several rows: no total.")
    else:
        total = hidden if table.total is None else str(table.total)
        note = f"Total : {total}" if lang == "fr" else f"Total: {total}"
    page.y += 2
    page.text(note, 8)
    page.y += 8



def html_pdf(html: str, *, title: str) -> bytes:
    """Lay out `html` (Qt rich text) on A4 pages and return the PDF's bytes.

    Unlike QTextDocument.print_(), images are embedded losslessly (the painter's
    LosslessImageRendering hint), so a QR code stays exact and scannable.
    """
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QImage, QTextDocument

    _ensure_app()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(300)
    writer.setPageLayout(QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
        QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter,
    ))
    writer.setTitle(title)
    writer.setCreator("accomp")
    doc = QTextDocument()
    # Lay out at 96 dpi whatever the screen, then scale to the writer's resolution.
    reference = QImage(1, 1, QImage.Format.Format_RGB32)
    reference.setDotsPerMeterX(3780)
    reference.setDotsPerMeterY(3780)
    doc.documentLayout().setPaintDevice(reference)
    doc.setDocumentMargin(0)
    doc.setHtml(html)
    scale = writer.resolution() / 96
    paint = writer.pageLayout().paintRectPixels(writer.resolution())
    page = QSizeF(paint.width() / scale, paint.height() / scale)
    doc.setPageSize(page)
    painter = QPainter(writer)
    try:
        painter.setRenderHint(QPainter.RenderHint.LosslessImageRendering)
        painter.scale(scale, scale)
        for index in range(doc.pageCount()):
            if index:
                writer.newPage()
            top = index * page.height()
            painter.save()
            painter.translate(0, -top)
            doc.drawContents(painter, QRectF(0, top, page.width(), page.height()))
            painter.restore()
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())
