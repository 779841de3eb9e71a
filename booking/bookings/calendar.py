"""Calendars for the pages: a room's week (free and taken time per day) and the staff's grid of
a place's rooms over a day or a week. Built from :func:`availability.busy_intervals` (so the
public sees "Optaget" without details) and the opening hours."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from booking.accounts.models import User
from booking.bookings.availability import BusySlot, busy_intervals
from booking.rooms import hours
from booking.rooms.models import Room
from booking.timeutil import daterange, local_day_bounds, local_range_bounds, to_local


@dataclass
class Day:
    day: date
    closed: str | None = None
    free: list[tuple[datetime, datetime]] = field(default_factory=list)
    taken: list[BusySlot] = field(default_factory=list)


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _minus(intervals: list[tuple[datetime, datetime]], busy: Sequence[BusySlot]) -> list[tuple[datetime, datetime]]:
    free = []
    for opens, closes in intervals:
        cursor = opens
        for slot in busy:
            if slot.ends_at <= cursor or slot.starts_at >= closes:
                continue
            if slot.starts_at > cursor:
                free.append((cursor, slot.starts_at))
            cursor = max(cursor, slot.ends_at)
        if cursor < closes:
            free.append((cursor, closes))
    return free


def room_week(room: Room, monday: date, *, viewer: User | None, language: str = "da") -> list[Day]:
    """Each day of the week from ``monday``: closed (why), or its free and taken intervals."""
    sunday = monday + timedelta(days=6)
    starts_at, ends_at = local_range_bounds(monday, sunday)
    busy = busy_intervals([room], starts_at, ends_at, viewer=viewer)[room.id]
    closed = hours.closed_days(room.location, monday, sunday, room, language)
    intervals = hours.opening_intervals(room.location, monday, sunday, room)
    days = []
    for day in daterange(monday, sunday):
        first, last = local_day_bounds(day)
        taken = [slot for slot in busy if slot.starts_at < last and slot.ends_at > first]
        today = [(max(o, first), min(c, last)) for o, c in intervals if o < last and c > first]
        days.append(Day(day, closed.get(day), _minus(today, taken), taken))
    return days


@dataclass
class Grid:
    """Rows of rooms, columns of days, each cell the room's taken slots that day."""

    days: list[date]
    rows: list[tuple[Room, list[list[BusySlot]]]]


def location_grid(rooms: Sequence[Room], first: date, last: date, *, viewer: User | None) -> Grid:
    starts_at, ends_at = local_range_bounds(first, last)
    busy = busy_intervals(rooms, starts_at, ends_at, viewer=viewer)
    days = list(daterange(first, last))
    rows = []
    for room in rooms:
        cells: list[list[BusySlot]] = [[] for _day in days]
        for slot in busy[room.id]:
            index = (to_local(slot.starts_at).date() - first).days
            if 0 <= index < len(days):
                cells[index].append(slot)
        rows.append((room, cells))
    return Grid(days, rows)
