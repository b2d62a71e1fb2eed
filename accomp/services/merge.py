"""Merging two files of the same person (typed twice, a maiden name, a new phone).

Everything the absorbed file owns goes to the kept file: its sessions and workshop
places, consents, mandates, rectification history and drafts. The worker chooses
each field's value (accomp.domain.merge.FIELD_GROUPS); consent histories combine as
domain.merge says (the stricter state wins, and the worker is told). The absorbed
file is not deleted: it stays as an anonymised shell holding the consent histories
that did not go live, and its code becomes an alias of the kept file, so a paper
receipt printing it still resolves. The last merge can be undone until the next one.

Callers: the duplicate warning and the Bénéficiaires list (GUI), and the spreadsheet
import's matched people (`merge(vault, kept_id, absorbed_id, choices)`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from accomp.domain.clock import instant
from accomp.domain.consent import ConsentStatus, Purpose
from accomp.domain.errors import KnownError, Lang, field_label
from accomp.domain.merge import (
    FIELD_GROUPS,
    MERGE_MESSAGES,
    STATE_LABELS,
    Notice,
    PurposeOutcome,
    Side,
    consent_plan,
    default_choices,
    merged_fields,
)
from accomp.domain.models import BeneficiaryIn, Commune
from accomp.domain.rules import age_band, check_beneficiary
from accomp.domain.text import search_key
from accomp.store import appointments as appointment_store
from accomp.store import audit, merges
from accomp.store import consents as store
from accomp.store import custom_fields as custom_field_store
from accomp.store import lifecycle as lifecycle_store
from accomp.store.appointments import Appointment
from accomp.store.tables import (
    Activity,
    Beneficiary,
    Consent,
    Draft,
    Mandate,
    Rectification,
)
from accomp.store.tag_tables import CompetenceObservation
from accomp.store.vault import Vault

_IDENTITY = ("first_name", "last_name", "phone", "email", "birth_year", "notes")


@dataclass(frozen=True, slots=True)
class Counts:
    """What moves from the absorbed file to the kept one."""

    activities: int
    workshops: int
    consents: int
    mandates: int


@dataclass(frozen=True, slots=True)
class ConsentNotice:
    """Something the worker must be told about one purpose."""

    purpose: Purpose
    notice: Notice
    state: ConsentStatus  # the merged file's state for that purpose

    def text(self, lang: Lang = "fr") -> str:
        fr, en = MERGE_MESSAGES[self.notice]
        state_fr, state_en = STATE_LABELS[self.state]
        template = fr if lang == "fr" else en
        return template.format(field=field_label(self.purpose, lang),
                               state=state_fr if lang == "fr" else state_en)


@dataclass(frozen=True, slots=True)
class MergePreview:
    """Both files side by side, before anything is written."""

    kept_code: str
    absorbed_code: str
    kept: dict[str, Any]  # column -> value (FIELD_GROUPS' columns)
    absorbed: dict[str, Any]
    defaults: dict[str, Side]
    counts: Counts
    consents: tuple[PurposeOutcome, ...]
    notices: tuple[ConsentNotice, ...]


@dataclass(frozen=True, slots=True)
class MergeResult:
    kept_id: int
    kept_code: str
    absorbed_code: str
    counts: Counts
    notices: tuple[ConsentNotice, ...]


@dataclass(frozen=True, slots=True)
class LastMerge:
    kept_id: int
    kept_code: str
    absorbed_code: str
    at: dt.datetime


def _columns(row: Beneficiary) -> dict[str, Any]:
    return {c: getattr(row, c) for cols in FIELD_GROUPS.values() for c in cols}


def _pair(s: Any, kept_id: int, absorbed_id: int) -> tuple[Beneficiary, Beneficiary]:
    if kept_id == absorbed_id:
        raise KnownError("merge_same_file")
    kept, absorbed = s.get(Beneficiary, kept_id), s.get(Beneficiary, absorbed_id)
    if kept is None or absorbed is None:
        raise KnownError("not_found", "beneficiary")
    if kept.anonymised_at is not None or absorbed.anonymised_at is not None:
        raise KnownError("merge_anonymised")
    return kept, absorbed


def _plan(s: Any, kept: Beneficiary, absorbed: Beneficiary,
          at: dt.datetime) -> tuple[PurposeOutcome, ...]:
    assert kept.id is not None
    assert absorbed.id is not None
    return consent_plan([e.as_rule() for e in store.events_of(s, kept.id)],
                        [e.as_rule() for e in store.events_of(s, absorbed.id)], at)


def _notices(plan: tuple[PurposeOutcome, ...]) -> tuple[ConsentNotice, ...]:
    return tuple(ConsentNotice(o.purpose, n, o.state.status) for o in plan for n in o.notices)


def _counts(owned: Mapping[str, list[int]], plan: tuple[PurposeOutcome, ...]) -> Counts:
    live = sum(1 for o in plan if o.live == Side.ABSORBED)
    return Counts(len(owned["activities"]), len(owned["workshops"]), live,
                  len(owned["mandates"]))


def preview(vault: Vault, kept_id: int, absorbed_id: int, *, today: dt.date | None = None,
            now: dt.datetime | None = None) -> MergePreview:
    """Both files' fields, the default choice of each, what would move and what the
    worker would be told about consents. Reads only. Refuses merge_same_file,
    not_found, merge_anonymised (either file anonymised or already merged)."""
    at = store.utc(instant(today, now))
    with vault.reading() as s:
        kept, absorbed = _pair(s, kept_id, absorbed_id)
        plan = _plan(s, kept, absorbed, at)
        k, a = _columns(kept), _columns(absorbed)
        return MergePreview(kept.code, absorbed.code, k, a, default_choices(k, a),
                            _counts(merges.owned_ids(s, absorbed_id), plan), plan,
                            _notices(plan))


def _validated(values: Mapping[str, Any], kept: Beneficiary, absorbed: Beneficiary,
               today: dt.date) -> BeneficiaryIn:
    commune = None
    if values["commune_name"]:
        commune = Commune(name=values["commune_name"], postal_code=values["commune_postal_code"],
                          insee=values["commune_insee"])
    bands = [b for b in (kept.age_band, absorbed.age_band) if b != "NonCommunique"]
    b = BeneficiaryIn(
        **{c: values[c] for c in _IDENTITY}, commune=commune, gender=values["gender"],
        social_status=values["social_status"], legal_basis=values["legal_basis"],
        informed_on=values["informed_on"], notice_version=values["notice_version"],
        age_band=age_band(values["birth_year"], today) if values["birth_year"] else
        (bands[0] if bands else None),
    )
    check_beneficiary(b, today)
    return b


def merge(
    vault: Vault, kept_id: int, absorbed_id: int,
    choices: Mapping[str, Side | str] | None = None, *, today: dt.date | None = None,
    now: dt.datetime | None = None,
) -> MergeResult:
    """Merge the file `absorbed_id` into `kept_id`, in one transaction.

    `choices` maps a field group (domain.merge.FIELD_GROUPS) to the file whose value
    is kept; groups left out take the kept file's value, or the absorbed file's when
    the kept one is empty. Sessions, workshop places, mandates, rectifications and
    drafts move; for each consent purpose the stricter history goes live on the kept
    file and the other stays with the absorbed file's shell (anonymised, its code an
    alias of the kept file). What this merge changed is kept in the vault so that
    `undo_last_merge` can put it back; the previous merge can no longer be undone.

    Refuses (KnownError): merge_same_file, not_found, merge_anonymised; the refusals
    of a file update for the merged fields (identity_needs_basis, out_of_range...).
    Journal: one beneficiary.merge event on the kept code, with the absorbed code,
    the counts moved, the field groups taken from the absorbed file and the consent
    notices (codes only, no value).
    """
    at = store.utc(instant(today, now))
    day = today or at.date()
    picked = {g: Side(v) for g, v in (choices or {}).items()}
    with vault.transaction() as s:
        kept, absorbed = _pair(s, kept_id, absorbed_id)
        plan = _plan(s, kept, absorbed, at)
        k, a = _columns(kept), _columns(absorbed)
        values = merged_fields(k, a, picked)
        validated = _validated(values, kept, absorbed, day)
        owned = merges.owned_ids(s, absorbed_id)
        state: dict[str, Any] = {
            "kept": merges.file_values(kept), "absorbed": merges.file_values(absorbed),
            "owned": owned,
        }
        # consents: the absorbed history goes live where it has no rival or wins
        ours, theirs = merges.consent_ids(s, kept_id), merges.consent_ids(s, absorbed_id)
        moved, swapped = [], []
        for outcome in plan:
            if outcome.live != Side.ABSORBED:
                continue
            if outcome.purpose in ours:
                merges.swap_consents(s, ours[outcome.purpose], theirs[outcome.purpose])
                swapped.append([ours[outcome.purpose], theirs[outcome.purpose]])
            else:
                moved.append(theirs[outcome.purpose])
        merges.repoint(s, Consent, moved, kept_id)
        state["consents"] = {"moved": moved, "swapped": swapped}
        merges.repoint(s, Activity, owned["activities"], kept_id)
        merges.repoint(s, Mandate, owned["mandates"], kept_id)
        merges.repoint(s, Rectification, owned["rectifications"], kept_id)
        merges.repoint(s, Draft, owned["drafts"], kept_id)
        merges.repoint(s, CompetenceObservation, owned["competences"], kept_id)
        state["participation"] = merges.move_participation(s, absorbed_id, kept_id)
        state["tags"] = merges.move_tags(s, absorbed_id, kept_id)
        # appointments and the structure's fields follow the person, not the shell
        state["appointments"] = appointment_store.ids_of(s, absorbed_id)
        merges.repoint(s, Appointment, state["appointments"], kept_id)
        state["custom_fields"] = custom_field_store.move_values(s, absorbed_id, kept_id)
        state["followed"] = merges.add_alias(s, absorbed.code, kept_id, absorbed_id, at)
        _write_kept(kept, values, validated, merges.last_contact_of(s, kept_id), at)
        s.add(kept)
        _make_shell(absorbed, at)
        s.add(absorbed)
        s.flush()
        state["after"] = merges.fingerprint(s, kept_id)
        state["kept_updated_at"] = store.utc(kept.updated_at).isoformat()
        merges.put_undo(s, kept_id, absorbed_id, at, state)
        counts = _counts(owned, plan)
        notices = _notices(plan)
        audit.append(s, actor=vault.worker, action="beneficiary.merge", entity="beneficiary",
                     ref=kept.code, at=at, details={
                         "absorbed": absorbed.code,
                         "beneficiaries": [kept.code, absorbed.code],
                         "moved": {"activities": counts.activities,
                                   "workshops": counts.workshops,
                                   "consents": counts.consents, "mandates": counts.mandates},
                         "fields_from_absorbed": sorted(g for g, v in picked.items()
                                                        if v == Side.ABSORBED),
                         "consent_notices": [[n.purpose.value, n.notice.value]
                                             for n in notices],
                     })
        return MergeResult(kept_id, kept.code, absorbed.code, counts, notices)


def _write_kept(kept: Beneficiary, values: Mapping[str, Any], b: BeneficiaryIn,
                last_contact: dt.date | None, at: dt.datetime) -> None:
    for column, value in values.items():
        setattr(kept, column, value)
    kept.age_band = b.age_band or "NonCommunique"
    kept.search_key = search_key(b.first_name, b.last_name, b.phone, b.email)
    kept.last_contact = last_contact
    kept.updated_at = at


def _make_shell(absorbed: Beneficiary, at: dt.datetime) -> None:
    """The absorbed file keeps no identity: its values live on in the kept file (as
    the worker chose) and in the undo record until the next merge."""
    for column in (*_IDENTITY, "legal_basis", "informed_on", "notice_version", "notice_hash"):
        setattr(absorbed, column, None)
    absorbed.search_key = ""
    absorbed.last_contact = None
    absorbed.anonymised_at = absorbed.updated_at = at


def last_merge(vault: Vault) -> LastMerge | None:
    """The merge that `undo_last_merge` would undo, or None. Reads only."""
    with vault.reading() as s:
        undo = merges.last_undo(s)
        if undo is None:
            return None
        kept, absorbed = s.get(Beneficiary, undo.kept_id), s.get(Beneficiary, undo.absorbed_id)
        assert kept is not None
        assert absorbed is not None
        return LastMerge(undo.kept_id, kept.code, absorbed.code, undo.at)


def undo_last_merge(vault: Vault, *, today: dt.date | None = None,
                    now: dt.datetime | None = None) -> LastMerge:
    """Put both files of the last merge back as they were: fields, sessions, workshop
    places, consents, mandates, rectifications, drafts; the alias goes. Sessions
    logged on the kept file since the merge stay with it.

    Refuses (KnownError): merge_nothing_to_undo; merge_undo_changed when the kept
    file's fields, consents or mandates changed since the merge, or either file was
    anonymised. Journal: beneficiary.merge_undo on the kept code, with the absorbed
    code.
    """
    at = store.utc(instant(today, now))
    with vault.transaction() as s:
        undo = merges.last_undo(s)
        if undo is None:
            raise KnownError("merge_nothing_to_undo")
        kept = s.get(Beneficiary, undo.kept_id)
        absorbed = s.get(Beneficiary, undo.absorbed_id)
        assert kept is not None
        assert absorbed is not None
        state = undo.state
        if (kept.anonymised_at is not None
                or store.utc(kept.updated_at).isoformat() != state["kept_updated_at"]
                or merges.fingerprint(s, undo.kept_id) != state["after"]):
            raise KnownError("merge_undo_changed")
        owned = state["owned"]
        merges.repoint(s, Activity, owned["activities"], undo.absorbed_id)
        merges.repoint(s, Mandate, owned["mandates"], undo.absorbed_id)
        merges.repoint(s, Rectification, owned["rectifications"], undo.absorbed_id)
        merges.repoint(s, Draft, owned["drafts"], undo.absorbed_id)
        merges.repoint(s, CompetenceObservation, owned.get("competences", []),
                       undo.absorbed_id)
        merges.restore_tags(s, undo.absorbed_id, undo.kept_id,
                            state.get("tags", {"moved": [], "dropped": []}))
        merges.repoint(s, Appointment, state.get("appointments", []), undo.absorbed_id)
        custom_field_store.restore_values(s, undo.absorbed_id, undo.kept_id,
                                          state.get("custom_fields", {}))
        merges.repoint(s, Consent, state["consents"]["moved"], undo.absorbed_id)
        for ours, theirs in state["consents"]["swapped"]:
            merges.swap_consents(s, ours, theirs)
        merges.restore_participation(s, undo.absorbed_id, undo.kept_id, state["participation"])
        merges.remove_alias(s, absorbed.code, undo.absorbed_id, state["followed"])
        merges.restore_values(kept, state["kept"])
        merges.restore_values(absorbed, state["absorbed"])
        # a session logged on the kept file since the merge still counts (retention clock)
        days = [d for d in (kept.last_contact, merges.last_contact_of(s, undo.kept_id)) if d]
        kept.last_contact = max(days) if days else None
        s.add(kept)
        s.add(absorbed)
        merges.drop_undo(s)
        s.flush()
        audit.append(s, actor=vault.worker, action="beneficiary.merge_undo",
                     entity="beneficiary", ref=kept.code, at=at,
                     details={"absorbed": absorbed.code,
                              "beneficiaries": [kept.code, absorbed.code]})
        return LastMerge(undo.kept_id, kept.code, absorbed.code, undo.at)


def resolve_code(vault: Vault, code: str) -> int | None:
    """The file a code designates today: its own, or the file it was merged into
    (an absorbed file's code is an alias). None when no file has it. Reads only."""
    wanted = code.strip().upper()
    with vault.reading() as s:
        return lifecycle_store.find_file_id(s, wanted)
