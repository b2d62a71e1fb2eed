"""The spreadsheets of scripts/make_import_fixtures.py, for the import's tests."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any


def _load() -> Any:
    path = Path(__file__).parents[1] / "scripts" / "make_import_fixtures.py"
    spec = importlib.util.spec_from_file_location("make_import_fixtures", path)
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_import_fixtures", module)
    spec.loader.exec_module(module)
    return module


FIX = _load()
