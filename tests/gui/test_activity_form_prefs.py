"""The form remembers the worker's usual place and duration, in a small private file
that holds nothing about anyone and that cannot break the form when damaged."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from typing import Any

import pytest
from conftest import CANARY_NEEDLES, canary_beneficiary
from PySide6.QtWidgets import QMessageBox

from accomp.ui import prefs
from accomp.ui.views.activity_form import ActivityDialog


@pytest.fixture(autouse=True)
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Information boxes shown after a save, recorded instead of blocking."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information",
                        lambda parent, title, text, *a, **k: shown.append(text))
    return shown


def new_dialog(qtbot: Any, vault: Any) -> ActivityDialog:
    dialog = ActivityDialog(vault)
    qtbot.addWidget(dialog)
    return dialog


def test_a_new_form_starts_from_the_usual_place_and_duration(qtbot, vault) -> None:
    prefs.save_prefs(vault.paths.data_dir, prefs.Preferences("ADistance", 90))
    form = new_dialog(qtbot, vault).form
    assert form.place.key() == "ADistance"
    assert form.duration.currentText() == "1 h 30"
    assert not new_dialog(qtbot, vault).is_dirty()  # defaults are not "typed"


def test_an_unusual_duration_comes_back_as_a_custom_one(qtbot, vault) -> None:
    prefs.save_prefs(vault.paths.data_dir, prefs.Preferences("Domicile", 75))
    form = new_dialog(qtbot, vault).form
    assert form.duration.currentText() == "Autre durée…"
    assert form.custom_duration.isVisibleTo(form)
    assert form.duration_min() == 75
    assert form.commune.isVisibleTo(form)  # at home: the commune is asked


def test_without_preferences_the_form_starts_at_the_structure_for_half_an_hour(
    qtbot, vault
) -> None:
    form = new_dialog(qtbot, vault).form
    assert form.place.key() == "LieuActivite"
    assert form.duration_min() == 15
    assert form.date.date().toPython() == dt.date.today()


def test_saving_remembers_the_place_and_duration_in_a_private_file(
    qtbot, vault, told
) -> None:
    person = canary_beneficiary(vault)
    dialog = new_dialog(qtbot, vault)
    form = dialog.form
    form.beneficiary.set_beneficiary(person)
    form.themes.set_keys(["Email"])
    form.place.set_key("ADistance")
    form.set_duration(60)
    form.notes.setPlainText("CANARYNOTE dette loyer septembre")
    assert dialog.save()

    path = prefs.prefs_path(vault.paths.data_dir)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    text = path.read_text("utf-8")
    assert json.loads(text) == {"place_type": "ADistance", "duration_min": 60}
    assert not [needle for needle in CANARY_NEEDLES if needle in text]
    assert person.code not in text
    # the notes were not kept (no consent to keep them): the worker was told
    assert told == [
        "La personne n'a pas accepté que des notes soient conservées : les notes n'ont pas "
        "été enregistrées."
    ]


@pytest.mark.parametrize(
    "content",
    ["", "{not json", "[1, 2]", '{"place_type": "Lune", "duration_min": 99999}',
     '{"place_type": 3, "duration_min": true}', '{"duration_min": -5}'],
)
def test_a_damaged_file_only_costs_the_defaults(qtbot, vault, content: str) -> None:
    path = prefs.prefs_path(vault.paths.data_dir)
    path.write_text(content, "utf-8")
    assert prefs.load_prefs(vault.paths.data_dir) == prefs.Preferences()
    form = new_dialog(qtbot, vault).form
    assert form.place.key() == "LieuActivite"


def test_an_unwritable_folder_is_not_an_error(tmp_path, monkeypatch) -> None:
    def refuse(*_: Any, **__: Any) -> None:
        raise PermissionError("read-only")

    monkeypatch.setattr(prefs, "write_private_atomic", refuse)
    prefs.remember(tmp_path, place_type="Domicile", duration_min=30)  # no exception
    assert prefs.load_prefs(tmp_path) == prefs.Preferences()
