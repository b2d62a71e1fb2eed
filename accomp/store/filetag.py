"""The key that authenticates anonymised activity files.

Every worker of a structure shares the structure secret (services.exports); the
tag key is derived from it with a domain of its own, so a tag reveals nothing of
the pseudonym keys and a file keyed by another structure's secret cannot carry a
valid tag for this one. The tag itself is computed by reports.activity_tag.
"""

from __future__ import annotations

import hashlib
import hmac

_TAG_DOMAIN = b"accomp/activity-file-tag/v1\x00"


def activity_file_key(structure_secret: bytes) -> bytes:
    """32-byte HMAC key of the structure's activity-file tags."""
    if len(structure_secret) < 16:
        raise ValueError("a structure secret has at least 16 bytes")
    return hmac.new(structure_secret, _TAG_DOMAIN, hashlib.sha256).digest()
