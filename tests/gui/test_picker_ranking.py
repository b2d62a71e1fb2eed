"""Pickers as a worker types in them: "bel" puts the BELKACEM first and says why each
line matches, so Enter adds the expected person; "caf" in the themes shows the
administrative theme it stands for, and a word that matches nothing says so. In
French and in English."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import interface_in
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from accomp.domain.models import BeneficiaryOut
from accomp.ui.pickers import CheckList, ParticipantsPicker

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (raise|grabbing)")

T0 = dt.datetime(2026, 11, 20, tzinfo=dt.UTC)


def person(i: int, first: str, last: str) -> BeneficiaryOut:
    return BeneficiaryOut(
        id=i, code=f"B-{i:04d}", first_name=first, last_name=last, gender="Feminin",
        age_band="Age25a59", social_status="SansEmploi", created_at=T0, phone=None,
        email=None, birth_year=None, commune=None, legal_basis="MissionInteretPublic",
        informed_on=dt.date(2026, 1, 5), notice_version=None, notes=None, anonymised=False,
    )


PEOPLE = [person(1, "Isabel", "LOPEZ"), person(2, "Yacine", "BELKACEM"),
          person(3, "Nora", "BELKACEM"), person(4, "Karim", "BELKACEM")]


def search(text: str) -> list[BeneficiaryOut]:
    from accomp.domain.text import fold

    return [p for p in PEOPLE
            if fold(text) in fold(f"{p.first_name} {p.last_name}")]  # most recent first


@pytest.mark.parametrize(("lang", "why_last", "why_first"),
                         [("fr", "nom", "contient le texte"),
                          ("en", "last name", "contains the text")])
def test_bel_adds_a_belkacem_not_isabel(
    qtbot: QtBot, qapp: Any, lang: str, why_last: str, why_first: str
) -> None:
    with interface_in(qapp, lang):
        picker = ParticipantsPicker(search, "Participants")
        qtbot.addWidget(picker)
        picker.show()
        picker.picker.edit.setFocus()
        qtbot.keyClicks(picker.picker.edit, "bel")
        shown = [picker.picker.results.item(r).text()
                 for r in range(picker.picker.results.rowCount())]
        assert shown[0].startswith("B-0002 — Yacine BELKACEM")
        assert shown[0].endswith(why_last)
        assert shown[-1].startswith("B-0001 — Isabel LOPEZ")
        assert shown[-1].endswith(why_first)
        qtbot.keyClick(picker.picker._popup(), Qt.Key.Key_Return)
        assert picker.ids() == [2]


@pytest.mark.parametrize(("lang", "none", "understood"),
                         [("fr", "Aucun résultat pour « zzz ».", "Compris comme : CAF"),
                          ("en", "No result for “zzz”.", "Understood as: CAF")])
def test_caf_finds_the_administrative_theme_and_nothing_says_so(
    qtbot: QtBot, qapp: Any, lang: str, none: str, understood: str
) -> None:
    with interface_in(qapp, lang):
        themes = CheckList("themes", "Thèmes")
        qtbot.addWidget(themes)
        themes.show()
        qtbot.keyClicks(themes.filter, "caf")
        keys = [themes.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 1)
                for r in range(themes.proxy.rowCount())]
        assert keys == ["AideAuxDemarchesAdministratives"]
        assert themes.hint.isVisible()
        assert themes.hint.text().startswith(understood)
        qtbot.keyClick(themes.filter, Qt.Key.Key_Return)
        assert themes.keys() == ["AideAuxDemarchesAdministratives"]
        qtbot.keyClicks(themes.filter, "zzz")
        assert themes.proxy.rowCount() == 0
        assert themes.hint.text() == none
        themes.filter.clear()
        assert not themes.hint.isVisible()
