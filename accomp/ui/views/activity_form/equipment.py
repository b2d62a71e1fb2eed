"""The devices used in a session, ticked on one line (the form fits 1280×720):
"Aucun" (no device) and a device exclude each other."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QCheckBox, QGridLayout, QWidget

from accomp.domain.vocab import vocabulary
from accomp.ui import labels
from accomp.ui.widgets import named

NO_DEVICE = "Aucun"


class EquipmentBoxes(QWidget):
    """One box per term of the equipment list, in its order."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, term in enumerate(vocabulary().terms("equipment")):
            box = QCheckBox(labels.vocab_label("equipment", term.key), self)
            named(box, self.tr("Matériel : %1").replace("%1", box.text()))
            box.toggled.connect(lambda on, k=term.key: self._exclude(k, on))
            self.boxes[term.key] = box
            grid.addWidget(box, 0, i)
        grid.setColumnStretch(len(self.boxes), 1)

    def keys(self) -> list[str]:
        """The ticked terms, in the list's order."""
        return [k for k, box in self.boxes.items() if box.isChecked()]

    def set_keys(self, keys: Iterable[str]) -> None:
        wanted = set(keys)
        for key, box in self.boxes.items():
            box.setChecked(key in wanted)

    def state(self) -> tuple[bool, ...]:
        return tuple(box.isChecked() for box in self.boxes.values())

    def _exclude(self, key: str, on: bool) -> None:
        if not on:
            return
        for other, box in self.boxes.items():
            if (key == NO_DEVICE) != (other == NO_DEVICE) and box.isChecked():
                box.setChecked(False)
