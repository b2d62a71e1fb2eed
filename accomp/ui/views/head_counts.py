"""The anonymous participants of a workshop, as head counts: a total, how many were
already supported, and how they split by gender, age band and status. Part of the
activity form (accomp.ui.views.activity_form), kept apart to keep that form short."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from accomp.domain.vocab import vocabulary
from accomp.ui import labels
from accomp.ui.widgets import ERROR_COLOR, buddy_label, message_label

# Group boxes of the workshop form, tight so that it fits a 1280×720 screen.
COMPACT_MARGINS = (8, 4, 8, 4)
HEAD_COUNT_GROUPS = (
    ("anon_by_gender", "genders"),
    ("anon_by_age_band", "age_bands"),
    ("anon_by_status", "social_statuses"),
)


class HeadCounts(QGroupBox):
    """Anonymous participants of a workshop: a total, how many were already
    supported, and how they split by gender, age band and status. Under each split,
    how many are not assigned yet, or by how much it exceeds the total (in red)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        # Said on the box and the field: these are the people not followed by a file,
        # in addition to the tracked participants listed above.
        super().__init__(self.tr("Participants anonymes (en plus des suivis)"), parent)
        self.total = self._spin()
        self.already = self._spin()
        self.spins: dict[str, dict[str, QSpinBox]] = {}
        self.remaining: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        self.targets: dict[str, QWidget] = {}

        # Both on one line: the whole workshop form fits a 1280×720 screen.
        top = QHBoxLayout()
        top.addWidget(buddy_label(self.tr("Anonymes au t&otal (sans les suivis) :"),
                                  self.total, parent=self))
        top.addWidget(self._with_error("anon_total", self.total))
        top.addSpacing(24)
        top.addWidget(buddy_label(self.tr("Dont déjà &accompagnés :"), self.already,
                                  parent=self))
        top.addWidget(self._with_error("anon_already_supported", self.already))
        top.addSpacing(24)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        top.addWidget(self.summary, 0, Qt.AlignmentFlag.AlignTop)
        top.addStretch(1)

        grid = QGridLayout()
        titles = {
            "anon_by_gender": self.tr("Par genre"),
            "anon_by_age_band": self.tr("Par tranche d'âge"),
            "anon_by_status": self.tr("Par statut"),
        }
        for column, (field, list_name) in enumerate(HEAD_COUNT_GROUPS):
            box = QGroupBox(titles[field], self)
            cells = QGridLayout(box)
            cells.setContentsMargins(*COMPACT_MARGINS)
            terms = vocabulary().terms(list_name)
            per_column = min(len(terms), 3)  # three rows at most: the form fits 1280×720
            self.spins[field] = {}
            for i, term in enumerate(terms):
                spin = self._spin()
                text = labels.vocab_label(list_name, term.key)
                label = buddy_label(
                    self.tr("%1 :").replace("%1", text), spin,
                    accessible_name=self.tr("%1 : %2").replace("%1", titles[field])
                    .replace("%2", text), parent=box,
                )
                row, col = i % per_column, 2 * (i // per_column)
                cells.addWidget(label, row, col)
                cells.addWidget(spin, row, col + 1)
                self.spins[field][term.key] = spin
            remaining = QLabel(box)
            remaining.setTextFormat(Qt.TextFormat.PlainText)
            remaining.setWordWrap(True)
            self.remaining[field] = remaining
            cells.addWidget(remaining, per_column, 0, 1, -1)
            error = message_label(box)
            self.errors[field] = error
            self.targets[field] = next(iter(self.spins[field].values()))
            cells.addWidget(error, per_column + 1, 0, 1, -1)
            grid.addWidget(box, 0, column, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(2, 1)

        self._tracked = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*COMPACT_MARGINS)
        layout.addLayout(top)
        layout.addLayout(grid)
        self._update()

    def _spin(self) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(0, 1000)
        spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.UpDownArrows)
        spin.setMinimumWidth(spin.fontMetrics().horizontalAdvance("0000") + 30)
        spin.valueChanged.connect(self._update)
        return spin

    def _with_error(self, field: str, widget: QWidget) -> QWidget:
        cell = QWidget(self)
        layout = QVBoxLayout(cell)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignLeft)
        error = message_label(cell)
        layout.addWidget(error)
        self.errors[field] = error
        self.targets[field] = widget
        return cell

    def focus_chain(self) -> list[QWidget]:
        return [self.total, self.already,
                *(spin for group in self.spins.values() for spin in group.values())]

    def set_tracked(self, count: int) -> None:
        """How many tracked participants the workshop has (for the summary line)."""
        self._tracked = count
        self._update()

    def _update(self) -> None:
        total = self.total.value()
        self.summary.setText(
            self.tr("Participants au total : %1 (suivis : %2, anonymes : %3)")
            .replace("%1", str(total + self._tracked)).replace("%2", str(self._tracked))
            .replace("%3", str(total))
        )
        for field, spins in self.spins.items():
            assigned = sum(s.value() for s in spins.values())
            label = self.remaining[field]
            if assigned > total:
                over = assigned - total
                label.setText(self.tr("%1 de plus que le total").replace("%1", str(over)))
                label.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")
            else:
                left = total - assigned
                # Saved as they are: the reports count them as "Non communiqué".
                label.setText(
                    self.tr("Non répartis : %1, comptés « Non communiqué »")
                    .replace("%1", str(left)) if left else self.tr("Tous répartis"))
                label.setStyleSheet("")
            label.setAccessibleName(label.text())
        self.changed.emit()

    def exceeds_total(self) -> list[str]:
        """The splits (field names) whose counts add up to more than the total."""
        total = self.total.value()
        over = [f for f, spins in self.spins.items()
                if sum(s.value() for s in spins.values()) > total]
        if self.already.value() > total:
            over.insert(0, "anon_already_supported")
        return over

    def value(self) -> dict[str, Any]:
        out: dict[str, Any] = {"total": self.total.value(),
                               "already_supported": self.already.value()}
        for field, spins in self.spins.items():
            out[field.removeprefix("anon_")] = {k: s.value() for k, s in spins.items()
                                                if s.value()}
        return out

    def set_value(self, counts: dict[str, Any]) -> None:
        self.total.setValue(int(counts.get("total", 0)))
        self.already.setValue(int(counts.get("already_supported", 0)))
        for field, spins in self.spins.items():
            given = counts.get(field.removeprefix("anon_")) or {}
            for key, spin in spins.items():
                spin.setValue(int(given.get(key, 0)))

    def state(self) -> tuple[int, ...]:
        return tuple(w.value() for w in self.focus_chain() if isinstance(w, QSpinBox))
