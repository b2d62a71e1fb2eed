"""Keyed pseudonyms that let a supervisor count people, not name them.

A structure often has several workers, each with an encrypted logbook of their own.
To report "how many distinct people did we support this year", a supervisor must
recognise the same person across those files without ever learning who they are.
Each worker gives the people they follow a pseudonymous code; exporting that code
as such would let anyone who holds one logbook re-identify rows of another, and a
plain hash of it can be reversed by hashing every plausible code. A keyed hash
(HMAC) with a secret shared only inside the structure gives a stable key per person
that is useless outside that structure, and a new secret makes all old keys
unlinkable to new ones.
"""

from __future__ import annotations

import hashlib
import hmac
import unicodedata

MIN_SECRET_BYTES = 16
"""A secret shorter than 128 bits could be guessed, and with it every key reversed."""

KEY_BYTES = 16
"""128 bits keep collisions out of reach for any structure while staying short
enough to read in a spreadsheet (32 hexadecimal characters)."""

_DOMAIN = b"accomp/beneficiary-key/v1\x00"
# Separating this use of the secret from any other use (and versioning it) means a
# future key derived from the same secret can never collide with these keys.


def beneficiary_key(secret: bytes, code: str) -> str:
    """Return the structure-wide pseudonymous key of one beneficiary code.

    Two workers of the same structure who enter the same code (whatever its
    Unicode normalisation or surrounding spaces, which a worker cannot see) get the
    same key, so the supervisor's count of distinct keys is a count of people.
    Without the structure's secret, a key cannot be traced back to a code.

    Refuses (ValueError) a secret shorter than MIN_SECRET_BYTES, and an empty code:
    keying "nobody" would silently merge every person without a code into one.
    """
    if len(secret) < MIN_SECRET_BYTES:
        raise ValueError(f"the structure secret must be at least {MIN_SECRET_BYTES} bytes long")
    normalised = unicodedata.normalize("NFC", code).strip()
    if not normalised:
        raise ValueError("a beneficiary code cannot be empty")
    digest = hmac.new(secret, _DOMAIN + normalised.encode("utf-8"), hashlib.sha256).digest()
    return digest[:KEY_BYTES].hex()
