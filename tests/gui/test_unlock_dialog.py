"""Opening the vault as a worker does it every morning: the passphrase, a plain word
when it is wrong, a growing wait after repeated failures, and the recovery code when
the passphrase is forgotten."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from accomp.domain.errors import KnownError
from accomp.ui.dialogs.unlock import Mode, UnlockDialog

PASSPHRASE = "Kq7!mZp2#Lw9"
CODE = "7KQ2-M9XD-4TRW-P8FH"


class FakeVaults:
    """Stands for the vault service: the right secret opens, a wrong one is refused."""

    def __init__(self) -> None:
        self.tries: list[tuple[str, str]] = []

    def unlock(self, passphrase: str) -> str:
        self.tries.append(("passphrase", passphrase))
        if passphrase != PASSPHRASE:
            raise KnownError("wrong_passphrase")
        return "vault opened by passphrase"

    def unlock_recovery(self, code: str) -> str:
        self.tries.append(("recovery", code))
        if code != CODE:
            raise KnownError("wrong_recovery_code")
        return "vault opened by recovery code"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def no_message_box(monkeypatch: pytest.MonkeyPatch) -> None:
    """Errors are shown inline: any message box is a failure."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the dialog must not open a message box")

    for kind in ("warning", "critical", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, refuse)


@pytest.fixture(autouse=True)
def fast_ticks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(UnlockDialog, "TICK_MS", 10)


@pytest.fixture
def vaults() -> FakeVaults:
    return FakeVaults()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def dialog(qtbot: QtBot, vaults: FakeVaults, clock: FakeClock) -> UnlockDialog:
    d = UnlockDialog(vaults.unlock, unlock_recovery=vaults.unlock_recovery, clock=clock)
    qtbot.addWidget(d)
    d.show()
    return d


def submit(qtbot: QtBot, d: UnlockDialog, secret: str) -> None:
    qtbot.keyClicks(d.secret, secret)
    qtbot.keyClick(d.secret, Qt.Key.Key_Return)


# -- the passphrase ---------------------------------------------------------------------


def test_the_right_passphrase_opens(qtbot: QtBot, dialog: UnlockDialog, vaults: FakeVaults) -> None:
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        submit(qtbot, dialog, PASSPHRASE)
    assert dialog.value == "vault opened by passphrase"
    assert vaults.tries == [("passphrase", PASSPHRASE)]
    assert dialog.secret.text() == ""
    assert QApplication.overrideCursor() is None


def test_a_wrong_passphrase_is_said_plainly_and_the_field_cleared(
    qtbot: QtBot, dialog: UnlockDialog
) -> None:
    submit(qtbot, dialog, "Kq7!mZp2#Lw8")

    assert dialog.isVisible()
    assert dialog.message.isVisible()
    assert dialog.message.text() == "Phrase de passe incorrecte."
    assert dialog.secret.text() == ""
    assert dialog.secret.hasFocus() or not dialog.isActiveWindow()
    assert not dialog.countdown.isVisible()
    assert QApplication.overrideCursor() is None


def test_the_unlock_button_waits_for_input(
    qtbot: QtBot, dialog: UnlockDialog, vaults: FakeVaults
) -> None:
    assert not dialog.unlock_button.isEnabled()
    qtbot.keyClick(dialog.secret, Qt.Key.Key_Return)
    assert vaults.tries == []
    qtbot.keyClicks(dialog.secret, "x")
    assert dialog.unlock_button.isEnabled()


def test_the_button_opens_too(qtbot: QtBot, dialog: UnlockDialog) -> None:
    qtbot.keyClicks(dialog.secret, PASSPHRASE)
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)


