"""Before a new file is saved, the worker is shown the files that may already be
that person: same name however it is typed (accents, case, hyphens, word order,
one typo), same phone, same e-mail. Homonyms of another generation and other
people with a similar first name are left out. On 10,000 files, only the few
rows the database pre-selects are scored."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import (
    CANARY,
    CANARY_NEEDLES,
    CHEAP_KDF_ARGS,
    an_activity,
    canary_beneficiary,
)
from sqlalchemy import insert

from accomp.domain.text import search_key
from accomp.services import activities, beneficiaries, duplicates
from accomp.services.duplicates import (
    BeneficiaryFilter,
    edit_distance,
    find_duplicates,
    list_beneficiaries,
    similarity,
)
from accomp.store.tables import Beneficiary

TODAY = dt.date(2026, 11, 28)
BASIS = {"legal_basis": "MissionInteretPublic", "informed_on": "2026-10-01"}


def person(vault: Any, first: str, last: str, **extra: Any) -> Any:
    return beneficiaries.create_beneficiary(
        vault, {"first_name": first, "last_name": last, **BASIS, **extra}, today=TODAY
    )


def add_people(vault: Any) -> Any:
    found = person(vault, "Marie-Thérèse", "DUPONT", birth_year=1948,
                   phone="05 36 49 12 34", email="mt.dupont@example.org")
    person(vault, "Martine", "Dupont", birth_year=1950)
    person(vault, "Marie-Thérèse", "Durand", birth_year=1948)
    person(vault, "Jean", "Moreau", birth_year=1970)
    beneficiaries.create_beneficiary(vault, {"gender": "Feminin"}, today=TODAY)
    return found


@pytest.fixture
def marie(vault: Any) -> Any:
    """Marie-Thérèse DUPONT among people with close names, in the test's own vault."""
    return add_people(vault)


@pytest.fixture(scope="module")
def town(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, Any]]:
    """The same people in one vault shared by the tests that only read it."""
    from accomp.paths import AppPaths
    from accomp.services import vaults

    shared, _ = vaults.create_vault(
        AppPaths.at(tmp_path_factory.mktemp("town") / "data"), "x",
        kdf=vaults.KdfParams(*CHEAP_KDF_ARGS), enforce_policy=False,
    )
    yield shared, add_people(shared)
    shared.lock()


def codes(found: list[duplicates.DuplicateCandidate]) -> list[str]:
    return [c.code for c in found]


# --- what is proposed ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "last"),
    [
        ("marie therese", "dupont"),  # no accents, no hyphen, lowercase
        ("Dupond", "Marie Therese"),  # swapped fields and a one-letter typo
        ("", "Dupond Marie Therese"),  # everything in one field
        ("MARIETHERESE", "DUPONT"),  # run together
        ("Marie-Therese", "Dupnot"),  # two letters swapped
        ("Mraie-Thérèse", "Dupont"),  # a typo in the first letters of a word
    ],
)
def test_marie_therese_dupont_is_proposed_however_she_is_typed(
    town: tuple[Any, Any], first: str, last: str
) -> None:
    vault, marie = town
    found = find_duplicates(vault, first_name=first, last_name=last)
    assert codes(found)[:1] == [marie.code]
    assert found[0].reasons == ("name",)
    assert found[0].score >= duplicates.NAME_THRESHOLD


def test_candidates_say_what_the_dialog_shows(vault: Any, marie: Any) -> None:
    activities.log_activity(vault, an_activity(beneficiary_id=marie.id, date="2026-11-20"),
                            today=TODAY)
    [found] = find_duplicates(vault, first_name="marie therese", last_name="dupont")
    assert (found.id, found.code, found.first_name, found.last_name) == (
        marie.id, marie.code, "Marie-Thérèse", "DUPONT")
    assert found.birth_year == 1948
    assert found.last_contact == dt.date(2026, 11, 20)


def test_other_people_with_close_names_are_not_proposed(town: tuple[Any, Any]) -> None:
    vault, marie = town
    found = find_duplicates(vault, first_name="Marie-Thérèse", last_name="Dupont")
    assert codes(found) == [marie.code]  # not Martine Dupont, not Marie-Thérèse Durand
    assert find_duplicates(vault, first_name="Martin", last_name="Dupuis") == []


