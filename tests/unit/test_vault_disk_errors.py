"""A full disk during a save is said plainly (disk_error) and nothing of the save is
kept; the worker can save again once there is room.

The full disk is SQLite's own: `PRAGMA max_page_count` at the current size makes the
next page the database needs fail with SQLITE_FULL ("database or disk is full"), on
whatever path the save takes (ORM, Core or the driver's cursor)."""

from __future__ import annotations

import pytest
from conftest import CANARY_NEEDLES, an_activity, canary_beneficiary
from sqlalchemy import text

from accomp.domain.errors import KnownError
from accomp.services import activities, beneficiaries


def _disk_full(vault, full: bool) -> None:
    with vault.reading() as s:  # the vault's one pooled connection
        if full:
            pages = s.execute(text("PRAGMA page_count")).scalar_one()
            s.execute(text(f"PRAGMA max_page_count = {int(pages)}"))
        else:
            s.execute(text("PRAGMA max_page_count = 1073741823"))


def _refusal(save, times: int) -> KnownError:
    """Save again and again until the full disk refuses (pages still free in the file
    let the first saves through)."""
    for _ in range(times):
        try:
            save()
        except KnownError as err:
            return err
    pytest.fail("the disk never filled")


def test_a_full_disk_during_a_save_is_a_disk_error_and_keeps_nothing(vault):
    b = canary_beneficiary(vault)
    before = activities.count_activities(vault)
    big = an_activity(beneficiary_id=b.id, notes="n" * 500,
                      procedure_details="d" * 200)
    _disk_full(vault, True)
    try:
        err = _refusal(lambda: activities.log_activity(vault, big), 50)
    finally:
        _disk_full(vault, False)
    assert err.code == "disk_error"
    shown = err.message("fr") + err.message("en") + str(err)
    assert not any(needle in shown for needle in CANARY_NEEDLES)
    logged = activities.count_activities(vault)
    assert logged >= before
    activities.log_activity(vault, big)  # room again: the next save goes through
    assert activities.count_activities(vault) == logged + 1


def test_a_full_disk_when_creating_a_file_is_a_disk_error(vault):
    names = iter(range(200))
    _disk_full(vault, True)
    try:
        err = _refusal(lambda: beneficiaries.create_beneficiary(vault, {
            "first_name": f"Prénom{next(names)}", "last_name": "N" * 60,
            "legal_basis": "MissionInteretPublic", "informed_on": "2026-10-01",
        }), 200)
    finally:
        _disk_full(vault, False)
    assert err.code == "disk_error"
