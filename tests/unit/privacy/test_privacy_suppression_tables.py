"""Count tables a supervisor may publish: what is hidden, and why."""

from __future__ import annotations

import pytest

from accomp.privacy.suppression import (
    DEFAULT_K,
    TOTAL,
    CellStatus,
    CountTable,
    PublishedCount,
    SuppressedTable,
    suppress_small_cells,
)

PUBLISHED = CellStatus.PUBLISHED
PRIMARY = CellStatus.PRIMARY
SECONDARY = CellStatus.SECONDARY


def statuses(table: SuppressedTable) -> dict[tuple[str | None, ...], CellStatus]:
    return {key: cell.status for key, cell in table.cells.items()}


def genders(**counts: int) -> CountTable:
    return CountTable(("genre",), {(name,): count for name, count in counts.items()})


# --- thresholds -----------------------------------------------------------------


def test_default_threshold_is_five() -> None:
    assert DEFAULT_K == 5
    published = suppress_small_cells(genders(Feminin=4, Masculin=3, NonCommunique=5))
    assert published.k == 5
    assert published.value("Feminin") is None
    assert published.value("Masculin") is None
    assert published.value("NonCommunique") == 5


@pytest.mark.parametrize("k", [2, 1, 0, -5])
def test_threshold_below_official_floor_is_refused(k: int) -> None:
    with pytest.raises(ValueError, match="at least 3"):
        suppress_small_cells(genders(Feminin=10), k=k)


def test_official_floor_of_three_is_accepted() -> None:
    published = suppress_small_cells(genders(Feminin=3, Masculin=2, NonCommunique=1), k=3)
    assert published.value("Feminin") == 3
    assert published.value("Masculin") is None
    assert published.value("NonCommunique") is None


# --- one dimension --------------------------------------------------------------


def test_list_without_small_counts_is_published_whole() -> None:
    published = suppress_small_cells(genders(Feminin=12, Masculin=7, NonCommunique=0))
    assert published.dimensions == ("genre",)
    assert published.categories == (("Feminin", "Masculin", "NonCommunique"),)
    assert published.cells == {
        ("Feminin",): PublishedCount(12, PUBLISHED),
        ("Masculin",): PublishedCount(7, PUBLISHED),
        ("NonCommunique",): PublishedCount(0, PUBLISHED),
        (TOTAL,): PublishedCount(19, PUBLISHED),
    }
    assert not published.suppressed


def test_single_small_count_takes_the_next_smallest_with_it() -> None:
    # Alone, the 2 would be the total minus the others.
    published = suppress_small_cells(genders(Feminin=12, Masculin=2, NonCommunique=7, Autre=0))
    assert statuses(published) == {
        ("Feminin",): PUBLISHED,
        ("Masculin",): PRIMARY,
        ("NonCommunique",): SECONDARY,
        ("Autre",): PUBLISHED,
        (TOTAL,): PUBLISHED,
    }
    assert published.value("NonCommunique") is None
    assert published.value("Autre") == 0, "a zero is published, not used as a complement"
    assert published.value(TOTAL) == 21
    assert published.suppressed


def test_equal_candidates_for_complement_are_chosen_in_table_order() -> None:
    published = suppress_small_cells(genders(Feminin=9, Masculin=1, NonCommunique=9))
    assert published.cells[("Feminin",)].status is SECONDARY
    assert published.cells[("NonCommunique",)].status is PUBLISHED


def test_two_small_counts_protect_each_other() -> None:
    published = suppress_small_cells(genders(Feminin=20, Masculin=3, NonCommunique=1))
    assert statuses(published) == {
        ("Feminin",): PUBLISHED,
        ("Masculin",): PRIMARY,
        ("NonCommunique",): PRIMARY,
        (TOTAL,): PUBLISHED,
    }


def test_small_total_is_hidden_with_its_only_cell() -> None:
    published = suppress_small_cells(genders(Feminin=3, Masculin=0))
    assert statuses(published) == {
        ("Feminin",): PRIMARY,
        ("Masculin",): PUBLISHED,
        (TOTAL,): PRIMARY,
    }


def test_empty_list_publishes_a_zero_total() -> None:
    published = suppress_small_cells(CountTable(("genre",), {}))
    assert published.categories == ((),)
    assert published.cells == {(TOTAL,): PublishedCount(0, PUBLISHED)}


# --- two dimensions -------------------------------------------------------------


def age_by_gender(cells: dict[tuple[str, str], int]) -> CountTable:
    return CountTable(("tranche_age", "genre"), cells)


def test_cross_table_without_small_counts_is_published_with_its_margins() -> None:
    published = suppress_small_cells(
        age_by_gender({("A", "F"): 10, ("A", "M"): 0, ("B", "F"): 8, ("B", "M"): 9})
    )
    assert not published.suppressed
    assert published.categories == (("A", "B"), ("F", "M"))
    assert published.value("A", TOTAL) == 10
    assert published.value("B", TOTAL) == 17
    assert published.value(TOTAL, "F") == 18
    assert published.value(TOTAL, "M") == 9
    assert published.value(TOTAL, TOTAL) == 27
    assert published.value("A", "M") == 0


