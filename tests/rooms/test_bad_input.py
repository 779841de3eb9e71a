"""Bad input through the staff and public pages: a clear message (beside the field where
there is one), nothing changed, never a 500."""

from __future__ import annotations

import io
from datetime import date
from html import unescape

import pytest

from booking.rooms import locations as locs
from tests.factories import NOW
from tests.rooms.conftest import JPEG_START, location_form, room_form, snapshot, tiny_png, week_form

TEN_MB = "x" * (10 * 1024 * 1024)


@pytest.fixture
def as_staff(auth, staff):
    auth.login(staff)


def page(response) -> str:
    return unescape(response.get_data(as_text=True))


def refused(client, url, data, message, field=None):
    """Post ``data``: the page shows ``message`` (beside ``field``) and no table changed."""
    before = snapshot()
    response = client.post(url, data=data)
    assert response.status_code == 200
    assert message in page(response)
    if field:
        assert f'id="{field}-error"' in page(response)
    assert snapshot() == before


LOCATION_ERRORS = [
    ({"name": ""}, "This field is required.", "name"),
    ({"name": "   "}, "Name is required.", "name"),
    ({"postal_code": "8o00"}, "A Danish postal code has 4 digits.", "postal_code"),
    ({"email": "ikke en adresse"}, "not a valid email address", "email"),
    ({"description": "x" * 5001}, "At most 5000 characters.", "description"),
]


@pytest.mark.usefixtures("as_staff")
@pytest.mark.parametrize(("overrides", "message", "field"), LOCATION_ERRORS)
def test_place(client, overrides, message, field):
    refused(client, "/personale/steder/ny", location_form(**overrides), message, field)


WEEK_ERRORS = [
    ({"d2_opens1": "08:00", "d2_closes1": "14:00", "d2_opens2": "12:00", "d2_closes2": "20:00"},
     "the two opening periods overlap", "d2_opens2"),
    ({"d0_opens1": "17:00", "d0_closes1": "09:00"}, "the closing time must be after the opening time", "d0_closes1"),
    ({"d6_opens1": "10:00"}, "give both an opening and a closing time", "d6_closes1"),
    ({"d0_opens1": "25:99", "d0_closes1": "17:00"}, "Enter a time as hours and minutes", "d0_opens1"),
]  # fmt: skip


@pytest.mark.usefixtures("as_staff")
@pytest.mark.parametrize(("overrides", "message", "field"), WEEK_ERRORS)
def test_opening_hours(client, world, overrides, message, field):
    refused(client, f"/personale/steder/{world.place.slug}/aabningstider", week_form(**overrides), message, field)


CLOSURE_ERRORS = [
    ({"starts_on": "2026-12-31", "ends_on": "2026-12-24"}, "cannot be before the first.", "ends_on"),
    ({"starts_on": "2026-01-01", "ends_on": "2027-01-02"}, "A closure can last at most 366 days.", "ends_on"),
    ({"reason": ""}, "This field is required.", "reason"),
    ({"starts_on": "31-12-2026x"}, "Enter a date", "starts_on"),
    ({"room_id": "99999"}, "That choice is not valid.", "room_id"),
]  # fmt: skip


@pytest.mark.usefixtures("as_staff")
@pytest.mark.parametrize(("overrides", "message", "field"), CLOSURE_ERRORS)
def test_closure(client, world, overrides, message, field):
    data = {"starts_on": "2026-12-31", "ends_on": "", "reason": "Nytårsaftensdag", "room_id": "", **overrides}
    refused(client, f"/personale/steder/{world.place.slug}/lukkedage", data, message, field)


ROOM_ERRORS = [
    ({"name": ""}, "This field is required.", "name"),
    ({"name": "mødelokalet"}, "already has a room called", "name"),
    ({"capacity": "-5"}, "must be at least 1", "capacity"),
    ({"capacity": "tolv"}, "Enter a whole number", "capacity"),
    ({"capacity": "100000"}, "at most 2000", "capacity"),
    ({"min_duration_minutes": "120", "max_duration_minutes": "60"},
     "The longest booking cannot be shorter than the shortest booking.", "max_duration_minutes"),
    ({"min_duration_minutes": "45"}, "whole multiples of the time slot", "min_duration_minutes"),
    ({"slot_step_minutes": "7"}, "That choice is not valid.", "slot_step_minutes"),
    ({"buffer_minutes": "-15"}, "must be at least 0", "buffer_minutes"),
    ({"horizon_days": "3650"}, "at most 730", "horizon_days"),
    ({"min_notice_hours": "400"}, "the room can never be booked", "min_notice_hours"),
    ({"max_future_bookings_per_org": "0"}, "must be at least 1", "max_future_bookings_per_org"),
    ({"location_id": "99999"}, "That choice is not valid.", "location_id"),
    ({"equipment_ids": "99999"}, "That choice is not valid.", None),
    ({"accessibility": "x" * 2001}, "At most 2000 characters.", "accessibility"),
]  # fmt: skip


@pytest.mark.usefixtures("as_staff")
@pytest.mark.parametrize(("overrides", "message", "field"), ROOM_ERRORS)
def test_room(client, world, overrides, message, field):
    refused(client, "/personale/lokaler/nyt", room_form(world.place, **overrides), message, field)


