"""A crash or a power cut with a form open loses at most the last seconds of
typing: the program is killed (SIGKILL, no clean-up of any kind) while the session
form holds a note, and at the next start the draft is offered and saved intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from conftest import PASSPHRASE
from test_lock_drafts import Screens, _finish, _start, when_shown

from accomp.services import activities, beneficiaries, drafts
from accomp.ui.dialogs.beneficiary_form import BeneficiaryDialog
from accomp.ui.views.activity_form import ActivityDialog

HERE = Path(__file__).parent
NOTE = "Note tapee juste avant la coupure"

pytestmark = [
    pytest.mark.qt_log_ignore(r"This plugin does not support"),
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL"),
]


def _run_until_a_draft_is_kept_then_kill(paths: Any, form: str) -> None:
    child = subprocess.Popen(
        [sys.executable, str(HERE / "draft_crash_child.py"), str(paths.data_dir), PASSPHRASE,
         NOTE, form],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    watchdog = threading.Timer(60, child.kill)  # a child that never says "draft"
    watchdog.start()
    try:
        assert child.stdout is not None
        said = child.stdout.readline().strip()
        if said != "draft":
            child.kill()
            pytest.fail(f"the child did not keep a draft: {child.communicate()[1][-2000:]}")
        os.kill(child.pid, signal.SIGKILL)
        child.communicate()
    finally:
        watchdog.cancel()
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL


def test_a_form_open_when_the_program_is_killed_is_offered_at_the_next_start(
    qtbot, make_vault, paths, monkeypatch
):
    make_vault().lock()
    _run_until_a_draft_is_kept_then_kill(paths, "activity")

    screens = Screens(monkeypatch)
    kept: dict[str, Any] = {}

    def resumed(dialog: ActivityDialog) -> None:
        kept["notes"] = dialog.form.notes.toPlainText()
        dialog.save_button.click()
        if dialog.isVisible():  # refused: say why rather than wait for the idle lock
            kept["refused"] = dialog.form.message.text()
            dialog.done(0)

    screens.on_offer = lambda: when_shown(ActivityDialog, resumed)
    session = _start(paths, qtbot)
    qtbot.waitUntil(lambda: "notes" in kept, timeout=10_000)

    [offered] = screens.offered
    assert (offered.kind, offered.fields["notes"]) == ("activity", NOTE)
    assert kept["notes"] == NOTE
    assert "refused" not in kept
    [row] = activities.list_activities(session.vault)
    assert activities.get_activity(session.vault, row.id).notes == NOTE
    assert drafts.list_drafts(session.vault) == []
    _finish(session, qtbot)


def test_a_file_form_open_when_the_program_is_killed_is_offered_at_the_next_start(
    qtbot, make_vault, paths, monkeypatch
):
    make_vault().lock()
    _run_until_a_draft_is_kept_then_kill(paths, "beneficiary")

    screens = Screens(monkeypatch)
    kept: dict[str, Any] = {}

    def resumed(dialog: BeneficiaryDialog) -> None:
        kept["notes"] = dialog.notes.toPlainText()
        dialog.save_button.click()
        if dialog.isVisible():
            kept["refused"] = dialog.message.text()
            dialog.done(0)

    screens.on_offer = lambda: when_shown(BeneficiaryDialog, resumed)
    session = _start(paths, qtbot)
    qtbot.waitUntil(lambda: "notes" in kept, timeout=10_000)

    assert [d.kind for d in screens.offered] == ["beneficiary"]
    assert kept == {"notes": NOTE}
    shown = session.window.beneficiaries.file_view.current_id()
    assert shown is not None
    assert beneficiaries.get_beneficiary(session.vault, shown).notes == NOTE
    _finish(session, qtbot)
