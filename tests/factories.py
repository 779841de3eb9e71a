"""Factory fixtures: each returns a callable that makes a valid object with sensible
defaults, so a test names only what matters to it."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, time

import pytest
from werkzeug.security import generate_password_hash

from booking.accounts.models import MemberRole, Membership, Organisation, OrgKind, User, UserRole
from booking.extensions import db
from booking.rooms.models import BookingPolicy, Equipment, Location, OpeningHours, Room, RoomKind

# A fixed "now" for services: Monday 2 March 2026, 09:00 in Copenhagen (08:00 UTC).
NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
PASSWORD = "correct horse battery"
# Cheap to check, because tests log in often; the app itself uses werkzeug's default (scrypt).
_PASSWORD_HASH = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")
_counter = itertools.count(1)


@pytest.fixture
def create_user(app):
    def _create(
        email: str | None = None,
        *,
        name: str = "Test Person",
        role: UserRole | str = UserRole.CITIZEN,
        locale: str = "da",
        active: bool = True,
    ) -> User:
        n = next(_counter)
        user = User(
            email=email or f"user{n}@example.org",
            name=name,
            password_hash=_PASSWORD_HASH,
            role=UserRole(role),
            locale=locale,
            active=active,
            created_at=NOW,
        )
        db.session.add(user)
        db.session.flush()
        return user

    return _create


@pytest.fixture
def create_organisation(app, create_user):
    def _create(
        name: str | None = None,
        *,
        kind: OrgKind | str = OrgKind.ASSOCIATION,
        admin: User | None = None,
        members: tuple[User, ...] = (),
        verified: bool = True,
    ) -> Organisation:
        n = next(_counter)
        name = name or f"Forening {n}"
        organisation = Organisation(
            name=name, slug=f"forening-{n}", kind=OrgKind(kind), verified=verified, created_at=NOW
        )
        db.session.add(organisation)
        if admin is not None:
            db.session.add(Membership(user=admin, organisation=organisation, role=MemberRole.ADMIN, created_at=NOW))
        for member in members:
            db.session.add(Membership(user=member, organisation=organisation, role=MemberRole.MEMBER, created_at=NOW))
        db.session.flush()
        return organisation

    return _create


DEFAULT_HOURS = {day: [(time(8, 0), time(22, 0))] for day in range(7)}


@pytest.fixture
def create_location(app):
    def _create(
        name: str | None = None,
        *,
        hours: dict[int, list[tuple[time, time]]] | None = None,
        closed_on_public_holidays: bool = True,
    ) -> Location:
        n = next(_counter)
        location = Location(
            name=name or f"Bibliotek {n}",
            slug=f"bibliotek-{n}",
            address=f"Biblioteksvej {n}",
            postal_code="8000",
            city="Søby",
            closed_on_public_holidays=closed_on_public_holidays,
            created_at=NOW,
        )
        for weekday, intervals in (DEFAULT_HOURS if hours is None else hours).items():
            for opens, closes in intervals:
                location.opening_hours.append(OpeningHours(weekday=weekday, opens=opens, closes=closes))
        db.session.add(location)
        db.session.flush()
        return location

    return _create


@pytest.fixture
def create_room(app, create_location):
    def _create(
        name: str | None = None,
        *,
        location: Location | None = None,
        parent: Room | None = None,
        capacity: int = 12,
        kind: RoomKind = RoomKind.MEETING_ROOM,
        equipment: tuple[Equipment, ...] = (),
        **rules,
    ) -> Room:
        n = next(_counter)
        defaults = {
            "booking_policy": BookingPolicy.EVERYONE,
            "requires_approval": False,
            "min_duration_minutes": 30,
            "max_duration_minutes": 480,
            "slot_step_minutes": 15,
            "min_notice_hours": 0,
            "horizon_days": 365,
            "buffer_minutes": 0,
            "max_future_bookings_per_org": None,
        }
        defaults.update(rules)
        room = Room(
            location=location or (parent.location if parent else create_location()),
            parent=parent,
            name=name or f"Lokale {n}",
            slug=f"lokale-{n}",
            kind=kind,
            capacity=capacity,
            equipment=list(equipment),
            created_at=NOW,
            **defaults,
        )
        db.session.add(room)
        db.session.flush()
        return room

    return _create


@pytest.fixture
def create_equipment(app):
    def _create(slug: str = "projektor", name_da: str = "Projektor", name_en: str = "Projector") -> Equipment:
        equipment = Equipment(slug=slug, name_da=name_da, name_en=name_en)
        db.session.add(equipment)
        db.session.flush()
        return equipment

    return _create
