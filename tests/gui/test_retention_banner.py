"""The retention reminder as a worker meets it after unlocking: a band in the window
(not a box to dismiss at every unlock) that counts what passed its retention period,
names the page as the navigation does, and whose button opens that page's
Conservation tab. In French and in English."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import interface_in
from PySide6.QtWidgets import QApplication, QMessageBox, QTabWidget

from accomp.paths import AppPaths
from accomp.services import lifecycle, vaults
from accomp.ui.main_window import MainWindow


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[vaults.Vault]:
    v, _ = vaults.create_vault(
        AppPaths.at(tmp_path / "v"), "x", kdf=vaults.KdfParams(1, 1024, 1),
        enforce_policy=False,
    )
    yield v
    v.lock()


@pytest.mark.parametrize(("lang", "count", "where"), [
    ("fr", "durée de conservation : 55.", "Confidentialité › Conservation"),
    ("en", "55 items have passed", "Privacy › Retention"),
])
def test_the_banner_counts_names_the_page_and_opens_its_tab(
    qtbot: Any, qapp: Any, vault: vaults.Vault, monkeypatch: pytest.MonkeyPatch, lang: str,
    count: str, where: str,
) -> None:
    with interface_in(qapp, lang):
        window = MainWindow(vault)
        qtbot.addWidget(window)
        window.show()
        banner = window.retention_banner
        with monkeypatch.context() as m:
            m.setattr(lifecycle, "due_for_retention",
                      lambda vault, today=None: [object()] * 55)
            banner.check(vault)
        assert banner.isVisible()
        assert count in banner.text.text()
        assert where in banner.text.text()
        assert where in banner.review_button.text()
        assert QApplication.activeModalWidget() is None  # nothing to dismiss first
        assert not window.findChildren(QMessageBox)
        # The journal stays usable under it.
        assert window.pages.currentIndex() == MainWindow.PAGE_JOURNAL

        banner.review_button.click()
        assert window.pages.currentIndex() == MainWindow.PAGE_PRIVACY
        tabs = window.privacy.findChild(QTabWidget)
        assert tabs is not None
        assert tabs.tabText(tabs.currentIndex()).replace("&", "") == where.split(" › ")[1]
        assert not banner.isVisible()


def test_nothing_due_shows_no_band_and_later_hides_it(
    qtbot: Any, vault: vaults.Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(vault)
    qtbot.addWidget(window)
    window.show()
    window.retention_banner.check(vault)
    assert not window.retention_banner.isVisible()
    window.retention_banner.show_due(3)
    window.retention_banner.later_button.click()
    assert not window.retention_banner.isVisible()


def test_the_band_follows_a_change_of_language(
    qtbot: Any, qapp: Any, vault: vaults.Vault
) -> None:
    window = MainWindow(vault)
    qtbot.addWidget(window)
    window.retention_banner.show_due(1)
    assert "durée de conservation : 1." in window.retention_banner.text.text()
    with interface_in(qapp, "en"):
        qtbot.waitUntil(lambda: "1 item has passed" in window.retention_banner.text.text())
