#!/usr/bin/env python3
"""Screenshot of the merge dialog (docs/merge_files.png), on a throwaway vault with
two synthetic files of one person.

    QT_QPA_PLATFORM=offscreen python scripts/screenshot_merge.py [--out docs] [--lang fr]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ACCOMP_KDF_FLOOR", "1,1024,1")  # the throwaway vault's cheap KDF

MAX_SIZE = (1280, 720)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs"))
    parser.add_argument("--lang", choices=("fr", "en"), default="fr")
    args = parser.parse_args(argv)

    from PySide6.QtWidgets import QApplication

    from accomp.domain.consent import Purpose
    from accomp.paths import AppPaths
    from accomp.services import activities, beneficiaries, consents, merge, vaults
    from accomp.ui.dialogs.merge_files import MergeFilesDialog
    from accomp.ui.i18n import install_translators

    app = QApplication.instance() or QApplication(sys.argv)
    install_translators(app, args.lang)
    today = dt.date(2026, 11, 28)
    at = dt.datetime(2026, 11, 2, 10, tzinfo=dt.UTC)
    with tempfile.TemporaryDirectory(prefix="accomp-shots-") as tmp:
        vault, _code = vaults.create_vault(
            AppPaths.at(Path(tmp) / "coffre"), "screenshots", kdf=vaults.KdfParams(1, 1024, 1),
            enforce_policy=False)
        basis = {"legal_basis": "MissionInteretPublic", "informed_on": "2026-03-02",
                 "gender": "Feminin", "social_status": "Retraite"}
        kept = beneficiaries.create_beneficiary(vault, {
            "first_name": "Marie", "last_name": "Exemple", "phone": "06 00 00 00 01",
            "birth_year": 1958, "commune": {"name": "Villeurbanne", "postal_code": "69100"},
            **basis}, today=today)
        absorbed = beneficiaries.create_beneficiary(vault, {
            "first_name": "Marie", "last_name": "Exemple-Modèle", "phone": "07 00 00 00 02",
            "email": "marie.exemple@example.org", "birth_year": 1958, **basis}, today=today)
        for bid, day in ((kept.id, "2026-10-05"), (absorbed.id, "2026-11-12"),
                         (absorbed.id, "2026-11-19")):
            activities.log_activity(vault, {
                "date": day, "duration_min": 45, "place_type": "LieuActivite",
                "themes": ["Email"], "beneficiary_id": bid, "autonomy": "Autonome"},
                today=today, at=at)
        consents.give_consent(vault, kept.id, Purpose.NOTES, at=at)
        consents.give_consent(vault, absorbed.id, Purpose.NOTES, at=at)
        consents.withdraw_consent(vault, absorbed.id, Purpose.NOTES,
                                  at=at + dt.timedelta(days=5))
        consents.give_consent(vault, absorbed.id, Purpose.FOLLOW_UP_CONTACT, at=at)
        dialog = MergeFilesDialog(vault, kept.id, absorbed.id,
                                  merge.preview(vault, kept.id, absorbed.id, today=today),
                                  today=today)
        dialog.show()
        app.processEvents()
        width, height = dialog.width(), dialog.height()
        if width > MAX_SIZE[0] or height > MAX_SIZE[1]:
            print(f"too large for {MAX_SIZE}: {width}x{height}", file=sys.stderr)
            return 1
        args.out.mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(args.out / "merge_files.png"))
        print(f"merge_files.png {width}x{height}")
        dialog.close()
        vault.lock()
    return 0


if __name__ == "__main__":
    sys.exit(main())
