"""Booking one slot: the room's rules, approval state, history, mail and bad input."""

from datetime import UTC, date, datetime, timedelta

import pytest

from booking.bookings import services
from booking.bookings.models import BookingStatus
from booking.errors import Invalid, NotAllowed, NotFound
from booking.extensions import db
from booking.notifications.services import messages_about
from booking.rooms import locations
from booking.rooms.models import BookingPolicy
from tests.bookings.conftest import at, counts
from tests.factories import NOW

TUESDAY = date(2026, 3, 10)


def test_a_room_without_approval_is_booked_at_once_with_history_and_mail(place, book, english):
    result = book(place.citizen, place.room, TUESDAY, "17:00", "19:00", purpose="Bestyrelsesmøde", expected_attendees=8)
    booking = result.booking

    assert booking.status == BookingStatus.APPROVED
    assert booking.decided_at == NOW
    assert [e.action for e in booking.events] == ["created"]
    assert booking.events[0].actor_id == place.citizen.id
    [mail] = messages_about("booking", booking.id)
    assert mail.kind == "booking_approved"
    assert mail.to_email == place.citizen.email
    assert mail.subject == "Your booking is confirmed: Klubaften"
    assert "10.03.2026 17:00–19:00" in mail.body
    assert "Mødelokalet, Lindved Bibliotek" in mail.body


def test_a_room_needing_approval_makes_a_pending_booking_and_a_danish_receipt(place, book, create_user):
    place.room.requires_approval = True
    dane = create_user(locale="da")
    result = book(dane, place.room, TUESDAY, "17:00", "19:00")

    assert result.booking.status == BookingStatus.PENDING
    [mail] = messages_about("booking", result.booking.id)
    assert mail.kind == "booking_received"
    assert mail.locale == "da"
    assert mail.subject == "Vi har modtaget din booking: Klubaften"


def test_staff_bookings_need_no_approval(place, book):
    place.room.requires_approval = True
    assert book(place.staff, place.room, TUESDAY, "17:00", "19:00").booking.status == BookingStatus.APPROVED


@pytest.mark.parametrize(
    "change, slot, message",
    [
        ({}, ("06:00", "08:00"), "outside opening hours"),
        ({}, ("21:00", "23:00"), "outside opening hours"),
        ({"min_duration_minutes": 60}, ("17:00", "17:30"), "at least 60 minutes"),
        ({"max_duration_minutes": 120}, ("12:00", "15:00"), "at most 120 minutes"),
        ({"slot_step_minutes": 30}, ("17:15", "18:15"), "whole 30-minute steps"),
        ({"min_notice_hours": 24 * 10}, ("17:00", "19:00"), "at least 240 hours ahead"),
        ({"horizon_days": 5}, ("17:00", "19:00"), "at most 5 days ahead"),
    ],
)
def test_the_rooms_rules(place, book, english, change, slot, message):
    for key, value in change.items():
        setattr(place.room, key, value)
    before = counts()
    with pytest.raises(Invalid, match=message):
        book(place.citizen, place.room, TUESDAY, *slot)
    db.session.rollback()
    assert counts() == before


def test_a_closure_is_refused_with_its_reason(place, book, english):
    locations.add_closure(place.staff, place.library, starts_on=TUESDAY, ends_on=None, reason="Personaledag", now=NOW)
    with pytest.raises(Invalid, match="closed: Personaledag"):
        book(place.citizen, place.room, TUESDAY, "17:00", "19:00")


def test_the_past_is_refused(place, book, english):
    with pytest.raises(Invalid, match="already passed"):
        book(place.staff, place.room, date(2026, 3, 1), "17:00", "19:00")


def test_quota_per_organisation(place, book, english):
    place.room.max_future_bookings_per_org = 2
    book(place.member, place.room, TUESDAY, "10:00", "11:00", organisation=place.association)
    book(place.member, place.room, TUESDAY, "12:00", "13:00", organisation=place.association)
    with pytest.raises(Invalid, match="at most 2 future bookings"):
        book(place.org_admin, place.room, TUESDAY, "14:00", "15:00", organisation=place.association)
    # Others and the citizen's own bookings are not counted against the association.
    book(place.other_member, place.room, TUESDAY, "14:00", "15:00", organisation=place.other_association)


@pytest.mark.parametrize(
    "policy, who, organisation, allowed",
    [
        (BookingPolicy.EVERYONE, "citizen", None, True),
        (BookingPolicy.ORGANISATIONS, "citizen", None, False),
        (BookingPolicy.ORGANISATIONS, "member", "association", True),
        (BookingPolicy.STAFF, "member", "association", False),
        (BookingPolicy.STAFF, "staff", None, True),
        (BookingPolicy.EVERYONE, "other_member", "association", False),  # not their organisation
    ],
)
def test_who_may_book(place, book, english, policy, who, organisation, allowed):
    place.room.booking_policy = policy
    actor = getattr(place, who)
    org = getattr(place, organisation) if organisation else None
    if allowed:
        book(actor, place.room, TUESDAY, "17:00", "19:00", organisation=org)
    else:
        before = counts()
        with pytest.raises(NotAllowed):
            book(actor, place.room, TUESDAY, "17:00", "19:00", organisation=org)
        assert counts() == before


def test_anonymous_cannot_book(place, english):
    starts_at, ends_at = at(TUESDAY, "17:00", "19:00")
    with pytest.raises(NotAllowed, match="log in"):
        services.create_booking(None, place.room, starts_at, ends_at, title="x", now=NOW)


@pytest.mark.parametrize(
    "shift_end, title, attendees, message",
    [
        (timedelta(hours=-3), "Møde", None, "end must be after the start"),
        (timedelta(0), "Møde", None, "end must be after the start"),
        (timedelta(hours=1), "  ", None, "title"),
        (timedelta(hours=1), "Møde", 0, "whole number above 0"),
        (timedelta(hours=1), "Møde", 500, "room for 12 people"),
    ],
)
def test_bad_input_writes_nothing(place, english, shift_end, title, attendees, message):
    starts_at = datetime(2026, 3, 10, 16, 0, tzinfo=UTC)
    before = counts()
    with pytest.raises(Invalid, match=message):
        services.create_booking(
            place.citizen,
            place.room,
            starts_at,
            starts_at + shift_end,
            title=title,
            expected_attendees=attendees,
            now=NOW,
        )
    assert counts() == before


def test_naive_times_are_refused(place, english):
    with pytest.raises(Invalid, match="time zone"):
        services.create_booking(
            place.citizen, place.room, datetime(2026, 3, 10, 16), datetime(2026, 3, 10, 17), title="x", now=NOW
        )


def test_unknown_or_inactive_room(place, english):
    with pytest.raises(NotFound):
        services.get_room(99999)
    place.room.active = False
    starts_at, ends_at = at(TUESDAY, "17:00", "19:00")
    with pytest.raises(NotFound, match="No such room"):
        services.create_booking(place.citizen, place.room, starts_at, ends_at, title="x", now=NOW)
