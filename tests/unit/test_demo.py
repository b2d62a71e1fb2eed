"""Demonstration data: a synthetic logbook that looks like a real one, that the app
itself would accept, and that never touches a real vault."""

from __future__ import annotations

import collections
import datetime as dt
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlmodel import col, select

from accomp.domain import communes
from accomp.domain.errors import KnownError
from accomp.domain.models import ActivityIn, BeneficiaryIn
from accomp.domain.rules import age_band, check_activity, check_beneficiary
from accomp.domain.text import search_key
from accomp.domain.vocab import vocabulary
from accomp.paths import AppPaths
from accomp.services import vaults
from accomp.services.generators.demo import DemoSummary, generate_demo
from accomp.store.tables import Activity, ActivityParticipant, AuditEvent, Beneficiary

TODAY = dt.date(2026, 3, 13)  # a Friday
CHEAP = vaults.KdfParams(1, 1024, 1)


def new_vault(folder: Path) -> vaults.Vault:
    vault, _ = vaults.create_vault(AppPaths.at(folder), "demo", kdf=CHEAP, enforce_policy=False)
    return vault


@dataclass
class Demo:
    vault: vaults.Vault
    summary: DemoSummary
    activities: list[Activity]
    beneficiaries: list[Beneficiary]
    participants: list[ActivityParticipant]

    @property
    def individual(self) -> list[Activity]:
        return [a for a in self.activities if a.kind == "Individuel"]

    @property
    def collective(self) -> list[Activity]:
        return [a for a in self.activities if a.kind == "Collectif"]


def read_back(vault: vaults.Vault, summary: DemoSummary) -> Demo:
    with vault.reading() as s:
        return Demo(
            vault, summary,
            list(s.exec(select(Activity).order_by(col(Activity.id))).all()),
            list(s.exec(select(Beneficiary).order_by(col(Beneficiary.id))).all()),
            list(s.exec(select(ActivityParticipant)).all()),
        )


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    vault = new_vault(tmp_path_factory.mktemp("demo"))
    summary = generate_demo(vault, seed=3, activities=300, today=TODAY)
    yield read_back(vault, summary)
    vault.lock()


def rows(d: Demo) -> tuple[list[dict[str, object]], list[dict[str, object]], list[tuple[int, int]]]:
    return (
        [a.model_dump() for a in d.activities],
        [b.model_dump() for b in d.beneficiaries],
        sorted((p.activity_id, p.beneficiary_id) for p in d.participants),
    )


def test_same_seed_gives_the_same_logbook(demo, tmp_path):
    vault = new_vault(tmp_path)
    again = read_back(vault, generate_demo(vault, seed=3, activities=300, today=TODAY))
    vault.lock()
    assert rows(again) == rows(demo)
    assert again.summary == demo.summary


def test_another_seed_gives_another_logbook(demo, tmp_path):
    vault = new_vault(tmp_path)
    other = read_back(vault, generate_demo(vault, seed=4, activities=300, today=TODAY))
    vault.lock()
    assert rows(other)[0] != rows(demo)[0]


def test_counts_are_those_requested(demo):
    s = demo.summary
    assert s.activities == len(demo.activities) == 300
    assert s.beneficiaries == len(demo.beneficiaries) == 30  # a tenth by default
    assert s.collective == len(demo.collective) == 60
    assert s.individual == len(demo.individual) == 240
    assert s.anonymous_individual == sum(a.beneficiary_id is None for a in demo.individual)
    assert s.participations == len(demo.participants)
    assert s.identified + s.statistical_only == s.beneficiaries


def test_every_session_is_one_the_app_would_accept(demo):
    known = {b.id for b in demo.beneficiaries}
    tracked = collections.defaultdict(list)
    for p in demo.participants:
        tracked[p.activity_id].append(p.beneficiary_id)
    for a in demo.activities:
        commune = ({"name": a.commune_name, "postal_code": a.commune_postal_code,
                    "insee": a.commune_insee} if a.commune_name else None)
        data = a.model_dump(include=set(ActivityIn.model_fields) - {"commune", "participant_ids"})
        parsed = ActivityIn.model_validate(
            {**data, "commune": commune, "participant_ids": sorted(tracked[a.id])}
        )
        check_activity(parsed, TODAY)
        assert a.beneficiary_id is None or a.beneficiary_id in known
        assert set(tracked[a.id]) <= known
        expected = (len(tracked[a.id]) + parsed.anonymous.total) if a.kind == "Collectif" else 1
        assert a.participants == expected


