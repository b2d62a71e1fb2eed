"""Referral slips: from a session referred to a partner of the directory, a slip
for the person to carry. The person's name goes on it only when the sharing
consent ("partage") is in force and the worker asks for it; otherwise the slip
carries the file code only."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from accomp.domain import consent as rules
from accomp.domain.clock import instant
from accomp.domain.errors import KnownError, Lang
from accomp.domain.vocab import vocabulary
from accomp.reports import destination, documents
from accomp.reports.referral_slip import Slip, slip_html
from accomp.services import structure
from accomp.store import audit, consents
from accomp.store import partners as store
from accomp.store.tables import Activity
from accomp.store.vault import Vault


def identity_allowed(vault: Vault, activity_id: int, *, now: dt.datetime | None = None) -> bool:
    """Whether the person's name may go on the slip (their sharing consent is in
    force now). False for a session without a file. Reads only."""
    at = consents.utc(instant(None, now))
    with vault.reading() as s:
        activity = s.get(Activity, activity_id)
        if activity is None or activity.beneficiary_id is None:
            return False
        row = consents.file(s, activity.beneficiary_id)
        if row is None or row.anonymised_at is not None:
            return False
        events = [e.as_rule() for e in consents.events_of(s, activity.beneficiary_id)]
        return rules.decide(rules.Action.SHARE_WITH_PARTNER, at=at, legal_basis=row.legal_basis,
                            informed_on=row.informed_on, consent_events=events,
                            mandates=()).allowed


def referral_slip(
    vault: Vault, activity_id: int, *, why: str, bring: list[str] | tuple[str, ...] = (),
    with_identity: bool = False, lang: Lang = "fr", now: dt.datetime | None = None,
) -> tuple[bytes, str]:
    """The slip of a session's referral as PDF bytes, and the file code it names.
    Refuses not_found, referral_needed (no partner linked to the session),
    slip_identity_refused (`with_identity` without the sharing consent in force).
    Writes nothing (save_slip journals)."""
    at = instant(None, now)
    allowed = identity_allowed(vault, activity_id, now=at)
    if with_identity and not allowed:
        raise KnownError("slip_identity_refused")
    name = structure.structure_name(vault)
    with vault.reading() as s:
        activity = s.get(Activity, activity_id)
        if activity is None:
            raise KnownError("not_found", "activity")
        partner = store.linked_partner(s, activity_id)
        if partner is None:
            raise KnownError("referral_needed")
        code, person = "—", None
        if activity.beneficiary_id is not None:
            row = consents.file(s, activity.beneficiary_id)
            assert row is not None
            code = row.code
            if with_identity:
                person = " ".join(x for x in (row.first_name, row.last_name) if x) or None
        kind = (vocabulary().label("structure_typologies", partner.typology, lang)
                if partner.typology else None)
        slip = Slip(partner=partner.name, partner_type=kind, address=partner.address,
                    hours=partner.hours, phone=partner.phone, contact=partner.contact,
                    why=why.strip(), bring=tuple(b.strip() for b in bring if b.strip()),
                    code=code, person=person, day=at.date(), structure=name)
    title = "Fiche d'orientation" if lang == "fr" else "Referral slip"
    return documents.to_pdf(slip_html(slip, lang), title=title), code


def save_slip(vault: Vault, activity_id: int, path: str | os.PathLike[str], *, why: str,
              bring: list[str] | tuple[str, ...] = (), with_identity: bool = False,
              lang: Lang = "fr", replace: bool = False,
              now: dt.datetime | None = None) -> Path:
    """Write the slip (see referral_slip) as a PDF file. Refuses as referral_slip
    does and what writing a file refuses. Journal: document.referral_slip with the
    file code, the session and whether the name is on it."""
    at = instant(None, now)
    destination.check_destination(path, data_dir=vault.paths.data_dir, replace=replace)
    data, code = referral_slip(vault, activity_id, why=why, bring=bring,
                               with_identity=with_identity, lang=lang, now=at)
    written = destination.write_file(path, data, data_dir=vault.paths.data_dir, replace=replace)
    with vault.transaction() as s:
        audit.append(s, actor=vault.worker, action="document.referral_slip", entity="activity",
                     ref=code, at=at, details={"activity": activity_id,
                                               "with_identity": with_identity})
    return written
