"""Which import can still be undone: a light read for the File menu's "Annuler le
dernier import…" (the main window asks it at startup, without loading the import
machinery of services.imports)."""

from __future__ import annotations

from accomp.store import imports
from accomp.store.vault import Vault


def undoable_import(vault: Vault) -> imports.Batch | None:
    """The import `imports.undo_last_import` would undo (the latest, not undone
    yet), or None; that undo may still refuse (import_undo_blocked,
    import_undo_merged). Refuses vault_locked. Reads only."""
    with vault.reading() as s:
        last = imports.last_batch(s)
    return last if last is not None and last.undone_at is None else None
