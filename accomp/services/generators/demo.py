"""Demonstration data: a realistic, entirely synthetic logbook.

`generate_demo` fills an empty vault with about eighteen months of a digital
mediator's work in and around one mid-size town (Châtellerault, Vienne): files of
people of every age and origin, individual sessions (some anonymous), workshops
with tracked and anonymous participants. Every person, name, phone number, e-mail
address and note is invented:

- phone numbers are in the blocks ARCEP reserves for fiction (06 39 98 xx xx,
  05 36 49 xx xx): they can never ring anyone;
- e-mail addresses are at example.org / example.net / example.com (RFC 2606);
- names are common first names and surnames drawn independently;
- notes are short generic sentences with no name, health or family detail.

The same seed and `today` give the same data. Every row is validated through the
domain models and rules, as if typed in a form, then inserted in bulk in one
transaction with a single journal event.

What is drawn comes from generators.distributions (lists, weights, calendar) and
generators.plan (people and the input of each session); this module puts the
sessions in order and writes them.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from sqlmodel import func, insert, select

from accomp.domain.errors import KnownError
from accomp.domain.models import ActivityIn, BeneficiaryIn
from accomp.domain.rules import age_band, check_activity, check_beneficiary
from accomp.domain.text import search_key
from accomp.services import structure
from accomp.services.generators.distributions import (
    _WORKSHOPS,
    PERIOD_DAYS,
    _Calendar,
    _Pick,
)
from accomp.services.generators.plan import (
    _collective,
    _Communes,
    _individual,
    _make_people,
    _Person,
    _spread_visits,
    _visit_days,
)
from accomp.store import audit
from accomp.store.tables import Activity, ActivityParticipant, Beneficiary
from accomp.store.vault import Vault

log = logging.getLogger("accomp.services.demo")


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What `generate_demo` wrote."""

    beneficiaries: int
    identified: int  # files with identity data
    statistical_only: int  # files with no identity at all
    activities: int
    individual: int
    anonymous_individual: int
    collective: int
    participations: int  # tracked workshop participants, summed over workshops
    first_date: dt.date | None
    last_date: dt.date | None


# ---------------------------------------------------------------------------
# The service


def generate_demo(
    vault: Vault, *, seed: int = 1, activities: int = 3000, beneficiaries: int | None = None,
    today: dt.date | None = None,
) -> DemoSummary:
    """Fill an empty vault with synthetic demonstration data over the eighteen months
    before `today`: about `beneficiaries` files (default: a tenth of `activities`)
    and exactly `activities` sessions (80 % individual, a fifth of them anonymous;
    20 % workshops). The same seed and `today` give the same data.

    Every session and file is validated by the domain models and rules before
    anything is written; all of it goes in one transaction.

    Refuses: KnownError vault_not_empty if the vault already holds files or sessions (demonstration
    data must never mix with real files), or if `beneficiaries` exceeds the
    individual sessions available to give each file one. KnownError as any write
    (read-only or locked vault, disk full).
    Journal: one demo.generate event with the counts and the seed.
    """
    today = today or dt.date.today()
    if activities < 0:
        raise ValueError("activities must be >= 0")
    n_collective = round(activities * 0.2)
    n_individual = activities - n_collective
    n_anonymous = round(n_individual * 0.2)
    n_tracked = n_individual - n_anonymous
    n_people = round(activities / 10) if beneficiaries is None else beneficiaries
    if not 0 <= n_people <= n_tracked:
        raise ValueError(f"beneficiaries must be between 0 and {n_tracked} for "
                         f"{activities} activities")

    pick = _Pick(seed)
    cal = _Calendar.build(today - dt.timedelta(days=PERIOD_DAYS), today)
    places = _Communes()

    with vault.transaction() as s:
        existing = s.exec(select(func.count()).select_from(Beneficiary)).one()
        existing += s.exec(select(func.count()).select_from(Activity)).one()
        if existing:
            raise KnownError("vault_not_empty")
        first_b = (s.exec(select(func.max(Beneficiary.id))).one() or 0) + 1
        first_a = (s.exec(select(func.max(Activity.id))).one() or 0) + 1

        people = _make_people(pick, n_people, today, places, first_b)
        plans = _plan_sessions(pick, cal, people, places, n_anonymous, n_collective,
                               n_tracked)
        activity_rows, participant_rows = _activity_rows(plans, today, first_a)
        beneficiary_rows = _beneficiary_rows(people, today)

        # Core inserts on the tables: one executemany each. (ORM bulk inserts split
        # the rows by which columns are None: thousands of statements.)
        for table, rows in ((Beneficiary, beneficiary_rows), (Activity, activity_rows),
                            (ActivityParticipant, participant_rows)):
            if rows:
                s.exec(insert(table.metadata.tables[table.__tablename__]), params=rows)

        dates = [row["date"] for row in activity_rows]
        summary = DemoSummary(
            beneficiaries=len(people),
            identified=sum(p.identified for p in people),
            statistical_only=sum(not p.identified for p in people),
            activities=len(activity_rows),
            individual=n_individual,
            anonymous_individual=n_anonymous,
            collective=n_collective,
            participations=len(participant_rows),
            first_date=min(dates, default=None),
            last_date=max(dates, default=None),
        )
        structure.mark_demo_in(s)  # every export of this vault says DÉMO
        audit.append(s, actor=vault.worker, action="demo.generate", entity="vault",
                     details={"seed": seed, "beneficiaries": summary.beneficiaries,
                              "activities": summary.activities,
                              "collective": summary.collective,
                              "anonymous_individual": summary.anonymous_individual})
    log.info("demo data generated: %d files, %d sessions", summary.beneficiaries,
             summary.activities)
    return summary


