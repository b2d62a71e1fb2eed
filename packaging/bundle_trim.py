"""What the PySide6 and pyarrow hooks collect that accomp cannot use, left out of the
bundle (see the size table in docs/benchmarks.md for what each rule saves).

Each entry of PyInstaller's lists is (name in the bundle, source path, kind); the
rules below look at the name in the bundle only, with forward slashes.
"""

# This script runs tools (PyInstaller, the bundle, Xvfb, xdotool, readelf) by design.
# ruff: noqa: S603, S607

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

# Qt's own translations: accomp speaks French and English.
_QT_TRANSLATION = re.compile(r"PySide6/Qt/translations/[a-z_]+?_([a-zA-Z_]+)\.qm$")
KEEP_LANGUAGES = {"fr", "en"}

# Qt plugins of features accomp does not have. Platforms: X11 (xcb) and Wayland for a
# desktop, offscreen for headless use (CI, the smoke test); never a framebuffer or VNC.
_DROP_PLUGIN = re.compile(
    r"PySide6/Qt/plugins/("
    r"platforms/libq(minimal|vnc|eglfs|linuxfb|vkkhrdisplay|minimalegl)\b"
    r"|egldeviceintegrations/|platforminputcontexts/libqtvirtualkeyboard"
    r"|networkinformation/|tls/|sqldrivers/|multimedia/|position/|sensors/"
    r"|qmltooling/|designer/|generic/"
    # Image formats: accomp reads SVG (icons) and PNG (built into Qt: the QR codes of
    # its documents); JPEG stays for the PDF writer, which may compress with it.
    r"|imageformats/libq(gif|icns|ico|pdf|tga|tiff|wbmp|webp)\.so"
    r")"
)

# Qt's GTK 3 theme plugin: it only loads where GTK 3 is installed, and then with the
# bundled GLib, Cairo and Pango beside the system's GTK (a known source of crashes);
# without it Qt draws its own Fusion style. Dropping it drops those libraries too.
_DROP_THEME = re.compile(r"PySide6/Qt/plugins/platformthemes/libqgtk3\.so$")

# pyarrow: accomp reads and writes Parquet files and computes on tables; never
# Flight (network RPC), S3/GCS/Azure/HDFS file systems, ORC, Substrait plans, nor
# the headers and Cython sources to build against pyarrow. libarrow_substrait stays:
# pyarrow's core module is linked against it.
_DROP_PYARROW = re.compile(
    r"(^|/)(libarrow_flight\.so|libarrow_python_flight\.so|libarrow_s3\.so"
    r"|libarrow_python_parquet_encryption\.so)"
    r"|^pyarrow/(_flight|_s3fs|_gcsfs|_azurefs|_hdfs|_orc|_dataset_orc|_substrait"
    r"|_parquet_encryption|_dataset_parquet_encryption)\.cpython"
    r"|^pyarrow/(include|includes|src|tests)/"
    r"|^pyarrow/.*\.(pyx|pxd|pxi|h|hpp|cc)$"
    # pyarrow's wheel has each library three times (name, SONAME, full version):
    # only the SONAME is ever loaded.
    r"|^pyarrow/libarrow_python\.so(\.\d+\.\d+\.\d+)?$"
)

# Libraries of Qt modules that nothing in the bundle loads once the plugins above are
# gone (checked by the smoke test, which runs every part of the bundle it can).
_DROP_LIBRARY = re.compile(
    r"(^|/)libQt6(Network|Qml|QmlModels|QmlMeta|QmlWorkerScript|Quick|VirtualKeyboard"
    r"|Pdf|EglFSDeviceIntegration|EglFsKmsSupport)\.so"
)


# Libraries that talk to the host's own services, drivers or configuration, taken
# from the host as AppImage's excludelist does for the same reasons (a bundled copy
# older or newer than the host's daemon, fonts configuration or X server is a known
# source of breakage), and which every Linux desktop has: X11 and xcb's core,
# fontconfig with freetype and expat (the host's fonts.conf), D-Bus (the session
# bus), CUPS (the host's print server; without it there is nothing to print to). What
# only they needed leaves with them (_unreferenced): for CUPS a TLS stack (GnuTLS,
# Nettle, GMP, p11-kit), Kerberos and Avahi; for D-Bus libsystemd and libgcrypt.
_HOST_LIBRARY = re.compile(
    r"^(libX11|libX11-xcb|libxcb|libfontconfig|libfreetype|libexpat|libdbus-1|libcups)"
    r"\.so\.\d+$"
)


def _name(entry: tuple[str, str, str]) -> str:
    return entry[0].replace("\\", "/")


def _wanted(name: str) -> bool:
    found = _QT_TRANSLATION.search(name)
    if found and found.group(1).split("_")[0] not in KEEP_LANGUAGES:
        return False
    return not any(rule.search(name) for rule in
                   (_DROP_PLUGIN, _DROP_LIBRARY, _DROP_THEME, _DROP_PYARROW, _HOST_LIBRARY))


def _needed(path: str) -> list[str]:
    """The libraries an ELF file is linked against (its NEEDED entries)."""
    try:
        out = subprocess.run(["readelf", "-d", path], capture_output=True, text=True,
                             check=False).stdout
    except OSError:
        return []
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


def _unreferenced(entries: list[tuple[str, str, str]]) -> set[str]:
    """Top-level libraries (copied in as dependencies) that nothing kept still needs:
    those of the plugins and modules left out above."""
    if sys.platform != "linux" or shutil.which("readelf") is None:
        return set()
    top = {_name(e): e for e in entries if "/" not in _name(e)
           and re.match(r"lib.*\.so(\.|$)", _name(e)) and not _name(e).startswith("libpython")}
    needed: set[str] = set()
    todo = [e[1] for e in entries if _name(e) not in top]
    seen: set[str] = set()
    while todo:
        src = todo.pop()
        if src in seen or not Path(src).is_file():
            continue
        seen.add(src)
        for lib in _needed(src):
            if lib not in needed:
                needed.add(lib)
                if lib in top:
                    todo.append(top[lib][1])
    return set(top) - needed


_ICU_DATA = re.compile(r"(^|/)libicudata\.so\.\d+$")


def _trimmed_icu(entry: tuple[str, str, str], work: Path) -> tuple[str, str, str]:
    """ICU's data library rebuilt with French and English only (icu_trim.py); the
    full one when the tools are missing or a step fails (said on stderr)."""
    import icu_trim

    try:
        path, kept, dropped = icu_trim.trim(Path(entry[1]), work)
    except (OSError, ValueError, subprocess.CalledProcessError) as exc:
        print(f"bundle_trim: ICU data kept whole ({exc})", file=sys.stderr)
        return entry
    print(f"bundle_trim: ICU data {Path(entry[1]).stat().st_size / 1e6:.1f} -> "
          f"{path.stat().st_size / 1e6:.1f} MB ({kept} items kept, {dropped} dropped)",
          file=sys.stderr)
    return (entry[0], str(path), entry[2])


def binaries(entries: list[tuple[str, str, str]], icu_work: Path | None = None
             ) -> list[tuple[str, str, str]]:
    """The entries accomp can use; with `icu_work` (a folder of the build), ICU's
    data trimmed to French and English."""
    kept = [e for e in entries if _wanted(_name(e))]
    orphans = _unreferenced(kept)
    kept = [e for e in kept if _name(e) not in orphans]
    if icu_work is not None and sys.platform == "linux":
        kept = [_trimmed_icu(e, icu_work) if _ICU_DATA.search(_name(e)) else e for e in kept]
    return kept


def datas(entries: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    return [e for e in entries if _wanted(_name(e))]
