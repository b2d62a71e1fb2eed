"""Local suppression decided over people, spending as little information as it can.

An activity file publishes, for each person, a few attributes someone could match
against what they know of that person (age band, gender, social status, département:
the quasi-identifiers). Every combination of published values must be shared by at
least k people of the logbook, or it could be that person's. Values that make a
person rare are blanked ("NonCommunique"); a person alone even with everything
blanked is published with everything blanked.

Which values to blank is a choice, and a costly one when it is made badly: blanking
one value at a time, the rarest first, strands people who end with every value
blanked, and spends one column (the age band) far more than the others. Here:

1. people whose whole combination is shared by k people keep it;
2. the others ("rare") are placed in generalised combinations (some values blanked)
   that hold k people: an existing published combination, a group of rare people,
   or a group of rare people completed by people of a combination that has more
   than k (the "donors", who then lose the same values — their own combination
   keeps at least k). The cheapest placement per person comes first; the cost of a
   blanked value is the person's weight (their rows in the file) times the price of
   its column;
3. single moves that lower the most spent column are then made while they help;
4. the whole is done again with the prices of the most spent columns raised, and
   the best outcome is kept (the lowest largest column, then the next...).

What is minimised is the largest share of the rows that lose a column's value: the
information the file's reader misses most. The outcome depends only on the people
and their weights (no randomness, no order of input), so every file of the logbook
publishes the same values for a person.
"""

from __future__ import annotations

import functools
import heapq
import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Final

from accomp.privacy.generalise import NON_COMMUNIQUE
from accomp.privacy.suppression import MIN_K

Values = tuple[str, ...]

ROUNDS: Final = 12
"""How many times the placement is made with new column prices."""

_PRICE_STEP: Final = 0.3
_ENOUGH: Final = 0.02
"""A column that loses at most this share of the weight is not worth another round."""
_PATIENCE: Final = 4
"""Rounds without a better outcome before stopping."""


def suppress_over_people(
    people: Mapping[str, Values], weights: Mapping[str, int], k: int,
    *, rounds: int = ROUNDS,
) -> dict[str, Values]:
    """Each person's published values: every published combination other than all
    `NonCommunique` is shared by at least k people. `weights` gives each person's
    number of rows (a person without weight counts 1). Refuses (ValueError) k below
    MIN_K and people whose value tuples differ in length."""
    if k < MIN_K:
        raise ValueError(f"the suppression threshold k must be at least {MIN_K}, not {k}")
    lengths = {len(values) for values in people.values()}
    if len(lengths) > 1:
        raise ValueError("every person needs the same number of values")
    if not people:
        return {}
    width = lengths.pop()
    codes = sorted(people)
    weight = {code: max(1, weights.get(code, 1)) for code in codes}
    prices = [1.0] * width
    best: dict[str, Values] = {}
    best_score: tuple[int, ...] = ()
    stale = 0
    for round_ in range(max(1, rounds)):
        placed, lost = _polish(_place(codes, people, weight, k, prices, width),
                               people, weight, k, width)
        score = tuple(sorted(lost, reverse=True))
        if round_ == 0 or score < best_score:
            best, best_score, stale = placed, score, 0
        else:
            stale += 1
            if stale == _PATIENCE:
                break
        top = max(lost)
        if top <= _ENOUGH * sum(weight.values()):
            break
        # The most spent columns get dearer, in proportion to what they lost.
        prices = [price * (1.0 + _PRICE_STEP * (spent / top) ** 2)
                  for price, spent in zip(prices, lost, strict=True)]
    return best


def _blank(values: Values, axes: Iterable[int]) -> Values:
    drop = set(axes)
    return tuple(NON_COMMUNIQUE if i in drop else v for i, v in enumerate(values))


@functools.cache
def _generalisations(values: Values, sizes: int) -> tuple[Values, ...]:
    """Every other combination obtained by blanking from 1 to `sizes` - 1 of the
    values (with `sizes` = the width, never all of them), without repeats, in a
    fixed order."""
    width = len(values)
    seen: list[Values] = []
    for size in range(1, min(sizes, width + 1)):
        for axes in itertools.combinations(range(width), size):
            candidate = _blank(values, axes)
            if candidate != values and candidate not in seen:
                seen.append(candidate)
    return tuple(seen)


def _cost(values: Values, published: Values, weight: int, prices: Sequence[float]) -> float:
    return sum(weight * price for v, p, price in zip(values, published, prices, strict=True)
               if p == NON_COMMUNIQUE and v != NON_COMMUNIQUE)


