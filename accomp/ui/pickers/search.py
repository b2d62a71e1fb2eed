"""Fields that search while typing: a beneficiary (or several, for a workshop) by
code, name or phone, and a commune of the shipped list by name or postal code.

They never query the vault themselves: they are given a search function (a service
bound to the vault), so they can be tested with a plain list."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from accomp.domain import communes
from accomp.domain.errors import KnownError
from accomp.domain.models import BeneficiaryOut
from accomp.domain.person_match import MatchReason, match_reason
from accomp.domain.text import fold
from accomp.services.beneficiaries import person_text
from accomp.ui import ops
from accomp.ui.pickers.matching import KeyRole, matches
from accomp.ui.widgets import named


class _SearchField(QWidget):
    """A line edit whose completion list is recomputed on every keystroke by
    `_results(text)` -> [(shown, value)]; picking one calls `_picked(value, shown)`.
    The first result is highlighted, so Enter takes it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setClearButtonEnabled(True)
        self.results = QStandardItemModel(self)
        self.completer = QCompleter(self.results, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(10)
        self.completer.setWidget(self.edit)
        self.completer.activated[QModelIndex].connect(  # type: ignore[index]
            self._on_activated
        )
        self.edit.textEdited.connect(self._on_edited)
        self.edit.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        self.setFocusProxy(self.edit)

    def eventFilter(self, watched: QObject, event: Any) -> bool:
        # Down in the empty field, or after the list was closed, shows it again.
        if (
            watched is self.edit and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down
            and not self._popup().isVisible()
        ):
            self._show_results(self.edit.text())
            return True
        return super().eventFilter(watched, event)

    def _popup(self) -> QAbstractItemView:
        popup = self.completer.popup()
        assert popup is not None  # a QCompleter always has one
        return popup

    def _results(self, text: str) -> Sequence[tuple[str, object]]:
        raise NotImplementedError

    def _picked(self, value: object, shown: str) -> None:
        raise NotImplementedError

    def _edited(self) -> None:
        """The text changed by hand: what was picked no longer holds."""

    def _on_edited(self, text: str) -> None:
        self._edited()
        if not text.strip():  # emptied: nothing to propose until asked (Down)
            self.results.clear()
            self._popup().hide()
            return
        self._show_results(text)

    def _show_results(self, text: str) -> None:
        self.results.clear()
        for shown, value in self._results(text):
            item = QStandardItem(shown)
            item.setData(value, KeyRole)
            item.setEditable(False)
            self.results.appendRow(item)
        if self.results.rowCount() == 0:
            self._popup().hide()
            return
        self.completer.setCompletionPrefix("")
        self.completer.complete()
        self._popup().setCurrentIndex(self.completer.completionModel().index(0, 0))

    def _on_activated(self, index: QModelIndex) -> None:
        value = index.data(KeyRole)
        shown = str(index.data())
        self._picked(value, shown)

    def text(self) -> str:
        return self.edit.text()


class BeneficiaryPicker(_SearchField):
    """Who the session was with: a file found by code, name or phone, or nobody
    (anonymous). Empty, or "Anonyme" picked, means anonymous."""

    picked = Signal(object)  # BeneficiaryOut | None

    ANONYMOUS = "anonymous"

    def __init__(
        self,
        search: Callable[[str], Sequence[BeneficiaryOut]],
        *,
        allow_anonymous: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._search = search
        self._allow_anonymous = allow_anonymous
        self._found: dict[int, BeneficiaryOut] = {}
        self._chosen: BeneficiaryOut | None = None
        self.edit.textChanged.connect(self._on_text_changed)
        if allow_anonymous:
            self.edit.setPlaceholderText(
                self.tr("Anonyme — ou tapez un code, un nom, un téléphone")
            )
        else:
            self.edit.setPlaceholderText(self.tr("Tapez un code, un nom, un téléphone"))

    def anonymous_label(self) -> str:
        return self.tr("Anonyme")

    @staticmethod
    def describe(b: BeneficiaryOut, *, with_phone: bool = False) -> str:
        """"B-7F3K — Marie DUPONT" (and the phone in the list, to tell people apart)."""
        parts = [b.code]
        name = " ".join(p for p in (b.first_name, (b.last_name or "").upper()) if p)
        if name:
            parts.append(name)
        if with_phone and b.phone:
            parts.append(b.phone)
        return " — ".join(parts)

    def _results(self, text: str) -> Sequence[tuple[str, object]]:
        out: list[tuple[str, object]] = []
        anonymous_typed = bool(fold(text)) and matches(self.anonymous_label(), text)
        if self._allow_anonymous and anonymous_typed:
            out.append((self.anonymous_label(), self.ANONYMOUS))
        try:
            found = list(self._search(text))
        except Exception as exc:  # a locked vault: nothing to propose, say it once
            ops.note_error(exc, action="beneficiary search")
            found = []
        self._found = {b.id: b for b in found}
        # Best reason first (BELKACEM before Isabel LOPEZ for "bel"), and each line
        # says why it matched, so Enter on the first row takes the expected person.
        reasons = {b.id: match_reason(text, person_text(b)) or MatchReason.CONTAINS
                   for b in found}
        found.sort(key=lambda b: reasons[b.id])
        out.extend((f"{self.describe(b, with_phone=True)}  ·  {self.reason_label(reasons[b.id])}",
                    b.id) for b in found)
        return out

    def reason_label(self, reason: MatchReason) -> str:
        """Why a line matched what was typed, in a word or two."""
        return {
            MatchReason.CODE: self.tr("code"),
            MatchReason.LAST_NAME: self.tr("nom"),
            MatchReason.FIRST_NAME: self.tr("prénom"),
            MatchReason.PHONE: self.tr("téléphone"),
            MatchReason.EMAIL: self.tr("e-mail"),
            MatchReason.CONTAINS: self.tr("contient le texte"),
        }[reason]

    def _picked(self, value: object, shown: str) -> None:
        if value == self.ANONYMOUS or value is None:
            self.set_beneficiary(None)
            if self._allow_anonymous:
                self.edit.setText(self.anonymous_label())
        else:
            b = self._found.get(int(str(value)))
            if b is not None:
                self.set_beneficiary(b)
        self.picked.emit(self._chosen)

    def _edited(self) -> None:
        self._chosen = None

    def _on_text_changed(self, text: str) -> None:
        # However the field was emptied (clear button, code), nobody is chosen any more.
        if not text:
            self._chosen = None

    # --- values ----------------------------------------------------------------------

    def beneficiary(self) -> BeneficiaryOut | None:
        return self._chosen

    def beneficiary_id(self) -> int | None:
        """The picked file's id; None for anonymous. Raises KnownError(pick_from_list) when
        something was typed and nothing picked: the form must not guess who it was."""
        if self._chosen is not None:
            return self._chosen.id
        if self.is_anonymous():
            return None
        raise KnownError("pick_from_list", "beneficiary_id")

    def is_anonymous(self) -> bool:
        text = self.edit.text().strip()
        return self._chosen is None and (
            not text or (self._allow_anonymous and text == self.anonymous_label())
        )

    def set_beneficiary(self, b: BeneficiaryOut | None) -> None:
        self._chosen = b
        self.edit.setText(self.describe(b) if b is not None else "")
        self._popup().hide()

    def clear(self) -> None:
        self._found = {}
        self.results.clear()
        self.set_beneficiary(None)


class ParticipantsPicker(QWidget):
    """The tracked participants of a workshop: search and Enter adds one to the list
    below; Delete (or "Retirer") takes the highlighted one off."""

    changed = Signal()

    def __init__(
        self,
        search: Callable[[str], Sequence[BeneficiaryOut]],
        name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.picker = BeneficiaryPicker(search, allow_anonymous=False, parent=self)
        self.picker.edit.setAccessibleName(name)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Participants ajoutés"))
        self.list.setFixedHeight(4 * (self.list.fontMetrics().height() + 6) + 6)
        self.remove_button = named(QPushButton(self.tr("Retirer"), self))
        self.remove_button.setAccessibleName(self.tr("Retirer le participant choisi"))
        self.remove_button.setAutoDefault(False)
        self.remove_button.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.picker)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row)
        self.setFocusProxy(self.picker)

        self.picker.picked.connect(self._add)
        self.remove_button.clicked.connect(self.remove_current)
        self.list.currentRowChanged.connect(
            lambda row: self.remove_button.setEnabled(row >= 0)
        )
        self.list.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: Any) -> bool:
        if (
            watched is self.list and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
        ):
            self.remove_current()
            return True
        return super().eventFilter(watched, event)

    def _add(self, b: BeneficiaryOut | None) -> None:
        if b is not None and b.id not in self.ids():
            self.add(b)
        self.picker.clear()

    def add(self, b: BeneficiaryOut) -> None:
        item = QListWidgetItem(BeneficiaryPicker.describe(b))
        item.setData(KeyRole, b.id)
        self.list.addItem(item)
        self.changed.emit()

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self.changed.emit()

    def ids(self) -> list[int]:
        return [int(self.list.item(r).data(KeyRole)) for r in range(self.list.count())]

    def set_participants(self, people: Iterable[BeneficiaryOut]) -> None:
        self.list.clear()
        for b in people:
            self.add(b)
        self.changed.emit()

    def clear(self) -> None:
        self.picker.clear()
        self.list.clear()
        self.changed.emit()


