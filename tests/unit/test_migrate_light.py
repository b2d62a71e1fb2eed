"""The head revision and the known revisions, read from the migration scripts'
source without importing Alembic (store.migrate), are Alembic's own; anything the
source does not say plainly is left to Alembic."""

from __future__ import annotations

from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory

from accomp.store import migrate


def _alembic() -> ScriptDirectory:
    cfg = Config()
    cfg.set_main_option("script_location", "accomp.store:migrations")
    return ScriptDirectory.from_config(cfg)


def _script(folder: Path, name: str, body: str) -> None:
    (folder / f"{name}.py").write_text(f'"""{name}"""\nfrom alembic import op\n{body}\n')


def test_the_light_reading_gives_alembics_head_and_revisions():
    chain = migrate.light_chain()
    assert chain is not None
    script = _alembic()
    assert chain[0] == script.get_current_head() == migrate.head_revision()
    assert chain[1] == {rev.revision for rev in script.walk_revisions()}
    for revision in chain[1]:
        assert migrate.is_known_revision(revision)
    assert not migrate.is_known_revision("9999")


def test_a_chain_with_a_merge_and_annotations_is_read(tmp_path):
    _script(tmp_path, "a", 'revision = "a"\ndown_revision = None')
    _script(tmp_path, "b", 'revision: str = "b"\ndown_revision: str | None = "a"')
    _script(tmp_path, "c", 'revision = "c"\ndown_revision = "a"')
    _script(tmp_path, "d", 'revision = "d"\ndown_revision = ("b", "c")')
    assert migrate.light_chain(tmp_path) == ("d", frozenset("abcd"))


def test_what_the_source_does_not_say_plainly_is_left_to_alembic(tmp_path):
    cases = {
        "two_heads": ['revision = "a"\ndown_revision = None',
                      'revision = "b"\ndown_revision = "a"',
                      'revision = "c"\ndown_revision = "a"'],
        "computed": ['revision = "a"\ndown_revision = None',
                     'revision = "b"\ndown_revision = "a".upper()'],
        "no_revision": ['down_revision = None'],
        "unknown_parent": ['revision = "a"\ndown_revision = "z"'],
        "duplicate": ['revision = "a"\ndown_revision = None',
                      'revision = "a"\ndown_revision = None'],
        "not_python": ['revision = ('],
        "odd_parent": ['revision = "a"\ndown_revision = 3'],
    }
    for name, bodies in cases.items():
        folder = tmp_path / name
        folder.mkdir()
        for i, body in enumerate(bodies):
            _script(folder, f"s{i}", body)
        assert migrate.light_chain(folder) is None, name
    assert migrate.light_chain(tmp_path / "missing") is None


def test_without_a_plain_chain_alembic_answers(monkeypatch):
    expected = _alembic().get_current_head()
    monkeypatch.setattr(migrate, "light_chain", lambda: None)
    assert migrate.head_revision() == expected
    assert migrate.is_known_revision(expected)
    assert not migrate.is_known_revision("9999")
