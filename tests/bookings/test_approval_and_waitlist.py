"""Staff approval and the room waitlist."""

from datetime import date, timedelta

import pytest

from booking.bookings import approval, changes, waitlist
from booking.bookings.models import BookingStatus, WaitStatus
from booking.bookings.recurrence import Frequency, Recurrence
from booking.errors import Conflict, Invalid, NotAllowed
from booking.extensions import db
from booking.notifications.services import messages_about
from tests.bookings.conftest import at
from tests.factories import NOW

DAY = date(2026, 3, 10)


@pytest.fixture
def approval_room(place):
    place.room.requires_approval = True
    return place.room


def test_the_queue_is_oldest_first_and_filters(place, approval_room, book, create_location, create_room):
    later = NOW + timedelta(hours=1)
    first = book(place.member, approval_room, DAY, "10:00", "11:00", organisation=place.association).booking
    second = book(place.other_member, approval_room, date(2026, 3, 11), "10:00", "11:00", now=later).booking
    elsewhere = create_room(location=create_location(), requires_approval=True)
    third = book(place.citizen, elsewhere, DAY, "10:00", "11:00").booking

    assert approval.approval_queue(place.staff) == [first, third, second]
    assert approval.approval_queue(place.staff, location=place.library) == [first, second]
    assert approval.approval_queue(place.staff, day=date(2026, 3, 11)) == [second]
    assert approval.approval_queue(place.staff, organisation=place.association) == [first]


def test_approve_a_whole_series_at_once(place, approval_room, book):
    series = book(
        place.member,
        approval_room,
        date(2026, 3, 3),
        "17:00",
        "19:00",
        recurrence=Recurrence(Frequency.WEEKLY, count=4),
    ).booking
    approval.approve_booking(place.staff, series, now=NOW)

    assert series.status == BookingStatus.APPROVED
    assert series.decided_by_id == place.staff.id
    assert [m.kind for m in messages_about("booking", series.id)] == ["booking_received", "booking_approved"]
    assert series.events[-1].action == "approved"


def test_bulk_approve(place, approval_room, book):
    bookings = [book(place.citizen, approval_room, DAY, f"{h}:00", f"{h + 1}:00").booking for h in (10, 12, 14)]
    approval.approve_bookings(place.staff, bookings, now=NOW)
    assert {b.status for b in bookings} == {BookingStatus.APPROVED}


def test_reject_needs_a_reason_and_frees_the_slot(place, approval_room, book, english):
    booking = book(place.citizen, approval_room, DAY, "10:00", "12:00").booking
    with pytest.raises(Invalid, match="why"):
        approval.reject_booking(place.staff, booking, reason=" ", now=NOW)

    approval.reject_booking(place.staff, booking, reason="Lokalet bruges til valg", now=NOW)

    assert booking.status == BookingStatus.REJECTED
    assert booking.decision_reason == "Lokalet bruges til valg"
    mail = messages_about("booking", booking.id)[-1]
    assert mail.kind == "booking_rejected" and "Lokalet bruges til valg" in mail.body
    book(place.member, approval_room, DAY, "10:00", "12:00")  # free again
    with pytest.raises(Invalid, match="awaiting approval"):
        approval.approve_booking(place.staff, booking, now=NOW)


@pytest.mark.parametrize("who", ["citizen", "member", "org_admin"])
def test_only_staff_decide(place, approval_room, book, english, who):
    booking = book(place.member, approval_room, DAY, "10:00", "12:00", organisation=place.association).booking
    actor = getattr(place, who)
    with pytest.raises(NotAllowed):
        approval.approve_booking(actor, booking, now=NOW)
    with pytest.raises(NotAllowed):
        approval.reject_booking(actor, booking, reason="nej", now=NOW)
    with pytest.raises(NotAllowed):
        approval.approval_queue(actor)
    with pytest.raises(NotAllowed):
        approval.approval_queue(None)
    assert booking.status == BookingStatus.PENDING


def queue(place, who, *, start="10:00", end="12:00", auto_book=True, now=NOW):
    starts_at, ends_at = at(DAY, start, end)
    return waitlist.join_waitlist(who, place.room, starts_at, ends_at, title="Venter", now=now, auto_book=auto_book)


