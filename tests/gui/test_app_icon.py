"""The application has its own icon (title bars, task bar, Alt+Tab), read from the
package's resources so that the wheel and the bundle show it too."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QIcon

from accomp import app as app_module
from accomp.ui.app_icon import SIZES, application_icon


def test_the_icon_is_drawn_at_every_size_from_the_packaged_svg(qapp: Any) -> None:
    icon = application_icon()
    assert not icon.isNull()
    assert {s.width() for s in icon.availableSizes()} == set(SIZES)
    image = icon.pixmap(48, 48).toImage()
    opaque = sum(image.pixelColor(x, y).alpha() > 0 for x in range(48) for y in range(48))
    assert opaque > 48 * 48 // 4  # something is drawn, not an empty square


def test_run_gui_sets_it_on_the_application(qapp: Any, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr("accomp.ui.i18n.install_translators", lambda app, lang: None)
    monkeypatch.setattr(app_module, "_make_demo_vault", lambda paths: None)
    monkeypatch.setattr(app_module.GuiSession, "__init__", lambda self, *a, **k: None)
    monkeypatch.setattr(app_module.GuiSession, "start", lambda self: False)
    monkeypatch.setattr(app_module.GuiSession, "close", lambda self: None)
    qapp.setWindowIcon(QIcon())
    try:
        assert app_module.run_gui(None, demo=True, lang="fr") == 0
        assert not qapp.windowIcon().isNull()
        assert {s.width() for s in qapp.windowIcon().availableSizes()} == set(SIZES)
    finally:
        qapp.setWindowIcon(QIcon())
