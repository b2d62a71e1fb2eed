"""The packaging files of the self-contained application hold together: what the
bundle trims, the icon exports, the desktop entry, the installer script. Building and
running the bundle itself is scripts/bundle_smoke.py (minutes, not the unit suite)."""

from __future__ import annotations

import configparser
import importlib.util
import shutil
import struct
import sys
from importlib import resources
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def trim():
    return _load("bundle_trim", PACKAGING / "bundle_trim.py")


@pytest.mark.parametrize("name", [
    "PySide6/Qt/translations/qtbase_fr.qm",
    "PySide6/Qt/translations/qtbase_en.qm",
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqwayland-generic.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
    "PySide6/Qt/plugins/imageformats/libqsvg.so",
    "PySide6/Qt/plugins/imageformats/libqjpeg.so",
    "PySide6/Qt/lib/libQt6Charts.so.6",
    "PySide6/Qt/lib/libQt6PrintSupport.so.6",
    "PySide6/Qt/lib/libQt6Svg.so.6",
    "pyarrow/libarrow.so.2600",
    "pyarrow/libparquet.so.2600",
    "pyarrow/libarrow_compute.so.2600",
    "pyarrow/libarrow_substrait.so.2600",  # pyarrow.lib is linked against it
    "pyarrow/libarrow_python.so.2600",
    "pyarrow/_parquet.cpython-311-x86_64-linux-gnu.so",
    "pyarrow/_dataset.cpython-311-x86_64-linux-gnu.so",
    "pyarrow/_compute.cpython-311-x86_64-linux-gnu.so",
    "pyarrow/_csv.cpython-311-x86_64-linux-gnu.so",
])
def test_what_accomp_uses_stays_in_the_bundle(trim, name):
    entry = (name, "/nowhere/" + name, "BINARY")
    assert trim.binaries([entry]) == [entry]


@pytest.mark.parametrize("name", [
    "PySide6/Qt/translations/qtbase_de.qm",
    "PySide6/Qt/translations/qt_zh_CN.qm",
    "PySide6/Qt/plugins/platforms/libqvnc.so",
    "PySide6/Qt/plugins/platforms/libqlinuxfb.so",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/plugins/tls/libqopensslbackend.so",
    "PySide6/Qt/plugins/networkinformation/libqglib.so",
    "PySide6/Qt/plugins/imageformats/libqtiff.so",
    "PySide6/Qt/plugins/imageformats/libqwebp.so",
    "PySide6/Qt/plugins/imageformats/libqgif.so",
    "PySide6/Qt/lib/libQt6Network.so.6",
    "PySide6/Qt/lib/libQt6Quick.so.6",
    "pyarrow/libarrow_flight.so.2600",
    "libarrow_flight.so.2600",
    "pyarrow/libarrow_s3.so.2600",
    "pyarrow/_flight.cpython-311-x86_64-linux-gnu.so",
    "pyarrow/_s3fs.cpython-311-x86_64-linux-gnu.so",
    "pyarrow/include/arrow/api.h",
    "pyarrow/lib.pyx",
    "pyarrow/libarrow_python.so",
    "pyarrow/libarrow_python.so.2600.1.0",
])
def test_what_accomp_cannot_use_is_trimmed(trim, name):
    assert trim.binaries([(name, "/nowhere/" + name, "BINARY")]) == []
    assert trim.datas([(name, "/nowhere/" + name, "DATA")]) == []


def test_top_level_libraries_nothing_needs_go_with_what_needed_them(trim, monkeypatch):
    needs = {"/src/QtGui.so": ["libharfbuzz.so.0"], "/src/libharfbuzz.so.0": ["libpng.so"],
             "/src/libpng.so": [], "/src/libcairo.so.2": []}
    monkeypatch.setattr(trim, "_needed", lambda path: needs.get(path, []))
    monkeypatch.setattr(trim.Path, "is_file", lambda self: True)
    monkeypatch.setattr(trim.shutil, "which", lambda tool: "/usr/bin/" + tool)
    monkeypatch.setattr(trim.sys, "platform", "linux")
    entries = [("PySide6/QtGui.so", "/src/QtGui.so", "EXTENSION"),
               ("libharfbuzz.so.0", "/src/libharfbuzz.so.0", "BINARY"),
               ("libpng.so", "/src/libpng.so", "BINARY"),
               ("libcairo.so.2", "/src/libcairo.so.2", "BINARY"),  # only the GTK theme's
               ("_cffi_backend.cpython-311-x86_64-linux-gnu.so", "/src/cffi.so", "EXTENSION"),
               ("libpython3.11.so.1.0", "/src/libpython", "BINARY")]
    kept = {e[0] for e in trim.binaries(entries)}
    assert kept == {"PySide6/QtGui.so", "libharfbuzz.so.0", "libpng.so",
                    "_cffi_backend.cpython-311-x86_64-linux-gnu.so", "libpython3.11.so.1.0"}