def test_show_characters(qtbot: QtBot, dialog: UnlockDialog) -> None:
    qtbot.mouseClick(
        dialog.show_chars,
        Qt.MouseButton.LeftButton,
        pos=QPoint(6, dialog.show_chars.height() // 2),
    )
    assert dialog.secret.echoMode() == dialog.secret.EchoMode.Normal


def test_a_damaged_vault_is_reported_without_counting_a_failure(
    qtbot: QtBot, clock: FakeClock
) -> None:
    def too_new(passphrase: str) -> str:
        raise KnownError("vault_too_new")

    d = UnlockDialog(too_new, clock=clock)
    qtbot.addWidget(d)
    d.show()
    for _ in range(4):
        submit(qtbot, d, PASSPHRASE)
    assert d.message.text().startswith("Ce coffre a été créé par une version plus récente")
    assert d.failures == 0
    assert not d.is_waiting()


# -- repeated failures ------------------------------------------------------------------


def test_the_wait_grows_from_the_third_failure_and_is_capped() -> None:
    waits = [UnlockDialog.delay_for(n) for n in range(1, 11)]
    assert waits == [0, 0, 1, 2, 4, 8, 16, 30, 30, 30]


def test_three_failures_make_the_next_try_wait(
    qtbot: QtBot, dialog: UnlockDialog, vaults: FakeVaults, clock: FakeClock
) -> None:
    submit(qtbot, dialog, "faux 1")
    submit(qtbot, dialog, "faux 2")
    assert not dialog.is_waiting()
    submit(qtbot, dialog, "faux 3")

    assert dialog.failures == 3
    assert dialog.is_waiting()
    assert dialog.countdown.text() == "Trop d'essais : patientez 1 s avant de réessayer."
    qtbot.keyClicks(dialog.secret, PASSPHRASE)
    assert not dialog.unlock_button.isEnabled()
    qtbot.keyClick(dialog.secret, Qt.Key.Key_Return)
    assert len(vaults.tries) == 3  # refused without even trying

    clock.now += 1.0
    qtbot.waitUntil(dialog.unlock_button.isEnabled, timeout=1000)
    assert not dialog.countdown.isVisible()

    dialog.secret.clear()
    submit(qtbot, dialog, "faux 4")
    assert dialog.countdown.text() == "Trop d'essais : patientez 2 s avant de réessayer."
    clock.now += 1.0
    qtbot.wait(30)
    assert not dialog.unlock_button.isEnabled()
    assert dialog.countdown.text() == "Trop d'essais : patientez 1 s avant de réessayer."
    clock.now += 1.0
    qtbot.waitUntil(lambda: not dialog.is_waiting(), timeout=1000)
    qtbot.keyClicks(dialog.secret, "x")
    assert dialog.unlock_button.isEnabled()


def test_success_after_a_wait_opens(qtbot: QtBot, dialog: UnlockDialog, clock: FakeClock) -> None:
    for n in range(3):
        submit(qtbot, dialog, f"faux {n}")
    clock.now += 1.0
    qtbot.waitUntil(lambda: not dialog.is_waiting(), timeout=1000)
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        submit(qtbot, dialog, PASSPHRASE)


def test_the_real_clock_lets_the_next_try_through(
    qtbot: QtBot, vaults: FakeVaults, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(UnlockDialog, "BASE_DELAY_S", 0.05)
    d = UnlockDialog(vaults.unlock)
    qtbot.addWidget(d)
    d.show()
    for n in range(3):
        submit(qtbot, d, f"faux {n}")
    assert d.is_waiting()
    qtbot.keyClicks(d.secret, PASSPHRASE)
    qtbot.waitUntil(d.unlock_button.isEnabled, timeout=2000)
    with qtbot.waitSignal(d.accepted, timeout=1000):
        qtbot.keyClick(d.secret, Qt.Key.Key_Return)


# -- the recovery code ------------------------------------------------------------------


def test_the_recovery_code_opens_the_vault(
    qtbot: QtBot, dialog: UnlockDialog, vaults: FakeVaults
) -> None:
    qtbot.mouseClick(dialog.switch_button, Qt.MouseButton.LeftButton)
    assert dialog.mode is Mode.RECOVERY
    assert dialog.secret_label.text() == "&Code de secours :"
    assert dialog.secret.accessibleName() == "Code de secours"
    assert dialog.switch_button.text() == "&Phrase de passe…"

    submit(qtbot, dialog, "FAUX-CODE")
    assert dialog.message.text() == "Code de secours incorrect."
    assert dialog.secret.text() == ""

    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        submit(qtbot, dialog, CODE)
    assert dialog.value == "vault opened by recovery code"
    assert vaults.tries == [("recovery", "FAUX-CODE"), ("recovery", CODE)]


def test_switching_back_to_the_passphrase(qtbot: QtBot, dialog: UnlockDialog) -> None:
    qtbot.keyClicks(dialog.secret, "a moitie tape")
    qtbot.mouseClick(dialog.switch_button, Qt.MouseButton.LeftButton)
    assert dialog.secret.text() == ""
    qtbot.mouseClick(dialog.switch_button, Qt.MouseButton.LeftButton)
    assert dialog.mode is Mode.PASSPHRASE
    assert dialog.secret_label.text() == "&Phrase de passe :"
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        submit(qtbot, dialog, PASSPHRASE)


def test_failures_with_either_secret_add_up(
    qtbot: QtBot, dialog: UnlockDialog, clock: FakeClock
) -> None:
    submit(qtbot, dialog, "faux 1")
    submit(qtbot, dialog, "faux 2")
    qtbot.mouseClick(dialog.switch_button, Qt.MouseButton.LeftButton)
    submit(qtbot, dialog, "FAUX-CODE")
    assert dialog.is_waiting()


def test_without_recovery_there_is_no_recovery_button(qtbot: QtBot, vaults: FakeVaults) -> None:
    d = UnlockDialog(vaults.unlock)
    qtbot.addWidget(d)
    d.show()
    assert not d.switch_button.isVisible()


# -- ask(), title, demo, keyboard and screen readers ------------------------------------


def drive(action: Callable[[UnlockDialog], None]) -> None:
    """Run `action` on the modal dialog once exec() shows it; close it whatever happens,
    so a failing test cannot hang in exec()."""

    def run() -> None:
        d = QApplication.activeModalWidget()
        assert isinstance(d, UnlockDialog)
        try:
            action(d)
        finally:
            if d.isVisible():
                d.done(QDialog.DialogCode.Rejected)

    QTimer.singleShot(0, run)


def test_ask_returns_what_unlock_returned(qtbot: QtBot, vaults: FakeVaults) -> None:
    def go(d: UnlockDialog) -> None:
        submit(qtbot, d, "faux")
        submit(qtbot, d, PASSPHRASE)

    drive(go)
    assert UnlockDialog.ask(None, vaults.unlock) == "vault opened by passphrase"
    assert len(vaults.tries) == 2


def test_ask_with_the_recovery_code(qtbot: QtBot, vaults: FakeVaults) -> None:
    def go(d: UnlockDialog) -> None:
        qtbot.mouseClick(d.switch_button, Qt.MouseButton.LeftButton)
        submit(qtbot, d, CODE)

    drive(go)
    opened = UnlockDialog.ask(None, vaults.unlock, unlock_recovery=vaults.unlock_recovery)
    assert opened == "vault opened by recovery code"


def test_ask_returns_none_when_cancelled(qtbot: QtBot, vaults: FakeVaults) -> None:
    drive(lambda d: qtbot.keyClick(d.secret, Qt.Key.Key_Escape))
    assert UnlockDialog.ask(None, vaults.unlock) is None
    assert vaults.tries == []


def test_title_and_demo_marker(qtbot: QtBot, vaults: FakeVaults) -> None:
    d = UnlockDialog(vaults.unlock, title="Coffre verrouillé après 5 minutes", demo=True)
    qtbot.addWidget(d)
    d.show()
    assert d.title.text() == "Coffre verrouillé après 5 minutes"
    assert d.demo_marker is not None
    assert d.demo_marker.isVisible()
    assert d.demo_marker.text() == "DÉMO"


def test_no_demo_marker_on_a_real_vault(dialog: UnlockDialog) -> None:
    assert dialog.demo_marker is None
    assert dialog.title.text() == "Ouvrir le coffre"


def focus_chain(start: QWidget) -> Iterator[QWidget]:
    widget = start
    while True:
        yield widget
        widget = widget.nextInFocusChain()
        if widget is start:
            return


def test_every_focusable_control_has_an_accessible_name_and_a_logical_order(
    qtbot: QtBot, dialog: UnlockDialog
) -> None:
    chain = list(focus_chain(dialog.secret))
    focusable = [w for w in chain if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    for widget in focusable:
        assert widget.accessibleName(), widget

    qtbot.keyClicks(dialog.secret, "x")
    stops = [w for w in focusable if w.isVisibleTo(dialog) and w.isEnabled()]
    assert stops == [
        dialog.secret,
        dialog.show_chars,
        dialog.switch_button,
        dialog.cancel_button,
        dialog.unlock_button,
    ]
    assert dialog.secret.accessibleName() == "Phrase de passe"
    assert dialog.secret_label.buddy() is dialog.secret
    assert isinstance(dialog.secret_label, QLabel)
