"""The structure's type, from the national tool's typology: what funders aggregate
on. A setting of the vault, journaled, shown on every summary."""

from __future__ import annotations

import datetime as dt

import pytest

from accomp.domain.errors import KnownError
from accomp.reports.texts import produced_text, structure_text
from accomp.services import lifecycle, reports, structure


def test_the_type_is_a_key_of_the_coops_typology_and_is_journaled(vault):
    assert structure.structure_typology(vault) is None
    assert structure.set_structure_typology(vault, "CCAS") == "CCAS"
    assert structure.set_structure_typology(vault, "CCAS") == "CCAS"  # no change
    with pytest.raises(KnownError) as err:
        structure.set_structure_typology(vault, "Mairie de Pau")
    assert err.value.code == "not_in_list"
    assert "Mairie" not in err.value.message("fr")
    events = [e for e in lifecycle.journal_events(vault)
              if e.action == "settings.structure_typology"]
    assert len(events) == 1
    assert structure.set_structure_typology(vault, None) is None


def test_a_summary_names_the_structure_and_its_type(vault):
    structure.set_structure_name(vault, "Centre social des Trois Cités")
    structure.set_structure_typology(vault, "CS")
    summary = reports.summary(vault, "2026-01-01", "2026-03-31")
    assert structure_text(summary, "fr") == "Centre social des Trois Cités (Centre social)"
    assert "demo" not in summary.inputs


def test_the_production_date_is_local_time_in_words():
    from zoneinfo import ZoneInfo

    from accomp.reports.summary import build_summary

    summary = build_summary({}, date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 1, 31),
                            k=5, generated_at=dt.datetime(2026, 12, 1, 14, 5, tzinfo=dt.UTC))
    paris = ZoneInfo("Europe/Paris")
    assert produced_text(summary, "fr", paris) == "1er décembre 2026 à 15 h 05"
    assert produced_text(summary, "en", paris) == "1 December 2026 at 15:05"