def test_every_file_is_one_the_app_would_accept(demo):
    for b in demo.beneficiaries:
        commune = ({"name": b.commune_name, "postal_code": b.commune_postal_code,
                    "insee": b.commune_insee} if b.commune_name else None)
        data = b.model_dump(include=set(BeneficiaryIn.model_fields) - {"commune", "age_band"})
        parsed = BeneficiaryIn.model_validate({**data, "commune": commune})
        check_beneficiary(parsed, TODAY)
        assert b.search_key == search_key(b.first_name, b.last_name, b.phone, b.email)
        if b.birth_year is not None:
            assert b.age_band == age_band(b.birth_year, TODAY)


def test_sessions_fall_on_working_days_over_the_last_eighteen_months(demo):
    dates = [a.date for a in demo.activities]
    assert max(dates) <= TODAY
    assert min(dates) >= TODAY - dt.timedelta(days=549)
    assert (max(dates) - min(dates)).days > 450
    assert all(d.weekday() < 5 for d in dates)
    assert not {dt.date(2025, 12, 25), dt.date(2026, 1, 1), dt.date(2025, 7, 14)} & set(dates)


def test_a_fifth_of_individual_sessions_are_anonymous(demo):
    share = demo.summary.anonymous_individual / len(demo.individual)
    assert 0.10 <= share <= 0.30


def test_themes_and_durations_look_like_a_real_activity(demo):
    themes = collections.Counter(t for a in demo.activities for t in a.themes)
    assert len(themes) >= 15
    assert themes.most_common(1)[0][0] == "AideAuxDemarchesAdministratives"
    admin = collections.Counter(t for a in demo.activities for t in a.admin_themes)
    assert {"ArgentImpots", "SocialSante", "PapiersElectionsCitoyennete"} <= set(admin)
    durations = collections.Counter(a.duration_min for a in demo.activities)
    assert set(durations) <= set(vocabulary().duration_presets)
    assert durations[30] + durations[45] + durations[60] > len(demo.activities) / 2
    places = collections.Counter(a.place_type for a in demo.activities)
    assert places.most_common(1)[0][0] == "LieuActivite"
    assert set(places) == {"LieuActivite", "Domicile", "ADistance", "Autre"}


def test_workshops_count_their_participants_consistently(demo):
    titles = {a.workshop_title for a in demo.collective}
    assert "Atelier e-mail" in titles or "Premiers pas sur le smartphone" in titles
    for a in demo.collective:
        anon = a.anonymous
        assert 3 <= a.participants <= 12
        for counts in (anon["by_gender"], anon["by_age_band"], anon["by_status"]):
            assert sum(counts.values()) == anon["total"]
        assert anon["already_supported"] <= anon["total"]
    assert any(a.anonymous["total"] < a.participants for a in demo.collective)


def test_people_are_of_every_age_and_many_are_older(demo, tmp_path):
    vault = new_vault(tmp_path)
    generate_demo(vault, seed=5, activities=1000, today=TODAY)
    with vault.reading() as s:
        bands = collections.Counter(s.exec(select(Beneficiary.age_band)).all())
    vault.lock()
    total = sum(bands.values())
    assert (bands["SoixanteSoixanteNeuf"] + bands["SoixanteDixPlus"]) / total > 0.35
    assert (bands["VingtCinqTrenteNeuf"] + bands["QuaranteCinquanteNeuf"]) / total > 0.25
    assert (bands["MoinsDeDouze"] + bands["DouzeDixHuit"]) / total < 0.10


def test_each_file_records_its_last_contact(demo):
    last: dict[int, dt.date] = {}
    by_id = {a.id: a for a in demo.activities}
    seen = [(a.beneficiary_id, a.date) for a in demo.activities if a.beneficiary_id]
    seen += [(p.beneficiary_id, by_id[p.activity_id].date) for p in demo.participants]
    for bid, day in seen:
        last[bid] = max(day, last.get(bid, day))
    assert {b.id: b.last_contact for b in demo.beneficiaries} == last


