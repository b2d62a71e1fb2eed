"""Anonymised activity exports, and the structure secret that keys them.

A supervisor counts distinct people across the workers of a structure with keyed
pseudonyms (privacy.pseudonym): every worker of the structure must therefore use
the same secret. A vault makes a random one the first time it needs it; the team
picks one worker's secret, saves it to a file (`save_structure_secret`) and the
others import it (`import_structure_secret`). Changing it makes every later key
unlinkable to earlier ones.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import re
import secrets
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from sqlmodel import Session

from accomp.domain.errors import KnownError
from accomp.domain.models import ActivityFilter
from accomp.privacy import cellkey
from accomp.privacy.generalise import NON_COMMUNIQUE, age_band
from accomp.privacy.person_suppression import suppress_over_people
from accomp.privacy.pseudonym import MIN_SECRET_BYTES
from accomp.privacy.pseudonym import beneficiary_key as _pseudonym
from accomp.privacy.suppression import (
    DEFAULT_K,
    LocalSuppressionReport,
)
from accomp.reports import activity_rows
from accomp.reports.activity_rows import PERSON_ATTRIBUTES, QUASI_IDENTIFIERS, FileIdentity
from accomp.reports.activity_tag import FileKey
from accomp.reports.destination import check_destination, write_file
from accomp.reports.output import ACTIVITY_FORMATS
from accomp.reports.summary import FIRST_VISIT, NOT_APPLICABLE, RETURNING
from accomp.services import structure
from accomp.services.reports import (
    ExportResult,
    check_filters,
    check_format,
    check_k,
    check_period,
    check_separator,
    filters_dict,
    write_journaled,
)
from accomp.store import audit, settings, stats
from accomp.store.filetag import activity_file_key
from accomp.store.vault import Vault

SECRET_SETTING = "structure_secret"  # noqa: S105 (a setting name, not a secret)
VAULT_ID_SETTING = "vault_id"
RECORD_SEED_SETTING = "record_key_seed"
SECRET_BYTES = 32
SECRET_FILE_HEADER = "accomp-structure-secret/1"  # noqa: S105 (a file header)
_HEX = re.compile(r"[0-9a-f]+")

_LIST = pa.list_(pa.string())
_STRUCTURE_DOMAIN = b"accomp/structure-id/v1\x00"
_WORKER_DOMAIN = b"accomp/worker-id/v1\x00"


# --- the structure secret -----------------------------------------------------


def structure_id(secret: bytes) -> str:
    """Public name of a secret: files keyed with the same secret have the same id,
    so consolidation can refuse to mix structures. Reveals nothing of the secret."""
    return hmac.new(secret, _STRUCTURE_DOMAIN, hashlib.sha256).digest()[:16].hex()


def worker_id(secret: bytes, vault_id: str) -> str:
    """Pseudonymous id of one vault (one worker) within the structure."""
    digest = hmac.new(secret, _WORKER_DOMAIN + vault_id.encode("ascii"), hashlib.sha256)
    return digest.digest()[:16].hex()


def _secret(session: Session, actor: str) -> bytes:
    stored = settings.get(session, SECRET_SETTING)
    if stored is not None:
        return bytes.fromhex(stored)
    secret = secrets.token_bytes(SECRET_BYTES)
    settings.put(session, SECRET_SETTING, secret.hex())
    audit.append(session, actor=actor, action="structure_secret.create", entity="vault",
                 details={"structure_id": structure_id(secret)})
    return secret


def _vault_id(session: Session) -> str:
    stored = settings.get(session, VAULT_ID_SETTING)
    if stored is None:
        stored = secrets.token_hex(16)
        settings.put(session, VAULT_ID_SETTING, stored)
    return stored


def _record_seed(session: Session) -> bytes:
    stored = settings.get(session, RECORD_SEED_SETTING)
    if stored is None:
        stored = secrets.token_hex(32)
        settings.put(session, RECORD_SEED_SETTING, stored)
    return bytes.fromhex(stored)


def record_keys(vault: Vault) -> stats.RecordKeys:
    """The record keys of this logbook for the cell-key method (privacy.cellkey):
    its permanent random seed (made the first time, kept in the vault, never
    exported) for sessions, the structure secret for people.

    Refuses (KnownError) vault_read_only when the seed or the secret must be made
    on a read-only vault. Journal: structure_secret.create if the vault had no
    structure secret yet.
    """
    with vault.reading() as s:
        seed, secret, scope = (settings.get(s, name) for name in (
            RECORD_SEED_SETTING, SECRET_SETTING, VAULT_ID_SETTING))
    if seed is not None and secret is not None and scope is not None:
        return stats.RecordKeys(bytes.fromhex(seed), bytes.fromhex(secret), scope)
    with vault.transaction() as s:
        return stats.RecordKeys(_record_seed(s), _secret(s, vault.worker), _vault_id(s))


def file_key_from_vault(vault: Vault) -> FileKey:
    """What verifies the structure's activity files, from this vault's secret (made
    now if it has none yet). Journal: structure_secret.create the first time."""
    with vault.transaction() as s:
        secret = _secret(s, vault.worker)
    return FileKey(activity_file_key(secret), structure_id(secret))


def file_key_from_secret_file(path: Path) -> FileKey:
    """What verifies the structure's activity files, from a structure secret file.
    Refuses structure_secret_invalid."""
    secret = read_secret_file(path)
    return FileKey(activity_file_key(secret), structure_id(secret))


def current_structure_id(vault: Vault) -> str:
    """The structure id of this vault's secret (made now if it has none yet).
    Journal: structure_secret.create the first time."""
    with vault.transaction() as s:
        return structure_id(_secret(s, vault.worker))


def save_structure_secret(vault: Vault, out: Path, *, replace: bool = False) -> str:
    """Write the structure secret to a file (0600) for the other workers of the
    team to import; return the structure id. Whoever holds this file can link the
    structure's pseudonymous keys: hand it over like a key. An existing file is
    replaced only with `replace`.
    Refuses the destinations reports.destination refuses, disk_error.
    Journal: structure_secret.export with the structure id."""
    check_destination(out, data_dir=vault.paths.data_dir, replace=replace)
    with vault.transaction() as s:
        secret = _secret(s, vault.worker)
        text = f"{SECRET_FILE_HEADER}\n{secret.hex()}\n".encode("ascii")
        write_file(out, text, data_dir=vault.paths.data_dir, replace=replace)
        sid = structure_id(secret)
        audit.append(s, actor=vault.worker, action="structure_secret.export", entity="vault",
                     details={"structure_id": sid})
    return sid


def read_secret_file(path: Path) -> bytes:
    """Refuses structure_secret_invalid for anything but a secret file."""
    try:
        lines = Path(path).read_text("ascii").split()
    except (OSError, UnicodeDecodeError):
        raise KnownError("structure_secret_invalid") from None
    if len(lines) != 2 or lines[0] != SECRET_FILE_HEADER:
        raise KnownError("structure_secret_invalid")
    value = lines[1].lower()
    if not _HEX.fullmatch(value) or len(value) % 2 or len(value) // 2 < MIN_SECRET_BYTES:
        raise KnownError("structure_secret_invalid")
    return bytes.fromhex(value)


def import_structure_secret(vault: Vault, path: Path) -> str:
    """Use the structure's shared secret from a file made by save_structure_secret;
    return the structure id. Later exports' keys are linkable with the team's.
    Refuses structure_secret_invalid. Journal: structure_secret.import with the
    old and new structure ids."""
    secret = read_secret_file(path)
    with vault.transaction() as s:
        old = settings.get(s, SECRET_SETTING)
        settings.put(s, SECRET_SETTING, secret.hex())
        sid = structure_id(secret)
        audit.append(s, actor=vault.worker, action="structure_secret.import", entity="vault",
                     details={"structure_id": sid,
                              "previous": structure_id(bytes.fromhex(old)) if old else None})
    return sid


# --- anonymised activity rows ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class AnonymisedActivities:
    table: pa.Table
    identity: FileIdentity
    suppression: LocalSuppressionReport
    blanked: Mapping[str, float]
    """Per quasi-identifier column, the share of rows whose value was blanked."""


def _quarter_hours(minutes: int) -> int:
    return max(15, (minutes + 7) // 15 * 15)


def _rounded_minutes(minutes: pa.ChunkedArray | pa.Array) -> pa.Array:
    """`_quarter_hours` of each duration (never negative: integer division)."""
    if isinstance(minutes, pa.ChunkedArray):
        minutes = minutes.combine_chunks()
    return pc.max_element_wise(pc.multiply(pc.divide(pc.add(minutes, 7), 15), 15), 15)


def _json_lists(column: pa.ChunkedArray | pa.Array) -> pa.Array:
    """Stored JSON lists of vocabulary keys as a list column: each distinct text is
    parsed once (a logbook holds a few hundred distinct lists), a missing one is []."""
    encoded = pc.dictionary_encode(column).combine_chunks() if isinstance(
        column, pa.ChunkedArray) else pc.dictionary_encode(column)
    parsed = pa.array([json.loads(v) or [] for v in encoded.dictionary.to_pylist()],
                      type=_LIST)
    return pc.fill_null(parsed.take(encoded.indices), pa.scalar([], _LIST))


def _per_code(codes: pa.Array, value: Callable[[str], Any], type_: pa.DataType) -> pa.Array:
    """`value(code)` for each code, computed once per distinct code (null stays null)."""
    return _PerCode(codes).column(value, type_)


class _PerCode:
    """The distinct codes of a column, found once for several per-code columns."""

    def __init__(self, codes: pa.Array) -> None:
        distinct = pc.unique(codes).drop_null()
        self._codes: list[str] = distinct.to_pylist()
        self._where = pc.index_in(codes, value_set=distinct)

    def column(self, value: Callable[[str], Any], type_: pa.DataType) -> pa.Array:
        """`value(code)` for each code, computed once per distinct code."""
        return pa.array([value(c) for c in self._codes], type=type_).take(self._where)


def _grouped(positions: pa.Array, values: pa.Array, n: int) -> pa.Array:
    """A list per session (0..n-1) of the `values` at its `positions`, each list
    sorted."""
    order = pc.sort_indices(pa.table({"p": positions, "v": values}),
                            sort_keys=[("p", "ascending"), ("v", "ascending")])
    return pa.ListArray.from_arrays(_offsets(positions.take(order), n),
                                    values.take(order).cast(pa.string()))


_ZERO = pa.array([0], pa.int32())


def _offsets(ordered: pa.Array | pa.ChunkedArray, n: int) -> pa.Array:
    """List offsets of sessions 0..n-1 from the sorted session of each value:
    offsets[i + 1] is how many values belong to sessions up to i. Sessions with
    values start the runs of a run-end encoded array whose values are those counts
    (vectorised, no numpy: the desktop bundle leaves it out)."""
    if n == 0:
        return _ZERO
    if isinstance(ordered, pa.ChunkedArray):
        ordered = ordered.combine_chunks()
    runs = pc.run_end_encode(ordered, run_end_type=pa.int32())
    sessions = runs.values.cast(pa.int32())  # the sessions that have values, increasing
    ends = pa.concat_arrays([sessions, pa.array([n], pa.int32())])
    counts = pa.concat_arrays([_ZERO, runs.run_ends])
    if len(sessions) and sessions[0].as_py() == 0:  # no empty first run
        ends, counts = ends[1:], counts[1:]
    dense = pc.run_end_decode(pa.RunEndEncodedArray.from_arrays(ends, counts))
    return pa.concat_arrays([_ZERO, dense])


def _is_first(firsts: pa.Table, people: pa.ChunkedArray, sessions: pa.ChunkedArray
              ) -> pa.Array:
    """Whether each session is the first ever of its person (false without one)."""
    where = pc.index_in(people.combine_chunks(),
                        value_set=firsts.column("beneficiary_id").combine_chunks())
    first_ids = firsts.column("first_id").combine_chunks().take(where)
    return pc.fill_null(pc.equal(first_ids, sessions.combine_chunks()), False)


def anonymised_columns(
    data: stats.ExportColumns, secret: bytes, vault_scope: str,
    people: Mapping[str, Mapping[str, str]], seed: bytes | None = None,
) -> dict[str, pa.Array]:
    """The columns of the anonymised file, with no identifier: vocabulary keys,
    keyed pseudonyms, generalised quasi-identifiers, and each session's record key
    (privacy.cellkey, from the logbook's `seed`; 0 without it) for the team
    summary's cell keys. Computed column by column (pyarrow.compute), the per-person
    work once per person.

    A person's attributes come from `people` (code -> generalised and locally
    suppressed attributes, see `person_attributes`): the same in every file the
    logbook ever produces. Beneficiary codes are drawn at random per vault, so two
    workers can hold the same code for two different people: the key covers the
    vault's id with the code, and two people of two logbooks are never merged into
    one."""
    sessions = data.sessions
    n = sessions.num_rows

    known: dict[str, str | None] = {}

    def key_of(code: str) -> str | None:  # a person of sessions and workshops: once
        if code not in known:
            known[code] = _pseudonym(secret, f"{vault_scope}/{code}") if code else None
        return known[code]

    codes = sessions.column("beneficiary_code").combine_chunks()  # individual only
    unknown = dict.fromkeys(PERSON_ATTRIBUTES, NON_COMMUNIQUE)
    columns: dict[str, pa.Array] = {
        name: sessions.column(name).combine_chunks()
        for name in ("month", "kind", "duration_bucket", "place_type", "autonomy",
                     "referral", "completion", "level",
                     "participants_anonymous", "anonymous_already_supported")
    }
    ids = sessions.column("id").combine_chunks()
    first = _is_first(data.firsts, sessions.column("beneficiary_id"), sessions.column("id"))
    columns["first_visit"] = pc.if_else(
        pc.equal(columns["kind"], "Individuel"),
        pc.if_else(pc.is_null(codes), NON_COMMUNIQUE,
                   pc.if_else(first, FIRST_VISIT, RETURNING)),
        NOT_APPLICABLE)
    columns["duration_min_rounded"] = _rounded_minutes(sessions.column("duration_min"))
    for name in ("themes", "admin_themes", "equipment"):
        columns[name] = _json_lists(sessions.column(name))
    per_person = _PerCode(codes)
    columns["beneficiary_key"] = per_person.column(key_of, pa.string())
    for name in PERSON_ATTRIBUTES:
        def attribute(code: str, name: str = name) -> str:
            return people.get(code, unknown)[name]
        columns[name] = pc.fill_null(per_person.column(attribute, pa.string()), NON_COMMUNIQUE)
    taking = data.participants
    positions = pc.index_in(taking.column("activity_id"), value_set=ids)
    keys = _per_code(taking.column("code").combine_chunks(), key_of, pa.string())
    columns["participant_keys"] = _grouped(positions, keys, n)
    first = _is_first(data.firsts, taking.column("beneficiary_id"),
                      taking.column("activity_id"))
    columns["first_visit_keys"] = _grouped(positions.filter(first), keys.filter(first), n)
    columns["record_key"] = pa.array(
        cellkey.record_keys(seed, [f"activity/{i}" for i in ids.to_pylist()]) if seed else [0] * n,
        type=pa.int64())
    return columns


def _age(birth_year: int | None, recorded: str | None, reference: dt.date) -> str:
    if birth_year is None:
        return recorded or NON_COMMUNIQUE
    try:
        return age_band(birth_year, reference)
    except ValueError:
        return NON_COMMUNIQUE


def person_attributes(
    people: Sequence[stats.ExportPerson], k: int
) -> tuple[dict[str, dict[str, str]], dict[str, int]]:
    """Each person's attributes as every activity file of the logbook gives them,
    and how many people lost each attribute.

    Generalised the same way whatever the file: the age band is the one reached in
    the year of the person's first session (a band as of each file's end would
    change from file to file, and two files together would narrow the birth year).
    Then local suppression over people, not rows
    (`privacy.person_suppression.suppress_over_people`): every combination of age
    band, gender, status and département is shared by at least k people of the
    logbook, blanking the values that cost the fewest rows and spreading the loss
    over the four columns; people still alone with everything blanked keep their
    rows, with every attribute NonCommunique. Decided over everyone the logbook
    could export, weighted by their sessions in the whole logbook, it is the same in
    every file: joining files on `beneficiary_key` gives nothing back.
    """
    records = _generalised(people)
    published = suppress_over_people(records, {p.code: p.sessions for p in people}, k)
    result = _by_name(published)
    blanked = {
        name: sum(1 for code, values in records.items()
                  if values[axis] != NON_COMMUNIQUE and published[code][axis] != values[axis])
        for axis, name in enumerate(PERSON_ATTRIBUTES)
    }
    return result, blanked


def _generalised(people: Sequence[stats.ExportPerson]) -> dict[str, tuple[str, ...]]:
    """Each person's generalised attributes (PERSON_ATTRIBUTES), before suppression."""
    return {
        p.code: (_age(p.birth_year, p.age_band, p.first_session),
                 p.gender or NON_COMMUNIQUE,
                 p.social_status or NON_COMMUNIQUE,
                 stats.departement_or_unknown(p.commune_insee))
        for p in people
    }


