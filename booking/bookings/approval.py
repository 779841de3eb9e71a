"""Staff decisions: the approval queue, approve (one booking or many, a series at once) and
reject with a reason. A rejection frees the slots for the room waitlist."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import exists, select
from sqlalchemy.orm import selectinload

from booking.accounts.models import Organisation, User
from booking.bookings import claims, mail
from booking.bookings.changes import clean_reason, release_all
from booking.bookings.models import Booking, BookingStatus, Occurrence
from booking.bookings.permissions import require_decide
from booking.bookings.services import record
from booking.errors import Invalid
from booking.extensions import db
from booking.rooms.models import Location, Room
from booking.timeutil import local_day_bounds


def approval_queue(
    actor: User | None,
    *,
    location: Location | None = None,
    day: date | None = None,
    organisation: Organisation | None = None,
) -> list[Booking]:
    """Pending bookings, oldest request first; ``day`` keeps those with a date on that local day."""
    require_decide(actor)
    query = (
        select(Booking)
        .where(Booking.status == BookingStatus.PENDING)
        .options(selectinload(Booking.occurrences), selectinload(Booking.room).selectinload(Room.location))
        .order_by(Booking.created_at, Booking.id)
    )
    if location is not None:
        query = query.join(Room, Booking.room_id == Room.id).where(Room.location_id == location.id)
    if organisation is not None:
        query = query.where(Booking.organisation_id == organisation.id)
    if day is not None:
        start, end = local_day_bounds(day)
        query = query.where(
            exists().where(
                Occurrence.booking_id == Booking.id,
                Occurrence.active.is_(True),
                Occurrence.starts_at < end,
                Occurrence.ends_at > start,
            )
        )
    return list(db.session.scalars(query))


def _require_pending(booking: Booking) -> None:
    if booking.status != BookingStatus.PENDING:
        raise Invalid(_("Only a booking awaiting approval can be approved or rejected."))


def approve_booking(actor: User | None, booking: Booking, *, now: datetime, reason: str | None = None) -> Booking:
    """Approve a pending booking with all its dates (a whole series at once)."""
    staff = require_decide(actor)
    _require_pending(booking)
    booking.status = BookingStatus.APPROVED
    booking.decided_at, booking.decided_by_id = now, staff.id
    booking.decision_reason = clean_reason(reason)
    record(booking, staff, "approved", now, booking.decision_reason)
    mail.booking_mail("booking_approved", booking, now, reason=booking.decision_reason)
    db.session.flush()
    return booking


def approve_bookings(actor: User | None, bookings: Sequence[Booking], *, now: datetime) -> list[Booking]:
    """Bulk approval: all of them or, if one is no longer pending, none."""
    require_decide(actor)
    for booking in bookings:
        _require_pending(booking)
    return [approve_booking(actor, booking, now=now) for booking in bookings]


def reject_booking(actor: User | None, booking: Booking, *, reason: str, now: datetime) -> Booking:
    """Reject with a reason the booker is told; the dates are freed for the waitlist."""
    staff = require_decide(actor)
    _require_pending(booking)
    clean = clean_reason(reason)
    if not clean:
        raise Invalid(_("Tell the booker why the booking is rejected."), fields={"reason": "required"})
    freed = booking.active_occurrences()
    notified = list(freed)
    for occurrence in booking.occurrences:
        occurrence.active = False
        claims.set_active(occurrence, False)
    booking.status = BookingStatus.REJECTED
    booking.decided_at, booking.decided_by_id, booking.decision_reason = now, staff.id, clean
    record(booking, staff, "rejected", now, clean)
    mail.booking_mail("booking_rejected", booking, now, occurrences=notified, reason=clean)
    release_all([o for o in freed if o.ends_at > now], now)
    return booking