def _place(codes: Sequence[str], people: Mapping[str, Values], weight: Mapping[str, int],
           k: int, prices: Sequence[float], width: int) -> dict[str, Values]:
    groups: dict[Values, list[str]] = defaultdict(list)
    for code in codes:
        groups[people[code]].append(code)
    members: dict[Values, set[str]] = defaultdict(set)
    rare: set[str] = set()
    for values, group in groups.items():
        if len(group) >= k:
            members[values].update(group)
        else:
            rare.update(group)
    published = {code: values for values, group in members.items() for code in group}
    # Where each rare person could go, and who could go where.
    # A rare person's own combination is a place too, if others come to it.
    options: dict[str, list[Values]] = {
        code: [people[code], *_generalisations(people[code], width)] for code in sorted(rare)}
    candidates: dict[Values, set[str]] = defaultdict(set)
    movers_cost: dict[Values, float] = defaultdict(float)
    for code, targets in options.items():
        for target in targets:
            candidates[target].add(code)
            movers_cost[target] += _cost(people[code], target, weight[code], prices)
    # Donor combinations of each candidate: published combinations it covers.
    donors_of: dict[Values, list[Values]] = defaultdict(list)
    for values in sorted(members):
        for general in _generalisations(values, width + 1):
            if general in candidates:
                donors_of[general].append(values)

    lightest: dict[Values, list[str]] = {}
    # Combinations whose members all have exactly these values (until one joins).
    uniform = {values for values, group in members.items()
               if all(people[c] == values for c in group)}

    def by_weight(source: Values) -> list[str]:
        """The members of a published combination, lightest first (cached until it
        changes)."""
        if source not in lightest:
            lightest[source] = sorted(members[source], key=lambda c: (weight[c], c))
        return lightest[source]

    def price(target: Values) -> tuple[float, int, list[str]] | None:
        movers = candidates[target]
        if not movers:
            return None
        total = movers_cost[target]
        need = k - len(members[target]) - len(movers)
        chosen: list[str] = []
        if need > 0:  # never for a published combination: it holds k already
            pool: list[tuple[float, str]] = []
            for source in donors_of[target]:
                spare = len(members[source]) - k
                if spare <= 0:
                    continue
                # Members of one combination all lose the same values when they
                # give: the lightest cost least (a combination whose members
                # differ is ranked by their own cost).
                ranked = by_weight(source)
                take = min(spare, need)
                if source in uniform:
                    unit = _cost(source, target, 1, prices)
                    pool.extend((unit * weight[c], c) for c in ranked[:take])
                else:
                    pool.extend(sorted((_cost(people[c], target, weight[c], prices), c)
                                       for c in ranked)[:take])
            if len(pool) < need:
                return None
            pool.sort()
            total += sum(cost for cost, _ in pool[:need])
            chosen = [c for _, c in pool[:need]]
        return total / len(movers), -len(movers), chosen

    heap: list[tuple[float, int, Values]] = []
    for target in sorted(candidates):
        priced = price(target)
        if priced is not None:
            heap.append((priced[0], priced[1], target))
    heapq.heapify(heap)
    while heap and rare:
        per_person, size, target = heapq.heappop(heap)
        priced = price(target)
        if priced is None:
            continue
        if (priced[0], priced[1]) != (per_person, size):
            heapq.heappush(heap, (priced[0], priced[1], target))
            continue
        movers = sorted(candidates[target])
        for code in [*movers, *priced[2]]:
            if code in published:
                members[published[code]].discard(code)
                lightest.pop(published[code], None)
            published[code] = target
            members[target].add(code)
            lightest.pop(target, None)
            if people[code] != target:
                uniform.discard(target)
            if code in rare:
                rare.discard(code)
                for other in options[code]:
                    candidates[other].discard(code)
                    movers_cost[other] -= _cost(people[code], other, weight[code], prices)
        # The new combination may complete others later, as a donor.
        for other in _generalisations(target, width + 1):
            if candidates.get(other) and target not in donors_of[other]:
                donors_of[other].append(target)
                donors_of[other].sort()
                repriced = price(other)
                if repriced is not None:
                    heapq.heappush(heap, (repriced[0], repriced[1], other))
    # People alone whatever is blanked are published with nothing; if they are
    # fewer than k, the cheapest people that other combinations can spare join
    # them, or "the person who gave nothing" would be one to look for.
    blank = (NON_COMMUNIQUE,) * width
    for code in rare:
        published[code] = blank
        members[blank].add(code)
    short = k - len(members[blank])
    if 0 < short < k:
        pool = sorted(
            (cost, code)
            for values, group in members.items() if values != blank and len(group) > k
            for cost, code in sorted((_cost(people[c], blank, weight[c], prices), c)
                                     for c in group)[:len(group) - k])
        if len(pool) >= short:
            for _, code in pool[:short]:
                members[published[code]].discard(code)
                published[code] = blank
                members[blank].add(code)
    return published


def _polish(published: dict[str, Values], people: Mapping[str, Values],
            weight: Mapping[str, int], k: int,
            width: int) -> tuple[dict[str, Values], list[int]]:
    """Move one person at a time to a combination that loses less of the most spent
    columns, while every combination keeps k people. Returns the placement and what
    each column loses with it (kept up to date move by move)."""
    published = dict(published)
    members: dict[Values, set[str]] = defaultdict(set)
    for code, values in published.items():
        members[values].add(code)
    lost = _lost(published, people, weight, width)
    blank = (NON_COMMUNIQUE,) * width

    def loss(code: str, values: Values) -> list[int]:
        return [weight[code] if p == NON_COMMUNIQUE and v != NON_COMMUNIQUE else 0
                for v, p in zip(people[code], values, strict=True)]

    movable = sorted(c for c, v in published.items() if v != people[c])
    while True:
        current = sorted(lost, reverse=True)
        best: tuple[list[int], str, Values, list[int]] | None = None
        for code in movable:
            now = published[code]
            left = len(members[now]) - 1
            if left < k and not (now == blank and left == 0):
                continue
            before = loss(code, now)
            for target in [people[code], *_generalisations(people[code], width)]:
                if target == now or len(members[target]) < k:
                    continue
                after = loss(code, target)
                moved = [x - b + a for x, b, a in zip(lost, before, after, strict=True)]
                score = sorted(moved, reverse=True)
                if score < current and (best is None or score < best[0]):
                    best = (score, code, target, moved)
        if best is None:
            return published, lost
        _, code, target, lost = best
        members[published[code]].discard(code)
        members[target].add(code)
        published[code] = target
        if target == people[code]:
            movable.remove(code)


def _lost(published: Mapping[str, Values], people: Mapping[str, Values],
          weight: Mapping[str, int], width: int) -> list[int]:
    lost = [0] * width
    for code, values in published.items():
        for axis, (v, p) in enumerate(zip(people[code], values, strict=True)):
            if p == NON_COMMUNIQUE and v != NON_COMMUNIQUE:
                lost[axis] += weight[code]
    return lost
