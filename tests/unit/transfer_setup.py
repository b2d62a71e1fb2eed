"""Two (or three) workers' vaults and a person's file with a realistic history, for
the transfer tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from conftest import CHEAP_KDF_ARGS, PASSPHRASE, an_activity, canary_beneficiary

from accomp.domain.consent import Purpose
from accomp.paths import AppPaths
from accomp.services import activities, consents, mandates, transfers, vaults

T0 = dt.datetime(2026, 11, 28, 10, 0, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)


def worker_vault(root: Path, name: str) -> Any:
    paths = AppPaths.at(root / name)
    vault, _ = vaults.create_vault(paths, PASSPHRASE, kdf=vaults.KdfParams(*CHEAP_KDF_ARGS),
                                   enforce_policy=False)
    vault.worker = name
    return vault


def introduce(a: Any, b: Any, *, now: dt.datetime = T0) -> None:
    """a and b exchange their public keys (each records the other as a contact)."""
    transfers.add_contact(a, b.worker, transfers.my_public_key(b).text, now=now)
    transfers.add_contact(b, a.worker, transfers.my_public_key(a).text, now=now)


def person_with_history(vault: Any, *, sharing: bool = True, notes: bool = True) -> Any:
    """The canary person: identity, two sessions with notes, the partage and notes
    consents (as asked), a mandate."""
    b = canary_beneficiary(vault)
    consents.give_consent(vault, b.id, Purpose.FOLLOW_UP_CONTACT, at=T0 - 5 * DAY)
    if sharing:
        consents.give_consent(vault, b.id, Purpose.PARTNER_SHARING, at=T0 - 5 * DAY)
    if notes:
        consents.give_consent(vault, b.id, Purpose.NOTES, at=T0 - 5 * DAY)
    mandates.create_mandate(vault, b.id, ["social", "logement"], "6m",
                            starts_on=(T0 - 4 * DAY).date(), at=T0 - 4 * DAY)
    for day, note in ((T0 - 8 * DAY, "CANARYNOTE first visit"), (T0 - 2 * DAY, None)):
        activities.log_activity(
            vault, an_activity(date=day.date().isoformat(), beneficiary_id=b.id,
                               notes=note, referred=True, referral_target="AideSociale"),
            today=day.date(), at=day)
    return b
