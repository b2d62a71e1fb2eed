"""The wheel must carry every package and the resources, read through
importlib.resources (so the installed program works like the checkout)."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_python_package_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "packages"])
    found = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "accomp").rglob("__init__.py")
    }
    assert found | {"accomp.resources"} == listed


def test_resources_are_reachable_as_a_package():
    vocab = resources.files("accomp.resources").joinpath("vocab", "cra.json")
    assert vocab.is_file()


def test_vocabulary_keys_are_those_of_the_national_tool():
    from accomp.domain.vocab import vocabulary

    v = vocabulary()
    assert len(v.keys("themes")) == 19
    assert len(v.keys("admin_themes")) == 11
    assert v.keys("place_types") == {"LieuActivite", "Domicile", "ADistance", "Autre"}
    assert v.places_needing_commune == {"Domicile", "Autre"}
    assert v.keys("mandate_scopes") == {"papiers", "famille", "social", "travail", "logement",
                                        "transports", "argent", "justice", "etranger",
                                        "loisirs"}
    assert v.label("themes", "Email", "en") == "E-mail"
