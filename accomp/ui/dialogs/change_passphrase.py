"""Changing the vault's passphrase (Paramètres › Phrase de passe): the old one, then
the new one twice, with the strength meter and the policy of the vault's creation."""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from accomp.domain import passphrase as policy
from accomp.domain.errors import KnownError
from accomp.ui import ops
from accomp.ui.passphrase_form import add_new_passphrase_rows, call_waiting
from accomp.ui.widgets import (
    buddy_label,
    check_new_passphrase,
    heading,
    message_label,
    named,
    paragraph,
    secret_field,
    set_secret_visible,
)


class ChangePassphraseDialog(QDialog):
    """Old passphrase, then the new one twice, with the same strength meter and the
    same policy as at the vault's creation. Errors are shown in the dialog."""

    def __init__(self, change: Callable[[str, str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._change = change
        self.setWindowTitle(self.tr("accomp — Changer la phrase de passe"))
        self.setMinimumWidth(520)

        self.title = heading(self.tr("Changer la phrase de passe"), self)
        intro = paragraph(
            self.tr(
                "La nouvelle phrase de passe sera demandée à chaque ouverture du coffre. "
                "Le code de secours imprimé à la création reste valable. Les sauvegardes "
                "déjà copiées sur une clé USB restent protégées par l'ancienne phrase."
            ),
            self,
        )
        self.current = secret_field(policy.MAX_LENGTH, self)
        self.new = secret_field(policy.MAX_LENGTH, self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(buddy_label(self.tr("Phrase de passe &actuelle :"), self.current),
                    self.current)
        form.addRow(buddy_label(self.tr("&Nouvelle phrase de passe :"), self.new), self.new)
        self.confirmation, self.show_chars, self.meter, self.meter_level, self.hint = \
            add_new_passphrase_rows(form, self, changing=True)
        self.error = message_label(self)

        self.cancel_button = named(QPushButton(self.tr("Annuler"), self))
        self.cancel_button.setAutoDefault(False)
        self.change_button = named(QPushButton(self.tr("&Changer"), self),
                                   self.tr("Changer la phrase de passe"))
        self.change_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.change_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addLayout(buttons)

        for field in (self.current, self.new, self.confirmation):
            field.textChanged.connect(self._update)
        self.show_chars.toggled.connect(
            lambda on: set_secret_visible([self.current, self.new, self.confirmation], on)
        )
        self.current.returnPressed.connect(self._on_return)
        self.new.returnPressed.connect(self._on_return)
        self.change_button.clicked.connect(self._on_change)
        self.cancel_button.clicked.connect(self.reject)

        chain = [self.current, self.new, self.confirmation, self.show_chars,
                 self.cancel_button, self.change_button]
        for before, after in itertools.pairwise(chain):
            self.setTabOrder(before, after)
        self._update()
        self.current.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, change: Callable[[str, str], None]) -> bool:
        """Run the dialog. `change(old, new)` re-wraps the vault's key, or raises
        KnownError (shown in the dialog). True once the passphrase is changed."""
        dialog = cls(change, parent)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()

    def can_change(self) -> bool:
        new = self.new.text()
        return (bool(self.current.text()) and policy.assess(new).ok
                and new == self.confirmation.text() and new != self.current.text())

    def _update(self) -> None:
        new = self.new.text()
        _usable, hint = check_new_passphrase(self.meter, self.meter_level, new,
                                             self.confirmation.text())
        if new and new == self.current.text():
            hint = self.tr("La nouvelle phrase de passe est identique à l'actuelle.")
        self.hint.setText(hint)
        self.new.setAccessibleDescription(hint)
        self.change_button.setEnabled(self.can_change())

    def _on_return(self) -> None:
        # Enter moves on to the next empty field until the change is possible.
        if self.change_button.isEnabled():
            self._on_change()
        elif self.focusWidget() is self.current:
            self.new.setFocus()
        else:
            self.confirmation.setFocus()

    def _on_change(self) -> None:
        if not self.can_change():
            return
        self.change_button.setEnabled(False)
        try:
            done = call_waiting(self.error,
                                lambda: self._change(self.current.text(), self.new.text()))
        except Exception as exc:  # a bug: reported as such, never with its text
            ops.show_error(self, exc, action="change_passphrase")
            return
        finally:
            self._update()
        if isinstance(done, KnownError):
            if done.code == "wrong_passphrase":
                self.current.setFocus()
                self.current.selectAll()
            return
        for field in (self.current, self.new, self.confirmation):
            field.clear()
        self.accept()