def _by_name(values: Mapping[str, tuple[str, ...]]) -> dict[str, dict[str, str]]:
    return {code: dict(zip(PERSON_ATTRIBUTES, v, strict=True)) for code, v in values.items()}


def blanked_shares(columns: Mapping[str, pa.Array],
                   original: Mapping[str, Mapping[str, str]]) -> dict[str, float]:
    """Per quasi-identifier column, the share of the file's rows whose value was
    blanked by local suppression (the information it cost): rows of a person
    whose attribute is known but published NonCommunique."""
    n = len(columns["kind"])
    codes = pc.if_else(pc.equal(columns["kind"], "Individuel"),
                       columns["beneficiary_code"], pa.scalar(None, pa.string()))
    shares: dict[str, float] = {}
    per_person = _PerCode(codes)
    for name in QUASI_IDENTIFIERS:
        if name not in PERSON_ATTRIBUTES:  # the month is never blanked
            shares[name] = 0.0
            continue
        def is_known(code: str, name: str = name) -> bool:
            return original.get(code, {}).get(name, NON_COMMUNIQUE) != NON_COMMUNIQUE
        known = per_person.column(is_known, pa.bool_())
        lost = pc.and_(pc.fill_null(known, False),
                       pc.equal(columns[name], NON_COMMUNIQUE))
        shares[name] = pc.sum(lost).as_py() / n if n else 0.0
    return shares


