"""The worker's habits, remembered between sessions: the usual place and duration of
a session, offered as the defaults of a new activity.

A small JSON file beside the vault (`preferences.json`, 0600, written atomically). It
holds reference-list keys and a number of minutes, nothing about anyone: it is not
encrypted because there is nothing personal in it, and a value that is not a known
key or a sensible duration is dropped when read, so a damaged or hand-edited file can
only cost the defaults.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from pathlib import Path

from accomp.domain.vocab import vocabulary
from accomp.paths import write_private_atomic

log = logging.getLogger("accomp.ui.prefs")

FILE_NAME = "preferences.json"
MAX_DURATION_MIN = 720


@dataclass(frozen=True, slots=True)
class Preferences:
    place_type: str | None = None
    duration_min: int | None = None


def prefs_path(data_dir: Path) -> Path:
    return data_dir / FILE_NAME


def load_prefs(data_dir: Path) -> Preferences:
    """The remembered habits; defaults when the file is missing, unreadable or odd."""
    try:
        raw = json.loads(prefs_path(data_dir).read_text("utf-8"))
    except FileNotFoundError:
        return Preferences()
    except (OSError, ValueError):
        log.info("preferences unreadable: defaults used")
        return Preferences()
    if not isinstance(raw, dict):
        return Preferences()
    place = raw.get("place_type")
    minutes = raw.get("duration_min")
    return Preferences(
        place_type=place if place in vocabulary().keys("place_types") else None,
        duration_min=(
            minutes if isinstance(minutes, int) and not isinstance(minutes, bool)
            and 0 < minutes <= MAX_DURATION_MIN else None
        ),
    )


def save_prefs(data_dir: Path, prefs: Preferences) -> None:
    """Write the habits (never raises: losing them only costs a default)."""
    try:
        write_private_atomic(
            prefs_path(data_dir), json.dumps(asdict(prefs), indent=1).encode("utf-8")
        )
    except OSError:
        log.info("preferences not saved")


def remember(data_dir: Path, *, place_type: str, duration_min: int) -> None:
    """Note the place and duration of the session just logged as the usual ones."""
    if load_prefs(data_dir) != Preferences(place_type, duration_min):
        save_prefs(data_dir, Preferences(place_type, duration_min))
