"""Benchmark data: encrypted vaults of a whole structure's size, built fast and cached.

Sizes (see docs/benchmarks.md):

- S: 100 files, 1,000 sessions (CI runs the benchmarks at this size once);
- M: 10,000 files, 100,000 sessions (the size the targets are stated for);
- L: 1,000,000 anonymised activity rows of 40 workers. L has no vault of its own:
  tests/bench/bench_reports.py builds its export files; the vault metrics of a run at
  L use the M vault.

The people and sessions come from the demo generator's own distributions and
helpers (accomp.services.generators: names, ages, themes, seasons, visits that thin out in
August, workshops…), so a benchmark vault looks like a real year and a half of a
busy structure. What differs from `generate_demo` is only the speed at size M:

- workshop participants are drawn by rejection among the people followed around
  that day (the demo filters every file for every workshop: quadratic);
- sessions are written as plain driver tuples in one transaction (no pydantic
  object per row); one row in fifty is still validated by the domain models and
  rules, so the data cannot drift from what the application accepts;
- each session and file gets its `activity.create` / `beneficiary.create` audit
  event, hash-chained as `audit.append` would chain it (a real vault of 100,000
  sessions has a journal of that size too). `accomp check` passes on these vaults.

Vaults use a cheap key derivation (the KDF is excluded from every metric) and are
cached under `$ACCOMP_BENCH_CACHE` (default: the system's temporary folder)
/ accomp-bench / <size>-seed<seed>-<schema head>-v<DATASET_VERSION>, so a second run
starts at once. Metrics that write work on a copy (`working_copy`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Benchmark vaults use a cheap KDF, below the policy real key files are held to.
os.environ.setdefault("ACCOMP_KDF_FLOOR", "1,1024,1")

DATASET_VERSION = 1
PASSPHRASE = "banc d'essai accomp, coffre synthétique"
CHEAP_KDF = (1, 1024, 1)  # Argon2id t, m (KiB), p: about a millisecond
TODAY = dt.date(2026, 11, 27)  # fixed, so the same seed gives the same vault any day
WORKER = "bench"


@dataclass(frozen=True, slots=True)
class Size:
    name: str
    activities: int
    beneficiaries: int
    # consolidation rows (bench_reports): 10 x the activities
    repeats: int  # how many times a timed operation is repeated at this size


SIZES = {
    "S": Size("S", 1_000, 100, 3),
    "M": Size("M", 100_000, 10_000, 10),
}
SIZES["L"] = Size("L", 100_000, 10_000, 10)  # vault metrics of an L run use the M vault


@dataclass(frozen=True, slots=True)
class Dataset:
    size: Size
    seed: int
    data_dir: Path
    passphrase: str
    built_in_s: float | None  # None when it came from the cache

    @property
    def paths(self) -> Any:
        from accomp.paths import AppPaths

        return AppPaths.at(self.data_dir)


def cache_root(cache_dir: Path | None = None) -> Path:
    if cache_dir is not None:
        return cache_dir
    env = os.environ.get("ACCOMP_BENCH_CACHE")
    return Path(env) if env else Path(tempfile.gettempdir()) / "accomp-bench"


def prepare(
    size: str, *, seed: int = 1, cache_dir: Path | None = None,
    say: Callable[[str], None] = print,
) -> Dataset:
    """The cached vault of this size and seed, built first if needed."""
    from accomp.store import migrate

    spec = SIZES[size]
    vault_size = "M" if size == "L" else size
    key = f"{vault_size}-seed{seed}-{migrate.head_revision()}-v{DATASET_VERSION}"
    root = cache_root(cache_dir)
    final = root / key
    if (final / "vault.key").exists() and (final / "vault.db").exists():
        return Dataset(spec, seed, final, PASSPHRASE, None)
    root.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{key}.", dir=root))
    say(f"building the {vault_size} vault ({spec.beneficiaries:,} files, "
        f"{spec.activities:,} sessions) in {final} …")
    t0 = time.perf_counter()
    try:
        build(building / "v", spec, seed)
        try:
            (building / "v").rename(final)
        except OSError:  # another run finished first: use its vault
            if not (final / "vault.key").exists():
                raise
    finally:
        shutil.rmtree(building, ignore_errors=True)
    elapsed = time.perf_counter() - t0
    say(f"built in {elapsed:.1f} s")
    return Dataset(spec, seed, final, PASSPHRASE, elapsed)


def open_vault(data_dir: Path, passphrase: str = PASSPHRASE) -> Any:
    from accomp.paths import AppPaths
    from accomp.services import vaults

    return vaults.unlock(AppPaths.at(data_dir), passphrase)


def working_copy(ds: Dataset, dest: Path) -> Path:
    """A copy of the dataset's vault folder that a metric may write to."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("vault.db", "vault.db-wal", "vault.key"):
        src = ds.data_dir / name
        if src.exists():
            shutil.copy2(src, dest / name)
    return dest


