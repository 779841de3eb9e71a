"""Fixtures for the booking tests: people in every role, a library open 08–22 with a meeting
room and a hall in two parts, a ``book`` helper taking local wall-clock times, and a snapshot
of the booking tables (to show that a refused request wrote nothing)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

import pytest
from flask_babel import force_locale
from sqlalchemy import func, select

from booking.accounts.models import Organisation, User, UserRole
from booking.bookings import services
from booking.bookings.rules import local_slot
from booking.extensions import db
from booking.rooms.models import Location, Room, RoomKind
from tests.factories import NOW

BOOKING_TABLES = ("booking", "occurrence", "claim", "booking_event", "waitlist_entry", "outbox_message")


def counts() -> dict[str, int]:
    return {
        name: db.session.scalar(select(func.count()).select_from(db.metadata.tables[name])) for name in BOOKING_TABLES
    }


@pytest.fixture
def english(app):
    with force_locale("en"):
        yield


@dataclass
class Place:
    library: Location
    room: Room
    hall: Room
    part_a: Room
    part_b: Room
    association: Organisation
    other_association: Organisation
    citizen: User
    member: User
    org_admin: User
    other_member: User
    staff: User


@pytest.fixture
def place(create_location, create_room, create_user, create_organisation) -> Place:
    library = create_location("Lindved Bibliotek")
    room = create_room("Mødelokalet", location=library, capacity=12)
    hall = create_room("Salen", location=library, capacity=120, kind=RoomKind.HALL)
    part_a = create_room("Salen A", location=library, parent=hall, capacity=60)
    part_b = create_room("Salen B", location=library, parent=hall, capacity=60)
    db.session.refresh(hall)
    member, org_admin, other_member = (create_user(locale="en") for _ in range(3))
    association = create_organisation("Skakklubben Springeren", admin=org_admin, members=(member,))
    other = create_organisation("Lindved Strikkeklub", members=(other_member,))
    db.session.commit()
    return Place(
        library,
        room,
        hall,
        part_a,
        part_b,
        association,
        other,
        citizen=create_user(locale="en"),
        member=member,
        org_admin=org_admin,
        other_member=other_member,
        staff=create_user(role=UserRole.STAFF, locale="en"),
    )


def at(day: date, start: str, end: str) -> tuple[datetime, datetime]:
    """A slot in Copenhagen wall-clock time, e.g. ``at(date(2026, 3, 10), "17:00", "19:00")``."""
    return local_slot(day, time.fromisoformat(start), time.fromisoformat(end))


@pytest.fixture
def book():
    """``book(actor, room, day, "17:00", "19:00", **options)`` -> BookingResult."""

    def _book(actor, room, day: date, start: str, end: str, *, title: str = "Klubaften", now=NOW, **options):
        starts_at, ends_at = at(day, start, end)
        return services.create_booking(actor, room, starts_at, ends_at, title=title, now=now, **options)

    return _book
