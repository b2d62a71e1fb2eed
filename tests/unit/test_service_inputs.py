"""Whatever a worker (or a broken form) sends, the services answer with a clear
KnownError or store exactly what was given: never a crash, never half a row, and
never the typed value echoed in a message or a log."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import pytest
from conftest import CANARY, CANARY_NEEDLES, an_activity, canary_beneficiary
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accomp.domain.errors import FIELD_LABELS, MESSAGES, KnownError
from accomp.domain.vocab import vocabulary
from accomp.services import activities, beneficiaries
from accomp.store import audit

TODAY = dt.date(2026, 11, 28)

nasty_text = st.one_of(
    st.just(""),
    st.just(" "),
    st.just("x" * 10_000),
    st.just("é" * 10_001),
    st.just("a\x00b"),
    st.just("👩‍👧 démarche CAF ✅"),
    st.text(max_size=50),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=300),
)
dates = st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2100, 12, 31))
durations = st.one_of(st.integers(-1000, 2000), st.sampled_from([15, 30, 45, 60, 90, 120]))


def _keys(name: str) -> st.SearchStrategy[str]:
    return st.sampled_from(sorted(vocabulary().keys(name)))


maybe_key = lambda name: st.one_of(st.none(), _keys(name), nasty_text)  # noqa: E731

activity_inputs = st.fixed_dictionaries(
    {
        "date": dates,
        "duration_min": durations,
        "place_type": st.one_of(_keys("place_types"), nasty_text),
        "themes": st.lists(st.one_of(_keys("themes"), nasty_text), max_size=4),
    },
    optional={
        "notes": st.one_of(st.none(), nasty_text),
        "procedure_details": st.one_of(st.none(), nasty_text),
        "autonomy": maybe_key("autonomy"),
        "equipment": st.lists(_keys("equipment"), max_size=3),
        "admin_themes": st.lists(_keys("admin_themes"), max_size=2),
        "commune": st.one_of(
            st.none(),
            st.fixed_dictionaries({"name": nasty_text},
                                  optional={"postal_code": st.sampled_from(["42000", "4200", "x"]),
                                            "insee": st.sampled_from(["42218", "2A004", "99"])}),
        ),
    },
)

beneficiary_inputs = st.fixed_dictionaries(
    {},
    optional={
        "first_name": st.one_of(st.none(), nasty_text),
        "last_name": st.one_of(st.none(), nasty_text),
        "phone": st.one_of(st.none(), nasty_text, st.just("06 12 34 56 78")),
        "email": st.one_of(st.none(), nasty_text, st.just("a.b@example.org")),
        "birth_year": st.one_of(st.none(), st.integers(1700, 2200)),
        "gender": maybe_key("genders"),
        "legal_basis": maybe_key("legal_bases"),
        "informed_on": st.one_of(st.none(), dates, st.just(dt.date(2026, 10, 1))),
        "notes": st.one_of(st.none(), nasty_text),
    },
)


def _counts(vault: Any) -> tuple[int, int, int]:
    with vault.reading() as s:
        journal = audit.verify(s).events
    n_benef = len(beneficiaries.search_beneficiaries(vault, "", limit=100_000))
    return activities.count_activities(vault), n_benef, journal


def _assert_not_echoed(err: KnownError, data: dict[str, Any]) -> None:
    # A value may only appear in a message when the message's own wording contains
    # it anyway ("name" in "First name"); it is never passed to the message.
    wording = " ".join([*MESSAGES[err.code], *FIELD_LABELS.get(err.field or "", ())])
    for value in data.values():
        if isinstance(value, str) and len(value.strip()) >= 4:
            for lang in ("fr", "en"):
                assert value not in err.message(lang) or value in wording


_SETTINGS = settings(max_examples=120, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture])


@_SETTINGS
@given(data=activity_inputs)
def test_activity_input_is_refused_clearly_or_stored_exactly(vault, data):
    before = _counts(vault)
    try:
        out = activities.log_activity(vault, data, today=TODAY)
    except KnownError as err:
        assert err.field, "the message must name the field"
        assert err.message("fr")
        assert err.message("en")
        _assert_not_echoed(err, data)
        assert _counts(vault) == before
        return
    stored = activities.get_activity(vault, out.id)
    for key, value in data.items():
        got = getattr(stored, key)
        if key == "commune":
            got = None if got is None else {k: v for k, v in got.model_dump().items()
                                             if k in (value or {})}
        assert got == value, key
    after = _counts(vault)
    assert after[0] == before[0] + 1
    assert after[2] == before[2] + 1


@_SETTINGS
@given(data=beneficiary_inputs)
def test_beneficiary_input_is_refused_clearly_or_stored_exactly(vault, data):
    before = _counts(vault)
    try:
        out = beneficiaries.create_beneficiary(vault, data, today=TODAY)
    except KnownError as err:
        assert err.field
        _assert_not_echoed(err, data)
        assert _counts(vault) == before
        return
    stored = beneficiaries.get_beneficiary(vault, out.id)
    for key, value in data.items():
        if key in ("gender",) and value is None:
            continue
        assert getattr(stored, key) == value, key


@pytest.mark.parametrize(
    ("override", "field", "code"),
    [
        ({"date": "2026-11-29"}, "date", "date_future"),
        ({"date": "1899-12-31"}, "date", "date_too_old"),
        ({"duration_min": -5}, "duration_min", "out_of_range"),
        ({"duration_min": 0}, "duration_min", "out_of_range"),
        ({"themes": []}, "themes", "required"),
        ({"place_type": "Domicile"}, "commune_name", "commune_required"),
        ({"notes": "x" * 10_001}, "notes", "too_long"),
        ({"notes": "a\x00b"}, "notes", "control_chars"),
        ({"themes": ["Email"], "admin_themes": ["Logement"]}, "admin_themes",
         "admin_themes_without_admin"),
        ({"referred": True}, "referral_target", "referral_target_required"),
        ({"beneficiary_id": 999}, "beneficiary", "not_found"),
        ({"kind": "Collectif", "autonomy": None, "workshop_title": "Atelier",
          "anonymous": {"total": 2, "already_supported": 3}}, "anon_already_supported",
         "headcount_inconsistent"),
        ({"kind": "Collectif", "autonomy": None, "workshop_title": "Atelier",
          "anonymous": {"total": 2, "by_gender": {"Feminin": 2, "Masculin": 1}}},
         "anon_by_gender", "headcount_inconsistent"),
        ({"kind": "Collectif", "autonomy": None, "workshop_title": "Atelier",
          "anonymous": {"total": 0}}, "anon_total", "no_participant"),
    ],
)
def test_each_bad_field_gets_its_own_message(vault, override, field, code):
    with pytest.raises(KnownError) as info:
        activities.log_activity(vault, an_activity(**override), today=TODAY)
    assert (info.value.field, info.value.code) == (field, code)
    assert activities.count_activities(vault) == 0


def test_identity_without_legal_basis_is_refused(vault):
    with pytest.raises(KnownError) as info:
        beneficiaries.create_beneficiary(vault, {"first_name": "Jeanne"}, today=TODAY)
    assert info.value.code == "identity_needs_basis"
    # Statistical attributes alone are always allowed.
    b = beneficiaries.create_beneficiary(
        vault, {"gender": "Feminin", "age_band": "SoixanteDixPlus"}, today=TODAY
    )
    assert b.first_name is None
    assert b.age_band == "SoixanteDixPlus"


def test_no_canary_in_logs_or_errors(vault, caplog):
    caplog.set_level(logging.DEBUG)
    b = canary_beneficiary(vault)
    messages: list[str] = []
    bad_inputs = [
        {**CANARY, "phone": CANARY["notes"]},
        {**CANARY, "email": CANARY["last_name"]},
        {**CANARY, "first_name": CANARY["first_name"] + "\x00"},
        {**CANARY, "legal_basis": None},
    ]
    for data in bad_inputs:
        with pytest.raises(KnownError) as info:
            beneficiaries.create_beneficiary(vault, data, today=TODAY)
        messages += [str(info.value), repr(info.value), info.value.message("en")]
    with pytest.raises(KnownError) as info:
        activities.log_activity(vault, an_activity(beneficiary_id=b.id,
                                                   place_type=CANARY["last_name"]))
    messages.append(str(info.value))
    activities.log_activity(vault, an_activity(beneficiary_id=b.id, notes=CANARY["notes"]))
    beneficiaries.update_beneficiary(vault, b.id, {**CANARY, "legal_basis": "ObligationLegale",
                                                   "informed_on": "2026-11-02"}, today=TODAY)
    with vault.reading() as s:
        journal = repr(s.exec(__import__("sqlalchemy").text(
            "SELECT * FROM audit_event")).all())
    text = "\n".join(messages) + caplog.text + journal
    for needle in CANARY_NEEDLES:
        assert needle not in text
