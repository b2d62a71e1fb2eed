"""Local suppression decided over people (privacy.person_suppression)."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accomp.privacy import person_suppression
from accomp.privacy.generalise import NON_COMMUNIQUE as NC
from accomp.privacy.person_suppression import suppress_over_people

VALUES = st.sampled_from(["a", "b", "c", NC])
THRESHOLDS = st.integers(min_value=3, max_value=6)


def _classes(published: dict[str, tuple[str, ...]]) -> Counter[tuple[str, ...]]:
    return Counter(published.values())


def _check(people: dict[str, tuple[str, ...]], published: dict[str, tuple[str, ...]],
           k: int) -> None:
    assert published.keys() == people.keys()
    classes = _classes(published)
    blank = tuple(NC for _ in next(iter(people.values()), ()))
    for values, count in classes.items():
        assert count >= k or values == blank, values
    # Fewer than k people with nothing published only when the others could not
    # spare enough people to join them.
    if 0 < classes[blank] < k:
        spare = sum(count - k for values, count in classes.items() if values != blank)
        assert spare < k - classes[blank]
    for code, values in published.items():
        for original, shown in zip(people[code], values, strict=True):
            assert shown in (original, NC)


@settings(max_examples=200, deadline=None, database=None)
@given(
    rows=st.lists(st.tuples(VALUES, VALUES, VALUES, st.integers(1, 9)), max_size=60),
    k=THRESHOLDS,
)
def test_every_published_combination_is_shared_by_k_people(
    rows: list[tuple[str, str, str, int]], k: int
) -> None:
    people = {f"P{n}": row[:3] for n, row in enumerate(rows)}
    weights = {f"P{n}": row[3] for n, row in enumerate(rows)}
    _check(people, suppress_over_people(people, weights, k), k)


def test_a_person_with_a_rare_departement_loses_only_the_departement() -> None:
    people = {f"P{n}": ("70+", "F", "Retraite", "86") for n in range(9)}
    people["Q"] = ("70+", "F", "Retraite", "75")
    published = suppress_over_people(people, {}, 5)
    # Q joins the others' combination with the département blanked; four of them
    # come along so that the blanked combination holds five people, and the five
    # left keep theirs whole.
    assert published["Q"] == ("70+", "F", "Retraite", NC)
    _check(people, published, 5)
    shown = Counter(published.values())
    assert shown == {("70+", "F", "Retraite", "86"): 5, ("70+", "F", "Retraite", NC): 5}


def test_too_few_to_hide_among_means_everything_is_blanked() -> None:
    people = {f"P{n}": ("70+", "F", "Retraite", "86") for n in range(6)}
    people["Q"] = ("70+", "F", "Retraite", "75")
    published = suppress_over_people(people, {}, 5)
    assert published["Q"] == (NC, NC, NC, NC)
    _check(people, published, 5)


def test_donors_complete_a_small_group_and_their_own_keeps_k() -> None:
    people = {f"X{n}": ("a", "b", "c", "d") for n in range(4)}
    people |= {"R1": ("a", "b", "c", "e"), "R2": ("a", "b", "c", "f")}
    weights = {"X0": 5, "X1": 1, "X2": 5, "X3": 5, "R1": 1, "R2": 1}
    published = suppress_over_people(people, weights, 3)
    _check(people, published, 3)
    general = ("a", "b", "c", NC)
    assert {c for c, v in published.items() if v == general} == {"R1", "R2", "X1"}
    assert sum(1 for v in published.values() if v == ("a", "b", "c", "d")) == 3


def test_people_alone_whatever_is_blanked_are_published_blank() -> None:
    people = {"A": ("x", "y"), "B": ("z", "w")}
    assert suppress_over_people(people, {}, 3) == {"A": (NC, NC), "B": (NC, NC)}


def test_people_with_nothing_published_are_never_fewer_than_k_when_others_can_join() -> None:
    people = {f"P{n}": ("a", "b") for n in range(6)} | {"Q": ("x", "y")}
    weights = {"P0": 3, "P1": 1, "P2": 1, "P3": 2, "P4": 5, "P5": 5, "Q": 1}
    published = suppress_over_people(people, weights, 3)
    _check(people, published, 3)
    assert {c for c, v in published.items() if v == (NC, NC)} == {"Q", "P1", "P2"}


def test_the_outcome_does_not_depend_on_the_order_of_the_people() -> None:
    rng = random.Random(7)
    people = {f"P{n}": (rng.choice("abcd"), rng.choice("xyz"), rng.choice("uv"))
              for n in range(200)}
    weights = {code: rng.randint(1, 12) for code in people}
    first = suppress_over_people(people, weights, 5)
    codes = list(people)
    rng.shuffle(codes)
    again = suppress_over_people({c: people[c] for c in codes},
                                 {c: weights[c] for c in reversed(codes)}, 5)
    assert again == first
    _check(people, first, 5)


_SCRIPT = """
import json, random, sys
from accomp.privacy.person_suppression import suppress_over_people
rng = random.Random(3)
people = {f"P{n}": (rng.choice("abcde"), rng.choice("xyz"), rng.choice("uvw"))
          for n in range(300)}
