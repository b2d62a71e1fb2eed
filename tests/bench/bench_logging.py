"""Logging one session: accomp's whole path against a raw insert, and encrypted
against plain SQLite.

The workload: sessions like the vault's own (individual with a file, anonymous,
workshops with tracked participants), taken from the vault and logged again as a
worker would type them: `services.activities.log_activity(vault, data)` — validate,
consent rules, write the session and its participants, refresh the last contact,
append to the audit journal, commit with synchronous=FULL.

Three copies of the vault are written to, in turn for each session (so that the
machine's noise falls on all three alike):

- accomp, encrypted: the vault as the application opens it;
- raw sqlcipher3: one INSERT of the same session row + COMMIT on a connection kept
  open, with the application's pragmas (key, WAL, synchronous=FULL, foreign keys,
  secure_delete): the database's own cost (baseline of "log one activity");
- accomp, plain: the same code on an unencrypted copy (sqlcipher_export), through an
  engine built here the way store/engine.py builds the real one, minus the key
  (baseline of "encrypted vs plain"). Only this benchmark builds such an engine.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

LOG_KEY = "log_activity"
LOG_METRIC = "log one activity (validate, write, audit, commit FULL), p95"
LOG_TARGET = "≤ 2×"
ENC_KEY = "encryption"
ENC_METRIC = "encrypted vs plain SQLite, logging workload (median per session)"
ENC_TARGET = "≤ 1.3×"
METRICS = {LOG_KEY: LOG_METRIC, ENC_KEY: ENC_METRIC}
TARGETS = {LOG_KEY: LOG_TARGET, ENC_KEY: ENC_TARGET}

_PRAGMAS = ("PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON",
            "PRAGMA secure_delete = ON", "PRAGMA busy_timeout = 5000")


def _raw_connection(db: Path, hex_key: str | None) -> Any:
    import sqlcipher3

    conn = sqlcipher3.connect(str(db), check_same_thread=False, isolation_level=None)
    if hex_key is not None:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{hex_key}'\"")
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.execute("PRAGMA journal_mode = WAL").fetchone()
    for pragma in _PRAGMAS:
        conn.execute(pragma)
    return conn


def plain_vault(data_dir: Path, db: Path) -> Any:
    """A Vault over an unencrypted copy: store/engine.py's engine without the key."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import QueuePool

    from accomp.paths import AppPaths
    from accomp.store.vault import Vault

    # One connection kept open, as make_engine keeps it while the vault is unlocked
    # (a connection per session would charge the plain side a page cache emptied and
    # a WAL checkpoint with its fsync each time).
    engine = create_engine("sqlite://", creator=lambda: _raw_connection(db, None),
                           poolclass=QueuePool, pool_size=1, max_overflow=4,
                           hide_parameters=True)

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")

    return Vault(AppPaths.at(data_dir), engine, worker="bench", hex_key="0" * 64)


def workload(vault: Any, count: int, seed: int = 11) -> list[dict[str, Any]]:
    """`count` sessions of the vault, as the input a worker would type again."""
    from accomp.domain.models import ActivityIn
    from accomp.services import activities

    total = activities.count_activities(vault)
    rng = random.Random(seed)
    fields = set(ActivityIn.model_fields)
    out: list[dict[str, Any]] = []
    for activity_id in rng.sample(range(1, total + 1), count):
        a = activities.get_activity(vault, activity_id)
        out.append(a.model_dump(mode="json", include=fields))
    return out


_RAW_COLUMNS = ("kind", "date", "duration_min", "place_type", "commune_name",
                "commune_postal_code", "commune_insee", "themes", "admin_themes",
                "procedure_details", "equipment", "notes", "beneficiary_id", "autonomy",
                "referred", "referral_target", "completion", "workshop_title", "level",
                "anonymous", "participants", "created_at", "updated_at")


