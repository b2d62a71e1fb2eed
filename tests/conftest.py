"""Shared test set-up.

- Qt runs offscreen.
- The whole run forbids network sockets: accomp must never open one.
- Vaults made by tests use a cheap KDF (the real parameters are tested on their own).
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LC_ALL", "C.UTF-8")
# Vaults made by tests use a cheap KDF, below the policy key files are held to: this
# process and the ones it starts accept it (tests of the floor set their own).
os.environ["ACCOMP_KDF_FLOOR"] = "1,1024,1"

_REAL_SOCKET = socket.socket


class _NoNetworkSocket(_REAL_SOCKET):
    def __init__(self, family: int = -1, *args: object, **kwargs: object) -> None:
        if family in (-1, socket.AF_INET, socket.AF_INET6):
            raise AssertionError("accomp must not open a network socket")
        super().__init__(family, *args, **kwargs)  # type: ignore[arg-type]


@pytest.fixture(autouse=True, scope="session")
def _no_network() -> Iterator[None]:
    socket.socket = _NoNetworkSocket  # type: ignore[misc]
    try:
        yield
    finally:
        socket.socket = _REAL_SOCKET  # type: ignore[misc]


@pytest.fixture(autouse=True)
def _window_state_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Where the window was left (QSettings) is kept per test, never in the real
    user's configuration folder."""
    import sys

    if "PySide6.QtCore" not in sys.modules:
        return
    from PySide6.QtCore import QSettings

    folder = tmp_path_factory.mktemp("qsettings")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))


# --- vault fixtures -------------------------------------------------------------

import datetime as dt  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

CHEAP_KDF_ARGS = (1, 1024, 1)

PASSPHRASE = "correct horse battery staple vault test"

# Canary values: if one of them shows up where it must not, a test fails.
CANARY = {
    "first_name": "Zéphyrine",
    "last_name": "CANARYNAME",
    "phone": "06 99 88 77 66",
    "email": "zephyrine.canary@example.org",
    "notes": "CANARYNOTE dette loyer septembre",
}
CANARY_NEEDLES = (
    "Zéphyrine", "Zephyrine", "zephyrine", "CANARYNAME", "canaryname", "0699887766",
    "06 99 88 77 66", "zephyrine.canary", "CANARYNOTE", "canarynote",
)


class FakeClock:
    """Stands in for the back-off's clock and sleep (accomp/store/attempts.py): no
    test waits for real or reads the wall clock; `slept` lists the waits asked for."""

    def __init__(self) -> None:
        self.t = 1_800_000_000.0
        self.slept: list[float] = []

    def now(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.t += seconds


@pytest.fixture(autouse=True)
def backoff_clock(monkeypatch: Any) -> FakeClock:
    from accomp.store import attempts

    clock = FakeClock()
    monkeypatch.setattr(attempts, "now", clock.now)
    monkeypatch.setattr(attempts, "sleep", clock.sleep)
    return clock


@pytest.fixture
def paths(tmp_path: Path) -> Any:
    from accomp.paths import AppPaths

    return AppPaths.at(tmp_path / "data")


@pytest.fixture
def make_vault(paths: Any) -> Any:
    from accomp.services import vaults

    opened: list[Any] = []

    def make(passphrase: str = PASSPHRASE, *, now: Any = None) -> Any:
        vault, code = vaults.create_vault(
            paths, passphrase, kdf=vaults.KdfParams(*CHEAP_KDF_ARGS), enforce_policy=False,
            now=now,
        )
        vault.recovery_code = code
        opened.append(vault)
        return vault

    yield make
    for v in opened:
        v.lock()


@pytest.fixture
def vault(make_vault: Any) -> Any:
    return make_vault()


def flip_bytes_in_a_data_page(db: Path) -> None:
    """Damage the third page of a vault file (past the schema pages): the vault still
    opens, and only the full integrity check finds it."""
    data = bytearray(db.read_bytes())
    page = 4096
    assert len(data) >= 4 * page
    offset = 2 * page + 1000
    for i in range(16):
        data[offset + i] ^= 0xFF
    db.write_bytes(bytes(data))


def as_before_journal_heads(paths: Any) -> None:
    """vault.key as versions before the journal's head was recorded wrote it (for
    tests that replace vault.db by a vault of an older schema)."""
    from accomp.store.keys import KeyFile

    KeyFile.read(paths.key_file).with_section("audit_head", None).write(paths.key_file)


def canary_beneficiary(vault: Any) -> Any:
    from accomp.services import beneficiaries

    return beneficiaries.create_beneficiary(
        vault,
        {**CANARY, "birth_year": 1961, "legal_basis": "MissionInteretPublic",
         "informed_on": "2026-10-01", "gender": "Feminin",
         "commune": {"name": "Canaryville-sur-Loire", "postal_code": "42000",
                     "insee": "42218"}},
        today=dt.date(2026, 11, 28),
    )


def an_activity(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "date": "2026-11-20", "duration_min": 45, "place_type": "LieuActivite",
        "themes": ["Email", "AideAuxDemarchesAdministratives"],
        "admin_themes": ["ArgentImpots"], "autonomy": "PartiellementAutonome",
    }
    data.update(overrides)
    return data


class FakeUnlock:
    """Stands in for UnlockDialog.ask: each time the unlock screen would open, the next
    answer is typed (a passphrase), or the screen is cancelled (None), or DEMO types
    the passphrase the demo screen shows. `calls` holds the keyword arguments of each
    opening."""

    DEMO = object()

    def __init__(self, answers: list[Any]) -> None:
        self.answers = list(answers)
        self.calls: list[dict[str, Any]] = []

    def ask(self, parent: Any, unlock: Any, **kwargs: Any) -> Any:
        self.calls.append(kwargs)
        answer = self.answers.pop(0)
        if answer is None:
            return None
        return unlock(kwargs["demo_passphrase"] if answer is FakeUnlock.DEMO else answer)


@pytest.fixture
def fake_unlock(monkeypatch: pytest.MonkeyPatch) -> Any:
    """`fake_unlock(answers)` replaces the unlock screen for the rest of the test."""
    from accomp.ui.dialogs.unlock import UnlockDialog

    def install(answers: list[Any]) -> FakeUnlock:
        fake = FakeUnlock(answers)
        monkeypatch.setattr(UnlockDialog, "ask",
                            classmethod(lambda cls, *a, **k: fake.ask(*a, **k)))
        return fake

    return install


# --- message boxes and windows in keyboard tests ---------------------------------------


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Message boxes never block: a confirmation is answered Yes, and the text of a
    warning, an error or an information is recorded instead (the test checks it)."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    for kind in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind, lambda p, t, text, *a, **k: shown.append(text))
    return shown


def show_active(qtbot: Any, widget: Any) -> None:
    """Show `widget` as the active window, so that the keys a test types reach it."""
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)


# --- interface language -----------------------------------------------------------


@contextmanager
def interface_in(qapp: Any, lang: str) -> Iterator[None]:
    """The interface in `lang` for the block, then French again and the process's
    default QLocale as it was found."""
    from PySide6.QtCore import QLocale

    from accomp.ui import i18n

    locale = QLocale()
    i18n.install_translators(qapp, lang)
    try:
        yield
    finally:
        i18n.install_translators(qapp, "fr")
        QLocale.setDefault(locale)


@pytest.fixture
def english(qapp: Any) -> Iterator[None]:
    """The interface in English for one test, French again afterwards."""
    with interface_in(qapp, "en"):
        yield
