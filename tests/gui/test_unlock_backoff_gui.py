"""The persistent back-off seen from the unlock screen: failures made before the
program restarted still owe their wait, which the screen says instead of freezing."""

from __future__ import annotations

import pytest
from conftest import PASSPHRASE
from PySide6.QtCore import Qt

from accomp.domain.errors import KnownError
from accomp.services import vaults
from accomp.ui.dialogs.unlock import UnlockDialog


def test_failures_before_a_restart_still_owe_their_wait(qtbot, vault, paths, backoff_clock):
    vault.lock()
    for _ in range(4):  # an earlier run of the program, or the command line
        with pytest.raises(KnownError):
            vaults.unlock(paths, "not the passphrase")
    backoff_clock.slept.clear()

    def unlock(passphrase: str):
        return vaults.unlock(paths, passphrase, check_later=True, wait=False)

    d = UnlockDialog(unlock)
    qtbot.addWidget(d)
    d.show()
    qtbot.keyClicks(d.secret, PASSPHRASE)
    qtbot.keyClick(d.secret, Qt.Key.Key_Return)
    assert d.isVisible()
    assert d.message.text() == "Trop d'essais : patientez 2 s avant de réessayer."
    assert backoff_clock.slept == []  # refused at once: the window never froze
    backoff_clock.t += 2
    with qtbot.waitSignal(d.accepted, timeout=5000):
        qtbot.keyClicks(d.secret, PASSPHRASE)
        qtbot.keyClick(d.secret, Qt.Key.Key_Return)
    d.value.lock()
