"""Alembic, run programmatically at unlock. A vault from a newer program is refused
before anything is written; an older one is backed up, then upgraded.

Alembic itself (with Mako and Pygments behind it: ~0.45 s of imports) is loaded
only when a vault must be upgraded. Telling whether it must — the head revision,
whether a revision is known — reads the `revision` / `down_revision` lines of the
migration scripts without importing them; anything those lines cannot answer
plainly (several heads, a computed value, no script source) is asked of Alembic.
tests/unit/test_migrate_light.py holds both answers equal.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine

VERSIONS = Path(__file__).resolve().parent / "migrations" / "versions"


def _config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", "accomp.store:migrations")
    return cfg


def _script_values(path: Path) -> dict[str, Any]:
    """The literal `revision` and `down_revision` of one script (ValueError if not
    plain literals)."""
    values: dict[str, Any] = {}
    for node in ast.parse(path.read_text("utf-8")).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        if isinstance(target, ast.Name) and target.id in ("revision", "down_revision"):
            values[target.id] = ast.literal_eval(value)
    return values


@functools.cache
def light_chain(versions: Path = VERSIONS) -> tuple[str, frozenset[str]] | None:
    """(head, every revision) read from the scripts' source, or None when the
    source does not say it plainly (then Alembic decides)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    try:
        for path in sorted(versions.glob("*.py")):
            values = _script_values(path)
            revision, down = values.get("revision"), values.get("down_revision")
            if not isinstance(revision, str) or revision in revisions:
                return None
            revisions.add(revision)
            downs = down if isinstance(down, tuple | list) else (down,)
            if not all(d is None or isinstance(d, str) for d in downs):
                return None
            parents.update(d for d in downs if d is not None)
    except (OSError, SyntaxError, ValueError, UnicodeDecodeError):
        return None
    heads = revisions - parents
    if len(heads) != 1 or not parents <= revisions:
        return None
    return next(iter(heads)), frozenset(revisions)


def head_revision() -> str:
    chain = light_chain()
    if chain is not None:
        return chain[0]
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def is_known_revision(revision: str) -> bool:
    chain = light_chain()
    if chain is not None:
        return revision in chain[1]
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_config())
    return any(rev.revision == revision for rev in script.walk_revisions())


def upgrade(engine: Engine, target: str = "head") -> None:
    from alembic import command

    cfg = _config()
    with engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)
        conn.commit()