def test_identified_files_have_a_legal_basis_and_some_have_no_identity(demo):
    identified = [b for b in demo.beneficiaries if b.first_name]
    assert all(b.legal_basis and b.informed_on for b in identified)
    assert sum(b.legal_basis == "MissionInteretPublic" for b in identified) > len(identified) / 2
    bare = [b for b in demo.beneficiaries if not b.first_name]
    assert len(bare) == demo.summary.statistical_only
    assert all(b.phone is None and b.email is None and b.birth_year is None for b in bare)


def test_contact_details_are_fictional(demo):
    phones = [b.phone for b in demo.beneficiaries if b.phone]
    emails = [b.email for b in demo.beneficiaries if b.email]
    assert phones
    assert emails
    # ARCEP's blocks reserved for fiction, and RFC 2606 domains
    assert all(p.startswith(("06 39 98 ", "05 36 49 ")) for p in phones)
    assert all(e.rsplit("@", 1)[1] in {"example.org", "example.net", "example.com"}
               for e in emails)


def test_people_live_around_one_town(demo):
    places = [(b.commune_insee, b.commune_postal_code) for b in demo.beneficiaries
              if b.commune_insee]
    assert all(communes.by_insee(i, pc) is not None for i, pc in places)
    local = [i for i, _ in places if i.startswith("86")]  # Vienne
    assert len(local) / len(places) > 0.8
    assert sum(i == "86066" for i in local) > len(places) / 3  # the town itself


def test_autonomy_grows_over_a_persons_visits(tmp_path):
    vault = new_vault(tmp_path)
    generate_demo(vault, seed=2, activities=1000, today=TODAY)
    with vault.reading() as s:
        visits = s.exec(
            select(Activity.beneficiary_id, Activity.autonomy)
            .where(col(Activity.beneficiary_id).is_not(None))
            .order_by(col(Activity.date), col(Activity.id))
        ).all()
    vault.lock()
    by_person = collections.defaultdict(list)
    for bid, autonomy in visits:
        by_person[bid].append(autonomy)
    first = [seq[0] for seq in by_person.values() if len(seq) >= 6]
    last = [seq[-1] for seq in by_person.values() if len(seq) >= 6]
    assert first
    assert last.count("Autonome") > first.count("Autonome")
    assert first.count("EntierementAccompagne") > last.count("EntierementAccompagne")


def test_journal_holds_one_demo_event_and_its_chain_verifies(demo):
    assert vaults.check(demo.vault).sound
    with demo.vault.reading() as s:
        events = s.exec(select(AuditEvent).order_by(col(AuditEvent.id))).all()
    assert [e.action for e in events] == ["vault.create", "demo.generate"]
    details = events[-1].details
    assert details["activities"] == 300
    assert details["beneficiaries"] == 30
    assert all(isinstance(v, int) for v in details.values())  # counts and seed only


def test_refuses_a_vault_that_already_holds_data(demo):
    with pytest.raises(KnownError, match="coffre vide"):
        generate_demo(demo.vault, seed=9, activities=10, today=TODAY)
    with demo.vault.reading() as s:
        assert len(s.exec(select(Activity.id)).all()) == 300


def test_refuses_more_files_than_sessions_to_give_them(tmp_path):
    vault = new_vault(tmp_path)
    with pytest.raises(ValueError, match="beneficiaries"):
        generate_demo(vault, activities=10, beneficiaries=50, today=TODAY)
    vault.lock()


def test_small_and_empty_requests(tmp_path):
    vault = new_vault(tmp_path / "a")
    tiny = generate_demo(vault, activities=5, beneficiaries=1, today=TODAY)
    vault.lock()
    assert (tiny.activities, tiny.beneficiaries) == (5, 1)
    vault = new_vault(tmp_path / "b")
    empty = generate_demo(vault, activities=0, today=TODAY)
    vault.lock()
    assert (empty.activities, empty.beneficiaries, empty.first_date) == (0, 0, None)


def test_three_thousand_sessions_take_seconds_not_minutes(tmp_path):
    vault = new_vault(tmp_path)
    communes.all_communes()  # loaded once per process, whoever asks first
    start = time.perf_counter()
    summary = generate_demo(vault, seed=1, activities=3000, today=TODAY)
    elapsed = time.perf_counter() - start
    assert summary.activities == 3000
    assert 250 <= summary.beneficiaries <= 350
    assert vaults.check(vault).sound
    vault.lock()
    assert elapsed < 10  # about 1 s on a developer's laptop; generous for a busy CI
