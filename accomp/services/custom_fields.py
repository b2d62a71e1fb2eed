"""Custom fields the structure defines in Paramètres and sets on people's files and
on sessions: a short text ("N° d'adhérent") or a choice among a few values
("Quartier prioritaire : oui / non", a partner's cohort). The rules are those of
domain.custom_fields. A session is in "field = value" when it holds the value or
when its person's file does (as for tags); the journal filters on any value, the
dashboard and the protected summary on a choice (services.reports), never the
activity-rows export.

A value is about the person: it is never journaled (the journal names the field by
its id and the file by its code or the session by its id), given in the person's
access record and deleted when the file is anonymised (store.lifecycle).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from accomp.domain import custom_fields as rules
from accomp.domain.custom_fields import Kind
from accomp.domain.errors import KnownError
from accomp.store import audit, repo
from accomp.store import custom_fields as q
from accomp.store.vault import Vault

TOPIC = "custom_fields"  # what ui.ops announces when fields or values change


@dataclass(frozen=True, slots=True)
class FieldInfo:
    id: int
    name: str
    kind: Kind
    choices: tuple[str, ...]


def _info(row: q.CustomField) -> FieldInfo:
    assert row.id is not None
    return FieldInfo(row.id, row.name, Kind(row.kind), tuple(row.choices))


def list_fields(vault: Vault) -> list[FieldInfo]:
    """Every custom field of the structure, by name. Writes nothing."""
    with vault.reading() as s:
        return [_info(r) for r in q.all_fields(s)]


def create_field(
    vault: Vault, name: str, kind: Kind | str, choices: Sequence[str] = (), *,
    now: dt.datetime | None = None,
) -> FieldInfo:
    """Define a field: a name, a kind (text or choice) and, for a choice, its
    choices. Refuses (KnownError): required / control_chars / too_long
    (custom_field_name); custom_field_exists (the same name, whatever the case);
    not_in_list (kind); custom_field_choices; custom_fields_too_many (more than
    MAX_FIELDS). Journal: settings.field_create with its id."""
    text = rules.check_name(name)
    wanted, cleaned = rules.check_definition(str(kind), choices)
    with vault.transaction() as s:
        if q.find_by_name(s, text) is not None:
            raise KnownError("custom_field_exists", "custom_field_name")
        if len(q.all_fields(s)) >= rules.MAX_FIELDS:
            raise KnownError("custom_fields_too_many", max=rules.MAX_FIELDS)
        row = q.add_field(s, text, str(wanted), list(cleaned))
        audit.append(s, actor=vault.worker, action="settings.field_create", entity="field",
                     ref=str(row.id), at=now)
        return _info(row)


def delete_field(vault: Vault, field_id: int, *, now: dt.datetime | None = None) -> None:
    """Delete a field and every value set with it on files. Refuses not_found
    (custom_field). Journal: settings.field_delete with its id."""
    with vault.transaction() as s:
        if q.get_field(s, field_id) is None:
            raise KnownError("not_found", "custom_field")
        q.delete_field(s, field_id)
        audit.append(s, actor=vault.worker, action="settings.field_delete", entity="field",
                     ref=str(field_id), at=now)


def rename_field(
    vault: Vault, field_id: int, name: str, renamed_choices: Mapping[str, str] | None = None,
    *, now: dt.datetime | None = None,
) -> FieldInfo:
    """Rename a field and, for a choice field, some of its choices (old -> new): the
    values set with a renamed choice on files and sessions follow it. Refuses
    (KnownError): not_found (custom_field); as create_field for the name
    (custom_field_exists for another field's name) and for the resulting choices
    (custom_field_choices, e.g. two choices made equal); custom_field_not_a_choice for
    an old choice the field does not have. Journal: settings.field_rename with the
    field's id only (neither names nor values)."""
    text = rules.check_name(name)
    with vault.transaction() as s:
        row = q.get_field(s, field_id)
        if row is None:
            raise KnownError("not_found", "custom_field")
        other = q.find_by_name(s, text)
        if other is not None and other != field_id:
            raise KnownError("custom_field_exists", "custom_field_name")
        wanted = dict(renamed_choices or {})
        if any(old not in row.choices for old in wanted):
            raise KnownError("custom_field_not_a_choice", "custom_field_value")
        _, choices = rules.check_definition(row.kind, [wanted.get(c, c) for c in row.choices])
        moves = {old: new for old, new in zip(row.choices, choices, strict=True) if old != new}
        q.rename_field(s, field_id, text, list(choices), moves)
        audit.append(s, actor=vault.worker, action="settings.field_rename", entity="field",
                     ref=str(field_id), at=now)
        return _info(row)


def session_values(vault: Vault, activity_id: int) -> dict[int, str]:
    """The values set on a session (field id -> value). Writes nothing."""
    with vault.reading() as s:
        return q.session_values_of(s, activity_id)


def set_session_values(
    vault: Vault, activity_id: int, values: Mapping[int, str | None], *,
    now: dt.datetime | None = None,
) -> dict[int, str]:
    """Set a session's values of some fields (None or "" empties one); returns what
    the session then holds. Refuses (KnownError): not_found (activity, custom_field);
    a value the field refuses (control_chars, too_long, custom_field_not_a_choice).
    Nothing is written then. Journal: activity.fields with the session's id and the
    ids of the fields that changed (never the values), when any did."""
    from accomp.store import tags

    with vault.transaction() as s:
        if not tags.activity_exists(s, activity_id):
            raise KnownError("not_found", "activity")
        current = q.session_values_of(s, activity_id)
        changed = _apply(s, values, current,
                         lambda f, v: q.set_session_value(s, activity_id, f, v))
        if changed:
            audit.append(s, actor=vault.worker, action="activity.fields", entity="activity",
                         ref=str(activity_id), details={"custom_fields": changed}, at=now)
        return q.session_values_of(s, activity_id)


def _apply(s: Any, values: Mapping[int, str | None], current: Mapping[int, str],
           write: Callable[[int, str | None], None]) -> list[int]:
    """Check every value, then write those that changed; the changed field ids."""
    kept: dict[int, str | None] = {}
    for field_id, value in sorted(values.items()):
        definition = q.get_field(s, field_id)
        if definition is None:
            raise KnownError("not_found", "custom_field")
        kept[field_id] = rules.check_value(definition.kind, definition.choices, value or None)
    changed = [f for f, v in kept.items() if v != current.get(f)]
    for field_id in changed:
        write(field_id, kept[field_id])
    return changed


def choice_filter_name(s: Any, field_id: int | None, value: str | None) -> dict[str, str]:
    """A summary's custom field filter as it is published: {field name: value}. Only
    a choice field's value can cut a summary (a text is the worker's free words and
    could name a person). Refuses (KnownError) not_found (custom_field),
    custom_field_filter_output for a text field or a half filter,
    custom_field_not_a_choice. Writes nothing."""
    if field_id is None and value is None:
        return {}
    if field_id is None or value is None:
        raise KnownError("custom_field_filter_output", "custom_field")
    row = q.get_field(s, field_id)
    if row is None:
        raise KnownError("not_found", "custom_field")
    if row.kind != Kind.CHOICE:
        raise KnownError("custom_field_filter_output", "custom_field")
    if value not in row.choices:
        raise KnownError("custom_field_not_a_choice", "custom_field_value")
    return {row.name: value}


def file_values(vault: Vault, beneficiary_id: int) -> dict[int, str]:
    """The values set on a file (field id -> value). Writes nothing."""
    with vault.reading() as s:
        return q.values_of(s, beneficiary_id)


def set_file_values(
    vault: Vault, beneficiary_id: int, values: Mapping[int, str | None], *,
    now: dt.datetime | None = None,
) -> dict[int, str]:
    """Set a file's values of some fields (None or "" empties one); returns what
    the file then holds. Refuses (KnownError): not_found (beneficiary, custom_field),
    already_anonymised (an anonymised file keeps nothing about the person); a value
    the field refuses (control_chars, too_long, custom_field_not_a_choice). Nothing
    is written then. Journal: beneficiary.fields with the file's code and the ids of
    the fields that changed (never the values), when any did."""
    with vault.transaction() as s:
        row = repo.get_beneficiary(s, beneficiary_id)
        if row is None:
            raise KnownError("not_found", "beneficiary")
        if row.anonymised_at is not None:
            raise KnownError("already_anonymised")
        current = q.values_of(s, beneficiary_id)
        changed = _apply(s, values, current,
                         lambda f, v: q.set_value(s, beneficiary_id, f, v))
        if changed:
            audit.append(s, actor=vault.worker, action="beneficiary.fields",
                         entity="beneficiary", ref=row.code, details={"custom_fields": changed},
                         at=now)
        return q.values_of(s, beneficiary_id)
