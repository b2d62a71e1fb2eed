"""The window opens at a sensible size on a first start (maximised on a laptop's
1366×768, a share of a larger screen), and where the worker left it afterwards, with
the beneficiaries page's splitter where it was dragged."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect

from accomp.paths import AppPaths
from accomp.services import vaults
from accomp.ui import window_state
from accomp.ui.main_window import MainWindow


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[vaults.Vault]:
    v, _ = vaults.create_vault(
        AppPaths.at(tmp_path / "v"), "x", kdf=vaults.KdfParams(1, 1024, 1),
        enforce_policy=False,
    )
    yield v
    v.lock()


def test_a_laptop_screen_opens_maximised_a_large_one_at_four_fifths() -> None:
    rect, maximised = window_state.default_geometry(QRect(0, 0, 1366, 740))
    assert maximised
    rect, maximised = window_state.default_geometry(QRect(0, 0, 2560, 1400))
    assert not maximised
    assert (rect.width(), rect.height()) == (2048, 1120)
    assert rect.center() == QRect(0, 0, 2560, 1400).center()


def test_first_start_is_not_the_old_1094_by_397(qtbot: Any, vault: vaults.Vault) -> None:
    window = MainWindow(vault)
    qtbot.addWidget(window)
    window.show_restored()
    screen = window.screen().availableGeometry()
    assert window.isMaximized() or window.width() >= int(screen.width() * 0.8) - 1


def test_size_position_and_splitter_are_remembered(qtbot: Any, vault: vaults.Vault) -> None:
    window = MainWindow(vault)
    qtbot.addWidget(window)
    window.show_restored()
    window.showNormal()
    window.setGeometry(40, 50, 1200, 600)
    window.show_page(MainWindow.PAGE_BENEFICIARIES)
    splitter = window.beneficiaries.splitter
    qtbot.waitUntil(lambda: splitter.sizes()[0] > 0)
    splitter.setSizes([400, splitter.width() - 400])
    kept = splitter.sizes()
    window.close()  # hides it: the state is saved

    again = MainWindow(vault)
    qtbot.addWidget(again)
    again.show_restored()
    assert not again.isMaximized()
    # The offscreen screen is narrower than the window's minimum: restoring keeps
    # the height it had, pulled back onto the screen.
    assert again.height() == 600
    again.show_page(MainWindow.PAGE_BENEFICIARIES)
    qtbot.waitUntil(lambda: again.beneficiaries.splitter.sizes()[0] > 0)
    assert again.beneficiaries.splitter.sizes()[0] == kept[0]
