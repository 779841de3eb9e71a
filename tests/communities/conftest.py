"""Fixtures for the community tests: people in every role, a place with a room, and a
``create_community`` factory that makes an approved weekly community through the services."""

from __future__ import annotations

from datetime import date, time

import pytest
from flask_babel import force_locale

from booking.accounts.models import MemberRole, Membership, User, UserRole
from booking.communities import services
from booking.communities.services import CommunityData, ScheduleData
from booking.extensions import db
from tests.factories import NOW

ROLES = ("anonymous", "citizen", "member", "org_admin", "other_org_admin", "staff", "admin")


@pytest.fixture
def english(app):
    with force_locale("en"):
        yield


@pytest.fixture
def staff(create_user) -> User:
    return create_user(role=UserRole.STAFF, name="Lise Bibliotekar", locale="en")


@pytest.fixture
def organiser(create_user) -> User:
    return create_user(name="Henrik Skak", locale="en")


@pytest.fixture
def club(create_organisation, organiser, create_user):
    member = create_user(name="Menigt Medlem", locale="en")
    return create_organisation("Søby Skakklub", admin=organiser, members=(member,))


@pytest.fixture
def place(create_location):
    return create_location("Hovedbiblioteket Søby")


@pytest.fixture
def room(create_room, place):
    return create_room("Mødelokale 2", location=place)


def community_data(place, room=None, **overrides) -> CommunityData:
    schedule = ScheduleData(
        recurrence=overrides.pop("recurrence", "FREQ=WEEKLY;BYDAY=TU"),
        start_time=overrides.pop("start_time", time(17, 0)),
        end_time=overrides.pop("end_time", time(19, 0)),
        valid_from=overrides.pop("valid_from", date(2026, 1, 6)),
        valid_until=overrides.pop("valid_until", None),
    )
    values = {
        "title": "Skakcafé",
        "summary": "Kom og spil skak med os – alle niveauer er velkomne.",
        "description": "Vi har brætter og ure. **Gratis** kaffe.",
        "category": "games",
        "target_group": "everyone",
        "contact_name": "Henrik Skak",
        "contact_email": "henrik@skakklub.example",
        "contact_phone": "+45 20 30 40 50",
        "contact_public": True,
        "location_id": place.id,
        "room_id": room.id if room is not None else None,
        "languages": "da,en",
        "schedule": schedule,
    }
    values.update(overrides)
    return CommunityData(**values)


@pytest.fixture
def create_community(app, club, organiser, staff, place, room):
    """``create_community(**overrides)``: proposed by the club's admin and approved by staff
    (``approve=False`` leaves it proposed)."""

    def make(*, approve: bool = True, organisation=None, **overrides):
        data = community_data(place, room, **overrides)
        community = services.propose_community(organiser if organisation is None else staff,
                                               organisation or club, data, NOW)
        if approve:
            services.approve(staff, community, NOW)
        db.session.commit()
        return community

    return make


@pytest.fixture
def person(create_user, create_organisation, club):
    """``person(role)``: a user in that role (None for anonymous); "member" and "org_admin"
    belong to the club, "other_org_admin" administers another organisation."""

    def make(role: str) -> User | None:
        if role == "anonymous":
            return None
        if role in ("staff", "admin"):
            return create_user(role=UserRole(role), locale="en")
        user = create_user(locale="en")
        if role in ("member", "org_admin"):
            member_role = MemberRole.ADMIN if role == "org_admin" else MemberRole.MEMBER
            db.session.add(Membership(user=user, organisation=club, role=member_role, created_at=NOW))
        elif role == "other_org_admin":
            create_organisation("Strikkeklubben", admin=user)
        db.session.flush()
        return user

    return make
