"""Local days, weeks starting Sunday, months and RescueTime date labels."""

from datetime import date

from dayglass.core.localtime import (
    Resolution,
    day_to_local,
    label,
    local_to_day,
    period_start,
)


def test_weeks_start_on_sunday_and_months_on_the_first():
    wednesday = day_to_local(date(2026, 11, 18)) + 13 * 3600 + 7 * 60
    assert label(period_start(wednesday, Resolution.WEEK)) == "2026-11-15T00:00:00"
    assert label(period_start(wednesday, Resolution.MONTH)) == "2026-11-01T00:00:00"
    assert label(period_start(wednesday, Resolution.DAY)) == "2026-11-18T00:00:00"
    assert label(period_start(wednesday, Resolution.HOUR)) == "2026-11-18T13:00:00"
    assert label(period_start(wednesday, Resolution.MINUTE)) == "2026-11-18T13:05:00"
    assert period_start(wednesday, Resolution.NONE) is None


def test_a_sunday_starts_its_own_week():
    sunday = day_to_local(date(2026, 11, 22))
    assert period_start(sunday, Resolution.WEEK) == sunday


def test_days_round_trip():
    for day in (date(1999, 12, 31), date(2024, 2, 29), date(2026, 3, 29)):
        assert local_to_day(day_to_local(day)) == day
        assert local_to_day(day_to_local(day) + 86_399) == day
