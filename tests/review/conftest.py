"""Fixtures for visitor counts, statements, metrics, statistics and reviews: people in every
role and a small fixed world whose figures are computed by hand in the tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

import pytest

from booking.extensions import db
from booking.rooms.models import Closure, Location, Room
from booking.statements.models import AgeGroup, Channel, Statement, StatementKind
from tests.factories import NOW
from tests.rooms.conftest import ALLOWED, ROLES, english, login_as, person, staff  # noqa: F401

__all__ = ["ALLOWED", "ROLES", "login_as"]


@dataclass
class World:
    place: Location
    night: Location
    room: Room
    other: Room
    night_room: Room


@pytest.fixture
def world(create_location, create_room) -> World:
    """Lindved: open 10-18 every day, closed on public holidays; two rooms, one of them closed
    on Wednesday 25 March 2026. Natbiblioteket: open 01:00-04:00 every night (a DST test)."""
    every_day = {day: [(time(10), time(18))] for day in range(7)}
    place = create_location("Lindved Bibliotek", hours=every_day)
    night = create_location("Natbiblioteket", hours={day: [(time(1), time(4))] for day in range(7)})
    room = create_room("Mødelokalet", location=place)
    other = create_room("Studierummet", location=place)
    night_room = create_room("Natlokalet", location=night)
    db.session.add(Closure(location_id=place.id, room_id=room.id, starts_on=date(2026, 3, 25),
                           ends_on=date(2026, 3, 25), reason="Maling", created_at=NOW))  # fmt: skip
    db.session.flush()
    return World(place, night, room, other, night_room)


@pytest.fixture
def add_statement(app):
    def _add(place: Location, said_on: date, *, kind=StatementKind.STATEMENT, room: Room | None = None,
             name: str | None = None, consent: bool = False, text: str = "Godt lokale.") -> Statement:  # fmt: skip
        statement = Statement(
            kind=kind, said_on=said_on, location_id=place.id, room_id=room.id if room else None,
            age_group=AgeGroup.ADULT, channel=Channel.CONVERSATION, text=text, tags="",
            consent_to_quote=consent, citizen_name=name, created_at=NOW, updated_at=NOW,
        )  # fmt: skip
        db.session.add(statement)
        db.session.flush()
        return statement

    return _add
