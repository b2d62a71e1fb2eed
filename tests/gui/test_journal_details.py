"""The details of a journal event read as short words in the interface language
("Sauvegardes conservées : 7", "Dossiers : B-MV2C"), never as raw JSON with English
keys; the JSON stays in the tooltip for an auditor.

As for the action codes (test_journal_action_labels.py), the keys are read from the
source: wherever `audit.append(..., details=...)` is called, the details are followed
back to their dict literals (a literal, a local dict and the keys set on it later, a
dict unpacked into another, or, for a parameter, what every caller passes). Details
this cannot follow fail the test.
"""

from __future__ import annotations

import ast
import datetime as dt
import json
from functools import partial
from pathlib import Path

import pytest
from conftest import CANARY_NEEDLES, canary_beneficiary, interface_in
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from source_scan import Module, Scan, Unresolved, assert_refused, is_literal, keyword, write_service

from accomp.services import activities, lifecycle
from accomp.services.lifecycle import JournalEntry
from accomp.ui import audit_labels
from accomp.ui.audit_labels import details_text as shown_text
from accomp.ui.models.audit import AuditJournalModel
from accomp.ui.views.privacy import PrivacyPage, journal


def details_text(details: dict[str, object]) -> str:
    """The details as shown, with the no-break spaces French puts before a colon
    read as spaces."""
    return shown_text(details).replace("\u00a0", " ")


class DetailKeys(Scan):
    """The keys of the details written to the journal, with where they are written."""

    def keys(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for module, node in self.audit_appends():
            details = keyword(node, "details")
            if details is None:
                continue
            for key in self.dict_keys(details, module, module.enclosing(node), 0):
                found.setdefault(key, module.where(node))
        return found

    def dict_keys(self, expr: ast.expr, module: Module, scope: ast.FunctionDef | None,
                  depth: int) -> set[str]:
        module.check_hops(expr, depth)
        if isinstance(expr, ast.Dict):
            out: set[str] = set()
            for key, value in zip(expr.keys, expr.values, strict=True):
                if key is None:  # {**other}
                    out |= self.dict_keys(value, module, scope, depth + 1)
                elif is_literal(key):
                    out.add(key.value)
                else:
                    raise Unresolved(f"{module.where(key)}: key {ast.unparse(key)!r}")
            return out
        if isinstance(expr, ast.Name) and scope is not None:
            return self.local_keys(expr.id, module, scope, depth)
        raise Unresolved(f"{module.where(expr)}: cannot follow {ast.unparse(expr)!r}")

    def local_keys(self, name: str, module: Module, scope: ast.FunctionDef,
                   depth: int) -> set[str]:
        """A local dict (its literal and the keys set on it after), else a parameter
        (what every caller passes; left out, its default adds no keys)."""
        values: list[ast.expr] = []
        added: set[str] = set()
        for n in ast.walk(scope):
            if isinstance(n, ast.Assign):
                for target in n.targets:
                    if isinstance(target, ast.Name) and target.id == name:
                        values.append(n.value)
                    elif (isinstance(target, ast.Subscript)
                          and isinstance(target.value, ast.Name) and target.value.id == name):
                        if not is_literal(target.slice):
                            raise Unresolved(f"{module.where(n)}: {ast.unparse(target)}")
                        added.add(target.slice.value)
            elif (isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)
                  and n.target.id == name and n.value is not None):
                values.append(n.value)
        if values:
            return added.union(*(self.dict_keys(v, module, scope, depth + 1) for v in values))
        return self.from_callers(scope, name, partial(self.dict_keys, depth=depth + 1),
                                 optional=True)


@pytest.fixture(scope="module")
def written() -> dict[str, str]:
    return DetailKeys().keys()


def test_the_scan_finds_keys_of_literals_locals_unpacked_dicts_and_parameters(
        written: dict[str, str]) -> None:
    assert {"keep", "beneficiaries"} <= set(written)  # a literal
    assert {"purpose", "method", "valid_until"} <= set(written)  # a local, a key set later
    assert {"format", "sha256", "size"} <= set(written)  # unpacked into another dict
    assert {"period", "rows_dropped", "files", "tables"} <= set(written)  # a parameter


def test_the_scan_refuses_details_it_cannot_follow(tmp_path: Path) -> None:
    write_service(
        tmp_path, "things",
        "from accomp.store import audit",
        "def _note(s, details):",
        "    audit.append(s, actor='w', action='thing.noted', details={'n': 1, **details})",
        "def make(s, extra):",
        "    d: dict = {'kind': 'a'}",
        "    if extra:",
        "        d['extra'] = 1",
        "    audit.append(s, actor='w', action='thing.made', details=d)",
        "    _note(s, {'why': 'because'})")
    assert set(DetailKeys(tmp_path).keys()) == {"n", "kind", "extra", "why"}
    assert_refused(lambda root: DetailKeys(root).keys(), tmp_path,
                   "action='thing.x', details=details_of(s)", match="details_of")


def test_every_detail_key_written_has_words(written: dict[str, str]) -> None:
    shown = set(audit_labels._DETAIL_TEXTS) | audit_labels._DETAILS_NOT_SHOWN
    missing = {key: where for key, where in written.items() if key not in shown}
    assert missing == {}, "add these keys to _DETAIL_TEXTS in accomp/ui/audit_labels.py"