def test_cancel_books_the_first_in_the_queue_where_no_approval_is_needed(place, book):
    blocker = book(place.citizen, place.room, DAY, "10:00", "12:00").booking
    first = queue(place, place.member)
    second = queue(place, place.other_member, now=NOW + timedelta(minutes=5))

    changes.cancel_booking(place.citizen, blocker, now=NOW + timedelta(hours=1))

    assert first.status == WaitStatus.BOOKED
    assert first.booking.status == BookingStatus.APPROVED
    assert first.booking.user_id == place.member.id
    assert second.status == WaitStatus.WAITING


def test_queueing_for_a_free_slot_is_refused(place, english):
    with pytest.raises(Invalid, match="free"):
        queue(place, place.member)


def test_an_offer_is_held_for_24_hours_then_passes_on(place, approval_room, book, english):
    blocker = book(place.citizen, approval_room, DAY, "10:00", "12:00").booking
    first = queue(place, place.member)
    second = queue(place, place.other_member, now=NOW + timedelta(minutes=5))

    approval.reject_booking(place.staff, blocker, reason="Dobbeltbooking", now=NOW + timedelta(hours=1))

    assert first.status == WaitStatus.OFFERED
    assert first.offer_expires_at == NOW + timedelta(hours=25)
    [offer] = messages_about("waitlist_entry", first.id)
    assert offer.kind == "waitlist_offer" and "10.03.2026 10:00–12:00" in offer.body
    assert second.status == WaitStatus.WAITING
    # Held: someone else cannot take it meanwhile.
    with pytest.raises(Conflict):
        book(place.staff, approval_room, DAY, "11:00", "12:00")

    assert waitlist.expire_offers(NOW + timedelta(hours=24)) == 0
    assert waitlist.expire_offers(NOW + timedelta(hours=25)) == 1

    assert first.status == WaitStatus.EXPIRED
    assert second.status == WaitStatus.OFFERED
    with pytest.raises(NotAllowed):
        waitlist.accept_offer(place.member, second, now=NOW + timedelta(hours=26))
    result = waitlist.accept_offer(place.other_member, second, now=NOW + timedelta(hours=26))
    assert result.booking.status == BookingStatus.PENDING
    assert second.status == WaitStatus.BOOKED


def test_an_expired_offer_cannot_be_accepted(place, book, english):
    blocker = book(place.citizen, place.room, DAY, "10:00", "12:00").booking
    entry = queue(place, place.member, auto_book=False)
    changes.cancel_booking(place.citizen, blocker, now=NOW)
    assert entry.status == WaitStatus.OFFERED
    with pytest.raises(Invalid, match="no longer open"):
        waitlist.accept_offer(place.member, entry, now=NOW + timedelta(hours=25))
    db.session.rollback()


def test_queue_once_and_withdraw(place, book, english):
    blocker = book(place.citizen, place.room, DAY, "10:00", "12:00").booking
    entry = queue(place, place.member)
    with pytest.raises(Invalid, match="already in the queue"):
        queue(place, place.member, start="11:00", end="12:00")
    with pytest.raises(NotAllowed):
        waitlist.withdraw(place.other_member, entry, now=NOW)
    waitlist.withdraw(place.member, entry, now=NOW)
    assert entry.status == WaitStatus.WITHDRAWN
    changes.cancel_booking(place.citizen, blocker, now=NOW)
    assert entry.status == WaitStatus.WITHDRAWN
    assert waitlist.entries_for(place.member) == []


def test_a_freed_hall_serves_a_queue_for_one_of_its_parts(place, book):
    blocker = book(place.citizen, place.hall, DAY, "10:00", "12:00").booking
    starts_at, ends_at = at(DAY, "10:00", "11:00")
    entry = waitlist.join_waitlist(place.member, place.part_b, starts_at, ends_at, title="Bridge", now=NOW)
    changes.cancel_booking(place.citizen, blocker, now=NOW)
    assert entry.status == WaitStatus.BOOKED and entry.booking.room_id == place.part_b.id
