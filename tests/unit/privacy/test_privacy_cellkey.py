"""The cell-key perturbation table: what it publishes, and what one published
count tells someone who knows the table."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accomp.privacy import cellkey
from accomp.privacy.cellkey import (
    KEY_MODULUS,
    cell_key,
    distribution,
    parameters,
    person_key,
    perturb,
    preimage,
    protect_amount,
    protect_count,
    ptable_document,
    record_key,
)

KS = (3, 5, 10, 1000)


@pytest.mark.parametrize("k", KS)
def test_rows_are_distributions_zero_preserving_unbiased_and_never_small(k):
    p = parameters(k)
    for value in range(0, 3 * k + 10):
        row = distribution(value, p)
        assert abs(sum(prob for _, prob in row) - 1) < 1e-12
        published = [v for v, _ in row]
        assert published == sorted(published)
        assert all(v == 0 or v >= k for v in published)
        if value == 0:
            assert row == ((0, 1.0),)
        elif value >= k:
            assert abs(sum(v * prob for v, prob in row) - value) < 1e-9  # unbiased
            assert all(abs(v - value) <= p.max_noise for v in published)


@pytest.mark.parametrize("k", [3, 5, 10])
def test_preimage_is_exactly_the_set_of_counts_that_can_give_a_published_value(k):
    p = parameters(k)
    top = 3 * k + 2 * p.max_noise
    possible: dict[int, list[int]] = {}
    for value in range(0, top + p.max_noise + 1):
        for published, prob in distribution(value, p):
            if prob > 0:
                possible.setdefault(published, []).append(value)
    for published, values in possible.items():
        if published <= top:
            assert preimage(published, p) == (min(values), max(values))
    assert preimage(k, p)[0] == 1  # a published k may be any small count
    for published in range(k + 1, top):
        low, high = preimage(published, p)
        assert low >= k
        assert high - low >= k - 1


def test_refusals():
    with pytest.raises(ValueError, match="at least 3"):
        parameters(2)
    with pytest.raises(ValueError, match="negative"):
        distribution(-1, parameters(5))
    for never in (1, 4, -3):
        with pytest.raises(ValueError, match="never published"):
            preimage(never, parameters(5))


@given(st.integers(0, 200), st.integers(0, KEY_MODULUS * 3), st.sampled_from(KS))
def test_same_records_same_value_and_never_1_to_k_minus_1(value, key_sum, k):
    first = protect_count(value, key_sum, k)
    assert first == protect_count(value, key_sum + KEY_MODULUS, k)  # key modulo 2**32
    assert first == 0 or first >= k
    assert (first == 0) == (value == 0)


def test_cell_key_follows_the_records_and_noise_follows_the_cell_key():
    assert cell_key(0) == 0.0
    assert cell_key(KEY_MODULUS + KEY_MODULUS // 2) == 0.5
    p = parameters(5)
    assert perturb(50, 0.0, p) == 44  # the lowest noise takes the bottom of [0, 1)
    assert perturb(50, 0.5, p) == 50
    assert perturb(50, 1.0 - 1e-17, p) == 56  # and the very top
    assert perturb(50, 1.0, p) == 56  # a cumulative sum rounded below 1 still ends the row


def test_noise_is_mostly_small():
    p = parameters(5)
    assert 0.95 < p.variance < 1.05
    draws = [perturb(100, i / 10_000, p) - 100 for i in range(10_000)]
    assert sum(abs(d) for d in draws) / len(draws) < 1
    assert max(abs(d) for d in draws) <= p.max_noise


def test_amounts_move_by_at_most_w_never_below_zero_and_zero_stays_zero():
    assert cellkey.amount_reach(5) == 720
    assert protect_amount(0, 12345, 5) == 0
    keys = [*range(0, KEY_MODULUS, KEY_MODULUS // 997), 0]
    values = [protect_amount(100_000, key, 5) for key in keys]
    assert min(values) >= 100_000 - 720
    assert max(values) <= 100_000 + 720
    assert len(set(values)) > 100
    assert sum(abs(v - 100_000) for v in values) / len(values) < 720 / 4
    assert min(protect_amount(30, key, 5) for key in keys) == 0


def test_record_and_person_keys_are_keyed_stable_and_spread():
    seed = b"s" * 32
    assert record_key(seed, "activity/1") == record_key(seed, "activity/1")
    assert record_key(seed, "activity/1") != record_key(b"t" * 32, "activity/1")
    keys = {record_key(seed, f"activity/{i}") for i in range(1000)}
    assert len(keys) == 1000
    assert all(0 <= key < KEY_MODULUS for key in keys)
    assert person_key("ab" * 16) == person_key("ab" * 16) != person_key("cd" * 16)
    assert 0 <= person_key("ab" * 16) < KEY_MODULUS


def test_shipped_ptable_is_the_generators_output():
    shipped = json.loads(
        resources.files("accomp.resources").joinpath("privacy", "ptable.json").read_text("utf-8"))
    assert shipped == json.loads(json.dumps(ptable_document(range(3, 11))))
    table5 = next(t for t in shipped["tables"] if t["k"] == 5)
    assert table5["max_noise"] == 6
    assert shipped["zero_preserving"] is True
    for row in table5["rows"]:
        assert all(c["published"] == 0 or c["published"] >= 5 for c in row["cells"])
    script = Path(__file__).resolve().parents[3] / "scripts" / "make_ptable.py"
    assert subprocess.run([sys.executable, str(script), "--check"], check=False).returncode == 0


def test_module_is_pure():
    source = Path(cellkey.__file__).read_text("utf-8")
    for forbidden in ("sqlalchemy", "PySide6", "sqlite"):
        assert forbidden not in source


def test_record_keys_of_many_records_are_each_records_key():
    seed = bytes(range(32))
    labels = [f"activity/{i}" for i in range(50)] + ["activité/é"]
    assert cellkey.record_keys(seed, labels) == [cellkey.record_key(seed, x) for x in labels]
    assert cellkey.record_keys(seed, []) == []
