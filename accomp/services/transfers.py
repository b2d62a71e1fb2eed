"""Passing files on to a colleague's vault (worker to worker, offline: a USB stick
or an e-mail attachment), one person or a whole caseload.

A file goes only when domain.consent.decide_transfer allows it (the "partage"
consent in force, or a legal basis that allows it), its notes only with the notes
consent. The bundle is encrypted for the colleague's vault, signed by this one,
and expires (store/transfer_keys.py). The recipient previews it, sees which of
their files may be the same person, and imports it in one transaction. Both
journals record the transfer with the bundle's hash and pseudonymous codes only.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accomp.domain import consent as rules
from accomp.domain import transfer as fmt
from accomp.domain.clock import instant
from accomp.domain.errors import KnownError
from accomp.domain.transfer_parts import DEFAULT_VALIDITY_DAYS, MAX_VALIDITY_DAYS, Part
from accomp.reports import destination
from accomp.store import audit, consents, transfers, vault_keys
from accomp.store import lifecycle as life
from accomp.store import transfer_keys as keys
from accomp.store.tables import Beneficiary
from accomp.store.vault import Vault

MAX_BUNDLE_BYTES = 256 * 1024 * 1024
SUFFIX = ".accomp-transfert"


# --- keys and colleagues ----------------------------------------------------------------


def my_public_key(vault: Vault) -> keys.PublicKey:
    """This vault's public key (made at the first call, then kept in the vault).
    Journal: transfer.keys the first time (the fingerprint)."""
    with vault.transaction() as s:
        new = not keys.has_key_pair(s)
        public = keys.key_pair(s).public
        if new:
            audit.append(s, actor=vault.worker, action="transfer.keys", entity="vault",
                         details={"fingerprint": public.fingerprint})
        return public


@dataclass(frozen=True, slots=True)
class Contact:
    fingerprint: str
    name: str


def add_contact(vault: Vault, name: str, public_key: str,
                *, now: dt.datetime | None = None) -> Contact:
    """Record a colleague's public key (text `accomp1:…`) under a name. Refuses
    transfer_bad_key, transfer_own_key, required (an empty name), too_long.
    Journal: transfer.contact with the fingerprint (not the name)."""
    clean = " ".join(name.split())
    if not clean:
        raise KnownError("required", "contact_name")
    if len(clean) > 120:
        raise KnownError("too_long", "contact_name", max=120)
    key = keys.PublicKey.parse(public_key)
    if key == my_public_key(vault):
        raise KnownError("transfer_own_key")
    at = instant(None, now)
    with vault.transaction() as s:
        transfers.put_contact(s, fingerprint=key.fingerprint, name=clean,
                              public_key=key.text, at=at)
        audit.append(s, actor=vault.worker, action="transfer.contact", entity="vault",
                     details={"fingerprint": key.fingerprint}, at=at)
    return Contact(key.fingerprint, clean)


def list_contacts(vault: Vault) -> list[Contact]:
    """The colleagues this vault can send to and accepts bundles from. Reads only."""
    with vault.reading() as s:
        return [Contact(c.fingerprint, c.name) for c in transfers.contacts(s)]


# --- what may go -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FileCheck:
    """Whether one file may be passed on, and what of it."""

    beneficiary_id: int
    code: str
    allowed: bool
    notes_allowed: bool
    reason: str | None  # the refusal's message code
    subject: str | None = None  # what the refusal names (a purpose), as KnownError's field


def _check(s: Any, row: Beneficiary, at: dt.datetime) -> FileCheck:
    assert row.id is not None
    events = [e.as_rule() for e in consents.events_of(s, row.id)]
    if row.anonymised_at is not None:
        decision = rules.TransferDecision(False, False)
    else:
        decision = rules.decide_transfer(at=consents.utc(at), legal_basis=row.legal_basis,
                                         informed_on=row.informed_on, consent_events=events)
    reason = decision.refusal.reason if decision.refusal else None
    subject = decision.refusal.subject if decision.refusal else None
    return FileCheck(row.id, row.code, decision.allowed, decision.notes_allowed,
                     None if decision.allowed else str(reason or "already_anonymised"),
                     None if subject is None else str(subject))


def check_files(vault: Vault, beneficiary_ids: Iterable[int],
                *, now: dt.datetime | None = None) -> list[FileCheck]:
    """For each file, whether it may be passed on now (the sender's summary).
    Refuses not_found. Reads only."""
    at = instant(None, now)
    with vault.reading() as s:
        out = []
        for bid in beneficiary_ids:
            row = consents.file(s, bid)
            if row is None:
                raise KnownError("not_found", "beneficiary")
            out.append(_check(s, row, at))
        return out


def caseload(vault: Vault, *, now: dt.datetime | None = None) -> list[FileCheck]:
    """Every file still identified, each with whether it may be passed on (the
    caseload handover's summary: those refused are listed and stay). Reads only."""
    at = instant(None, now)
    with vault.reading() as s:
        ids = [i for i, _, _ in life.identified_files(s)]
        return [_check(s, row, at) for row in
                (consents.file(s, i) for i in ids) if row is not None]


# --- sending -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Sent:
    path: Path
    digest: str
    codes: list[str]
    without_notes: list[str]  # files whose notes stayed (no notes consent)
    left: list[FileCheck] = field(default_factory=list)  # caseload: refused, they stay


def export_bundle(
    vault: Vault, beneficiary_ids: Sequence[int], *, recipient: str, parts: Iterable[Part],
    path: str | os.PathLike[str], validity_days: int = DEFAULT_VALIDITY_DAYS,
    mark: bool = False, now: dt.datetime | None = None,
) -> Sent:
    """Write a bundle of the chosen files for the colleague whose fingerprint is
    `recipient`, with the chosen parts (the code and statistical attributes always
    go; notes only where the notes consent is in force). `mark` marks the files
    "transféré". Refuses transfer_not_allowed (a file without the consent or legal
    basis: nothing is written), not_found (a file, or a recipient not among the
    contacts), transfer_bad_validity, transfer_nothing, and what writing a file
    refuses (reports/destination.py). Journal: transfer.export with the bundle's
    hash and id, the recipient's fingerprint, the codes and parts."""
    at = instant(None, now)
    checks = check_files(vault, beneficiary_ids, now=at)
    refused = [c for c in checks if not c.allowed]
    if refused:
        raise KnownError("transfer_not_allowed", file_code=refused[0].code)
    return _send(vault, checks, recipient=recipient, parts=frozenset(parts), path=path,
                 validity_days=validity_days, mark=mark, at=at, left=[])


def hand_over_caseload(
    vault: Vault, *, recipient: str, parts: Iterable[Part], path: str | os.PathLike[str],
    validity_days: int = DEFAULT_VALIDITY_DAYS, mark: bool = False,
    now: dt.datetime | None = None,
) -> Sent:
    """A worker leaves: every identified file that may be passed on goes in one
    bundle; the others are listed in `left` and stay. Refuses transfer_nothing when
    none may go, and as export_bundle does. Journal: transfer.export (caseload)."""
    at = instant(None, now)
    checks = caseload(vault, now=at)
    allowed = [c for c in checks if c.allowed]
    return _send(vault, allowed, recipient=recipient, parts=frozenset(parts), path=path,
                 validity_days=validity_days, mark=mark, at=at,
                 left=[c for c in checks if not c.allowed])


def _send(vault: Vault, checks: Sequence[FileCheck], *, recipient: str, parts: frozenset[Part],
          path: str | os.PathLike[str], validity_days: int, mark: bool, at: dt.datetime,
          left: list[FileCheck]) -> Sent:
    if not checks:
        raise KnownError("transfer_nothing")
    if not 1 <= validity_days <= MAX_VALIDITY_DAYS:
        raise KnownError("transfer_bad_validity", max=MAX_VALIDITY_DAYS)
    target = destination.check_destination(path, data_dir=vault.paths.data_dir)
    with vault.transaction() as s:
        contact = transfers.contact(s, recipient)
        if contact is None:
            raise KnownError("not_found", "recipient")
        sender = keys.key_pair(s)
        files = []
        for c in checks:
            row = consents.file(s, c.beneficiary_id)
            assert row is not None
            chosen = parts if c.notes_allowed else parts - {Part.NOTES}
            files.append(transfers.file_part(s, row, chosen))
        payload = fmt.Payload(sender_name=vault.worker, created_at=consents.utc(at),
                              files=tuple(files))
        data, bundle_id = keys.seal(fmt.encode_payload(payload), sender=sender,
                         recipient=keys.PublicKey.parse(contact.public_key),
                         created_at=at, expires_at=fmt.expiry(at, validity_days))
        del payload, files
        digest = keys.bundle_digest(data)
        codes = [c.code for c in checks]
        transfers.record_bundle(s, bundle_id=bundle_id, direction="sent", digest=digest,
                                peer=contact.fingerprint, at=at, codes=codes)
        if mark:
            for c in checks:
                transfers.mark_transferred(s, c.beneficiary_id, at, digest)
        audit.append(s, actor=vault.worker, action="transfer.export", entity="vault", at=at,
                     details={"bundle": digest, "bundle_id": bundle_id,
                              "recipient": contact.fingerprint, "beneficiaries": codes,
                              "parts": sorted(parts), "caseload": bool(left),
                              "left": [c.code for c in left], "marked": mark,
                              "expires_at": fmt.expiry(at, validity_days).date().isoformat()})
        written = destination.write_file(target, data, data_dir=vault.paths.data_dir)
    return Sent(written, digest, codes, [c.code for c in checks if not c.notes_allowed], left)


def anonymise_transferred(vault: Vault, beneficiary_id: int,
                          *, now: dt.datetime | None = None) -> None:
    """Anonymise a file marked "transféré" (its colleague now holds it), as the
    retention rules anonymise a file: identity, notes, mandates go; the code, the
    statistics and the consent history stay. Refuses not_found,
    already_anonymised, transfer_not_transferred. Journal: transfer.anonymise.
    Purge register: one line (reason "transfer")."""
    at = instant(None, now)
    with vault.transaction() as s:
        row = consents.file(s, beneficiary_id)
        if row is None:
            raise KnownError("not_found", "beneficiary")
        if row.anonymised_at is not None:
            raise KnownError("already_anonymised")
        if transfers.transferred_at(s, beneficiary_id) is None:
            raise KnownError("transfer_not_transferred", file_code=row.code)
        code, last_contact = row.code, row.last_contact
        done = life.anonymise_file(s, row, at)
        life.add_purge_record(s, data_class="identified_file", ref=code, reason="transfer",
                              rows=1 + done.activity_notes + done.mandates
                              + done.rectifications,
                              reference_date=last_contact, actor=vault.worker, at=at)
        audit.append(s, actor=vault.worker, action="transfer.anonymise", entity="beneficiary",
                     ref=code, at=at, details={"fields": done.fields,
                                               "activity_notes": done.activity_notes,
                                               "mandates": done.mandates})
    vault_keys.truncate_wal(vault.engine)


def ids_of_codes(vault: Vault, codes: Iterable[str]) -> list[int]:
    """The ids of the files with these codes (for the command line). Refuses
    not_found. Reads only."""
    out = []
    with vault.reading() as s:
        for code in codes:
            row = life.find_file(s, code.strip().upper())
            if row is None or row.id is None:
                raise KnownError("not_found", "beneficiary")
            out.append(row.id)
    return out


def save_public_key(vault: Vault, path: str | os.PathLike[str], *,
                    replace: bool = False) -> Path:
    """Write this vault's public key (text, one line) for a colleague. Refuses what
    writing a file refuses. Journal: transfer.key_export with the fingerprint."""
    key = my_public_key(vault)
    written = destination.write_file(path, (key.text + "\n").encode("ascii"),
                                     data_dir=vault.paths.data_dir, replace=replace)
    with vault.transaction() as s:
        audit.append(s, actor=vault.worker, action="transfer.key_export", entity="vault",
                     details={"fingerprint": key.fingerprint})
    return written


def existing_public_key(vault: Vault) -> keys.PublicKey | None:
    """This vault's public key if it was made already (None otherwise). Reads only:
    for screens that show the key without making it."""
    with vault.reading() as s:
        if not keys.has_key_pair(s):
            return None
        return keys.key_pair(s).public
