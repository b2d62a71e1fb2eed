"""A supervisor's team summary: files checked, nothing counted twice, the team's
counts the sum of the workers', published with the same protection."""

from __future__ import annotations

import datetime as dt
import random
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from consolidate_reference import consolidated_counts, consolidated_keys, read_inputs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accomp.domain.errors import KnownError
from accomp.domain.models import ActivityFilter
from accomp.domain.vocab import vocabulary
from accomp.paths import AppPaths
from accomp.privacy.cellkey import KEY_MODULUS
from accomp.privacy.generalise import NON_COMMUNIQUE
from accomp.reports import activity_rows
from accomp.reports.activity_rows import FileIdentity
from accomp.reports.activity_tag import FileKey
from accomp.services import consolidation, exports, vaults
from accomp.services.generators.demo import generate_demo
from accomp.store import stats
from accomp.store.filetag import activity_file_key

SECRET = bytes(range(32))
STRUCTURE = exports.structure_id(SECRET)
KEY = FileKey(activity_file_key(SECRET), STRUCTURE)
TODAY = dt.date(2026, 11, 28)


def identity(worker: str, start: str = "2026-01-01", end: str = "2026-06-30",
             structure: str = STRUCTURE, export: str | None = None) -> FileIdentity:
    return FileIdentity(export or random.Random(worker + start).randbytes(16).hex(),
                        structure, worker * 32, dt.date.fromisoformat(start),
                        dt.date.fromisoformat(end))


def synthetic_rows(n: int, seed: int, people: list[str]) -> list[dict[str, Any]]:
    """Rows as an export writes them (not locally suppressed: this is about counting)."""
    rng = random.Random(seed)
    v = vocabulary()

    def keys(name: str) -> list[str]:
        return sorted(v.keys(name))

    attrs = {p: (rng.choice(keys("age_bands")), rng.choice(keys("genders")),
                 rng.choice(keys("social_statuses")), rng.choice(["86", "79", "2A"]))
             for p in people}
    rows = []
    for _ in range(n):
        individual = rng.random() < 0.8
        key = rng.choice([*people, None]) if individual else None
        age, gender, status, dept = attrs[key] if key else (NON_COMMUNIQUE,) * 4
        participants = sorted(rng.sample(people, rng.randint(0, 3))) if not individual else []
        minutes = rng.choice([15, 30, 45, 60, 90, 120, 150])
        rows.append({
            "month": f"2026-0{rng.randint(1, 6)}",
            "kind": "Individuel" if individual else "Collectif",
            "duration_bucket": ("30" if minutes < 30 else "60" if minutes < 60
                                else "120" if minutes < 120 else "more"),
            "duration_min_rounded": minutes,
            "place_type": rng.choice(keys("place_types")),
            "themes": rng.sample(keys("themes"), rng.randint(1, 3)),
            "admin_themes": rng.sample(keys("admin_themes"), rng.randint(0, 2)),
            "equipment": rng.sample(keys("equipment"), rng.randint(0, 2)),
            "autonomy": rng.choice(keys("autonomy")) if individual else "SansObjet",
            "referral": rng.choice(["NonOriente", "AideSociale"]) if individual else "SansObjet",
            "completion": NON_COMMUNIQUE if individual else "SansObjet",
            "level": "SansObjet" if individual else "Debutant",
            "beneficiary_key": key,
            "age_band": age, "gender": gender, "social_status": status, "departement": dept,
            "first_visit": (rng.choice(["PremierAccompagnement", "DejaAccompagne"]) if key
                            else NON_COMMUNIQUE if individual else "SansObjet"),
            "participant_keys": participants,
            "first_visit_keys": participants[:1],
            "participants_anonymous": 0 if individual else rng.randint(0, 8),
            "anonymous_already_supported": 0,
            "record_key": rng.randrange(2**32),
        })
    return rows


def write(path: Path, rows: list[dict[str, Any]], ident: FileIdentity,
          secret: bytes = SECRET) -> Path:
    table = activity_rows.to_table(rows, ident)
    key = activity_file_key(secret)
    data = (activity_rows.parquet_bytes(table, key) if path.suffix == ".parquet"
            else activity_rows.csv_bytes(table, key))
    path.write_bytes(data)
    return path


