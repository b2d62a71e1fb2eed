"""Keys and sealing of transfer bundles (a file passed on to a colleague's vault).

Each vault has two key pairs, made at first use and kept in the vault's `setting`
table (so inside the encrypted database, never in a file of their own):
- X25519, to receive: a bundle is encrypted for the recipient with an ephemeral
  X25519 exchange, HKDF-SHA256 and ChaCha20-Poly1305;
- Ed25519, to send: the sender signs the whole bundle (header and ciphertext).

The public part is exchanged as text (`accomp1:` + base64url of the two public keys)
and checked by voice or on paper as a short fingerprint.

A bundle is: MAGIC, a 4-byte header length, the header (JSON: id, dates, sender's
public keys, recipient's fingerprint, ephemeral key, nonce), the ciphertext, and a
64-byte Ed25519 signature of everything before it. The header is also the AEAD's
associated data. Every check refuses with a KnownError that names no value of the
bundle but the sender's fingerprint and the expiry date.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import secrets
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlmodel import Session

from accomp.domain.errors import KnownError
from accomp.store import settings

MAGIC = b"ACCOMPTX\x01"
_LEN = 4
_SIG = 64
_MAX_HEADER = 4096
_KEY_PREFIX = "accomp1:"
_X_SETTING = "transfer.x25519"
_ED_SETTING = "transfer.ed25519"
_INFO = b"accomp transfer bundle v1"


@dataclass(frozen=True, slots=True)
class PublicKey:
    """A vault's public keys: `x` (32 bytes, to encrypt for it), `ed` (32 bytes, to
    check what it signed)."""

    x: bytes
    ed: bytes

    @property
    def raw(self) -> bytes:
        return self.x + self.ed

    @property
    def fingerprint(self) -> str:
        """16 letters and digits in four groups (80 bits), read aloud to compare."""
        digest = hashlib.sha256(b"accomp key fingerprint" + self.raw).digest()[:10]
        text = base64.b32encode(digest).decode("ascii")
        return "-".join(text[i:i + 4] for i in range(0, 16, 4))

    @property
    def text(self) -> str:
        return _KEY_PREFIX + base64.urlsafe_b64encode(self.raw).decode("ascii").rstrip("=")

    @classmethod
    def parse(cls, text: str) -> PublicKey:
        """The key written by `text`. Refuses transfer_bad_key."""
        value = "".join(text.split())
        if not value.startswith(_KEY_PREFIX):
            raise KnownError("transfer_bad_key")
        body = value[len(_KEY_PREFIX):]
        try:
            raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        except ValueError:
            raise KnownError("transfer_bad_key") from None
        if len(raw) != 64:
            raise KnownError("transfer_bad_key")
        try:  # both must be points the libraries accept
            X25519PublicKey.from_public_bytes(raw[:32])
            Ed25519PublicKey.from_public_bytes(raw[32:])
        except ValueError:
            raise KnownError("transfer_bad_key") from None
        return cls(raw[:32], raw[32:])


@dataclass(frozen=True, slots=True)
class KeyPair:
    """A vault's private keys. Never written anywhere but the vault."""

    x: X25519PrivateKey
    ed: Ed25519PrivateKey

    @property
    def public(self) -> PublicKey:
        return PublicKey(_raw_public(self.x), _raw_public(self.ed))


def _raw_public(key: X25519PrivateKey | Ed25519PrivateKey) -> bytes:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def _raw_private(key: X25519PrivateKey | Ed25519PrivateKey) -> bytes:
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
    )

    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def key_pair(session: Session) -> KeyPair:
    """This vault's key pair, made and stored (in the caller's transaction) at the
    first call."""
    x_hex, ed_hex = settings.get(session, _X_SETTING), settings.get(session, _ED_SETTING)
    if x_hex is None or ed_hex is None:
        x, ed = X25519PrivateKey.generate(), Ed25519PrivateKey.generate()
        settings.put(session, _X_SETTING, _raw_private(x).hex())
        settings.put(session, _ED_SETTING, _raw_private(ed).hex())
        return KeyPair(x, ed)
    return KeyPair(X25519PrivateKey.from_private_bytes(bytes.fromhex(x_hex)),
                   Ed25519PrivateKey.from_private_bytes(bytes.fromhex(ed_hex)))


def has_key_pair(session: Session) -> bool:
    return settings.get(session, _X_SETTING) is not None


