"""Build the self-contained accomp application for the platform this runs on.

    python scripts/bundle.py [--build-dir build/bundle] [--dist dist] [--no-archive]

1. a build environment of its own (BUILD_DIR/venv, made once, kept): PyInstaller
   from packaging/requirements.txt, and accomp installed there from a wheel built
   from this checkout, so the bundle holds exactly what `pip install .` installs;
2. PyInstaller runs packaging/accomp.spec: DIST/accomp/ is the application folder
   (the interpreter, Qt, SQLCipher, resources, translations, templates);
3. platform step (the one place where platforms differ, besides the spec):
   - Linux: the desktop entry and icons under DIST/accomp/share/, then
     DIST/accomp-VERSION-linux-ARCH.tar.gz;
   - Windows: DIST/accomp/ is ready for packaging/windows/accomp.iss (Inno Setup),
     which this script runs when `iscc` is on the PATH (docs: packaging/README.md);
4. a size report: the total and what takes the space, also as BUILD_DIR/size.json.

Prints where the folder is; exit status 0 when built, 1 when a step failed.
"""

# This script runs tools (PyInstaller, the bundle, Xvfb, xdotool, readelf) by design.
# ruff: noqa: S603, S607

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
ICON_SIZES = (16, 32, 48, 64, 128, 256)


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def run(*cmd: str | Path, **kw: object) -> None:
    say("$ " + " ".join(str(c) for c in cmd))
    subprocess.run([str(c) for c in cmd], check=True, **kw)  # type: ignore[call-overload]


def version() -> str:
    import tomllib

    return str(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"])


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def build_environment(build_dir: Path) -> Path:
    """The build venv with PyInstaller and this checkout's wheel installed; returns
    its python."""
    venv = build_dir / "venv"
    python = venv_python(venv)
    if not python.exists():
        run(sys.executable, "-m", "venv", venv)
    pip = (python, "-m", "pip", "--disable-pip-version-check", "-q")
    run(*pip, "install", "-r", PACKAGING / "requirements.txt")
    wheels = build_dir / "wheel"
    shutil.rmtree(wheels, ignore_errors=True)
    run(*pip, "wheel", "--no-deps", "-w", wheels, ROOT)
    wheel = next(wheels.glob("accomp-*.whl"))
    run(*pip, "install", wheel)  # the dependencies, once
    run(*pip, "install", "--force-reinstall", "--no-deps", wheel)  # this checkout's code
    return python


def freeze(python: Path, build_dir: Path, dist: Path) -> Path:
    env = dict(os.environ, PYTHONPATH=str(PACKAGING))  # the spec imports bundle_trim
    # Run from the build folder: from the checkout, `python -m` would put its accomp/
    # (without accomp.resources, which only the wheel lays out) before the installed one.
    run(python, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", dist, "--workpath", build_dir / "work", PACKAGING / "accomp.spec",
        env=env, cwd=build_dir)
    return dist / "accomp"


# --- platform steps ----------------------------------------------------------------


def strip_linux(folder: Path) -> int:
    """Strip the symbol tables of the bundle's ELF files (a third of its size:
    libpython, SQLCipher, Arrow, the extension modules come with them); returns the
    bytes saved. Not the libraries that auditwheel repaired (`*.libs/` folders, e.g.
    numpy's OpenBLAS): stripping a patchelf-ed library breaks its loading, which is
    why PyInstaller's own `strip` option is off in the spec."""
    if shutil.which("strip") is None:
        say("strip not found (binutils): the bundle keeps its symbol tables")
        return 0
    before = 0
    elves: list[Path] = []
    for path in folder.rglob("*"):
        parts = path.relative_to(folder).parts
        # Not the executables either: their archive of Python modules rides in them.
        if (path.is_file() and not path.is_symlink() and len(parts) > 1
                and not any(p.endswith(".libs") for p in parts)):
            with path.open("rb") as fh:
                if fh.read(4) == b"\x7fELF":
                    elves.append(path)
                    before += path.stat().st_size
    for path in elves:
        mode = path.stat().st_mode
        path.chmod(mode | 0o200)
        subprocess.run(["strip", "--strip-unneeded", str(path)], check=True)
        path.chmod(mode)
    return before - sum(p.stat().st_size for p in elves)


def finish_linux(folder: Path, dist: Path, archive: bool) -> Path | None:
    """Symbol tables stripped; the desktop entry and the icons, laid out as under
    /usr (share/applications, share/icons/hicolor); then the tarball."""
    saved = strip_linux(folder)
    say(f"stripped: {saved / 1e6:.1f} MB saved")
    share = folder / "share"
    apps = share / "applications"
    apps.mkdir(parents=True, exist_ok=True)
    shutil.copy2(PACKAGING / "linux" / "accomp.desktop", apps / "accomp.desktop")
    hicolor = share / "icons" / "hicolor"
    for size in ICON_SIZES:
        target = hicolor / f"{size}x{size}" / "apps"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(PACKAGING / "icons" / f"accomp-{size}.png", target / "accomp.png")
    scalable = hicolor / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "resources" / "icons" / "accomp.svg", scalable / "accomp.svg")
    shutil.copy2(PACKAGING / "linux" / "install.sh", folder / "install.sh")
    if not archive:
        return None
    tarball = dist / f"accomp-{version()}-linux-{platform.machine()}.tar.gz"
    with tarfile.open(tarball, "w:gz", compresslevel=6) as tar:
        tar.add(folder, arcname="accomp")
    return tarball