def _plan_sessions(
    pick: _Pick, cal: _Calendar, people: list[_Person], places: _Communes,
    n_anonymous: int, n_collective: int, n_tracked: int,
) -> list[dict[str, Any]]:
    """Every session as the input a worker would type, in date order."""
    planned: list[tuple[int, int, dict[str, Any]]] = []  # (day index, order, data)
    if people:
        _spread_visits(pick, people, n_tracked)
    else:
        n_anonymous += n_tracked
    for person in people:
        for index in sorted(_visit_days(pick, cal, person.visits)):
            day = cal.days[index]
            person.dates.append(day)
            planned.append((index, len(planned), _individual(pick, day, person, places)))
    for _ in range(n_anonymous):
        index = cal.sample(pick)
        planned.append((index, len(planned), _individual(pick, cal.days[index], None, places)))

    # Workshops: tracked participants are people being followed at that time.
    spans = [(cal.position[min(p.dates)], cal.position[max(p.dates)], p) for p in people]
    weights = {w: w.weight for w in _WORKSHOPS}
    for _ in range(n_collective):
        index = cal.sample(pick)
        day = cal.days[index]
        workshop = pick.one(weights)
        window = 40  # working days: about two months
        pool = [p for lo, hi, p in spans if lo - window <= index <= hi + window]
        data, tracked = _collective(pick, day, workshop, pool, places)
        for p in tracked:
            p.dates.append(day)
        planned.append((index, len(planned), data))
    planned.sort(key=lambda item: (item[0], item[1]))
    return [data for _, _, data in planned]


def _validated_activity(data: dict[str, Any], today: dt.date) -> ActivityIn:
    a = ActivityIn.model_validate(data)
    check_activity(a, today)
    return a


def _activity_rows(
    plans: list[dict[str, Any]], today: dt.date, first_id: int
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rows: list[dict[str, Any]] = []
    participants: list[dict[str, Any]] = []
    for n, data in enumerate(plans):
        a = _validated_activity(data, today)
        activity_id = first_id + n
        stamp = _stamp(a.date, n)
        collective = a.kind == "Collectif"
        rows.append({
            "id": activity_id, "kind": a.kind, "date": a.date, "duration_min": a.duration_min,
            "place_type": a.place_type,
            "commune_name": a.commune.name if a.commune else None,
            "commune_postal_code": a.commune.postal_code if a.commune else None,
            "commune_insee": a.commune.insee if a.commune else None,
            "themes": list(a.themes), "admin_themes": list(a.admin_themes),
            "procedure_details": a.procedure_details, "equipment": list(a.equipment),
            "notes": a.notes, "beneficiary_id": a.beneficiary_id, "autonomy": a.autonomy,
            "referred": a.referred, "referral_target": a.referral_target,
            "completion": a.completion, "workshop_title": a.workshop_title, "level": a.level,
            "anonymous": a.anonymous.model_dump() if collective else {},
            "participants": len(a.participant_ids) + a.anonymous.total if collective else 1,
            "created_at": stamp, "updated_at": stamp,
        })
        participants.extend(
            {"activity_id": activity_id, "beneficiary_id": b} for b in a.participant_ids
        )
    return rows, participants


def _stamp(day: dt.date, n: int) -> dt.datetime:
    """When a session was logged or a file created: that day, in opening hours."""
    minutes = 7 * 60 + (n * 37) % (9 * 60)
    return dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60), tzinfo=dt.UTC)


def _beneficiary_rows(people: list[_Person], today: dt.date) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for p in people:
        first, last = min(p.dates), max(p.dates)
        data = dict(p.data)
        if p.identified:
            data["informed_on"] = first
        b = BeneficiaryIn.model_validate(data)
        check_beneficiary(b, today)
        created = _stamp(first, p.id)
        rows.append({
            "id": p.id, "code": p.code,
            "first_name": b.first_name, "last_name": b.last_name, "phone": b.phone,
            "email": b.email, "birth_year": b.birth_year, "notes": b.notes,
            "commune_name": b.commune.name if b.commune else None,
            "commune_postal_code": b.commune.postal_code if b.commune else None,
            "commune_insee": b.commune.insee if b.commune else None,
            "gender": b.gender, "age_band": b.age_band or age_band(b.birth_year, today),
            "social_status": b.social_status, "legal_basis": b.legal_basis,
            "informed_on": b.informed_on, "notice_version": b.notice_version,
            "notice_hash": None,
            "search_key": search_key(b.first_name, b.last_name, b.phone, b.email),
            "anonymised_at": None, "last_contact": last,
            "created_at": created, "updated_at": created,
        })
    return rows
