"""The public pages: in Danish and English, only active rooms in active places, user-written
text escaped, photos served with their description."""

from __future__ import annotations

from datetime import timedelta
from html import unescape

import pytest
from sqlalchemy import select

from booking.db import utcnow
from booking.extensions import db
from booking.rooms import hours, services
from booking.rooms import locations as locs
from booking.rooms.models import BookingPolicy, Room
from booking.timeutil import local_date
from tests.factories import NOW
from tests.rooms.conftest import tiny_png


def text(response) -> str:
    assert response.status_code == 200
    return unescape(response.get_data(as_text=True))


def to_english(client, next_url="/"):
    response = client.post("/sprog", data={"locale": "en", "next": next_url})
    assert response.status_code == 302


@pytest.fixture
def place(create_location, create_room, create_equipment, staff):
    library = create_location("Havnstrup Bibliotek", closed_on_public_holidays=False)
    locs.set_opening_hours(staff, library, {day: [(hours_of("07:00"), hours_of("22:00"))] for day in range(7)})
    loop = create_equipment("teleslynge", "Teleslynge", "Hearing loop")
    create_room(
        "Havnestuen",
        location=library,
        capacity=24,
        equipment=(loop,),
        requires_approval=True,
        booking_policy=BookingPolicy.ORGANISATIONS,
        buffer_minutes=30,
        max_future_bookings_per_org=6,
    )
    create_room("Udsigten", location=library, capacity=8, min_notice_hours=0)
    hidden = create_room("Pulterkammeret", location=library, capacity=30)
    services.set_room_active(staff, hidden, False)
    return library


def url_of(name: str) -> str:
    room = db.session.scalar(select(Room).where(Room.name == name))
    return f"/lokaler/{room.slug}"


def hours_of(text: str):
    from datetime import time

    return time.fromisoformat(text)


class TestDanish:
    def test_places(self, client, place):
        page = text(client.get("/steder"))
        assert "Biblioteker og mødesteder" in page
        assert "Havnstrup Bibliotek" in page
        assert "Åbent i dag: 07.00–22.00" in page

    def test_a_place(self, client, place):
        page = text(client.get(f"/steder/{place.slug}"))
        assert "Åbningstider" in page
        assert "Mandag" in page and "07.00–22.00" in page
        assert "Havnestuen" in page and "Udsigten" in page
        assert "Pulterkammeret" not in page

    def test_rooms(self, client, place):
        page = text(client.get("/lokaler"))
        assert '<html lang="da">' in page
        assert "<h1>Lokaler</h1>" in page
        assert "Kræver godkendelse" in page
        assert "Havnestuen" in page and "Udsigten" in page
        assert "Pulterkammeret" not in page

    def test_a_room_with_its_rules_in_plain_words(self, client, place):
        page = text(client.get(url_of("Havnestuen")))
        assert "24 personer" in page
        assert "Teleslynge" in page
        assert "Kun foreninger og andre organisationer kan booke lokalet" in page
        assert "Bookinger skal godkendes af biblioteket." in page
        assert "Lokalet holdes fri i 30 minutter efter hver booking" in page
        assert "En forening kan højst have 6 kommende bookinger af lokalet." in page


class TestEnglish:
    def test_switching_language_sticks(self, client, place):
        to_english(client, "/lokaler")
        rooms = text(client.get("/lokaler"))
        assert '<html lang="en">' in rooms
        assert "<h1>Rooms</h1>" in rooms
        assert "Needs approval" in rooms
        places = text(client.get("/steder"))
        assert "Libraries and meeting places" in places
        room = text(client.get(url_of("Havnestuen")))
        assert "Bookings need approval by the library." in room
        assert "Hearing loop" in room and "Teleslynge" not in room
        assert "24 people" in room

    def test_a_place(self, client, place):
        to_english(client)
        page = text(client.get(f"/steder/{place.slug}"))
        assert "Opening hours" in page and "Monday" in page

    def test_back_to_danish(self, client, place):
        to_english(client)
        client.post("/sprog", data={"locale": "da", "next": "/"})
        assert "<h1>Lokaler</h1>" in text(client.get("/lokaler"))


