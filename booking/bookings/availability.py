"""When rooms are taken, and which rooms are free for a slot.

Both answer from the claims table in one query for any number of rooms and days, so the
all-rooms 30-day calendar costs two queries (rooms, then claims), not one per room per day.
Public views get :class:`BusySlot` rows without private details ("Optaget").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from booking.accounts.models import User
from booking.accounts.permissions import is_staff, organisation_ids
from booking.bookings.claims import overlapping, related_room_ids
from booking.bookings.models import Booking, BookingStatus, Claim, Occurrence
from booking.bookings.rules import check_interval
from booking.extensions import db
from booking.rooms import hours
from booking.rooms.models import Closure, Equipment, Location, Room
from booking.timeutil import to_local


@dataclass(frozen=True)
class BusySlot:
    """A taken interval of a room. ``title`` and ``booking_id`` are None unless the viewer
    may see them (public booking, or the viewer's own / organisation's / staff)."""

    room_id: int
    starts_at: datetime
    ends_at: datetime
    pending: bool
    title: str | None = None
    booking_id: int | None = None
    occurrence_id: int | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "room_id": self.room_id,
            "starts_at": self.starts_at.isoformat(),
            "ends_at": self.ends_at.isoformat(),
            "pending": self.pending,
            "title": self.title,
            "booking_id": self.booking_id,
        }


def busy_intervals(
    rooms: Sequence[Room], starts_at: datetime, ends_at: datetime, *, viewer: User | None = None
) -> dict[int, list[BusySlot]]:
    """Every room's taken intervals overlapping [starts_at, ends_at), earliest first. A hall is
    taken when any part is, a part when its hall is booked whole (both come from the claims)."""
    check_interval(starts_at, ends_at)
    claim_ids = {room.id: room.claim_room_ids for room in rooms}
    wanted = sorted({rid for ids in claim_ids.values() for rid in ids})
    result: dict[int, list[BusySlot]] = {room.id: [] for room in rooms}
    if not wanted:
        return result
    # Columns only, so the Core connection answers without the ORM's row machinery; the
    # session is flushed first as its own queries would be (autoflush).
    db.session.flush()
    rows = db.session.connection().execute(
        select(
            Claim.room_id,
            Occurrence.id,
            Occurrence.starts_at,
            Occurrence.ends_at,
            Booking.id,
            Booking.title,
            Booking.public,
            Booking.status,
            Booking.user_id,
            Booking.organisation_id,
        )
        .join(Occurrence, Claim.occurrence_id == Occurrence.id)
        .join(Booking, Occurrence.booking_id == Booking.id)
        .where(
            Claim.room_id.in_(wanted),
            # A claim starts with its occurrence and lasts at least as long (its buffer), so
            # this finds every occurrence in the range, from the GiST index; the few whose
            # buffer alone reaches into the range are left out below. (Asking for the
            # occurrence's times here too made the planner read every occurrence.)
            *overlapping(starts_at, ends_at),
        )
        .order_by(Occurrence.starts_at, Occurrence.id)
    ).all()
    staff = is_staff(viewer)
    viewer_id = viewer.id if viewer is not None else None
    orgs = organisation_ids(viewer) if viewer is not None and not staff else set()
    # Which of the asked rooms each claimed room makes busy (a part: itself and its hall).
    shown_in: dict[int, list[int]] = {}
    for room_id, ids in claim_ids.items():
        for rid in ids:
            shown_in.setdefault(rid, []).append(room_id)
    seen: set[tuple[int, int]] = set()
    for rid, occ_id, start, end, booking_id, title, public, status, user_id, org_id in rows:
        if not (start < ends_at and end > starts_at):
            continue
        visible = public or staff or (viewer_id is not None and user_id == viewer_id) or org_id in orgs
        pending = status == BookingStatus.PENDING
        for room_id in shown_in[rid]:
            if (room_id, occ_id) in seen:
                continue
            seen.add((room_id, occ_id))
            result[room_id].append(
                BusySlot(
                    room_id,
                    start,
                    end,
                    pending,
                    title if visible else None,
                    booking_id if visible else None,
                    occ_id if visible else None,
                )
            )
    return result


def bookable_rooms(
    *,
    location: Location | None = None,
    people: int | None = None,
    equipment: Sequence[Equipment] = (),
    with_equipment: bool = True,
) -> list[Room]:
    query = (
        select(Room)
        .join(Location, Room.location_id == Location.id)
        .where(Room.active.is_(True), Location.active.is_(True))
        # The place and the parts come in the same statement; the equipment (listed by the
        # free-room search) in a second one, unless the caller has no use for it.
        .options(contains_eager(Room.location), joinedload(Room.parts))
        .order_by(Location.name, Room.name)
    )
    if with_equipment:
        query = query.options(selectinload(Room.equipment))
    if location is not None:
        query = query.where(Room.location_id == location.id)
    if people is not None:
        query = query.where(Room.capacity >= people)
    for item in equipment:
        query = query.where(Room.equipment.any(Equipment.id == item.id))
    return list(db.session.scalars(query).unique())


def free_rooms(
    starts_at: datetime,
    ends_at: datetime,
    *,
    people: int | None = None,
    equipment: Sequence[Equipment] = (),
    location: Location | None = None,
) -> list[Room]:
    """Rooms with room for ``people`` and all of ``equipment`` that are open and not taken
    (buffers included) from ``starts_at`` to ``ends_at``."""
    check_interval(starts_at, ends_at)
    candidates = bookable_rooms(location=location, people=people, equipment=equipment)
    if not candidates:
        return []
    longest_buffer = max(room.buffer_minutes for room in candidates)

    busy = db.session.execute(
        select(Claim.room_id, Claim.starts_at, Claim.blocked_until).where(
            Claim.room_id.in_({rid for room in candidates for rid in room.claim_room_ids}),
            *overlapping(starts_at, ends_at + timedelta(minutes=longest_buffer)),
        )
    ).all()
    free = []
    for room in candidates:
        until = ends_at + timedelta(minutes=room.buffer_minutes)
        ids = set(room.claim_room_ids)
        if any(rid in ids and start < until and starts_at < blocked for rid, start, blocked in busy):
            continue
        free.append(room)
    open_ids = _open_room_ids(free, starts_at, ends_at)
    return [room for room in free if room.id in open_ids]


def _open_room_ids(rooms: Sequence[Room], starts_at: datetime, ends_at: datetime) -> set[int]:
    """The rooms open for the whole slot: opening hours and closures worked out once per
    location, room closures (a hall's closes its parts and the other way round) in one query."""
    if not rooms:
        return set()
    first, last = to_local(starts_at).date(), to_local(ends_at - timedelta(microseconds=1)).date()
    open_at: dict[int, bool] = {}
    for room in rooms:
        if room.location_id not in open_at:
            intervals = hours.opening_intervals(room.location, first, last)
            open_at[room.location_id] = any(o <= starts_at and ends_at <= c for o, c in intervals)
    related = {room.id: related_room_ids(room) for room in rooms}
    closed = set(
        db.session.scalars(
            select(Closure.room_id).where(
                Closure.room_id.in_({rid for ids in related.values() for rid in ids}),
                Closure.starts_on <= last,
                Closure.ends_on >= first,
            )
        )
    )
    return {room.id for room in rooms if open_at[room.location_id] and not closed.intersection(related[room.id])}