def _anonymised(
    s: Session, keys: stats.RecordKeys, start: dt.date, end: dt.date, f: ActivityFilter,
    k: int,
) -> AnonymisedActivities:
    secret, scope = keys.secret, keys.scope
    identity = FileIdentity(
        export_id=uuid.uuid4().hex, structure_id=structure_id(secret),
        worker_id=worker_id(secret, scope), period_from=start, period_to=end,
    )
    everyone = stats.export_people(s)
    # person_attributes, its values before suppression kept for blanked_shares
    records = _generalised(everyone)
    people = _by_name(suppress_over_people(
        records, {p.code: p.sessions for p in everyone}, k))
    data = stats.export_columns(s, start, end, f)
    columns = anonymised_columns(data, secret, scope, people, keys.seed)
    original = _by_name(records)
    shares = blanked_shares(
        {**columns, "beneficiary_code": data.sessions.column("beneficiary_code")}, original)
    rows = data.sessions.num_rows
    report = LocalSuppressionReport(
        k=k, quasi_identifiers=QUASI_IDENTIFIERS, rows_kept=rows, rows_dropped=0,
        values_suppressed={name: round(share * rows) for name, share in shares.items()},
    )
    return AnonymisedActivities(activity_rows.from_columns(columns, identity), identity,
                                report, shares)