def test_details_read_as_words() -> None:
    assert details_text({"keep": 7}) == "Sauvegardes conservées : 7"
    assert details_text({"beneficiaries": ["B-MV2C"]}) == "Dossiers : B-MV2C"
    assert details_text({"beneficiaries": []}) == "Dossiers : aucun"
    backup = {"external": False, "name": "accomp-20261128-0930.db", "rows": 467,
              "tables": 14}
    assert details_text(backup) == (
        "Fichier : accomp-20261128-0930.db · Copie externe : non · Tables : 14 · "
        "Lignes : 467")
    assert details_text({"purpose": "PartagePartenaire", "method": "oral",
                         "notice_version": "2026-01", "valid_until": "2027-11-28"}) == (
        "Finalité : Partage avec un partenaire · Recueil : Oral · Notice : version 2026-01 · "
        "Valable jusqu'au 28/11/2027")
    assert details_text({"fields": ["phone", "first_name"]}) == "Champs : téléphone, prénom"
    assert details_text({"data_class": "notes", "months": 12}) == (
        "Données : Notes · Durée : 12 mois")


def test_a_label_and_its_value_are_never_parted_by_a_line_break() -> None:
    assert shown_text({"suppressed_cells": 3, "rows": 467}) == (
        "Lignes\u00a0:\u00a0467\u00a0· Cellules\u00a0masquées\u00a0:\u00a03")
    assert shown_text({"beneficiaries": ["B-MV2C", "B-7F3K"]}) == (
        "Dossiers\u00a0:\u00a0B-MV2C, B-7F3K")  # a long list may still wrap


def test_what_has_nothing_to_say_is_left_out_and_an_unknown_key_shows_as_written() -> None:
    assert details_text({}) == ""
    assert details_text({"pdf_sha256": None, "json_sha256": "ab" * 32}) == (
        "Empreinte JSON : abababababab…")
    assert details_text({"filters": {}, "k": 5}) == "Seuil k : 5"
    assert details_text({"export_id": "0f" * 16, "format": "csv"}) == "Format : CSV"
    assert details_text({"future": [1, "a"], "keep": 3}) == (
        'Sauvegardes conservées : 3 · future: [1, "a"]')


def make_page(qtbot, vault) -> PrivacyPage:
    page = PrivacyPage(vault, today=dt.date.today)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    qtbot.waitUntil(lambda: not page.is_busy())  # the journal is read in a worker thread
    return page


def shown_details(page: PrivacyPage) -> dict[str, tuple[str, str]]:
    """action code -> (details shown, tooltip) of the newest event of each code."""
    model = page.journal.journal_table.model()
    out: dict[str, tuple[str, str]] = {}
    for row, code in enumerate(page.journal.journal_actions()):
        index = model.index(row, AuditJournalModel.COL_DETAILS)
        text, tooltip = index.data(), index.data(Qt.ItemDataRole.ToolTipRole) or ""
        out.setdefault(code, (text.replace("\u00a0", " "), tooltip))
    return out


@pytest.fixture
def logged(vault):
    person = canary_beneficiary(vault)
    activities.log_activity(vault, {
        "date": dt.date(2026, 11, 20), "duration_min": 45, "place_type": "LieuActivite",
        "themes": ["Email"], "beneficiary_id": person.id}, today=dt.date(2026, 11, 28))
    lifecycle.set_backup_keep(vault, 7)
    return person


def test_the_journal_shows_details_in_words_and_the_json_in_the_tooltip(
        qtbot, vault, logged) -> None:
    page = make_page(qtbot, vault)
    details = shown_details(page)
    assert details["backup.settings"] == ("Sauvegardes conservées : 7", '{"keep": 7}')
    text, tooltip = details["activity.create"]
    assert text == f"Dossiers : {logged.code}"
    assert json.loads(tooltip) == {"beneficiaries": [logged.code]}
    assert details["vault.create"] == ("", "")
    everything = " ".join(t for pair in details.values() for t in pair)
    assert not [n for n in CANARY_NEEDLES if n in everything]  # codes, never names


def test_the_journal_details_are_in_english_when_the_interface_is(
        qtbot, qapp: QApplication, vault, logged) -> None:
    with interface_in(qapp, "en"):
        page = make_page(qtbot, vault)
        details = shown_details(page)
        backup = details_text({"external": True, "name": "accomp-x.db", "rows": 467,
                               "tables": 14})
        fields = details_text({"fields": ["phone", "first_name"]})
    assert details["backup.settings"][0] == "Backups kept: 7"
    assert details["activity.create"][0] == f"Files: {logged.code}"
    assert backup == "File name: accomp-x.db · External copy: yes · Tables: 14 · Rows: 467"
    assert fields == "Fields: phone, first name"


def test_details_of_an_event_written_by_another_version_show_as_written(
        qtbot, vault, monkeypatch) -> None:
    event = JournalEntry(7, dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC), "worker",
                         "future.thing", "vault", None, {"colour": "blue", "n": 2})
    monkeypatch.setattr(journal.lifecycle, "journal_events", lambda *a, **k: [event])
    page = make_page(qtbot, vault)
    assert shown_details(page)["future.thing"] == (
        "colour: blue · n: 2", '{"colour": "blue", "n": 2}')
