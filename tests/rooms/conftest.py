"""Fixtures for the rooms tests: people in every role, a small place with a room, a closure,
equipment and a photo, form data as a browser would send it, and a snapshot of every rooms
table (to show that a refused or invalid request changed nothing)."""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from flask import current_app
from flask_babel import force_locale
from sqlalchemy import select

from booking.accounts.models import User, UserRole
from booking.extensions import db
from booking.rooms import locations as locs
from booking.rooms import photos
from booking.rooms.models import Closure, Equipment, Location, Room
from tests.factories import NOW

ROLES = ("anonymous", "citizen", "member", "org_admin", "staff", "admin")
ALLOWED = ("staff", "admin")
ROOM_TABLES = ("location", "opening_hours", "closure", "equipment", "room", "room_equipment")


def tiny_png() -> bytes:
    """A real 1x1 PNG, made here so the tests need no image library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


JPEG_START = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"


def snapshot() -> dict[str, list[str]]:
    """Every row of every rooms table, and the stored photo files."""
    db.session.expire_all()
    state = {
        name: sorted(repr(tuple(row)) for row in db.session.execute(select(db.metadata.tables[name])))
        for name in ROOM_TABLES
    }
    folder = Path(current_app.config["UPLOAD_FOLDER"])
    state["files"] = sorted(str(path) for path in folder.rglob("*")) if folder.exists() else []
    return state


@pytest.fixture
def person(create_user, create_organisation):
    """``person(role)`` makes a user in that role (None for anonymous). English by default,
    so the tests can read the messages; pass ``locale="da"`` for Danish."""

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
def english(app):
    """Service messages in English (outside a request they are in the default, Danish)."""
    with force_locale("en"):
        yield


@pytest.fixture
def staff(person) -> User:
    return person("staff")


@dataclass
class World:
    place: Location
    room: Room
    closure: Closure
    equipment: Equipment


@pytest.fixture
def world(create_location, create_room, create_equipment, staff) -> World:
    place = create_location("Lindved Bibliotek")
    equipment = create_equipment()
    room = create_room("Mødelokalet", location=place, equipment=(equipment,))
    closure = locs.add_closure(
        staff, place, starts_on=date(2026, 12, 24), ends_on=None, reason="Juleaftensdag", now=NOW
    )
    photos.set_room_photo(staff, room, data=tiny_png(), alt="Et langt bord med tolv stole")
    db.session.commit()
    return World(place, room, closure, equipment)


def location_form(**overrides: str) -> dict[str, str]:
    data = {
        "name": "Egebjerg Bibliotek",
        "kind": "library",
        "address": "Egebjerg Hovedgade 7",
        "postal_code": "8699",
        "city": "Egebjerg",
        "email": "",
        "phone": "",
        "description": "",
        "closed_on_public_holidays": "y",
    }
    data.update(overrides)
    return data


def room_form(place: Location, **overrides: str) -> dict[str, str]:
    data = {
        "location_id": str(place.id),
        "name": "Studierummet",
        "kind": "study_room",
        "capacity": "4",
        "description": "",
        "accessibility": "",
        "parent_id": "",
        "booking_policy": "everyone",
        "requires_approval": "y",
        "min_duration_minutes": "30",
        "max_duration_minutes": "180",
        "slot_step_minutes": "30",
        "min_notice_hours": "0",
        "horizon_days": "14",
        "buffer_minutes": "0",
        "max_future_bookings_per_org": "",
    }
    data.update(overrides)
    return data


def week_form(**overrides: str) -> dict[str, str]:
    data = {f"d{day}_{kind}{n}": "" for day in range(7) for kind in ("opens", "closes") for n in (1, 2)}
    data.update(overrides)
    return data


def login_as(auth, user: User | None) -> None:
    if user is not None:
        auth.login(user)
