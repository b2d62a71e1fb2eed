"""Creating the vault as a worker does it on first start: typing the passphrase twice,
reading why it is refused, getting the recovery code once, and only leaving after
saying it is noted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QCheckBox, QDialog, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from accomp.domain.errors import KnownError
from accomp.domain.passphrase import assess, describe
from accomp.ui.dialogs import create_vault
from accomp.ui.dialogs.create_vault import CreateVaultDialog

STRONG = "Kq7!mZp2#Lw9"
CODE = "7KQ2-M9XD-4TRW-P8FH-2ZNC-6BVJ"


class FakeVaults:
    """Stands for the vault service: records passphrases, returns a recovery code."""

    def __init__(self, error: KnownError | None = None) -> None:
        self.created_with: list[str] = []
        self.error = error

    def create(self, passphrase: str) -> str:
        if self.error is not None:
            raise self.error
        self.created_with.append(passphrase)
        return CODE


@pytest.fixture(autouse=True)
def no_message_box(monkeypatch: pytest.MonkeyPatch) -> None:
    """Errors are shown inline: any message box is a failure."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the dialog must not open a message box")

    for kind in ("warning", "critical", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, refuse)


@pytest.fixture
def vaults() -> FakeVaults:
    return FakeVaults()


@pytest.fixture
def dialog(qtbot: QtBot, vaults: FakeVaults) -> CreateVaultDialog:
    d = CreateVaultDialog(vaults.create)
    qtbot.addWidget(d)
    d.show()
    return d


def type_passphrase(qtbot: QtBot, d: CreateVaultDialog, first: str, second: str) -> None:
    qtbot.keyClicks(d.passphrase, first)
    qtbot.keyClicks(d.confirmation, second)


def reach_code_page(qtbot: QtBot, d: CreateVaultDialog) -> None:
    type_passphrase(qtbot, d, STRONG, STRONG)
    qtbot.keyClick(d.confirmation, Qt.Key.Key_Return)
    assert d.pages.currentIndex() == CreateVaultDialog.PAGE_RECOVERY


# -- page 1: the passphrase -------------------------------------------------------------


def test_the_rule_is_stated_before_typing(dialog: CreateVaultDialog) -> None:
    assert dialog.hint.text() == describe("empty", "fr")
    assert not dialog.create_button.isEnabled()
    assert dialog.passphrase.echoMode() == dialog.passphrase.EchoMode.Password


def test_weak_passphrase_keeps_create_disabled_and_says_why(
    qtbot: QtBot, dialog: CreateVaultDialog, vaults: FakeVaults
) -> None:
    type_passphrase(qtbot, dialog, "Soleil2024", "Soleil2024")

    assert not dialog.create_button.isEnabled()
    assert (
        dialog.hint.text()
        == "Trop courante : elle fait partie des mots de passe les plus utilisés."
    )
    assert dialog.meter.value() == 0
    assert dialog.meter_level.text() == "Très faible"

    qtbot.keyClick(dialog.confirmation, Qt.Key.Key_Return)
    assert vaults.created_with == []
    assert dialog.pages.currentIndex() == CreateVaultDialog.PAGE_PASSPHRASE


def test_too_short_passphrase_shows_the_length_rule(
    qtbot: QtBot, dialog: CreateVaultDialog
) -> None:
    qtbot.keyClicks(dialog.passphrase, "Kq7!mZp2#Lw")
    assert dialog.hint.text() == (
        "Trop courte : au moins 12 caractères de 4 sortes, 14 de 3 sortes, ou 7 mots."
    )
    assert dialog.meter.value() == assess("Kq7!mZp2#Lw").score == 3


def test_mismatch_keeps_create_disabled(qtbot: QtBot, dialog: CreateVaultDialog) -> None:
    type_passphrase(qtbot, dialog, STRONG, "Kq7!mZp2#Lw8")

    assert not dialog.create_button.isEnabled()
    assert dialog.hint.text() == "Les deux saisies ne correspondent pas."
    assert dialog.meter.value() == 4


def test_confirmation_in_progress_is_not_called_a_mismatch(
    qtbot: QtBot, dialog: CreateVaultDialog
) -> None:
    type_passphrase(qtbot, dialog, STRONG, STRONG[:5])
    assert dialog.hint.text() == "Phrase de passe suffisante. Saisissez-la une seconde fois."
    assert not dialog.create_button.isEnabled()


