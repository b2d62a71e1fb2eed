"""The anonymised summary: which tables, what each counts, and how raw counts
become publishable ones (the cell-key method of `privacy.cellkey`).

A `Summary` holds only published numbers: every count went through the
perturbation table (0 stays 0, 1..k−1 becomes k, larger counts move by a small
noise fixed by the cell's records), so writers (JSON, CSV, XLSX, PDF) cannot leak
a true value, whatever they do. `protect_counts` is the protection step on its
own, a pure function of the true counts and the cells' key sums, for any engine
that computes the aggregates (a logbook's SQL, a team's consolidation).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from accomp.domain.departements import departements
from accomp.domain.vocab import Lang, vocabulary
from accomp.privacy.cellkey import protect_amount, protect_count
from accomp.privacy.generalise import NON_COMMUNIQUE
from accomp.privacy.suppression import DEFAULT_K, MIN_K

__all__ = [
    "APPOINTMENT_TABLE",
    "DEFAULT_K",
    "MIN_K",
    "REFERRAL_TABLE",
    "TABLES",
    "PublishedRow",
    "PublishedTable",
    "Summary",
    "TableSpec",
    "build_summary",
    "category_label",
    "dimension_label",
    "protect_cells",
    "protect_counts",
]

NOT_APPLICABLE = "SansObjet"
NOT_REFERRED = "NonOriente"
FIRST_VISIT = "PremierAccompagnement"
RETURNING = "DejaAccompagne"

ACTIVITY_DIMENSIONS = (
    "month", "kind", "theme", "admin_theme", "place_type", "duration", "autonomy", "referral",
)
PERSON_DIMENSIONS = ("age_band", "gender", "social_status", "departement", "first_visit")


@dataclass(frozen=True, slots=True)
class TableSpec:
    name: str
    unit: str
    """activities | participations | beneficiaries | minutes"""
    dimension: str
    multi_valued: bool
    """A unit can fall in several categories (an activity has several themes, a
    person comes in several months): the rows do not add up to a number of units,
    so no total is published."""


def _specs() -> tuple[TableSpec, ...]:
    specs: list[TableSpec] = []
    for dim in ACTIVITY_DIMENSIONS:
        specs.append(TableSpec(f"activities_by_{dim}", "activities", dim,
                               dim in ("theme", "admin_theme")))
    for dim in PERSON_DIMENSIONS:
        specs.append(TableSpec(f"participations_by_{dim}", "participations", dim, False))
    for dim in PERSON_DIMENSIONS:
        specs.append(TableSpec(f"beneficiaries_by_{dim}", "beneficiaries", dim, False))
    # A person comes in several months, for several themes...: counted once in each.
    for dim in ACTIVITY_DIMENSIONS:
        specs.append(TableSpec(f"beneficiaries_by_{dim}", "beneficiaries", dim, True))
    specs.append(TableSpec("minutes_by_kind", "minutes", "kind", False))
    specs.append(TableSpec("minutes_by_month", "minutes", "month", False))
    return tuple(specs)


TABLES: tuple[TableSpec, ...] = _specs()
"""Every table of a summary, in the order they are published."""

APPOINTMENT_TABLE = TableSpec("appointments_by_status", "appointments", "status", False)
"""Follow-up appointments of the period's days by how they went: published after
TABLES, and only by a logbook's unfiltered summary (an appointment has no theme,
kind or tag to filter on; a consolidation's activity files hold none)."""
APPOINTMENT_STATUSES = ("planned", "done", "missed")
"""Cancelled ones are not counted: nobody was expected any more."""

REFERRAL_TABLE = TableSpec("referrals_by_partner_type", "referrals", "partner_type", False)
"""Sessions of the period referred to a partner of the directory, by the
partner's type (the Coop's structure typology; NonCommunique for a partner
without a type): published after APPOINTMENT_TABLE, and only by a logbook's
unfiltered summary. A filter would split cells that are already small (how many
people of one theme went to the one CAF counter) and multiply the releases a
reader can subtract from one another, while the directory a referral points to
is a list of a few named structures; and a consolidation's activity files carry
no partner link."""

_VOCAB_LIST = {
    "kind": None, "theme": "themes", "admin_theme": "admin_themes",
    "place_type": "place_types", "duration": "duration_buckets", "autonomy": "autonomy",
    "referral": "referral_targets", "age_band": "age_bands", "gender": "genders",
    "social_status": "social_statuses", "status": "appointment_statuses",
    "partner_type": "structure_typologies",
}

