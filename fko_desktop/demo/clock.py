"""The demo's calendar: Danish wall-clock times as UTC instants, the stored text of a time,
and the workdays that meetings and letters fall on.

Everything here is computed from plain dates by rule, so the same date always gives the same
instant and the same text.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

UTC = dt.UTC
DAY = dt.timedelta(days=1)


@cache
def _summer_time(year: int) -> tuple[dt.date, dt.date]:
    """Danish summer time runs from the last Sunday of March to the last Sunday of October."""

    def last_sunday(month: int) -> dt.date:
        d = dt.date(year, month, 31)
        return d - dt.timedelta(days=(d.weekday() + 1) % 7)

    return last_sunday(3), last_sunday(10)


def local_time(day: dt.date, hour: int, minute: int) -> dt.datetime:
    """A Danish wall-clock time (07–22, never in the switch-over hour) as an aware UTC instant.

    Computed by rule instead of ``zoneinfo`` so the demo needs no time zone database (Windows
    has none without the ``tzdata`` package).
    """
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC) - dt.timedelta(
        hours=utc_offset_hours(day)
    )


def utc_offset_hours(day: dt.date) -> int:
    start, end = _summer_time(day.year)
    return 2 if start <= day < end else 1


def _note_times(day: dt.date, hour: int, minute: int, delay_minutes: int) -> tuple[str, str]:
    """(observed_at, created_at) as stored text for a note observed at local *hour*:*minute*.

    The fast path of ``_iso(local_time(...))`` for the bulk tables: local 07–22 is UTC 05–21,
    and a delay of at most 90 minutes stays within the same UTC day.
    """
    utc_minutes = (hour - utc_offset_hours(day)) * 60 + minute
    stamp = day.isoformat()
    created = utc_minutes + delay_minutes
    return (
        f"{stamp}T{utc_minutes // 60:02d}:{utc_minutes % 60:02d}:00.000000+00:00",
        f"{stamp}T{created // 60:02d}:{created % 60:02d}:00.000000+00:00",
    )


def _iso(instant: dt.datetime) -> str:
    """Exactly what ``UTCDateTime`` stores."""
    return instant.astimezone(UTC).isoformat(timespec="microseconds")


def _month_year(day: dt.date) -> str:
    months = (
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    )
    return f"i {months[day.month - 1]} {day.year}"


def workday(day: dt.date) -> dt.date:
    """*day* moved off weekends and the Christmas week: meetings and letters happen on workdays."""
    if day.month == 12 and day.day >= 22:
        day = dt.date(day.year, 12, 19)
    if day.weekday() == 5:
        return day - DAY
    if day.weekday() == 6:
        return day + DAY
    return day
