"""The vaults of the update checks of scripts/bundle_smoke.py, made by the source
tree's accomp (the project's environment): one at the first schema revision, one
stamped with a revision from the future."""

from __future__ import annotations

import hashlib
from pathlib import Path

PASSPHRASE = "cerisier lanterne boussole marée 1987"  # noqa: S105 (test vaults)


def _source_vault(folder: Path) -> object:
    """A vault made by the source tree (the default key derivation: the bundle refuses
    a key file below its policy, as any install does); returns its paths."""
    from accomp.paths import AppPaths
    from accomp.services import vaults

    paths = AppPaths.at(folder)
    vault, _ = vaults.create_vault(paths, PASSPHRASE, enforce_policy=False)
    vault.lock()
    return paths


def _key_hex(paths: object) -> str:
    from accomp.store.keys import KeyFile, key_hex

    return key_hex(KeyFile.read(paths.key_file).open_with_passphrase(PASSPHRASE))  # type: ignore[attr-defined]


def make_old_vault(folder: Path) -> object:
    """A vault as the first released schema (0001) made it, with one file and one
    session in it (tests/unit/test_check_read_only.py makes them the same way)."""
    from sqlalchemy import text

    from accomp.store import engine as engines
    from accomp.store import migrate
    from accomp.store.keys import KeyFile

    paths = _source_vault(folder)
    db: Path = paths.db  # type: ignore[attr-defined]
    db.unlink()
    # vault.key as versions before the journal's head was recorded wrote it
    key_file = paths.key_file  # type: ignore[attr-defined]
    KeyFile.read(key_file).with_section("audit_head", None).write(key_file)
    for side in ("-wal", "-shm"):
        db.with_name(db.name + side).unlink(missing_ok=True)
    db.touch(mode=0o600)
    engine = engines.make_engine(db, _key_hex(paths))
    migrate.upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO beneficiary (id, code, gender, age_band, social_status, created_at,"
            " updated_at, legal_basis, informed_on) VALUES (1, 'B-AAAA', 'Feminin',"
            " 'NonCommunique', 'Retraite', '2025-01-01', '2025-01-01',"
            " 'MissionInteretPublic', '2025-01-01')"))
        conn.execute(text(
            "INSERT INTO activity (id, kind, date, duration_min, place_type, themes,"
            " admin_themes, equipment, beneficiary_id, referred, anonymous, participants,"
            " created_at, updated_at) VALUES (1, 'individuel', '2025-03-04', 30,"
            " 'LieuActivite', '[\"Email\"]', '[]', '[]', 1, 0, '{}', 1,"
            " '2025-03-04', '2025-03-04')"))
    engine.dispose()
    return paths


def make_newer_vault(folder: Path) -> object:
    from accomp.store import engine as engines

    paths = _source_vault(folder)
    conn = engines.connect(paths.db, _key_hex(paths))  # type: ignore[attr-defined]
    conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.commit()
    conn.close()
    return paths


def revision(paths: object) -> str:
    from accomp.store import engine as engines

    conn = engines.connect(paths.db, _key_hex(paths), read_only=True)  # type: ignore[attr-defined]
    try:
        return str(engines.schema_revision(conn))
    finally:
        conn.close()


def digest(path: Path) -> str:

    return hashlib.sha256(path.read_bytes()).hexdigest()