# --- bundles ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Opened:
    """A bundle whose signature, recipient and date were checked, decrypted."""

    bundle_id: str
    created_at: dt.datetime
    expires_at: dt.datetime
    sender: PublicKey
    digest: str  # SHA-256 of the whole bundle, for both journals
    plaintext: bytes


def bundle_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _stamp(at: dt.datetime) -> str:
    return at.astimezone(dt.UTC).replace(microsecond=0).isoformat()


def _aead_key(shared: bytes, ephemeral: bytes, recipient: PublicKey) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral + recipient.x,
                info=_INFO + recipient.raw).derive(shared)


def seal(
    plaintext: bytes, *, sender: KeyPair, recipient: PublicKey, created_at: dt.datetime,
    expires_at: dt.datetime,
) -> tuple[bytes, str]:
    """A bundle of `plaintext` that only `recipient` can open, signed by `sender`,
    and its random id."""
    bundle_id = secrets.token_hex(16)
    ephemeral = X25519PrivateKey.generate()
    eph_pub = _raw_public(ephemeral)
    nonce = os.urandom(12)
    header = json.dumps({
        "id": bundle_id,
        "created_at": _stamp(created_at),
        "expires_at": _stamp(expires_at),
        "sender": sender.public.text,
        "recipient": recipient.fingerprint,
        "ephemeral": base64.b64encode(eph_pub).decode("ascii"),
        "nonce": base64.b64encode(nonce).decode("ascii"),
    }, sort_keys=True, separators=(",", ":")).encode("ascii")
    head = MAGIC + len(header).to_bytes(_LEN, "big") + header
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient.x))
    cipher = ChaCha20Poly1305(_aead_key(shared, eph_pub, recipient))
    body = head + cipher.encrypt(nonce, plaintext, head)
    return body + sender.ed.sign(body), bundle_id


def open_bundle(data: bytes, *, recipient: KeyPair, now: dt.datetime) -> Opened:
    """Check and decrypt a bundle. Refuses transfer_damaged (not a bundle, cut short,
    any byte changed: the signature covers everything), transfer_not_for_us (made
    for another vault), transfer_expired (at or after its expiry)."""
    header, head, body = _split(data)
    try:
        sender = PublicKey.parse(str(header["sender"]))
        Ed25519PublicKey.from_public_bytes(sender.ed).verify(data[-_SIG:], body)
    except (KnownError, InvalidSignature, KeyError):
        raise KnownError("transfer_damaged") from None
    mine = recipient.public
    if header.get("recipient") != mine.fingerprint:
        raise KnownError("transfer_not_for_us")
    try:
        created = dt.datetime.fromisoformat(str(header["created_at"]))
        expires = dt.datetime.fromisoformat(str(header["expires_at"]))
        eph_pub = base64.b64decode(str(header["ephemeral"]), validate=True)
        nonce = base64.b64decode(str(header["nonce"]), validate=True)
        shared = recipient.x.exchange(X25519PublicKey.from_public_bytes(eph_pub))
        if expires.tzinfo is None or len(nonce) != 12:
            raise ValueError("bad header")
    except (KeyError, ValueError):
        raise KnownError("transfer_damaged") from None
    if now >= expires:
        raise KnownError("transfer_expired", date=expires.date().isoformat())
    cipher = ChaCha20Poly1305(_aead_key(shared, eph_pub, mine))
    try:
        plaintext = cipher.decrypt(nonce, body[len(head):], head)
    except InvalidTag:
        raise KnownError("transfer_damaged") from None
    return Opened(str(header["id"]), created, expires, sender, bundle_digest(data), plaintext)


def _split(data: bytes) -> tuple[dict[str, object], bytes, bytes]:
    """(header, MAGIC..header, everything but the signature). Refuses
    transfer_damaged."""
    start = len(MAGIC) + _LEN
    if len(data) < start + _SIG or not data.startswith(MAGIC):
        raise KnownError("transfer_damaged")
    size = int.from_bytes(data[len(MAGIC):start], "big")
    if size > _MAX_HEADER or len(data) < start + size + 16 + _SIG:
        raise KnownError("transfer_damaged")
    head = data[:start + size]
    try:
        header = json.loads(data[start:start + size].decode("ascii"))
    except ValueError:
        raise KnownError("transfer_damaged") from None
    if not isinstance(header, dict):
        raise KnownError("transfer_damaged")
    return header, head, data[:-_SIG]
