"""The CI start-up check (ACCOMP_SMOKE_QUIT): it types the demo passphrase once the
unlock screen is painted, and asks to quit once the main window is painted; it is
not offered in the user's help."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from accomp.cli import build_parser
from accomp.ui import smoke
from accomp.ui.dialogs.unlock import UnlockDialog


def test_smoke_driver_unlocks_the_painted_unlock_dialog(qtbot: Any) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    typed: list[str] = []
    dialog = UnlockDialog(lambda p: typed.append(p) or "vault", demo=True)
    qtbot.addWidget(dialog)
    driver = smoke.install(app, "the demo passphrase")
    try:
        dialog.show()
        qtbot.waitUntil(lambda: typed == ["the demo passphrase"])
        assert dialog.value == "vault"
    finally:
        app.removeEventFilter(driver)
        driver.deleteLater()


def test_smoke_is_asked_by_the_environment_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(smoke.ENV, raising=False)
    assert not smoke.requested()
    monkeypatch.setenv(smoke.ENV, "1")
    assert smoke.requested()
    assert "SMOKE" not in build_parser().format_help().upper()
