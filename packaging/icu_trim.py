"""ICU's data, trimmed to what accomp can use (32 MB -> about 7 MB).

QtCore links ICU, and libicudata holds all of ICU's data: every locale's names,
units, currencies and time-zone names, every legacy character set, the break
dictionaries of Chinese, Japanese, Thai, Lao, Khmer and Burmese, the
transliterators. accomp speaks French and English; Qt formats dates and numbers
with its own locale tables (QLocale), and takes from ICU collation, text
boundaries, normalisation, IDNA and character-set conversion. This keeps:
- every item that is not a locale's (root, the normalisation, case, property and
  IDNA data, the converters' alias table, supplemental data, time zones);
- the root, French and English locales (fr_*, en_*) in every tree (collation,
  break rules, currencies, languages, regions, units, zones, number spelling);
- the converters Qt may be asked for beyond those ICU computes (UTF-8/16/32,
  ISO-8859-1 and US-ASCII need no data): windows-1252, ISO-8859-15, IBM 850,
  Mac Roman;
and leaves out the break dictionaries (text in those scripts still breaks, by
character rather than by word), the transliterators, the other locales and the
other converters (opening one fails cleanly, as for an unknown name).

The trimmed data is rebuilt into a library with the same SONAME and the same
`icudtNN_dat` symbol, from the data of the wheel's own library (same ICU
version), with Debian's icu-devtools (icupkg, genccode) and the C compiler. Without
them the full library stays, and the build says so.
"""

# This script runs tools (icupkg, genccode, gcc, readelf) by design.
# ruff: noqa: S603, S607

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

KEEP_LANGUAGES = ("fr", "en")
KEEP_CONVERTERS = {
    "ibm-5348_P100-1997.cnv",  # windows-1252
    "ibm-923_P100-1998.cnv",  # ISO-8859-15
    "ibm-850_P100-1995.cnv",  # IBM 850 (DOS Latin-1)
    "macos-0_2-10.2.cnv",  # Mac Roman
}
_LOCALE = re.compile(r"^([a-z]{2,3})(_[A-Za-z0-9]*)*\.res$")
TOOLS = ("icupkg", "genccode", "gcc", "readelf")


def wanted(item: str) -> bool:
    """Whether an item of ICU's data (as `icupkg -l` lists it) stays."""
    tree, _, name = item.rpartition("/")
    if tree == "translit" or name.endswith(".dict"):
        return False
    if name.endswith(".cnv"):
        return name in KEEP_CONVERTERS
    locale = _LOCALE.match(name)
    if locale is None or name == "res_index.res":
        return True
    return locale.group(1) in KEEP_LANGUAGES


def _symbol(library: Path) -> tuple[str, int, int]:
    """The data symbol (icudtNN_dat), its file offset and size."""
    out = subprocess.run(["readelf", "-W", "--dyn-syms", str(library)], capture_output=True,
                         text=True, check=True).stdout
    found = re.search(r":\s+([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+OBJECT\s+GLOBAL\s+\S+\s+\S+\s+"
                      r"(icudt\d+_dat)", out)
    if found is None:
        raise ValueError(f"{library.name}: no icudt*_dat symbol")
    address, size, name = int(found.group(1), 16), int(found.group(2), 0), found.group(3)
    sections = subprocess.run(["readelf", "-W", "-S", str(library)], capture_output=True,
                              text=True, check=True).stdout
    for line in sections.splitlines():
        parts = re.search(r"\]\s+(\S+)\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]+)", line)
        if parts:
            start, offset, length = (int(parts.group(i), 16) for i in (2, 3, 4))
            if start <= address < start + length:
                return name, address - start + offset, size
    raise ValueError(f"{library.name}: {name} is in no section")


def trim(library: Path, work: Path) -> tuple[Path, int, int]:
    """A copy of `library` (libicudataNN.so) holding only the wanted items, built in
    `work`; returns its path, the items kept and the items dropped. Raises
    OSError or subprocess.CalledProcessError when a tool fails, ValueError when
    the library is not what was expected."""
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing:
        raise OSError(f"not installed: {', '.join(missing)} (Debian: icu-devtools, gcc)")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    symbol, offset, size = _symbol(library)
    stem = symbol.removesuffix("_dat")  # icudt73
    with library.open("rb") as fh:
        fh.seek(offset)
        data = fh.read(size)
    full = work / f"{stem}l.dat"
    full.write_bytes(data)
    items = subprocess.run(["icupkg", "-l", str(full)], capture_output=True, text=True,
                           check=True).stdout.split()
    drop = [i for i in items if not wanted(i)]
    (work / "drop.txt").write_text("\n".join(drop) + "\n", "utf-8")
    trimmed = work / "trimmed" / full.name
    trimmed.parent.mkdir()
    # --ignore-deps: the break rules name the dictionaries, which ICU then does without
    subprocess.run(["icupkg", "--ignore-deps", "-r", str(work / "drop.txt"), str(full),
                    str(trimmed)],
                   check=True, capture_output=True)
    # genccode names the symbol after the entry point: icudtNN -> icudtNN_dat
    subprocess.run(["genccode", "-a", "gcc", "-e", stem, "-d", str(work), str(trimmed)],
                   check=True, capture_output=True)
    source = next(work.glob("*.S"))
    soname = re.search(r"Library soname: \[([^\]]+)\]", subprocess.run(
        ["readelf", "-d", str(library)], capture_output=True, text=True, check=True).stdout)
    if soname is None:
        raise ValueError(f"{library.name}: no SONAME")
    out = work / soname.group(1)
    subprocess.run(["gcc", "-shared", "-nostdlib", "-Wl,-soname," + soname.group(1),
                    "-Wl,-z,noexecstack", "-o", str(out), str(source)], check=True)
    if _symbol(out)[0] != symbol:
        raise ValueError(f"{out.name}: the rebuilt library lacks {symbol}")
    return out, len(items) - len(drop), len(drop)
