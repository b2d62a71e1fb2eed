"""Open the vault: the passphrase, or the recovery code when it is forgotten.

A wrong entry is said plainly under the field, which is cleared. From the third
failure in a row, each new try waits a little longer (1 s, 2 s, 4 s … 30 s at most),
with a countdown: it slows down a guesser at the keyboard without locking out the
person who mistyped.
"""

from __future__ import annotations

import enum
import math
import time
from collections.abc import Callable
from typing import TypeVar, cast

from PySide6.QtCore import QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from accomp.domain.errors import KnownError
from accomp.ui.i18n import current_lang
from accomp.ui.widgets import (
    buddy_label,
    demo_marker,
    heading,
    message_label,
    named,
    paragraph,
    plain_text,
    secret_field,
    set_secret_visible,
    show_message,
)

T = TypeVar("T")

# Longer than any passphrase the creation dialog accepts, and than a recovery code.
MAX_INPUT_LENGTH = 256


class Mode(enum.Enum):
    PASSPHRASE = enum.auto()
    RECOVERY = enum.auto()


class UnlockDialog(QDialog):
    # Failures allowed before waiting, first wait and longest wait, in seconds; tests
    # shorten them (or pass a fake clock).
    FREE_ATTEMPTS = 3
    BASE_DELAY_S = 1.0
    MAX_DELAY_S = 30.0
    TICK_MS = 200

    def __init__(
        self,
        unlock: Callable[[str], object],
        *,
        unlock_recovery: Callable[[str], object] | None = None,
        title: str = "",
        demo: bool = False,
        demo_passphrase: str = "",
        clock: Callable[[], float] | None = None,
        on_painted: Callable[[], None] | None = None,
        other_profile: Callable[[], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._other_profile = other_profile
        self._on_painted = on_painted
        self._unlock = unlock
        self._unlock_recovery = unlock_recovery
        self._clock = clock or time.monotonic
        self._mode = Mode.PASSPHRASE
        self._failures = 0
        self._wait_until: float | None = None
        self.value: object = None

        self.setWindowTitle(self.tr("accomp — Ouvrir le coffre"))
        self.setMinimumWidth(460)

        self.title = heading(title or self.tr("Ouvrir le coffre"), self)
        self.demo_marker: QLabel | None = demo_marker(self) if demo else None
        self.explain = paragraph("", self)
        # A throwaway demo vault holds only synthetic data: its passphrase is shown.
        self.demo_hint = paragraph(
            self.tr("Coffre de démonstration : la phrase de passe est « %1 ».").replace(
                "%1", demo_passphrase
            ),
            self,
        )
        self.demo_hint.setVisible(bool(demo_passphrase))
        if demo_passphrase:
            # Only then: PySide's Qt namespace costs the first paint ~25 ms (widgets.py).
            from PySide6.QtCore import Qt

            self.demo_hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.secret = secret_field(MAX_INPUT_LENGTH, self)
        self.secret_label = buddy_label("", self.secret, parent=self)
        self.show_chars = named(QCheckBox(self.tr("A&fficher les caractères"), self))
        self.message = message_label(self)
        self.countdown = message_label(self)

        self.switch_button = QPushButton(self)
        self.switch_button.setAutoDefault(False)
        self.switch_button.setVisible(unlock_recovery is not None)
        # Several workers on this computer: back to the list of profiles.
        self.profiles_button = named(QPushButton(self.tr("Autre p&rofil…"), self),
                                     self.tr("Ouvrir un autre profil"))
        self.profiles_button.setAutoDefault(False)
        self.profiles_button.setVisible(other_profile is not None)
        self.cancel_button = named(QPushButton(self.tr("Annuler"), self))
        self.cancel_button.setAutoDefault(False)
        self.unlock_button = named(QPushButton(self.tr("&Déverrouiller"), self))
        self.unlock_button.setDefault(True)

        self._timer = QTimer(self)
        self._timer.setInterval(self.TICK_MS)
        self._timer.timeout.connect(self._tick)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        if self.demo_marker is not None:
            from PySide6.QtCore import Qt

            top.addWidget(self.demo_marker, 0, Qt.AlignmentFlag.AlignTop)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.secret_label, self.secret)
        form.addRow("", self.show_chars)
        buttons = QHBoxLayout()
        buttons.addWidget(self.switch_button)
        buttons.addWidget(self.profiles_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.unlock_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.explain)
        layout.addWidget(self.demo_hint)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.countdown)
        layout.addStretch(1)
        layout.addLayout(buttons)

        self.secret.textChanged.connect(self._update_button)
        self.show_chars.toggled.connect(lambda on: set_secret_visible([self.secret], on))
        self.unlock_button.clicked.connect(self._on_unlock)
        self.cancel_button.clicked.connect(self.reject)
        self.switch_button.clicked.connect(self._on_switch)
        self.profiles_button.clicked.connect(self._on_other_profile)

        self.setTabOrder(self.secret, self.show_chars)
        self.setTabOrder(self.show_chars, self.switch_button)
        self.setTabOrder(self.switch_button, self.profiles_button)
        self.setTabOrder(self.profiles_button, self.cancel_button)
        self.setTabOrder(self.cancel_button, self.unlock_button)

        self._apply_mode()
        self.secret.setFocus()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        unlock: Callable[[str], T],
        *,
        unlock_recovery: Callable[[str], T] | None = None,
        title: str = "",
        demo: bool = False,
        demo_passphrase: str = "",
        clock: Callable[[], float] | None = None,
        on_painted: Callable[[], None] | None = None,
        other_profile: Callable[[], None] | None = None,
    ) -> T | None:
        """Ask for the passphrase until `unlock(passphrase)` returns, and return what it
        returned; None if the person cancelled. `unlock` (and `unlock_recovery`, given
        the recovery code; without it the recovery button is hidden) raise KnownError
        for a wrong entry, shown in the dialog. `clock` (monotonic seconds) is for tests.
        `on_painted` is called once, as soon as the dialog is first on screen.
        With `other_profile`, an "Autre profil…" button calls it and closes the dialog
        (which then returns None).
        """
        dialog = cls(
            unlock,
            unlock_recovery=unlock_recovery,
            title=title,
            demo=demo,
            demo_passphrase=demo_passphrase,
            clock=clock,
            on_painted=on_painted,
            other_profile=other_profile,
            parent=parent,
        )
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return cast(T, dialog.value)
        finally:
            dialog.deleteLater()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        callback, self._on_painted = self._on_painted, None
        if callback is not None:
            # Queued: the rest of this paint pass reaches the screen first.
            QTimer.singleShot(0, callback)

    # -- state ------------------------------------------------------------------------

    @property
    def mode(self) -> Mode:
        return self._mode

    @property
    def failures(self) -> int:
        return self._failures

    def is_waiting(self) -> bool:
        return self._wait_until is not None

    @classmethod
    def delay_for(cls, failures: int) -> float:
        """Seconds to wait after `failures` failures in a row (0 before the threshold)."""
        if failures < cls.FREE_ATTEMPTS:
            return 0.0
        return float(min(cls.BASE_DELAY_S * 2 ** (failures - cls.FREE_ATTEMPTS), cls.MAX_DELAY_S))

    # -- behaviour --------------------------------------------------------------------

    def _apply_mode(self) -> None:
        if self._mode == Mode.PASSPHRASE:
            self.explain.setText(self.tr("Saisissez votre phrase de passe pour ouvrir le coffre."))
            label = self.tr("&Phrase de passe :")
            switch = self.tr("&Code de secours…")
            switch_name = self.tr("Utiliser le code de secours")
        else:
            self.explain.setText(
                self.tr(
                    "Saisissez le code de secours noté ou imprimé à la création du coffre. "
                    "Une fois le coffre ouvert, choisissez une nouvelle phrase de passe."
                )
            )
            label = self.tr("&Code de secours :")
            switch = self.tr("&Phrase de passe…")
            switch_name = self.tr("Utiliser la phrase de passe")
        self.secret_label.setText(label)
        self.secret.setAccessibleName(plain_text(label))
        self.switch_button.setText(switch)
        self.switch_button.setAccessibleName(switch_name)
        self._update_button()

    def _on_switch(self) -> None:
        self._mode = Mode.RECOVERY if self._mode == Mode.PASSPHRASE else Mode.PASSPHRASE
        self.secret.clear()
        show_message(self.message, "")
        self._apply_mode()
        self.secret.setFocus()

    def _on_other_profile(self) -> None:
        if self._other_profile is not None:
            self._other_profile()
        self.reject()

    def _update_button(self) -> None:
        self.unlock_button.setEnabled(bool(self.secret.text()) and not self.is_waiting())

    def _on_unlock(self) -> None:
        if not self.unlock_button.isEnabled():
            return
        secret = self.secret.text()
        attempt = self._unlock if self._mode == Mode.PASSPHRASE else self._unlock_recovery
        if attempt is None:  # pragma: no cover - the switch button is hidden then
            return
        self.unlock_button.setEnabled(False)
        from PySide6.QtCore import Qt  # after the first paint (see __init__)

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.value = attempt(secret)
        except KnownError as err:
            self._failed(err)
            return
        finally:
            QApplication.restoreOverrideCursor()
            self._update_button()
        self._failures = 0
        self.secret.clear()
        self.accept()

    def _failed(self, err: KnownError) -> None:
        self.secret.clear()
        self.secret.setFocus()
        show_message(self.message, err.message(current_lang()))
        if err.code not in ("wrong_passphrase", "wrong_recovery_code"):
            return  # a damaged or too new vault: waiting would not help
        self._failures += 1
        delay = self.delay_for(self._failures)
        if delay > 0:
            self._wait_until = self._clock() + delay
            self._timer.start()
            self._tick()

    def _tick(self) -> None:
        if self._wait_until is None:
            return
        remaining = self._wait_until - self._clock()
        if remaining <= 0:
            self._wait_until = None
            self._timer.stop()
            show_message(self.countdown, "")
        else:
            text = self.tr(
                "Trop d'essais : patientez %n s avant de réessayer.",
                "",
                math.ceil(remaining),
            )
            if text != self.countdown.text():
                # Announced once; later ticks only update the text.
                first = not self.countdown.isVisibleTo(self)
                show_message(self.countdown, text, error=False, announce=first)
        self._update_button()
