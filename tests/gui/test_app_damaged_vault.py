"""The application's unlock of a damaged vault left by a crash (its -wal beside it):
the window opens read-only and, until the worker quits, not a byte of vault.db or of
its log changes — no save, no checkpoint when the connection closes."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import PASSPHRASE, an_activity, canary_beneficiary, flip_bytes_in_a_data_page

from accomp.app import GuiSession
from accomp.services import activities

WRITER = Path(__file__).parent.parent / "unit" / "crash_writer.py"


def _state(paths) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(paths.data_dir.iterdir()) if p.name.startswith("vault.db")}


def _kill_while_writing(paths) -> None:
    proc = subprocess.Popen([sys.executable, str(WRITER), str(paths.data_dir), PASSPHRASE],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    deadline = time.monotonic() + 0.5
    while time.monotonic() < deadline and proc.stdout.readline():
        pass
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()


def test_the_app_unlocking_a_damaged_crashed_vault_writes_zero_bytes(
    qtbot, make_vault, paths, monkeypatch, fake_unlock,
):
    from PySide6.QtWidgets import QMessageBox

    vault = make_vault()
    b = canary_beneficiary(vault)
    for i in range(60):
        activities.log_activity(vault, an_activity(beneficiary_id=b.id, notes="n" * 200 + str(i)))
    vault.lock()
    _kill_while_writing(paths)
    assert paths.db.with_name("vault.db-wal").exists()
    flip_bytes_in_a_data_page(paths.db)
    before = _state(paths)

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text, *a, **k: warnings.append(text))
    fake_unlock([PASSPHRASE])
    session = GuiSession(paths, demo=False)
    assert session.start()
    qtbot.addWidget(session.window)
    qtbot.waitUntil(lambda: bool(warnings), timeout=10_000)
    assert session.vault is not None
    assert session.vault.read_only
    assert not session.window.journal.new_action.isEnabled()
    session.close()
    assert _state(paths) == before