def team(paths: list[Path], **options: Any) -> Any:
    """The consolidation a supervisor runs with the structure's secret."""
    options.setdefault("key", KEY)
    return consolidation.consolidate(paths, **options)


def people(prefix: str, n: int) -> list[str]:
    return [(prefix * 32)[:30] + f"{i:02x}" for i in range(n)]


@pytest.fixture
def two_workers(tmp_path: Path) -> tuple[Path, Path]:
    a = write(tmp_path / "alice.parquet", synthetic_rows(400, 1, people("a", 60)),
              identity("a"))
    b = write(tmp_path / "bruno.csv", synthetic_rows(300, 2, people("b", 40)), identity("b"))
    return a, b


def test_two_workers_consolidate_to_the_sum_of_their_unsuppressed_inputs(two_workers):
    a, b = two_workers
    team = consolidated_counts(read_inputs([a, b]))
    alone = [consolidated_counts(read_inputs([p])) for p in (a, b)]
    for name, cells in team.items():
        expected: Counter[str] = Counter()
        for counts in alone:
            expected.update(counts.get(name, {}))
        assert cells == {c: n for c, n in expected.items() if n}, name
    assert sum(team["activities_by_kind"].values()) == 700
    assert sum(team["beneficiaries_by_gender"].values()) == 100


def test_the_team_summary_is_published_with_the_same_protection(two_workers):
    summary = team(list(two_workers), k=5)
    assert summary.source == "consolidation"
    assert {k: summary.inputs[k] for k in ("files", "rows")} == {"files": 2, "rows": 700}
    assert summary.inputs["coverage"] == [
        {"worker_id": "a" * 32, "period_from": "2026-01-01", "period_to": "2026-06-30",
         "files": 1, "rows": 400},
        {"worker_id": "b" * 32, "period_from": "2026-01-01", "period_to": "2026-06-30",
         "files": 1, "rows": 300},
    ]
    assert (summary.date_from, summary.date_to) == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    for table in summary.tables:
        if table.unit != "minutes":
            assert not [v for v in table.published_counts() if 0 < v < 5], table.name
    assert summary.suppressed_cells == 0  # every cell published through the cell keys
    assert any(row.perturbed for t in summary.tables for row in t.rows)


def test_an_engine_out_of_memory_or_disk_is_a_known_error(two_workers, monkeypatch):
    """Counting spills to the temporary folder beyond DuckDB's memory limit; when
    that fails (full disk), the supervisor reads why, never a traceback."""
    import duckdb

    from accomp.reports import consolidate_sql

    for error in (duckdb.OutOfMemoryException, duckdb.IOException):
        def fail(*_: Any, error: type[Exception] = error) -> Any:
            raise error("could not allocate block")

        monkeypatch.setattr(consolidate_sql, "counts_and_keys", fail)
        with pytest.raises(KnownError) as err:
            team(list(two_workers))
        assert err.value.code == "disk_error"


def test_the_same_file_twice_is_refused(two_workers, tmp_path):
    a, _ = two_workers
    copy = tmp_path / "copie.parquet"
    shutil.copy(a, copy)
    for inputs in ([a, a], [a, copy]):
        with pytest.raises(KnownError) as err:
            team(inputs)
        assert err.value.code == "consolidation_same_file"
        assert err.value.params == {"a": "1", "b": "2"}


def test_the_same_rows_under_another_export_id_are_refused(tmp_path):
    rows = synthetic_rows(50, 3, people("c", 10))
    first = write(tmp_path / "1.parquet", rows, identity("c", export="1" * 32))
    # exported again later, over a period that includes the first one
    second = write(tmp_path / "2.csv", rows, identity("c", "2025-12-01", "2026-12-31",
                                                      export="2" * 32))
    with pytest.raises(KnownError) as err:
        team([first, second])
    assert err.value.code == "consolidation_overlap"
    # successive periods of one worker are fine
    later = [{**r, "month": f"2026-{int(r['month'][-2:]) + 6:02d}"} for r in rows]
    third = write(tmp_path / "3.csv", later, identity("c", "2026-07-01", "2026-12-31",
                                                      export="3" * 32))
    assert team([first, third]).inputs["rows"] == 100