_EXTRA_LABELS: dict[str, tuple[str, str]] = {
    NON_COMMUNIQUE: ("Non communiqué", "Not given"),
    NOT_APPLICABLE: ("Sans objet (atelier collectif)", "Not applicable (workshop)"),
    NOT_REFERRED: ("Pas d'orientation", "Not referred"),
    FIRST_VISIT: ("Premier accompagnement", "First support"),
    RETURNING: ("Déjà accompagné", "Already supported"),
    "Individuel": ("Individuel", "Individual"),
    "Collectif": ("Collectif (atelier)", "Collective (workshop)"),
}

_DIMENSION_LABELS: dict[str, tuple[str, str]] = {
    "month": ("Mois", "Month"),
    "kind": ("Type d'activité", "Kind of activity"),
    "theme": ("Thème", "Theme"),
    "admin_theme": ("Démarche administrative", "Administrative topic"),
    "place_type": ("Lieu", "Place"),
    "duration": ("Durée", "Duration"),
    "autonomy": ("Autonomie", "Autonomy"),
    "referral": ("Orientation", "Referral"),
    "age_band": ("Tranche d'âge", "Age band"),
    "gender": ("Genre", "Gender"),
    "social_status": ("Statut", "Status"),
    "departement": ("Département", "Département"),
    "first_visit": ("Premier accompagnement", "First support"),
    "status": ("Suite donnée", "Outcome"),
    "partner_type": ("Type de partenaire", "Partner type"),
}

_UNIT_LABELS: dict[str, tuple[str, str]] = {
    "activities": ("Activités", "Activities"),
    "participations": ("Accompagnements (personnes × séances)",
                       "Participations (people × sessions)"),
    "beneficiaries": ("Bénéficiaires distincts", "Distinct beneficiaries"),
    "minutes": ("Temps passé (minutes)", "Time spent (minutes)"),
    "appointments": ("Rendez-vous de suivi", "Follow-up appointments"),
    "referrals": ("Orientations", "Referrals"),
}


def _pick(pair: tuple[str, str], lang: Lang) -> str:
    return pair[0] if lang == "fr" else pair[1]


def dimension_label(dimension: str, lang: Lang = "fr") -> str:
    return _pick(_DIMENSION_LABELS.get(dimension, (dimension, dimension)), lang)


def unit_label(unit: str, lang: Lang = "fr") -> str:
    return _pick(_UNIT_LABELS.get(unit, (unit, unit)), lang)


def table_title(spec_or_table: TableSpec | PublishedTable, lang: Lang = "fr") -> str:
    by = " par " if lang == "fr" else " by "
    dim = dimension_label(spec_or_table.dimensions[0] if isinstance(
        spec_or_table, PublishedTable) else spec_or_table.dimension, lang)
    return unit_label(spec_or_table.unit, lang) + by + dim.lower()


def category_label(dimension: str, key: str, lang: Lang = "fr") -> str:
    """The label of a category key, in the user's language (the key itself when it
    has none, e.g. a month; a département code with its name)."""
    if key in _EXTRA_LABELS:
        return _pick(_EXTRA_LABELS[key], lang)
    list_name = _VOCAB_LIST.get(dimension)
    if list_name is not None:
        return vocabulary().label(list_name, key, lang)
    if dimension == "departement":
        # "01 – Ain": a reader knows the name, and a spreadsheet opening the CSV keeps
        # it as text where the bare "01" would become the number 1.
        name = departements().name(key)
        return f"{key} – {name}" if name is not None else key
    return key


