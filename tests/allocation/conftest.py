"""Fixtures for the allocation tests: a round for the season 2026/27 open in March 2026, its
rooms, organisations with confirmed profiles and their administrators, and helpers to apply,
allocate and decide as the real people would."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from booking.accounts.models import Organisation, OrgKind, User, UserRole
from booking.allocation import applications as apps
from booking.allocation import services as rounds
from booking.allocation.models import AllocationRound, RoundState
from booking.extensions import db
from booking.rooms.models import Room
from tests.factories import NOW

ROLES = ("anonymous", "citizen", "member", "org_admin", "staff", "admin")
TUESDAY = 1
ALLOCATION_TABLES = (
    "allocation_round", "allocation_round_room", "allocation_tier", "allocation_profile",
    "allocation_application", "allocation_wish", "allocation_wish_room", "outbox_message",
)  # fmt: skip


def snapshot() -> dict[str, list[str]]:
    db.session.expire_all()
    return {
        name: sorted(repr(tuple(row)) for row in db.session.execute(select(db.metadata.tables[name])))
        for name in ALLOCATION_TABLES
    }


def t(text: str) -> time:
    return time.fromisoformat(text)


def round_data(rooms: list[Room], suited: tuple[Room, ...] = (), **overrides) -> rounds.RoundData:
    values = {
        "name": "Sæsonfordeling 2026/27",
        "season_start": date(2026, 8, 1),
        "season_end": date(2027, 6, 30),
        "window_opens": date(2026, 3, 1),
        "window_closes": date(2026, 3, 15),
        "decision_date": date(2026, 4, 15),
        "accept_by": date(2026, 5, 1),
        "room_ids": [room.id for room in rooms],
        "suited_room_ids": [room.id for room in suited],
    }
    values.update(overrides)
    return rounds.RoundData(**values)


@pytest.fixture
def english(app):
    with force_locale("en"):
        yield


@pytest.fixture
def staff(create_user) -> User:
    return create_user(role=UserRole.STAFF, locale="en", name="Lone Personale")


@dataclass
class Club:
    organisation: Organisation
    admin: User


@pytest.fixture
def make_club(create_user, create_organisation):
    """``make_club(name, kind)``: an organisation with an administrator and its profile for
    2026 confirmed."""

    def make(name: str, kind: OrgKind = OrgKind.ASSOCIATION, profile: bool = True) -> Club:
        admin = create_user(name=f"Formand for {name}", locale="en")
        organisation = create_organisation(name, kind=kind, admin=admin)
        if profile:
            apps.confirm_profile(
                admin, organisation, 2026,
                apps.ProfileData(admin.name, admin.email, None, "Kasserer Hansen", 40), NOW,
            )  # fmt: skip
        return Club(organisation, admin)

    return make


@dataclass
class Place:
    hall: Room
    meeting: Room
    suited: Room


@pytest.fixture
def place(create_location, create_room) -> Place:
    library = create_location("Søby Bibliotek")
    return Place(
        hall=create_room("Salen", location=library, capacity=60),
        meeting=create_room("Mødelokalet", location=library),
        suited=create_room("Værkstedet", location=library),
    )


@pytest.fixture
def open_round(staff, place) -> AllocationRound:
    round_ = rounds.create_round(
        staff, round_data([place.hall, place.meeting, place.suited], suited=(place.suited,)), NOW
    )
    rounds.open_round(staff, round_, NOW)
    db.session.flush()
    return round_


def wish(rooms: list[Room], start: str, end: str, *, weekday: int = TUESDAY, age: str = "adults",
         disabilities: bool = False, frequency: str = "weekly", participants: int = 12,
         purpose: str = "Ugentlig aktivitet") -> apps.WishData:  # fmt: skip
    return apps.WishData(
        weekday=weekday, starts=t(start), ends=t(end), room_ids=[room.id for room in rooms],
        participants=participants, age_group=age, purpose=purpose, frequency=frequency,
        for_disabilities=disabilities,
    )  # fmt: skip


def apply(club: Club, round_: AllocationRound, wishes: list[apps.WishData], minutes_after: int = 0):
    return apps.save_application(
        club.admin, round_, club.organisation, wishes, None, NOW + timedelta(minutes=minutes_after)
    )


def to_allocating(staff: User, round_: AllocationRound) -> None:
    rounds.close_window(staff, round_, NOW + timedelta(days=14))


AFTER_WINDOW = NOW + timedelta(days=14)  # Monday 16 March 2026
DECIDED_AT = NOW + timedelta(days=40)


def state_is(round_: AllocationRound, state: RoundState) -> bool:
    db.session.refresh(round_)
    return round_.state == state


@pytest.fixture
def live_round(staff, place) -> AllocationRound:
    """An open round around the real today, for the pages (which use the clock)."""
    from booking.db import utcnow
    from booking.timeutil import local_date

    day = local_date(utcnow())
    round_ = rounds.create_round(
        staff,
        round_data(
            [place.hall, place.meeting, place.suited], suited=(place.suited,),
            window_opens=day - timedelta(days=5), window_closes=day + timedelta(days=10),
            decision_date=day + timedelta(days=20), accept_by=day + timedelta(days=30),
            season_start=day + timedelta(days=60), season_end=day + timedelta(days=360),
        ),
        NOW,
    )  # fmt: skip
    rounds.open_round(staff, round_, NOW)
    db.session.commit()
    return round_


def wish_form(rooms: list[Room], n: int = 0, **overrides: str) -> dict[str, str]:
    data = {
        "weekday": "1", "starts": "17:00", "ends": "19:00", "frequency": "weekly",
        "room_1": str(rooms[0].id), "room_2": str(rooms[1].id) if len(rooms) > 1 else "", "room_3": "",
        "participants": "14", "age_group": "children", "purpose": "Spejdermøde",
    }  # fmt: skip
    data.update(overrides)
    return {f"wishes-{n}-{key}": value for key, value in data.items()}


def profile_form(**overrides: str) -> dict[str, str]:
    data = {
        "contact_name": "Rasmus Bæk", "contact_email": "rasmus@oernereden.example", "contact_phone": "",
        "board_member": "Mette Hansen", "member_count": "85", "cvr": "33112244",
    }  # fmt: skip
    data.update(overrides)
    return data


def login_as(auth, user: User | None) -> None:
    if user is not None:
        auth.login(user)
