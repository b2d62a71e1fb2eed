"""An attacker of published summaries, with its own code: linear programming.

It knows what docs/exports.md says an attacker knows: every published number of
every release, zeros included, the perturbation table (what true counts can give a
published one), and the documented relations between tables and between releases.
For every unknown (a true cell, or the count of a part of a period that only a
difference of releases reveals) it asks HiGHS for the smallest and largest value
consistent with all of it. A count is *disclosed* when that range lies inside
1..k−1 (exactly derived when the range is one value).

The model is the continuous relaxation: bounds are rounded inwards to integers
before judging, as an attacker would.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_matrix

from accomp.privacy.cellkey import amount_reach, parameters, preimage
from accomp.reports.summary import PERSON_DIMENSIONS, Summary

MAX_DURATION = 24 * 60
"""No session lasts more than a day (an attacker's safe assumption)."""
BUCKETS = {"30": (0, 29), "60": (30, 59), "120": (60, 119), "more": (120, MAX_DURATION)}
ADDITIVE_UNITS = ("activities", "participations", "minutes", "referrals")
INF = math.inf


@dataclass
class Model:
    lower: list[float] = field(default_factory=list)
    upper: list[float] = field(default_factory=list)
    names: list[tuple[object, ...]] = field(default_factory=list)
    truth: list[float | None] = field(default_factory=list)
    eq_rows: list[dict[int, float]] = field(default_factory=list)
    le_rows: list[dict[int, float]] = field(default_factory=list)
    """sum(coefficient * x) <= 0 for each row (right-hand sides are all zero)."""

    def var(self, name: tuple[object, ...], low: float, high: float,
            truth: float | None = None) -> int:
        self.names.append(name)
        self.lower.append(low)
        self.upper.append(high)
        self.truth.append(truth)
        return len(self.names) - 1

    def equal(self, left: list[int], right: list[int]) -> None:
        row: dict[int, float] = {}
        for i in left:
            row[i] = row.get(i, 0) + 1
        for i in right:
            row[i] = row.get(i, 0) - 1
        self.eq_rows.append(row)

    def at_most(self, left: dict[int, float], right: dict[int, float]) -> None:
        row = dict(left)
        for i, c in right.items():
            row[i] = row.get(i, 0) - c
        self.le_rows.append(row)

    def violations(self) -> list[str]:
        """Relations and bounds that the true values break (a modelling error)."""
        x = [t if t is not None else 0 for t in self.truth]
        out = [f"bound {self.names[i]}: {x[i]} not in [{self.lower[i]}, {self.upper[i]}]"
               for i in range(len(x)) if not self.lower[i] - 1e-9 <= x[i] <= self.upper[i] + 1e-9]
        for row in self.eq_rows:
            if abs(sum(c * x[i] for i, c in row.items())) > 1e-9:
                out.append("eq " + str([(self.names[i], c, x[i]) for i, c in row.items()]))
        for row in self.le_rows:
            if sum(c * x[i] for i, c in row.items()) > 1e-9:
                out.append("le " + str([(self.names[i], c, x[i]) for i, c in row.items()]))
        return out

    def _matrix(self, rows: list[dict[int, float]]) -> coo_matrix | None:
        if not rows:
            return None
        r, c, v = [], [], []
        for i, row in enumerate(rows):
            for j, value in row.items():
                r.append(i)
                c.append(j)
                v.append(value)
        return coo_matrix((v, (r, c)), shape=(len(rows), len(self.names)))

    def extreme(self, index: int, sign: float) -> float:
        n = len(self.names)
        objective = np.zeros(n)
        objective[index] = sign
        a_eq, a_ub = self._matrix(self.eq_rows), self._matrix(self.le_rows)
        result = linprog(
            objective,
            A_ub=a_ub, b_ub=None if a_ub is None else np.zeros(a_ub.shape[0]),
            A_eq=a_eq, b_eq=None if a_eq is None else np.zeros(a_eq.shape[0]),
            bounds=list(zip(self.lower, [None if u == INF else u for u in self.upper],
                            strict=True)),
            method="highs",
        )
        assert result.status == 0, (result.message, self.names[index])
        return float(result.fun) * sign

    def disclosed(self, k: int, candidates: list[int]) -> list[tuple[tuple[object, ...],
                                                                      float, float, float | None]]:
        """The unknowns among `candidates` whose range lies inside 1..k−1."""
        found = []
        for index in candidates:
            if self.lower[index] >= k or self.upper[index] < 1:
                continue  # the box alone keeps it out of 1..k−1
            high = self.extreme(index, -1.0)
            if math.floor(high + 1e-6) >= k or high < 1 - 1e-6:
                continue
            low = self.extreme(index, 1.0)
            if math.ceil(low - 1e-6) >= 1:
                found.append((self.names[index], low, high, self.truth[index]))
        return found


def _count_bounds(published: int, k: int) -> tuple[float, float]:
    low, high = preimage(published, parameters(k))
    return float(low), float(high)


def _amount_bounds(published: int, k: int) -> tuple[float, float]:
    if published == 0:
        return 0.0, float(amount_reach(k))  # zero, or a small amount pushed down to 0
    reach = amount_reach(k) + 0.5
    return max(1.0, published - reach), published + reach


@dataclass
class Release:
    """One published summary, and the variables the attacker gave it."""

    summary: Summary
    cells: dict[tuple[str, str], int] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)


