"""Rooms, their booking rules, the parts of divisible halls, and the equipment list.

Locations, opening hours and closures are in :mod:`booking.rooms.locations`, room photos in
:mod:`booking.rooms.photos`. Only staff write; everybody reads active rooms in active places.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from booking.accounts.models import User
from booking.accounts.permissions import require_staff
from booking.errors import Invalid, NotFound
from booking.extensions import db
from booking.rooms.models import BookingPolicy, Equipment, Location, Room, RoomKind
from booking.validation import clean_int, clean_text, slugify

E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")

MAX_CAPACITY = 2000
MAX_DURATION_MINUTES = 24 * 60
# Steps that divide an hour, so every booking starts on a time people read easily.
SLOT_STEPS = (5, 10, 15, 20, 30, 60)
MAX_NOTICE_HOURS = 60 * 24
MAX_HORIZON_DAYS = 730
MAX_BUFFER_MINUTES = 240
MAX_FUTURE_BOOKINGS = 1000

# One text per field, used by the staff forms and by the messages below, so an error names
# the field exactly as the form labels it.
LABELS = {
    "name": _l("Name"),
    "kind": _l("Kind of room"),
    "location_id": _l("Place"),
    "capacity": _l("Capacity (people)"),
    "description": _l("Description"),
    "accessibility": _l("Accessibility"),
    "equipment_ids": _l("Equipment"),
    "parent_id": _l("Part of a divisible hall"),
    "booking_policy": _l("Who may book"),
    "requires_approval": _l("Bookings need approval by the library"),
    "min_duration_minutes": _l("Shortest booking (minutes)"),
    "max_duration_minutes": _l("Longest booking (minutes)"),
    "slot_step_minutes": _l("Time slots (minutes)"),
    "min_notice_hours": _l("Minimum notice (hours)"),
    "horizon_days": _l("Bookable days ahead"),
    "buffer_minutes": _l("Buffer between bookings (minutes)"),
    "max_future_bookings_per_org": _l("Upcoming bookings per organisation"),
    "name_da": _l("Danish name"),
    "name_en": _l("English name"),
}


def text(
    value: str | None, field_name: str, *, max_length: int, required: bool = True, labels: Mapping[str, Any] = LABELS
) -> str | None:
    return clean_text(value, field_name, label=str(labels[field_name]), max_length=max_length, required=required)


def number(value: int | str | None, field_name: str, **limits: Any) -> int | None:
    return clean_int(value, field_name, label=str(LABELS[field_name]), **limits)


# --- helpers shared with locations.py -------------------------------------------------------


def unique_slug(model: Any, *texts: str, max_length: int = 100) -> str:
    """A slug for ``model`` that no row has yet: from the first text, else the texts joined
    (e.g. the room's name with its place's), else numbered."""
    candidates = [slugify(" ".join(texts[: n + 1]), max_length) for n in range(len(texts))]
    for slug in candidates:
        if not _slug_taken(model, slug):
            return slug
    base, n = candidates[-1], 2
    while _slug_taken(model, f"{base}-{n}"):
        n += 1
    return f"{base}-{n}"


def _slug_taken(model: Any, slug: str) -> bool:
    return db.session.scalar(select(model.id).where(model.slug == slug)) is not None


def assign(target: T, values: Mapping[str, Any]) -> T:
    for key, value in values.items():
        setattr(target, key, value)
    db.session.flush()
    return target


def enum_value(enum_cls: type[E], value: E | str | None, field_name: str, message: str) -> E:
    try:
        return enum_cls(value)
    except ValueError:
        raise Invalid(message, fields={field_name: "invalid"}) from None


def optional_id(value: int | str | None, field_name: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise Invalid(_("That choice is not valid."), fields={field_name: "invalid"}) from None


# --- rooms ----------------------------------------------------------------------------------


@dataclass
class RoomRules:
    """Who may book a room and how. Defaults are those of a new room in the staff form."""

    booking_policy: BookingPolicy | str = BookingPolicy.EVERYONE
    requires_approval: bool = True
    min_duration_minutes: int | str | None = 30
    max_duration_minutes: int | str | None = 240
    slot_step_minutes: int | str | None = 15
    min_notice_hours: int | str | None = 24
    horizon_days: int | str | None = 180
    buffer_minutes: int | str | None = 0
    max_future_bookings_per_org: int | str | None = None


@dataclass
class RoomData:
    location_id: int | str | None
    name: str | None
    capacity: int | str | None
    kind: RoomKind | str = RoomKind.MEETING_ROOM
    description: str | None = None
    accessibility: str | None = None
    equipment_ids: Iterable[int | str] = ()
    parent_id: int | str | None = None
    rules: RoomRules = field(default_factory=RoomRules)


def clean_rules(rules: RoomRules) -> dict[str, Any]:
    policy = enum_value(BookingPolicy, rules.booking_policy, "booking_policy", _("Unknown booking policy."))
    step = number(rules.slot_step_minutes, "slot_step_minutes")
    if step not in SLOT_STEPS:
        raise Invalid(
            _("Time slots must be one of %(steps)s minutes.", steps=", ".join(map(str, SLOT_STEPS))),
            fields={"slot_step_minutes": "invalid"},
        )
    shortest = number(rules.min_duration_minutes, "min_duration_minutes", minimum=1, maximum=MAX_DURATION_MINUTES)
    longest = number(rules.max_duration_minutes, "max_duration_minutes", minimum=1, maximum=MAX_DURATION_MINUTES)
    if longest < shortest:  # type: ignore[operator]
        raise Invalid(
            _("The longest booking cannot be shorter than the shortest booking."),
            fields={"max_duration_minutes": "below_min"},
        )
    for name, minutes in (("min_duration_minutes", shortest), ("max_duration_minutes", longest)):
        if minutes % step:  # type: ignore[operator]
            raise Invalid(
                _("Booking lengths must be whole multiples of the time slot (%(step)d minutes).", step=step),
                fields={name: "step"},
            )
    notice = number(rules.min_notice_hours, "min_notice_hours", minimum=0, maximum=MAX_NOTICE_HOURS)
    horizon = number(rules.horizon_days, "horizon_days", minimum=1, maximum=MAX_HORIZON_DAYS)
    if notice >= horizon * 24:  # type: ignore[operator]
        raise Invalid(
            _("The minimum notice must be shorter than the booking horizon, or the room can never be booked."),
            fields={"min_notice_hours": "beyond_horizon"},
        )
    return {
        "booking_policy": policy,
        "requires_approval": bool(rules.requires_approval),
        "min_duration_minutes": shortest,
        "max_duration_minutes": longest,
        "slot_step_minutes": step,
        "min_notice_hours": notice,
        "horizon_days": horizon,
        "buffer_minutes": number(rules.buffer_minutes, "buffer_minutes", minimum=0, maximum=MAX_BUFFER_MINUTES),
        "max_future_bookings_per_org": number(
            rules.max_future_bookings_per_org,
            "max_future_bookings_per_org",
            minimum=1,
            maximum=MAX_FUTURE_BOOKINGS,
            required=False,
        ),
    }


def _location_for_room(location_id: int | str | None) -> Location:
    found = optional_id(location_id, "location_id")
    location = db.session.get(Location, found) if found is not None else None
    if location is None:
        raise Invalid(_("Choose the place the room is in."), fields={"location_id": "required"})
    return location


def _name_taken(query: Any, name: str) -> bool:
    """Case-insensitive, compared in Python: SQLite's lower() folds only ASCII, not Æ, Ø, Å."""
    return any(other.casefold() == name.casefold() for other in db.session.scalars(query))