def test_files_of_another_structure_are_refused(two_workers, tmp_path):
    a, _ = two_workers
    other_secret = bytes(range(1, 33))
    other = write(tmp_path / "other.parquet", synthetic_rows(20, 4, people("d", 5)),
                  identity("d", structure=exports.structure_id(other_secret)), other_secret)
    with pytest.raises(KnownError) as err:
        team([a, other])
    assert err.value.code == "consolidation_refused"
    assert "other.parquet" in err.value.message("fr")
    assert "autre structure" in err.value.message("fr")
    # without tag verification, the structure ids still differ
    with pytest.raises(KnownError) as err:
        team([a, other], key=None)
    assert err.value.code == "consolidation_mixed_structures"


def test_a_file_that_does_not_follow_the_schema_is_refused(two_workers, tmp_path):
    a, _ = two_workers
    table = pq.read_table(a)
    cases = {
        "missing.parquet": table.drop_columns(["themes"]),
        "name.parquet": table.set_column(
            table.schema.get_field_index("gender"), "gender",
            pa.array(["Zéphyrine CANARYNAME"] * len(table))),
        "mixed.parquet": pa.concat_tables([
            table.slice(0, 5),
            table.slice(5).set_column(1, "export_id", pa.array(["e" * 32] * (len(table) - 5))),
        ]),
    }
    expected = {"missing.parquet": "themes", "name.parquet": "gender",
                "mixed.parquet": "export_id"}
    for name, bad in cases.items():
        pq.write_table(bad, tmp_path / name)
        with pytest.raises(KnownError) as err:
            team([a, tmp_path / name], key=None)
        assert err.value.code == "consolidation_bad_schema"
        assert err.value.params == {"n": "2", "column": expected[name]}
        assert "CANARYNAME" not in err.value.message("fr")


def test_unreadable_and_missing_files_are_named_by_position(two_workers, tmp_path):
    a, _ = two_workers
    junk = tmp_path / "junk.csv"
    junk.write_bytes(b"\x00\xff" * 100)
    pdf = tmp_path / "report.csv"
    pdf.write_text("a,b\n1,2\n")
    for path, code in ((junk, "consolidation_unreadable"),
                       (pdf, "consolidation_bad_schema"),
                       (tmp_path / "absent.parquet", "consolidation_file_missing")):
        with pytest.raises(KnownError) as err:
            team([a, path], allow_untagged=True)
        assert err.value.code == code
        assert err.value.params["n"] == "2"
    with pytest.raises(KnownError) as err:
        team([])
    assert err.value.code == "consolidation_no_input"


def test_a_workers_own_export_consolidates_to_their_own_activity_counts(tmp_path):
    vault, _ = vaults.create_vault(AppPaths.at(tmp_path / "v"), "x",
                                   kdf=vaults.KdfParams(1, 1024, 1), enforce_policy=False)
    try:
        generate_demo(vault, seed=8, activities=800, today=TODAY)
        start, end = dt.date(2025, 6, 1), TODAY
        out = tmp_path / "a.parquet"
        result = exports.export_activities(vault, start, end, "parquet", out)
        assert result.details["rows_dropped"] == 0
        keys = exports.record_keys(vault)
        with vault.reading() as s:
            local, local_keys = stats.summary_counts_and_keys(s, start, end, ActivityFilter(),
                                                              keys)
    finally:
        vault.lock()
    team = consolidated_counts(read_inputs([out]))
    # dimensions that are not quasi-identifiers go through unchanged
    for dim in ("kind", "theme", "admin_theme", "place_type", "duration", "autonomy",
                "referral"):
        assert team[f"activities_by_{dim}"] == {
            c: n for c, n in local[f"activities_by_{dim}"].items() if n}, dim
        assert team[f"beneficiaries_by_{dim}"] == local[f"beneficiaries_by_{dim}"], dim
    assert team["participations_by_first_visit"] == local["participations_by_first_visit"]
    def nonzero(cells: dict[str, int]) -> dict[str, int]:
        return {c: n for c, n in cells.items() if n}

    assert nonzero(team["beneficiaries_by_first_visit"]) == nonzero(
        local["beneficiaries_by_first_visit"])
    assert sum(team["participations_by_gender"].values()) == sum(
        local["participations_by_gender"].values())
    # the same records carry the same keys: the team's cells get the worker's noise
    team_keys = consolidated_keys(read_inputs([out]))
    assert same_keys(engine([out], key=None)[1], team_keys)
    for dim in ("kind", "theme", "place_type", "duration", "autonomy", "referral"):
        for unit in ("activities", "beneficiaries"):
            name = f"{unit}_by_{dim}"
            assert {c: v % 2**32 for c, v in team_keys[name].items() if team[name].get(c)} == {
                c: v % 2**32 for c, v in local_keys[name].items() if local[name].get(c)}, name
    name = "participations_by_first_visit"
    assert {c: v % 2**32 for c, v in team_keys[name].items() if team[name].get(c)} == {
        c: v % 2**32 for c, v in local_keys[name].items() if local[name].get(c)}


