"""The LP attacker of docs/exports.md against the referrals a summary publishes by
partner type: one person sent to the only CAF counter of the directory, or two
to a France Services, cannot be pinned to 1..k−1, from one summary or from two
summaries over overlapping periods."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from attack_support import attack_one, attack_pair, release, truth
from lp_attacker import Model, add_release

from accomp.paths import AppPaths
from accomp.services import activities, partners, vaults

CHEAP = vaults.KdfParams(1, 1024, 1)
TODAY = dt.date(2026, 3, 31)
MARCH = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))


def session(vault: Any, day: int, partner_id: int | None) -> None:
    a = activities.log_activity(
        vault, {"date": f"2026-03-{day:02d}", "duration_min": 30, "place_type": "LieuActivite",
                "themes": ["Email"], "autonomy": "PartiellementAutonome",
                "referred": partner_id is not None,
                "referral_target": "AideSociale" if partner_id else None},
        today=TODAY)
    if partner_id is not None:
        partners.link_referral(vault, a.id, partner_id)


def small_logbook(tmp_path: Path) -> Any:
    vault, _ = vaults.create_vault(AppPaths.at(tmp_path), "x", kdf=CHEAP,
                                   enforce_policy=False)
    caf = partners.save_partner(vault, {"name": "CAF", "typology": "CAF"})
    fs = partners.save_partner(vault, {"name": "France Services", "typology": "MSAP"})
    bare = partners.save_partner(vault, {"name": "Permanence"})
    session(vault, 3, caf.id)
    session(vault, 10, fs.id)
    session(vault, 20, fs.id)
    session(vault, 25, bare.id)
    for day in (4, 11, 12, 26):
        session(vault, day, None)
    return vault


@pytest.mark.parametrize("k", [3, 5, 10])
def test_small_referral_counts_are_not_disclosed(tmp_path: Path, k: int) -> None:
    vault = small_logbook(tmp_path)
    try:
        # the attacker's relations hold on the true counts (its model is sound)
        model = Model()
        add_release(model, release(vault, *MARCH, k), "r", truth(vault, *MARCH))
        assert model.violations() == []
        assert ("r", "referrals_by_partner_type", "CAF") in model.names
        _, disclosed = attack_one(vault, *MARCH, k)
        assert disclosed == []
    finally:
        vault.lock()


def test_two_overlapping_summaries_do_not_disclose_a_referral(tmp_path: Path) -> None:
    vault = small_logbook(tmp_path)
    try:
        # March 1–15 against the whole month: the difference holds one referral to
        # a France Services and one to a partner without a type
        for k in (3, 5):
            _, disclosed = attack_pair(vault, (dt.date(2026, 3, 1), dt.date(2026, 3, 15)),
                                       MARCH, k)
            assert disclosed == []
    finally:
        vault.lock()