def finish_windows(folder: Path, dist: Path, archive: bool) -> Path | None:
    """Inno Setup's compiler, when installed: DIST/accomp-VERSION-setup.exe."""
    iscc = shutil.which("iscc") or shutil.which("ISCC")
    if not archive or iscc is None:
        say("Inno Setup (iscc) not found: the folder is built, the installer is not "
            "(packaging/README.md).")
        return None
    run(iscc, f"/DAppVersion={version()}", f"/DSourceDir={folder}", f"/O{dist}",
        PACKAGING / "windows" / "accomp.iss")
    return dist / f"accomp-{version()}-setup.exe"


# --- what takes the space ------------------------------------------------------------


def _group(rel: str) -> str:
    """A bundle file's component, for the size report."""
    parts = rel.split("/")
    inner = parts[1:] if parts[0] == "_internal" else parts
    if not inner[1:]:
        name = inner[0]
        if name.startswith("libpython"):
            return "Python interpreter (libpython)"
        if name == "base_library.zip":
            return "Python standard library (base_library.zip)"
        return f"top-level: {name}" if not name.startswith("lib") else "other libraries"
    if inner[0] == "PySide6":
        rest = inner[1:]
        if rest[:2] == ["Qt", "lib"]:
            lib = rest[2].split(".so")[0].split(".dll")[0]
            return f"Qt library {lib.removeprefix('lib')}"
        if rest[:2] == ["Qt", "plugins"]:
            return f"Qt plugins/{rest[2]}"
        if rest[:2] == ["Qt", "translations"]:
            return "Qt translations"
        if rest and rest[0].startswith(("Qt", "libpyside", "libshiboken")):
            return "PySide6 bindings (.so)"
        return "PySide6 other"
    if inner[0] in ("pyarrow", "pyarrow.libs"):
        return "pyarrow (Arrow, Parquet)"
    if inner[0] in ("numpy", "numpy.libs"):
        return "numpy (with OpenBLAS)"
    if inner[0] == "shiboken6":
        return "PySide6 bindings (.so)"
    if inner[0] == "lib-dynload":
        return "Python extension modules (lib-dynload)"
    if inner[0] == "accomp":
        return "accomp resources, migrations"
    return inner[0]


def size_report(folder: Path) -> dict[str, object]:
    groups: dict[str, int] = {}
    files: list[tuple[int, str]] = []
    total = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            rel = path.relative_to(folder).as_posix()
            size = path.stat().st_size
            total += size
            files.append((size, rel))
            key = _group(rel)
            groups[key] = groups.get(key, 0) + size
    ordered = sorted(groups.items(), key=lambda kv: -kv[1])
    return {"total_bytes": total, "total_mb": round(total / 1e6, 1), "files": len(files),
            "groups_mb": {k: round(v / 1e6, 1) for k, v in ordered},
            "largest_files_mb": {rel: round(s / 1e6, 1) for s, rel in sorted(files)[::-1][:15]}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build-dir", type=Path, default=ROOT / "build" / "bundle")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--no-archive", action="store_true",
                        help="only the folder (no tarball, no installer)")
    args = parser.parse_args(argv)
    build_dir, dist = args.build_dir.absolute(), args.dist.absolute()
    build_dir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    try:
        python = build_environment(build_dir)
        folder = freeze(python, build_dir, dist)
        finish = finish_windows if sys.platform == "win32" else finish_linux
        archive = finish(folder, dist, not args.no_archive)
    except (subprocess.CalledProcessError, OSError, StopIteration) as exc:
        say(f"bundle: build failed: {exc}")
        return 1
    report = size_report(folder)
    if archive is not None:
        report["archive"] = archive.name
        report["archive_mb"] = round(archive.stat().st_size / 1e6, 1)
    report["build_seconds"] = round(time.monotonic() - started)
    (build_dir / "size.json").write_text(json.dumps(report, indent=2) + "\n", "utf-8")
    say(f"bundle: {folder} ({report['total_mb']} MB unpacked, {report['files']} files"
        + (f"; {archive.name}: {report['archive_mb']} MB" if archive else "")
        + f"; built in {report['build_seconds']} s)")
    for name, mb in list(report["groups_mb"].items())[:20]:  # type: ignore[attr-defined]
        say(f"  {mb:7.1f} MB  {name}")
    print(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
