"""Many rows read from SQLite into Arrow columns with one Python object per row.

The driver makes a Python object of every value it hands over: 100,000 sessions
of 17 columns are 1.7 million objects, then transposed, which cost more than
SQLite's own work (issue 12: the activity export). Here SQLite joins each row's
values into one text: every value prefixed with "v" (a null is an empty field,
so an empty text stays distinct from null) and separated by U+001F; Arrow splits
the texts and casts the columns, in C++.

A value that holds the separator itself would shift the columns: every row must
split into exactly as many fields as there are columns, or `packed_columns`
returns None and the caller reads the rows one object per value
(`plain_columns`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

SEPARATOR = "\x1f"
CHUNK = 16_384
Columns = Sequence[tuple[str, pa.DataType]]


def packed_sql(expressions: Sequence[str], rest: str) -> str:
    """`SELECT` of one text per row packing `expressions`, then `rest` (FROM ...)."""
    fields = [f"coalesce('v' || CAST(({e}) AS TEXT), '')" for e in expressions]
    return f"SELECT {' || char(31) || '.join(fields)} {rest}"


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
    `names` (one per expression), or None when some value holds the separator or
    does not cast to its column's type."""
    if len(expressions) != len(names):
        raise ValueError("one column name per expression")
    cursor = conn.execute(packed_sql(expressions, rest), params)
    schema = pa.schema(names)
    batches = []
    while rows := cursor.fetchmany(CHUNK):  # split chunk by chunk: a lower peak
        batch = _unpacked(pa.array([row[0] for row in rows], pa.string()), schema)
        if batch is None:
            return None
        batches.append(batch)
    return pa.Table.from_batches(batches, schema=schema).combine_chunks()


def _unpacked(texts: pa.Array, schema: pa.Schema) -> pa.RecordBatch | None:
    fields = pc.split_pattern(texts, SEPARATOR)
    lengths = pc.list_value_length(fields)
    width = len(schema)
    if pc.min(lengths).as_py() != width or pc.max(lengths).as_py() != width:
        return None
    columns = []
    for i, type_ in enumerate(schema.types):
        field = pc.list_element(fields, i)
        value = pc.if_else(pc.equal(field, ""), pa.scalar(None, pa.string()),
                           pc.utf8_slice_codeunits(field, 1))
        try:
            columns.append(value if type_ == pa.string() else value.cast(type_))
        except pa.ArrowInvalid:  # not what the column holds (a real number...)
            return None
    return pa.RecordBatch.from_arrays(columns, schema=schema)
