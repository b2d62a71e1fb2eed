"""The lists and buttons of the "Protection des données" page's tabs, built alike."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QPushButton, QTableView, QWidget

from accomp.ui.widgets import named

RESIZE_PRECISION = 100  # lines looked at to size a column (Qt's default: 1,000)


def table_view(parent: QWidget, model: QAbstractItemModel, name: str, object_name: str,
               stretch: int, *, sortable: bool) -> QTableView:
    """A read-only list of whole lines, one selected at a time, column `stretch`
    taking the room left. A sortable list sorts on each column's UserRole (never on
    the text shown) when its header is clicked, and shows the lines in the order the
    service gives until then."""
    view = QTableView(parent)
    view.setObjectName(object_name)
    if sortable:
        proxy = QSortFilterProxyModel(view)
        proxy.setSourceModel(model)
        proxy.setSortRole(Qt.ItemDataRole.UserRole)
        view.setModel(proxy)
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
    else:
        view.setModel(model)
    view.setAccessibleName(name)
    view.verticalHeader().setVisible(False)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setTabKeyNavigation(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # Columns fit the lines around the visible ones, not every line: sizing the
    # columns of 1,650 due items on every change froze the window for 0.2 s.
    view.horizontalHeader().setResizeContentsPrecision(RESIZE_PRECISION)
    view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


def source_row(view: QTableView, index: QModelIndex) -> int:
    """The line of the view's own model (under its sorting proxy, if any) that
    `index` shows; -1 for none."""
    model = view.model()
    if isinstance(model, QSortFilterProxyModel):
        index = model.mapToSource(index)
    return index.row() if index.isValid() else -1


def current_source_row(view: QTableView) -> int:
    return source_row(view, view.currentIndex())


def button(text: str, parent: QWidget) -> QPushButton:
    push = named(QPushButton(text, parent))
    push.setAutoDefault(False)
    return push