def _check_name_free(name: str, location: Location, room: Room | None) -> None:
    query = select(Room.name).where(Room.location_id == location.id)
    if room is not None:
        query = query.where(Room.id != room.id)
    if _name_taken(query, name):
        raise Invalid(
            _("%(place)s already has a room called %(name)s.", place=location.name, name=name), fields={"name": "taken"}
        )


def _parent_for(parent_id: int | str | None, location: Location, room: Room | None) -> Room | None:
    """A divisible hall has two levels only: the whole and its parts, in one place."""
    if room is not None and any(part.location_id != location.id for part in room.parts):
        raise Invalid(
            _("A hall and its parts must be in the same place. Move the parts first."),
            fields={"location_id": "parts_elsewhere"},
        )
    found = optional_id(parent_id, "parent_id")
    if found is None:
        return None
    parent = db.session.get(Room, found)
    if parent is None:
        raise Invalid(_("That hall does not exist."), fields={"parent_id": "invalid"})
    if room is not None and parent.id == room.id:
        raise Invalid(_("A room cannot be a part of itself."), fields={"parent_id": "self"})
    if room is not None and room.parts:
        raise Invalid(
            _("This room is divided into parts, so it cannot itself be a part of another room."),
            fields={"parent_id": "has_parts"},
        )
    if parent.parent_id is not None:
        raise Invalid(
            _("%(name)s is itself a part of a hall. A hall can only be divided once.", name=parent.name),
            fields={"parent_id": "nested"},
        )
    if parent.location_id != location.id:
        raise Invalid(
            _("A part must be in the same place as the hall it belongs to."), fields={"parent_id": "elsewhere"}
        )
    return parent


def _equipment_for(ids: Iterable[int | str]) -> list[Equipment]:
    wanted = {optional_id(value, "equipment_ids") for value in ids} - {None}
    if not wanted:
        return []
    found = list(db.session.scalars(select(Equipment).where(Equipment.id.in_(wanted)).order_by(Equipment.slug)))
    if len(found) != len(wanted):
        raise Invalid(_("Some of the chosen equipment does not exist."), fields={"equipment_ids": "invalid"})
    return found