class TestOnlyActiveRooms:
    def test_a_hidden_room_is_not_found(self, client, place):
        assert client.get(url_of("Pulterkammeret")).status_code == 404

    def test_staff_may_look_at_a_hidden_room(self, client, auth, place, staff):
        auth.login(staff)
        page = text(client.get(url_of("Pulterkammeret")))
        assert "Hidden from the public" in page

    def test_a_hidden_place_hides_its_rooms(self, client, place, staff):
        locs.set_location_active(staff, place, False)
        assert "Havnstrup" not in text(client.get("/steder"))
        assert "Havnestuen" not in text(client.get("/lokaler"))
        assert client.get(f"/steder/{place.slug}").status_code == 404
        assert client.get(url_of("Havnestuen")).status_code == 404

    def test_hidden_parts_are_not_listed_on_the_hall(self, client, create_room, staff):
        hall = create_room("Salen")
        create_room("Sal A", parent=hall)
        hidden = create_room("Sal B", parent=hall)
        services.set_room_active(staff, hidden, False)
        page = text(client.get(f"/lokaler/{hall.slug}"))
        assert "Sal A" in page and "Sal B" not in page

    def test_a_part_links_to_its_hall(self, client, create_room):
        hall = create_room("Salen")
        part = create_room("Sal A", parent=hall)
        assert f'href="/lokaler/{hall.slug}"' in text(client.get(f"/lokaler/{part.slug}"))


class TestFilters:
    def test_by_place_capacity_kind_and_equipment(self, client, place, create_room):
        create_room("Et andet sted", capacity=100)
        assert "Et andet sted" not in text(client.get(f"/lokaler?sted={place.slug}"))
        page = text(client.get("/lokaler?kapacitet=20"))
        assert "Havnestuen" in page and "Udsigten" not in page
        page = text(client.get("/lokaler?udstyr=teleslynge"))
        assert "Havnestuen" in page and "Udsigten" not in page
        assert "Havnestuen" not in text(client.get("/lokaler?type=kitchen"))

    def test_a_wrong_value_is_explained(self, client, place):
        to_english(client)
        page = text(client.get("/lokaler?kapacitet=-2"))
        assert "Enter a number from 1 to 10000." in page
        assert "Havnestuen" in page


class TestClosedDays:
    def test_coming_closures_and_holidays(self, client, create_location, staff):
        library = create_location("Egebjerg Bibliotek")
        today = local_date(utcnow())
        locs.add_closure(staff, library, starts_on=today + timedelta(days=10), ends_on=None, reason="Maling", now=NOW)
        locs.add_closure(staff, library, starts_on=today + timedelta(days=90), ends_on=None, reason="Senere", now=NOW)
        page = text(client.get(f"/steder/{library.slug}"))
        assert "Maling" in page
        assert "Senere" not in page
        for name in hours.public_holidays(today, today + timedelta(days=60)).values():
            assert name in page

    def test_a_room_closure_shows_on_the_room(self, client, create_room, staff):
        room = create_room()
        day = local_date(utcnow()) + timedelta(days=5)
        locs.add_closure(staff, room.location, starts_on=day, ends_on=None, reason="Nyt gulv", now=NOW, room_id=room.id)
        assert "Nyt gulv" in text(client.get(f"/lokaler/{room.slug}"))
        assert "Nyt gulv" not in text(client.get(f"/steder/{room.location.slug}"))


class TestEscaping:
    def test_user_written_text_is_escaped(self, client, create_location, create_room):
        library = create_location('<img src=x onerror="alert(1)">')
        create_room("<script>alert(1)</script>", location=library, description="<b>fed</b>")
        for url in ("/steder", f"/steder/{library.slug}", "/lokaler"):
            page = client.get(url).get_data(as_text=True)
            assert "<script>alert(1)</script>" not in page
            assert "<img src=x" not in page
        room = services.find_rooms()[0]
        page = client.get(f"/lokaler/{room.slug}").get_data(as_text=True)
        assert "&lt;script&gt;" in page and "<b>fed</b>" not in page


class TestPhotos:
    def test_shown_with_its_description_and_cached(self, client, world):
        page = text(client.get(f"/lokaler/{world.room.slug}"))
        url = f"/fotos/lokaler/{world.room.photo_filename}"
        assert f'<img src="{url}" alt="Et langt bord med tolv stole">' in page
        response = client.get(url)
        assert response.status_code == 200
        assert response.mimetype == "image/png"
        assert response.data == tiny_png()
        assert "immutable" in response.headers["Cache-Control"]
