"""`accomp --demo`: a throwaway vault full of synthetic data, marked DÉMO."""

from __future__ import annotations

from typing import Any

from conftest import FakeUnlock, interface_in

from accomp import app
from accomp.services import activities, vaults


def test_demo_session_shows_the_demo_vaults_activities(qtbot, paths, monkeypatch, fake_unlock):
    real_create = vaults.create_vault

    def cheap_create(p: Any, passphrase: str, **kwargs: Any) -> Any:
        return real_create(p, passphrase, kdf=vaults.KdfParams(1, 1024, 1),
                           enforce_policy=False)

    monkeypatch.setattr(vaults, "create_vault", cheap_create)
    app._make_demo_vault(paths)
    unlock = fake_unlock([FakeUnlock.DEMO])
    session = app.GuiSession(paths, demo=True)
    assert session.start()
    window = session.window
    qtbot.addWidget(window)
    assert unlock.calls[0]["demo"] is True
    assert window.demo_marker.isVisible()
    assert "DÉMO" in window.windowTitle()
    total = activities.count_activities(session.vault)
    assert 2900 <= total <= 3100
    qtbot.waitUntil(lambda: window.journal.model.rowCount() > 0)
    # Lazily fetched: the first screen, not the whole journal.
    assert window.journal.model.rowCount() < total
    assert window.journal.model.total() == total
    window.resize(1100, 700)
    session.vault.lock()


def test_the_demo_status_label_speaks_the_interface_language(qtbot, qapp, paths, monkeypatch,
                                                             fake_unlock):
    from accomp.services.generators import demo as demo_service

    real_create = vaults.create_vault
    monkeypatch.setattr(vaults, "create_vault", lambda p, passphrase, **kw: real_create(
        p, passphrase, kdf=vaults.KdfParams(1, 1024, 1), enforce_policy=False))
    monkeypatch.setattr(demo_service, "generate_demo", lambda vault, **kw: None)
    app._make_demo_vault(paths)
    fake_unlock([FakeUnlock.DEMO, FakeUnlock.DEMO])
    shown = {}
    for lang in ("en", "fr"):
        with interface_in(qapp, lang):
            session = app.GuiSession(paths, demo=True)
            assert session.start()
            qtbot.addWidget(session.window)
            shown[lang] = session.window.vault_label.text()
            session.close()
    assert shown == {"en": "DEMO", "fr": "DÉMO"}
