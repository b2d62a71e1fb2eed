"""Import, export, import again: the same activities. And nothing of an imported file
leaves the vault (no temporary copy, no log line), and the file is never modified."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import logging
import os
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from conftest import CANARY_NEEDLES, CHEAP_KDF_ARGS, PASSPHRASE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accomp.domain.vocab import vocabulary
from accomp.paths import AppPaths
from accomp.services import activities, exports, imports, vaults
from accomp.services.imports import ImportOptions

TODAY = dt.date(2024, 6, 1)
AT = dt.datetime(2024, 6, 1, 12, 0, tzinfo=dt.UTC)
THEMES = [t for t in vocabulary().keys("themes") if t != "AideAuxDemarchesAdministratives"]
ADMIN = sorted(vocabulary().keys("admin_themes"))


def _label(list_name: str, key: str) -> str:
    return vocabulary().label(list_name, key)


session = st.fixed_dictionaries({
    "date": st.dates(dt.date(2024, 1, 1), dt.date(2024, 5, 31)),
    "duration_min": st.integers(1, 720),
    "place_type": st.sampled_from(["LieuActivite", "ADistance"]),
    "themes": st.lists(st.sampled_from(THEMES), min_size=1, max_size=3, unique=True),
    "admin_themes": st.lists(st.sampled_from(ADMIN), max_size=2, unique=True),
    "equipment": st.lists(st.sampled_from(["Ordinateur", "Telephone", "Tablette"]),
                          max_size=2, unique=True),
    "autonomy": st.sampled_from([None, "Autonome", "EntierementAccompagne"]),
    "date_form": st.sampled_from(["%d/%m/%Y", "%Y-%m-%d", "%d.%m.%y"]),
    "duration_form": st.sampled_from(["min", "h", "clock"]),
})


def _duration(minutes: int, form: str) -> str:
    h, m = divmod(minutes, 60)
    if form == "h" and h:
        return f"{h}h{m:02d}" if m else f"{h} h"
    if form == "clock":
        return f"{h}:{m:02d}"
    return str(minutes)


def _worker_csv(rows: list[dict[str, Any]], path: Path) -> None:
    out = io.StringIO()
    w = csv.writer(out, delimiter=";")
    w.writerow(["Date", "Durée", "Thèmes", "Démarches", "Lieu", "Matériel", "Autonomie"])
    for r in rows:
        w.writerow([
            r["date"].strftime(r["date_form"]), _duration(r["duration_min"], r["duration_form"]),
            ", ".join(_label("themes", t) for t in r["themes"]),
            ", ".join(_label("admin_themes", t) for t in r["admin_themes"]),
            _label("place_types", r["place_type"]),
            " / ".join(_label("equipment", e) for e in r["equipment"]),
            _label("autonomy", r["autonomy"]) if r["autonomy"] else "",
        ])
    path.write_text(out.getvalue(), encoding="utf-8")


def _vault(folder: Path) -> Any:
    vault, _ = vaults.create_vault(AppPaths.at(folder), PASSPHRASE,
                                   kdf=vaults.KdfParams(*CHEAP_KDF_ARGS), enforce_policy=False)
    return vault


def _import(vault: Any, path: Path) -> imports.Precheck:
    plan = imports.precheck(vault, path, "activities", today=TODAY)
    assert plan.problems == []
    imports.write_import(vault, plan, today=TODAY, at=AT)
    return plan


_COMPARED = ("month", "kind", "duration_min_rounded", "place_type", "themes", "admin_themes",
             "equipment", "autonomy")


def _exported(vault: Any, out: Path) -> Counter[tuple[str, ...]]:
    exports.export_activities(vault, dt.date(2024, 1, 1), dt.date(2024, 5, 31), "csv", out, k=3)
    lines = [line for line in out.read_text("utf-8-sig").splitlines()
             if line and not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter=";"))
    return Counter(tuple("|".join(sorted(r[c].split("|"))) for c in _COMPARED) for r in rows)


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(rows=st.lists(session, min_size=1, max_size=12))
def test_import_export_import_gives_the_same_activities(rows: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        source = root / "journal.csv"
        _worker_csv(rows, source)
        first = _vault(root / "a")
        try:
            _import(first, source)
            logged = Counter(
                (a.date, a.duration_min, a.place_type, tuple(sorted(a.themes)))
                for a in (activities.get_activity(first, r.id)
                          for r in activities.list_activities(first, limit=100)))
            expected = Counter(
                (r["date"], r["duration_min"], r["place_type"], tuple(sorted(
                    r["themes"] + (["AideAuxDemarchesAdministratives"] if r["admin_themes"]
                                   else []))))
                for r in rows)
            assert logged == expected
            once = _exported(first, root / "export1.csv")
        finally:
            first.lock()
        second = _vault(root / "b")
        try:
            _import(second, root / "export1.csv")
            assert _exported(second, root / "export2.csv") == once
        finally:
            second.lock()


def _needles_in(path: Path) -> list[str]:
    try:
        data = path.read_bytes()
    except OSError:
        return []
    return [n for n in CANARY_NEEDLES if n.encode("utf-8") in data
            or n.encode("cp1252", errors="ignore") in data]


def test_nothing_of_an_imported_file_leaves_the_vault(
        vault: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    source = tmp_path / "carnet.csv"
    source.write_bytes(
        "Date;Nom;Prénom;Téléphone;Durée;Thème;Commentaire\r\n"
        "02/05/2024;CANARYNAME;Zéphyrine;06 99 88 77 66;45;CAF;CANARYNOTE\r\n"
        "03/05/2024;CANARYNAME;Zéphyrine;06 99 88 77 66;1h;Zorglub CANARYNOTE;\r\n"
        .encode("cp1252"))
    before = (hashlib.sha256(source.read_bytes()).hexdigest(), source.stat().st_mtime_ns)
    temp_before = set(os.listdir(tempfile.gettempdir()))
    caplog.set_level(logging.DEBUG)
    options = ImportOptions(legal_basis="MissionInteretPublic", informed_on=dt.date(2024, 1, 2))
    plan = imports.precheck(vault, source, "activities", options, today=TODAY)
    assert plan.rejected_lines == [3]
    imports.write_import(vault, plan, today=TODAY, at=AT)
    imports.undo_last_import(vault, at=AT)
    vault.lock()
    assert (hashlib.sha256(source.read_bytes()).hexdigest(), source.stat().st_mtime_ns) == before
    assert not [n for n in CANARY_NEEDLES if n in caplog.text]
    for name in set(os.listdir(tempfile.gettempdir())) - temp_before:
        found = Path(tempfile.gettempdir()) / name
        if found.is_file():
            assert _needles_in(found) == [], name
    for found in tmp_path.rglob("*"):
        if found.is_file() and found != source:
            assert _needles_in(found) == [], found.name