def hex_key(data_dir: Path, passphrase: str = PASSPHRASE) -> str:
    from accomp.store.keys import KeyFile, key_hex

    return key_hex(KeyFile.read(data_dir / "vault.key").open_with_passphrase(passphrase))


def plain_copy(data_dir: Path, dest: Path, passphrase: str = PASSPHRASE) -> Path:
    """The vault's database decrypted into `dest` (plain SQLite: same schema,
    triggers, rows), with sqlcipher_export."""
    import sqlcipher3

    from accomp.store import engine

    if dest.exists():
        dest.unlink()
    conn = engine.connect(data_dir / "vault.db", hex_key(data_dir, passphrase))
    try:
        conn.execute(f"ATTACH DATABASE '{dest}' AS plaintext KEY ''")
        conn.execute("SELECT sqlcipher_export('plaintext')")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"PRAGMA plaintext.user_version = {int(version)}")
        conn.execute("DETACH DATABASE plaintext")
    finally:
        conn.close()
    check = sqlcipher3.connect(str(dest))
    try:
        check.execute("SELECT count(*) FROM activity").fetchone()
    finally:
        check.close()
    return dest


# --- building ------------------------------------------------------------------------


def build(data_dir: Path, spec: Size, seed: int) -> None:
    from accomp.paths import AppPaths
    from accomp.services import vaults

    vault, _code = vaults.create_vault(
        AppPaths.at(data_dir), PASSPHRASE, kdf=vaults.KdfParams(*CHEAP_KDF),
        enforce_policy=False,
    )
    try:
        _fill(vault, spec, seed)
        report = vaults.check(vault)
        if not report.sound:
            raise RuntimeError(f"benchmark vault unsound: {report}")
    finally:
        vault.lock()


def _fill(vault: Any, spec: Size, seed: int) -> None:
    from accomp.services.generators import demo, distributions, plan

    n_collective = round(spec.activities * 0.2)
    n_individual = spec.activities - n_collective
    n_anonymous = round(n_individual * 0.2)
    n_tracked = n_individual - n_anonymous

    pick = distributions._Pick(seed)
    start = TODAY - dt.timedelta(days=distributions.PERIOD_DAYS)
    cal = distributions._Calendar.build(start, TODAY)
    places = plan._Communes()
    people = plan._make_people(pick, spec.beneficiaries, TODAY, places, 1)
    plans = _plan_sessions(pick, cal, people, places, n_anonymous, n_collective, n_tracked)
    _validate_sample(plans)
    activity_rows, participants = _activity_rows(plans)
    beneficiary_rows = demo._beneficiary_rows(people, TODAY)
    code_of = {p.id: p.code for p in people}

    with vault.transaction() as s:
        conn = s.connection()
        _insert(conn, "beneficiary", [_beneficiary_tuple(r) for r in beneficiary_rows],
                _BENEFICIARY_COLUMNS)
        _insert(conn, "activity", activity_rows, _ACTIVITY_COLUMNS)
        _insert(conn, "activity_participant", participants, ("activity_id", "beneficiary_id"))
        last = conn.exec_driver_sql(
            "SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1").fetchone()
        events = _audit_events(beneficiary_rows, activity_rows, participants, code_of,
                               int(last[0]) if last else 0, last[1] if last else "0" * 64)
        _insert(conn, "audit_event", events, _AUDIT_COLUMNS)


