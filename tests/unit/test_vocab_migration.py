"""A vault made before the vocabulary followed the national tool opens with the
Coop's keys: its sessions are still listed, filtered and exported by kind."""

from __future__ import annotations

import datetime as dt

from conftest import PASSPHRASE, as_before_journal_heads
from sqlalchemy import text

from accomp.domain.models import ActivityFilter
from accomp.services import activities, exports, vaults
from accomp.store import engine as engines
from accomp.store import migrate
from accomp.store.keys import KeyFile, key_hex


def _vault_at_0005(paths):
    v, _ = vaults.create_vault(paths, PASSPHRASE, kdf=vaults.KdfParams(1, 1024, 1),
                               enforce_policy=False)
    v.lock()
    paths.db.unlink()
    as_before_journal_heads(paths)  # the key file of a vault made before 0006
    for suffix in ("-wal", "-shm"):
        paths.db.with_name("vault.db" + suffix).unlink(missing_ok=True)
    paths.db.touch(mode=0o600)
    key = key_hex(KeyFile.read(paths.key_file).open_with_passphrase(PASSPHRASE))
    engine = engines.make_engine(paths.db, key)
    migrate.upgrade(engine, "0005")
    with engine.begin() as conn:
        for id_, kind, participants, anonymous in (
            (1, "individuel", 1, "{}"),
            (2, "collectif", 6, '{"total": 6, "already_supported": 0}'),
            (3, "individuel", 1, "{}"),
        ):
            conn.execute(text(
                "INSERT INTO activity (id, kind, date, duration_min, place_type, themes,"
                " admin_themes, equipment, referred, anonymous, participants, created_at,"
                " updated_at) VALUES (:id, :kind, '2025-03-04', 45, 'LieuActivite',"
                " '[\"Email\"]', '[]', '[]', 0, :anon, :n, '2025-03-04', '2025-03-04')"),
                {"id": id_, "kind": kind, "anon": anonymous, "n": participants})
    engine.dispose()


def test_an_older_vault_migrates_its_activity_kinds_to_the_coop_keys(paths):
    _vault_at_0005(paths)
    v = vaults.unlock(paths, PASSPHRASE)
    try:
        kinds = sorted(a.kind for a in activities.list_activities(v))
        assert kinds == ["Collectif", "Individuel", "Individuel"]
        individual = activities.list_activities(v, ActivityFilter(kind="Individuel"))
        assert len(individual) == 2
        rows = exports.anonymised_activities(v, dt.date(2025, 3, 1), dt.date(2025, 3, 31), k=3)
        assert set(rows.table.column("kind").to_pylist()) <= {"Individuel", "Collectif"}
    finally:
        v.lock()
    raw = engines.connect(paths.db, key_hex(
        KeyFile.read(paths.key_file).open_with_passphrase(PASSPHRASE)))
    try:
        stored = {r[0] for r in raw.execute("SELECT DISTINCT kind FROM activity")}
        assert stored == {"Individuel", "Collectif"}
        version = raw.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        assert version == migrate.head_revision()
    finally:
        raw.close()
