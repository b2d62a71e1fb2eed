"""The activity CSV in its two forms: for a spreadsheet (";", the default) each
département is "code – name", which a double click keeps as text; for tools
("--separator ,") the plain code, as in Parquet. Consolidation reads both back to
the same rows, the signature covers the bytes as written, and a name that does not
belong to its code is refused."""

from __future__ import annotations

import re
from pathlib import Path

import pyarrow as pa
import pytest
from test_consolidation import KEY, SECRET, identity, people, synthetic_rows

from accomp.domain.errors import KnownError
from accomp.reports import activity_rows
from accomp.reports.activity_csv import plain_departement, spreadsheet_departement
from accomp.store.filetag import activity_file_key


@pytest.fixture(scope="module")
def table() -> pa.Table:
    rows = synthetic_rows(120, 3, people("a", 20))
    for i, code in enumerate(["01", "2A", "971", "986", "99", "00"]):
        rows[i] = {**rows[i], "departement": code}
    return activity_rows.to_table(rows, identity("a"))


def _write(path: Path, table: pa.Table, **options) -> Path:
    path.write_bytes(activity_rows.csv_bytes(table, activity_file_key(SECRET), **options))
    return path


def _departements(path: Path) -> list[str]:
    lines = path.read_bytes().decode("utf-8-sig").split("\r\n")
    sep = ";" if lines[0].count(";") > lines[0].count(",") else ","
    column = lines[0].split(sep).index("departement")
    return [line.split(sep)[column] for line in lines[1:-2]]


def test_a_departement_shows_its_code_and_its_name_for_a_spreadsheet():
    assert spreadsheet_departement("01") == "01 – Ain"
    assert spreadsheet_departement("2A") == "2A – Corse-du-Sud"
    assert spreadsheet_departement("971") == "971 – Guadeloupe"
    assert spreadsheet_departement("99") == "99 – Étranger"
    assert spreadsheet_departement("NonCommunique") == "NonCommunique"
    assert spreadsheet_departement("00") == "00 – code hors liste"
    for code in ("01", "2A", "971", "99", "00", "NonCommunique"):
        assert plain_departement(spreadsheet_departement(code)) == code


def test_the_default_csv_is_for_spreadsheets_the_comma_one_for_tools(tmp_path, table):
    spreadsheet = _departements(_write(tmp_path / "a.csv", table))
    assert spreadsheet[:6] == ['"01 – Ain"', '"2A – Corse-du-Sud"', '"971 – Guadeloupe"',
                               '"986 – Wallis et Futuna"', '"99 – Étranger"',
                               '"00 – code hors liste"']
    assert all(re.fullmatch(r'"(NonCommunique|\w{2,3} – [^"]+)"', c) for c in spreadsheet)
    tools = _departements(_write(tmp_path / "b.csv", table, separator=",", bom=False))
    assert tools[:6] == ['"01"', '"2A"', '"971"', '"986"', '"99"', '"00"']
    # either form on demand, whatever the separator
    both = _departements(_write(tmp_path / "c.csv", table, separator=",", spreadsheet=True))
    assert both == spreadsheet
    assert _departements(_write(tmp_path / "d.csv", table, spreadsheet=False)) == tools


def test_both_forms_are_read_back_to_the_plain_codes_with_their_signature(tmp_path, table):
    expected = table.column("departement").to_pylist()
    for name, options in (("a.csv", {}), ("b.csv", {"separator": ","})):
        read = activity_rows.read_file(_write(tmp_path / name, table, **options), 1, KEY)
        assert read.column("departement").to_pylist() == expected
        assert read.column("row_id").to_pylist() == table.column("row_id").to_pylist()


def _edit_departement(path: Path, old: bytes, new: bytes) -> None:
    data = path.read_bytes()
    assert old in data
    path.write_bytes(data.replace(old, new, 1))


def test_a_departement_edited_in_a_signed_file_breaks_its_signature(tmp_path, table):
    path = _write(tmp_path / "a.csv", table)
    # another listed département, in the very form the writer uses
    _edit_departement(path, "01 – Ain".encode(), "02 – Aisne".encode())
    with pytest.raises(KnownError) as err:
        activity_rows.read_file(path, 1, KEY)
    assert err.value.code == "consolidation_refused"
    assert err.value.params["reason"][0].startswith("sa signature ne correspond pas")


@pytest.mark.parametrize("cell", ["01 – Vienne", "01 – ain", "01 –  Ain", "Ain",
                                  "01 – Ain – Ain", "NonCommunique – Non communiqué",
                                  "86 – code hors liste"])
def test_an_unsigned_file_whose_name_is_not_its_codes_is_refused(tmp_path, table, cell):
    path = _write(tmp_path / "a.csv", table)
    body, _ = activity_rows.split_csv(path.read_bytes())
    path.write_bytes(body.replace("01 – Ain".encode(), cell.encode(), 1))
    with pytest.raises(KnownError) as err:
        activity_rows.read_file(path, 1, KEY, allow_untagged=True)
    assert err.value.code == "consolidation_bad_schema"
    assert err.value.params["column"] == "departement"


def test_row_ids_are_never_read_as_numbers():
    # A spreadsheet reads digits, or digits around one "e", as a number (and loses
    # digits beyond 15): a random 16-hex-digit id did so about once per 750 rows.
    ids = activity_rows.row_ids(200_000).to_pylist()
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[abcdf][0-9a-f]{15}", i) for i in ids)
    assert {i[0] for i in ids} == set("abcdf")
