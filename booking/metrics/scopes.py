"""What a scope covers, for the figures of this package."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import exists, select
from sqlalchemy.orm import aliased, joinedload, selectinload

from booking.errors import NotFound
from booking.extensions import db
from booking.metrics.registry import Scope, ScopeKind
from booking.rooms.models import Location, Room


def filter_place(query: Any, scope: Scope, location_column: Any, room_column: Any = None) -> Any:
    """Restrict ``query`` to the scope's location or room (the whole library: unchanged)."""
    if scope.kind == ScopeKind.LOCATION:
        return query.where(location_column == int(scope.value))  # type: ignore[arg-type]
    if scope.kind == ScopeKind.ROOM:
        if room_column is None:
            raise ValueError("this figure has no room scope")
        return query.where(room_column == int(scope.value))  # type: ignore[arg-type]
    return query


def bookable_rooms(scope: Scope) -> list[Room]:
    """The rooms whose capacity a figure for ``scope`` adds up: for a room, that room; else the
    active rooms of the active places in scope, a divisible hall counted by its parts (so the
    hall's hours are not counted twice)."""
    if scope.kind == ScopeKind.ROOM:
        room = db.session.get(Room, int(scope.value))  # type: ignore[arg-type]
        if room is None:
            raise NotFound(_("That room does not exist."))
        return [room]
    part = aliased(Room)
    query = (
        select(Room)
        .join(Location, Room.location_id == Location.id)
        .where(Room.active, Location.active, ~exists().where(part.parent_id == Room.id, part.active))
        .order_by(Room.location_id, Room.name)
        .options(selectinload(Room.parts), joinedload(Room.location).selectinload(Location.opening_hours))
    )
    if scope.kind == ScopeKind.LOCATION:
        query = query.where(Room.location_id == int(scope.value))  # type: ignore[arg-type]
    return list(db.session.scalars(query))
