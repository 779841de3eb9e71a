"""A hall in parts under the invariant, buffers, and cancelling or moving dates."""

from datetime import date

import pytest

from booking.bookings import changes
from booking.bookings.models import BookingStatus, Claim
from booking.bookings.recurrence import Frequency, Recurrence
from booking.errors import Conflict, Invalid, NotAllowed
from booking.extensions import db
from booking.notifications.services import messages_about
from tests.bookings.conftest import at, counts
from tests.factories import NOW

DAY = date(2026, 3, 10)


def test_a_whole_hall_claims_every_part(place, book):
    result = book(place.staff, place.hall, DAY, "10:00", "12:00")
    claimed = {claim.room_id for claim in db.session.query(Claim).filter_by(occurrence_id=result.occurrences[0].id)}
    assert claimed == {place.part_a.id, place.part_b.id}


def test_whole_hall_is_refused_while_a_part_is_taken(place, book, english):
    book(place.citizen, place.part_a, DAY, "10:00", "12:00")
    before = counts()
    with pytest.raises(Conflict, match=r"Salen is already booked at: 10\.03\.2026 11:00–13:00"):
        book(place.member, place.hall, DAY, "11:00", "13:00")
    assert counts() == before
    book(place.member, place.part_b, DAY, "11:00", "13:00")  # the other part is free


def test_a_part_is_refused_while_the_whole_hall_is_taken(place, book, english):
    book(place.citizen, place.hall, DAY, "10:00", "12:00")
    for part in (place.part_a, place.part_b):
        with pytest.raises(Conflict):
            book(place.member, part, DAY, "11:30", "12:30")


def test_ends_are_exclusive_and_the_buffer_widens_the_slot(place, book, english):
    book(place.citizen, place.room, DAY, "10:00", "12:00")
    book(place.member, place.room, DAY, "12:00", "13:00")  # back to back is fine
    place.room.buffer_minutes = 30
    book(place.citizen, place.room, DAY, "14:00", "15:00")
    with pytest.raises(Conflict):
        book(place.member, place.room, DAY, "15:15", "16:00")  # inside 15:00 + 30 min
    with pytest.raises(Conflict):
        book(place.member, place.room, DAY, "13:00", "13:45")  # its own buffer reaches 14:00
    book(place.member, place.room, DAY, "15:30", "16:00")


@pytest.fixture
def series(place, book):
    result = book(
        place.member,
        place.room,
        date(2026, 3, 3),
        "17:00",
        "19:00",
        recurrence=Recurrence(Frequency.WEEKLY, count=5),
        organisation=place.association,
    )
    db.session.commit()
    return result.booking


def test_cancel_one_date_of_a_series(place, series, book, english):
    third = series.occurrences[2]
    changes.cancel_occurrence(place.member, third, now=NOW, reason="Generalforsamling andetsteds")

    assert [o.active for o in series.occurrences] == [True, True, False, True, True]
    assert third.cancelled_by_id == place.member.id and third.cancel_reason == "Generalforsamling andetsteds"
    assert series.status == BookingStatus.APPROVED
    assert [e.action for e in series.events] == ["created", "occurrence_cancelled"]
    assert messages_about("booking", series.id)[-1].kind == "booking_cancelled"
    book(place.citizen, place.room, date(2026, 3, 17), "17:00", "19:00")  # the date is free again


def test_cancel_this_and_following(place, series):
    changes.cancel_following(place.org_admin, series.occurrences[3], now=NOW)
    assert [o.active for o in series.occurrences] == [True, True, True, False, False]


def test_cancel_the_whole_series(place, series):
    changes.cancel_booking(place.member, series, now=NOW, reason="Klubben holder pause")
    assert series.status == BookingStatus.CANCELLED
    assert series.cancelled_by_id == place.member.id
    assert not any(o.active for o in series.occurrences)
    assert not any(c.active for o in series.occurrences for c in o.claims)


def test_cancelling_twice_is_refused(place, series, english):
    changes.cancel_booking(place.member, series, now=NOW)
    with pytest.raises(Invalid, match="already cancelled"):
        changes.cancel_booking(place.member, series, now=NOW)


def test_move_one_date_to_another_time_and_room(place, series, book, english):
    first = series.occurrences[0]
    starts_at, ends_at = at(date(2026, 3, 4), "18:00", "20:00")
    changes.move_occurrence(place.member, first, starts_at, ends_at, room=place.part_a, now=NOW)

    assert (first.room_id, first.starts_at, first.ends_at) == (place.part_a.id, starts_at, ends_at)
    assert {c.room_id for c in first.claims} == {place.part_a.id}
    assert series.events[-1].action == "occurrence_moved"
    book(place.citizen, place.room, date(2026, 3, 3), "17:00", "19:00")  # the old slot is free
    with pytest.raises(Conflict):
        book(place.citizen, place.hall, date(2026, 3, 4), "19:00", "21:00")


def test_move_by_half_an_hour_overlapping_itself(place, series):
    first = series.occurrences[0]
    starts_at, ends_at = at(date(2026, 3, 3), "17:30", "19:30")
    changes.move_occurrence(place.member, first, starts_at, ends_at, now=NOW)
    assert first.starts_at == starts_at


def test_a_move_onto_a_taken_slot_changes_nothing(place, series, book, english):
    book(place.citizen, place.room, date(2026, 3, 4), "17:00", "19:00")
    db.session.commit()
    first = series.occurrences[0]
    old = (first.starts_at, first.ends_at)
    starts_at, ends_at = at(date(2026, 3, 4), "18:00", "20:00")
    with pytest.raises(Conflict):
        changes.move_occurrence(place.member, first, starts_at, ends_at, now=NOW)
    db.session.rollback()
    db.session.refresh(first)
    assert (first.starts_at, first.ends_at) == old


def test_record_attendance_after_the_date(place, series, english):
    first = series.occurrences[0]
    with pytest.raises(Invalid, match="once the date has begun"):
        changes.record_attendance(place.member, first, attendance=12, now=NOW)
    after = first.ends_at
    changes.record_attendance(place.member, first, attendance=12, now=after)
    assert (first.attendance, first.no_show) == (12, False)
    changes.record_attendance(place.staff, series.occurrences[1], no_show=True, now=series.occurrences[1].ends_at)
    assert series.occurrences[1].no_show and series.occurrences[1].attendance == 0
    with pytest.raises(Invalid, match="whole number"):
        changes.record_attendance(place.member, first, attendance=-1, now=after)
    with pytest.raises(NotAllowed):
        changes.record_attendance(place.other_member, first, attendance=3, now=after)
    assert first.attendance == 12