def test_two_people_with_the_same_code_in_two_logbooks_are_never_merged(tmp_path):
    from sqlalchemy import text

    from accomp.paths import AppPaths
    from accomp.services import activities, beneficiaries, exports, vaults

    made = []
    for name in ("a", "b"):
        v, _ = vaults.create_vault(AppPaths.at(tmp_path / name), "x",
                                   kdf=vaults.KdfParams(1, 1024, 1), enforce_policy=False)
        made.append(v)
    first, second = made
    exports.save_structure_secret(first, tmp_path / "secret")
    exports.import_structure_secret(second, tmp_path / "secret")
    for v in made:
        b = beneficiaries.create_beneficiary(v, {"gender": "Feminin"})
        with v.transaction() as s:
            s.execute(text("UPDATE beneficiary SET code = 'B-SAME' WHERE id = :id"),
                      {"id": b.id})
        for day in (2, 3, 4):  # three rows: the combination survives k = 3
            activities.log_activity(v, {"date": f"2026-11-0{day}", "duration_min": 30,
                                        "place_type": "LieuActivite", "themes": ["Email"],
                                        "beneficiary_id": b.id})
    keys = [
        set(exports.anonymised_activities(v, "2026-11-01", "2026-11-30", k=3)
            .table.column("beneficiary_key").to_pylist())
        for v in made
    ]
    for v in made:
        v.lock()
    assert all(len(k) == 1 for k in keys)
    assert keys[0].isdisjoint(keys[1])


def test_the_streaming_engine_counts_exactly_as_the_reference(two_workers, tmp_path):
    from accomp.reports import consolidate_sql

    rows = synthetic_rows(300, 5, people("a", 60))  # the same people as alice: shared keys
    for row in rows[::5]:
        row["month"] = NON_COMMUNIQUE
    for row in rows[1::9]:  # a person whose rows disagree on an attribute
        if row["beneficiary_key"]:
            row["gender"] = "Masculin" if row["gender"] != "Masculin" else "Feminin"
    third = write(tmp_path / "carla.csv", rows, identity("c", "2026-01-01", "2026-06-30"))
    paths = [*two_workers, third]
    expected = consolidated_counts(read_inputs(paths))
    con = consolidate_sql.connect()
    try:
        sources = [consolidate_sql.open_source(con, p, i, KEY, False)
                   for i, p in enumerate(paths, start=1)]
        got = consolidate_sql.counts(con, sources)
    finally:
        con.close()
    assert set(got) == set(expected)
    for name in expected:
        assert got[name] == {c: n for c, n in expected[name].items()
                             if n or name == "beneficiaries_by_first_visit"}, name


def engine(paths: list[Path], key: FileKey | None = KEY) -> tuple[Any, Any]:
    """The streaming engine's counts and key sums, as consolidate() gets them."""
    from accomp.reports import consolidate_sql

    con = consolidate_sql.connect()
    try:
        sources = [consolidate_sql.open_source(con, p, i, key, key is None)
                   for i, p in enumerate(paths, start=1)]
        return consolidate_sql.counts_and_keys(con, sources)
    finally:
        con.close()