def _raw_row(d: dict[str, Any]) -> tuple[Any, ...]:
    commune = d.get("commune") or {}
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    collective = d["kind"] == "Collectif"
    return (d["kind"], d["date"], d["duration_min"], d["place_type"], commune.get("name"),
            commune.get("postal_code"), commune.get("insee"), json.dumps(d["themes"]),
            json.dumps(d["admin_themes"]), d.get("procedure_details"),
            json.dumps(d["equipment"]), d.get("notes"), d.get("beneficiary_id"),
            d.get("autonomy"), int(bool(d.get("referred"))), d.get("referral_target"),
            d.get("completion"), d.get("workshop_title"), d.get("level"),
            json.dumps(d["anonymous"] if collective else {}),
            len(d["participant_ids"]) + d["anonymous"]["total"] if collective else 1, now, now)


def run(ds: Any, keys: set[str], say: Any = print) -> list[dict[str, Any]]:
    from bench_common import median, percentile, row, summary
    from dataset import hex_key, open_vault, plain_copy, working_copy

    from accomp.services.activities import log_activity

    count = 20 if ds.size.name == "S" else 300
    want_raw = LOG_KEY in keys
    want_plain = ENC_KEY in keys
    out: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="accomp-bench-log-") as folder:
        base = Path(folder)
        enc_dir = working_copy(ds, base / "enc")
        vault = open_vault(enc_dir)
        raw = plain = None
        try:
            sessions = workload(vault, count)
            if want_raw:
                raw_dir = working_copy(ds, base / "raw")
                raw = _raw_connection(raw_dir / "vault.db", hex_key(raw_dir))
            if want_plain:
                (base / "plain").mkdir()
                # Its first write records the journal's head in vault.key, as the
                # encrypted side does (once per session, in the untimed warm-up).
                shutil.copy2(ds.data_dir / "vault.key", base / "plain" / "vault.key")
                plain = plain_vault(base / "plain",
                                    plain_copy(ds.data_dir, base / "plain" / "vault.db"))
            # one untimed session each: connections, statement caches, first pages
            log_activity(vault, sessions[0])
            if plain is not None:
                log_activity(plain, sessions[0])
            t_app: list[float] = []
            t_raw: list[float] = []
            t_plain: list[float] = []
            insert = (f"INSERT INTO activity ({', '.join(_RAW_COLUMNS)}) "
                      f"VALUES ({', '.join('?' * len(_RAW_COLUMNS))})")
            for i, data in enumerate(sessions):
                steps = ["app", "raw", "plain"]
                steps = steps[i % 3:] + steps[:i % 3]  # nobody always goes first
                for step in steps:
                    if step == "app":
                        t = time.perf_counter()
                        log_activity(vault, data)
                        t_app.append((time.perf_counter() - t) * 1000)
                    elif step == "raw" and raw is not None:
                        values = _raw_row(data)
                        t = time.perf_counter()
                        raw.execute("BEGIN")
                        raw.execute(insert, values)
                        raw.execute("COMMIT")
                        t_raw.append((time.perf_counter() - t) * 1000)
                    elif step == "plain" and plain is not None:
                        t = time.perf_counter()
                        log_activity(plain, data)
                        t_plain.append((time.perf_counter() - t) * 1000)
        finally:
            vault.lock()
            if plain is not None:
                plain.lock()
            if raw is not None:
                raw.close()
    if want_raw:
        out.append(row(
            LOG_KEY, LOG_METRIC, value=percentile(t_app, 95), baseline=percentile(t_raw, 95),
            unit="ms", target=LOG_TARGET, digits=2,
            baseline_what="raw sqlcipher3 INSERT + COMMIT (same pragmas, open connection)",
            note=(f"{count} sessions; median {median(t_app):.2f} ms vs "
                  f"{median(t_raw):.2f} ms raw"),
            details={"accomp_ms": summary(t_app), "raw_ms": summary(t_raw)},
        ))
    if want_plain:
        out.append(row(
            ENC_KEY, ENC_METRIC, value=median(t_app), baseline=median(t_plain), unit="ms",
            target=ENC_TARGET, digits=2,
            baseline_what="the same code on an unencrypted copy",
            note=(f"{count} sessions logged on each; totals {sum(t_app) / 1000:.2f} s "
                  f"encrypted vs {sum(t_plain) / 1000:.2f} s plain"),
            details={"encrypted_ms": summary(t_app), "plain_ms": summary(t_plain)},
        ))
    return out
