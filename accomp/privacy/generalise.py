"""Coarsen the quasi-identifiers of an activity before it leaves the machine.

A date, a commune, a birth year and a session length are each harmless, but
together they often single out one person in a small town. Exports therefore carry
them only at the grain the national activity report (CRA) already uses: the month,
the département, the CRA age band and a duration bucket. These are also the grains
a supervisor or a funder reads statistics at, so nothing they need is lost.

The returned strings are CRA enum keys (or plain codes), never labels, so that
exports stay comparable with "La Coop de la médiation numérique".
"""

from __future__ import annotations

import re
from datetime import date

NON_COMMUNIQUE = "NonCommunique"
"""The CRA key for "not given"; also what generalisation falls back to."""

_INSEE_COMMUNE = re.compile(r"(?:\d{2}|2[AB])\d{3}")


def month_of(day: date) -> str:
    """Return the "YYYY-MM" month of a day.

    A day of contact combined with a place is often enough to recognise someone;
    monthly activity is what supervisors and funders report on anyway.
    """
    return f"{day.year:04d}-{day.month:02d}"


def departement_of(insee_code: str | None) -> str:
    """Return the département code of a commune's INSEE code.

    A commune of a few hundred inhabitants can identify a person; the département is
    the grain the CRA publishes. The code follows INSEE: "2A"/"2B" for Corsica, three
    digits for the overseas départements and collectivities ("971" Guadeloupe ...
    "976" Mayotte, and likewise "975", "977", "978" and the Pacific "98x", which have
    no two-digit département to fall back on), and the first two digits otherwise.

    A missing or blank code gives "NonCommunique". A malformed code is refused
    (ValueError) rather than guessed at: a postal code given by mistake ("20000" for
    Ajaccio, "75015" for Paris 15e) would otherwise be exported as a wrong place.
    """
    if insee_code is None or not insee_code.strip():
        return NON_COMMUNIQUE
    code = insee_code.strip().upper()
    if not _INSEE_COMMUNE.fullmatch(code) or code.startswith("20"):
        # No INSEE commune code starts with "20" (Corsica uses 2A/2B); a five-digit
        # "20..." is a Corsican postal code.
        raise ValueError(f"not an INSEE commune code: {insee_code!r}")
    if code.startswith(("97", "98")):
        return code[:3]
    return code[:2]


# Upper bounds (exclusive) of the CRA age bands, youngest first.
_AGE_BANDS: tuple[tuple[int, str], ...] = (
    (12, "MoinsDeDouze"),
    (18, "DouzeDixHuit"),
    (25, "DixHuitVingtQuatre"),
    (40, "VingtCinqTrenteNeuf"),
    (60, "QuaranteCinquanteNeuf"),
    (70, "SoixanteSoixanteNeuf"),
)
_OLDEST_BAND = "SoixanteDixPlus"


def age_band(birth_year: int | None, on: date) -> str:
    """Return the CRA age band of a person born in `birth_year`, as of the day `on`.

    Only the birth year is ever recorded (a full birth date is an identifier), so the
    age is the one reached during the year of `on`: someone born in 2000 counts as 25
    for all of 2025. Statistics are then stable across a whole year and do not depend
    on the day the export was run. `on` is normally the activity's date, so a person
    stays in the band they were in when they were supported.

    No birth year gives "NonCommunique". A birth year after `on` is refused
    (ValueError): it is a typing error, and counting it as a child would be wrong.
    """
    if birth_year is None:
        return NON_COMMUNIQUE
    age = on.year - birth_year
    if age < 0:
        raise ValueError(f"birth year {birth_year} is after the reference date {on}")
    for upper, band in _AGE_BANDS:
        if age < upper:
            return band
    return _OLDEST_BAND


# Upper bounds (exclusive, in minutes) of the duration buckets, shortest first.
_DURATION_BUCKETS: tuple[tuple[int, str], ...] = (
    (30, "30"),
    (60, "60"),
    (120, "120"),
)
_LONGEST_BUCKET = "more"


def duration_bucket(minutes: int) -> str:
    """Return the statistics bucket of a session length in minutes.

    An unusual exact length (a 97-minute session) can point to one session; the
    buckets are those of the activity statistics: under 30 min, 30 min to under 1 h,
    1 h to under 2 h, 2 h and more. A negative duration is refused (ValueError).
    """
    if minutes < 0:
        raise ValueError(f"a duration cannot be negative: {minutes} min")
    for upper, bucket in _DURATION_BUCKETS:
        if minutes < upper:
            return bucket
    return _LONGEST_BUCKET
