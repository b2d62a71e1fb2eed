"""Releases of a logbook as an attacker collects them, and their true counts (for
the report): shared by the attack tests and the benchmark."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from lp_attacker import Model, add_pair, add_release

from accomp.domain.models import ActivityFilter
from accomp.reports.summary import APPOINTMENT_TABLE, REFERRAL_TABLE, Summary
from accomp.services import partners, reports
from accomp.services.exports import record_keys
from accomp.store import stats

D = dt.date


def truth(vault: Any, start: dt.date, end: dt.date,
          filters: Mapping[str, str] | None = None) -> dict[str, Mapping[str, int]]:
    f = ActivityFilter(**(filters or {}))
    keys = record_keys(vault)
    with vault.reading() as s:
        counts = dict(stats.summary_counts_and_keys(s, start, end, f, keys)[0])
        if not filters:  # the unfiltered summary publishes appointments, referrals
            counts[APPOINTMENT_TABLE.name] = reports.appointment_counts(
                s, start, end, keys.seed)[0]
            counts[REFERRAL_TABLE.name] = partners.referral_counts(
                s, start, end, keys.seed)[0]
        return counts


def release(vault: Any, start: dt.date, end: dt.date, k: int,
            filters: Mapping[str, str] | None = None) -> Summary:
    return reports.summary(vault, start, end, k=k, filters=dict(filters or {}))


def attack_one(vault: Any, start: dt.date, end: dt.date, k: int,
               filters: Mapping[str, str] | None = None) -> tuple[int, list[Any]]:
    """Every cell of one summary: (number of unknowns, those disclosed)."""
    model = Model()
    add_release(model, release(vault, start, end, k, filters), "r",
                truth(vault, start, end, filters))
    return len(model.names), model.disclosed(k, list(range(len(model.names))))


def _parts(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> list[tuple[D, D] | None]:
    start, end = max(a[0], b[0]), min(a[1], b[1])
    one = dt.timedelta(days=1)

    def span(lo: D, hi: D) -> tuple[D, D] | None:
        return (lo, hi) if lo <= hi else None

    only_a = span(a[0], start - one) or span(end + one, a[1])
    only_b = span(b[0], start - one) or span(end + one, b[1])
    return [only_a, (start, end), only_b]


def attack_pair(vault: Any, a: tuple[D, D], b: tuple[D, D], k: int,
                filters: Mapping[str, str] | None = None) -> tuple[int, list[Any]]:
    """Two releases over overlapping periods and what their differences disclose.
    Each "only" part must be one interval (nested or shifted periods)."""
    model = Model()
    first = add_release(model, release(vault, *a, k, filters), "a", truth(vault, *a, filters))
    second = add_release(model, release(vault, *b, k, filters), "b", truth(vault, *b, filters))
    truths = tuple(truth(vault, *p, filters) if p else {} for p in _parts(a, b))
    nested_a = b[0] <= a[0] and a[1] <= b[1]
    nested_b = a[0] <= b[0] and b[1] <= a[1]
    parts = add_pair(model, first, second, truths, nested_a, nested_b)
    candidates = list(range(len(model.names)))
    assert parts
    return len(model.names), model.disclosed(k, candidates)
