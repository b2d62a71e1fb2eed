"""What a transfer bundle carries once decrypted: a person's file passed on to a
colleague's vault (worker to worker, offline).

Pure: the shapes and their validation, the parts a sender may choose, the refusal
texts. The cryptography is the store's (store/transfer_keys.py); reading a bundle
never touches the vault, and the services apply a validated payload in one
transaction. Everything read here comes from outside: unknown fields, wrong types
and oversized texts are refused as a damaged bundle.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from accomp.domain.transfer_parts import MAX_VALIDITY_DAYS, Part

FORMAT = 1
Text = Annotated[str, Field(max_length=200)]
LongText = Annotated[str, Field(max_length=20_000)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EventPart(_Strict):
    purpose: Text
    kind: Text
    method: Text | None = None
    notice_version: Text | None = None
    notice_hash: Text | None = None
    recorded_by: Text
    at: dt.datetime
    valid_until: dt.date | None = None


class ScopePart(_Strict):
    scope: Text
    revoked_at: dt.datetime | None = None


class MandatePart(_Strict):
    starts_on: dt.date
    ends_on: dt.date
    duration: Text
    created_at: dt.datetime
    revoked_at: dt.datetime | None = None
    scopes: tuple[ScopePart, ...] = ()


class SessionPart(_Strict):
    date: dt.date
    duration_min: int = Field(ge=0, le=24 * 60)
    place_type: Text
    commune_name: Text | None = None
    commune_postal_code: Text | None = None
    commune_insee: Text | None = None
    themes: tuple[Text, ...] = ()
    admin_themes: tuple[Text, ...] = ()
    equipment: tuple[Text, ...] = ()
    autonomy: Text | None = None
    referred: bool = False
    referral_target: Text | None = None
    referral_shares_data: bool = False
    under_mandate_scope: Text | None = None
    completion: Text | None = None
    procedure_details: LongText | None = None
    notes: LongText | None = None


class FilePart(_Strict):
    """One person's file. `code` is the sender's pseudonymous code (the recipient's
    vault gives its own); identity fields are None unless IDENTITY was chosen."""

    code: Text
    parts: tuple[Part, ...]
    first_name: Text | None = None
    last_name: Text | None = None
    phone: Text | None = None
    email: Text | None = None
    birth_year: int | None = None
    notes: LongText | None = None
    commune_name: Text | None = None
    commune_postal_code: Text | None = None
    commune_insee: Text | None = None
    gender: Text = "NonCommunique"
    age_band: Text = "NonCommunique"
    social_status: Text = "NonCommunique"
    legal_basis: Text | None = None
    informed_on: dt.date | None = None
    notice_version: Text | None = None
    notice_hash: Text | None = None
    consents: tuple[EventPart, ...] = ()
    mandates: tuple[MandatePart, ...] = ()
    sessions: tuple[SessionPart, ...] = ()


class Payload(_Strict):
    """The decrypted content of a bundle."""

    format: int = FORMAT
    sender_name: Text
    created_at: dt.datetime
    files: tuple[FilePart, ...] = Field(max_length=10_000)


class PayloadError(ValueError):
    """The decrypted content is not a payload this version understands."""


def encode_payload(payload: Payload) -> bytes:
    return payload.model_dump_json().encode("utf-8")


def decode_payload(data: bytes) -> Payload:
    """The payload in `data`; PayloadError (never the offending values) otherwise."""
    try:
        payload = Payload.model_validate_json(data)
    except ValidationError:
        raise PayloadError("not a transfer payload") from None
    if payload.format != FORMAT:
        raise PayloadError("unknown payload format")
    return payload


def expiry(created_at: dt.datetime, days: int) -> dt.datetime:
    """When a bundle made at `created_at` valid `days` days stops being accepted.
    ValueError outside 1..MAX_VALIDITY_DAYS (the service checks first)."""
    if not 1 <= days <= MAX_VALIDITY_DAYS:
        raise ValueError("validity out of bounds")
    return created_at + dt.timedelta(days=days)


TRANSFER_MESSAGES: dict[str, tuple[str, str]] = {
    "transfer_not_allowed": (
        "Le dossier {file_code} ne peut pas être transmis : le consentement au partage "
        "n'est pas en vigueur et la base légale ne le permet pas.",
        "File {file_code} cannot be passed on: the consent to sharing is not in force and "
        "the legal basis does not allow it.",
    ),
    "transfer_nothing": (
        "Aucun dossier ne peut être transmis.",
        "No file can be passed on.",
    ),
    "transfer_damaged": (
        "Ce fichier de transmission est endommagé ou a été modifié : il est refusé.",
        "This transfer file is damaged or was altered: it is refused.",
    ),
    "transfer_not_for_us": (
        "Ce fichier de transmission a été préparé pour un autre coffre : il ne peut "
        "pas être ouvert ici.",
        "This transfer file was prepared for another vault: it cannot be opened here.",
    ),
    "transfer_expired": (
        "Ce fichier de transmission a expiré le {date} : demandez un nouvel envoi.",
        "This transfer file expired on {date}: ask for a new one.",
    ),
    "transfer_replayed": (
        "Ce fichier de transmission a déjà été importé dans ce coffre.",
        "This transfer file has already been imported into this vault.",
    ),
    "transfer_unknown_sender": (
        "L'expéditeur (empreinte {fingerprint}) n'est pas dans vos correspondants : "
        "vérifiez son empreinte avec lui avant d'importer.",
        "The sender (fingerprint {fingerprint}) is not among your contacts: check the "
        "fingerprint with them before importing.",
    ),
    "transfer_bad_key": (
        "Cette clé publique n'est pas valide.",
        "This public key is not valid.",
    ),
    "transfer_own_key": (
        "C'est la clé de ce coffre : indiquez celle de votre collègue.",
        "This is this vault's own key: give your colleague's.",
    ),
    "transfer_bad_validity": (
        "La durée de validité doit être comprise entre 1 et {max} jours.",
        "The validity must be between 1 and {max} days.",
    ),
    "transfer_not_transferred": (
        "Le dossier {file_code} n'a pas été transmis : il ne peut pas être anonymisé à ce titre.",
        "File {file_code} was not passed on: it cannot be anonymised on that ground.",
    ),
}

TRANSFER_FIELDS: dict[str, tuple[str, str]] = {
    "contact_name": ("Nom du ou de la collègue", "Colleague's name"),
    "recipient": ("destinataire", "recipient"),
}

# The partner directory and referral slips (services/partners.py, services/slips.py).
TRANSFER_MESSAGES.update({
    "partner_in_use": (
        "Des séances sont orientées vers ce partenaire : il ne peut pas être supprimé.",
        "Sessions are referred to this partner: it cannot be deleted.",
    ),
    "partner_csv_invalid": (
        "Ce fichier n'est pas un annuaire de partenaires lisible (ligne {line}).",
        "This file is not a readable partner directory (line {line}).",
    ),
    "referral_needed": (
        "Cette séance n'a pas d'orientation : indiquez-la d'abord.",
        "This session has no referral: record it first.",
    ),
    "slip_identity_refused": (
        "Le consentement au partage n'est pas en vigueur : la fiche ne porte que le code "
        "du dossier.",
        "The consent to sharing is not in force: the slip carries the file code only.",
    ),
})
TRANSFER_FIELDS.update({
    "partner_name": ("Nom du partenaire", "Partner name"),
    "partner_typology": ("Type de structure", "Type of organisation"),
    "partner_address": ("Adresse", "Address"),
    "partner_hours": ("Horaires", "Opening hours"),
    "partner_phone": ("Téléphone", "Phone"),
    "partner_themes": ("Thèmes traités", "Themes handled"),
    "partner_contact": ("Personne à contacter", "Contact person"),
    "partner_notes": ("Notes", "Notes"),
    "partner": ("partenaire", "partner"),
    "parts": ("Ce qui est transmis", "What goes"),
})
