"""The printable skills passport, for the person themselves.

Which consent? None of the optional purposes of domain/consent.py applies:
recontact (RecontactSuivi) is for calling the person back, partner sharing
(PartagePartenaire) for passing data to a third party, notes (ConservationNotes)
for free-text notes, the mandate (Mandat) for acting on their behalf. Handing a
person a paper about themselves, at their request, is neither: it is close to the
right of access (GDPR art. 15), which needs no consent. What is needed is that the
person asks for it, so the worker confirms it (`person_asked`), and that the file
still exists (an anonymised file has no passport any more). The paper prints the
file's code, never the name (a line is left to write it by hand). See
docs/passport.md.

Never exported elsewhere: the passport is only written where the worker saves it
for printing, and its data is in no activity export or summary (only the
protected count of people who moved up, on the dashboard).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from accomp.domain import competences as dc
from accomp.domain.errors import KnownError, Lang
from accomp.reports import passport as writer
from accomp.reports.destination import check_destination, write_file
from accomp.services import structure
from accomp.store import audit, repo
from accomp.store import skills as q
from accomp.store.vault import Vault


def passport_data(vault: Vault, beneficiary_id: int, today: dt.date) -> writer.PassportData:
    """What the passport shows, as of `today`. Refuses not_found and
    already_anonymised. Writes nothing."""
    with vault.reading() as s:
        row = repo.get_beneficiary(s, beneficiary_id)
        if row is None:
            raise KnownError("not_found", "beneficiary")
        if row.anonymised_at is not None:
            raise KnownError("already_anonymised", "beneficiary")
        observations = [dc.Observation(c, n, d) for c, n, d in q.of_person(s, beneficiary_id)]
        name = structure.name_in(s)
        return writer.PassportData(row.code, today, observations, name)


def save_passport(vault: Vault, beneficiary_id: int, path: Path | str, *, today: dt.date,
                  person_asked: bool, lang: Lang = "fr", replace: bool = False) -> Path:
    """Write the person's passport as a PDF (0600) to print for them; an existing
    file only with `replace`.

    Refuses passport_needs_request (the worker did not confirm the person asked
    for it), not_found, already_anonymised, the destinations reports.destination
    refuses (never inside the vault's folder), disk_error.
    Journal: document.save with the kind "skills_passport" and the file's code
    (no competence, no level)."""
    if not person_asked:
        raise KnownError("passport_needs_request", "beneficiary")
    check_destination(path, data_dir=vault.paths.data_dir, replace=replace)
    data = passport_data(vault, beneficiary_id, today)
    pdf = writer.passport_pdf(data, lang)
    target = write_file(path, pdf, data_dir=vault.paths.data_dir, replace=replace)
    with vault.transaction() as s:
        audit.append(s, actor=vault.worker, action="document.save", entity="document",
                     ref=data.code, details={"kind": "skills_passport"})
    return target
