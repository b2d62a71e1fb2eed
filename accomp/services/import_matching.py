"""The pre-check's look at the vault: which named people already have a file (the
duplicate detector of services.duplicates), and which sessions are already logged.
Reads only."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import Any

from accomp.services.duplicates import DuplicateCandidate, find_duplicates
from accomp.services.import_plan import Precheck
from accomp.store import imports
from accomp.store.vault import Vault


def match_people(vault: Vault, plan: Precheck) -> None:
    """Link each named person to an existing file when it is surely theirs: the
    file's code, else the duplicate detector with the same phone or e-mail, or the
    very same name (accents and case aside) on one file only, birth years not
    contradicting. A close name (Dupond for Dupont) or a name several files share is
    only a possible match (`maybe_id`): the person gets a file of their own, which
    the worker may merge after the import."""
    codes = {p.data.code for p in plan.people if p.data.code}
    with vault.reading() as s:
        by_code = imports.ids_of_codes(s, sorted(codes))
    for person in plan.people:
        d = person.data
        if d.code:
            if d.code in by_code:
                person.match_id, person.match_code = by_code[d.code], d.code
                person.reasons = ("code",)
            continue
        if not d.has_identity():
            continue
        found = find_duplicates(vault, first_name=d.first_name, last_name=d.last_name,
                                phone=d.phone, email=d.email, birth_year=d.birth_year,
                                limit=2)
        if not found:
            continue
        best = found[0]
        if _sure(best, found[1:]):
            person.match_id, person.match_code = best.id, best.code
        else:
            person.maybe_id, person.maybe_code = best.id, best.code
        person.reasons = best.reasons
    plan.anonymous_for_consent = sum(
        len(p.lines) for p in plan.people if p.match_id is None and not p.identified)


def _sure(best: DuplicateCandidate, others: Sequence[DuplicateCandidate]) -> bool:
    """The same phone or e-mail, or the same name on this file alone."""
    if "phone" in best.reasons or "email" in best.reasons:
        return True
    return best.score >= 1.0 and not any(o.score >= 1.0 for o in others)


def find_existing(vault: Vault, plan: Precheck) -> None:
    """Sessions already in the vault: same person (or no person), date and themes
    (and duration for anonymous ones); as many as the vault holds are marked. A
    possible match's session logged on that file counts too."""
    if not plan.ready:
        return
    days = [a.date for _, a in plan.ready]
    with vault.reading() as s:
        stored = imports.existing_session_keys(s, min(days), max(days))
    have: Counter[tuple[Any, ...]] = Counter()
    for bid, day, themes, minutes in stored:
        have[_session_key(bid, day, themes, minutes)] += 1
    match_of = {p.key: p.match_id for p in plan.people}
    maybe_of = {p.key: p.maybe_id for p in plan.people if p.maybe_id is not None}
    kept: list[tuple[int, Any]] = []
    for line, a in plan.ready:
        person = plan.person_of_line.get(line, "")
        bid = match_of.get(person)
        key = _session_key(bid, a.date, a.themes, a.duration_min)
        if bid is None and person in maybe_of:
            # a possible match's session already on that file: the file was merged
            # after an earlier import of the same rows
            on_file = _session_key(maybe_of[person], a.date, a.themes, a.duration_min)
            key = on_file if have[on_file] > 0 else key
        if have[key] > 0:
            have[key] -= 1
            plan.existing.append(line)
        else:
            kept.append((line, a))
    plan.ready = kept


def _session_key(bid: int | None, day: dt.date, themes: Sequence[str],
                 minutes: int) -> tuple[Any, ...]:
    return (bid, day, tuple(sorted(themes))) if bid is not None else (
        None, day, tuple(sorted(themes)), minutes)
