"""The attacker of docs/exports.md (threat model) over demonstration logbooks, and
what the protection costs in utility.

    python tests/bench/attack_demo.py [activities ...] [--seeds 1 2] [--ks 3 5 10]

For each logbook (demo seeds × sizes, today = 2026-11-28) and each k: linear
programming over every table of single summaries (periods from a week to
eighteen months, with and without filters) and over pairs of releases (month in
quarter, H1 vs H1 + July, week in month, shifted half-years). Prints, per line,
the unknowns examined, the counts of 1..k−1 disclosed (derived exactly or bounded
inside 1..k−1: must be 0), and the utility of the published counts: share of
cells with a true count ≥ k that are published (every cell is: 100 %), mean
absolute error over the non-zero cells, and over the cells ≥ k.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "unit" / "privacy"))

from attack_support import attack_one, attack_pair, release, truth  # noqa: E402

from accomp.paths import AppPaths  # noqa: E402
from accomp.services import vaults  # noqa: E402
from accomp.services.generators.demo import generate_demo  # noqa: E402

D = dt.date
TODAY = D(2026, 11, 28)
SINGLE = [
    (D(2025, 6, 1), D(2026, 11, 28), None), (D(2026, 1, 1), D(2026, 6, 30), None),
    (D(2026, 7, 1), D(2026, 7, 31), None), (D(2026, 3, 2), D(2026, 3, 8), None),
    (D(2026, 3, 4), D(2026, 3, 4), None), (D(2026, 1, 1), D(2026, 9, 30), {"theme": "Email"}),
    (D(2025, 6, 1), D(2026, 11, 28), {"kind": "Individuel"}),
]
PAIRS = [
    ((D(2026, 1, 1), D(2026, 6, 30)), (D(2026, 1, 1), D(2026, 7, 31))),
    ((D(2026, 2, 1), D(2026, 2, 28)), (D(2026, 1, 1), D(2026, 3, 31))),
    ((D(2026, 3, 2), D(2026, 3, 8)), (D(2026, 3, 1), D(2026, 3, 31))),
    ((D(2026, 1, 1), D(2026, 6, 30)), (D(2026, 4, 1), D(2026, 9, 30))),
]


def utility(vault: vaults.Vault, k: int) -> tuple[int, int, float, float]:
    """(cells with true count >= k, of which published, MAE non-zero, MAE >= k)."""
    big = published_big = 0
    errors_nonzero: list[int] = []
    errors_big: list[int] = []
    for start, end, filters in SINGLE:
        summary = release(vault, start, end, k, filters)
        true = truth(vault, start, end, filters)
        for table in summary.tables:
            if table.unit == "minutes":
                continue
            for row in table.rows:
                n = true.get(table.name, {}).get(row.category, 0)
                if n == 0:
                    continue
                error = abs((row.count or 0) - n)
                errors_nonzero.append(error)
                if n >= k:
                    big += 1
                    published_big += row.count is not None
                    errors_big.append(error)
    return (big, published_big, sum(errors_nonzero) / max(1, len(errors_nonzero)),
            sum(errors_big) / max(1, len(errors_big)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[300, 3000])
    parser.add_argument("--seeds", nargs="*", type=int, default=[1])
    parser.add_argument("--ks", nargs="*", type=int, default=[3, 5, 10])
    args = parser.parse_args()
    total_disclosed = 0
    print("activities seed k  unknowns disclosed  cells>=k published  MAE(>0) MAE(>=k)  s")
    for size in args.sizes:
        for seed in args.seeds:
            with tempfile.TemporaryDirectory() as folder:
                vault, _ = vaults.create_vault(AppPaths.at(Path(folder)), "x",
                                               kdf=vaults.KdfParams(1, 1024, 1),
                                               enforce_policy=False)
                generate_demo(vault, seed=seed, activities=size, today=TODAY)
                for k in args.ks:
                    t = time.perf_counter()
                    unknowns = disclosed = 0
                    for start, end, filters in SINGLE:
                        n, found = attack_one(vault, start, end, k, filters)
                        unknowns, disclosed = unknowns + n, disclosed + len(found)
                    for a, b in PAIRS:
                        n, found = attack_pair(vault, a, b, k)
                        unknowns, disclosed = unknowns + n, disclosed + len(found)
                    big, published, mae, mae_big = utility(vault, k)
                    total_disclosed += disclosed
                    print(f"{size:>10} {seed:>4} {k:<2} {unknowns:>9} {disclosed:>9} "
                          f"{big:>9} {published / max(1, big):>9.1%} {mae:>7.2f} "
                          f"{mae_big:>8.2f} {time.perf_counter() - t:>3.0f}", flush=True)
                vault.lock()
    return 1 if total_disclosed else 0


if __name__ == "__main__":
    sys.exit(main())