def test_host_libraries_come_from_the_host_with_what_only_they_needed(trim, monkeypatch):
    needs = {"/src/QtGui.so": ["libX11.so.6", "libdbus-1.so.3", "libzstd.so.1"],
             "/src/cups-plugin.so": ["libcups.so.2"],
             "/src/libcups.so.2": ["libgnutls.so.30"], "/src/libgnutls.so.30": [],
             "/src/libdbus-1.so.3": ["libsystemd.so.0", "libzstd.so.1"],
             "/src/libsystemd.so.0": ["libzstd.so.1"], "/src/libzstd.so.1": []}
    monkeypatch.setattr(trim, "_needed", lambda path: needs.get(path, []))
    monkeypatch.setattr(trim.Path, "is_file", lambda self: True)
    monkeypatch.setattr(trim.shutil, "which", lambda tool: "/usr/bin/" + tool)
    monkeypatch.setattr(trim.sys, "platform", "linux")
    entries = [("PySide6/QtGui.so", "/src/QtGui.so", "EXTENSION"),
               ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
                "/src/cups-plugin.so", "BINARY")]
    entries += [(name, "/src/" + name, "BINARY") for name in (
        "libX11.so.6", "libcups.so.2", "libgnutls.so.30", "libdbus-1.so.3",
        "libsystemd.so.0", "libzstd.so.1", "libfontconfig.so.1", "libfreetype.so.6",
        "libxcb.so.1", "libexpat.so.1")]
    kept = {e[0] for e in trim.binaries(entries)}
    assert kept == {"PySide6/QtGui.so", "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
                    "libzstd.so.1"}


@pytest.fixture(scope="module")
def icu():
    sys.path.insert(0, str(PACKAGING))
    try:
        return _load("icu_trim", PACKAGING / "icu_trim.py")
    finally:
        sys.path.remove(str(PACKAGING))


@pytest.mark.parametrize(("item", "kept"), [
    ("root.res", True), ("fr.res", True), ("fr_CA.res", True), ("en_GB.res", True),
    ("coll/fr.res", True), ("coll/root.res", True), ("coll/ucadata.icu", True),
    ("zone/fr.res", True), ("zone/tzdbNames.res", True), ("res_index.res", True),
    ("brkitr/word.brk", True), ("brkitr/root.res", True), ("uts46.nrm", True),
    ("cnvalias.icu", True), ("ibm-5348_P100-1997.cnv", True),  # windows-1252
    ("supplementalData.res", True), ("zoneinfo64.res", True), ("pool.res", True),
    ("de.res", False), ("frr.res", False), ("ff_Latn_SN.res", False), ("coll/de_.res", False),
    ("zone/ja.res", False), ("brkitr/cjdict.dict", False), ("brkitr/thaidict.dict", False),
    ("translit/root.res", False), ("gb18030.cnv", False), ("ibm-1390_P110-2003.cnv", False),
])
def test_icu_data_keeps_french_english_and_what_is_no_locale(icu, item, kept):
    assert icu.wanted(item) is kept