def test_small_cell_is_hidden_in_a_rectangle_of_the_smallest_counts() -> None:
    published = suppress_small_cells(
        age_by_gender(
            {
                ("A", "F"): 10,
                ("A", "M"): 2,
                ("B", "F"): 8,
                ("B", "M"): 9,
                ("C", "F"): 20,
                ("C", "M"): 15,
            }
        )
    )
    hidden = {key: status for key, status in statuses(published).items() if status != PUBLISHED}
    assert hidden == {
        ("A", "M"): PRIMARY,
        ("A", "F"): SECONDARY,
        ("B", "F"): SECONDARY,
        ("B", "M"): SECONDARY,
    }
    # Every margin stays published: the rectangle cancels out in each of them.
    assert published.value("A", TOTAL) == 12
    assert published.value(TOTAL, "M") == 26
    assert published.value(TOTAL, TOTAL) == 64


def test_missing_combinations_count_as_zero() -> None:
    published = suppress_small_cells(age_by_gender({("A", "F"): 7, ("B", "M"): 6}))
    assert published.value("A", "M") == 0
    assert published.value("B", "F") == 0
    assert published.value(TOTAL, TOTAL) == 13


def test_small_row_total_is_hidden_and_protected_through_the_margins() -> None:
    published = suppress_small_cells(
        age_by_gender(
            {
                ("SoixanteDixPlus", "F"): 3,
                ("SoixanteDixPlus", "M"): 0,
                ("VingtCinqTrenteNeuf", "F"): 14,
                ("VingtCinqTrenteNeuf", "M"): 11,
            }
        )
    )
    hidden = {key: status for key, status in statuses(published).items() if status != PUBLISHED}
    # The cheapest way round goes through the other age band's total (25) and its
    # women (14), rather than the grand total (28) and all women (17).
    assert hidden == {
        ("SoixanteDixPlus", "F"): PRIMARY,
        ("SoixanteDixPlus", TOTAL): PRIMARY,
        ("VingtCinqTrenteNeuf", "F"): SECONDARY,
        ("VingtCinqTrenteNeuf", TOTAL): SECONDARY,
    }
    assert published.value("SoixanteDixPlus", "M") == 0
    assert published.value(TOTAL, TOTAL) == 28


def test_complements_already_hidden_are_reused() -> None:
    published = suppress_small_cells(
        age_by_gender(
            {
                ("A", "F"): 1,
                ("A", "M"): 40,
                ("A", "X"): 1,
                ("B", "F"): 2,
                ("B", "M"): 40,
                ("B", "X"): 3,
                ("C", "F"): 10,
                ("C", "M"): 40,
                ("C", "X"): 10,
            }
        )
    )
    # The four small counts already form a rectangle: nothing else need be hidden.
    assert {k for k, s in statuses(published).items() if s is SECONDARY} == set()
    assert {k for k, s in statuses(published).items() if s is PRIMARY} == {
        ("A", "F"),
        ("A", "X"),
        ("B", "F"),
        ("B", "X"),
    }


def test_empty_cross_table_publishes_a_zero_grand_total() -> None:
    published = suppress_small_cells(age_by_gender({}))
    assert published.cells == {(TOTAL, TOTAL): PublishedCount(0, PUBLISHED)}


def test_published_table_cannot_be_altered() -> None:
    published = suppress_small_cells(genders(Feminin=12))
    with pytest.raises(TypeError):
        published.cells[("Feminin",)] = PublishedCount(1, PUBLISHED)  # type: ignore[index]


# --- input validation -----------------------------------------------------------


def test_counts_are_snapshotted_when_the_table_is_made() -> None:
    cells = {("Feminin",): 2}
    table = CountTable(("genre",), cells)
    cells[("Feminin",)] = 200
    assert table.cells == {("Feminin",): 2}


@pytest.mark.parametrize("dimensions", [(), ("a", "b", "c")])
def test_only_one_or_two_dimensions_are_accepted(dimensions: tuple[str, ...]) -> None:
    with pytest.raises(ValueError, match="one or two dimensions"):
        CountTable(dimensions, {})


def test_dimension_names_must_differ() -> None:
    with pytest.raises(ValueError, match="must differ"):
        CountTable(("genre", "genre"), {})


def test_key_must_match_the_dimensions() -> None:
    with pytest.raises(ValueError, match="does not match"):
        CountTable(("tranche_age", "genre"), {("Feminin",): 3})


def test_negative_count_is_refused() -> None:
    with pytest.raises(ValueError, match="negative count"):
        CountTable(("genre",), {("Feminin",): -1})