class CommunePicker(_SearchField):
    """A commune from the shipped list, by name or postal code ("lyon", "69003",
    "st etienne")."""

    picked = Signal(object)  # communes.Commune | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._chosen: communes.Commune | None = None
        self._stored: dict[str, str | None] | None = None
        self._found: dict[str, communes.Commune] = {}
        self.edit.setPlaceholderText(self.tr("Nom ou code postal"))

    def _results(self, text: str) -> Sequence[tuple[str, object]]:
        found = communes.search(text, 10)
        self._found = {c.label: c for c in found}
        return [(c.label, c.label) for c in found]

    def _picked(self, value: object, shown: str) -> None:
        chosen = self._found.get(str(value))
        if chosen is not None:
            self.set_commune(chosen)
        self.picked.emit(self._chosen)

    def _edited(self) -> None:
        self._chosen = None

    def commune_input(self) -> dict[str, str | None] | None:
        """The `commune` field of an activity: the commune picked, else the one the
        text names exactly ("Lyon (69003)", or a name only one commune bears), else
        the stored one still shown; None when empty. Raises KnownError(pick_from_list)
        for text that names no commune of the list: the form does not guess."""
        text = self.edit.text().strip()
        if self._chosen is not None:
            return dict(self._chosen.as_input())
        if not text:
            return None
        if self._stored is not None and text == self._stored["name"]:
            return dict(self._stored)
        found = communes.search(text, 2)
        exact = [c for c in found if c.label == text or fold(c.name) == fold(text)]
        if len(exact) == 1 or (exact and exact[0].label == text):
            return dict(exact[0].as_input())
        raise KnownError("pick_from_list", "commune_name")

    def set_commune(self, commune: communes.Commune | None) -> None:
        self._chosen = commune
        self._stored = None
        self.edit.setText(commune.label if commune else "")
        self._popup().hide()

    def set_stored(self, name: str | None, postal_code: str | None, insee: str | None) -> None:
        """Show a commune as an activity stored it (kept as it is if it is not in
        the shipped list)."""
        found = communes.by_insee(insee, postal_code) if insee else None
        if found is not None or not name:
            self.set_commune(found)
            return
        self.set_commune(None)
        self._stored = {"name": name, "postal_code": postal_code, "insee": insee}
        self.edit.setText(name)

    def clear(self) -> None:
        self.set_commune(None)
