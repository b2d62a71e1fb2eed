"""The anonymised activity file read column by column gives the very rows the
former one-object-per-session path gave (tests/unit/export_reference.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import export_reference
import pytest

from accomp.domain.models import ActivityFilter
from accomp.paths import AppPaths
from accomp.privacy.suppression import DEFAULT_K
from accomp.reports import activity_rows
from accomp.services import exports, vaults
from accomp.services.generators.demo import generate_demo
from accomp.store import stats

TODAY = dt.date(2026, 11, 28)
CHEAP = vaults.KdfParams(1, 1024, 1)
# Row ids are random and the export id new at each export: everything else must match.
RANDOM = {"row_id", "export_id"}


@pytest.mark.parametrize(("seed", "start", "filters"), [
    (1, dt.date(2025, 1, 1), ActivityFilter()),
    (2, dt.date(2025, 9, 1), ActivityFilter()),
    (2, dt.date(2025, 1, 1), ActivityFilter(kind="Collectif")),
    (1, dt.date(2025, 1, 1), ActivityFilter(theme="Sante")),
])
def test_columnar_export_gives_the_rows_of_the_former_path(tmp_path: Path, seed, start,
                                                            filters):
    vault, _ = vaults.create_vault(AppPaths.at(tmp_path / "v"), "x", kdf=CHEAP,
                                   enforce_policy=False)
    try:
        generate_demo(vault, seed=seed, activities=1500, today=TODAY)
        result = exports.anonymised_activities(vault, start, TODAY, filters=filters)
        with vault.reading() as s:
            secret = exports._secret(s, vault.worker)
            people, _ = exports.person_attributes(stats.export_people(s), DEFAULT_K)
            rows, shares = export_reference.reference_rows(s, secret, start, TODAY, filters,
                                                           people)
    finally:
        vault.lock()
    assert len(rows) > 100
    expected = activity_rows.to_table(rows, result.identity)
    assert result.table.schema == expected.schema
    for name in expected.column_names:
        if name not in RANDOM:
            assert result.table.column(name).to_pylist() == \
                expected.column(name).to_pylist(), name
    assert result.blanked == pytest.approx(shares)
    assert result.table.column("row_id").null_count == 0
    assert len(set(result.table.column("row_id").to_pylist())) == len(rows)
