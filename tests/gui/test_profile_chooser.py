"""Several workers on one laptop: the start screen lists the profiles (names only),
makes a new one, opens each by its own passphrase, and changing profile locks the
open one first. A wrong passphrase on one profile leaves the others untouched."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import CHEAP_KDF_ARGS
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QPushButton, QWidget

from accomp.app import GuiSession
from accomp.domain.errors import KnownError
from accomp.paths import AppPaths
from accomp.services import vaults
from accomp.ui.dialogs.create_vault import CreateVaultDialog
from accomp.ui.dialogs.profiles import Choice, ProfileDialog
from accomp.ui.dialogs.unlock import UnlockDialog

ANNE = "Anne-la-mediatrice ouvre son coffre 2026 !"
BRUNO = "Bruno garde le sien, bien a lui, 2026 !"
STRONG = "Trois-Chats-Gris dorment au soleil 2026 !"


@pytest.fixture(autouse=True)
def no_message_box(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("no message box expected")

    for kind in ("warning", "critical", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, refuse)


@pytest.fixture
def root(tmp_path: Path) -> AppPaths:
    return AppPaths.at(tmp_path / "accomp")


def _profiles(root: AppPaths, **secrets: str) -> dict[str, AppPaths]:
    out = {}
    for name, passphrase in secrets.items():
        paths = root.new_profile(name)
        vault, _code = vaults.create_vault(paths, passphrase,
                                           kdf=vaults.KdfParams(*CHEAP_KDF_ARGS),
                                           enforce_policy=False)
        vault.lock()
        out[name] = paths
    return out


def when_shown(kind: type[QWidget], act: Callable[[Any], None], tries: int = 500) -> None:
    """`act(dialog)` once a dialog of `kind` is on screen (its own loop running)."""
    def look(left: int) -> None:
        shown = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, kind) and w.isVisible()]
        if shown:
            act(shown[0])
        elif left:
            QTimer.singleShot(10, lambda: look(left - 1))

    QTimer.singleShot(0, lambda: look(tries))


def _pick(qtbot: Any, dialog: ProfileDialog, name: str) -> None:
    """Choose `name` in the list from the keyboard, then Enter."""
    dialog.profiles.setFocus()
    qtbot.keyClick(dialog.profiles, Qt.Key.Key_Home)
    while dialog.profiles.currentItem().text() != name:
        qtbot.keyClick(dialog.profiles, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.profiles, Qt.Key.Key_Return)


def _cheap_create(monkeypatch: pytest.MonkeyPatch) -> None:
    real = vaults.create_vault

    def create(paths: Any, passphrase: str, **kwargs: Any) -> Any:
        return real(paths, passphrase, kdf=vaults.KdfParams(*CHEAP_KDF_ARGS))

    monkeypatch.setattr(vaults, "create_vault", create)


# --- the dialog ------------------------------------------------------------------------


def test_the_list_shows_names_only_and_opens_from_the_keyboard(qtbot: Any) -> None:
    made: list[str] = []
    dialog = ProfileDialog(["Anne", "Bruno"], lambda n: made.append(n) or n)
    qtbot.addWidget(dialog)
    dialog.show()
    assert [dialog.profiles.item(i).text() for i in range(2)] == ["Anne", "Bruno"]
    assert not dialog.name_field.isVisible()  # the new profile's name: on demand
    for widget in [*dialog.findChildren(QPushButton), *dialog.findChildren(QLineEdit),
                   dialog.profiles]:
        assert widget.accessibleName(), widget
    _pick(qtbot, dialog, "Bruno")
    assert dialog.value == Choice("Bruno", created=False)
    assert not made


def test_a_new_profile_is_named_there_and_a_refused_name_is_said(qtbot: Any,
                                                                 root: AppPaths) -> None:
    root.new_profile("Anne")

    def create(name: str) -> str:
        return root.new_profile(name).data_dir.name

    dialog = ProfileDialog(root.profile_names(), create)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    assert dialog.name_field.isVisible()
    assert dialog.name_field.hasFocus() or not dialog.isActiveWindow()
    # The hint says the name is visible to anyone at this computer.
    assert "visible par toute personne" in dialog.name_hint.text()
    qtbot.keyClicks(dialog.name_field, "anne")
    qtbot.keyClick(dialog.name_field, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert "Un profil porte déjà ce nom" in dialog.message.text()
    dialog.name_field.clear()
    qtbot.keyClicks(dialog.name_field, "../Chloe")
    qtbot.keyClick(dialog.name_field, Qt.Key.Key_Return)
    assert "Nom de profil refusé" in dialog.message.text()
    assert "../Chloe" not in dialog.message.text()
    dialog.name_field.clear()
    qtbot.keyClicks(dialog.name_field, "Chloe")
    qtbot.keyClick(dialog.name_field, Qt.Key.Key_Return)
    assert dialog.value == Choice("Chloe", created=True)
    assert root.profile_names() == ["Anne", "Chloe"]
    dialog.grab().save(str(root.data_dir / "chooser.png"))


# --- the start of the application --------------------------------------------------------


def test_first_start_names_a_profile_then_creates_its_vault(qtbot: Any, root: AppPaths,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    _cheap_create(monkeypatch)

    def name_it(dialog: ProfileDialog) -> None:
        assert dialog.name_field.isVisible()  # no profile yet: straight to the name
        qtbot.keyClicks(dialog.name_field, "Anne")
        qtbot.keyClick(dialog.name_field, Qt.Key.Key_Return)
        when_shown(CreateVaultDialog, create)

    def create(dialog: CreateVaultDialog) -> None:
        qtbot.keyClicks(dialog.passphrase, STRONG)
        qtbot.keyClicks(dialog.confirmation, STRONG)
        dialog.create_button.click()
        dialog.noted.setChecked(True)
        dialog.finish_button.click()

    when_shown(ProfileDialog, name_it)
    session = GuiSession(None, demo=False, root=root)
    assert session.start()
    qtbot.addWidget(session.window)
    assert session.paths == root.profile("Anne")
    assert vaults.exists(root.profile("Anne"))
    assert session.window.vault_label.text() == "Anne"
    assert session.window.switch_profile_action.isVisible()
    session.close()


def test_a_new_profile_whose_vault_is_not_created_leaves_nothing(qtbot: Any, root: AppPaths
                                                                 ) -> None:
    _profiles(root, Anne=ANNE)
    steps: list[str] = []

    def new(dialog: ProfileDialog) -> None:
        steps.append("list")
        if len(steps) > 1:
            dialog.reject()  # back at the list: leave
            return
        dialog.new_button.click()
        qtbot.keyClicks(dialog.name_field, "Bruno")
        dialog.create_button.click()
        when_shown(CreateVaultDialog, lambda d: d.reject())
        when_shown(ProfileDialog, new, tries=1000)

    # Two profiles make the list show; the second is cancelled at its vault.
    (root.profiles_dir / "Zoé").mkdir()
    when_shown(ProfileDialog, new)
    session = GuiSession(None, demo=False, root=root)
    assert not session.start()
    assert steps == ["list", "list"]
    assert "Bruno" not in root.profile_names()


def test_with_one_profile_the_start_goes_straight_to_its_unlock(qtbot: Any, root: AppPaths,
                                                                fake_unlock: Any,
                                                                monkeypatch: pytest.MonkeyPatch
                                                                ) -> None:
    _profiles(root, Anne=ANNE)
    monkeypatch.setattr(ProfileDialog, "ask", classmethod(
        lambda *a, **k: pytest.fail("the list must not show for one profile")))
    fake = fake_unlock([ANNE])
    session = GuiSession(None, demo=False, root=root)
    assert session.start()
    qtbot.addWidget(session.window)
    assert "Anne" in fake.calls[0]["title"]
    assert fake.calls[0]["other_profile"] is not None  # "Autre profil…" is offered
    session.close()


def test_opening_one_of_two_profiles_asks_its_own_passphrase(qtbot: Any, root: AppPaths,
                                                             fake_unlock: Any) -> None:
    _profiles(root, Anne=ANNE, Bruno=BRUNO)
    fake = fake_unlock([BRUNO])
    when_shown(ProfileDialog, lambda d: _pick(qtbot, d, "Bruno"))
    session = GuiSession(None, demo=False, root=root)
    assert session.start()
    qtbot.addWidget(session.window)
    assert session.vault is not None
    assert session.vault.paths == root.profile("Bruno")
    assert "Bruno" in fake.calls[0]["title"]
    session.close()


def test_changing_profile_locks_the_open_one_first(qtbot: Any, root: AppPaths,
                                                   fake_unlock: Any) -> None:
    _profiles(root, Anne=ANNE, Bruno=BRUNO)
    fake_unlock([ANNE, BRUNO])
    when_shown(ProfileDialog, lambda d: _pick(qtbot, d, "Anne"))
    session = GuiSession(None, demo=False, root=root)
    assert session.start()
    anne_vault, anne_window = session.vault, session.window
    assert anne_vault is not None
    assert anne_window is not None
    qtbot.addWidget(anne_window)
    seen: dict[str, Any] = {}

    def chooser(dialog: ProfileDialog) -> None:
        seen["locked"] = anne_vault.is_locked
        seen["window hidden"] = not anne_window.isVisible()
        seen["current"] = dialog.profiles.currentItem().text()
        _pick(qtbot, dialog, "Bruno")

    when_shown(ProfileDialog, chooser)
    anne_window.switch_profile_action.trigger()
    qtbot.waitUntil(lambda: session.vault is not None and session.vault is not anne_vault,
                    timeout=10_000)
    assert seen == {"locked": True, "window hidden": True, "current": "Anne"}
    assert session.vault.paths == root.profile("Bruno")
    assert session.window is not anne_window
    qtbot.addWidget(session.window)
    assert session.window.vault_label.text() == "Bruno"
    session.close()


def test_wrong_passphrases_on_one_profile_leave_the_others_untouched(
    qtbot: Any, root: AppPaths,
) -> None:
    """The attacker tries Bruno's passphrase, then guesses, on Anne's profile: Anne's
    files are unchanged but for her own back-off count; Bruno opens at once."""
    from accomp.store import attempts

    profiles = _profiles(root, Anne=ANNE, Bruno=BRUNO)

    def files(paths: AppPaths) -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in paths.data_dir.iterdir() if p.is_file()}

    before = {name: files(p) for name, p in profiles.items()}
    lists: list[str] = []

    def chooser(dialog: ProfileDialog) -> None:
        lists.append(dialog.profiles.currentItem().text())
        if len(lists) == 1:
            _pick(qtbot, dialog, "Anne")
            when_shown(UnlockDialog, guess)
        else:
            _pick(qtbot, dialog, "Bruno")
            when_shown(UnlockDialog, bruno)

    def guess(dialog: UnlockDialog) -> None:
        for wrong in (BRUNO, "guess one", "guess two"):
            qtbot.keyClicks(dialog.secret, wrong)
            qtbot.keyClick(dialog.secret, Qt.Key.Key_Return)
            assert "Phrase de passe incorrecte" in dialog.message.text()
        assert dialog.profiles_button.isVisible()
        when_shown(ProfileDialog, chooser)
        qtbot.mouseClick(dialog.profiles_button, Qt.MouseButton.LeftButton)

    def bruno(dialog: UnlockDialog) -> None:
        assert not dialog.is_waiting()
        qtbot.keyClicks(dialog.secret, BRUNO)
        qtbot.keyClick(dialog.secret, Qt.Key.Key_Return)

    when_shown(ProfileDialog, chooser)
    session = GuiSession(None, demo=False, root=root)
    assert session.start()
    qtbot.addWidget(session.window)
    assert lists == ["Anne", "Anne"]
    assert session.vault is not None
    assert session.vault.paths == profiles["Bruno"]
    assert attempts.read(profiles["Anne"].data_dir).failures == 3
    assert attempts.read(profiles["Bruno"].data_dir).failures == 0
    after_anne = files(profiles["Anne"])
    assert after_anne.pop(attempts.FILE_NAME)
    assert after_anne == before["Anne"]
    session.close()
    with pytest.raises(KnownError):
        vaults.unlock(profiles["Anne"], BRUNO)


# --- a vault from before profiles --------------------------------------------------------


def test_a_vault_from_before_profiles_opens_as_the_first_profile(qtbot: Any, root: AppPaths,
                                                                 fake_unlock: Any) -> None:
    from accomp import app as app_module

    vault, _code = vaults.create_vault(root, ANNE, kdf=vaults.KdfParams(*CHEAP_KDF_ARGS),
                                       enforce_policy=False)
    vault.lock()
    assert app_module._migrate(root, "fr") == "Profil 1"
    fake = fake_unlock([ANNE])
    session = GuiSession(None, demo=False, root=root)
    assert session.start()
    qtbot.addWidget(session.window)
    assert session.vault is not None
    assert session.vault.paths == root.profile("Profil 1")
    assert "Profil 1" in fake.calls[0]["title"]
    session.close()


def test_a_move_that_fails_is_said_and_nothing_opens(root: AppPaths,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from accomp import app as app_module
    from accomp import paths as paths_module

    vault, _code = vaults.create_vault(root, ANNE, kdf=vaults.KdfParams(*CHEAP_KDF_ARGS),
                                       enforce_policy=False)
    vault.lock()
    key = root.key_file.read_bytes()
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: said.append(text))
    real = os.rename
    calls = {"n": 0}

    def failing(src: Any, dst: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("disk refused")
        real(src, dst)

    monkeypatch.setattr(paths_module.os, "rename", failing)
    assert app_module._migrate(root, "fr") is None
    assert said
    assert "rien n'est perdu" in said[0]
    assert root.key_file.read_bytes() == key  # vault.key moves last: still in place
    monkeypatch.setattr(paths_module.os, "rename", real)
    assert app_module._migrate(root, "fr") == "Profil 1"
    assert root.profile("Profil 1").key_file.read_bytes() == key
    vaults.unlock(root.profile("Profil 1"), ANNE).lock()
