"""Many rows read from SQLite into Arrow columns with one Python object per row.

The driver makes a Python object of every value it hands over: 100,000 sessions
of 17 columns are 1.7 million objects, then transposed, which cost more than
SQLite's own work (issue 12: the activity export). Here SQLite joins each row's
values into one text: every value prefixed with "v" (a null is an empty field,
so an empty text stays distinct from null) and separated by U+001F; Arrow splits
the texts and casts the columns, in C++.

The texts of a chunk are joined into lines and split by Arrow's CSV reader (no
quoting, one line per row): half the time of splitting them with
`pyarrow.compute`. SQLite joins a row's values with `concat_ws` where it has it
(3.44 and later: the vault's SQLCipher), a third cheaper than `||`.

A value that holds the separator or a line break would shift the columns: every
row must split into exactly as many fields as there are columns, and every text
must give one line, or `packed_columns` returns None and the caller reads the rows
one object per value (`plain_columns`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv

SEPARATOR = "\x1f"
CHUNK = 16_384
Columns = Sequence[tuple[str, pa.DataType]]

_CONCAT_WS = (3, 44)
"""The first SQLite with concat_ws()."""


def packed_sql(expressions: Sequence[str], rest: str, *, concat_ws: bool = False) -> str:
    """`SELECT` of one text per row packing `expressions`, then `rest` (FROM ...);
    with `concat_ws`, joined by that function (SQLite 3.44 and later)."""
    fields = [f"coalesce('v' || CAST(({e}) AS TEXT), '')" for e in expressions]
    if concat_ws:
        return f"SELECT concat_ws(char(31), {', '.join(fields)}) {rest}"
    return f"SELECT {' || char(31) || '.join(fields)} {rest}"


def has_concat_ws(conn: Any) -> bool:
    """Whether the SQLite behind `conn` has concat_ws()."""
    (version,) = conn.execute("SELECT sqlite_version()").fetchone()
    return tuple(int(part) for part in str(version).split(".")[:2]) >= _CONCAT_WS


def plain_columns(cursor: Any, names: Columns) -> pa.Table:
    """A cursor's rows as an Arrow table, converted a chunk of column lists at a time
    (the driver's tuples of one chunk only are alive at once)."""
    schema = pa.schema(names)
    batches = []
    while rows := cursor.fetchmany(CHUNK):
        columns = zip(*rows, strict=True)
        batches.append(pa.record_batch(
            [pa.array(c, type=t) for c, (_, t) in zip(columns, names, strict=True)],
            schema=schema))
    return pa.Table.from_batches(batches, schema=schema).combine_chunks()


def packed_columns(
    conn: Any, expressions: Sequence[str], rest: str, params: Mapping[str, Any] | Sequence[Any],
    names: Columns,
) -> pa.Table | None:
    """The rows of `SELECT expressions rest` as an Arrow table with the schema
    `names` (one per expression), or None when some value holds the separator or a
    line break, or does not cast to its column's type."""
    if len(expressions) != len(names):
        raise ValueError("one column name per expression")
    sql = packed_sql(expressions, rest, concat_ws=has_concat_ws(conn))
    cursor = conn.execute(sql, params)
    schema = pa.schema(names)
    batches = []
    while rows := cursor.fetchmany(CHUNK):  # split chunk by chunk: a lower peak
        batch = _unpacked([row[0] for row in rows], schema)
        if batch is None:
            return None
        batches.append(batch)
    return pa.Table.from_batches(batches, schema=schema).combine_chunks()


_PARSE = pcsv.ParseOptions(delimiter=SEPARATOR, quote_char=False, escape_char=False,
                           newlines_in_values=False, ignore_empty_lines=False)


def _unpacked(texts: list[str], schema: pa.Schema) -> pa.RecordBatch | None:
    names = [f"c{i}" for i in range(len(schema))]
    try:
        # Every field read as text: "" (null) or "v" and the value.
        read = pcsv.read_csv(
            pa.py_buffer("\n".join(texts).encode()),
            read_options=pcsv.ReadOptions(column_names=names, use_threads=False),
            parse_options=_PARSE,
            convert_options=pcsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()), strings_can_be_null=True,
                null_values=[""], quoted_strings_can_be_null=False))
    except pa.ArrowInvalid:  # a row of another width: a value held the separator
        return None
    if read.num_rows != len(texts):  # a value held a line break
        return None
    columns = []
    for i, type_ in enumerate(schema.types):
        value = pc.utf8_slice_codeunits(read.column(i).combine_chunks(), 1)
        try:
            columns.append(value if type_ == pa.string() else value.cast(type_))
        except pa.ArrowInvalid:  # not what the column holds (a real number...)
            return None
    return pa.RecordBatch.from_arrays(columns, schema=schema)
