"""Settings of the application itself (not of the vault): the interface language and
the idle-lock delay. They are needed before the vault is unlocked (the unlock screen
speaks the chosen language), so they live outside it.

A small JSON file in the data folder (`settings.json`, AppPaths.settings), 0600,
written atomically. Nothing personal is in it: a language code and a number of
minutes. A value that is missing, unknown or out of range is read as its default,
so a damaged or hand-edited file costs the defaults, never the start-up.

Settings of the vault (how many backups are kept, retention periods) are kept in the
vault and changed through their services (accomp.services.lifecycle), with a trace in
the journal.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass

from accomp.domain.errors import KnownError, Lang
from accomp.paths import AppPaths, write_private_atomic
from accomp.ui.i18n import DEFAULT_LANG, LANGS
from accomp.ui.idle import DEFAULT_MINUTES, MAX_MINUTES, MIN_MINUTES

log = logging.getLogger("accomp.ui.app_settings")

VERSION = 1


@dataclass(frozen=True, slots=True)
class AppSettings:
    language: Lang = DEFAULT_LANG
    idle_minutes: int = DEFAULT_MINUTES


def _language(value: object) -> Lang:
    for lang in LANGS:
        if value == lang:
            return lang
    return DEFAULT_LANG


def _minutes(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and (
        MIN_MINUTES <= value <= MAX_MINUTES
    ):
        return value
    return DEFAULT_MINUTES


def load_settings(paths: AppPaths) -> AppSettings:
    """The saved settings; the defaults for anything missing, unreadable or odd."""
    try:
        raw = json.loads(paths.settings.read_text("utf-8"))
    except FileNotFoundError:
        return AppSettings()
    except (OSError, ValueError):
        log.info("settings unreadable: defaults used")
        return AppSettings()
    if not isinstance(raw, dict):
        return AppSettings()
    return AppSettings(
        language=_language(raw.get("language")),
        idle_minutes=_minutes(raw.get("idle_minutes")),
    )


def chooser_settings(root: AppPaths) -> AppSettings:
    """The settings of the start screen that lists the profiles of `root` (the
    user's data folder): the most recently saved of its own and its profiles'. A
    worker who switches to English in their profile finds the list in English at
    the next start, and so does the vault moved into a first profile with its
    settings; nothing is written for it."""
    candidates = [root.settings] + [root.profiles_dir / name / root.settings.name
                                     for name in root.profile_names()]
    newest: tuple[int, AppPaths] | None = None
    for path in candidates:
        try:
            stamp = path.stat().st_mtime_ns
        except OSError:
            continue
        if newest is None or stamp > newest[0]:
            newest = (stamp, AppPaths(path.parent))
    return load_settings(newest[1]) if newest is not None else AppSettings()


def save_settings(paths: AppPaths, settings: AppSettings) -> None:
    """Write the settings (0600, atomically). Refuses folder_unwritable when the
    data folder cannot be written (the reason is the error's kind, never a path)."""
    data = {"version": VERSION, **asdict(settings)}
    payload = (json.dumps(data, indent=2, sort_keys=True) + "\n").encode("utf-8")
    try:
        write_private_atomic(paths.settings, payload)
    except OSError as exc:
        raise KnownError("folder_unwritable", reason=type(exc).__name__) from None