def test_icu_data_stays_whole_when_it_cannot_be_rebuilt(trim, monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(trim.sys, "platform", "linux")
    monkeypatch.setattr(trim, "_unreferenced", lambda entries: set())
    monkeypatch.setitem(sys.modules, "icu_trim", type(sys)("icu_trim"))

    def fails(library, work):
        raise OSError("not installed: icupkg")

    sys.modules["icu_trim"].trim = fails  # type: ignore[attr-defined]
    entry = ("PySide6/Qt/lib/libicudata.so.73", str(tmp_path / "libicudata.so.73"), "BINARY")
    assert trim.binaries([entry], tmp_path / "icu") == [entry]
    assert "ICU data kept whole" in capsys.readouterr().err


def test_the_icon_ships_with_the_resources():
    svg = resources.files("accomp.resources").joinpath("icons", "accomp.svg")
    assert svg.is_file()
    assert "<svg" in svg.read_text("utf-8")


@pytest.mark.parametrize("size", [16, 32, 48, 64, 128, 256])
def test_png_exports_have_their_size(size):
    data = (PACKAGING / "icons" / f"accomp-{size}.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (size, size)


def test_the_windows_icon_holds_every_size_as_png():
    data = (PACKAGING / "icons" / "accomp.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = set()
    for i in range(count):
        w, h, _, _, planes, bits, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * i: 22 + 16 * i])
        assert w == h
        assert (planes, bits) == (1, 32)
        assert data[offset:offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert offset + length <= len(data)
        sizes.add(w or 256)
    assert {16, 32, 48, 256} <= sizes


def test_the_desktop_entry_starts_accomp_with_its_icon():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(PACKAGING / "linux" / "accomp.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Exec"] == "accomp"
    assert section["Icon"] == "accomp"
    assert section["Terminal"] == "false"
    assert section["Comment[fr]"].startswith("Noter")


def test_the_installer_starts_the_windowed_program_and_keeps_user_data():
    iss = (PACKAGING / "windows" / "accomp.iss").read_text("utf-8")
    assert "accompw.exe" in iss
    assert "AppId={{" in iss
    assert "{autopf}" in iss  # Program Files: users cannot write there
    deleted = iss.split("[InstallDelete]")[1].split("[Files]")[0]
    assert [line for line in deleted.splitlines() if line.strip()] == [
        'Type: filesandordirs; Name: "{app}\\_internal"']  # never the user's data


def test_the_spec_freezes_the_cli_entry_point():
    launch = (PACKAGING / "launch.py").read_text("utf-8")
    assert "from accomp.cli import main" in launch
    spec = (PACKAGING / "accomp.spec").read_text("utf-8")
    assert 'collect_data_files("accomp.resources")' in spec
    assert 'collect_data_files("accomp.store.migrations", include_py_files=True)' in spec
def test_trimmed_icu_data_serves_qt_in_french_and_english(icu, tmp_path):
    """The real rebuild, from the ICU data of the PySide6 installed here, then Qt's
    collation, dates with zone names, converters, IDNA and word boundaries with it
    (scripts/bundle_icu.py, which the smoke test runs against the bundle)."""
    import PySide6

    library = Path(PySide6.__file__).parent / "Qt" / "lib" / "libicudata.so.73"
    if not library.is_file() or any(shutil.which(t) is None for t in icu.TOOLS):
        pytest.skip("needs PySide6's ICU 73 and icu-devtools, gcc, readelf")
    out, kept, dropped = icu.trim(library, tmp_path / "work")
    assert out.name == library.name
    assert out.stat().st_size < library.stat().st_size / 4
    assert kept > 500
    assert dropped > 2000
    qt_lib = tmp_path / "bundle" / "_internal" / "PySide6" / "Qt" / "lib"
    qt_lib.mkdir(parents=True)
    shutil.copy2(out, qt_lib / out.name)
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import bundle_icu
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    problems, said = bundle_icu.run(tmp_path / "bundle", Path(sys.executable))
    assert not problems
    assert said["icudata"] == [str(qt_lib / out.name)]


def test_numpy_is_neither_a_dependency_nor_in_the_bundle():
    """The application does without numpy (tests/unit/test_no_numpy.py); it stays a
    test dependency only, and the spec keeps pyarrow's and DuckDB's optional imports
    of it out of the bundle."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert not any(d.startswith("numpy") for d in project["dependencies"])
    assert any(d.startswith("numpy") for d in project["optional-dependencies"]["test"])
    spec = (PACKAGING / "accomp.spec").read_text("utf-8")
    excludes = spec[spec.index("EXCLUDES = ["):spec.index("]\n", spec.index("EXCLUDES = ["))]
    assert '"numpy"' in excludes
