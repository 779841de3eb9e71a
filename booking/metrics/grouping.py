"""Grouping figures by local day, weekday × hour, month or year, in SQL on both databases.

Instants are stored in UTC, but people count "Tuesdays 17-18" and "March" on the library's
wall clock. PostgreSQL converts with ``timezone(zone, instant)``. SQLite knows no time zones,
so the UTC offsets in force during the period are written into the query as a ``CASE`` over
the DST transitions (found with zoneinfo); both give the same buckets.

Bucket keys are strings that sort in time order: ``2026-03-29`` (day), ``2026-03`` (month),
``2026`` (year) and ``1-17`` (ISO weekday 1 = Monday, hour 17) for weekday × hour.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from babel.dates import get_day_names
from flask_babel import format_date, get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import Integer, String, case, cast, func, literal
from sqlalchemy.sql.elements import ColumnElement

from booking import labels
from booking.extensions import db
from booking.metrics.registry import Period
from booking.timeutil import library_tz


class Grouping(enum.StrEnum):
    DAY = "day"
    WEEKDAY_HOUR = "weekday_hour"
    MONTH = "month"
    YEAR = "year"


labels.register(
    Grouping,
    {
        Grouping.DAY: _l("Per day"),
        Grouping.WEEKDAY_HOUR: _l("Per weekday and hour"),
        Grouping.MONTH: _l("Per month"),
        Grouping.YEAR: _l("Per year"),
    },
)

# Groupings that are periods of the calendar: a figure without its own grouped query can be
# computed once per bucket (see :func:`booking.metrics.series.compute_series`).
CALENDAR_GROUPINGS = (Grouping.DAY, Grouping.MONTH, Grouping.YEAR)

_PG_FORMATS = {
    Grouping.DAY: "YYYY-MM-DD",
    Grouping.MONTH: "YYYY-MM",
    Grouping.YEAR: "YYYY",
    Grouping.WEEKDAY_HOUR: "ID-HH24",
}
_SQLITE_FORMATS = {Grouping.DAY: "%Y-%m-%d", Grouping.MONTH: "%Y-%m", Grouping.YEAR: "%Y"}


@dataclass(frozen=True)
class Bucket:
    key: str
    period: Period | None  # None for weekday × hour

    @property
    def label(self) -> str:
        return bucket_label(self.key)

    @property
    def short_label(self) -> str:
        return bucket_label(self.key, short=True)


def _dialect() -> str:
    return db.session.get_bind().dialect.name


def _month_end(day: date) -> date:
    following = day.replace(day=28) + timedelta(days=4)
    return following - timedelta(days=following.day)


def buckets(period: Period, grouping: Grouping) -> list[Bucket]:
    """Every bucket of the period in order, so empty ones show as 0 and not as gaps."""
    if grouping == Grouping.WEEKDAY_HOUR:
        return [Bucket(f"{weekday}-{hour:02d}", None) for weekday in range(1, 8) for hour in range(24)]
    found: list[Bucket] = []
    day = period.start
    while day <= period.end:
        if grouping == Grouping.DAY:
            end = day
            key = day.isoformat()
        elif grouping == Grouping.MONTH:
            end = _month_end(day)
            key = day.strftime("%Y-%m")
        else:
            end = date(day.year, 12, 31)
            key = str(day.year)
        found.append(Bucket(key, Period(day, min(end, period.end))))
        day = end + timedelta(days=1)
    return found


def bucket_label(key: str, *, short: bool = False) -> str:
    """A bucket key as people read it: "marts 2026", "tirsdag 17-18", "29. mar. 2026"; short
    (for chart axes): "mar. 2026", "29.3"."""
    locale = get_locale() or "da"
    if len(key) == 4 and "-" in key:  # weekday-hour
        weekday, hour = int(key[0]), int(key[2:])
        name = get_day_names("wide", locale=locale)[weekday - 1]
        return f"{name} {hour:02d}–{(hour + 1) % 24:02d}"
    if len(key) == 4:
        return key
    if len(key) == 7:
        return format_date(date.fromisoformat(key + "-01"), "MMM y" if short else "MMMM y")
    return format_date(date.fromisoformat(key), "d/M" if short else "medium")


def date_key(day: date, grouping: Grouping) -> str:
    """The bucket key of a local day, for figures that are summed in Python over days."""
    if grouping == Grouping.WEEKDAY_HOUR:
        raise ValueError("a date has no hour")
    return {Grouping.DAY: day.isoformat(), Grouping.MONTH: day.strftime("%Y-%m"), Grouping.YEAR: str(day.year)}[
        grouping
    ]


def date_bucket(column: Any, grouping: Grouping) -> ColumnElement[str]:
    """The bucket key of a local calendar date column (visitor counts, statements)."""
    if grouping == Grouping.WEEKDAY_HOUR:
        raise ValueError("a date has no hour")
    if _dialect() == "postgresql":
        return func.to_char(column, _PG_FORMATS[grouping])
    return func.strftime(_SQLITE_FORMATS[grouping], column)


def offsets(period: Period) -> list[tuple[datetime, timedelta]]:
    """The UTC offsets in force from the period's first instant: (from instant, offset) pairs,
    one more for every DST transition inside the period."""
    tz = library_tz()
    start, end = period.utc_bounds()
    found = [(start, start.astimezone(tz).utcoffset() or timedelta())]
    day = start
    while day < end:
        following = min(day + timedelta(days=1), end)
        if (following.astimezone(tz).utcoffset() or timedelta()) != found[-1][1]:
            instant = day
            while (instant.astimezone(tz).utcoffset() or timedelta()) == found[-1][1]:
                instant += timedelta(minutes=15)
            found.append((instant, instant.astimezone(tz).utcoffset() or timedelta()))
        day = following
    return found


def _sqlite_modifier(column: Any, period: Period) -> ColumnElement[str]:
    pairs = offsets(period)

    def modifier(offset: timedelta) -> Any:
        return literal(f"{int(offset.total_seconds()):+d} seconds")

    if len(pairs) == 1:
        return modifier(pairs[0][1])
    whens = [(column < pairs[i + 1][0].astimezone(UTC), modifier(pairs[i][1])) for i in range(len(pairs) - 1)]
    return case(*whens, else_=modifier(pairs[-1][1]))


def instant_bucket(column: Any, grouping: Grouping, period: Period) -> ColumnElement[str]:
    """The bucket key of an aware-UTC instant column, on the library's wall clock. ``period``
    is the one the query filters on (its DST transitions are what SQLite needs)."""
    if _dialect() == "postgresql":
        local = func.timezone(library_tz().key, column)
        return func.to_char(local, _PG_FORMATS[grouping])
    modifier = _sqlite_modifier(column, period)
    if grouping != Grouping.WEEKDAY_HOUR:
        return func.strftime(_SQLITE_FORMATS[grouping], column, modifier)
    weekday = (cast(func.strftime("%w", column, modifier), Integer) + 6) % 7 + 1
    return cast(weekday, String) + literal("-") + func.strftime("%H", column, modifier)
