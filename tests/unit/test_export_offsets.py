"""The export's columns computed with pyarrow.compute (no numpy): list offsets of
workshop participants and rounded durations, against their plain definitions."""

from __future__ import annotations

import itertools

import pyarrow as pa
import pytest

from accomp.services.exports import _offsets, _quarter_hours, _rounded_minutes


def _plain_offsets(ordered: list[int], n: int) -> list[int]:
    counts = [0] * (n + 1)
    for p in ordered:
        counts[p + 1] += 1
    return list(itertools.accumulate(counts))


@pytest.mark.parametrize(("ordered", "n"), [
    ([], 0), ([], 3), ([0], 1), ([0, 0, 1, 5, 5, 5, 9], 10), ([9, 9], 10), ([0, 9], 10),
    ([3], 10), ([1, 2, 3, 4], 5), (list(range(7)), 7),
])
def test_offsets_count_the_values_up_to_each_session(ordered: list[int], n: int) -> None:
    for type_ in (pa.int32(), pa.int64()):
        got = _offsets(pa.array(ordered, type_), n)
        assert got.type == pa.int32()
        assert got.to_pylist() == _plain_offsets(ordered, n)
        chunked = pa.chunked_array([pa.array(ordered[:1], type_), pa.array(ordered[1:], type_)])
        assert _offsets(chunked, n).to_pylist() == _plain_offsets(ordered, n)


def test_rounded_durations_match_the_rule() -> None:
    minutes = list(range(0, 500))
    expected = [_quarter_hours(m) for m in minutes]
    assert _rounded_minutes(pa.array(minutes, pa.int64())).to_pylist() == expected
    chunked = pa.chunked_array([pa.array(minutes, pa.int64())])
    assert _rounded_minutes(chunked).to_pylist() == expected