def add_release(model: Model, summary: Summary, tag: str,
                truth: Mapping[str, Mapping[str, int]] | None = None) -> Release:
    """Variables and relations of one summary (see docs/exports.md, threat model)."""
    k = summary.k
    release = Release(summary)
    truth = truth or {}
    units: dict[str, int] = {}
    for table in summary.tables:
        if not table.multi_valued and table.unit not in units and table.total is not None:
            bounds = (_amount_bounds(table.total, k) if table.unit == "minutes"
                      else _count_bounds(table.total, k))
            true_total = sum(truth.get(table.name, {}).values()) if truth else None
            units[table.unit] = model.var((tag, "total", table.unit), *bounds, true_total)
    release.totals = units
    for table in summary.tables:
        for row in table.rows:
            assert row.count is not None
            assert not row.suppressed
            bounds = (_amount_bounds(row.count, k) if table.unit == "minutes"
                      else _count_bounds(row.count, k))
            true = truth.get(table.name, {}).get(row.category, 0) if truth else None
            release.cells[(table.name, row.category)] = model.var(
                (tag, table.name, row.category), *bounds, true)
    cells = release.cells
    for table in summary.tables:
        members = [cells[(table.name, row.category)] for row in table.rows]
        total = units[table.unit]
        if not table.multi_valued:
            model.equal(members, [total])  # rows add up to the unit's total
        else:
            for m in members:
                model.at_most({m: 1}, {total: 1})
            if table.unit == "beneficiaries" and table.dimension not in ("theme", "admin_theme"):
                # everyone is in some month, kind, place... (not every session has a theme)
                model.at_most({total: 1}, dict.fromkeys(members, 1.0))
    # workshops: collectif = SansObjet in autonomy and referral, for both units
    for unit in ("activities", "beneficiaries"):
        workshop = cells.get((f"{unit}_by_kind", "Collectif"))
        for dim in ("autonomy", "referral"):
            other = cells.get((f"{unit}_by_{dim}", "SansObjet"))
            if workshop is not None and other is not None:
                model.equal([workshop], [other])
    # distinct people <= participations, category by category and in total
    for dim in PERSON_DIMENSIONS:
        for (name, category), index in list(cells.items()):
            if name == f"beneficiaries_by_{dim}":
                partner = cells.get((f"participations_by_{dim}", category))
                if partner is not None:
                    model.at_most({index: 1}, {partner: 1})
    model.at_most({units["beneficiaries"]: 1}, {units["participations"]: 1})
    individual = cells[("activities_by_kind", "Individuel")]
    model.at_most({individual: 1}, {units["participations"]: 1})
    model.at_most({cells[("beneficiaries_by_kind", "Individuel")]: 1}, {individual: 1})
    # minutes: against counts and duration buckets
    for dim in ("kind", "month"):
        for (name, category), index in list(cells.items()):
            if name == f"minutes_by_{dim}":
                count = cells[(f"activities_by_{dim}", category)]
                model.at_most({index: 1}, {count: float(MAX_DURATION)})
    # a referral linked to a partner is a session marked as referred: it is not
    # among the sessions published as "not referred"
    if "referrals" in units:
        referred = {index: 1.0 for (name, category), index in cells.items()
                    if name == "activities_by_referral" and category != "NonOriente"}
        model.at_most({units["referrals"]: 1.0}, referred)
    minutes = units["minutes"]
    low_side = {cells[("activities_by_duration", b)]: float(lo) for b, (lo, _) in BUCKETS.items()
                if ("activities_by_duration", b) in cells}
    high_side = {cells[("activities_by_duration", b)]: float(hi) for b, (_, hi) in BUCKETS.items()
                 if ("activities_by_duration", b) in cells}
    model.at_most(low_side, {minutes: 1.0})
    model.at_most({minutes: 1.0}, high_side)
    return release


def add_pair(model: Model, first: Release, second: Release,
             truths: tuple[Mapping[str, Mapping[str, int]], ...] | None = None,
             first_inside: bool = False, second_inside: bool = False) -> list[int]:
    """Relations between two releases with the same filters over two periods that
    overlap (or nest): every additive cell of each is its part of the common
    period plus its own part. Returns the variables of the parts, which a
    difference of releases could reveal. `truths`: the true counts of the first
    period only, the common period, the second only (for the report)."""
    a, b = first.summary, second.summary
    start, end = max(a.date_from, b.date_from), min(a.date_to, b.date_to)
    assert start <= end, "the periods must overlap"
    same_year = a.date_to.year == b.date_to.year
    parts: list[int] = []
    names = {(t.name, t.unit) for t in a.tables}
    for name, unit in sorted(names):
        if unit not in ADDITIVE_UNITS or (name.endswith("age_band") and not same_year):
            continue
        categories = {c for (n, c) in first.cells if n == name} | {
            c for (n, c) in second.cells if n == name}
        for category in sorted(categories):
            truth = [t.get(name, {}).get(category, 0) for t in truths] if truths else [None] * 3
            only_a = model.var(("only-first", name, category), 0, INF, truth[0])
            common = model.var(("common", name, category), 0, INF, truth[1])
            only_b = model.var(("only-second", name, category), 0, INF, truth[2])
            if name.endswith("_by_month"):
                month = dt.date.fromisoformat(category + "-01")
                inside = (start.replace(day=1) <= month <= end)
                if not inside:
                    model.upper[common] = 0
            parts += [only_a, common, only_b]
            model.equal([first.cells[(name, category)]] if (name, category) in first.cells
                        else [], [only_a, common])
            model.equal([second.cells[(name, category)]] if (name, category) in second.cells
                        else [], [common, only_b])
            if first_inside:
                model.upper[only_a] = 0
            if second_inside:
                model.upper[only_b] = 0
            if (name, category) not in first.cells:
                model.upper[only_a] = model.upper[common] = 0
            if (name, category) not in second.cells:
                model.upper[only_b] = model.upper[common] = 0
    return parts