def _months(date_from: dt.date, date_to: dt.date) -> list[str]:
    months: list[str] = []
    year, month = date_from.year, date_from.month
    while (year, month) <= (date_to.year, date_to.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def category_order(dimension: str, date_from: dt.date, date_to: dt.date) -> list[str]:
    """Categories shown even when empty (a zero is published: it is about no one)."""
    if dimension == "month":
        return _months(date_from, date_to)
    if dimension == "kind":
        return ["Individuel", "Collectif"]
    if dimension == "first_visit":
        return [FIRST_VISIT, RETURNING]
    if dimension == "status":
        return list(APPOINTMENT_STATUSES)
    list_name = _VOCAB_LIST.get(dimension)
    keys = [t.key for t in vocabulary().terms(list_name)] if list_name else []
    if dimension == "referral":
        keys = [NOT_REFERRED, *keys]
    if dimension in ("autonomy", "referral"):
        keys.append(NOT_APPLICABLE)
    if dimension in ("autonomy", "age_band", "gender", "social_status") and (
        NON_COMMUNIQUE not in keys
    ):
        keys.append(NON_COMMUNIQUE)
    return keys


@dataclass(frozen=True, slots=True)
class PublishedRow:
    category: str
    count: int | None
    """None when suppressed (the cell-key method publishes every cell)."""
    suppressed: bool
    perturbed: bool = False
    """The count went through the perturbation table (every non-zero count does:
    it may differ from the true count by a little, and is never 1..k−1)."""


@dataclass(frozen=True, slots=True)
class PublishedTable:
    name: str
    unit: str
    dimensions: tuple[str, ...]
    multi_valued: bool
    rows: tuple[PublishedRow, ...]
    total: int | None
    """None when suppressed, or not meaningful (multi-valued tables)."""
    total_suppressed: bool
    total_perturbed: bool = False

    @property
    def dimension(self) -> str:
        return self.dimensions[0]

    def published_counts(self) -> list[int]:
        """Every number a reader of this table sees (rows and total)."""
        values = [row.count for row in self.rows if row.count is not None]
        return values + ([self.total] if self.total is not None else [])


@dataclass(frozen=True)
class Summary:
    """A summary as it may leave the machine."""

    date_from: dt.date
    date_to: dt.date
    k: int
    filters: Mapping[str, str]
    tables: tuple[PublishedTable, ...]
    source: str
    """"vault" (one worker's logbook) or "consolidation" (several workers' files)."""
    generated_at: dt.datetime
    inputs: Mapping[str, object] = field(default_factory=dict)
    """For a consolidation: number of files and rows."""

    def table(self, name: str) -> PublishedTable:
        for table in self.tables:
            if table.name == name:
                return table
        raise KeyError(name)

    @property
    def suppressed_cells(self) -> int:
        return sum(
            sum(row.suppressed for row in t.rows) + t.total_suppressed for t in self.tables
        )


UNIT_PARTITIONS: Mapping[str, str] = {
    "activities": "activities_by_kind",
    "participations": "participations_by_gender",
    "beneficiaries": "beneficiaries_by_gender",
    "minutes": "minutes_by_kind",
}
"""For each unit, a table whose categories split every unit exactly once: its
cells' counts and key sums add up to the unit's total and its key sum."""

Counts = Mapping[str, Mapping[str, int]]
"""Table name -> category -> count (or, for keys, sum of the records' keys)."""


@dataclass(frozen=True)
class ProtectedCounts:
    """What may be published of a summary's counts."""

    tables: Mapping[str, Mapping[str, int]]
    totals: Mapping[str, int]
    """Unit -> published total: one value wherever the total appears."""


def protect_counts(counts: Counts, keys: Counts, k: int) -> ProtectedCounts:
    """The published counts of every table of TABLES, and the units' totals.

    Pure function of the true counts and, for each cell, the sum of its records'
    keys (same shape as `counts`; a missing key sum counts as 0). Every count goes
    through `privacy.cellkey.protect_count`; minutes through `protect_amount`.
    The same records always give the same published value: the number of
    workshops is the same in the tables by kind, autonomy and referral, a total is
    the same under every table. Refuses (ValueError) k below MIN_K.
    """
    if k < MIN_K:
        raise ValueError(f"k must be at least {MIN_K}")
    tables: dict[str, dict[str, int]] = {}
    for spec in TABLES:
        raw, key_sums = counts.get(spec.name, {}), keys.get(spec.name, {})
        if spec.unit == "minutes":
            tables[spec.name] = {
                c: protect_amount(n, key_sums.get(c, 0), k) for c, n in raw.items()}
        else:
            tables[spec.name] = {
                c: protect_count(n, key_sums.get(c, 0), k) for c, n in raw.items()}
    totals: dict[str, int] = {}
    for unit, name in UNIT_PARTITIONS.items():
        raw, key_sums = counts.get(name, {}), keys.get(name, {})
        n, key_sum = sum(raw.values()), sum(key_sums.get(c, 0) for c in raw)
        totals[unit] = protect_amount(n, key_sum, k) if unit == "minutes" else (
            protect_count(n, key_sum, k))
    return ProtectedCounts(tables, totals)


def protect_cells(
    counts: Mapping[str, int], keys: Mapping[str, int], categories: Sequence[str], k: int,
) -> tuple[dict[str, int], int]:
    """The published counts of a table outside TABLES (appointments by status,
    referrals by partner type) over `categories`, and their total: each through
    `privacy.cellkey.protect_count` with its records' key sum (as every count of
    TABLES), so a category held by 1..k−1 records is never published as such.
    Refuses (ValueError) k below MIN_K."""
    if k < MIN_K:
        raise ValueError(f"k must be at least {MIN_K}")
    cells = {c: protect_count(counts.get(c, 0), keys.get(c, 0), k) for c in categories}
    total = protect_count(sum(counts.get(c, 0) for c in categories),
                          sum(keys.get(c, 0) for c in categories), k)
    return cells, total


def partner_type_order(counts: Mapping[str, int]) -> list[str]:
    """The partner types to list: those with referrals, in the typology's order,
    NonCommunique last. Listing the ninety-odd empty types would say nothing (a
    listed type is a non-zero count, as a listed département is)."""
    keys = [t.key for t in vocabulary().terms("structure_typologies")]
    present = [c for c in keys if counts.get(c)]
    present += sorted(c for c in counts if counts[c] and c not in keys and c != NON_COMMUNIQUE)
    return present + ([NON_COMMUNIQUE] if counts.get(NON_COMMUNIQUE) else [])


def _publish(
    spec: TableSpec, counts: Mapping[str, int], order: Sequence[str], total: int,
) -> PublishedTable:
    # Categories outside the fixed lists (départements, a key unknown to this
    # version) are listed only when present: listing an empty one would say nothing,
    # and a listed category is a non-zero count.
    categories = list(order) + sorted(c for c in counts if c not in order and counts[c])
    if spec.dimension == "departement" and NON_COMMUNIQUE in categories:
        categories.remove(NON_COMMUNIQUE)
        categories.append(NON_COMMUNIQUE)
    if not categories:
        categories = [NON_COMMUNIQUE]
    rows = tuple(
        PublishedRow(c, counts.get(c, 0), False, perturbed=counts.get(c, 0) != 0)
        for c in categories
    )
    return PublishedTable(
        name=spec.name, unit=spec.unit, dimensions=(spec.dimension,),
        multi_valued=spec.multi_valued, rows=rows,
        total=None if spec.multi_valued else total, total_suppressed=False,
        total_perturbed=not spec.multi_valued and total != 0,
    )


def build_summary(
    counts: Counts, *, date_from: dt.date, date_to: dt.date, k: int,
    keys: Counts | None = None,
    filters: Mapping[str, str] | None = None, source: str = "vault",
    inputs: Mapping[str, object] | None = None, generated_at: dt.datetime | None = None,
    appointments: tuple[Mapping[str, int], Mapping[str, int]] | None = None,
    referrals: tuple[Mapping[str, int], Mapping[str, int]] | None = None,
) -> Summary:
    """Protect (protect_counts) and assemble the raw counts of every table of TABLES.

    `keys` holds each cell's sum of record keys (see privacy.cellkey); without it
    every cell key is 0, which still never publishes 1..k−1 but gives every cell
    the same draw: callers that publish pass the keys. `appointments` (counts by
    status, key sums by status) adds APPOINTMENT_TABLE, protected the same way;
    `referrals` (counts and key sums by partner type) adds REFERRAL_TABLE.
    Refuses (ValueError) k below MIN_K.
    """
    protected = protect_counts(counts, keys or {}, k)
    tables = tuple(
        _publish(spec, protected.tables[spec.name],
                 category_order(spec.dimension, date_from, date_to),
                 protected.totals[spec.unit])
        for spec in TABLES
    )
    extra = ((APPOINTMENT_TABLE, appointments, APPOINTMENT_STATUSES),
             (REFERRAL_TABLE, referrals, partner_type_order(referrals[0]) if referrals else ()))
    for spec, raw, order in extra:
        if raw is not None:
            cells, total = protect_cells(*raw, order, k)
            tables += (_publish(spec, cells, order, total),)
    return Summary(
        date_from=date_from, date_to=date_to, k=k, filters=dict(filters or {}),
        tables=tables, source=source, inputs=dict(inputs or {}),
        generated_at=generated_at or dt.datetime.now(dt.UTC).replace(microsecond=0),
    )
