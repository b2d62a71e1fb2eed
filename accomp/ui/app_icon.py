"""The application's icon (resources/icons/accomp.svg, shipped in the wheel as
accomp.resources/icons), drawn at the sizes window managers and task bars ask for."""

from __future__ import annotations

from importlib import resources

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 24, 32, 48, 64, 128, 256)


def application_icon() -> QIcon:
    """The icon, or an empty one if the file cannot be drawn (never an error)."""
    data = resources.files("accomp.resources").joinpath("icons", "accomp.svg").read_bytes()
    renderer = QSvgRenderer(QByteArray(data))
    icon = QIcon()
    if not renderer.isValid():
        return icon
    for size in SIZES:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter)
        painter.end()
        icon.addPixmap(pixmap)
    return icon
