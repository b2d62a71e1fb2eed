"""The start screen when several workers share the computer: the profiles' names (and
nothing else), "Nouveau profil", and the choice of the profile to open. Each profile
is then opened by its own passphrase in the usual unlock dialog.

No database layer here: this screen comes before any passphrase, and it must come
fast.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from accomp.domain.errors import KnownError
from accomp.ui.i18n import current_lang
from accomp.ui.widgets import buddy_label, heading, message_label, named, paragraph, show_message

# As accomp.paths.PROFILE_NAME_MAX (the dialog does not import the paths' rules: the
# `create` callback refuses what is wrong, with its message).
NAME_MAX = 40


@dataclass(frozen=True, slots=True)
class Choice:
    name: str
    created: bool  # a new profile: its vault is created next


class ProfileDialog(QDialog):
    def __init__(
        self,
        names: list[str],
        create: Callable[[str], str],
        *,
        current: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._create = create
        self.value: Choice | None = None
        self.setWindowTitle(self.tr("accomp — Profils"))
        self.setMinimumWidth(460)

        self.title = heading(self.tr("Choisir un profil"), self)
        self.explain = paragraph(
            self.tr(
                "Chaque personne qui utilise cet ordinateur a son propre profil : son "
                "coffre, ouvert par sa propre phrase de passe. Personne ne voit les "
                "données d'un autre profil."
            ),
            self,
        )
        self.profiles = QListWidget(self)
        self.profiles.addItems(names)
        self.profiles_label = buddy_label(self.tr("P&rofils :"), self.profiles, parent=self)
        if names:
            self.profiles.setCurrentRow(names.index(current) if current in names else 0)

        self.new_button = named(QPushButton(self.tr("&Nouveau profil"), self))
        self.new_button.setAutoDefault(False)
        self.name_field = QLineEdit(self)
        self.name_field.setMaxLength(NAME_MAX)
        self.name_label = buddy_label(self.tr("N&om du nouveau profil :"), self.name_field,
                                      parent=self)
        self.name_hint = paragraph(
            self.tr(
                "Ce nom est visible par toute personne qui utilise cet ordinateur : un "
                "prénom ou des initiales suffisent, jamais le nom d'une personne accompagnée."
            ),
            self,
        )
        self.create_button = named(QPushButton(self.tr("&Créer le profil"), self))
        self.create_button.setAutoDefault(False)
        self.message = message_label(self)
        self.cancel_button = named(QPushButton(self.tr("Annuler"), self))
        self.cancel_button.setAutoDefault(False)
        self.open_button = named(QPushButton(self.tr("&Ouvrir"), self))
        self.open_button.setDefault(True)

        new_row = QHBoxLayout()
        new_row.addWidget(self.name_field, 1)
        new_row.addWidget(self.create_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.explain)
        layout.addWidget(self.profiles_label)
        layout.addWidget(self.profiles)
        layout.addWidget(self.name_label)
        layout.addLayout(new_row)
        layout.addWidget(self.name_hint)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        self.profiles.itemActivated.connect(lambda _item: self._on_open())
        self.open_button.clicked.connect(self._on_open)
        self.cancel_button.clicked.connect(self.reject)
        self.new_button.clicked.connect(self._show_new)
        self.create_button.clicked.connect(self._on_create)
        self.name_field.textChanged.connect(self._update_buttons)

        self._set_new_visible(not names)
        self._update_buttons()
        (self.profiles if names else self.name_field).setFocus()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        names: list[str],
        create: Callable[[str], str],
        *,
        current: str | None = None,
    ) -> Choice | None:
        """The profile to open (an existing one, or one just made by `create(name)`,
        which returns the name as kept and raises KnownError for a refused name, shown
        in the dialog); None if the person cancelled."""
        dialog = cls(names, create, current=current, parent=parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.value
        finally:
            dialog.deleteLater()

    def _set_new_visible(self, visible: bool) -> None:
        for widget in (self.name_label, self.name_field, self.name_hint, self.create_button):
            widget.setVisible(visible)
        self.new_button.setVisible(not visible)
        # Enter: creates while a name is being typed (a refused name must not open the
        # profile selected in the list); in the list, it opens (itemActivated).
        self.create_button.setDefault(visible)
        self.open_button.setDefault(not visible)

    def _show_new(self) -> None:
        self._set_new_visible(True)
        self.name_field.setFocus()

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self.profiles.currentItem() is not None)
        self.create_button.setEnabled(bool(self.name_field.text().strip()))

    def _on_open(self) -> None:
        item = self.profiles.currentItem()
        if item is None:
            return
        self.value = Choice(item.text(), created=False)
        self.accept()

    def _on_create(self) -> None:
        if not self.create_button.isEnabled():
            return
        try:
            name = self._create(self.name_field.text().strip())
        except KnownError as err:
            show_message(self.message, err.message(current_lang()))
            self.name_field.setFocus()
            return
        self.value = Choice(name, created=True)
        self.accept()
