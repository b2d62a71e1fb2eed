"""The partner directory: what a coordinator types, shares as CSV and finds in the
stats; and the referral slip a person carries (pdftotext reads what is printed)."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import CANARY_NEEDLES, an_activity, canary_beneficiary

from accomp.domain.consent import Purpose
from accomp.domain.errors import KnownError
from accomp.services import activities, consents, partners, slips

T0 = dt.datetime(2026, 11, 28, 10, 0, tzinfo=dt.UTC)
CAF = {"name": "CAF de la Loire — accueil de Saint-Étienne", "typology": "CAF",
       "address": "3 avenue Émile Loubet, 42000 Saint-Étienne",
       "hours": "Lundi–vendredi 8 h 30 – 16 h 30, sur rendez-vous le mercredi",
       "phone": "32 30", "themes": ["AideAuxDemarchesAdministratives"],
       "contact": "Accueil numérique", "notes": "Demander le guichet RSA"}
FS = {"name": "France Services Montbrison", "typology": "MSAP", "address": "1 rue X",
      "themes": "AideAuxDemarchesAdministratives;Email"}


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def referred_session(vault: Any, person_id: int | None, partner_id: int) -> int:
    a = activities.log_activity(
        vault, an_activity(date=T0.date().isoformat(), beneficiary_id=person_id, referred=True,
                           referral_target="AideSociale"), today=T0.date(), at=T0)
    partners.link_referral(vault, a.id, partner_id)
    return a.id


def test_directory_round_trips_through_csv_without_beneficiary_data(
        vault: Any, tmp_path: Path) -> None:
    from transfer_setup import worker_vault

    canary_beneficiary(vault)
    partners.save_partner(vault, CAF)
    partners.save_partner(vault, FS)
    out = tmp_path / "annuaire.csv"
    partners.export_csv(vault, out)
    text = out.read_text("utf-8")
    assert text.splitlines()[0] == ",".join(partners.CSV_COLUMNS)
    assert not any(n in text for n in CANARY_NEEDLES)
    assert (out.stat().st_mode & 0o777) == 0o600
    other = worker_vault(tmp_path, "colleague")
    first = partners.import_csv(other, out)
    again = partners.import_csv(other, out)
    assert (first.added, again.added, again.skipped) == (2, 0, 2)
    got = {p.name: p for p in partners.list_partners(other)}
    assert got[CAF["name"]].hours == CAF["hours"]
    assert got[FS["name"]].themes == ("AideAuxDemarchesAdministratives", "Email")
    other.lock()


def test_a_partner_needs_a_name_and_known_types(vault: Any, tmp_path: Path) -> None:
    for bad, code in (({"name": " "}, "required"),
                      ({"name": "x", "typology": "Nope"}, "not_in_list"),
                      ({"name": "x", "themes": ["Nope"]}, "not_in_list"),
                      ({"name": "x" * 201}, "too_long")):
        with pytest.raises(KnownError) as err:
            partners.save_partner(vault, bad)
        assert err.value.code == code
    bad_csv = tmp_path / "bad.csv"
    bad_csv.write_text("name,typology\nA,CAF\nB,Nope\n")
    with pytest.raises(KnownError) as err:
        partners.import_csv(vault, bad_csv)
    assert err.value.code == "not_in_list"
    assert partners.list_partners(vault) == []  # all or nothing


def test_referrals_are_linked_to_partners_and_counted_by_type(vault: Any) -> None:
    caf = partners.save_partner(vault, CAF)
    fs = partners.save_partner(vault, FS)
    for pid in (caf.id, caf.id, fs.id):
        referred_session(vault, None, pid)
    assert partners.referrals_by_partner_type(vault, T0.date(), T0.date()) == \
        {"CAF": 2, "MSAP": 1}
    with pytest.raises(KnownError) as err:
        partners.delete_partner(vault, caf.id)
    assert err.value.code == "partner_in_use"
    plain = activities.log_activity(vault, an_activity(), today=T0.date(), at=T0)
    with pytest.raises(KnownError) as err:
        partners.link_referral(vault, plain.id, caf.id)
    assert err.value.code == "referral_needed"


def test_slip_without_sharing_consent_carries_the_code_and_no_name(
        vault: Any, tmp_path: Path) -> None:
    person = canary_beneficiary(vault)
    caf = partners.save_partner(vault, CAF)
    session = referred_session(vault, person.id, caf.id)
    assert not slips.identity_allowed(vault, session, now=T0)
    with pytest.raises(KnownError) as err:
        slips.save_slip(vault, session, tmp_path / "x.pdf", why="RSA", with_identity=True,
                        now=T0)
    assert err.value.code == "slip_identity_refused"
    path = slips.save_slip(vault, session, tmp_path / "slip.pdf",
                           why="Ouvrir vos droits au RSA",
                           bring=["Pièce d'identité", "Avis d'imposition"], now=T0)
    text = pdf_text(path)
    assert person.code in text
    assert "Émile Loubet" in text
    assert "8 h 30" in text
    assert "Avis d'imposition" in text
    assert not any(n in text for n in CANARY_NEEDLES)
    assert (path.stat().st_mode & 0o777) == 0o600


def test_slip_names_the_person_only_with_consent_and_when_ticked(
        vault: Any, tmp_path: Path) -> None:
    person = canary_beneficiary(vault)
    consents.give_consent(vault, person.id, Purpose.PARTNER_SHARING, at=T0)
    caf = partners.save_partner(vault, CAF)
    session = referred_session(vault, person.id, caf.id)
    assert slips.identity_allowed(vault, session, now=T0)
    named = pdf_text(slips.save_slip(vault, session, tmp_path / "n.pdf", why="RSA",
                                     with_identity=True, now=T0))
    assert "CANARYNAME" in named
    unticked = pdf_text(slips.save_slip(vault, session, tmp_path / "u.pdf", why="RSA",
                                        now=T0))
    assert "CANARYNAME" not in unticked
    english = pdf_text(slips.save_slip(vault, session, tmp_path / "e.pdf", why="RSA",
                                       lang="en", now=T0))
    assert "Referral slip" in english
    assert "What to bring" in english
