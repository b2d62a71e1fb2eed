"""The attacker of docs/exports.md (threat model), run: linear programming over
every table of a summary and over pairs of releases, on demonstration logbooks.
Nothing of 1..k−1 may be derived exactly or bounded inside 1..k−1.

The 30,000-activity runs are in tests/bench/attack_demo.py (minutes)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from attack_support import attack_one, attack_pair
from consolidate_reference import consolidated_counts, read_inputs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lp_attacker import Model, add_release

from accomp.paths import AppPaths
from accomp.services import consolidation, exports, vaults
from accomp.services.generators.demo import generate_demo

TODAY = dt.date(2026, 11, 28)
slow = pytest.mark.skipif(not os.environ.get("ACCOMP_SLOW"),
                          reason="slow attack runs: set ACCOMP_SLOW=1")
CHEAP = vaults.KdfParams(1, 1024, 1)
D = dt.date


def demo(folder: Path, seed: int, activities: int) -> vaults.Vault:
    vault, _ = vaults.create_vault(AppPaths.at(folder), "x", kdf=CHEAP, enforce_policy=False)
    generate_demo(vault, seed=seed, activities=activities, today=TODAY)
    return vault


@pytest.fixture(scope="module")
def small_demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[vaults.Vault]:
    vault = demo(tmp_path_factory.mktemp("attack300"), 2, 300)
    yield vault
    vault.lock()


@pytest.fixture(scope="module")
def demo_3000(tmp_path_factory: pytest.TempPathFactory) -> Iterator[vaults.Vault]:
    vault = demo(tmp_path_factory.mktemp("attack3000"), 1, 3000)
    yield vault
    vault.lock()


SINGLE = [
    (D(2026, 1, 1), D(2026, 6, 30), None),
    (D(2026, 7, 1), D(2026, 7, 31), None),
    (D(2026, 3, 2), D(2026, 3, 8), None),
    (D(2025, 6, 1), D(2026, 11, 28), {"kind": "Individuel"}),
    (D(2026, 1, 1), D(2026, 9, 30), {"theme": "Email"}),
]
PAIRS = [
    ((D(2026, 1, 1), D(2026, 6, 30)), (D(2026, 1, 1), D(2026, 7, 31))),  # H1 vs H1 + July
    ((D(2026, 2, 1), D(2026, 2, 28)), (D(2026, 1, 1), D(2026, 3, 31))),  # month in quarter
    ((D(2026, 3, 2), D(2026, 3, 8)), (D(2026, 3, 1), D(2026, 3, 31))),  # week in month
    ((D(2026, 1, 1), D(2026, 6, 30)), (D(2026, 4, 1), D(2026, 9, 30))),  # overlapping
]


@pytest.mark.parametrize("k", [3, 5, 10])
def test_one_summary_discloses_no_small_count(small_demo, k):
    for start, end, filters in SINGLE:
        unknowns, disclosed = attack_one(small_demo, start, end, k, filters)
        assert unknowns > 100
        assert disclosed == [], (start, end, filters)


def test_pairs_of_releases_disclose_no_small_count(small_demo):
    for a, b in PAIRS[:2]:
        unknowns, disclosed = attack_pair(small_demo, a, b, 5)
        assert unknowns > 200
        assert disclosed == [], (a, b)


@pytest.mark.slow
@slow
@pytest.mark.parametrize("k", [3, 5, 10])
def test_every_pair_of_releases_discloses_no_small_count(small_demo, k):
    for a, b in PAIRS:
        unknowns, disclosed = attack_pair(small_demo, a, b, k)
        assert unknowns > 200
        assert disclosed == [], (a, b)


@pytest.mark.slow
@slow
def test_a_larger_logbook_discloses_nothing_either(demo_3000):
    for k in (3, 5, 10):
        assert attack_one(demo_3000, D(2026, 1, 1), D(2026, 6, 30), k)[1] == []
        assert attack_pair(demo_3000, *PAIRS[0], k)[1] == []


@settings(max_examples=3, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(1, 10_000), size=st.integers(20, 200), k=st.sampled_from([3, 5, 10]),
       month=st.integers(1, 11))
def test_random_logbooks_disclose_nothing(tmp_path_factory, seed, size, k, month):
    vault = demo(tmp_path_factory.mktemp("random"), seed, size)
    try:
        first = (D(2026, month, 1), D(2026, month, 28))
        both = (D(2026, month, 1), D(2026, month + 1, 28))
        assert attack_one(vault, *both, k)[1] == []
        assert attack_pair(vault, first, both, k)[1] == []
    finally:
        vault.lock()


def test_a_team_summary_discloses_no_small_count(small_demo, tmp_path):
    k = 5
    # two files of one worker (successive periods), consolidated, then attacked
    files = []
    for i, (start, end) in enumerate(((D(2025, 6, 1), D(2025, 12, 31)),
                                      (D(2026, 1, 1), D(2026, 11, 28)))):
        out = tmp_path / f"{i}.parquet"
        exports.export_activities(small_demo, start, end, "parquet", out)
        files.append(out)
    team = consolidation.consolidate(files, k=k)
    truth = consolidated_counts(read_inputs(files))
    model = Model()
    add_release(model, team, "team", truth)
    assert model.violations() == []  # the relations hold for the team's true counts
    assert model.disclosed(k, list(range(len(model.names)))) == []
