"""Small-cell suppression, so that published statistics never point at a person.

Supervisors and funders receive tables of counts ("people supported, by age band and
gender") and, sometimes, activity rows. In a small territory a count of 1 or 2 is
often enough to recognise someone: "the only woman over 70 helped with her residence
papers this month". Official statistics never publish a count built from fewer than
3 units; for the vulnerable people this logbook is about we use k = 5 by default.

Hiding the small counts is not enough when totals are published too: a hidden cell
that is alone in its row is just the row total minus the rest. This module therefore
hides complementary cells as well, until no hidden count can be rebuilt from the
published ones, not even by an analyst who solves the table's equations with linear
programming: every hidden count can move at least one unit up and one unit down
while every published number stays true.

Zero counts are always published. A zero says that nobody is in that group; it is
about no one, and hiding it would only make tables harder to read. For the same
reason zeros are never used as complementary cells: a hidden cell paired with a zero
could only move one way, and its value would leak through that bound.

What this does not hide: when a whole row of a table is concentrated in one cell
("all 8 people aged 70+ came for the same reason"), the table tells something about
everyone in that row. Official small-cell rules do not treat that either; keep the
number of dimensions of a published table low.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Final

DEFAULT_K: Final = 5
"""Smallest publishable count for the vulnerable people this logbook is about."""

MIN_K: Final = 3
"""The floor of official statistics; a lower threshold is never acceptable."""

TOTAL: Final = None
"""The coordinate of a margin: `(TOTAL,)` is the total of a one-dimension table;
`(row, TOTAL)`, `(TOTAL, column)` and `(TOTAL, TOTAL)` are a two-dimension table's
row totals, column totals and grand total."""

Coordinates = tuple[str | None, ...]
"""One coordinate per dimension: a category, or TOTAL for a margin."""


def _check_k(k: int) -> None:
    if k < MIN_K:
        raise ValueError(f"the suppression threshold k must be at least {MIN_K}, not {k}")


CellCounts = (
    Mapping[tuple[str], int] | Mapping[tuple[str, str], int] | Mapping[tuple[str, ...], int]
)
"""What a CountTable accepts: a mapping typed for one or two dimensions will do."""


@dataclass(frozen=True, init=False)
class CountTable:
    """Counts over one or two dimensions, before any of them is published.

    `cells` maps one category per dimension to a count: `{("Feminin",): 12}` for one
    dimension, `{("SoixanteDixPlus", "Feminin"): 3}` for two. A combination that is
    absent counts as zero. Categories appear in the published table in the order in
    which they first appear among the keys, so listing zeros explicitly both shows
    empty categories and fixes the order. Margins are not given: they are computed
    from the cells, which guarantees that they add up and that they are protected
    as published numbers in their own right.

    Refuses (ValueError) anything but one or two distinct dimensions, a key with the
    wrong number of categories, and a negative count.
    """

    dimensions: tuple[str, ...]
    cells: Mapping[tuple[str, ...], int]

    def __init__(self, dimensions: Sequence[str], cells: CellCounts) -> None:
        names = tuple(dimensions)
        if len(names) not in (1, 2):
            raise ValueError("a count table has one or two dimensions")
        if len(set(names)) != len(names):
            raise ValueError(f"dimension names must differ: {names}")
        snapshot: dict[tuple[str, ...], int] = {}
        for key, count in cells.items():
            if len(key) != len(names):
                raise ValueError(f"cell {key} does not match dimensions {names}")
            if count < 0:
                raise ValueError(f"cell {key} has a negative count: {count}")
            snapshot[key] = count
        # A snapshot: the caller mutating their dict afterwards cannot desynchronise
        # what was checked from what is published.
        object.__setattr__(self, "dimensions", names)
        object.__setattr__(self, "cells", MappingProxyType(snapshot))

    @property
    def categories(self) -> tuple[tuple[str, ...], ...]:
        """The categories of each dimension, in order of first appearance."""
        return tuple(
            tuple(dict.fromkeys(key[axis] for key in self.cells))
            for axis in range(len(self.dimensions))
        )


class CellStatus(StrEnum):
    """Why a number is, or is not, in the published table."""

    PUBLISHED = "published"
    PRIMARY = "primary"
    """Hidden because 1 <= count < k."""
    SECONDARY = "secondary"
    """Hidden, though not small, so that a primary count cannot be recomputed."""


@dataclass(frozen=True, slots=True)
class PublishedCount:
    """One number of a published table: its value, or None when it is hidden."""

    value: int | None
    status: CellStatus


@dataclass(frozen=True)
class SuppressedTable:
    """A count table as it may be published: every cell and every margin.

    `cells` holds both the inner cells and the margins (see TOTAL); the margins of a
    two-dimension table are its row totals, column totals and grand total. A caller
    may leave margins out of a report: publishing less never weakens the protection.
    """

    dimensions: tuple[str, ...]
    categories: tuple[tuple[str, ...], ...]
    k: int
    cells: Mapping[Coordinates, PublishedCount]

    @property
    def suppressed(self) -> bool:
        """Whether anything is hidden, so a report can say so under the table."""
        return any(cell.status is not CellStatus.PUBLISHED for cell in self.cells.values())

    def value(self, *coordinates: str | None) -> int | None:
        """The published value at these coordinates, None if hidden."""
        return self.cells[coordinates].value


def suppress_small_cells(table: CountTable, k: int = DEFAULT_K) -> SuppressedTable:
    """Return what may be published of `table` and its margins.

    Primary suppression hides every number (cell or margin) with 1 <= n < k.
    Secondary suppression then hides further numbers, preferring the smallest, so
    that every hidden number stays uncertain by at least one unit in each direction
    given everything published, even to someone solving the table's equations.

    Refuses (ValueError) k below MIN_K.
    """
    _check_k(k)
    if len(table.dimensions) == 1:
        return _suppress_line(table, k)
    return _suppress_grid(table, k)


def _status(
    position: object, primary: AbstractSet[object], secondary: AbstractSet[object]
) -> CellStatus:
    if position in primary:
        return CellStatus.PRIMARY
    if position in secondary:
        return CellStatus.SECONDARY
    return CellStatus.PUBLISHED


def _published(value: int, status: CellStatus) -> PublishedCount:
    return PublishedCount(value if status is CellStatus.PUBLISHED else None, status)


def _suppress_line(table: CountTable, k: int) -> SuppressedTable:
    (categories,) = table.categories
    coordinates: list[Coordinates] = [(category,) for category in categories]
    coordinates.append((TOTAL,))
    values = [table.cells[(category,)] for category in categories]
    values.append(sum(values))
    # One equation: the cells add up to the total. A hidden number is known exactly
    # when it is the only unknown of that equation; a second hidden nonzero number
    # lets both move by one unit in opposite directions.
    primary = {i for i, value in enumerate(values) if 0 < value < k}
    secondary: set[int] = set()
    if len(primary) == 1:
        # The total is at least the hidden cell, hence a nonzero candidate: one always
        # exists. Smaller cells come first, so the total is in practice never chosen.
        candidates = [i for i, value in enumerate(values) if value > 0 and i not in primary]
        secondary.add(min(candidates, key=lambda i: (values[i], i)))
    cells = {
        coordinates[i]: _published(value, _status(i, primary, secondary))
        for i, value in enumerate(values)
    }
    return SuppressedTable(table.dimensions, table.categories, k, MappingProxyType(cells))


Position = tuple[int, int]


def _suppress_grid(table: CountTable, k: int) -> SuppressedTable:
    rows, columns = table.categories
    # The extended grid: inner cells, a margin column of row totals and a margin row
    # of column totals, the grand total in the corner.
    grid = [[table.cells.get((row, column), 0) for column in columns] for row in rows]
    for line in grid:
        line.append(sum(line))
    grid.append([sum(line[j] for line in grid) for j in range(len(columns) + 1)])
    primary = {
        (i, j) for i, line in enumerate(grid) for j, value in enumerate(line) if 0 < value < k
    }
    hidden = set(primary)
    # Seen with the margins negated, every line of the extended grid sums to zero,
    # so the ways hidden numbers can change while published ones stay fixed are
    # exactly the cycles of the bipartite graph "line i -- column j" whose edges are
    # the hidden positions. A hidden number can move iff its edge lies on a cycle;
    # as every hidden number is >= 1, moving one unit each way along it is feasible.
    # Adding hidden positions only adds cycles, so one pass over the primary
    # positions leaves none of them (nor any complement) off a cycle.
    for position in sorted(primary):
        hidden.update(_cheapest_cycle(grid, hidden, position))
    secondary = hidden - primary
    row_labels: list[str | None] = [*rows, TOTAL]
    column_labels: list[str | None] = [*columns, TOTAL]
    cells: dict[Coordinates, PublishedCount] = {
        (row_labels[i], column_labels[j]): _published(value, _status((i, j), primary, secondary))
        for i, line in enumerate(grid)
        for j, value in enumerate(line)
    }
    return SuppressedTable(table.dimensions, table.categories, k, MappingProxyType(cells))


def _cheapest_cycle(
    grid: list[list[int]], hidden: set[Position], position: Position
) -> list[Position]:
    """Positions that close a cycle through `position` in the hidden graph.

    Shortest path from the line of `position` to its column without using it, where
    an already hidden number costs nothing and another costs its value (then one per
    number, to prefer hiding fewer): the least information lost. Zeros are unusable.
    A path always exists: an inner cell reaches its column through its row total,
    the grand total and its column total, all nonzero when the cell is; a margin
    reaches back through any nonzero cell of its line and the grand total.
    """
    n_rows = len(grid)
    start, target = position[0], n_rows + position[1]
    distance: dict[int, tuple[int, int]] = {start: (0, 0)}
    previous: dict[int, int] = {}
    settled: set[int] = set()
    while frontier := [node for node in distance if node not in settled]:
        node = min(frontier, key=lambda n: (distance[n], n))
        settled.add(node)
        for neighbour, (i, j) in _edges(node, n_rows, len(grid[0])):
            value = grid[i][j]
            if (i, j) == position or value == 0:
                continue
            cost = (0, 0) if (i, j) in hidden else (value, 1)
            reached = (distance[node][0] + cost[0], distance[node][1] + cost[1])
            if neighbour not in distance or reached < distance[neighbour]:
                distance[neighbour] = reached
                previous[neighbour] = node
    path: list[Position] = []
    node = target
    while node != start:
        before = previous[node]
        path.append((before, node - n_rows) if before < n_rows else (node, before - n_rows))
        node = before
    return path


def _edges(node: int, n_rows: int, n_columns: int) -> Iterator[tuple[int, Position]]:
    """Neighbours of a node (lines are 0..n_rows-1, columns follow) with their edge."""
    if node < n_rows:
        for j in range(n_columns):
            yield n_rows + j, (node, j)
    else:
        for i in range(n_rows):
            yield i, (i, node - n_rows)


@dataclass(frozen=True, slots=True)
class LocalSuppressionReport:
    """What local suppression changed, for the export's entry in the audit journal."""

    k: int
    quasi_identifiers: tuple[str, ...]
    rows_kept: int
    rows_dropped: int
    values_suppressed: Mapping[str, int]
    """Per quasi-identifier, how many values were replaced by "NonCommunique"."""


