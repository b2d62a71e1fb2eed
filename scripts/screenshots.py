#!/usr/bin/env python3
"""Regenerate the screenshots of docs/ on a fresh demo vault.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py [--out docs] [--lang fr]

Builds a throwaway demo vault (synthetic data only), opens the main window at
1366x768 (a common laptop screen, where it opens maximised) and saves one PNG per main
screen, plus the activity form and the workshop form (administrative topics open; the
workshop at 1280x720), the journal on an 800x600 screen, the vault creation and the
unlock screens.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ACCOMP_KDF_FLOOR", "1,1024,1")  # the throwaway vault's cheap KDF

SIZE = (1366, 768)
SCREENS = {
    0: "main_window.png",
    1: "beneficiaries.png",
    2: "dashboard.png",
    3: "exports.png",
    4: "settings.png",
    5: "privacy.png",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs"))
    parser.add_argument("--lang", choices=("fr", "en"), default="fr")
    args = parser.parse_args(argv)

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from accomp.app import DEMO_PASSPHRASE
    from accomp.paths import AppPaths
    from accomp.services import vaults
    from accomp.services.generators import demo
    from accomp.ui.dialogs.create_vault import CreateVaultDialog
    from accomp.ui.dialogs.unlock import UnlockDialog
    from accomp.ui.i18n import install_translators
    from accomp.ui.main_window import MainWindow
    from accomp.ui.views.activity_form import ActivityDialog

    app = QApplication.instance() or QApplication(sys.argv)
    install_translators(app, args.lang)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="accomp-shots-") as tmp:
        vault, _code = vaults.create_vault(
            AppPaths.at(Path(tmp) / "coffre"), "screenshots", kdf=vaults.KdfParams(1, 1024, 1),
            enforce_policy=False,
        )
        demo.generate_demo(vault, seed=1, activities=3000)
        window = MainWindow(vault, demo=True,
                            vault_label=QCoreApplication.translate("widgets", "DÉMO"))
        window.resize(*SIZE)
        window.show()
        for index, name in SCREENS.items():
            if index >= window.pages.count():
                continue
            window.show_page(index)
            page = window.pages.currentWidget()
            for _ in range(20):
                app.processEvents()
            busy = getattr(page, "is_busy", None)
            for _ in range(500):  # a page reading in a worker thread: until it is drawn
                if not (callable(busy) and busy()):
                    break
                app.processEvents()
                time.sleep(0.02)
            if index == 1 and page.model.rowCount():
                page.show_beneficiary(page.model.beneficiary_id(0))
            for _ in range(20):
                app.processEvents()
            window.grab().save(str(args.out / name))
            print(args.out / name)
        window.show_page(0)  # the journal on a small screen, the window maximised
        window.resize(800, 600)
        for _ in range(20):
            app.processEvents()
        window.grab().save(str(args.out / "journal_800x600.png"))
        print(args.out / "journal_800x600.png")
        for kind, name in (("Individuel", "activity_form.png"),
                           ("Collectif", "workshop_form.png")):
            dialog = ActivityDialog(vault, kind=kind)
            dialog.form.themes.set_keys(["AideAuxDemarchesAdministratives", "Email"])
            if kind == "Individuel":
                dialog.resize(SIZE[0] - 86, SIZE[1] - 48)  # within the screen, less the frame
            else:  # the workshop on the smallest laptop it must fit whole (issue 14)
                dialog.resize(1280, 720 - 60)
            dialog.show()
            for _ in range(20):
                app.processEvents()
            dialog.grab().save(str(args.out / name))
            print(args.out / name)
            dialog.form.themes.set_keys([])
            dialog.done(0)
        for shown, name in ((CreateVaultDialog(lambda p: ""), "create_vault.png"),
                            (UnlockDialog(lambda p: None, demo=True,
                                          demo_passphrase=DEMO_PASSPHRASE), "unlock.png")):
            shown.show()
            for _ in range(20):
                app.processEvents()
            shown.grab().save(str(args.out / name))
            print(args.out / name)
            shown.done(0)
        window.close()
        vault.lock()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
