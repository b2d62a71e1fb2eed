"""The anonymised summary: which tables, what each counts, and how raw counts
become publishable ones (small-cell suppression from `privacy.suppression`).

A `Summary` holds only published numbers: a hidden count is `None` with
`suppressed=True`, its value is gone. Writers (JSON, CSV, XLSX, PDF) therefore
cannot leak it, whatever they do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from accomp.domain.vocab import Lang, vocabulary
from accomp.privacy.generalise import NON_COMMUNIQUE
from accomp.privacy.suppression import (
    DEFAULT_K,
    MIN_K,
    TOTAL,
    CellStatus,
    CountTable,
    SuppressedTable,
    suppress_small_cells,
)

__all__ = [
    "DEFAULT_K",
    "MIN_K",
    "TABLES",
    "PublishedRow",
    "PublishedTable",
    "Summary",
    "TableSpec",
    "build_summary",
    "category_label",
    "dimension_label",
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

_VOCAB_LIST = {
    "kind": None, "theme": "themes", "admin_theme": "admin_themes",
    "place_type": "place_types", "duration": "duration_buckets", "autonomy": "autonomy",
    "referral": "referral_targets", "age_band": "age_bands", "gender": "genders",
    "social_status": "social_statuses",
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
}

_UNIT_LABELS: dict[str, tuple[str, str]] = {
    "activities": ("Activités", "Activities"),
    "participations": ("Accompagnements (personnes × séances)",
                       "Participations (people × sessions)"),
    "beneficiaries": ("Bénéficiaires distincts", "Distinct beneficiaries"),
    "minutes": ("Temps passé (minutes)", "Time spent (minutes)"),
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
    has none, e.g. a month or a département code)."""
    if key in _EXTRA_LABELS:
        return _pick(_EXTRA_LABELS[key], lang)
    list_name = _VOCAB_LIST.get(dimension)
    if list_name is not None:
        return vocabulary().label(list_name, key, lang)
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
    """None when suppressed."""
    suppressed: bool


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


def _publish(
    spec: TableSpec, counts: Mapping[str, int], order: Sequence[str], k: int,
    pattern: SuppressedTable | None = None,
) -> tuple[PublishedTable, SuppressedTable]:
    categories = list(order) + sorted(c for c in counts if c not in order)
    if spec.dimension == "departement" and NON_COMMUNIQUE in categories:
        categories.remove(NON_COMMUNIQUE)
        categories.append(NON_COMMUNIQUE)
    if not categories:
        categories = [NON_COMMUNIQUE]
    cells = {(c,): int(counts.get(c, 0)) for c in categories}
    if pattern is None:
        suppressed = suppress_small_cells(CountTable((spec.dimension,), cells), k)
    else:
        suppressed = pattern
    rows: list[PublishedRow] = []
    for c in categories:
        hidden = suppressed.cells[(c,)].status is not CellStatus.PUBLISHED
        rows.append(PublishedRow(c, None if hidden else cells[(c,)], hidden))
    total_hidden = suppressed.cells[(TOTAL,)].status is not CellStatus.PUBLISHED
    total = None if total_hidden or spec.multi_valued else sum(cells.values())
    table = PublishedTable(
        name=spec.name, unit=spec.unit, dimensions=(spec.dimension,),
        multi_valued=spec.multi_valued, rows=tuple(rows), total=total,
        total_suppressed=total_hidden and not spec.multi_valued,
    )
    return table, suppressed


def build_summary(
    counts: Mapping[str, Mapping[str, int]], *, date_from: dt.date, date_to: dt.date, k: int,
    filters: Mapping[str, str] | None = None, source: str = "vault",
    inputs: Mapping[str, object] | None = None, generated_at: dt.datetime | None = None,
) -> Summary:
    """Suppress and assemble the raw counts of every table of TABLES.

    Every count table is suppressed on its own (primary: 1 <= n < k; secondary:
    so that no hidden cell can be recomputed from the table's rows and total).
    A table of minutes is published with exactly the cells of the matching
    activities table: time is shown only where at least k sessions stand behind
    it, and hidden wherever that count is hidden.

    Refuses (ValueError) k below MIN_K.
    """
    if k < MIN_K:
        raise ValueError(f"k must be at least {MIN_K}")
    patterns: dict[str, SuppressedTable] = {}
    tables: list[PublishedTable] = []
    for spec in TABLES:
        order = category_order(spec.dimension, date_from, date_to)
        raw = counts.get(spec.name, {})
        if spec.unit == "minutes":
            activities = patterns[f"activities_by_{spec.dimension}"]
            categories = [c for (c,) in activities.cells if c is not None]
            table, _ = _publish(spec, raw, categories, k, activities)
        else:
            table, suppressed = _publish(spec, raw, order, k)
            patterns[spec.name] = suppressed
        tables.append(table)
    return Summary(
        date_from=date_from, date_to=date_to, k=k, filters=dict(filters or {}),
        tables=tuple(tables), source=source, inputs=dict(inputs or {}),
        generated_at=generated_at or dt.datetime.now(dt.UTC).replace(microsecond=0),
    )