def _clean_room(data: RoomData, room: Room | None) -> dict[str, Any]:
    name = text(data.name, "name", max_length=200)
    location = _location_for_room(data.location_id)
    _check_name_free(name, location, room)  # type: ignore[arg-type]
    return {
        "name": name,
        "location": location,
        "kind": enum_value(RoomKind, data.kind, "kind", _("Unknown kind of room.")),
        "capacity": number(data.capacity, "capacity", minimum=1, maximum=MAX_CAPACITY),
        "description": text(data.description, "description", max_length=5000, required=False),
        "accessibility": text(data.accessibility, "accessibility", max_length=2000, required=False),
        "equipment": _equipment_for(data.equipment_ids),
        "parent": _parent_for(data.parent_id, location, room),
        **clean_rules(data.rules),
    }


def create_room(actor: User, data: RoomData, now: datetime) -> Room:
    require_staff(actor)
    values = _clean_room(data, None)
    # The slug is made once: links, feeds and calendar subscriptions keep working after a rename.
    slug = unique_slug(Room, values["name"], values["location"].name)
    room = Room(slug=slug, created_at=now, **values)
    db.session.add(room)
    db.session.flush()
    return room


def update_room(actor: User, room: Room, data: RoomData) -> Room:
    require_staff(actor)
    return assign(room, _clean_room(data, room))


def set_room_active(actor: User, room: Room, active: bool) -> Room:
    """Deactivated rooms disappear from the public pages; their history stays."""
    require_staff(actor)
    return assign(room, {"active": bool(active)})


# --- reading rooms ---------------------------------------------------------------------------


@dataclass
class RoomFilter:
    location_slug: str | None = None
    min_capacity: int | None = None
    equipment_slugs: Iterable[str] = ()
    kind: RoomKind | None = None


def get_room(slug: str, *, include_inactive: bool = False) -> Room:
    room = db.session.scalar(select(Room).where(Room.slug == slug))
    if room is None or not (include_inactive or (room.active and room.location.active)):
        raise NotFound(_("We could not find that room."))
    return room


def find_rooms(filters: RoomFilter | None = None) -> list[Room]:
    """Active rooms in active places matching every given filter (all chosen equipment)."""
    filters = filters or RoomFilter()
    query = (
        select(Room)
        .join(Room.location)
        .where(Room.active.is_(True), Location.active.is_(True))
        .options(selectinload(Room.equipment))
        .order_by(Location.name, Room.name)
    )
    if filters.location_slug:
        query = query.where(Location.slug == filters.location_slug)
    if filters.min_capacity:
        query = query.where(Room.capacity >= filters.min_capacity)
    if filters.kind:
        query = query.where(Room.kind == filters.kind)
    for slug in filters.equipment_slugs:
        query = query.where(Room.equipment.any(Equipment.slug == slug))
    return list(db.session.scalars(query))


def possible_parents(room: Room | None = None) -> list[Room]:
    """Rooms that could be the whole of ``room``: not parts themselves, not ``room``."""
    query = select(Room).join(Room.location).where(Room.parent_id.is_(None)).order_by(Location.name, Room.name)
    if room is not None:
        query = query.where(Room.id != room.id)
    return list(db.session.scalars(query))


# --- equipment -------------------------------------------------------------------------------


def _clean_equipment(name_da: str | None, name_en: str | None, equipment: Equipment | None) -> dict[str, str]:
    values = {
        "name_da": text(name_da, "name_da", max_length=100),
        "name_en": text(name_en, "name_en", max_length=100),
    }
    query = select(Equipment.name_da)
    if equipment is not None:
        query = query.where(Equipment.id != equipment.id)
    if _name_taken(query, values["name_da"]):  # type: ignore[arg-type]
        raise Invalid(
            _("There is already equipment called %(name)s.", name=values["name_da"]), fields={"name_da": "taken"}
        )
    return values  # type: ignore[return-value]


def create_equipment(actor: User, *, name_da: str | None, name_en: str | None) -> Equipment:
    require_staff(actor)
    values = _clean_equipment(name_da, name_en, None)
    equipment = Equipment(slug=unique_slug(Equipment, values["name_da"], max_length=60), **values)
    db.session.add(equipment)
    db.session.flush()
    return equipment


def update_equipment(actor: User, equipment: Equipment, *, name_da: str | None, name_en: str | None) -> Equipment:
    require_staff(actor)
    return assign(equipment, _clean_equipment(name_da, name_en, equipment))


def all_equipment() -> list[Equipment]:
    return list(db.session.scalars(select(Equipment).order_by(Equipment.name_da)))


def get_equipment(equipment_id: int) -> Equipment:
    equipment = db.session.get(Equipment, equipment_id)
    if equipment is None:
        raise NotFound(_("That equipment does not exist."))
    return equipment