weights = {code: rng.randint(1, 12) for code in people}
print(json.dumps(sorted(suppress_over_people(people, weights, 5).items())))
"""


def test_two_processes_publish_the_same_values() -> None:
    """Every file of the logbook must say the same of a person: the outcome may not
    depend on the process's string hashing (sets of codes)."""
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", _SCRIPT], env=env, check=True,
                              capture_output=True, text=True)
        outputs.append(json.loads(done.stdout))
    assert outputs[0] == outputs[1]


def _rarest_value_first(people: dict[str, tuple[str, ...]], k: int) -> dict[str, tuple[str, ...]]:
    """What accomp did before: while a combination has fewer than k people, blank
    the rarest value of the rarest combination."""
    shown = dict(people)
    while True:
        groups = Counter(shown.values())
        rare = sorted((n, t) for t, n in groups.items()
                      if n < k and any(v != NC for v in t))
        if not rare:
            return shown
        _, worst = rare[0]
        frequency = Counter((i, v) for t, n in groups.items() for i, v in enumerate(t)
                            for _ in range(n))
        axis = min((i for i, v in enumerate(worst) if v != NC),
                   key=lambda i: (frequency[(i, worst[i])], i))
        general = tuple(NC if i == axis else v for i, v in enumerate(worst))
        shown = {c: general if t == worst else t for c, t in shown.items()}


def test_the_loss_is_spread_over_the_columns() -> None:
    """Blanking the rarest value first spends one column far more than the others;
    here the most spent column loses much less than it did."""
    rng = random.Random(11)
    people = {f"P{n}": (rng.choice(["0-11", "12-17", "18-24", "25-39", "40-59", "60-69",
                                    "70+", "70+", "60-69", "40-59"]),
                        rng.choice("FFFMM"), rng.choice(["R", "R", "E", "S", "Sc"]),
                        rng.choice(["86"] * 20 + ["75", "69", "13"]))
              for n in range(300)}
    weights = {code: rng.randint(1, 20) for code in people}
    total = sum(weights.values())

    def most_lost(published: dict[str, tuple[str, ...]]) -> float:
        return max(sum(weights[c] for c in people
                       if published[c][i] == NC and people[c][i] != NC) / total
                   for i in range(4))

    published = suppress_over_people(people, weights, 5)
    _check(people, published, 5)
    before = most_lost(_rarest_value_first(people, 5))
    assert most_lost(published) <= 0.75 * before, (most_lost(published), before)


def test_one_round_is_enough_when_little_is_lost() -> None:
    people = {f"P{n}": ("a", "b") for n in range(500)} | {"Q": ("a", "c")}
    calls = []
    original = person_suppression._place

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return original(*args, **kwargs)  # type: ignore[arg-type]

    person_suppression._place = counting  # type: ignore[assignment]
    try:
        published = suppress_over_people(people, {}, 5)
    finally:
        person_suppression._place = original
    assert published["Q"] == ("a", NC)
    assert len(calls) == 1


def test_the_rounds_stop_at_the_limit_given() -> None:
    people = {f"P{n}": ("a", "b") for n in range(8)} | {"Q": ("a", "c")}
    for rounds in (1, 2):
        published = suppress_over_people(people, {}, 3, rounds=rounds)
        assert published["Q"] == ("a", NC)
        _check(people, published, 3)


def test_empty_and_refused_inputs() -> None:
    assert suppress_over_people({}, {}, 5) == {}
    with pytest.raises(ValueError, match="at least 3"):
        suppress_over_people({"A": ("x",)}, {}, 2)
    with pytest.raises(ValueError, match="same number"):
        suppress_over_people({"A": ("x",), "B": ("x", "y")}, {}, 3)
