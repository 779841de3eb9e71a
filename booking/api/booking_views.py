"""Bookings in the API: book (once or a series), list, detail, cancel a booking or one date,
and the staff's approval queue, approve and reject. Every rule and permission is the
services'; these handlers only translate JSON to calls and commit once."""

from __future__ import annotations

from flask_babel import gettext as _

from booking.accounts.models import Organisation
from booking.api import schemas as s
from booking.api.auth import require_user
from booking.api.spec import AUTH_STAFF, AUTH_USER, operation
from booking.api.views import PREFIX, active_room, bp, location_by_slug
from booking.bookings import approval, changes, queries, services
from booking.bookings.models import Booking, Occurrence
from booking.db import utcnow
from booking.errors import NotFound
from booking.extensions import db

WRITE_ERRORS = (400, 401, 403, 404, 409)


def organisation_by_id(organisation_id: int | None) -> Organisation | None:
    if organisation_id is None:
        return None
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None or not organisation.active:
        raise NotFound(_("No such organisation."), fields={"organisation_id": organisation_id})
    return organisation


def booking_by_id(booking_id: int) -> Booking:
    booking = db.session.get(Booking, booking_id)
    if booking is None:
        raise NotFound(_("No such booking."))
    return booking


@bp.route(PREFIX + "/bookings", methods=["POST"])
@operation(
    summary="Book a room", tag="bookings", body=s.BookingCreateSchema, response=s.BookingCreatedSchema,
    status=201, errors=WRITE_ERRORS, auth=AUTH_USER, commit=True,
)
def create_booking(body):
    """One slot, or a series with ``recurrence``. Taken dates of a series make a 409 listing
    every one (``details.clashes``), unless ``book_free_dates_only``: then the free dates are
    booked and the others listed in ``skipped``. Closed days of a series are always skipped."""
    user = require_user()
    result = services.create_booking(
        user,
        active_room(body["room_id"]),
        body["starts_at"],
        body["ends_at"],
        title=body["title"],
        now=utcnow(),
        purpose=body.get("purpose"),
        expected_attendees=body.get("expected_attendees"),
        public=body["public"],
        organisation=organisation_by_id(body.get("organisation_id")),
        recurrence=body.get("recurrence"),
        book_free_dates_only=body["book_free_dates_only"],
    )
    return {"booking": result.booking, "skipped": result.skipped}


@bp.route(PREFIX + "/bookings")
@operation(
    summary="My bookings", tag="bookings", query=s.BookingListQuery, response=s.BookingSchema, many=True,
    errors=(400, 401, 403, 404), auth=AUTH_USER,
)
def my_bookings(params):
    """Your own bookings, newest request first, or with ``organisation_id`` those of an
    organisation you belong to."""
    user = require_user()
    upcoming = utcnow() if params["upcoming"] else None
    organisation = organisation_by_id(params.get("organisation_id"))
    if organisation is not None:
        return queries.bookings_of_organisation(user, organisation, upcoming_from=upcoming)
    return queries.bookings_of_user(user, upcoming_from=upcoming)


@bp.route(PREFIX + "/bookings/<int:booking_id>")
@operation(summary="One booking", tag="bookings", response=s.BookingSchema, errors=(401, 403, 404), auth=AUTH_USER)
def booking_detail(booking_id: int):
    """A booking with its dates: for the booker, the organisation's members and staff."""
    return services.get_booking(require_user(), booking_id)


@bp.route(PREFIX + "/bookings/<int:booking_id>/cancel", methods=["POST"])
@operation(
    summary="Cancel a booking", tag="bookings", body=s.ReasonSchema, response=s.BookingSchema,
    errors=WRITE_ERRORS, auth=AUTH_USER, commit=True,
)
def cancel_booking(booking_id: int, body):
    """Cancel the whole booking (every date to come). Booker, organisation admins, staff."""
    booking = booking_by_id(booking_id)
    return changes.cancel_booking(require_user(), booking, now=utcnow(), reason=body.get("reason"))


@bp.route(PREFIX + "/bookings/<int:booking_id>/occurrences/<int:occurrence_id>/cancel", methods=["POST"])
@operation(
    summary="Cancel one date", tag="bookings", body=s.ReasonSchema, response=s.BookingSchema,
    errors=WRITE_ERRORS, auth=AUTH_USER, commit=True,
)
def cancel_occurrence(booking_id: int, occurrence_id: int, body):
    """Cancel one date of a booking; the rest of a series stays (the last date cancels the
    booking)."""
    booking = booking_by_id(booking_id)
    occurrence = db.session.get(Occurrence, occurrence_id)
    if occurrence is None or occurrence.booking_id != booking.id:
        raise NotFound(_("No such date in this booking."))
    changes.cancel_occurrence(require_user(), occurrence, now=utcnow(), reason=body.get("reason"))
    return booking


@bp.route(PREFIX + "/approvals")
@operation(
    summary="Approval queue", tag="approval", query=s.ApprovalQuery, response=s.BookingSchema, many=True,
    errors=(400, 401, 403, 404), auth=AUTH_STAFF,
)
def approval_queue(params):
    """Bookings awaiting approval, oldest request first (staff)."""
    return approval.approval_queue(
        require_user(),
        location=location_by_slug(params.get("location")),
        day=params.get("day"),
        organisation=organisation_by_id(params.get("organisation_id")),
    )


@bp.route(PREFIX + "/bookings/<int:booking_id>/approve", methods=["POST"])
@operation(
    summary="Approve a booking", tag="approval", body=s.ReasonSchema, response=s.BookingSchema,
    errors=WRITE_ERRORS, auth=AUTH_STAFF, commit=True,
)
def approve(booking_id: int, body):
    """Approve a pending booking with all its dates (staff)."""
    booking = booking_by_id(booking_id)
    return approval.approve_booking(require_user(), booking, now=utcnow(), reason=body.get("reason"))


@bp.route(PREFIX + "/bookings/<int:booking_id>/reject", methods=["POST"])
@operation(
    summary="Reject a booking", tag="approval", body=s.RejectSchema, response=s.BookingSchema,
    errors=WRITE_ERRORS, auth=AUTH_STAFF, commit=True,
)
def reject(booking_id: int, body):
    """Reject a pending booking with a reason the booker is told (staff)."""
    booking = booking_by_id(booking_id)
    return approval.reject_booking(require_user(), booking, reason=body["reason"], now=utcnow())
