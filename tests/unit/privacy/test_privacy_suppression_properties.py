"""What a statistician would check before signing off a published table.

An intruder knows every published number, that the table adds up, and that counts
are never negative. With that alone, solved as a linear programme, no hidden count
may be pinned to a single value, and no published count may be small.
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from accomp.privacy.suppression import (
    TOTAL,
    CellStatus,
    Coordinates,
    CountTable,
    SuppressedTable,
    suppress_small_cells,
)

# Mostly small counts, where suppression has work to do, and some large ones.
COUNTS = st.one_of(st.integers(0, 4), st.integers(0, 12), st.integers(0, 80))
THRESHOLDS = st.sampled_from([3, 4, 5, 5, 5, 10])


def _equations(table: SuppressedTable) -> list[list[Coordinates]]:
    """Each additivity equation as its terms; the last term is the total (minus)."""
    if len(table.dimensions) == 1:
        (categories,) = table.categories
        return [[(c,) for c in categories] + [(TOTAL,)]]
    rows, columns = table.categories
    row_labels: list[str | None] = [*rows, TOTAL]
    column_labels: list[str | None] = [*columns, TOTAL]
    equations: list[list[Coordinates]] = []
    for r in row_labels:
        equations.append([*((r, c) for c in columns), (r, TOTAL)])
    for c in column_labels:
        equations.append([*((r, c) for r in rows), (TOTAL, c)])
    return equations


def feasible_ranges(table: SuppressedTable) -> dict[Coordinates, tuple[float, float]]:
    """The intruder's best bounds on every hidden number, by linear programming."""
    hidden = [key for key, cell in table.cells.items() if cell.value is None]
    index = {key: n for n, key in enumerate(hidden)}
    a_eq: list[list[float]] = []
    b_eq: list[float] = []
    for terms in _equations(table):
        row = [0.0] * len(hidden)
        constant = 0.0
        for position, term in enumerate(terms):
            sign = -1.0 if position == len(terms) - 1 else 1.0
            value = table.cells[term].value
            if value is None:
                row[index[term]] += sign
            else:
                constant -= sign * value
        if any(row):
            a_eq.append(row)
            b_eq.append(constant)
        else:
            assert constant == 0, "published numbers must add up"
    ranges: dict[Coordinates, tuple[float, float]] = {}
    for key, n in index.items():
        objective = np.zeros(len(hidden))
        objective[n] = 1.0
        bounds = []
        for direction in (1.0, -1.0):
            result = linprog(
                direction * objective,
                A_eq=np.array(a_eq),
                b_eq=np.array(b_eq),
                bounds=(0, None),
                method="highs",
            )
            if result.status == 3:  # unbounded: only possible upwards
                assert direction == -1.0
                bounds.append(math.inf)
            else:
                assert result.status == 0, result.message
                bounds.append(direction * result.fun)
        ranges[key] = (bounds[0], bounds[1])
    return ranges


def true_values(table: CountTable) -> dict[Coordinates, int]:
    """Every cell and margin of a count table, computed independently of the module."""
    if len(table.dimensions) == 1:
        (categories,) = table.categories
        line: dict[Coordinates, int] = {(c,): table.cells[(c,)] for c in categories}
        line[(TOTAL,)] = sum(table.cells.values())
        return line
    rows, columns = table.categories
    grid: dict[Coordinates, int] = {
        (row, column): 0 for row in [*rows, TOTAL] for column in [*columns, TOTAL]
    }
    for (r, c), count in table.cells.items():
        for key in ((r, c), (r, TOTAL), (TOTAL, c), (TOTAL, TOTAL)):
            grid[key] += count
    return grid


def assert_safe(table: CountTable, published: SuppressedTable, k: int) -> None:
    truth = true_values(table)
    assert set(published.cells) == set(truth)
    for key, cell in published.cells.items():
        if cell.value is None:
            assert cell.status is not CellStatus.PUBLISHED
            assert truth[key] > 0, f"{key}: a zero is never hidden"
        else:
            assert cell.status is CellStatus.PUBLISHED
            assert cell.value == truth[key], f"{key}: a published number must be true"
            assert not 1 <= cell.value < k, f"{key}: small count {cell.value} published"
        assert (cell.status is CellStatus.PRIMARY) == (1 <= truth[key] < k)
    for key, (low, high) in feasible_ranges(published).items():
        assert low - 1e-6 <= truth[key] <= high + 1e-6, f"{key}: LP set-up is wrong"
        assert high - low >= 1 - 1e-6, f"{key}={truth[key]} can be recomputed: [{low}, {high}]"


@st.composite
def one_dimension_tables(draw: st.DrawFn) -> CountTable:
    size = draw(st.integers(1, 6))
    counts = draw(st.lists(COUNTS, min_size=size, max_size=size))
    return CountTable(("genre",), {(f"g{n}",): count for n, count in enumerate(counts)})


@st.composite
def two_dimension_tables(draw: st.DrawFn) -> CountTable:
    n_rows = draw(st.integers(1, 6))
    n_columns = draw(st.integers(1, 6))
    counts = draw(st.lists(COUNTS, min_size=n_rows * n_columns, max_size=n_rows * n_columns))
    cells = {
        (f"age{r}", f"theme{c}"): counts[r * n_columns + c]
        for r in range(n_rows)
        for c in range(n_columns)
    }
    return CountTable(("age", "theme"), cells)


@settings(max_examples=100, deadline=None, database=None)
@given(table=one_dimension_tables(), k=THRESHOLDS)
def test_no_hidden_count_of_a_list_can_be_recomputed(table: CountTable, k: int) -> None:
    assert_safe(table, suppress_small_cells(table, k), k)


@settings(
    max_examples=120, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(table=two_dimension_tables(), k=THRESHOLDS)
def test_no_hidden_count_of_a_cross_table_can_be_recomputed(table: CountTable, k: int) -> None:
    assert_safe(table, suppress_small_cells(table, k), k)


def test_hidden_cell_linking_two_hidden_blocks_is_still_protected() -> None:
    # Every row and column here has zero or at least two small cells, which is where
    # the textbook "two per line" rule stops; yet (a1, t3) would be row sums of a1
    # and a2 minus column sums of t1 and t2. It must get a cycle of its own.
    small = {("a1", "t1"), ("a1", "t2"), ("a2", "t1"), ("a2", "t2")}
    small |= {("a3", "t3"), ("a3", "t4"), ("a4", "t3"), ("a4", "t4"), ("a1", "t3")}
    cells = {
        (f"a{r}", f"t{c}"): 1 if (f"a{r}", f"t{c}") in small else 20
        for r in range(1, 5)
        for c in range(1, 5)
    }
    table = CountTable(("age", "theme"), cells)
    published = suppress_small_cells(table)
    assert published.cells[("a1", "t3")].status is CellStatus.PRIMARY
    assert any(cell.status is CellStatus.SECONDARY for cell in published.cells.values())
    assert_safe(table, published, 5)


def test_small_row_total_is_protected_from_the_grand_total() -> None:
    table = CountTable(
        ("age", "genre"),
        {
            ("SoixanteDixPlus", "Feminin"): 1,
            ("SoixanteDixPlus", "Masculin"): 2,
            ("VingtCinqTrenteNeuf", "Feminin"): 14,
            ("VingtCinqTrenteNeuf", "Masculin"): 11,
        },
    )
    published = suppress_small_cells(table)
    assert published.value("SoixanteDixPlus", TOTAL) is None
    assert_safe(table, published, 5)
