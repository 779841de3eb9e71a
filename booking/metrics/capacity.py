"""Available hours: when the rooms could be used at all.

The calendar (weekly opening hours, public holidays, closures) is expanded in Python by
:mod:`booking.rooms.hours`, the same rules the booking core checks, once per location and
not per room; each room then loses only the days closed for it alone (one query per
location). The per-day hours are then summed, or bucketed by month, in one pass.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from booking.extensions import db
from booking.metrics.grouping import Grouping, date_key
from booking.metrics.memo import memo
from booking.metrics.registry import Period, Scope, ScopeKind, Unit, metric
from booking.metrics.scopes import bookable_rooms
from booking.metrics.series import series
from booking.rooms import hours
from booking.rooms.models import Closure, Location, Room
from booking.timeutil import daterange, local_date


def open_hours_by_day(location: Location, period: Period) -> dict[date, float]:
    """Hours the location is open on each local day of the period (closed days left out).
    Measured between UTC instants, so a DST night counts the hours that really pass."""
    return memo(("open_hours_by_day", location.id, period), lambda: _open_hours_by_day(location, period))


def _open_hours_by_day(location: Location, period: Period) -> dict[date, float]:
    by_day: dict[date, float] = defaultdict(float)
    for start, end in hours.opening_intervals(location, period.start, period.end):
        by_day[local_date(start)] += (end - start).total_seconds() / 3600
    return by_day


def room_closed_days(location_id: int, rooms: list[Room], period: Period) -> dict[int, set[date]]:
    """For each room, the days in the period closed for it alone: a closure of the room, of
    its hall, or of one of its parts (a closure of the whole place is in the opening hours)."""
    closures = db.session.scalars(
        select(Closure).where(
            Closure.location_id == location_id,
            Closure.room_id.is_not(None),
            Closure.starts_on <= period.end,
            Closure.ends_on >= period.start,
        )
    ).all()
    closed: dict[int, set[date]] = {room.id: set() for room in rooms}
    for room in rooms:
        related = {room.id, room.parent_id, *(part.id for part in room.parts)}
        for closure in closures:
            if closure.room_id in related:
                first, last = max(closure.starts_on, period.start), min(closure.ends_on, period.end)
                closed[room.id].update(daterange(first, last))
    return closed


def hours_by_day(period: Period, scope: Scope) -> dict[date, float]:
    """Available room hours on each local day of the period, summed over the rooms in scope
    (kept for the page or snapshot: utilisation asks again)."""
    return memo(("hours_by_day", period, scope), lambda: _hours_by_day(period, scope))


def _hours_by_day(period: Period, scope: Scope) -> dict[date, float]:
    if scope.kind == ScopeKind.ROOM:
        room = db.session.get(Room, int(scope.value))  # type: ignore[arg-type]
        if room is not None:
            # A room of its place's count: the place's per-room days, worked out once.
            place_rooms = _rooms_by_day(room.location_id, period)
            if room.id in place_rooms:
                return place_rooms[room.id]
    by_location: dict[int, list[Room]] = defaultdict(list)
    for room in bookable_rooms(scope):
        by_location[room.location_id].append(room)
    total: dict[date, float] = defaultdict(float)
    for location_id, rooms in by_location.items():
        per_room = _rooms_by_day(location_id, period) if scope.kind != ScopeKind.ROOM else _room_days(rooms, period)
        for days in per_room.values():
            for day, day_hours in days.items():
                total[day] += day_hours
    return total


def _rooms_by_day(location_id: int, period: Period) -> dict[int, dict[date, float]]:
    """Each bookable room of the place (as the place's count has them): its hours per day."""
    return memo(
        ("rooms_by_day", location_id, period),
        lambda: _room_days(bookable_rooms(Scope(ScopeKind.LOCATION, location_id)), period),
    )


def _room_days(rooms: list[Room], period: Period) -> dict[int, dict[date, float]]:
    """``rooms`` (all of one place): each one's open hours per day, less its own closures."""
    if not rooms:
        return {}
    place_hours = open_hours_by_day(rooms[0].location, period)
    closed = room_closed_days(rooms[0].location_id, rooms, period)
    return {room.id: {day: value for day, value in place_hours.items() if day not in closed[room.id]} for room in rooms}


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
