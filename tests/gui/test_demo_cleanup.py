"""`accomp --demo` works in a temporary folder that is removed however the program
ends: closed normally, cancelled at the unlock screen, or stopped by SIGTERM or
SIGINT (`kill -TERM`, Ctrl+C in the terminal), whether the demo vault is still
being filled or the window is already up. It used to stay behind on a signal."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import CHEAP_KDF_ARGS
from PySide6.QtCore import QCoreApplication, QTimer

from accomp import app as app_module
from accomp.paths import AppPaths

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (raise|grabbing|propagate)")


@pytest.fixture
def temp_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Temporary folders made in the test's own; the interface language (global:
    translators, default locale) left as the other tests expect it."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr("accomp.ui.i18n.install_translators", lambda app, lang: None)
    return tmp_path


def cheap_demo_vault(then: Callable[[], None] = lambda: None) -> Callable[[AppPaths], None]:
    def make(paths: AppPaths) -> None:
        from accomp.services import vaults

        vault, _ = vaults.create_vault(paths, app_module.DEMO_PASSPHRASE,
                                       kdf=vaults.KdfParams(*CHEAP_KDF_ARGS),
                                       enforce_policy=False)
        vault.lock()
        then()

    return make


def session_start(monkeypatch: pytest.MonkeyPatch, result: bool,
                  in_loop: Callable[[], None] | None = None) -> list[Path]:
    """GuiSession.start stands in for the unlock dialog: it records the demo folder,
    and schedules `in_loop` once the application's event loop runs."""
    seen: list[Path] = []

    def start(self: Any) -> bool:
        seen.append(self.paths.data_dir)
        assert self.paths.key_file.exists()
        if in_loop is not None:
            QTimer.singleShot(0, in_loop)
        return result

    monkeypatch.setattr(app_module.GuiSession, "start", start)
    return seen


def demo_folders(root: Path) -> list[Path]:
    return list(root.glob("accomp-demo-*"))


def test_the_folder_goes_when_the_window_is_closed(qapp, temp_root, monkeypatch):
    monkeypatch.setattr(app_module, "_make_demo_vault", cheap_demo_vault())
    seen = session_start(monkeypatch, True, in_loop=QCoreApplication.quit)
    assert app_module.run_gui(None, demo=True, lang="fr") == 0
    assert seen
    assert seen[0].parent.parent == temp_root
    assert demo_folders(temp_root) == []


def test_the_folder_goes_when_the_unlock_screen_is_cancelled(qapp, temp_root, monkeypatch):
    monkeypatch.setattr(app_module, "_make_demo_vault", cheap_demo_vault())
    seen = session_start(monkeypatch, False)
    assert app_module.run_gui(None, demo=True, lang="fr") == 0
    assert seen
    assert demo_folders(temp_root) == []


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_in_the_event_loop_ends_the_program_and_removes_the_folder(
    qapp, temp_root, monkeypatch, signum
):
    previous = signal.getsignal(signum)
    monkeypatch.setattr(app_module, "_make_demo_vault", cheap_demo_vault())
    session_start(monkeypatch, True, in_loop=lambda: os.kill(os.getpid(), signum))
    assert app_module.run_gui(None, demo=True, lang="fr") == 128 + signum
    assert demo_folders(temp_root) == []
    assert signal.getsignal(signum) == previous  # the test run's own handler is back


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_while_the_demo_is_filled_removes_the_folder(
    qapp, temp_root, monkeypatch, signum
):
    monkeypatch.setattr(app_module, "_make_demo_vault",
                        cheap_demo_vault(lambda: os.kill(os.getpid(), signum)))
    seen = session_start(monkeypatch, True)
    with pytest.raises(SystemExit) as info:
        app_module.run_gui(None, demo=True, lang="fr")
    assert info.value.code == 128 + signum
    assert seen == []
    assert demo_folders(temp_root) == []


# --- the real program, stopped by a real signal -------------------------------------------


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def _start_demo(root: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ, TMPDIR=str(root), QT_QPA_PLATFORM="offscreen", ACCOMP_LANG="fr")
    # -P and another folder: the installed program, not the checkout's accomp/ (which
    # has no accomp.resources), as a user runs it.
    return subprocess.Popen([sys.executable, "-P", "-m", "accomp", "--demo"], env=env,
                            cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _wait_for(condition: Callable[[], bool], proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 180  # a guard against a hang, not a measure
    while not condition():
        if proc.poll() is not None or time.monotonic() > deadline:
            if proc.poll() is None:
                proc.kill()
            _, err = proc.communicate()  # (closes the pipe)
            pytest.fail(f"the demo stopped or never got there: {err[-3000:]!r}")
        time.sleep(0.1)


def _stop(proc: subprocess.Popen[bytes], signum: int) -> tuple[int, bytes]:
    proc.send_signal(signum)
    try:
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    return proc.returncode, err


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_kill_term_of_the_waiting_demo_window_removes_its_folder(tmp_path):
    proc = _start_demo(tmp_path)
    ticks: list[int] = []

    def idle_at_the_unlock_screen() -> bool:
        # the vault made, then the process stops using the processor: it waits
        # for a passphrase in the unlock dialog's event loop
        if not list(tmp_path.glob("accomp-demo-*/coffre/vault.key")):
            return False
        ticks.append(_cpu_ticks(proc.pid))
        return len(ticks) > 10 and len(set(ticks[-10:])) == 1

    _wait_for(idle_at_the_unlock_screen, proc)
    status, err = _stop(proc, signal.SIGTERM)
    assert status == 128 + signal.SIGTERM
    assert b"Traceback" not in err
    assert demo_folders(tmp_path) == []


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_kill_term_while_the_demo_is_filled_removes_its_folder(tmp_path):
    proc = _start_demo(tmp_path)
    _wait_for(lambda: bool(list(tmp_path.glob("accomp-demo-*/coffre/vault.db"))), proc)
    status, err = _stop(proc, signal.SIGTERM)
    assert status == 128 + signal.SIGTERM
    assert b"Traceback" not in err
    assert demo_folders(tmp_path) == []
