"""Composition root: paths -> vault -> services -> Qt.

Heavy modules (Qt, SQLAlchemy) are imported here, when the GUI actually starts, so
that the command line stays quick.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import sys
import tempfile
from pathlib import Path

from accomp.paths import AppPaths

log = logging.getLogger("accomp.app")

# The demo vault is throwaway and its passphrase is printed on the unlock screen.
DEMO_PASSPHRASE = "demo accomp mediation journal essai local fictif"  # noqa: S105


def run_gui(paths: AppPaths | None, *, demo: bool, lang: str) -> int:
    from PySide6.QtWidgets import QApplication

    from accomp.ui.i18n import install_translators

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("accomp")
    install_translators(app, lang)
    demo_dir: Path | None = None
    try:
        if demo:
            demo_dir = Path(tempfile.mkdtemp(prefix="accomp-demo-"))
            paths = AppPaths.at(demo_dir / "coffre")
            _make_demo_vault(paths)
        assert paths is not None
        session = GuiSession(paths, demo=demo)
        if not session.start():
            return 0
        return app.exec()
    finally:
        if demo_dir is not None:
            shutil.rmtree(demo_dir, ignore_errors=True)


def _make_demo_vault(paths: AppPaths) -> None:
    from accomp.services import demo, vaults

    vault, _code = vaults.create_vault(paths, DEMO_PASSPHRASE, enforce_policy=False)
    try:
        demo.generate_demo(vault)
    finally:
        vault.lock()


class GuiSession:
    """Create or unlock the vault, show the main window, lock and unlock again."""

    def __init__(self, paths: AppPaths, *, demo: bool) -> None:
        self.paths = paths
        self.demo = demo
        self.window: object | None = None
        self.vault: object | None = None

    def start(self) -> bool:
        from accomp.services import vaults

        vault = self._unlock() if vaults.exists(self.paths) else self._create()
        if vault is None:
            return False
        self._show(vault)
        return True

    def _create(self) -> object | None:
        from accomp.services import vaults
        from accomp.ui.dialogs.create_vault import CreateVaultDialog

        created: list[object] = []

        def create(passphrase: str) -> str:
            vault, code = vaults.create_vault(self.paths, passphrase)
            created.append(vault)
            return code

        if not CreateVaultDialog.ask(None, create) or not created:
            for v in created:
                v.lock()  # type: ignore[attr-defined]
            return None
        return created[0]

    def _unlock(self) -> object | None:
        from accomp.services import vaults
        from accomp.ui.dialogs.unlock import UnlockDialog

        return UnlockDialog.ask(
            None,
            lambda p: vaults.unlock(self.paths, p),
            unlock_recovery=lambda c: vaults.unlock_with_recovery(self.paths, c),
            demo=self.demo,
            demo_passphrase=DEMO_PASSPHRASE if self.demo else "",
        )

    def _show(self, vault: object) -> None:
        from accomp.ui.main_window import MainWindow

        self.vault = vault
        label = "DÉMO" if self.demo else self.paths.data_dir.name
        window = MainWindow(vault, demo=self.demo, vault_label=label)  # type: ignore[arg-type]
        window.lock_requested.connect(self.lock)
        window.show()
        self.window = window

    def lock(self) -> None:
        window = self.window
        if window is not None:
            window.clear_sensitive()  # type: ignore[attr-defined]
            window.hide()  # type: ignore[attr-defined]
        if self.vault is not None:
            self.vault.lock()  # type: ignore[attr-defined]
            self.vault = None
        log.info("locked")
        vault = self._unlock()
        if vault is None:
            if window is not None:
                with contextlib.suppress(RuntimeError):
                    window.close()  # type: ignore[attr-defined]
            return
        if window is not None:
            window.deleteLater()  # type: ignore[attr-defined]
        self._show(vault)
