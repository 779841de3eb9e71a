"""Fixtures for the API tests: the bookings tests' people and rooms (``place``), personal
tokens, a JSON client helper, and dates in the coming weeks (the API books against the real
clock, so the dates are chosen relative to today, on a Tuesday clear of holidays)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from booking.api import tokens
from booking.db import utcnow
from booking.extensions import db
from booking.timeutil import local_date, to_local
from tests.bookings import conftest as bookings
from tests.bookings.conftest import at, counts

# The bookings tests' fixtures, shared here.
place = bookings.place
english = bookings.english
book = bookings.book
__all__ = ["counts"]


def coming_tuesday(weeks_ahead: int = 2) -> date:
    day = local_date(utcnow()) + timedelta(weeks=weeks_ahead)
    day += timedelta(days=(1 - day.weekday()) % 7)
    while (day.month == 12 and day.day >= 18) or (day.month == 1 and day.day <= 7) or day.month == 4:
        day += timedelta(weeks=1)  # clear of Christmas, New Year and Easter
    return day


@pytest.fixture
def day() -> date:
    return coming_tuesday()


def iso(day: date, clock: str) -> str:
    """A local wall-clock time as ISO 8601 with its offset, e.g. 2026-12-08T17:00:00+01:00."""
    starts_at, _ = at(day, clock, "23:59")
    return to_local(starts_at).isoformat()


@pytest.fixture
def token_for(app):
    """``token_for(user)`` -> headers with a fresh personal token of ``user``."""

    def _make(user) -> dict[str, str]:
        _token, secret = tokens.create_token(user, name="Test", now=utcnow())
        db.session.commit()
        return {"Authorization": f"Bearer {secret}"}

    return _make


@pytest.fixture
def payload(place, day):
    """A valid booking request for the meeting room, 17:00–19:00 local."""

    def _make(**changes):
        body = {
            "room_id": place.room.id,
            "starts_at": iso(day, "17:00"),
            "ends_at": iso(day, "19:00"),
            "title": "Klubaften",
        }
        body.update(changes)
        return body

    return _make