def _plan_sessions(
    pick: Any, cal: Any, people: list[Any], places: Any,
    n_anonymous: int, n_collective: int, n_tracked: int,
) -> list[dict[str, Any]]:
    """As demo._plan_sessions, with workshop participants drawn by rejection."""
    from accomp.services.generators import distributions, plan

    planned: list[tuple[int, int, dict[str, Any]]] = []
    if people:
        plan._spread_visits(pick, people, n_tracked)
    else:
        n_anonymous += n_tracked
    for person in people:
        for index in sorted(plan._visit_days(pick, cal, person.visits)):
            day = cal.days[index]
            person.dates.append(day)
            planned.append((index, len(planned), plan._individual(pick, day, person, places)))
    for _ in range(n_anonymous):
        index = cal.sample(pick)
        planned.append((index, len(planned),
                        plan._individual(pick, cal.days[index], None, places)))
    spans = [(cal.position[min(p.dates)], cal.position[max(p.dates)]) for p in people]
    weights = {w: w.weight for w in distributions._WORKSHOPS}
    window = 40  # working days: about two months, as the demo
    for _ in range(n_collective):
        index = cal.sample(pick)
        day = cal.days[index]
        workshop = pick.one(weights)
        pool: dict[int, Any] = {}
        for _try in range(200):
            if len(pool) >= 12 or not people:
                break
            i = pick.rng.randrange(len(people))
            lo, hi = spans[i]
            if lo - window <= index <= hi + window:
                pool[i] = people[i]
        data, tracked = plan._collective(pick, day, workshop, list(pool.values()), places)
        for p in tracked:
            p.dates.append(day)
        planned.append((index, len(planned), data))
    planned.sort(key=lambda item: (item[0], item[1]))
    return [data for _, _, data in planned]


def _validate_sample(plans: list[dict[str, Any]]) -> None:
    """One session in fifty goes through the application's own validation."""
    from accomp.services.generators import demo

    for data in plans[::50]:
        demo._validated_activity(data, TODAY)


_ACTIVITY_COLUMNS = (
    "id", "kind", "date", "duration_min", "place_type", "commune_name",
    "commune_postal_code", "commune_insee", "themes", "admin_themes", "procedure_details",
    "equipment", "notes", "beneficiary_id", "autonomy", "referred", "referral_target",
    "completion", "workshop_title", "level", "anonymous", "participants", "created_at",
    "updated_at",
)
_BENEFICIARY_COLUMNS = (
    "id", "code", "first_name", "last_name", "phone", "email", "birth_year", "notes",
    "commune_name", "commune_postal_code", "commune_insee", "gender", "age_band",
    "social_status", "legal_basis", "informed_on", "notice_version", "notice_hash",
    "search_key", "anonymised_at", "last_contact", "created_at", "updated_at",
)
_AUDIT_COLUMNS = ("id", "at", "actor", "action", "entity", "ref", "details", "prev_hash",
                  "hash")


