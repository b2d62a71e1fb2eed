"""The in-memory consolidation engine (Arrow and numpy) that DuckDB's
(accomp/reports/consolidate_sql.py) replaced in the application: the reference the
tests compare DuckDB's counts and key sums against. Kept here, not in accomp, so that
the application ships without numpy (docs/benchmarks.md, the bundle's size).

Vectorised: strings are turned into integer codes once, then counted with numpy, so
that a million rows take about a second.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from accomp.privacy.cellkey import KEY_MODULUS, person_key
from accomp.privacy.generalise import NON_COMMUNIQUE
from accomp.reports.activity_rows import PERSON_ATTRIBUTES
from accomp.reports.consolidate import Counts, _value_counts, read_inputs
from accomp.reports.summary import ACTIVITY_DIMENSIONS, FIRST_VISIT, RETURNING

__all__ = ["consolidated_counts", "consolidated_keys", "read_inputs"]

_ACTIVITY_COLUMNS = {
    "month": "month", "kind": "kind", "place_type": "place_type",
    "duration": "duration_bucket", "autonomy": "autonomy", "referral": "referral",
}
_LIST_DIMENSIONS = {"theme": "themes", "admin_theme": "admin_themes"}


def _encode(values: pa.Array | pa.ChunkedArray) -> tuple[np.ndarray, list[str]]:
    """Integer codes of a string column (nulls: -1) and the categories they stand for."""
    array = values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values
    encoded = pc.dictionary_encode(array)
    codes = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False).astype(np.int64)
    return codes, [str(v) for v in encoded.dictionary.to_pylist()]


def _tally(codes: np.ndarray, categories: list[str],
           weights: np.ndarray | None = None) -> dict[str, int]:
    """Count (or sum `weights`) per category; -1 is NonCommunique."""
    known = codes >= 0
    sums = np.bincount(codes[known], weights=None if weights is None else weights[known],
                       minlength=len(categories))
    result = {c: int(n) for c, n in zip(categories, sums, strict=True) if n}
    missing = int((~known).sum() if weights is None else weights[~known].sum())
    if missing:
        result[NON_COMMUNIQUE] = result.get(NON_COMMUNIQUE, 0) + missing
    return result


def _add(target: dict[str, int], key: str, n: int) -> None:
    if n:
        target[key] = target.get(key, 0) + n


def _unique(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values (numpy's own unique hashes, much slower on big arrays)."""
    if not len(values):
        return values
    ordered = np.sort(values)
    keep = np.empty(len(ordered), bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


def _distinct_per_category(
    value_codes: np.ndarray, keys: np.ndarray, n_keys: int, categories: list[str]
) -> dict[str, int]:
    """Distinct keys per category, from aligned (category code, key id) pairs."""
    pairs = _unique(value_codes * max(n_keys, 1) + keys)
    return _tally(pairs // max(n_keys, 1), categories)


def _expand(
    element_rows: np.ndarray, tracked_rows: np.ndarray, tracked_keys: np.ndarray, n_rows: int
) -> tuple[np.ndarray, np.ndarray]:
    """Join list elements (by their row) with the tracked people of that row: for
    each pair, the element's index and the person's key id."""
    order = np.argsort(tracked_rows, kind="stable")
    keys_by_row = tracked_keys[order]
    per_row = np.bincount(tracked_rows, minlength=n_rows)
    starts = np.concatenate([[0], np.cumsum(per_row)[:-1]])
    repeat = per_row[element_rows]
    total = int(repeat.sum())
    element = np.repeat(np.arange(len(element_rows)), repeat)
    within = np.arange(total) - np.repeat(np.cumsum(repeat) - repeat, repeat)
    return element, keys_by_row[np.repeat(starts[element_rows], repeat) + within]


def consolidated_counts(rows: pa.Table) -> Counts:
    """Raw counts of every summary table from checked activity rows.

    Vectorised: strings are turned into integer codes once, then counted with
    numpy, so that a million rows take about a second.
    """
    counts: Counts = {}
    n = len(rows)
    individual = (
        pc.equal(rows.column("kind"), "Individuel").combine_chunks()
        .to_numpy(zero_copy_only=False) if n else np.zeros(0, bool)
    )
    collective = ~individual

    # activities
    for dim in ACTIVITY_DIMENSIONS:
        if dim in _LIST_DIMENSIONS:
            counts[f"activities_by_{dim}"] = _value_counts(
                pc.list_flatten(rows.column(_LIST_DIMENSIONS[dim]).combine_chunks()))
        else:
            counts[f"activities_by_{dim}"] = _value_counts(rows.column(_ACTIVITY_COLUMNS[dim]))
    minutes = rows.column("duration_min_rounded").to_numpy().astype(np.int64)
    for dim in ("kind", "month"):
        codes, categories = _encode(rows.column(_ACTIVITY_COLUMNS[dim]))
        counts[f"minutes_by_{dim}"] = _tally(codes, categories, minutes)

    # people: one integer id per key, for keys of individual rows and workshops alike
    key_column = rows.column("beneficiary_key").combine_chunks()
    keyed = pc.is_valid(key_column).to_numpy(zero_copy_only=False) & individual
    participant_lists = rows.column("participant_keys").combine_chunks()
    first_lists = rows.column("first_visit_keys").combine_chunks()
    parts = [key_column.filter(pa.array(keyed)), pc.list_flatten(participant_lists),
             pc.list_flatten(first_lists)]
    ids, _ = _encode(pa.concat_arrays([p.cast(pa.string()) for p in parts]))
    n_keys = int(ids.max()) + 1 if len(ids) else 0
    a, b = len(parts[0]), len(parts[1])
    individual_ids, workshop_ids, first_ids = ids[:a], ids[a:a + b], ids[a + b:]
    workshop_rows = pc.list_parent_indices(participant_lists).to_numpy().astype(np.int64)
    tracked_rows = np.concatenate([np.nonzero(keyed)[0], workshop_rows])
    tracked_keys = np.concatenate([individual_ids, workshop_ids])
    people = _unique(tracked_keys)

    # person attributes, from their individual rows (disagreeing rows: NonCommunique)
    anonymous = int(rows.column("participants_anonymous").to_numpy()[collective].sum())
    for attr in PERSON_ATTRIBUTES:
        codes, categories = _encode(rows.column(attr))
        of_key = _attribute_of_keys(codes[keyed], individual_ids, n_keys, len(categories))
        participations = _tally(codes[individual], categories)
        for category, count in _tally(of_key[workshop_ids], categories).items():
            _add(participations, category, count)
        _add(participations, NON_COMMUNIQUE, anonymous)
        counts[f"participations_by_{attr}"] = participations
        counts[f"beneficiaries_by_{attr}"] = _tally(of_key[people], categories)

    # first visits
    first = _value_counts(rows.column("first_visit").filter(pa.array(individual)))
    workshop_first = len(first_ids)
    workshop_tracked = len(workshop_ids)
    already = int(rows.column("anonymous_already_supported").to_numpy()[collective].sum())
    _add(first, FIRST_VISIT, workshop_first + anonymous - already)
    _add(first, RETURNING, workshop_tracked - workshop_first + already)
    counts["participations_by_first_visit"] = first
    visit_codes, visit_categories = _encode(rows.column("first_visit"))
    new_keys = np.zeros(n_keys, bool)
    if FIRST_VISIT in visit_categories:
        said_first = visit_codes[keyed] == visit_categories.index(FIRST_VISIT)
        new_keys[individual_ids[said_first]] = True
    new_keys[first_ids] = True
    is_new = int(new_keys[people].sum())
    counts["beneficiaries_by_first_visit"] = {FIRST_VISIT: is_new,
                                              RETURNING: len(people) - is_new}

    # distinct people by activity dimension
    for dim in ACTIVITY_DIMENSIONS:
        values, keys, categories = _people_by_dimension(rows, dim, tracked_rows,
                                                        tracked_keys, n)
        counts[f"beneficiaries_by_{dim}"] = _distinct_per_category(
            values, keys, n_keys, categories)
    return counts


def _key_sums(codes: np.ndarray, categories: list[str], keys: np.ndarray) -> dict[str, int]:
    """Sum of record keys per category (exact integers); -1 is NonCommunique."""
    sums = np.zeros(len(categories) + 1, np.int64)
    np.add.at(sums, np.where(codes >= 0, codes, len(categories)), keys % KEY_MODULUS)
    result = {c: int(n) for c, n in zip(categories, sums[:-1], strict=True)}
    result[NON_COMMUNIQUE] = result.get(NON_COMMUNIQUE, 0) + int(sums[-1])
    return result


def _merge(target: dict[str, int], more: dict[str, int]) -> None:
    for key, n in more.items():
        target[key] = target.get(key, 0) + n


def _people_by_dimension(
    rows: pa.Table, dim: str, tracked_rows: np.ndarray, tracked_keys: np.ndarray, n: int,
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """For the distinct people of an activity dimension: each (category code, person
    id) pair a tracked person's sessions give, and the categories; a list dimension
    (themes...) gives one pair per element."""
    if dim in _LIST_DIMENSIONS:
        lists = rows.column(_LIST_DIMENSIONS[dim]).combine_chunks()
        codes, categories = _encode(pc.list_flatten(lists))
        element_rows = pc.list_parent_indices(lists).to_numpy().astype(np.int64)
        element, key_ids = _expand(element_rows, tracked_rows, tracked_keys, n)
        return codes[element], key_ids, categories
    codes, categories = _encode(rows.column(_ACTIVITY_COLUMNS[dim]))
    return codes[tracked_rows], tracked_keys, categories

def consolidated_keys(rows: pa.Table) -> Counts:
    """Each cell's sum of record keys (privacy.cellkey), the same cells as
    consolidated_counts: a session's key is its `record_key`, a person's is derived
    from their `beneficiary_key`, one person at one session has the sum of both,
    an anonymous workshop participant the session's key. The same records give the
    same key sums as in the worker's own logbook, hence the same noise."""
    keys: Counts = {}
    n = len(rows)
    rk = rows.column("record_key").to_numpy().astype(np.int64) if n else np.zeros(0, np.int64)
    kind = pc.equal(rows.column("kind"), "Individuel").combine_chunks()
    individual = kind.to_numpy(zero_copy_only=False) if n else np.zeros(0, bool)
    for dim in ACTIVITY_DIMENSIONS:
        if dim in _LIST_DIMENSIONS:
            lists = rows.column(_LIST_DIMENSIONS[dim]).combine_chunks()
            codes, categories = _encode(pc.list_flatten(lists))
            parents = pc.list_parent_indices(lists).to_numpy().astype(np.int64)
            keys[f"activities_by_{dim}"] = _key_sums(codes, categories, rk[parents])
        else:
            codes, categories = _encode(rows.column(_ACTIVITY_COLUMNS[dim]))
            keys[f"activities_by_{dim}"] = _key_sums(codes, categories, rk)
            if dim in ("kind", "month"):
                keys[f"minutes_by_{dim}"] = keys[f"activities_by_{dim}"]

    key_column = rows.column("beneficiary_key").combine_chunks()
    keyed = pc.is_valid(key_column).to_numpy(zero_copy_only=False) & individual
    participant_lists = rows.column("participant_keys").combine_chunks()
    first_lists = rows.column("first_visit_keys").combine_chunks()
    parts = [key_column.filter(pa.array(keyed)), pc.list_flatten(participant_lists),
             pc.list_flatten(first_lists)]
    ids, names = _encode(pa.concat_arrays([p.cast(pa.string()) for p in parts]))
    person = np.array([person_key(name) for name in names] + [0], np.int64)
    n_keys = len(names)
    a, b = len(parts[0]), len(parts[1])
    individual_ids, workshop_ids, first_ids = ids[:a], ids[a:a + b], ids[a + b:]
    workshop_rows = pc.list_parent_indices(participant_lists).to_numpy().astype(np.int64)
    first_rows = pc.list_parent_indices(first_lists).to_numpy().astype(np.int64)
    tracked_rows = np.concatenate([np.nonzero(keyed)[0], workshop_rows])
    tracked_keys = np.concatenate([individual_ids, workshop_ids])
    people = _unique(tracked_keys)
    row_person = np.zeros(n, np.int64)
    row_person[np.nonzero(keyed)[0]] = person[individual_ids]
    anonymous = rows.column("participants_anonymous").to_numpy().astype(np.int64)
    anonymous[individual] = 0
    already = rows.column("anonymous_already_supported").to_numpy().astype(np.int64)
    already[individual] = 0
    for attr in PERSON_ATTRIBUTES:
        codes, categories = _encode(rows.column(attr))
        of_key = _attribute_of_keys(codes[keyed], individual_ids, n_keys, len(categories))
        participations = _key_sums(codes[individual], categories,
                                   rk[individual] + row_person[individual])
        _merge(participations, _key_sums(of_key[workshop_ids], categories,
                                         rk[workshop_rows] + person[workshop_ids]))
        _merge(participations, {NON_COMMUNIQUE: int(((anonymous * rk) % KEY_MODULUS).sum())})
        keys[f"participations_by_{attr}"] = participations
        keys[f"beneficiaries_by_{attr}"] = _key_sums(of_key[people], categories, person[people])

    visit_codes, visit_categories = _encode(rows.column("first_visit"))
    first = _key_sums(visit_codes[individual], visit_categories,
                      rk[individual] + row_person[individual])
    workshop_all = int(((rk[workshop_rows] + person[workshop_ids]) % KEY_MODULUS).sum())
    workshop_first = int(((rk[first_rows] + person[first_ids]) % KEY_MODULUS).sum())
    _merge(first, {FIRST_VISIT: workshop_first + int(((anonymous - already) * rk).sum()),
                   RETURNING: workshop_all - workshop_first + int((already * rk).sum())})
    keys["participations_by_first_visit"] = first
    new_keys = np.zeros(n_keys + 1, bool)
    if FIRST_VISIT in visit_categories:
        said_first = visit_codes[keyed] == visit_categories.index(FIRST_VISIT)
        new_keys[individual_ids[said_first]] = True
    new_keys[first_ids] = True
    is_new = new_keys[people]
    keys["beneficiaries_by_first_visit"] = {
        FIRST_VISIT: int(person[people][is_new].sum()),
        RETURNING: int(person[people][~is_new].sum())}

    for dim in ACTIVITY_DIMENSIONS:
        values, key_ids, categories = _people_by_dimension(rows, dim, tracked_rows,
                                                           tracked_keys, n)
        pairs = _unique(values * max(n_keys, 1) + key_ids)
        keys[f"beneficiaries_by_{dim}"] = _key_sums(
            pairs // max(n_keys, 1), categories, person[pairs % max(n_keys, 1)])
    return keys


def _attribute_of_keys(
    codes: np.ndarray, key_ids: np.ndarray, n_keys: int, n_categories: int
) -> np.ndarray:
    """Each key's attribute code when all its rows agree, else -1 (NonCommunique);
    -1 too for keys without individual rows."""
    result = np.full(n_keys, -1, np.int64)
    if not len(codes):
        return result
    width = max(n_categories, 1)
    pairs = _unique(key_ids * width + codes)
    keys, values = pairs // width, pairs % width
    single = np.bincount(keys, minlength=n_keys)[keys] == 1
    result[keys[single]] = values[single]
    return result
