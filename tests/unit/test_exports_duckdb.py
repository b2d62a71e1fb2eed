"""The DuckDB queries docs/exports.md gives a regional analyst give the same figures
as `accomp consolidate` over the same folder of activity files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from consolidate_reference import consolidated_counts, read_inputs
from test_consolidation import identity, people, synthetic_rows, write

from accomp.privacy.generalise import NON_COMMUNIQUE

duckdb = pytest.importorskip("duckdb")

DOCS = Path(__file__).parent.parent.parent / "docs" / "exports.md"


def _documented_queries() -> list[str]:
    text = DOCS.read_text("utf-8")
    [block] = [b for b in re.findall(r"```sql\n(.*?)```", text, re.S)
               if "read_parquet('activites/*.parquet')" in b]
    statements = [s.strip() for s in block.split(";")]
    return [s for s in statements if s and not all(
        line.startswith("--") for line in s.splitlines())]


def test_the_documented_duckdb_queries_match_the_consolidation(tmp_path):
    folder = tmp_path / "activites"
    folder.mkdir()
    rows = synthetic_rows(500, 21, people("a", 60))
    for row in rows[::7]:
        row["month"] = NON_COMMUNIQUE  # blanked by local suppression: a null month
    paths = [
        write(folder / "a.parquet", rows, identity("a")),
        write(folder / "b.parquet", synthetic_rows(300, 22, people("b", 40)), identity("b")),
    ]
    counts = consolidated_counts(read_inputs(paths))
    assert counts["activities_by_month"][NON_COMMUNIQUE] > 0
    con = duckdb.connect()
    try:
        con.execute(f"SET file_search_path = '{tmp_path}'")
        create, by_month, by_kind, by_theme, people_count = _documented_queries()
        con.execute(create)
        assert dict(con.execute(by_month).fetchall()) == counts["activities_by_month"]
        kinds = con.execute(by_kind).fetchall()
        assert {k: n for k, n, _ in kinds} == counts["activities_by_kind"]
        assert {k: m for k, _, m in kinds} == counts["minutes_by_kind"]
        assert dict(con.execute(by_theme).fetchall()) == counts["activities_by_theme"]
        [(n,)] = con.execute(people_count).fetchall()
        assert n == sum(counts["beneficiaries_by_gender"].values())
    finally:
        con.close()


def test_the_documented_duckdb_query_reads_the_spreadsheet_csv_back_to_codes(tmp_path):
    from collections import Counter

    from accomp.reports.activity_rows import read_file

    text = DOCS.read_text("utf-8")
    [query] = [b for b in re.findall(r"```sql\n(.*?)```", text, re.S)
               if "read_csv('activites.csv'" in b]
    rows = synthetic_rows(300, 23, people("c", 30))
    for row, code in zip(rows, ["01", "2A", "971", "99"], strict=False):
        row["departement"] = code
    path = write(tmp_path / "activites.csv", rows, identity("c"))
    assert "01 – Ain".encode() in path.read_bytes()  # the spreadsheet form
    con = duckdb.connect()
    try:
        con.execute(f"SET file_search_path = '{tmp_path}'")
        got = dict(con.execute(query.strip().rstrip(";")).fetchall())
    finally:
        con.close()
    assert got == Counter(read_file(path, 1).column("departement").to_pylist())
    assert {"01", "2A", "971", "99", NON_COMMUNIQUE} <= set(got)
