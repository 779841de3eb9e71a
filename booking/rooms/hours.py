"""When a room can be used: opening hours, public holidays and closures.

All inputs and outputs that are instants are aware UTC; days and wall-clock times are the
library's local ones. The booking core, the free-room search and the metrics ("available
hours") all ask these functions, so "open" means the same everywhere.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays
from flask import current_app, has_app_context
from sqlalchemy import or_, select

from booking.extensions import db
from booking.rooms.models import Closure, Location, OpeningHours, Room
from booking.timeutil import daterange, library_tz, local_to_utc, to_local, wall_clock_exists


@lru_cache(maxsize=64)
def _holidays_for(country: str, year: int, language: str) -> dict[date, str]:
    calendar = holidays.country_holidays(country, years=year, language=language)
    return dict(calendar.items())


def public_holidays(first: date, last: date, language: str = "da") -> dict[date, str]:
    country = current_app.config["BOOKING_COUNTRY"] if has_app_context() else "DK"
    found: dict[date, str] = {}
    for year in range(first.year, last.year + 1):
        for day, name in _holidays_for(country, year, language).items():
            if first <= day <= last:
                found[day] = name
    return found


def _related_room_ids(room: Room) -> list[int]:
    """A closure of the whole hall closes its parts, and a closed part closes the whole."""
    ids = {room.id}
    if room.parent_id:
        ids.add(room.parent_id)
    ids.update(part.id for part in room.parts)
    return sorted(ids)


def closures_between(location: Location, first: date, last: date, room: Room | None = None) -> list[Closure]:
    query = select(Closure).where(
        Closure.location_id == location.id, Closure.starts_on <= last, Closure.ends_on >= first
    )
    if room is None:
        query = query.where(Closure.room_id.is_(None))
    else:
        query = query.where(or_(Closure.room_id.is_(None), Closure.room_id.in_(_related_room_ids(room))))
    return list(db.session.scalars(query.order_by(Closure.starts_on)))


def closed_days(
    location: Location, first: date, last: date, room: Room | None = None, language: str = "da"
) -> dict[date, str]:
    """Local days in [first, last] when the location (or the room) is closed, with the reason."""
    closed: dict[date, str] = {}
    if location.closed_on_public_holidays:
        closed.update(public_holidays(first, last, language))
    for closure in closures_between(location, first, last, room):
        for day in daterange(max(closure.starts_on, first), min(closure.ends_on, last)):
            closed.setdefault(day, closure.reason)
    return closed


def weekly_hours(location: Location) -> dict[int, list[OpeningHours]]:
    """Each weekday's periods, earliest first. Sorted here and not trusted to the
    relationship's order, which holds only for rows loaded from the database: merging in
    :func:`opening_intervals` needs the order."""
    by_day: dict[int, list[OpeningHours]] = {day: [] for day in range(7)}
    for hours in sorted(location.opening_hours, key=lambda row: (row.weekday, row.opens)):
        by_day[hours.weekday].append(hours)
    return by_day


def opening_intervals(
    location: Location, first: date, last: date, room: Room | None = None, closed: dict[date, str] | None = None
) -> list[tuple[datetime, datetime]]:
    """The UTC intervals in which the location is open on the local days first..last,
    closed days left out (``closed``: those days if the caller has them already). Adjacent
    intervals are merged."""
    if closed is None:
        closed = closed_days(location, first, last, room)
    by_day = weekly_hours(location)
    tz = library_tz()
    intervals: list[tuple[datetime, datetime]] = []
    for day in daterange(first, last):
        if day in closed:
            continue
        for hours in by_day[day.weekday()]:
            opens = _existing_time(day, hours.opens, tz)
            closes = _existing_time(day, hours.closes, tz)
            start, end = local_to_utc(day, opens, tz), local_to_utc(day, closes, tz)
            if end <= start:
                continue
            if intervals and intervals[-1][1] >= start:
                intervals[-1] = (intervals[-1][0], max(intervals[-1][1], end))
            else:
                intervals.append((start, end))
    return intervals


def _existing_time(day: date, clock, tz):
    """Opening hours inside the spring-forward gap start when the clock has jumped."""
    naive = datetime.combine(day, clock)
    while not wall_clock_exists(naive, tz):
        naive += timedelta(minutes=15)
    return naive.time()


def is_within_opening_hours(room: Room, start: datetime, end: datetime) -> bool:
    """True if [start, end) lies inside one opening interval of the room's location."""
    first, last = to_local(start).date(), to_local(end - timedelta(microseconds=1)).date()
    for opens, closes in opening_intervals(room.location, first, last, room):
        if opens <= start and end <= closes:
            return True
    return False


def closure_reason(room: Room, start: datetime, end: datetime) -> tuple[date, str] | None:
    """The first closed local day that [start, end) touches, with its reason, or None."""
    first, last = to_local(start).date(), to_local(end - timedelta(microseconds=1)).date()
    closed = closed_days(room.location, first, last, room)
    if not closed:
        return None
    day = min(closed)
    return day, closed[day]
