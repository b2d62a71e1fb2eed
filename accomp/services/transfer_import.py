"""Receiving a transfer bundle: preview (who sent it, until when, which files and
which of our files may be the same person), then import in one transaction.

A bundle is read from outside: its signature, recipient, date and content are all
checked before anything is shown, and a bundle is imported once (its id is kept).
A sender not among this vault's contacts is flagged; importing from one needs the
worker's explicit `trust_sender` after checking the fingerprint with the colleague.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from accomp.domain import consent as rules
from accomp.domain import transfer as fmt
from accomp.domain.clock import instant
from accomp.domain.errors import KnownError
from accomp.services import duplicates
from accomp.store import audit, consents, transfers
from accomp.store import transfer_keys as keys
from accomp.store.vault import Vault

MAX_BUNDLE_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class IncomingFile:
    """One file of a bundle as the preview shows it. `name` is shown on screen only
    (never logged); `matches` are codes of this vault's files that may be the same
    person (the duplicate detector)."""

    code: str
    name: str
    parts: tuple[str, ...]
    sessions: int
    consent_events: int
    mandates: int
    has_notes: bool
    matches: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Preview:
    bundle_id: str
    digest: str
    sender_fingerprint: str
    sender_contact: str | None  # the contact's name here; None: unknown sender
    sender_name: str  # as the sending vault calls its worker
    created_at: dt.datetime
    expires_at: dt.datetime
    already_imported: bool
    files: tuple[IncomingFile, ...]

    @property
    def sender_known(self) -> bool:
        return self.sender_contact is not None


def read_bundle(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a bundle file. Refuses transfer_damaged (too large, or not a
    regular file) and file_unreadable."""
    p = Path(path)
    try:
        if not p.is_file() or p.stat().st_size > MAX_BUNDLE_BYTES:
            raise KnownError("transfer_damaged")
        return p.read_bytes()
    except OSError:
        raise KnownError("transfer_damaged") from None


def _open(vault: Vault, data: bytes, at: dt.datetime) -> tuple[keys.Opened, fmt.Payload]:
    with vault.transaction() as s:
        mine = keys.key_pair(s)
    opened = keys.open_bundle(data, recipient=mine, now=at)
    try:
        payload = fmt.decode_payload(opened.plaintext)
        _check_terms(payload)
    except fmt.PayloadError:
        raise KnownError("transfer_damaged") from None
    return opened, payload


def _check_terms(payload: fmt.Payload) -> None:
    """Values the rules read must be ones they know (a signed bundle comes from a
    colleague's vault, but perhaps from a newer program)."""
    try:
        for f in payload.files:
            if f.legal_basis is not None:
                rules.LegalBasis(f.legal_basis)
            for e in f.consents:
                rules.Purpose(e.purpose)
                rules.EventKind(e.kind)
            for m in f.mandates:
                rules.MandateDuration(m.duration)
                for sc in m.scopes:
                    rules.Scope(sc.scope)
    except ValueError:
        raise fmt.PayloadError("unknown term") from None


def preview_bundle(vault: Vault, data: bytes, *, now: dt.datetime | None = None) -> Preview:
    """Check and decrypt a bundle and describe it, without writing any file.
    Refuses transfer_damaged, transfer_not_for_us, transfer_expired. Reads only
    (but makes this vault's key pair if it had none)."""
    at = instant(None, now)
    opened, payload = _open(vault, data, at)
    fp = opened.sender.fingerprint
    with vault.reading() as s:
        contact = transfers.contact(s, fp)
        known = contact is not None and contact.public_key == opened.sender.text
        replay = transfers.was_received(s, opened.bundle_id)
    files = tuple(
        IncomingFile(
            code=f.code, name=" ".join(x for x in (f.first_name, f.last_name) if x),
            parts=tuple(f.parts), sessions=len(f.sessions), consent_events=len(f.consents),
            mandates=len(f.mandates),
            has_notes=bool(f.notes) or any(x.notes for x in f.sessions),
            matches=tuple(c.code for c in duplicates.find_duplicates(
                vault, first_name=f.first_name, last_name=f.last_name, phone=f.phone,
                email=f.email, birth_year=f.birth_year)),
        )
        for f in payload.files
    )
    return Preview(opened.bundle_id, opened.digest, fp,
                   contact.name if known and contact else None, payload.sender_name,
                   opened.created_at, opened.expires_at, replay, files)


@dataclass(frozen=True, slots=True)
class Imported:
    digest: str
    codes: dict[str, str]  # sender's code -> the new code here


def import_bundle(
    vault: Vault, data: bytes, *, trust_sender: bool = False, skip: frozenset[str] = frozenset(),
    now: dt.datetime | None = None,
) -> Imported:
    """Import every file of a bundle (but the sender codes in `skip`: files the
    worker found they already hold) as new files, with their consent history,
    mandates and sessions, in one transaction. Refuses transfer_damaged,
    transfer_not_for_us, transfer_expired, transfer_replayed (imported before),
    transfer_unknown_sender (unless `trust_sender`). Journal: transfer.import with
    the bundle's hash and id, the sender's fingerprint and the codes (sender's and
    new)."""
    at = instant(None, now)
    opened, payload = _open(vault, data, at)
    fp = opened.sender.fingerprint
    codes: dict[str, str] = {}
    with vault.transaction() as s:
        contact = transfers.contact(s, fp)
        known = contact is not None and contact.public_key == opened.sender.text
        if not known and not trust_sender:
            raise KnownError("transfer_unknown_sender", fingerprint=fp)
        if transfers.was_received(s, opened.bundle_id):
            raise KnownError("transfer_replayed")
        for f in payload.files:
            if f.code not in skip:
                codes[f.code] = transfers.insert_file(s, f, consents.utc(at)).code
        transfers.record_bundle(s, bundle_id=opened.bundle_id, direction="received",
                                digest=opened.digest, peer=fp, at=at,
                                codes=list(codes.values()))
        audit.append(s, actor=vault.worker, action="transfer.import", entity="vault", at=at,
                     details={"bundle": opened.digest, "bundle_id": opened.bundle_id,
                              "sender": fp, "known_sender": known,
                              "beneficiaries": list(codes.values()), "origin": list(codes),
                              "skipped": sorted(skip & {f.code for f in payload.files})})
    return Imported(opened.digest, codes)
