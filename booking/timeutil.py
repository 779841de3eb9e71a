"""The library's wall clock, applied only at the edges.

Everything stored is aware UTC. Forms parse local wall-clock input with
:func:`local_to_utc`; pages show instants through :func:`to_local` (or the Jinja filters
registered in :mod:`booking.templating`); recurrence and "per local day" statistics use
:func:`library_tz`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import current_app, has_app_context
from flask_babel import gettext as _

from booking.errors import Invalid

DEFAULT_TZ = "Europe/Copenhagen"


@lru_cache(maxsize=8)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def library_tz() -> ZoneInfo:
    name = DEFAULT_TZ
    if has_app_context():
        name = str(current_app.config.get("BOOKING_TIMEZONE") or DEFAULT_TZ)
    return _zone(name)


def parse_timezone(name: str) -> ZoneInfo:
    """A ZoneInfo for a client-supplied name, or ``Invalid`` with a clear message."""
    try:
        return _zone(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise Invalid(_("Unknown time zone: %(name)s.", name=name), fields={"timezone": name}) from None


def ensure_aware(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("naive datetime")
    return value.astimezone(UTC)


def to_local(value: datetime) -> datetime:
    """An aware instant shown on the library's wall clock."""
    return ensure_aware(value).astimezone(library_tz())


def local_date(value: datetime) -> date:
    return to_local(value).date()


def wall_clock_exists(naive: datetime, tz: ZoneInfo) -> bool:
    """False for times skipped by a spring-forward change (e.g. 02:30 on the last Sunday of
    March in Copenhagen)."""
    aware = naive.replace(tzinfo=tz)
    roundtrip = aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    return roundtrip == naive


def local_to_utc(day: date, clock: time, tz: ZoneInfo | None = None) -> datetime:
    """Combine a local date and wall-clock time into an aware UTC instant.

    A time that does not exist on that day (the spring-forward gap) is refused with a clear
    message. A time that exists twice (the autumn fall-back hour) means its first, summer-time
    occurrence, as most people expect.
    """
    tz = tz or library_tz()
    naive = datetime.combine(day, clock.replace(tzinfo=None))
    if not wall_clock_exists(naive, tz):
        raise Invalid(
            _(
                "%(time)s does not exist on %(date)s: the clocks move forward to summer time.",
                time=clock.strftime("%H:%M"),
                date=day.isoformat(),
            )
        )
    return naive.replace(tzinfo=tz, fold=0).astimezone(UTC)


def local_naive_to_utc(value: datetime, tz: ZoneInfo | None = None) -> datetime:
    return local_to_utc(value.date(), value.time(), tz)


def local_day_bounds(day: date, tz: ZoneInfo | None = None) -> tuple[datetime, datetime]:
    """The UTC instants where a local calendar day starts and ends (23 or 25 hours on DST
    change days)."""
    tz = tz or library_tz()
    start = datetime.combine(day, time()).replace(tzinfo=tz).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time()).replace(tzinfo=tz).astimezone(UTC)
    return start, end


def local_range_bounds(first: date, last: date, tz: ZoneInfo | None = None) -> tuple[datetime, datetime]:
    """UTC bounds of the local days ``first`` through ``last`` inclusive."""
    start, _end = local_day_bounds(first, tz)
    _start, end = local_day_bounds(last, tz)
    return start, end


def daterange(first: date, last: date):
    """Every date from ``first`` through ``last`` inclusive."""
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)
