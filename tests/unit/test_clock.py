"""Services turn an injected day into an instant of that day, whatever the real date."""

from __future__ import annotations

import datetime as dt

from accomp.domain.clock import instant

REAL = dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC)


def _real() -> dt.datetime:
    return REAL


def test_an_explicit_instant_wins():
    now = dt.datetime(2024, 2, 29, 8, tzinfo=dt.UTC)
    assert instant(dt.date(2030, 1, 1), now, clock=_real) == now


def test_a_frozen_day_other_than_the_real_one_gives_noon_utc_that_day():
    assert instant(dt.date(2028, 2, 29), clock=_real) == dt.datetime(
        2028, 2, 29, 12, tzinfo=dt.UTC)


def test_the_real_clock_serves_when_it_falls_on_the_given_day_or_no_day_is_given():
    assert instant(REAL.date(), clock=_real) == REAL
    assert instant(clock=_real) == REAL
