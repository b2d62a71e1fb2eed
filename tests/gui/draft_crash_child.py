"""Child process for the crash test: the application as a worker runs it, with the
session form (argument "activity") or the file form ("beneficiary") open and a
note typed in it. Once the form's draft is in the vault
(written a moment after the last key, as the form does), prints "draft" and goes on
running until it is killed."""

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from accomp.app import GuiSession
from accomp.paths import AppPaths
from accomp.services import drafts
from accomp.ui.dialogs.beneficiary_form import BeneficiaryDialog
from accomp.ui.dialogs.unlock import UnlockDialog
from accomp.ui.views.activity_form import ActivityDialog

data_dir, passphrase, note, form = sys.argv[1:5]
app = QApplication([])
UnlockDialog.ask = classmethod(  # type: ignore[method-assign]
    lambda cls, parent, unlock, **k: unlock(passphrase))
session = GuiSession(AppPaths.at(data_dir), demo=False)
assert session.start()


def type_note() -> None:
    kind = ActivityDialog if form == "activity" else BeneficiaryDialog
    forms = [w for w in app.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    if not forms:
        QTimer.singleShot(50, type_note)
        return
    if isinstance(forms[0], ActivityDialog):
        forms[0].form.themes.set_keys(["Email"])
        QTest.keyClicks(forms[0].form.notes, note)
    else:
        dialog = forms[0]
        dialog.legal_basis.setCurrentIndex(dialog.legal_basis.findData("MissionInteretPublic"))
        QTest.keyClicks(dialog.informed_on, "01/10/2026")
        QTest.keyClicks(dialog.notes, note)
    QTimer.singleShot(100, say_when_kept)


def say_when_kept() -> None:
    assert session.vault is not None
    if drafts.list_drafts(session.vault):
        print("draft", flush=True)
    else:
        QTimer.singleShot(100, say_when_kept)


window = session.window
assert window is not None
if form == "activity":
    QTimer.singleShot(0, window.journal.new_activity)
else:
    window.show_page(window.PAGE_BENEFICIARIES)
    QTimer.singleShot(0, window.beneficiaries.new_beneficiary)
QTimer.singleShot(50, type_note)
app.exec()
