"""Custom fields the structure defines in Paramètres and sets on people's files:
a short text ("N° d'adhérent") or a choice among a few values ("Quartier
prioritaire : oui / non", a partner's cohort). The rules are those of
domain.custom_fields; the journal filters on a choice (store.repo).

A value set on a file is about the person: it is never journaled (the journal names
the field by its id and the file by its code), never exported, given in the
person's access record and deleted when the file is anonymised (store.lifecycle).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

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
        changed: list[int] = []
        for field_id, value in sorted(values.items()):
            definition = q.get_field(s, field_id)
            if definition is None:
                raise KnownError("not_found", "custom_field")
            kept = rules.check_value(definition.kind, definition.choices, value or None)
            if kept != current.get(field_id):
                q.set_value(s, beneficiary_id, field_id, kept)
                changed.append(field_id)
        if changed:
            audit.append(s, actor=vault.worker, action="beneficiary.fields",
                         entity="beneficiary", ref=row.code, details={"custom_fields": changed},
                         at=now)
        return q.values_of(s, beneficiary_id)
