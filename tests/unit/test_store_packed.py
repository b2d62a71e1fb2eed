"""store.packed: rows read as one text each give exactly the columns of a plain
read, and any value that would not pack sends the caller back to the plain read."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
import sqlcipher3

from accomp.store import packed

NAMES = [("id", pa.int64()), ("word", pa.string()), ("n", pa.int64())]
EXPRESSIONS = ["id", "word", "n"]


def _db(rows: list[tuple[object, ...]], *, driver: Any = sqlite3) -> sqlite3.Connection:
    """A table of `rows`; the standard library's SQLite (3.40 here: values joined
    with ||) or, with driver=sqlcipher3, the vault's (concat_ws)."""
    conn = driver.connect(":memory:")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, word TEXT, n)")
    conn.executemany("INSERT INTO t VALUES (?, ?, ?)", rows)
    return conn


def _both(conn: sqlite3.Connection, rest: str = "FROM t ORDER BY id",
          params: tuple[object, ...] = ()) -> tuple[pa.Table | None, pa.Table]:
    return (packed.packed_columns(conn, EXPRESSIONS, rest, params, NAMES),
            packed.plain_columns(conn.execute(f"SELECT id, word, n {rest}", params), NAMES))


@pytest.mark.parametrize("driver", [sqlite3, sqlcipher3])
def test_packed_rows_are_the_plain_rows_nulls_and_empty_texts_included(driver: Any):
    rows = [(i, ["", None, "é", "a;b", '"x', "v", "'q'"][i % 7], [None, -3, 2**40][i % 3])
            for i in range(1, 40_000)]
    got, plain = _both(_db(rows, driver=driver))
    assert got is not None
    assert got.equals(plain)
    assert got.column("word")[0].as_py() is None  # null stays null ...
    assert got.column("word")[6].as_py() == ""  # ... and an empty text stays empty


def test_a_where_clause_with_parameters_and_no_row():
    conn = _db([(1, "a", 1)])
    got, plain = _both(conn, "FROM t WHERE id > ? ORDER BY id", (5,))
    assert got is not None
    assert got.num_rows == 0
    assert got.schema == plain.schema


@pytest.mark.parametrize("driver", [sqlite3, sqlcipher3])
@pytest.mark.parametrize("value", ["a\x1fb", "\x1f", "end\x1f", "x\ny", "\n", "x\r", "\r\n"])
def test_a_value_holding_the_separator_or_a_line_break_asks_for_the_plain_read(value, driver):
    got, plain = _both(_db([(1, "fine", 1), (2, value, 2)], driver=driver))
    assert got is None
    assert plain.column("word")[1].as_py() == value


@pytest.mark.parametrize("driver", [sqlite3, sqlcipher3])
def test_a_value_of_another_type_asks_for_the_plain_read(driver: Any):
    conn = _db([(1, "a", 1), (2, "b", "not a number")], driver=driver)
    assert packed.packed_columns(conn, EXPRESSIONS, "FROM t", (), NAMES) is None
    conn = _db([(1, "a", 2.5)], driver=driver)
    assert packed.packed_columns(conn, EXPRESSIONS, "FROM t", (), NAMES) is None
    conn = _db([(1, "a", "")], driver=driver)  # an empty text is no number either
    assert packed.packed_columns(conn, EXPRESSIONS, "FROM t", (), NAMES) is None


def test_the_vault_sqlite_joins_with_concat_ws():
    assert packed.has_concat_ws(sqlcipher3.connect(":memory:"))
    assert "concat_ws" in packed.packed_sql(["a", "b"], "FROM t", concat_ws=True)
    assert "concat_ws" not in packed.packed_sql(["a", "b"], "FROM t")


def test_one_name_per_expression():
    with pytest.raises(ValueError):
        packed.packed_columns(_db([]), ["id"], "FROM t", (), NAMES)


_FORMER_PEOPLE = (
    "SELECT b.code, b.birth_year, b.age_band, b.gender, b.social_status, "
    "b.commune_insee, min(x.date), count(*) FROM beneficiary b "
    "JOIN activity x ON x.beneficiary_id = b.id WHERE x.kind = 'Individuel' "
    "GROUP BY b.id ORDER BY b.code")


def test_the_people_of_the_export_are_those_of_the_former_statement(tmp_path: Path):
    from sqlalchemy import text

    from accomp.paths import AppPaths
    from accomp.services import vaults
    from accomp.services.generators.demo import generate_demo
    from accomp.store import stats

    vault, _ = vaults.create_vault(AppPaths.at(tmp_path / "v"), "x",
                                   kdf=vaults.KdfParams(1, 1024, 1), enforce_policy=False)
    try:
        generate_demo(vault, seed=3, activities=800, today=dt.date(2026, 11, 28))
        with vault.reading() as s:
            people = stats.export_people(s)
            former = s.connection().execute(text(_FORMER_PEOPLE)).all()
    finally:
        vault.lock()
    assert len(people) > 50
    assert [(p.code, p.birth_year, p.age_band, p.gender, p.social_status, p.commune_insee,
             p.first_session.isoformat(), p.sessions) for p in people] == \
        [tuple(r) for r in former]