def test_a_shorter_first_name_still_finds_the_file(town: tuple[Any, Any]) -> None:
    vault, marie = town
    assert codes(find_duplicates(vault, first_name="Marie", last_name="Dupont")) == [marie.code]


def test_a_homonym_born_decades_apart_is_less_likely_and_a_typo_more_so(
    town: tuple[Any, Any]
) -> None:
    vault, marie = town
    exact = find_duplicates(vault, first_name="Marie-Thérèse", last_name="Dupont",
                            birth_year=1990)
    assert codes(exact) == [marie.code]
    assert exact[0].score < 1.0
    assert find_duplicates(vault, first_name="Marie", last_name="Dupond",
                           birth_year=1990) == []


def test_same_phone_or_email_is_proposed_whatever_the_name(town: tuple[Any, Any]) -> None:
    vault, marie = town
    by_phone = find_duplicates(vault, first_name="Tess", last_name="D.",
                               phone="+33 5 36 49 12 34")
    assert codes(by_phone) == [marie.code]
    assert by_phone[0].reasons == ("phone",)
    by_mail = find_duplicates(vault, email="MT.Dupont@example.org")
    assert codes(by_mail) == [marie.code]
    assert by_mail[0].reasons == ("email",)
    both = find_duplicates(vault, first_name="Marie-Thérèse", last_name="Dupont",
                           phone="0536491234")
    assert both[0].reasons == ("name", "phone")
    assert both[0].score == 1.0


def test_the_file_being_edited_is_not_its_own_duplicate(town: tuple[Any, Any]) -> None:
    vault, marie = town
    assert find_duplicates(vault, first_name="Marie-Thérèse", last_name="Dupont",
                           exclude_id=marie.id) == []


def test_nothing_typed_proposes_nothing(town: tuple[Any, Any]) -> None:
    vault, _ = town
    assert find_duplicates(vault) == []
    assert find_duplicates(vault, first_name="M", phone="12") == []


def test_anonymised_files_are_never_proposed(vault: Any, marie: Any) -> None:
    with vault.transaction() as s:
        row = s.get(Beneficiary, marie.id)
        row.anonymised_at = dt.datetime(2026, 11, 27, tzinfo=dt.UTC)
        s.add(row)
    assert find_duplicates(vault, first_name="marie therese", last_name="dupont") == []


def test_lookups_write_nothing_to_the_journal(vault: Any, marie: Any) -> None:
    from accomp.store import audit

    with vault.reading() as s:
        before = audit.verify(s).events
    find_duplicates(vault, first_name="marie therese", last_name="dupont")
    list_beneficiaries(vault, "dupont")
    with vault.reading() as s:
        assert audit.verify(s).events == before


# --- the measure itself ----------------------------------------------------------------


def test_edit_distance_counts_typos_and_swaps_as_one() -> None:
    assert edit_distance("dupont", "dupont") == 0
    assert edit_distance("dupont", "dupond") == 1
    assert edit_distance("dupont", "dupnot") == 1
    assert edit_distance("dupont", "dupon") == 1
    assert edit_distance("", "abc") == 3
    assert edit_distance("durand", "dupont") == 3
    assert similarity("dupont", "dupond") == pytest.approx(5 / 6)
    assert similarity("", "dupont") == 0.0


# --- 10,000 files -------------------------------------------------------------------

FIRSTS = ("Monique", "Nathalie", "Léa", "Fatima", "Maria", "Aminata", "Olena", "Jean",
          "Michel", "Philippe", "Thierry", "Karim", "Mamadou", "Lucas", "Hugo", "Nicole",
          "Sandrine", "Camille", "Samira", "Ana", "Awa", "Iryna", "Gérard", "Pascal",
          "Mehdi", "Moussa", "Théo", "Louis", "Colette", "Céline", "Inès", "Nadia",
          "Rosa", "Hawa", "Elena", "Bernard", "David", "Yassine", "Ibrahima", "Nathan")
LASTS = ("Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Leroy",
         "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand",
         "Roux", "Vincent", "Fournier", "Morel", "Girard", "Andre", "Mercier", "Blanc",
         "Guerin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier",
         "Benali", "Haddad", "Diallo", "Traoré", "Yilmaz", "Kovalenko", "Nguyen", "Pereira",
         "Ferreira")


