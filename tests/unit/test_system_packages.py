"""A fresh Linux system gets, from the README, every system library the Qt platform
plugin needs, and CI starts the real application on a real X server with them."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _packages() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in (ROOT / ".ci" / "system-packages").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            system, _, names = line.partition(": ")
            found[system] = names.split()
    return found


def test_readme_gives_each_systems_install_command_from_the_ci_list() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    packages = _packages()
    assert set(packages) == {"debian", "fedora"}
    assert f"`apt-get install {' '.join(packages['debian'])}`" in readme
    assert f"`dnf install {' '.join(packages['fedora'])}`" in readme
    assert "Windows and macOS need nothing else" in readme


def test_the_libraries_the_issue_reported_missing_are_listed() -> None:
    debian = _packages()["debian"]
    for name in ("libxcb-icccm4", "libxcb-keysyms1", "libxcb-cursor0"):
        assert name in debian


def test_ci_installs_them_and_starts_the_real_app_under_xvfb_not_offscreen() -> None:
    script = (ROOT / ".ci" / "run").read_text("utf-8")
    assert ".ci/system-packages" in script
    assert "xvfb-run" in script
    assert "accomp --demo" in script
    assert "QT_QPA_PLATFORM=xcb" in script
    assert "ACCOMP_SMOKE_QUIT=1" in script