def tick(qtbot: QtBot, box: QCheckBox) -> None:
    """Click a check box on its box (its widget may be wider than box and text)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))


def test_show_characters_reveals_both_fields(qtbot: QtBot, dialog: CreateVaultDialog) -> None:
    tick(qtbot, dialog.show_chars)
    assert dialog.passphrase.echoMode() == dialog.passphrase.EchoMode.Normal
    assert dialog.confirmation.echoMode() == dialog.confirmation.EchoMode.Normal
    tick(qtbot, dialog.show_chars)
    assert dialog.passphrase.echoMode() == dialog.passphrase.EchoMode.Password


def test_strong_matching_passphrase_creates_the_vault_and_shows_the_code(
    qtbot: QtBot, dialog: CreateVaultDialog, vaults: FakeVaults
) -> None:
    type_passphrase(qtbot, dialog, STRONG, STRONG)
    assert dialog.create_button.isEnabled()
    assert dialog.hint.text() == "Phrase de passe suffisante, et les deux saisies correspondent."

    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)

    assert vaults.created_with == [STRONG]
    assert dialog.pages.currentIndex() == CreateVaultDialog.PAGE_RECOVERY
    assert dialog.title.text() == "Votre code de secours"
    assert dialog.code.text() == CODE
    assert dialog.code.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    # The passphrase does not linger in the widgets.
    assert dialog.passphrase.text() == ""
    assert dialog.confirmation.text() == ""


def test_enter_in_the_confirmation_creates(
    qtbot: QtBot, dialog: CreateVaultDialog, vaults: FakeVaults
) -> None:
    reach_code_page(qtbot, dialog)
    assert vaults.created_with == [STRONG]


def test_enter_in_the_first_field_moves_on_to_the_confirmation(
    qtbot: QtBot, dialog: CreateVaultDialog, vaults: FakeVaults
) -> None:
    dialog.activateWindow()
    dialog.passphrase.setFocus()
    qtbot.keyClicks(dialog.passphrase, STRONG)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert dialog.focusWidget() is dialog.confirmation
    assert vaults.created_with == []


def test_seven_word_passphrase_is_accepted(
    qtbot: QtBot, dialog: CreateVaultDialog, vaults: FakeVaults
) -> None:
    phrase = "cheval agrafe batterie correct lune piano sable"
    type_passphrase(qtbot, dialog, phrase, phrase)
    qtbot.keyClick(dialog.confirmation, Qt.Key.Key_Enter)
    assert vaults.created_with == [phrase]


def test_a_refusal_of_the_service_is_shown_inline_and_the_form_kept(
    qtbot: QtBot, dialog: CreateVaultDialog, vaults: FakeVaults
) -> None:
    vaults.error = KnownError("vault_exists")
    type_passphrase(qtbot, dialog, STRONG, STRONG)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)

    assert dialog.error.isVisible()
    assert dialog.error.text() == "Un coffre existe déjà dans ce dossier."
    assert dialog.pages.currentIndex() == CreateVaultDialog.PAGE_PASSPHRASE
    assert dialog.create_button.isEnabled()
    assert QApplication.overrideCursor() is None


def test_cancel_on_the_first_page_rejects(qtbot: QtBot, dialog: CreateVaultDialog) -> None:
    with qtbot.waitSignal(dialog.rejected, timeout=1000):
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Escape)
    assert not dialog.created


# -- page 2: the recovery code ----------------------------------------------------------


def test_finish_needs_the_checkbox(qtbot: QtBot, dialog: CreateVaultDialog) -> None:
    reach_code_page(qtbot, dialog)
    assert not dialog.finish_button.isEnabled()
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    assert dialog.isVisible()

    tick(qtbot, dialog.noted)
    assert dialog.finish_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.mouseClick(dialog.finish_button, Qt.MouseButton.LeftButton)
    assert dialog.created
    assert dialog.code.text() == ""


def test_the_checkbox_works_from_the_keyboard(qtbot: QtBot, dialog: CreateVaultDialog) -> None:
    reach_code_page(qtbot, dialog)
    qtbot.keyClick(dialog.noted, Qt.Key.Key_Space)
    assert dialog.noted.isChecked()
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.keyClick(dialog.noted, Qt.Key.Key_Return)


def test_escape_does_not_lose_the_code(qtbot: QtBot, dialog: CreateVaultDialog) -> None:
    reach_code_page(qtbot, dialog)
    qtbot.keyClick(dialog.code, Qt.Key.Key_Escape)
    dialog.close()
    assert dialog.isVisible()
    assert not dialog.created
    assert dialog.code.text() == CODE


def test_the_recovery_code_can_be_printed(
    qtbot: QtBot, dialog: CreateVaultDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = tmp_path / "code.pdf"

    class ChoosePdf:
        """Stands for the print dialog: the person picks 'print to file'."""

        def __init__(self, printer: QPrinter, parent: QWidget) -> None:
            self.printer = printer

        def setWindowTitle(self, title: str) -> None:
            assert title == "Imprimer le code de secours"

        def exec(self) -> QDialog.DialogCode:
            self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            self.printer.setOutputFileName(str(pdf))
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(create_vault, "QPrintDialog", ChoosePdf)
    reach_code_page(qtbot, dialog)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)

    assert pdf.read_bytes().startswith(b"%PDF")
    assert dialog.print_status.text() == "Code envoyé à l'imprimante."


def test_a_cancelled_print_says_nothing(
    qtbot: QtBot, dialog: CreateVaultDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Cancel:
        def __init__(self, printer: QPrinter, parent: QWidget) -> None:
            pass

        def setWindowTitle(self, title: str) -> None:
            pass

        def exec(self) -> QDialog.DialogCode:
            return QDialog.DialogCode.Rejected

    monkeypatch.setattr(create_vault, "QPrintDialog", Cancel)
    reach_code_page(qtbot, dialog)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert not dialog.print_status.isVisible()


def test_the_printed_sheet_carries_the_code_and_what_to_do() -> None:
    sheet = create_vault.recovery_sheet_html("AB<1>", dt.date(2026, 11, 20))
    assert "AB&lt;1&gt;" in sheet
    assert "20 novembre 2026" in sheet
    assert "lieu sûr" in sheet


# -- ask(), demo, keyboard and screen readers -------------------------------------------


def drive(action: Callable[[CreateVaultDialog], None]) -> None:
    """Run `action` on the modal dialog once exec() shows it; close it if it fails, so
    a broken test cannot hang in exec()."""

    def run() -> None:
        d = QApplication.activeModalWidget()
        assert isinstance(d, CreateVaultDialog)
        try:
            action(d)
        finally:
            if d.isVisible() and d.pages.currentIndex() == CreateVaultDialog.PAGE_PASSPHRASE:
                d.reject()
            elif d.isVisible():
                d.done(QDialog.DialogCode.Rejected)

    QTimer.singleShot(0, run)


def test_ask_returns_true_once_the_code_is_noted(qtbot: QtBot, vaults: FakeVaults) -> None:
    def go(d: CreateVaultDialog) -> None:
        reach_code_page(qtbot, d)
        tick(qtbot, d.noted)
        qtbot.mouseClick(d.finish_button, Qt.MouseButton.LeftButton)

    drive(go)
    assert CreateVaultDialog.ask(None, vaults.create) is True
    assert vaults.created_with == [STRONG]


def test_ask_returns_false_when_cancelled(qtbot: QtBot, vaults: FakeVaults) -> None:
    drive(lambda d: qtbot.mouseClick(d.cancel_button, Qt.MouseButton.LeftButton))
    assert CreateVaultDialog.ask(None, vaults.create) is False
    assert vaults.created_with == []


def test_demo_shows_a_visible_marker(qtbot: QtBot, vaults: FakeVaults) -> None:
    d = CreateVaultDialog(vaults.create, demo=True)
    qtbot.addWidget(d)
    d.show()
    assert d.demo_marker is not None
    assert d.demo_marker.isVisible()
    assert d.demo_marker.text() == "DÉMO"


def test_no_demo_marker_on_a_real_vault(dialog: CreateVaultDialog) -> None:
    assert dialog.demo_marker is None


def focus_chain(start: QWidget) -> Iterator[QWidget]:
    widget = start
    while True:
        yield widget
        widget = widget.nextInFocusChain()
        if widget is start:
            return


def tab_stops(d: QWidget, start: QWidget) -> list[QWidget]:
    return [
        w
        for w in focus_chain(start)
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isVisibleTo(d) and w.isEnabled()
    ]


def test_every_focusable_control_has_an_accessible_name_and_a_logical_order(
    qtbot: QtBot, dialog: CreateVaultDialog
) -> None:
    focusable = [
        w for w in focus_chain(dialog.passphrase) if w.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]
    assert focusable
    for widget in focusable:
        assert widget.accessibleName(), widget

    type_passphrase(qtbot, dialog, STRONG, STRONG)
    assert tab_stops(dialog, dialog.passphrase) == [
        dialog.passphrase,
        dialog.confirmation,
        dialog.show_chars,
        dialog.worker_name,
        dialog.structure_name,
        dialog.cancel_button,
        dialog.create_button,
    ]
    qtbot.keyClick(dialog.confirmation, Qt.Key.Key_Return)
    assert tab_stops(dialog, dialog.code) == [
        dialog.code,
        dialog.print_button,
        dialog.noted,
    ]
    assert dialog.code.accessibleName() == "Code de secours"


def test_labels_are_buddies_of_their_fields(dialog: CreateVaultDialog) -> None:
    buddies = {label.buddy() for label in dialog.findChildren(QLabel) if label.buddy()}
    assert {dialog.passphrase, dialog.confirmation, dialog.meter, dialog.code} <= buddies


@pytest.mark.parametrize(("lang", "worker_label"), [("fr", "Votre &nom :"),
                                                    ("en", "Your &name:")])
def test_the_workers_and_structures_names_are_asked_once_at_creation(
    qtbot: QtBot, qapp: Any, vaults: FakeVaults, lang: str, worker_label: str
) -> None:
    from conftest import interface_in
    from PySide6.QtWidgets import QLabel

    given: list[tuple[str, str]] = []
    with interface_in(qapp, lang):
        d = CreateVaultDialog(vaults.create, on_names=lambda w, s: given.append((w, s)))
        qtbot.addWidget(d)
        d.show()
        assert any(lab.text() == worker_label and lab.buddy() is d.worker_name
                   for lab in d.findChildren(QLabel))
        type_passphrase(qtbot, d, STRONG, STRONG)
        d.worker_name.setText("Camille Durand")
        d.structure_name.setText("CCAS de Montreuil")
        qtbot.mouseClick(d.create_button, Qt.MouseButton.LeftButton)
        d.noted.setChecked(True)
        qtbot.mouseClick(d.finish_button, Qt.MouseButton.LeftButton)
    assert given == [("Camille Durand", "CCAS de Montreuil")]