@pytest.mark.usefixtures("as_staff")
class TestHalls:
    def test_parts_of_parts_are_not_offered(self, client, world, create_room):
        hall = create_room("Salen", location=world.place)
        part = create_room("Sal A", parent=hall)
        data = room_form(world.place, parent_id=str(part.id))
        refused(client, "/personale/lokaler/nyt", data, "That choice is not valid.", "parent_id")

    def test_a_hall_elsewhere(self, client, world, create_room):
        hall = create_room("Salen")
        data = room_form(world.place, parent_id=str(hall.id))
        refused(client, "/personale/lokaler/nyt", data, "A part must be in the same place as the hall", "parent_id")


@pytest.mark.usefixtures("as_staff")
@pytest.mark.parametrize(
    ("url", "form"),
    [
        ("/personale/steder/{place}/rediger", lambda w: location_form(name=TEN_MB)),
        ("/personale/lokaler/{room}/rediger", lambda w: room_form(w.place, description=TEN_MB)),
        ("/personale/udstyr", lambda w: {"name_da": TEN_MB, "name_en": "x"}),
    ],
)
def test_ten_megabytes_in_a_text_field(client, world, url, form):
    before = snapshot()
    response = client.post(url.format(place=world.place.slug, room=world.room.slug), data=form(world))
    assert response.status_code in (200, 413)
    assert snapshot() == before


@pytest.mark.usefixtures("as_staff")
class TestUnknown:
    def test_unknown_room_or_place(self, client):
        assert client.get("/personale/lokaler/findes-ikke/rediger").status_code == 404
        assert client.post("/personale/lokaler/findes-ikke/aktiv", data={"active": "0"}).status_code == 404
        assert client.get("/personale/steder/findes-ikke/aabningstider").status_code == 404
        assert client.get("/personale/lokaler/nyt?sted=findes-ikke").status_code == 404
        assert client.get("/personale/udstyr/424242/rediger").status_code == 404

    def test_closures_of_other_places(self, client, world, create_location, staff):
        assert client.post(f"/personale/steder/{world.place.slug}/lukkedage/99999/slet", data={}).status_code == 404
        closure = locs.add_closure(
            staff, create_location(), starts_on=date(2026, 5, 1), ends_on=None, reason="X", now=NOW
        )
        url = f"/personale/steder/{world.place.slug}/lukkedage/{closure.id}/slet"
        before = snapshot()
        assert client.post(url, data={}).status_code == 404
        assert snapshot() == before

    def test_missing_csrf_token(self, client, world):
        before = snapshot()
        response = client.post(f"/personale/lokaler/{world.room.slug}/aktiv", data={"active": "0"}, csrf=False)
        assert response.status_code == 400
        assert snapshot() == before


PHOTO_ERRORS = [
    (lambda: b"<?php echo 'hej'; ?>", "Et bord", "The photo must be a JPEG or PNG image.", "photo"),
    (lambda: JPEG_START + b"\x00" * (1024 * 1024 + 10), "Et bord", "The photo can be at most 1 MB.", "photo"),
    (tiny_png, "", "This field is required.", "photo_alt"),
]


@pytest.mark.usefixtures("as_staff")
@pytest.mark.parametrize(("content", "alt", "message", "field"), PHOTO_ERRORS)
def test_photo(app, client, world, content, alt, message, field):
    app.config["ROOM_PHOTO_MAX_BYTES"] = 1024 * 1024
    data = {"photo": (io.BytesIO(content()), "foto.png"), "photo_alt": alt}
    refused(client, f"/personale/lokaler/{world.room.slug}/foto", data, message, field)


@pytest.mark.usefixtures("as_staff")
def test_no_photo_for_a_room_without_one(client, world, create_room):
    room = create_room(location=world.place)
    refused(client, f"/personale/lokaler/{room.slug}/foto", {"photo_alt": "Et bord"}, "Choose a photo to upload.")


class TestPublicPages:
    def test_unknown_room_or_place(self, client):
        response = client.get("/lokaler/findes-ikke")
        assert response.status_code == 404
        assert "<h1>" in response.get_data(as_text=True)
        assert client.get("/steder/findes-ikke").status_code == 404

    @pytest.mark.parametrize(
        "query",
        ["kapacitet=abc", "kapacitet=-3", "kapacitet=99999999999999999999", "sted=findes-ikke", "type=slot",
         "udstyr=findes-ikke", "udstyr=", "kapacitet=%00", "sted=%27%3B--", "kapacitet=" + "9" * 5000],
    )  # fmt: skip
    def test_odd_filters(self, client, world, query):
        response = client.get(f"/lokaler?{query}")
        assert response.status_code == 200
        assert world.room.name in page(response)  # a wrong filter is shown, not applied

    def test_photo_names_we_never_gave_out(self, client):
        for name in ("../../secret_key", "..%2f..%2fsecret_key", "abc.png", "0" * 32 + ".gif", "0" * 32 + ".png"):
            assert client.get(f"/fotos/lokaler/{name}").status_code == 404
