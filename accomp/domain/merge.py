"""Merging two files of the same person: which value of each field is kept, and how
their consent histories combine. Pure rules (standard library and domain only).

Fields: the worker picks, for each group of fields, the file whose value is kept
(`FIELD_GROUPS`); by default the kept file's value, or the absorbed file's when the
kept file has none. A group moves as a whole (the legal basis with its information
date and notice, the commune with its codes), so a merged file never pairs one
file's legal basis with the other's information date.

Consents: each history is append-only proof and neither is rewritten. For each
purpose, the history whose state is the stricter at the merge instant becomes the
kept file's live history; the other stays, unchanged, under the absorbed file's code
(kept as an alias). Strictness, from the strictest:

    withdrawn > expired > valid (the earlier end first) > informed > none

- A withdrawal is the person's explicit "no": it beats everything, even a later
  grant recorded on the other file (the worker is told to ask again).
- An expired consent (lapsed, or marked expired) beats one in force: the person's
  agreement is no longer current on one file, so it is not taken as current.
- Between two consents in force, the one ending first wins (the shorter agreement).
- "Informed" and "none" are not decisions: the person was never asked (or has not
  answered) on that file. Any recorded decision beats them; otherwise merging with a
  blank duplicate would throw away every consent the person gave.

`merged_state` is that order applied at any instant; `consent_plan` picks the
histories and says what the worker must be told. From the merge instant on (with
no new event), the chosen history replays to exactly `merged_state`'s status and
end, which the property tests check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from accomp.domain.consent import ConsentEvent, ConsentState, ConsentStatus, Purpose, consent_state


class Side(StrEnum):
    """Which file a value, or a consent history, comes from."""

    KEPT = "kept"
    ABSORBED = "absorbed"


# group -> the columns it moves together (column names of a file).
FIELD_GROUPS: Mapping[str, tuple[str, ...]] = {
    "first_name": ("first_name",),
    "last_name": ("last_name",),
    "phone": ("phone",),
    "email": ("email",),
    "birth_year": ("birth_year",),
    "commune": ("commune_name", "commune_postal_code", "commune_insee"),
    "gender": ("gender",),
    "social_status": ("social_status",),
    "legal_basis": ("legal_basis", "informed_on", "notice_version", "notice_hash"),
    "notes": ("notes",),
}

# Values that mean "nothing recorded" for a field.
_EMPTY: frozenset[object] = frozenset({None, "", "NonCommunique"})


def is_empty(value: object) -> bool:
    return value in _EMPTY


def default_choices(
    kept: Mapping[str, object], absorbed: Mapping[str, object]
) -> dict[str, Side]:
    """The kept file's value for each group, unless it has none and the absorbed
    file has one (a group is empty when its first column is)."""
    out: dict[str, Side] = {}
    for group, columns in FIELD_GROUPS.items():
        first = columns[0]
        take = is_empty(kept.get(first)) and not is_empty(absorbed.get(first))
        out[group] = Side.ABSORBED if take else Side.KEPT
    return out


def merged_fields(
    kept: Mapping[str, object], absorbed: Mapping[str, object],
    choices: Mapping[str, Side] | None = None,
) -> dict[str, object]:
    """The columns of every group, each group from the file chosen for it (groups
    not in `choices` take `default_choices`). Raises ValueError for an unknown group
    (a bug: no screen offers one)."""
    picked = default_choices(kept, absorbed)
    for group, side in (choices or {}).items():
        if group not in FIELD_GROUPS:
            raise ValueError(f"unknown field group {group!r}")
        picked[group] = Side(side)
    out: dict[str, object] = {}
    for group, columns in FIELD_GROUPS.items():
        source = kept if picked[group] == Side.KEPT else absorbed
        for column in columns:
            out[column] = source.get(column)
    return out


def differing_groups(kept: Mapping[str, object], absorbed: Mapping[str, object]) -> list[str]:
    """Groups whose values differ between the two files (what the worker decides)."""
    return [g for g, cols in FIELD_GROUPS.items()
            if any(kept.get(c) != absorbed.get(c) for c in cols)]


# --- consents -------------------------------------------------------------------------

_RANK: Mapping[ConsentStatus, int] = {
    ConsentStatus.NONE: 0,
    ConsentStatus.INFORMED: 1,
    ConsentStatus.VALID: 2,
    ConsentStatus.EXPIRING: 2,
    ConsentStatus.EXPIRED: 3,
    ConsentStatus.WITHDRAWN: 4,
}
_FAR = dt.date.max


def strictness(state: ConsentState) -> tuple[int, int]:
    """A sort key: the greater, the stricter. Two consents in force compare by end
    (the earlier end is stricter)."""
    rank = _RANK[state.status]
    if rank == _RANK[ConsentStatus.VALID]:
        end = state.valid_until or _FAR
        return rank, -end.toordinal()
    return rank, 0


def stricter(kept: ConsentState, absorbed: ConsentState) -> Side:
    """The side whose state wins; the kept file's on a tie."""
    return Side.ABSORBED if strictness(absorbed) > strictness(kept) else Side.KEPT


def merged_state(
    kept_events: Sequence[ConsentEvent], absorbed_events: Sequence[ConsentEvent],
    purpose: Purpose, at: dt.datetime,
) -> ConsentState:
    """The state of `purpose` at `at` for the merged person: the stricter of both."""
    k = consent_state(kept_events, purpose, at)
    a = consent_state(absorbed_events, purpose, at)
    return a if stricter(k, a) == Side.ABSORBED else k


