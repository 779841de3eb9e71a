"""Who may see, book, change and decide bookings. Services call the ``require_*`` helpers;
pages and the API use the ``can_*`` ones to hide buttons and private details."""

from __future__ import annotations

from flask_babel import gettext as _

from booking.accounts.models import Organisation, User
from booking.accounts.permissions import (
    is_authenticated,
    is_member,
    is_org_admin,
    is_staff,
    require_login,
    require_staff,
)
from booking.bookings.models import Booking
from booking.errors import NotAllowed
from booking.rooms.models import BookingPolicy, Room


def is_booker(user: User | None, booking: Booking) -> bool:
    return is_authenticated(user) and booking.user_id == user.id  # type: ignore[union-attr]


def can_view_private(user: User | None, booking: Booking) -> bool:
    """Title, purpose and booker of a private booking: staff, the booker, and members of the
    organisation it was made for. Everyone else sees only that the slot is taken."""
    if is_staff(user) or is_booker(user, booking):
        return True
    return booking.organisation is not None and is_member(user, booking.organisation)


def can_view_details(user: User | None, booking: Booking) -> bool:
    return booking.public or can_view_private(user, booking)


def can_change(user: User | None, booking: Booking) -> bool:
    """Cancel, move or edit: staff, the booker, and admins of the booking's organisation."""
    if is_staff(user) or is_booker(user, booking):
        return True
    return booking.organisation is not None and is_org_admin(user, booking.organisation)


def can_decide(user: User | None) -> bool:
    """Approve or reject: staff only."""
    return is_staff(user)


def require_view(user: User | None, booking: Booking) -> None:
    if not can_view_private(user, booking):
        raise NotAllowed(_("You cannot see this booking."))


def require_change(user: User | None, booking: Booking) -> None:
    require_login(user)
    if not can_change(user, booking):
        raise NotAllowed(_("Only the booker, the organisation's administrators or staff can change this booking."))


def require_decide(user: User | None) -> User:
    return require_staff(user)


def can_book(user: User | None, room: Room, organisation: Organisation | None = None) -> bool:
    try:
        require_book(user, room, organisation)
    except NotAllowed:
        return False
    return True


def require_book(user: User | None, room: Room, organisation: Organisation | None = None) -> User:
    """The room's booking policy, and membership of the organisation booked for."""
    actor = require_login(user)
    if is_staff(actor):
        return actor
    if organisation is not None and not is_member(actor, organisation):
        raise NotAllowed(_("You can only book for organisations you are a member of."))
    if room.booking_policy == BookingPolicy.STAFF:
        raise NotAllowed(_("Only library staff can book this room."))
    if room.booking_policy == BookingPolicy.ORGANISATIONS and organisation is None:
        raise NotAllowed(_("This room can only be booked on behalf of an organisation."))
    return actor
