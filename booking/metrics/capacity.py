"""Available hours: when the rooms could be used at all.

The calendar (weekly opening hours, public holidays, closures) is expanded in Python by
:mod:`booking.rooms.hours`, the same rules the booking core checks, once per location and
not per room; each room then loses only the days closed for it alone (one query per
location). The per-day hours are then summed, or bucketed by month, in one pass.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from flask import current_app, g
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from booking.extensions import db
from booking.metrics.grouping import Grouping, date_key
from booking.metrics.registry import Period, Scope, ScopeKind, Unit, metric
from booking.metrics.scopes import bookable_rooms
from booking.metrics.series import series
from booking.rooms import hours
from booking.rooms.models import Closure, Location, Room
from booking.timeutil import daterange, library_tz, local_date


def _closures(location_id: int, period: Period) -> list[tuple[int | None, date, date]]:
    """(room or None for the whole place, first day, last day) of the closures in the period."""
    rows = db.session.execute(
        select(Closure.room_id, Closure.starts_on, Closure.ends_on).where(
            Closure.location_id == location_id, Closure.starts_on <= period.end, Closure.ends_on >= period.start
        )
    )
    return sorted(((room_id, first, last) for room_id, first, last in rows), key=lambda row: (row[0] or 0, row[1]))


def open_hours_by_day(
    location: Location, period: Period, closures: list[tuple[int | None, date, date]]
) -> dict[date, float]:
    """Hours the location is open on each local day of the period (closed days left out).
    Measured between UTC instants, so a DST night counts the hours that really pass.

    A statistics page asks for the same place and period once per room and per figure; the
    answer is kept for the request under a key made of all its inputs (opening hours,
    closures of the whole place, holidays, time zone), so it is never stale.
    """
    week = sorted((row.weekday, row.opens, row.closes) for row in location.opening_hours)
    place_closures = tuple(row for row in closures if row[0] is None)
    key = (location.id, period, location.closed_on_public_holidays, tuple(week), place_closures,
           library_tz().key, current_app.config["BOOKING_COUNTRY"])  # fmt: skip
    memo: dict[tuple[object, ...], dict[date, float]] = g.setdefault("_open_hours_by_day", {})
    if key not in memo:
        by_day: dict[date, float] = defaultdict(float)
        for start, end in hours.opening_intervals(location, period.start, period.end):
            by_day[local_date(start)] += (end - start).total_seconds() / 3600
        memo[key] = dict(by_day)
    return memo[key]


def room_closed_days(room: Room, period: Period, closures: list[tuple[int | None, date, date]]) -> set[date]:
    """The days in the period closed for this room alone: a closure of the room, of its
    hall, or of one of its parts (a closure of the whole place is in the opening hours)."""
    related = {room.id, room.parent_id, *(part.id for part in room.parts)}
    closed: set[date] = set()
    for room_id, first, last in closures:
        if room_id is not None and room_id in related:
            closed.update(daterange(max(first, period.start), min(last, period.end)))
    return closed


def hours_by_day(period: Period, scope: Scope) -> dict[date, float]:
    """Available room hours on each local day of the period, summed over the rooms in scope."""
    by_location: dict[int, list[Room]] = defaultdict(list)
    for room in bookable_rooms(scope):
        by_location[room.location_id].append(room)
    total: dict[date, float] = defaultdict(float)
    for location_id, rooms in by_location.items():
        closures = _closures(location_id, period)
        place_hours = open_hours_by_day(rooms[0].location, period, closures)
        for room in rooms:
            closed = room_closed_days(room, period, closures)
            for day, open_hours in place_hours.items():
                if day not in closed:
                    total[day] += open_hours
    return total


@metric(
    "available_hours",
    label=_l("Available hours"),
    unit=Unit.HOURS,
    definition=_l(
        "Hours the rooms could be used: each room's opening hours on the days of the period, "
        "less closures of the place or the room and the public holidays on which the place "
        "closes. Summed over the active rooms in scope; a divisible hall counts by its parts."
    ),
    scopes=(ScopeKind.ALL, ScopeKind.LOCATION, ScopeKind.ROOM),
)
def available_hours(period: Period, scope: Scope) -> float:
    return round(sum(hours_by_day(period, scope).values()), 2)


@series("available_hours", Grouping.DAY, Grouping.MONTH, Grouping.YEAR)
def available_hours_series(period: Period, scope: Scope, grouping: Grouping) -> dict[str, float]:
    buckets: dict[str, float] = defaultdict(float)
    for day, day_hours in hours_by_day(period, scope).items():
        buckets[date_key(day, grouping)] += day_hours
    return {key: round(value, 2) for key, value in buckets.items()}
