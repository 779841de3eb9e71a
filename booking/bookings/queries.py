"""Lists of bookings for pages and the API: a user's own, an organisation's, a room's."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import exists, select
from sqlalchemy.orm import selectinload

from booking.accounts.models import Organisation, User
from booking.accounts.permissions import is_member, is_staff, require_login
from booking.bookings.models import Booking, Occurrence
from booking.errors import NotAllowed
from booking.extensions import db
from booking.rooms.models import Room


def _listing(query, *, upcoming_from: datetime | None):
    query = query.options(
        selectinload(Booking.occurrences), selectinload(Booking.room).selectinload(Room.location)
    ).order_by(Booking.created_at.desc(), Booking.id.desc())
    if upcoming_from is not None:
        query = query.where(
            exists().where(
                Occurrence.booking_id == Booking.id,
                Occurrence.active.is_(True),
                Occurrence.ends_at > upcoming_from,
            )
        )
    return list(db.session.scalars(query))


def bookings_of_user(actor: User | None, *, upcoming_from: datetime | None = None) -> list[Booking]:
    """The actor's own bookings, newest request first (only those with a date still to come
    when ``upcoming_from`` is given)."""
    user = require_login(actor)
    return _listing(select(Booking).where(Booking.user_id == user.id), upcoming_from=upcoming_from)


def bookings_of_organisation(
    actor: User | None, organisation: Organisation, *, upcoming_from: datetime | None = None
) -> list[Booking]:
    """An organisation's bookings, for its members and staff."""
    require_login(actor)
    if not (is_staff(actor) or is_member(actor, organisation)):
        raise NotAllowed(_("Only the organisation's members can see its bookings."))
    return _listing(select(Booking).where(Booking.organisation_id == organisation.id), upcoming_from=upcoming_from)
