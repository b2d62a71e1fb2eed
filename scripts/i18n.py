#!/usr/bin/env python3
"""Regenerate the English translation of the interface.

    python scripts/i18n.py            # update resources/i18n/accomp_en.ts, then build .qm
    python scripts/i18n.py --check    # exit 1 if a string is new, changed or untranslated

Source strings are French (`self.tr("Déverrouiller")`). `pyside6-lupdate` collects
them from accomp/ui/**/*.py and accomp/app.py into accomp_en.ts, keeping the existing
translations and dropping strings no longer in the code; new strings arrive marked
"unfinished": translate them (Qt Linguist, or by hand in the XML, removing
type="unfinished"), then run this script again to compile accomp_en.qm with
`pyside6-lrelease`. tests/gui/test_translations.py fails while a string is missing
or unfinished, or while the .qm lags behind the .ts.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS_FILE = ROOT / "resources" / "i18n" / "accomp_en.ts"
QM_FILE = TS_FILE.with_suffix(".qm")
SOURCE_LANGUAGE = "fr_FR"
TARGET_LANGUAGE = "en"


def tool(name: str) -> str:
    """A Qt tool from the virtualenv running this script, else from PATH."""
    beside = Path(sys.executable).with_name(name)
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 in this environment")
    return found


def source_files(root: Path = ROOT) -> list[Path]:
    """The Python files whose tr() strings make the translation, relative to root."""
    files = sorted((root / "accomp" / "ui").rglob("*.py"))
    app = root / "accomp" / "app.py"
    if app.exists():
        files.append(app)
    return [f.relative_to(root) for f in files]


def lupdate(ts_file: Path, root: Path = ROOT) -> None:
    """Collect the strings of source_files() into ts_file (created or merged)."""
    ts_file.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(  # noqa: S603 - Qt's own tool on the repository's files
        [
            tool("pyside6-lupdate"),
            *map(str, source_files(root)),
            "-source-language",
            SOURCE_LANGUAGE,
            "-target-language",
            TARGET_LANGUAGE,
            # No line numbers: the file would change with every edit of the code.
            "-locations",
            "none",
            "-no-obsolete",
            "-silent",
            "-ts",
            str(ts_file),
        ],
        check=True,
        cwd=root,
    )


def lrelease(ts_file: Path, qm_file: Path) -> None:
    subprocess.run(  # noqa: S603 - Qt's own tool on the repository's files
        [tool("pyside6-lrelease"), "-silent", str(ts_file), "-qm", str(qm_file)], check=True
    )


def messages(ts_file: Path) -> dict[tuple[str, str, str], ET.Element]:
    """(context, source, disambiguation comment) -> the <translation> element."""
    found: dict[tuple[str, str, str], ET.Element] = {}
    # The .ts is the repository's own file, not untrusted input.
    for context in ET.parse(ts_file).getroot().iter("context"):  # noqa: S314
        name = context.findtext("name", "")
        for message in context.iter("message"):
            key = (name, message.findtext("source", ""), message.findtext("comment", ""))
            translation = message.find("translation")
            if translation is None:
                translation = ET.Element("translation", type="unfinished")
            found[key] = translation
    return found


def is_translated(translation: ET.Element) -> bool:
    if translation.get("type") in ("unfinished", "vanished", "obsolete"):
        return False
    forms = translation.findall("numerusform")
    texts = [f.text for f in forms] if forms else [translation.text]
    return all(t and t.strip() for t in texts)


def problems(ts_file: Path = TS_FILE, root: Path = ROOT) -> list[str]:
    """What keeps the shipped translation from being complete and current."""
    shipped = messages(ts_file) if ts_file.exists() else {}
    with tempfile.TemporaryDirectory() as tmp:
        fresh_file = Path(tmp) / "fresh.ts"
        lupdate(fresh_file, root)
        fresh = messages(fresh_file)
    found = [f"not in {ts_file.name}: {key}" for key in fresh if key not in shipped]
    found += [f"no longer in the code: {key}" for key in shipped if key not in fresh]
    found += [f"not translated: {key}" for key, tr in shipped.items() if not is_translated(tr)]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if the .ts is not complete"
    )
    args = parser.parse_args(argv)
    if args.check:
        found = problems()
        for line in found:
            print(line)
        return 1 if found else 0
    lupdate(TS_FILE)
    lrelease(TS_FILE, QM_FILE)
    untranslated = [key for key, tr in messages(TS_FILE).items() if not is_translated(tr)]
    for key in untranslated:
        print(f"to translate: {key}")
    print(f"{TS_FILE.relative_to(ROOT)}: {len(untranslated)} string(s) to translate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
