"""The journal's sort arrow points the way its sort menu reads: ▼ beside "Date,
décroissant" (newest first), ▲ for croissant. In French and in English."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import interface_in
from PySide6.QtCore import Qt

from accomp.ui.headers import arrow_of
from accomp.ui.models.activities import ActivityTableModel as M
from accomp.ui.views.journal import JournalView


@pytest.mark.parametrize(("lang", "down", "up"), [("fr", "décroissant", "croissant"),
                                                  ("en", "descending", "ascending")])
def test_the_arrow_agrees_with_the_words(
    qtbot: Any, qapp: Any, vault: Any, lang: str, down: str, up: str
) -> None:
    with interface_in(qapp, lang):
        view = JournalView(vault)
        qtbot.addWidget(view)
        view.show()
        header = view.table.horizontalHeader()
        assert view.sort_choice.currentText().endswith(down)
        assert arrow_of(header, M.COL_DATE) == "▼"
        view.table.sortByColumn(M.COL_DURATION, Qt.SortOrder.AscendingOrder)
        assert view.sort_choice.currentText().endswith(", " + up)
        assert arrow_of(header, M.COL_DURATION) == "▲"
        assert arrow_of(header, M.COL_DATE) == ""
        header.grab()  # painted with the same option, without complaint
