"""Qt's ICU features with the bundle's trimmed ICU data (packaging/icu_trim.py), for
scripts/bundle_smoke.py.

A frozen program runs no code but its own, so the check runs in the wheel's
environment (build/bundle/venv: the same PySide6 the bundle was made from) with the
loader pointed at the bundle's Qt libraries (LD_LIBRARY_PATH comes before Qt's
RUNPATH): the very libicudata file the bundle ships, checked loaded from there.
French and English collation, a French date with its time-zone name (ICU's zone
names), the converters kept, IDNA, word boundaries.

    python scripts/bundle_icu.py  # run by bundle_smoke, prints one JSON object
"""

# This script runs the wheel's python by design.
# ruff: noqa: S603

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

# In the child, with the bundle's ICU.
CHILD = r"""
import json, sys
from PySide6.QtCore import (QCollator, QDate, QDateTime, QLocale, QStringDecoder,
                            QTextBoundaryFinder, QTime, QTimeZone, QUrl)
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv)
fr, en = QLocale("fr_FR"), QLocale("en_GB")
words = ["zèbre", "Émile", "eau", "école", "Eve", "côte", "cote", "œuvre", "oeuf", "Zoé"]
paris = QTimeZone(b"Europe/Paris")
when = QDateTime(QDate(2026, 12, 3), QTime(21, 30), paris)
finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Word, "L'école d'été, à Paris.")
bounds = []
while (at := finder.toNextBoundary()) != -1:
    bounds.append(at)
print(json.dumps({
    "icudata": sorted({line.split()[-1] for line in open("/proc/self/maps")
                       if "libicudata" in line}),
    "fr_sort": sorted(words, key=QCollator(fr).sortKey),
    "en_sort": sorted(["b", "A", "é", "a", "B"], key=QCollator(en).sortKey),
    "fr_date": fr.toString(when, QLocale.FormatType.LongFormat),
    "en_date": en.toString(QDate(2026, 12, 3), QLocale.FormatType.LongFormat),
    "codecs": {n: QStringDecoder(n).isValid()
               for n in ("UTF-8", "ISO-8859-1", "windows-1252", "ISO-8859-15", "IBM850")},
    "idna": bytes(QUrl.toAce("café.fr")).decode(),
    "words": bounds,
}, ensure_ascii=False))
"""

EXPECTED = {
    "fr_sort": ["cote", "côte", "eau", "école", "Émile", "Eve", "oeuf", "œuvre", "zèbre",
                "Zoé"],
    "en_sort": ["a", "A", "b", "B", "é"],
    "fr_date": "jeudi 3 décembre 2026 21:30:00 heure normale d’Europe centrale",
    "en_date": "Thursday, 3 December 2026",
    "codecs": {"UTF-8": True, "ISO-8859-1": True, "windows-1252": True, "ISO-8859-15": True,
               "IBM850": True},
    "idna": "xn--caf-dma.fr",
    "words": [7, 8, 13, 14, 15, 16, 17, 22, 23],
}


def run(bundle: Path, wheel_python: Path) -> tuple[list[str], dict[str, object]]:
    """Differences from EXPECTED (empty: all as expected) and what the child said."""
    qt_lib = bundle / "_internal" / "PySide6" / "Qt" / "lib"
    env = {**os.environ, "LD_LIBRARY_PATH": str(qt_lib), "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([str(wheel_python), "-c", CHILD], capture_output=True, text=True,
                          env=env, timeout=120, check=False)
    if proc.returncode != 0:
        return [f"status {proc.returncode}: {proc.stderr[-400:]}"], {}
    got = json.loads(proc.stdout)
    wrong = [f"{k}: {got.get(k)!r}, expected {v!r}" for k, v in EXPECTED.items()
             if got.get(k) != v]
    if not got["icudata"] or not all(p.startswith(str(qt_lib)) for p in got["icudata"]):
        wrong.append(f"ICU data loaded from {got['icudata']}, not the bundle's")
    return wrong, got


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    problems, said = run(root / "dist" / "accomp",
                         root / "build" / "bundle" / "venv" / "bin" / "python")
    print(json.dumps({"problems": problems, **said}, ensure_ascii=False, indent=2))
    sys.exit(1 if problems else 0)
