"""An unfiltered export learns each person's first session from the period's own
sessions and the people seen before it: the same first visits as the whole
logbook's firsts (stats._FIRSTS), whatever the period."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pytest

from accomp.domain.models import ActivityFilter
from accomp.paths import AppPaths
from accomp.services import exports, vaults
from accomp.services.generators.demo import generate_demo
from accomp.store import packed, stats

TODAY = dt.date(2026, 11, 28)


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory):
    folder: Path = tmp_path_factory.mktemp("firsts")
    v, _ = vaults.create_vault(AppPaths.at(folder / "v"), "x", kdf=vaults.KdfParams(1, 1024, 1),
                               enforce_policy=False)
    generate_demo(v, seed=3, activities=1200, today=TODAY)
    yield v
    v.lock()


def _first_visits(data: stats.ExportColumns, firsts: pa.Table) -> tuple[list[bool], list[bool]]:
    sessions, taking = data.sessions, data.participants
    return (exports._is_first(firsts, sessions.column("beneficiary_id"),
                              sessions.column("id")).to_pylist(),
            exports._is_first(firsts, taking.column("beneficiary_id"),
                              taking.column("activity_id")).to_pylist())


@pytest.mark.parametrize(("start", "end"), [
    (dt.date(2020, 1, 1), TODAY), (dt.date(2025, 9, 1), TODAY),
    (dt.date(2025, 9, 1), dt.date(2026, 3, 31)), (dt.date(2026, 6, 1), dt.date(2026, 6, 30)),
    (dt.date(2030, 1, 1), dt.date(2030, 12, 31)),
])
def test_firsts_of_the_period_are_the_logbook_firsts(vault, start, end):
    with vault.reading() as s:
        data = stats.export_columns(s, start, end, ActivityFilter())
        dbapi = s.connection().connection.dbapi_connection
        whole = packed.plain_columns(dbapi.execute(stats._FIRSTS), stats._FIRST_COLUMNS)
    got = _first_visits(data, data.firsts)
    assert got == _first_visits(data, whole)
    if start.year == 2025:  # people seen before the period: some sessions are not firsts
        assert data.sessions.num_rows > 0
        people = data.sessions.column("beneficiary_id").to_pylist()
        assert not all(first for first, who in zip(got[0], people, strict=True) if who)
        assert any(got[0])
        assert any(got[1])


def test_a_filtered_export_reads_the_whole_logbook_firsts(vault):
    with vault.reading() as s:
        data = stats.export_columns(s, dt.date(2025, 9, 1), TODAY,
                                    ActivityFilter(kind="Collectif"))
        dbapi = s.connection().connection.dbapi_connection
        whole = packed.plain_columns(dbapi.execute(stats._FIRSTS), stats._FIRST_COLUMNS)
    assert data.firsts.equals(whole)


def test_rows_that_would_not_pack_are_read_plainly(vault, monkeypatch):
    with vault.reading() as s:
        packed_read = stats.export_columns(s, dt.date(2025, 9, 1), TODAY, ActivityFilter())
        monkeypatch.setattr(stats, "packed_columns", lambda *args: None)
        plain_read = stats.export_columns(s, dt.date(2025, 9, 1), TODAY, ActivityFilter())
    assert plain_read.participants.num_rows > 0
    for name in ("sessions", "participants", "firsts"):
        assert getattr(plain_read, name).equals(getattr(packed_read, name)), name
