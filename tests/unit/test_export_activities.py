"""The anonymised activity file: one row per session that hides among k alike, keys
that a structure can count people with and nobody else can reverse."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accomp.domain.errors import KnownError
from accomp.paths import AppPaths
from accomp.privacy.generalise import NON_COMMUNIQUE
from accomp.reports import activity_rows
from accomp.reports.activity_rows import PERSON_ATTRIBUTES, QUASI_IDENTIFIERS, SCHEMA
from accomp.services import exports, vaults
from accomp.services.demo import generate_demo

TODAY = dt.date(2026, 11, 28)
PERIOD = ("2025-06-01", "2026-11-28")
CHEAP = vaults.KdfParams(1, 1024, 1)


def new_vault(folder: Path) -> vaults.Vault:
    vault, _ = vaults.create_vault(AppPaths.at(folder), "x", kdf=CHEAP, enforce_policy=False)
    return vault


@pytest.fixture(scope="module")
def demo_vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[vaults.Vault]:
    vault = new_vault(tmp_path_factory.mktemp("demo"))
    generate_demo(vault, seed=21, activities=2000, today=TODAY)
    yield vault
    vault.lock()


@pytest.fixture(scope="module")
def parquet_export(demo_vault: vaults.Vault, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("out") / "activities.parquet"
    exports.export_activities(demo_vault, *PERIOD, "parquet", path)
    return path


def combinations(rows: list[dict[str, Any]]) -> Counter[tuple[Any, ...]]:
    return Counter(tuple(r[q] for q in QUASI_IDENTIFIERS) for r in rows)


def test_every_quasi_identifier_combination_appears_at_least_k_times(parquet_export):
    rows = pq.read_table(parquet_export).to_pylist()
    assert len(rows) > 1500
    assert min(combinations(rows).values()) >= 5


@pytest.mark.parametrize("k", [3, 8])
def test_local_suppression_follows_the_threshold_in_force(demo_vault, k):
    result = exports.anonymised_activities(demo_vault, *PERIOD, k=k)
    rows = result.table.to_pylist()
    assert min(combinations(rows).values()) >= k
    report = result.suppression
    assert report.k == k
    assert report.rows_kept == len(rows)
    assert sum(report.values_suppressed.values()) > 0


def test_a_persons_rows_all_carry_the_same_attributes(parquet_export):
    # otherwise the rows of one key, put together, would give back what was blanked
    by_key: dict[str, set[tuple[Any, ...]]] = defaultdict(set)
    for row in pq.read_table(parquet_export).to_pylist():
        if row["beneficiary_key"]:
            by_key[row["beneficiary_key"]].add(tuple(row[a] for a in PERSON_ATTRIBUTES))
    assert by_key
    assert all(len(values) == 1 for values in by_key.values())


def test_rows_carry_keys_and_codes_of_the_vocabulary_only(parquet_export, demo_vault):
    table = pq.read_table(parquet_export)
    assert table.schema.names == SCHEMA.names
    activity_rows.check_table(table.cast(SCHEMA), 1)  # vocabulary and patterns
    rows = table.to_pylist()
    assert {r["export_id"] for r in rows} == {table.schema.metadata[b"export_id"].decode()}
    assert len({r["worker_id"] for r in rows}) == 1
    assert all(not (r["month"] or "").startswith("2025-05") for r in rows)
    workshops = [r for r in rows if r["kind"] == "Collectif"]
    assert workshops
    assert all(r["beneficiary_key"] is None for r in workshops)
    assert any(r["participant_keys"] for r in workshops)
    assert all(r[a] == NON_COMMUNIQUE for r in workshops for a in PERSON_ATTRIBUTES)


def test_csv_and_parquet_carry_the_same_rows(demo_vault, tmp_path):
    csv_path, parquet_path = tmp_path / "a.csv", tmp_path / "a.parquet"
    exports.export_activities(demo_vault, "2026-01-01", "2026-03-31", "csv", csv_path,
                              separator=";", bom=True)
    exports.export_activities(demo_vault, "2026-01-01", "2026-03-31", "parquet", parquet_path)
    from_csv = activity_rows.read_file(csv_path, 1).to_pylist()
    from_parquet = activity_rows.read_file(parquet_path, 1).to_pylist()
    ignore = {"export_id", "row_id"}
    assert len(from_csv) == len(from_parquet) > 0
    for a, b in zip(from_csv, from_parquet, strict=True):
        assert {k: v for k, v in a.items() if k not in ignore} == {
            k: v for k, v in b.items() if k not in ignore}


def test_the_same_person_gets_the_same_key_in_every_vault_of_the_structure(tmp_path):
    from accomp.privacy.pseudonym import beneficiary_key

    first, second = new_vault(tmp_path / "a"), new_vault(tmp_path / "b")
    try:
        assert exports.current_structure_id(first) != exports.current_structure_id(second)
        secret_file = tmp_path / "secret.txt"
        sid = exports.save_structure_secret(first, secret_file)
        assert secret_file.stat().st_mode & 0o777 == 0o600
        assert exports.import_structure_secret(second, secret_file) == sid
        a = exports.anonymised_activities(first, *PERIOD).identity
        b = exports.anonymised_activities(second, *PERIOD).identity
        assert a.structure_id == b.structure_id == sid
        assert a.worker_id != b.worker_id  # consolidation tells the two logbooks apart
        assert a.export_id != b.export_id
        secret = exports.read_secret_file(secret_file)
        assert beneficiary_key(secret, "B-7F3K") != beneficiary_key(secret, "B-7F3L")
    finally:
        first.lock()
        second.lock()


def test_a_new_vault_makes_its_own_random_secret_and_journals_it(vault):
    sid = exports.current_structure_id(vault)
    assert sid == exports.current_structure_id(vault)
    with vault.reading() as s:
        from accomp.store import audit

        assert audit.verify(s).sound
        from sqlmodel import select

        from accomp.store.tables import AuditEvent

        actions = [e.action for e in s.exec(select(AuditEvent)).all()]
    assert actions.count("structure_secret.create") == 1


def test_a_secret_file_that_is_not_one_is_refused(vault, tmp_path):
    for content in ("", "accomp-structure-secret/1\nzz\n", "accomp-structure-secret/1\nabcd\n",
                    "hello\n" + "ab" * 32):
        bad = tmp_path / "bad.txt"
        bad.write_text(content)
        with pytest.raises(KnownError) as err:
            exports.import_structure_secret(vault, bad)
        assert err.value.code == "structure_secret_invalid"
    with pytest.raises(KnownError):
        exports.import_structure_secret(vault, tmp_path / "absent.txt")


RECORDS = st.lists(
    st.fixed_dictionaries({
        "age_band": st.sampled_from(["SoixanteDixPlus", "VingtCinqTrenteNeuf", NON_COMMUNIQUE]),
        "gender": st.sampled_from(["Feminin", "Masculin"]),
        "social_status": st.sampled_from(["Retraite", "EnEmploi", "SansEmploi"]),
        "departement": st.sampled_from(["86", "79", "2A"]),
        "month": st.sampled_from(["2026-01", "2026-02", "2026-03"]),
        "beneficiary_key": st.sampled_from([None, "a" * 32, "b" * 32, "c" * 32]),
    }),
    max_size=80,
)


@settings(max_examples=80, deadline=None)
@given(records=RECORDS, k=st.sampled_from([3, 5]))
def test_local_suppression_property_on_random_rows(records, k):
    # a person's attributes are the same on all their rows, as the export makes them
    people: dict[str, dict[str, Any]] = {}
    for r in records:
        if r["beneficiary_key"]:
            first = people.setdefault(r["beneficiary_key"], r)
            r.update({a: first[a] for a in PERSON_ATTRIBUTES})
    kept, report = exports.locally_suppress(records, k)
    assert report.rows_kept == len(kept)
    assert report.rows_kept + report.rows_dropped == len(records)
    if kept:
        assert min(combinations(kept).values()) >= k
    by_key: dict[str, set[tuple[Any, ...]]] = defaultdict(set)
    for r in kept:
        if r["beneficiary_key"]:
            by_key[r["beneficiary_key"]].add(tuple(r[a] for a in PERSON_ATTRIBUTES))
    assert all(len(v) == 1 for v in by_key.values())
