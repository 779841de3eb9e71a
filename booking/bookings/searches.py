"""Free-room searches that found nothing, kept as anonymous demand for the usage figures.

:func:`availability.free_rooms` only reads, so calendars and checks may call it freely. The
free-room search page and API call :func:`search_free_rooms` instead (or
:func:`record_search` after their own search): a search with no free room is written to
:class:`SearchLog` with its time, the wanted slot, size, equipment and place, and nothing
about the person searching.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from booking.bookings.availability import free_rooms
from booking.bookings.models import SearchLog
from booking.extensions import db
from booking.rooms.models import Equipment, Location, Room


def record_search(
    starts_at: datetime,
    ends_at: datetime,
    *,
    now: datetime,
    people: int | None = None,
    equipment: Sequence[Equipment] = (),
    location: Location | None = None,
) -> SearchLog:
    """Log a free-room search that found no room (flushes; the caller commits)."""
    entry = SearchLog(
        searched_at=now,
        wanted_starts_at=starts_at,
        wanted_ends_at=ends_at,
        people=people,
        equipment=",".join(sorted(item.slug for item in equipment)),
        location_id=location.id if location is not None else None,
    )
    db.session.add(entry)
    db.session.flush()
    return entry


def search_free_rooms(
    starts_at: datetime,
    ends_at: datetime,
    *,
    now: datetime,
    people: int | None = None,
    equipment: Sequence[Equipment] = (),
    location: Location | None = None,
) -> list[Room]:
    """:func:`free_rooms` for a person's search: an empty answer is logged as unmet demand."""
    found = free_rooms(starts_at, ends_at, people=people, equipment=equipment, location=location)
    if not found:
        record_search(starts_at, ends_at, now=now, people=people, equipment=equipment, location=location)
    return found
