"""Documents handed to the person about consent: the information notice, the receipt
of a consent event, saved as PDF or printed (both journaled), and the check of a
document's record hash against the vault (the QR code of a receipt, an attestation
or a revocation receipt).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from accomp.domain.errors import KnownError, Lang
from accomp.reports import documents
from accomp.reports.destination import check_destination, write_file
from accomp.services import mandates, structure
from accomp.services.consent_records import (
    NOTICE_VERSION,
    Document,
    RecordCheck,
    _at,
    _event_out,
    _file,
    _notice,
    _titles,
    event_record_hash,
    person_of,
)
from accomp.store import audit, merges
from accomp.store import consents as store
from accomp.store.vault import Vault


def notice_document(lang: Lang = "fr", version: str = NOTICE_VERSION, *,
                    vault: Vault | None = None) -> Document:
    """The information notice to hand out (its QR code holds the notice's hash), with
    the structure's name of `vault` when given and set. Refuses not_in_list for an
    unknown version."""
    _notice(version)
    name = structure.structure_name(vault) if vault is not None else None
    return Document("notice", documents.information_notice(lang, version, structure=name),
                    _titles("notice", lang), documents.notice_hash(version), None)


def receipt(
    vault: Vault, event_id: int, lang: Lang = "fr", *, at: dt.datetime | None = None
) -> Document:
    """The receipt of one consent event, for the person. Reads only.
    Refuses not_found."""
    when = _at(at)
    with vault.reading() as s:
        e = store.event(s, event_id)
        if e is None:
            raise KnownError("not_found", "consent_event")
        row = _file(s, e.beneficiary_id)
        out = _event_out(s, e, row.code)
        person = person_of(s, row, when)
        name = structure.name_in(s)
        recorder = structure.shown_recorder(s, vault, out.recorded_by)
    version = out.notice_version or NOTICE_VERSION
    page = documents.consent_receipt(documents.ConsentReceipt(
        person=person, purpose=out.purpose, kind=out.kind, at=out.at, method=out.method,
        valid_until=out.valid_until, recorded_by=recorder, notice_version=version,
        notice_hash=out.notice_hash or documents.notice_hash(version),
        record_hash=out.record_hash,
    ), lang, structure=name)
    return Document("consent_receipt", page, _titles("consent_receipt", lang),
                    out.record_hash, row.code)


def save_pdf(
    vault: Vault, document: Document, path: Path | str, *, replace: bool = False
) -> Path:
    """Write the document as a PDF (file mode 0600); an existing file only with
    `replace` (the user confirmed). Journal: document.save with the kind and the
    record hash (and the code). Refuses the destinations reports.destination
    refuses, folder_unwritable, disk_error."""
    check_destination(path, data_dir=vault.paths.data_dir, replace=replace)
    data = documents.to_pdf(document.html, title=document.title)
    target = write_file(path, data, data_dir=vault.paths.data_dir, replace=replace)
    note_document(vault, document, "document.save")
    return target


def note_printed(vault: Vault, document: Document) -> None:
    """Journal that a document was printed (document.print, kind and hash)."""
    note_document(vault, document, "document.print")


def note_document(vault: Vault, document: Document, action: str) -> None:
    with vault.transaction() as s:
        audit.append(s, actor=vault.worker, action=action, entity="document",
                     ref=document.code, details={"kind": document.kind,
                                                 "record_hash": document.record_hash})


def find_record(vault: Vault, record_hash: str) -> RecordCheck | None:
    """The record a document's hash (read from its QR code) designates, or None when
    no record of this vault has it (the paper was altered, or is from elsewhere).
    Reads only."""
    wanted = record_hash.strip().lower()
    for version in documents.notice_versions():
        if documents.notice_hash(version) == wanted:
            return RecordCheck("notice", None, None)
    with vault.reading() as s:
        codes: dict[int, list[str]] = {}
        for e in store.all_events(s):
            known = codes.get(e.beneficiary_id)
            if known is None:  # a merged file's papers print one of its merge's codes
                _file(s, e.beneficiary_id)
                known = codes[e.beneficiary_id] = merges.codes_of_group(s, e.beneficiary_id)
            for code in known:
                if event_record_hash(e, code) == wanted:
                    return RecordCheck("consent_event", code, e.row.at)
        return mandates.find_in(s, wanted)