def _without_tag(f: ActivityFilter) -> ActivityFilter:
    """Activity rows are protected within their file: a file of a small tag would be a
    small group's rows, and so would a file of a custom field's value. Refuses
    tag_filter_rows (services.tags), custom_field_filter_output."""
    if f.tag is not None:
        raise KnownError("tag_filter_rows", "tag")
    if f.custom_field is not None:
        raise KnownError("custom_field_filter_output", "custom_field")
    return f


def anonymised_activities(
    vault: Vault, date_from: dt.date | str, date_to: dt.date | str, *,
    filters: ActivityFilter | Mapping[str, Any] | None = None, k: int = DEFAULT_K,
) -> AnonymisedActivities:
    """The anonymised rows of the period, as they would be exported (preview).

    Refuses as reports.summary does, tag_filter_rows and custom_field_filter_output. Journal:
    structure_secret.create if the vault
    had no secret yet; nothing else (nothing left the machine).
    """
    start, end = check_period(date_from, date_to)
    f = _without_tag(check_filters(filters))
    check_k(k)
    keys = record_keys(vault)
    with vault.reading() as s:
        return _anonymised(s, keys, start, end, f, k)


def export_activities(
    vault: Vault, date_from: dt.date | str, date_to: dt.date | str, fmt: str, out: Path, *,
    filters: ActivityFilter | Mapping[str, Any] | None = None, k: int = DEFAULT_K,
    separator: str = ";", bom: bool | None = None, replace: bool = False,
) -> ExportResult:
    """Write the anonymised activity rows of the period (csv or parquet), for a
    supervisor's consolidation or their own analysis tools, or xlsx for a
    spreadsheet (codes such as département "01" stay text; no authentication tag:
    not consolidated); an existing file only with `replace` (the user confirmed).

    Refuses as reports.summary does, tag_filter_rows, custom_field_filter_output,
    not_in_list for the format or
    separator, the destinations reports.destination refuses, vault_read_only, disk_error.
    Journal: export.activities with the format, SHA-256, export id, k, period,
    filters, rows written and what local suppression changed (rows dropped,
    values blanked per quasi-identifier).
    The file carries an authentication tag keyed by the structure secret
    (store.filetag), so a consolidation refuses it once altered. CSV: ";" and a
    byte-order mark by default (what a French spreadsheet opens cleanly), "," without
    BOM for tools unless `bom` says otherwise.
    """
    check_format(fmt, ACTIVITY_FORMATS)
    check_separator(separator)
    start, end = check_period(date_from, date_to)
    f = _without_tag(check_filters(filters))
    check_k(k)
    check_destination(out, data_dir=vault.paths.data_dir, replace=replace)
    if vault.read_only:  # known damaged already: refused before reading, as ever
        raise KnownError("vault_read_only")
    # Read in a reading session: on a vault unlocked with its integrity check still
    # running (the command line), the reading overlaps the check, and the file is
    # written only by write_journaled's transaction, which waits for the check and is
    # refused (vault_read_only) when it found damage. The keys are made in a
    # transaction of their own, the first time only.
    keys = record_keys(vault)
    with vault.reading() as s:
        result = _anonymised(s, keys, start, end, f, k)
        demo = structure.is_demo_in(s)
    key = activity_file_key(keys.secret)
    if fmt == "parquet":
        data = activity_rows.parquet_bytes(result.table, key, demo=demo)
    elif fmt == "xlsx":
        from accomp.reports.activity_xlsx import activity_xlsx  # openpyxl: only here

        data = activity_xlsx(result.table, demo=demo)
    else:
        data = activity_rows.csv_bytes(result.table, key, separator=separator,
                                       bom=separator == ";" if bom is None else bom, demo=demo)
    report = result.suppression
    details = {
        "export_id": result.identity.export_id,
        "structure_id": result.identity.structure_id,
        "period": [start.isoformat(), end.isoformat()], "k": k, "filters": filters_dict(f),
        "rows": report.rows_kept, "rows_dropped": report.rows_dropped,
        "values_suppressed": dict(report.values_suppressed),
        "blanked_share": {name: round(v, 4) for name, v in result.blanked.items()},
    }
    return write_journaled(vault, "export.activities", fmt, out, data, details,
                           export_id=result.identity.export_id, replace=replace)
