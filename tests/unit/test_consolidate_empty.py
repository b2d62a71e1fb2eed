"""The application's summary of no rows (DuckDB's engine returns it when the files
hold none) has the shape the reference engine gives an empty table."""

from __future__ import annotations

from consolidate_reference import consolidated_counts, consolidated_keys

from accomp.reports.activity_rows import SCHEMA
from accomp.reports.consolidate import empty_counts, empty_keys


def test_empty_counts_and_keys_are_the_reference_of_no_rows() -> None:
    empty = SCHEMA.empty_table()
    assert empty_counts() == consolidated_counts(empty)
    assert list(empty_counts()) == list(consolidated_counts(empty))
    assert empty_keys() == consolidated_keys(empty)
