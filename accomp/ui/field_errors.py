"""A form's refusals written where they belong: each field sits over its own message
line (hidden while empty), and names the widget that takes the focus for it. Shared
by the activity form and the beneficiary form, which show a service's refusal
(KnownError.field) next to the field it names."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from accomp.ui.widgets import message_label, show_message


class FieldErrors:
    """The message line of every field of a form, by field name."""

    def __init__(self, owner: QWidget, *, spacing: int) -> None:
        self._owner = owner
        self._spacing = spacing
        self.labels: dict[str, QLabel] = {}
        self.targets: dict[str, QWidget] = {}

    def cell(
        self,
        field: str,
        widget: QWidget,
        *beside: QWidget,
        focus: QWidget | None = None,
        also: tuple[str, ...] = (),
    ) -> QWidget:
        """The field (and the widgets `beside` it) over its own message line; the
        refusals of `field` and of the names in `also` are written there and give
        the focus to `focus` (else to the field)."""
        cell = QWidget(self._owner)
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(self._spacing)
        if beside:
            row = QHBoxLayout()
            row.addWidget(widget, 1)
            for w in beside:
                row.addWidget(w)
            box.addLayout(row)
        else:
            box.addWidget(widget)
        error = message_label(cell)
        error.setObjectName(f"{field}Error")
        box.addWidget(error)
        for name in (field, *also):
            self.labels[name] = error
            self.targets[name] = focus or widget
        return cell

    def label(self, field: str | None) -> QLabel | None:
        return self.labels.get(field or "")

    def target(self, field: str | None) -> QWidget | None:
        return self.targets.get(field or "")

    def clear(self) -> None:
        """Hide every message line."""
        for label in {id(v): v for v in self.labels.values()}.values():
            show_message(label, "", announce=False)

    def first_refused(self) -> QWidget | None:
        """The widget of the first field (in the form's order) showing a refusal."""
        for name, label in self.labels.items():
            if label.text():
                return self.targets[name]
        return None
