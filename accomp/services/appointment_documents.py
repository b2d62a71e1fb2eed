"""What leaves the vault about appointments: the .ics file for the worker's office
calendar and the printable card for the person (PDF or printer), both journaled.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from pathlib import Path

from accomp.domain.clock import instant
from accomp.domain.errors import KnownError
from accomp.domain.vocab import Lang
from accomp.reports import documents
from accomp.reports.appointment_card import Card, appointment_card
from accomp.reports.appointment_ics import IcsAppointment, to_ics
from accomp.reports.destination import check_destination, write_file
from accomp.services import appointments, consent_documents, structure
from accomp.services import consent_records as records
from accomp.services.consent_records import Document
from accomp.store import appointments as store
from accomp.store import audit
from accomp.store import consents as consent_store
from accomp.store.vault import Vault


def export_ics(
    vault: Vault, appointment_ids: Sequence[int], path: Path | str, *, with_name: bool = False,
    lang: Lang = "fr", replace: bool = False, today: dt.date | None = None,
    now: dt.datetime | None = None,
) -> Path:
    """Write appointments to an .ics file for the worker's calendar (file mode 0600,
    through reports.destination). By default each event holds only the file's code
    and the place type; with `with_name` (the worker ticked it after a warning) the
    person's name too, and only while the file may keep an identity.

    Refuses (KnownError): no appointment given or one unknown (not_found,
    "appointment"); one whose file's "RecontactSuivi" consent does not hold at `now`
    (appointment_needs_recontact: withdrawn or lapsed, the person is not expected);
    the destinations reports.destination refuses (in a data folder,
    an existing file without `replace`…), folder_unwritable, disk_error.
    Journal: appointment.export with how many, whether names went out, and the file's
    SHA-256 (not its name: a file name may hold anything)."""
    at = consent_store.utc(instant(today, now))
    check_destination(path, data_dir=vault.paths.data_dir, replace=replace)
    with vault.reading() as s:
        events = []
        for appointment_id in appointment_ids:
            row = store.get(s, appointment_id)
            if row is None:
                raise KnownError("not_found", "appointment")
            appointments.require_recontact(s, row.beneficiary_id, at)
            file = records._file(s, row.beneficiary_id)
            name = records.person_of(s, file, at).name if with_name else None
            events.append(IcsAppointment(
                uid_seed=f"{file.code}/{row.id}/{row.created_at.isoformat()}", code=file.code,
                starts_at=dt.datetime.combine(row.day, row.start),
                duration_min=row.duration_min, place_type=row.place_type, name=name))
    if not events:
        raise KnownError("not_found", "appointment")
    data = to_ics(events, stamp=at, lang=lang)
    target = write_file(path, data, data_dir=vault.paths.data_dir, replace=replace)
    with vault.transaction() as s:
        audit.append(s, actor=vault.worker, action="appointment.export", entity="appointment",
                     details={"rows": len(events), "with_name": with_name,
                              "sha256": hashlib.sha256(data).hexdigest()}, at=at)
    return target


def card(
    vault: Vault, appointment_id: int, lang: Lang = "fr", *, today: dt.date | None = None,
    now: dt.datetime | None = None,
) -> Document:
    """The appointment card for the person (date, time, place, what to bring, in
    plain words), as HTML to print or save; the person's name on it only while the
    file may keep an identity, else the file's code. Reads only. Refuses not_found
    ("appointment") and appointment_needs_recontact (the file's "RecontactSuivi"
    consent does not hold at `now`: nobody should be handed a card for it)."""
    at = consent_store.utc(instant(today, now))
    with vault.reading() as s:
        row = store.get(s, appointment_id)
        if row is None:
            raise KnownError("not_found", "appointment")
        appointments.require_recontact(s, row.beneficiary_id, at)
        file = records._file(s, row.beneficiary_id)
        person = records.person_of(s, file, at)
        name = structure.name_in(s)
    page = appointment_card(Card(
        person=person, starts_at=dt.datetime.combine(row.day, row.start),
        duration_min=row.duration_min, place_type=row.place_type, items=tuple(row.items),
    ), lang, structure=name)
    digest = documents.record_hash({
        "record": "appointment", "id": row.id, "code": file.code, "day": row.day,
        "start": row.start.isoformat(), "duration_min": row.duration_min,
        "place_type": row.place_type, "items": list(row.items),
    })
    return Document("appointment_card", page, records.document_title("appointment_card", lang),
                    digest, file.code)


def save_card_pdf(
    vault: Vault, document: Document, path: Path | str, *, replace: bool = False
) -> Path:
    """Write the card as a PDF (0600, through reports.destination). Refuses what
    consent_documents.save_pdf refuses. Journal: document.save (kind, hash, code)."""
    return consent_documents.save_pdf(vault, document, path, replace=replace)