def _sql_value(value: Any) -> Any:
    """What SQLAlchemy's SQLite types store: ISO dates, 'YYYY-MM-DD HH:MM:SS.ffffff'
    datetimes (naive UTC), 0/1 booleans, JSON text for lists and dicts."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, list | dict):
        return json.dumps(value)
    return value


def _json(value: Any) -> str:
    return json.dumps(value)


def _activity_rows(
    plans: list[dict[str, Any]],
) -> tuple[list[tuple[Any, ...]], list[tuple[int, int]]]:
    from accomp.services.generators import demo

    rows: list[tuple[Any, ...]] = []
    participants: list[tuple[int, int]] = []
    for n, d in enumerate(plans):
        activity_id = n + 1
        collective = d["kind"] == "Collectif"
        commune = d.get("commune") or {}
        tracked = d.get("participant_ids", [])
        anonymous = d.get("anonymous", {}) if collective else {}
        if collective:
            anonymous = {"total": anonymous.get("total", 0),
                         "already_supported": anonymous.get("already_supported", 0),
                         "by_gender": anonymous.get("by_gender", {}),
                         "by_age_band": anonymous.get("by_age_band", {}),
                         "by_status": anonymous.get("by_status", {})}
        stamp = _sql_value(demo._stamp(d["date"], n))
        rows.append((
            activity_id, d["kind"], d["date"].isoformat(), d["duration_min"], d["place_type"],
            commune.get("name"), commune.get("postal_code"), commune.get("insee"),
            _json(d.get("themes", [])), _json(d.get("admin_themes", [])),
            d.get("procedure_details"), _json(d.get("equipment", [])), d.get("notes"),
            d.get("beneficiary_id"), d.get("autonomy"), int(bool(d.get("referred"))),
            d.get("referral_target"), d.get("completion"), d.get("workshop_title"),
            d.get("level"), _json(anonymous),
            len(tracked) + anonymous.get("total", 0) if collective else 1, stamp, stamp,
        ))
        participants.extend((activity_id, b) for b in tracked)
    return rows, participants


def _beneficiary_tuple(row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(_sql_value(row[c]) for c in _BENEFICIARY_COLUMNS)


def _audit_events(
    beneficiaries: list[dict[str, Any]], activities: list[tuple[Any, ...]],
    participants: list[tuple[int, int]], code_of: dict[int, str], last_id: int,
    last_hash: str,
) -> list[tuple[Any, ...]]:
    """The journal a worker's logging would have left: one event per file and
    session, in time order, chained as audit.append chains them."""
    from accomp.store import audit

    tracked: dict[int, list[int]] = {}
    for activity_id, b in participants:
        tracked.setdefault(activity_id, []).append(b)
    stamped: list[tuple[dt.datetime, int, str, str, str, dict[str, Any]]] = []
    for n, b in enumerate(beneficiaries):
        stamped.append((b["created_at"], n, "beneficiary.create", "beneficiary", b["code"], {}))
    ids = _ACTIVITY_COLUMNS.index("id")
    who = _ACTIVITY_COLUMNS.index("beneficiary_id")
    created = _ACTIVITY_COLUMNS.index("created_at")
    for n, a in enumerate(activities):
        people = [a[who]] if a[who] is not None else tracked.get(a[ids], [])
        at = dt.datetime.fromisoformat(a[created]).replace(tzinfo=dt.UTC)
        stamped.append((at, len(beneficiaries) + n, "activity.create", "activity",
                        str(a[ids]), {"beneficiaries": sorted(code_of[p] for p in people)}))
    stamped.sort(key=lambda e: (e[0], e[1]))
    events: list[tuple[Any, ...]] = []
    prev_id, prev_hash = last_id, last_hash
    for at, _n, action, entity, ref, details in stamped:
        when = at.astimezone(dt.UTC).replace(microsecond=0)
        event_id = prev_id + 1
        digest = audit._digest(prev_hash, event_id, when, WORKER, action, entity, ref, details)
        events.append((event_id, _sql_value(when), WORKER, action, entity, ref,
                       _json(details), prev_hash, digest))
        prev_id, prev_hash = event_id, digest
    return events


def _insert(
    conn: Any, table: str, rows: Iterable[tuple[Any, ...]], columns: tuple[str, ...]
) -> None:
    rows = list(rows)
    if not rows:
        return
    marks = ", ".join("?" * len(columns))
    conn.exec_driver_sql(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


# --- plain-SQLite helpers for baselines --------------------------------------------------


def names_table(data_dir: Path, dest: Path, passphrase: str = PASSPHRASE) -> Path:
    """A plain SQLite file with the files' codes, search keys and last contacts:
    the table a plain LIKE search runs on (the baseline of the search metric)."""
    from accomp.store import engine

    if dest.exists():
        dest.unlink()
    src = engine.connect(data_dir / "vault.db", hex_key(data_dir, passphrase), read_only=True)
    try:
        rows = src.execute(
            "SELECT id, code, search_key, last_contact FROM beneficiary").fetchall()
    finally:
        src.close()
    db = sqlite3.connect(dest)
    try:
        db.execute("CREATE TABLE names (id INTEGER PRIMARY KEY, code TEXT UNIQUE, "
                   "search_key TEXT, last_contact TEXT)")
        db.execute("CREATE INDEX ix_names_last_contact ON names (last_contact)")
        db.executemany("INSERT INTO names VALUES (?, ?, ?, ?)", rows)
        db.commit()
    finally:
        db.close()
    return dest


def fingerprint(data_dir: Path) -> str:
    """A short hash of the vault's key file: tells two cached vaults apart in reports."""
    return hashlib.sha256((data_dir / "vault.key").read_bytes()).hexdigest()[:8]
