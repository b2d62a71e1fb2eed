"""The LP attacker of docs/exports.md against the appointments a summary publishes:
a handful of missed appointments (one person's) cannot be pinned to 1..k−1."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from attack_support import attack_one

from accomp.domain.consent import Purpose
from accomp.paths import AppPaths
from accomp.services import appointments, beneficiaries, consents, vaults

CHEAP = vaults.KdfParams(1, 1024, 1)
PLANNED_ON = dt.date(2026, 3, 1)


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9), tzinfo=dt.UTC)


@pytest.mark.parametrize("k", [3, 5, 10])
def test_small_appointment_counts_are_not_disclosed(tmp_path: Path, k: int) -> None:
    vault, _ = vaults.create_vault(AppPaths.at(tmp_path), "x", kdf=CHEAP,
                                   enforce_policy=False)
    b = beneficiaries.create_beneficiary(
        vault, {"first_name": "Ana", "legal_basis": "MissionInteretPublic",
                "informed_on": "2026-02-01"}, today=PLANNED_ON)
    consents.give_consent(vault, b.id, Purpose.FOLLOW_UP_CONTACT, at=at(PLANNED_ON))
    for n, outcome in enumerate(["missed", "missed", "done", "planned"]):
        a = appointments.plan_appointment(
            vault, b.id, {"date": f"2026-03-{2 + n:02d}", "start_time": "10:00",
                          "duration_min": 30, "place_type": "LieuActivite"},
            today=PLANNED_ON, now=at(PLANNED_ON))
        if outcome != "planned":
            appointments.set_status(vault, a.id, outcome, today=dt.date(2026, 3, 20),
                                    now=at(dt.date(2026, 3, 20)))
    try:
        _, disclosed = attack_one(vault, dt.date(2026, 3, 1), dt.date(2026, 3, 31), k)
        assert disclosed == []
    finally:
        vault.lock()
