"""Bookings in the feeds: a room's calendar and a person's own.

Each date (occurrence) of a booking is its own VEVENT with a UID from the occurrence, not one
VEVENT with an RRULE per series. A booking series is a bounded list of concrete dates that
need not follow its rule: closed days and taken dates are left out when it is made, single
dates are moved to another time or another room, and a date whose wall-clock time does not
exist on a DST day is skipped. One event per date says exactly what the database holds, in
every client, with no EXDATE bookkeeping that could drift from the rows; the series stays
small (at most 200 dates) and the feed's window keeps it smaller. Open communities, which
run for years, stay one RRULE series each (see :func:`.services.community_item`); the
booking that holds a community's room is left out here, as its community is in the feed.

SEQUENCE is the number of history rows of the booking (every change writes one), and
LAST-MODIFIED/DTSTAMP the time of the latest, so a change reaches the clients and the
ETag; the UID never changes. A cancelled date stays in a personal feed as STATUS:CANCELLED
(a single event, not a series date, so this is the rule for one-off events); a room's feed
shows only dates that hold the room.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from booking.bookings.models import HOLDING, Booking, BookingEvent, BookingStatus, Claim, Occurrence
from booking.communities.models import Community, CommunityStatus
from booking.extensions import db
from booking.feeds.ical import CalendarItem, ItemStatus
from booking.labels import label
from booking.rooms.models import Room

# The communities whose feed item already shows their room booking (services.IN_FEEDS).
_SHOWN_AS_COMMUNITY = (CommunityStatus.ACTIVE, CommunityStatus.ENDED)


@dataclass(frozen=True)
class BookingSelection:
    """Which booking dates a feed holds, and how much it tells about them."""

    conditions: tuple = ()
    family: str = "room"  # part of each event's UID, so two feeds never share one
    details: bool = False  # False: "Busy" only, as the public sees a room
    include_cancelled: bool = False  # a personal feed keeps cancelled dates, marked cancelled

    def _select(self, start: datetime, end: datetime, *columns):
        shown = select(Community.booking_id).where(
            Community.booking_id.is_not(None), Community.status.in_(_SHOWN_AS_COMMUNITY)
        )
        query = (
            select(*columns)
            .select_from(Occurrence)
            .join(Occurrence.booking)
            .where(Occurrence.starts_at < end, Occurrence.ends_at > start, Booking.id.not_in(shown), *self.conditions)
        )
        if self.include_cancelled:
            return query.where(Booking.status.in_((*HOLDING, BookingStatus.CANCELLED)))
        return query.where(Occurrence.active.is_(True), Booking.status.in_(HOLDING))

    def key(self, start: datetime, end: datetime) -> tuple[tuple, datetime | None]:
        """What the ETag needs from the bookings: the dates in the window, the bookings'
        history (every change writes a row), the names of their rooms (the places' names and
        addresses are in the feed's own key), and the latest change."""
        dates = db.session.execute(
            self._select(start, end, func.count(), func.sum(Occurrence.id), func.max(Occurrence.starts_at))
        ).one()
        ids = self._select(start, end, Occurrence.booking_id)
        history = db.session.execute(
            select(func.count(BookingEvent.id), func.max(BookingEvent.at)).where(BookingEvent.booking_id.in_(ids))
        ).one()
        room_ids = self._select(start, end, Occurrence.room_id)
        rooms = db.session.execute(select(Room.id, Room.name).where(Room.id.in_(room_ids)).order_by(Room.id)).all()
        return (tuple(dates), tuple(history), tuple(tuple(r) for r in rooms)), history[1]

    def items(self, start: datetime, end: datetime, busy: str) -> list[CalendarItem]:
        query = (
            self._select(start, end, Occurrence)
            .options(
                joinedload(Occurrence.room).joinedload(Room.location),
                joinedload(Occurrence.booking).selectinload(Booking.events),
                joinedload(Occurrence.booking).joinedload(Booking.organisation),
            )
            .order_by(Occurrence.id)
        )
        return [self.item(occurrence, busy) for occurrence in db.session.scalars(query).unique()]

    def item(self, occurrence: Occurrence, busy: str) -> CalendarItem:
        booking = occurrence.booking
        events = booking.events
        changed_at = max((event.at for event in events), default=booking.created_at)
        location = occurrence.room.location
        place = f"{occurrence.room.name}, {location.name}, {location.address}, {location.postal_code} {location.city}"
        cancelled = not occurrence.active or booking.status == BookingStatus.CANCELLED
        if cancelled:
            status = ItemStatus.CANCELLED
        elif booking.status == BookingStatus.PENDING and self.details:
            status = ItemStatus.TENTATIVE
        else:
            status = ItemStatus.CONFIRMED
        return CalendarItem(
            uid=f"{self.family}-booking-{occurrence.id}@{_host()}",
            summary=booking.title if self.details else busy,
            start=occurrence.starts_at,
            end=occurrence.ends_at,
            changed_at=changed_at,
            sequence=len(events),
            description=_description(booking) if self.details else "",
            location=place,
            status=status,
            busy=not cancelled,
        )


def _description(booking: Booking) -> str:
    lines = [booking.purpose or "", label(booking.status)]
    if booking.organisation is not None:
        lines.append(booking.organisation.name)
    return "\n".join(line for line in lines if line)


def _host() -> str:
    from booking.feeds.services import host

    return host()


def room_bookings(room: Room, *, details: bool) -> BookingSelection:
    """The dates that hold the room (a hall's feed: any of its parts)."""
    held = select(Claim.occurrence_id).where(Claim.room_id.in_(room.claim_room_ids))
    return BookingSelection((Occurrence.id.in_(held),), "staff-room" if details else "room", details=details)


def personal_bookings(user_id: int, organisation_ids) -> BookingSelection:
    """The user's own bookings and their organisations' bookings, cancelled dates included."""
    mine = (Booking.user_id == user_id) | Booking.organisation_id.in_(organisation_ids)
    return BookingSelection((mine,), "mine", details=True, include_cancelled=True)
