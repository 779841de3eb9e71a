"""Fixtures for the activities tests: people in every role, a library with a room, a factory
for published activities, a sign-up helper, and a snapshot of the activity tables (to show
that refused input wrote nothing)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import holidays
import pytest
from flask_babel import force_locale
from sqlalchemy import select

from booking.accounts.models import User, UserRole
from booking.activities import registration as reg
from booking.activities import services
from booking.activities.models import Activity, ActivityCategory, Registration, TargetGroup
from booking.db import utcnow
from booking.extensions import db
from booking.notifications.models import OutboxMessage
from booking.timeutil import local_date, local_to_utc
from tests.factories import NOW
from tests.mail import outbox

ROLES = ("anonymous", "citizen", "member", "org_admin", "staff", "admin")
ACTIVITY_TABLES = ("activity", "activity_partner", "registration", "outbox_message")
# Tuesday 10 March 2026, 16:00–17:30 in Copenhagen (winter time, UTC+1).
STARTS = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)


def registrant_mail() -> list[OutboxMessage]:
    """Mail to registrants (the activities' room bookings mail the staff member too)."""
    return [message for message in outbox() if message.subject_type == "registration"]


def page_day(days_ahead: int = 30) -> date:
    """A local day ahead of the real clock, for tests through the pages (views use the real
    time, services in tests the fixed NOW); never a public holiday, when the libraries close."""
    day = local_date(utcnow()) + timedelta(days=days_ahead)
    while day in holidays.country_holidays("DK", years=day.year):
        day += timedelta(days=1)
    return day


def page_start(days_ahead: int = 30, clock: time = time(16, 0)) -> datetime:
    return local_to_utc(page_day(days_ahead), clock)


def spring_forward_day() -> date:
    """The next last Sunday of March (the clocks skip 02:00–03:00)."""
    year = local_date(utcnow()).year + 1
    day = date(year, 3, 31)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def snapshot() -> dict[str, list[str]]:
    db.session.expire_all()
    return {
        name: sorted(repr(tuple(row)) for row in db.session.execute(select(db.metadata.tables[name])))
        for name in ACTIVITY_TABLES
    }


@pytest.fixture
def person(create_user, create_organisation):
    """``person(role)``: a user in that role (None for anonymous), English by default."""

    def make(role: str, locale: str = "en") -> User | None:
        if role == "anonymous":
            return None
        if role in ("staff", "admin"):
            return create_user(role=UserRole(role), locale=locale)
        user = create_user(locale=locale)
        if role == "member":
            create_organisation(members=(user,))
        elif role == "org_admin":
            create_organisation(admin=user)
        return user

    return make


@pytest.fixture
def staff(person) -> User:
    return person("staff")


@pytest.fixture
def english(app):
    with force_locale("en"):
        yield


@pytest.fixture
def place(create_location):
    return create_location("Hovedbiblioteket")


@pytest.fixture
def room(create_room, place):
    return create_room("Salen", location=place, capacity=60)


@pytest.fixture
def make_activity(staff, place, room):
    """A published activity with sign-up; keyword arguments override the defaults."""

    def make(*, publish: bool = True, when: datetime = STARTS, minutes: int = 90, **overrides) -> Activity:
        values = {
            "title": "Forfattermøde med Ida Jessen",
            "category": ActivityCategory.TALK,
            "target_group": TargetGroup.ADULTS,
            "location_id": place.id,
            "room_id": room.id,
            "starts_at": when,
            "ends_at": when + timedelta(minutes=minutes),
            "capacity": 10,
            "max_seats_per_registration": 4,
        }
        values.update(overrides)
        if values["capacity"]:
            values["max_seats_per_registration"] = min(values["max_seats_per_registration"], values["capacity"])
        activity = services.create_activity(staff, services.ActivityData(**values), NOW)
        if publish:
            services.publish_activity(staff, activity, NOW)
        return activity

    return make


@pytest.fixture
def sign_up():
    counter = iter(range(1, 10_000))

    def make(activity: Activity, name: str | None = None, seats: int = 1, now: datetime = NOW) -> Registration:
        n = next(counter)
        data = reg.SignUp(name=name or f"Deltager {n}", email=f"deltager{n}@example.dk", seats=seats)
        return reg.register(None, activity, data, now)

    return make