def fill_files(vault: Any, n: int) -> None:
    rng = random.Random(7)
    now = dt.datetime.now(dt.UTC)
    rows = []
    for i in range(n):
        first, last = rng.choice(FIRSTS), rng.choice(LASTS)
        phone = f"06 39 98 {i // 100 % 100:02d} {i % 100:02d}"
        rows.append({
            "code": f"B-{i:05d}", "first_name": first, "last_name": last, "phone": phone,
            "email": None, "birth_year": rng.randint(1930, 2010), "gender": "NonCommunique",
            "age_band": "NonCommunique", "social_status": "NonCommunique",
            "legal_basis": "MissionInteretPublic", "informed_on": TODAY,
            "search_key": search_key(first, last, phone, None),
            "last_contact": TODAY - dt.timedelta(days=i % 700),
            "created_at": now, "updated_at": now,
        })
    with vault.transaction() as s:
        s.execute(insert(Beneficiary), rows)


@pytest.fixture
def scored(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Codes of the files scored in Python, in order."""
    seen: list[str] = []
    real = duplicates.score_candidate

    def counting(typed: Any, line: Any) -> Any:
        seen.append(line.code)
        return real(typed, line)

    monkeypatch.setattr(duplicates, "score_candidate", counting)
    return seen


def test_on_10000_files_only_a_preselection_is_scored(vault: Any, scored: list[str]) -> None:
    fill_files(vault, 10_000)
    marie = person(vault, "Marie-Thérèse", "DUPONT", birth_year=1948)

    for first, last in (("marie therese", "dupont"), ("Dupond", "Marie Therese")):
        scored.clear()
        found = find_duplicates(vault, first_name=first, last_name=last)
        assert codes(found)[:1] == [marie.code]
        assert 0 < len(scored) <= duplicates.PREFILTER_LIMIT
        assert len(scored) < 10_000 / 20

    # A frequent name: many files share its words, still only a preselection is scored
    # and every real homonym is among them.
    scored.clear()
    found = find_duplicates(vault, first_name="Nathalie", last_name="Martin")
    assert len(scored) <= duplicates.PREFILTER_LIMIT
    assert found
    assert all((c.first_name, c.last_name) == ("Nathalie", "Martin") for c in found)

    scored.clear()
    assert codes(find_duplicates(vault, phone="06 39 98 42 17")) == ["B-04217"]
    assert len(scored) == 1


# --- the list --------------------------------------------------------------------------


def test_list_searches_names_code_and_phone_and_applies_filters(town: tuple[Any, Any]) -> None:
    vault, marie = town
    assert [x.code for x in list_beneficiaries(vault, "therese dup").lines] == [marie.code]
    assert [x.code for x in list_beneficiaries(vault, marie.code[2:]).lines] == [marie.code]
    assert [x.code for x in list_beneficiaries(vault, "05 36 49 12").lines] == [marie.code]
    everyone = list_beneficiaries(vault)
    assert everyone.total == 5
    assert not everyone.truncated
    anonymous = list_beneficiaries(vault, filters=BeneficiaryFilter(has_identity=False))
    assert [(x.first_name, x.has_identity) for x in anonymous.lines] == [(None, False)]
    women = list_beneficiaries(vault, filters=BeneficiaryFilter(gender="Feminin"))
    assert women.total == 1
    seniors = list_beneficiaries(
        vault, "marie", BeneficiaryFilter(age_band="SoixanteDixPlus", has_identity=True)
    )
    assert {x.last_name for x in seniors.lines} == {"DUPONT", "Durand"}
    assert list_beneficiaries(vault, filters=BeneficiaryFilter(anonymised=True)).total == 0


def test_list_is_cut_at_its_limit_and_says_so(town: tuple[Any, Any]) -> None:
    vault, _ = town
    page = list_beneficiaries(vault, limit=2)
    assert len(page.lines) == 2
    assert page.total == 5
    assert page.truncated


def test_list_lines_carry_no_contact_details_nor_notes(vault: Any) -> None:
    canary_beneficiary(vault)
    [line] = list_beneficiaries(vault, "canaryname").lines
    shown = repr(line)
    assert CANARY["last_name"] in shown  # the name is what the list shows
    for needle in ("0699887766", "06 99 88 77 66", "zephyrine.canary", "CANARYNOTE"):
        assert needle not in shown
    assert CANARY_NEEDLES  # the shared list stays the reference
