"""The skills passport (passeport numérique): at a session, the worker notes which
DigComp competences the person practised and the level they reached (observed, not
tested); the person's file shows them over time; the dashboard counts the people
who moved up a level this quarter, protected like every summary count.

Observations are personal data: kept in the vault only, shown to the person
(their printed passport), deleted with the file at anonymisation, never in an
activity export or a summary (only the protected count of people who moved up
leaves the dashboard).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from accomp.domain import competences as dc
from accomp.domain.errors import KnownError
from accomp.privacy.cellkey import protect_count
from accomp.privacy.suppression import DEFAULT_K
from accomp.services.exports import record_keys
from accomp.store import audit
from accomp.store import skills as q
from accomp.store.vault import Vault

INDIVIDUAL = "Individuel"


def parse(text: str) -> list[tuple[str, int]]:
    """What the worker typed ("1.1:3 4.2:2") as (competence, level) pairs.
    Refuses not_in_list (competence) and out_of_range (competence_level)."""
    try:
        return dc.parse_entries(text)
    except ValueError as exc:
        field = str(exc)
        raise KnownError("not_in_list" if field == "competence" else "out_of_range",
                         field, min=1, max=8) from None


def session_competences(vault: Vault, activity_id: int) -> list[tuple[str, int]]:
    """The competences noted at a session, by key. Writes nothing."""
    with vault.reading() as s:
        return q.of_activity(s, activity_id)


def note_competences(vault: Vault, activity_id: int, entries: Sequence[tuple[str, int]], *,
                     now: dt.datetime | None = None) -> None:
    """Replace the competences noted at a session (an empty list clears them), with
    the session's person and date as they are now (after an edit of the session).
    Only an individual session with a person's file can carry them.

    Refuses not_found (activity), skills_need_person (anonymous session or workshop),
    not_in_list (competence), out_of_range (competence_level).
    Journal: activity.skills with the session id, the file code and the competence keys,
    when they change."""
    wanted = sorted(dict(entries).items())
    for key, level in wanted:
        if not dc.is_competence(key):
            raise KnownError("not_in_list", "competence")
        if not dc.is_level(level):
            raise KnownError("out_of_range", "competence_level", min=1, max=8)
    with vault.transaction() as s:
        found = q.activity_person(s, activity_id)
        if found is None:
            raise KnownError("not_found", "activity")
        kind, bid, day = found
        stored = q.stored_for_activity(s, activity_id)
        if stored == [(key, level, bid, day) for key, level in wanted]:
            return  # unchanged (same person and day too: an edited session follows)
        if wanted and (kind != INDIVIDUAL or bid is None):
            raise KnownError("skills_need_person", "competence")
        q.replace_for_activity(s, activity_id, bid, day, wanted)
        audit.append(s, actor=vault.worker, action="activity.skills", entity="activity",
                     ref=str(activity_id),
                     details={"beneficiaries": [q.code_of(s, bid)] if bid else [],
                              "competences": [k for k, _ in wanted]}, at=now)


def history(vault: Vault, beneficiary_id: int) -> list[dc.Observation]:
    """A person's observations, oldest first. Writes nothing."""
    with vault.reading() as s:
        return [dc.Observation(c, n, d) for c, n, d in q.of_person(s, beneficiary_id)]


@dataclass(frozen=True, slots=True)
class QuarterProgress:
    start: dt.date
    end: dt.date
    moved_up: int
    """Published count (cell-key protected: 0, or k and above)."""


def quarter_progress(vault: Vault, today: dt.date, *, k: int = DEFAULT_K,
                     tag: int | None = None) -> QuarterProgress:
    """How many people moved up a level in some competence this quarter (up to
    `today`), as a summary would publish it: the true count goes through the
    cell-key perturbation with the people's keys (privacy.cellkey), so 1..k−1 is
    never shown. With `tag`, only what was observed at sessions in that tag.
    Refuses vault_read_only when the record keys must be made on a
    read-only vault. Journal: structure_secret.create the first time only."""
    start, _ = dc.quarter_of(today)
    keys = record_keys(vault)
    with vault.reading() as s:
        rows = q.everyone_until(s, today, tag)
    by_person: dict[str, list[dc.Observation]] = {}
    for code, competence, level, day in rows:
        by_person.setdefault(code, []).append(dc.Observation(competence, level, day))
    moved = [code for code, obs in by_person.items() if dc.moved_up(obs, start, today)]
    key_sum = sum(keys.person(code) for code in moved)
    return QuarterProgress(start, today, protect_count(len(moved), key_sum, k))
