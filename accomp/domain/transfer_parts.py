"""What a transfer bundle may carry and for how long: the words the command line
and the screens need before anything is sent (no validation library here, so that
starting the program does not load one)."""

from __future__ import annotations

from enum import StrEnum

DEFAULT_VALIDITY_DAYS = 14
MAX_VALIDITY_DAYS = 90


class Part(StrEnum):
    """What the sender chooses to pass on. The code and the statistical attributes
    (age band, gender, status, commune) always go."""

    IDENTITY = "identity"  # names, contact, birth year, legal basis
    SESSIONS = "sessions"  # the person's individual sessions
    CONSENTS = "consents"  # consents and mandates history
    NOTES = "notes"  # the file's and the sessions' notes: only with the notes consent


ALL_PARTS = frozenset(Part)