class Notice(StrEnum):
    """What the worker is told about one purpose (a message code, see MERGE_MESSAGES)."""

    MOVED = "merge_consent_moved"  # only the absorbed file had this consent: it moves
    ABSORBED_STRICTER = "merge_consent_absorbed_stricter"  # the kept file's state changes
    PERMISSION_LOST = "merge_consent_permission_lost"  # a consent in force is not kept


@dataclass(frozen=True, slots=True)
class PurposeOutcome:
    """How one purpose's histories combine at the merge.

    `live` is the side whose history becomes the kept file's; `state` is the state
    the merged file then has; `notices` what the worker must be told."""

    purpose: Purpose
    kept: ConsentState
    absorbed: ConsentState
    live: Side
    state: ConsentState
    notices: tuple[Notice, ...]


def consent_plan(
    kept_events: Sequence[ConsentEvent], absorbed_events: Sequence[ConsentEvent],
    at: dt.datetime,
) -> tuple[PurposeOutcome, ...]:
    """One outcome per purpose that either file has a history for, in the
    vocabulary's order of purposes."""
    out: list[PurposeOutcome] = []
    for purpose in Purpose:
        has_k = any(e.purpose == purpose for e in kept_events)
        has_a = any(e.purpose == purpose for e in absorbed_events)
        if not (has_k or has_a):
            continue
        k = consent_state(kept_events, purpose, at)
        a = consent_state(absorbed_events, purpose, at)
        live = Side.ABSORBED if not has_k else stricter(k, a) if has_a else Side.KEPT
        state = a if live == Side.ABSORBED else k
        out.append(PurposeOutcome(purpose, k, a, live, state, _notices(has_k, k, a, live)))
    return tuple(out)


def _notices(has_kept: bool, k: ConsentState, a: ConsentState, live: Side) -> tuple[Notice, ...]:
    notices: list[Notice] = []
    if not has_kept:
        notices.append(Notice.MOVED)
    elif live == Side.ABSORBED and _differs(k, a):
        notices.append(Notice.ABSORBED_STRICTER)
    loser = k if live == Side.ABSORBED else a
    winner = a if live == Side.ABSORBED else k
    if has_kept and loser.is_valid and (not winner.is_valid or winner.valid_until
                                        != loser.valid_until):
        notices.append(Notice.PERMISSION_LOST)
    return tuple(notices)


def _differs(x: ConsentState, y: ConsentState) -> bool:
    return (x.status, x.valid_until) != (y.status, y.valid_until)


def notices_of(plan: Sequence[PurposeOutcome]) -> list[tuple[Purpose, Notice]]:
    """Everything the worker must be told, purpose by purpose."""
    return [(o.purpose, n) for o in plan for n in o.notices]


# code -> (French, English), merged into errors.MESSAGES: the refusals of a merge, and
# the notices about consents ({field} is the purpose's label, {state} the winning
# state's label as a (French, English) pair).
MERGE_MESSAGES: dict[str, tuple[str, str]] = {
    "merge_same_file": (
        "Un dossier ne peut pas être fusionné avec lui-même : choisissez deux dossiers.",
        "A file cannot be merged with itself: choose two files.",
    ),
    "merge_anonymised": (
        "L'un des deux dossiers est anonymisé ou déjà fusionné : il ne peut plus être "
        "fusionné.",
        "One of the two files is anonymised or already merged: it can no longer be merged.",
    ),
    "merge_nothing_to_undo": (
        "Aucune fusion à annuler (seule la dernière fusion peut l'être).",
        "No merge to undo (only the last merge can be undone).",
    ),
    "merge_undo_changed": (
        "Le dossier a changé depuis la fusion (fiche, consentement, mandat ou "
        "anonymisation) : la fusion ne peut plus être annulée.",
        "The file has changed since the merge (its fields, a consent, a mandate or an "
        "anonymisation): the merge can no longer be undone.",
    ),
    Notice.MOVED: (
        "« {field} » : le consentement enregistré sur l'autre dossier est repris tel quel.",
        "“{field}”: the consent recorded on the other file is taken over as it is.",
    ),
    Notice.ABSORBED_STRICTER: (
        "« {field} » : l'autre dossier est plus restrictif ({state}) : c'est lui qui "
        "s'applique désormais.",
        "“{field}”: the other file is stricter ({state}): it applies from now on.",
    ),
    Notice.PERMISSION_LOST: (
        "« {field} » : un consentement en cours sur l'un des dossiers n'est pas repris "
        "(le plus restrictif l'emporte) ; redemandez-le à la personne si besoin.",
        "“{field}”: a consent in force on one of the files is not kept (the stricter "
        "one wins); ask the person again if needed.",
    ),
}

STATE_LABELS: Mapping[ConsentStatus, tuple[str, str]] = {
    ConsentStatus.NONE: ("aucun", "none"),
    ConsentStatus.INFORMED: ("informée", "informed"),
    ConsentStatus.VALID: ("en cours", "in force"),
    ConsentStatus.EXPIRING: ("bientôt expiré", "expiring"),
    ConsentStatus.EXPIRED: ("expiré", "expired"),
    ConsentStatus.WITHDRAWN: ("retiré", "withdrawn"),
}
