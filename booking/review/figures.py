"""A review's figures: computed live from the metrics registry while the review is a draft,
read from its frozen snapshot once it is completed.

The snapshot keeps figure keys, units and values (labels and definitions come from the
registry when shown, in the reader's language), per room and for the whole location, with
last year's values beside them as they stood when the review was completed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from booking.errors import NotFound
from booking.extensions import db
from booking.metrics import registry
from booking.metrics.formatting import unit_label
from booking.metrics.registry import FigureValue, Period, Scope, ScopeKind
from booking.review.models import ReviewStatus, RoomReview
from booking.rooms.models import Location, Room

SNAPSHOT_VERSION = 1


def review_rooms(location: Location) -> list[Room]:
    return list(
        db.session.scalars(select(Room).where(Room.location_id == location.id, Room.active).order_by(Room.name))
    )


def _figures(kind: ScopeKind, value: int, period: Period) -> dict[str, FigureValue]:
    scope = Scope(kind, value)
    return {
        found.key: registry.compute(found.key, period, scope).value
        for found in registry.all_metrics()
        if kind in found.scopes
    }


def _previous_snapshot(location: Location, year: int) -> dict[str, Any] | None:
    earlier = db.session.scalar(
        select(RoomReview).where(
            RoomReview.location_id == location.id,
            RoomReview.year == year - 1,
            RoomReview.status == ReviewStatus.COMPLETED,
        )
    )
    return earlier.snapshot if earlier is not None else None


def compute_snapshot(location: Location, year: int) -> dict[str, Any]:
    """Every figure of the year for the location and each of its rooms, with last year's."""
    period, last_period = Period.year(year), Period.year(year - 1)
    previous = _previous_snapshot(location, year)
    previous_rooms = {room["id"]: room for room in (previous or {}).get("rooms", [])}

    def last_year(kind: ScopeKind, ident: int) -> dict[str, FigureValue]:
        if previous is not None:
            if kind == ScopeKind.LOCATION:
                return previous["location"]["figures"]
            if ident in previous_rooms:
                return previous_rooms[ident]["figures"]
        return _figures(kind, ident, last_period)

    return {
        "version": SNAPSHOT_VERSION,
        "year": year,
        "units": {found.key: str(found.unit) for found in registry.all_metrics()},
        "location": {
            "figures": _figures(ScopeKind.LOCATION, location.id, period),
            "last_year": last_year(ScopeKind.LOCATION, location.id),
        },
        "rooms": [
            {
                "id": room.id,
                "name": room.name,
                "figures": _figures(ScopeKind.ROOM, room.id, period),
                "last_year": last_year(ScopeKind.ROOM, room.id),
            }
            for room in review_rooms(location)
        ],
    }


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    unit: str
    definition: str
    value: FigureValue
    last_year: FigureValue


@dataclass(frozen=True)
class RoomFigures:
    room_id: int
    name: str
    rows: list[Row]


@dataclass(frozen=True)
class ReviewFigures:
    frozen: bool
    location: list[Row]
    rooms: list[RoomFigures]


def _rows(block: dict[str, Any], units: dict[str, str]) -> list[Row]:
    rows = []
    for key, value in block["figures"].items():
        try:
            found = registry.get(key)
            label, definition = str(found.label), str(found.definition)
        except NotFound:  # a figure since retired: still shown, by its key
            label, definition = key, ""
        rows.append(Row(key, label, unit_label(units.get(key, "")), definition, value, block["last_year"].get(key)))
    return sorted(rows, key=lambda row: row.label)


def review_figures(review: RoomReview) -> ReviewFigures:
    snapshot = review.snapshot if review.is_completed and review.snapshot else compute_snapshot(
        review.location, review.year
    )
    units = snapshot["units"]
    return ReviewFigures(
        frozen=review.is_completed,
        location=_rows(snapshot["location"], units),
        rooms=[RoomFigures(room["id"], room["name"], _rows(room, units)) for room in snapshot["rooms"]],
    )