def same_keys(got: dict[str, dict[str, int]], expected: dict[str, dict[str, int]]) -> bool:
    """Equal cell keys: the key sums modulo KEY_MODULUS (all a cell key depends on),
    a missing sum being 0."""
    def norm(keys: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
        return {name: {c: v % KEY_MODULUS for c, v in cells.items() if v % KEY_MODULUS}
                for name, cells in keys.items()}
    assert set(got) == set(expected)
    for name in expected:
        assert norm(got)[name] == norm(expected)[name], name
    return True


def test_the_streaming_engine_sums_keys_exactly_as_the_reference(two_workers, tmp_path):
    rows = synthetic_rows(300, 5, people("a", 60))  # the same people as alice: shared keys
    for row in rows[::5]:
        row["month"] = NON_COMMUNIQUE
    for row in rows[1::9]:  # a person whose rows disagree on an attribute
        if row["beneficiary_key"]:
            row["gender"] = "Masculin" if row["gender"] != "Masculin" else "Feminin"
    for row in rows[2::7]:  # anonymous participants, some already supported
        if row["kind"] == "Collectif" and row["participants_anonymous"]:
            row["anonymous_already_supported"] = 1
    rows[3]["record_key"] = 2**63 - 1  # sums beyond 64 bits
    third = write(tmp_path / "carla.csv", rows, identity("c", "2026-01-01", "2026-06-30"))
    paths = [*two_workers, third]
    assert same_keys(engine(paths)[1], consolidated_keys(read_inputs(paths)))


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])
@given(n=st.integers(1, 40), seed=st.integers(0, 2**16), n_people=st.integers(3, 6),
       record_keys=st.lists(st.sampled_from([0, 1, 2**32 - 1, 2**32, 2**40 + 3, 2**63 - 1])
                            | st.integers(0, 2**63 - 1), min_size=40, max_size=40),
       disagree=st.booleans(), suffix=st.sampled_from([".parquet", ".csv"]))
def test_the_engines_keys_agree_on_generated_files(tmp_path, n, seed, n_people, record_keys,
                                                  disagree, suffix):
    rows = synthetic_rows(n, seed, people("c", n_people))
    for row, record_key in zip(rows, record_keys, strict=False):
        row["record_key"] = record_key
        if disagree and row["beneficiary_key"] and record_key % 2:
            row["age_band"] = NON_COMMUNIQUE
        if row["kind"] == "Collectif" and record_key % 3 == 0:
            row["anonymous_already_supported"] = row["participants_anonymous"] // 2
    path = write(tmp_path / f"g{seed}{suffix}", rows, identity("e"))
    counts, keys = engine([path])
    assert same_keys(keys, consolidated_keys(read_inputs([path])))
    expected = consolidated_counts(read_inputs([path]))
    assert counts["participations_by_first_visit"] == expected[
        "participations_by_first_visit"]


@pytest.mark.parametrize("key", ["0" * 32, "0" * 31 + "1", "00ab" + "f" * 28, "f" * 32,
                                 "0123456789abcdef" * 2])
def test_duckdb_derives_a_persons_key_as_privacy_does(key):
    from accomp.privacy.cellkey import person_key
    from accomp.reports import consolidate_sql

    con = consolidate_sql.connect()
    try:
        sql = consolidate_sql._person_key_sql(f"('0x' || '{key}')::UHUGEINT")
        [(got,)] = con.execute(f"SELECT {sql}").fetchall()
    finally:
        con.close()
    assert got == person_key(key)


def test_the_team_summary_publishes_what_the_reference_keys_publish(two_workers):
    from accomp.reports.summary import build_summary

    paths = list(two_workers)
    summary = team(paths, k=5)
    rows = read_inputs(paths)
    reference = build_summary(consolidated_counts(rows), keys=consolidated_keys(rows),
                              date_from=summary.date_from, date_to=summary.date_to, k=5,
                              source="consolidation")
    assert {t.name: t.published_counts() for t in summary.tables} == {
        t.name: t.published_counts() for t in reference.tables}
