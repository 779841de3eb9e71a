"""Who may see and change which booking; busy intervals and the free-room search."""

from datetime import date, timedelta

import pytest

from booking.bookings import availability, changes, permissions, services
from booking.bookings.models import BookingStatus
from booking.errors import NotAllowed
from booking.extensions import db
from booking.rooms.models import Equipment
from tests.bookings.conftest import at
from tests.factories import NOW

DAY = date(2026, 3, 10)


@pytest.fixture
def private_booking(place, book):
    """Skakklubben's private booking, made by a member."""
    return book(
        place.member,
        place.room,
        DAY,
        "17:00",
        "19:00",
        title="Skak for øvede",
        purpose="Intern turnering",
        organisation=place.association,
    ).booking


@pytest.mark.parametrize(
    "who, see, change",
    [
        ("anonymous", False, False),
        ("citizen", False, False),
        ("other_member", False, False),  # a member of another association
        ("member", True, True),  # the booker
        ("org_admin", True, True),
        ("staff", True, True),
    ],
)
def test_who_sees_and_changes_a_private_booking(place, private_booking, english, who, see, change):
    actor = None if who == "anonymous" else getattr(place, who)
    assert permissions.can_view_private(actor, private_booking) is see
    assert permissions.can_change(actor, private_booking) is change
    if not see:
        with pytest.raises(NotAllowed):
            services.get_booking(actor, private_booking.id)
    if not change:
        occurrence = private_booking.occurrences[0]
        with pytest.raises(NotAllowed):
            changes.cancel_booking(actor, private_booking, now=NOW)
        with pytest.raises(NotAllowed):
            changes.cancel_occurrence(actor, occurrence, now=NOW)
        starts_at, ends_at = at(DAY, "19:00", "21:00")
        with pytest.raises(NotAllowed):
            changes.move_occurrence(actor, occurrence, starts_at, ends_at, now=NOW)
        assert private_booking.status == BookingStatus.APPROVED and occurrence.active


def test_another_member_of_the_same_association_sees_but_cannot_cancel(place, private_booking, create_user):
    fellow = create_user()
    from booking.accounts.models import Membership

    db.session.add(Membership(user=fellow, organisation=place.association))
    db.session.flush()
    assert permissions.can_view_private(fellow, private_booking)
    assert not permissions.can_change(fellow, private_booking)


def test_busy_intervals_hide_private_details_from_the_public(place, private_booking, book):
    book(place.citizen, place.hall, DAY, "10:00", "12:00", title="Foredrag", public=True)
    rooms = [place.room, place.hall, place.part_a]
    start, end = at(DAY, "00:00", "23:45")

    public = availability.busy_intervals(rooms, start, end)
    [slot] = public[place.room.id]
    assert (slot.title, slot.booking_id) == (None, None)
    assert slot.starts_at == private_booking.occurrences[0].starts_at
    assert [s.title for s in public[place.hall.id]] == ["Foredrag"]
    assert [s.title for s in public[place.part_a.id]] == ["Foredrag"]  # the whole hall holds the part

    mine = availability.busy_intervals(rooms, start, end, viewer=place.org_admin)
    assert mine[place.room.id][0].title == "Skak for øvede"
    assert availability.busy_intervals(rooms, start, end, viewer=place.other_member)[place.room.id][0].title is None


def test_a_part_booking_makes_the_hall_busy(place, book):
    book(place.citizen, place.part_b, DAY, "10:00", "12:00")
    start, end = at(DAY, "08:00", "22:00")
    busy = availability.busy_intervals([place.hall, place.part_a, place.part_b], start, end)
    assert len(busy[place.hall.id]) == 1 and busy[place.part_a.id] == [] and len(busy[place.part_b.id]) == 1


def test_free_room_search(place, book, create_equipment):
    projector: Equipment = create_equipment()
    place.part_a.equipment.append(projector)
    book(place.citizen, place.room, DAY, "10:00", "12:00")
    start, end = at(DAY, "11:00", "13:00")

    names = lambda rooms: [r.name for r in rooms]  # noqa: E731
    assert names(availability.free_rooms(start, end)) == ["Salen", "Salen A", "Salen B"]
    assert names(availability.free_rooms(start, end, people=61)) == ["Salen"]
    assert names(availability.free_rooms(start, end, equipment=[projector])) == ["Salen A"]
    assert names(availability.free_rooms(*at(DAY, "12:00", "13:00"), people=10, location=place.library)) == [
        "Mødelokalet",
        "Salen",
        "Salen A",
        "Salen B",
    ]
    assert availability.free_rooms(*at(DAY, "21:00", "23:00")) == []  # closed then


def test_thirty_days_for_all_rooms_in_two_queries(place, book, app):
    from sqlalchemy import event

    place.library.closed_on_public_holidays = False
    for offset in range(0, 30, 3):
        book(place.citizen, place.room, DAY + timedelta(days=offset), "10:00", "12:00")
    statements = []

    def count(*args):
        statements.append(args[2])

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        rooms = availability.bookable_rooms()
        start, end = at(DAY, "00:00", "00:15")
        busy = availability.busy_intervals(rooms, start, end + timedelta(days=30))
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert len(busy[place.room.id]) == 10
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) <= 5


def test_a_closed_hall_closes_its_parts_in_the_search(place):
    from booking.rooms import locations

    locations.add_closure(
        place.staff, place.library, starts_on=DAY, ends_on=None, reason="Gulvet lakeres", room_id=place.hall.id, now=NOW
    )
    assert [r.name for r in availability.free_rooms(*at(DAY, "10:00", "11:00"))] == ["Mødelokalet"]


def test_edit_a_booking(place, private_booking, english):
    changes.update_booking(place.org_admin, private_booking, title="Skak for alle", public=True, now=NOW)
    assert (private_booking.title, private_booking.public) == ("Skak for alle", True)
    assert private_booking.events[-1].action == "updated"
    assert private_booking.events[-1].detail == "title, public"
    with pytest.raises(NotAllowed):
        changes.update_booking(place.other_member, private_booking, title="Strik", now=NOW)
    assert private_booking.title == "Skak for alle"


def test_lists_of_bookings(place, private_booking, book, english):
    from booking.bookings import queries

    own = book(place.citizen, place.room, DAY, "10:00", "11:00").booking
    assert queries.bookings_of_user(place.citizen) == [own]
    assert queries.bookings_of_user(place.member, upcoming_from=NOW) == [private_booking]
    assert queries.bookings_of_user(place.member, upcoming_from=NOW + timedelta(days=30)) == []
    assert queries.bookings_of_organisation(place.org_admin, place.association) == [private_booking]
    with pytest.raises(NotAllowed):
        queries.bookings_of_organisation(place.other_member, place.association)
    with pytest.raises(NotAllowed):
        queries.bookings_of_user(None)
