"""Who may change places and rooms: only staff and administrators. Every write route is tried
by every role; each refusal is checked to have changed nothing."""

from __future__ import annotations

import io
from datetime import date

import pytest

from booking.errors import NotAllowed
from booking.rooms import locations as locs
from booking.rooms import photos, services
from tests.factories import NOW
from tests.rooms.conftest import (
    ALLOWED,
    ROLES,
    location_form,
    login_as,
    room_form,
    snapshot,
    tiny_png,
    week_form,
)


def write_requests(w) -> dict[str, tuple[str, dict]]:
    """Each staff write route with a valid request that changes something."""
    place, room = w.place.slug, w.room.slug
    return {
        "location_new": ("/personale/steder/ny", location_form()),
        "location_edit": (f"/personale/steder/{place}/rediger", location_form(name="Lindved Bogbus")),
        "location_hide": (f"/personale/steder/{place}/aktiv", {"active": "0"}),
        "opening_hours": (
            f"/personale/steder/{place}/aabningstider",
            week_form(d0_opens1="09:00", d0_closes1="17:00"),
        ),
        "closure_add": (
            f"/personale/steder/{place}/lukkedage",
            {"starts_on": "2026-12-31", "ends_on": "", "reason": "Nytårsaftensdag", "room_id": ""},
        ),
        "closure_remove": (f"/personale/steder/{place}/lukkedage/{w.closure.id}/slet", {}),
        "room_new": ("/personale/lokaler/nyt", room_form(w.place)),
        "room_edit": (f"/personale/lokaler/{room}/rediger", room_form(w.place, name="Mødelokalet Åen")),
        "room_hide": (f"/personale/lokaler/{room}/aktiv", {"active": "0"}),
        "photo_upload": (
            f"/personale/lokaler/{room}/foto",
            {"photo": (io.BytesIO(tiny_png()), "stol.png"), "photo_alt": "En rød stol"},
        ),
        "photo_remove": (f"/personale/lokaler/{room}/foto/slet", {}),
        "equipment_new": ("/personale/udstyr", {"name_da": "Flygel", "name_en": "Grand piano"}),
        "equipment_edit": (
            f"/personale/udstyr/{w.equipment.id}/rediger",
            {"name_da": "Projektor med HDMI", "name_en": "Projector with HDMI"},
        ),
    }


WRITE_ROUTES = (
    "location_new", "location_edit", "location_hide", "opening_hours", "closure_add", "closure_remove",
    "room_new", "room_edit", "room_hide", "photo_upload", "photo_remove", "equipment_new", "equipment_edit",
)  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", WRITE_ROUTES)
def test_write_routes(client, auth, person, world, role, route):
    login_as(auth, person(role))
    url, data = write_requests(world)[route]
    before = snapshot()

    response = client.post(url, data=data)

    if role in ALLOWED:
        assert response.status_code == 302, response.get_data(as_text=True)[:2000]
        assert snapshot() != before
    elif role == "anonymous":
        assert response.status_code == 302
        assert "/konto/log-ind" in response.headers["Location"]
        assert snapshot() == before
    else:
        assert response.status_code == 403
        assert snapshot() == before


STAFF_PAGES = (
    "/personale/steder",
    "/personale/steder/ny",
    "/personale/steder/{place}/rediger",
    "/personale/steder/{place}/aabningstider",
    "/personale/steder/{place}/lukkedage",
    "/personale/lokaler/nyt",
    "/personale/lokaler/{room}/rediger",
    "/personale/udstyr",
    "/personale/udstyr/{equipment}/rediger",
)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", STAFF_PAGES)
def test_staff_pages(client, auth, person, world, role, page):
    login_as(auth, person(role))
    url = page.format(place=world.place.slug, room=world.room.slug, equipment=world.equipment.id)

    response = client.get(url)

    if role in ALLOWED:
        assert response.status_code == 200
    elif role == "anonymous":
        assert response.status_code == 302
        assert "/konto/log-ind" in response.headers["Location"]
    else:
        assert response.status_code == 403


def service_calls(w, actor):
    """Every rooms service that writes, called by ``actor``."""
    data = services.RoomData(location_id=w.place.id, name="Nyt", capacity=4)
    place_data = locs.LocationData(name="Nyt sted", address="Vej 1", postal_code="8000", city="Søby")
    return {
        "create_location": lambda: locs.create_location(actor, place_data, NOW),
        "update_location": lambda: locs.update_location(actor, w.place, place_data),
        "set_location_active": lambda: locs.set_location_active(actor, w.place, False),
        "set_opening_hours": lambda: locs.set_opening_hours(actor, w.place, {}),
        "add_closure": lambda: locs.add_closure(
            actor, w.place, starts_on=date(2026, 5, 1), ends_on=None, reason="Lukket", now=NOW
        ),
        "remove_closure": lambda: locs.remove_closure(actor, w.closure),
        "create_room": lambda: services.create_room(actor, data, NOW),
        "update_room": lambda: services.update_room(actor, w.room, data),
        "set_room_active": lambda: services.set_room_active(actor, w.room, False),
        "create_equipment": lambda: services.create_equipment(actor, name_da="Flygel", name_en="Grand piano"),
        "update_equipment": lambda: services.update_equipment(actor, w.equipment, name_da="A", name_en="B"),
        "set_room_photo": lambda: photos.set_room_photo(actor, w.room, data=tiny_png(), alt="Stol"),
        "remove_room_photo": lambda: photos.remove_room_photo(actor, w.room),
    }


SERVICES = (
    "create_location", "update_location", "set_location_active", "set_opening_hours", "add_closure",
    "remove_closure", "create_room", "update_room", "set_room_active", "create_equipment", "update_equipment",
    "set_room_photo", "remove_room_photo",
)  # fmt: skip


@pytest.mark.parametrize("role", [role for role in ROLES if role not in ALLOWED])
@pytest.mark.parametrize("name", SERVICES)
def test_services_refuse_everyone_but_staff(person, world, role, name):
    actor = person(role)
    before = snapshot()
    with pytest.raises(NotAllowed):
        service_calls(world, actor)[name]()
    assert snapshot() == before


@pytest.mark.parametrize("role", ALLOWED)
@pytest.mark.parametrize("name", SERVICES)
def test_services_allow_staff_and_admins(person, world, role, name):
    service_calls(world, person(role))[name]()
