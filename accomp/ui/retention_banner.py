"""The retention reminder: a band across the top of the main window, not a modal box
at every unlock. It says how many items passed their retention period, that nothing
was erased, and its button opens Confidentialité › Conservation (the navigation's
own words) where they are reviewed. "Plus tard" hides it until the next unlock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from accomp.services.vaults import Vault
from accomp.ui import labels, ops
from accomp.ui.widgets import named

STYLE = (
    "QFrame#retentionBanner { background: #e8f0fe; border: 1px solid #5b7fc7; }"
    " QFrame#retentionBanner QLabel { color: #10284f; }"
)


class RetentionBanner(QFrame):
    review_requested = Signal()

    def __init__(self, page_names: Callable[[], tuple[str, str]],
                 parent: QWidget | None = None) -> None:
        """`page_names()` gives the navigation's name of the privacy page and of its
        retention tab, so the banner says what the window shows."""
        super().__init__(parent)
        self._page_names = page_names
        self._count = 0
        self.setObjectName("retentionBanner")
        self.setStyleSheet(STYLE)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.review_button = named(QPushButton(self))
        self.review_button.setObjectName("retentionReview")
        self.later_button = named(QPushButton(self))
        self.later_button.setObjectName("retentionLater")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.review_button)
        layout.addWidget(self.later_button)
        self.review_button.clicked.connect(self.review_requested)
        self.review_button.clicked.connect(self.hide)
        self.later_button.clicked.connect(self.hide)
        self.setVisible(False)
        self._retranslate()

    def where(self) -> str:
        page, tab = self._page_names()
        return f"{page} › {tab}"

    def _retranslate(self) -> None:
        n = self._count
        self.text.setText(labels.resolve_plural(self.tr(
            "Éléments ayant dépassé leur durée de conservation : %n. Rien n'a été effacé : "
            "vérifiez-les dans %1, puis appliquez.", "", n), n).replace("%1", self.where()))
        self.setAccessibleName(self.tr("Rappel de conservation"))
        self.setAccessibleDescription(self.text.text())
        self.review_button.setText(self.tr("&Vérifier dans %1").replace("%1", self.where()))
        self.later_button.setText(self.tr("Plus &tard"))
        self.later_button.setAccessibleName(self.tr("Masquer le rappel jusqu'à la prochaine "
                                                    "ouverture"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def count(self) -> int:
        return self._count

    def show_due(self, count: int) -> None:
        """Show the band for `count` items due (hide it for none)."""
        self._count = count
        self._retranslate()
        self.setVisible(count > 0)

    def check(self, vault: Vault, today: dt.date | None = None) -> None:
        """Read what is due (never in the worker's way: an error is only logged)."""
        from accomp.services import lifecycle  # not needed for the window's first paint

        try:
            due = lifecycle.due_for_retention(vault, today)
        except Exception as exc:
            ops.note_error(exc, action="retention_reminder")
            return
        self.show_due(len(due))
