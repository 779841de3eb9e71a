"""Available hours: when the rooms could be used at all.

The calendar (weekly opening hours, public holidays, closures) is expanded in Python by
:mod:`booking.rooms.hours`, the same rules the booking core checks, once per location and
not per room; each room then loses only the days closed for it alone.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select

from booking.extensions import db
from booking.metrics.registry import Period, Scope, ScopeKind, Unit, metric
from booking.metrics.scopes import bookable_rooms
from booking.rooms import hours
from booking.rooms.models import Closure, Location, Room
from booking.timeutil import daterange, local_date


def open_hours_by_day(location: Location, period: Period) -> dict[date, float]:
    """Hours the location is open on each local day of the period (closed days left out).
    Measured between UTC instants, so a DST night counts the hours that really pass."""
    by_day: dict[date, float] = defaultdict(float)
    for start, end in hours.opening_intervals(location, period.start, period.end):
        by_day[local_date(start)] += (end - start).total_seconds() / 3600
    return by_day


def room_closed_days(room: Room, period: Period) -> set[date]:
    """Days in the period closed for this room (or its hall, or one of its parts) only."""
    related = {room.id, *(part.id for part in room.parts)}
    if room.parent_id:
        related.add(room.parent_id)
    closures = db.session.scalars(
        select(Closure).where(
            Closure.location_id == room.location_id,
            or_(*(Closure.room_id == room_id for room_id in related)),
            Closure.starts_on <= period.end,
            Closure.ends_on >= period.start,
        )
    )
    days: set[date] = set()
    for closure in closures:
        days.update(daterange(max(closure.starts_on, period.start), min(closure.ends_on, period.end)))
    return days


def room_hours(room: Room, period: Period, by_day: dict[date, float]) -> float:
    return sum(by_day.values()) - sum(by_day.get(day, 0.0) for day in room_closed_days(room, period))


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
    rooms = bookable_rooms(scope)
    by_location: dict[int, dict[date, float]] = {}
    total = 0.0
    for room in rooms:
        if room.location_id not in by_location:
            by_location[room.location_id] = open_hours_by_day(room.location, period)
        total += room_hours(room, period, by_location[room.location_id])
    return round(total, 2)
