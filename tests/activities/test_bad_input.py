"""Bad input through the pages: a clear message, nothing written, never a 500."""

from __future__ import annotations

from html import unescape

import pytest

from tests.activities.conftest import page_day, page_start, snapshot, spring_forward_day


def page(response) -> str:
    return unescape(response.get_data(as_text=True))


def activity_form(place, room, **overrides: str) -> dict[str, str]:
    data = {
        "title": "Kreativt værksted for unge",
        "description": "",
        "category": "workshop",
        "target_group": "young_people",
        "location_id": str(place.id),
        "room_id": str(room.id),
        "day": page_day().isoformat(),
        "starts": "16:00",
        "ends": "18:00",
        "registration_required": "y",
        "capacity": "12",
        "max_seats_per_registration": "1",
        "registration_opens_at": "",
        "registration_closes_at": "",
        "price_kr": "0",
        "repeat_weeks": "0",
    }
    data.update(overrides)
    return data


def refused(client, url, data, message):
    before = snapshot()
    response = client.post(url, data=data)
    assert response.status_code == 200, response.status_code
    assert message in page(response)
    assert snapshot() == before


STAFF_ERRORS = [
    ({"capacity": "-5"}, "Seats must be at least 1."),
    ({"capacity": "0"}, "Seats must be at least 1."),
    ({"capacity": "fem"}, "Enter a whole number"),
    ({"capacity": "200"}, "Salen holds at most 60 people."),
    ({"capacity": ""}, "Seats is required."),
    ({"registration_closes_at": f"{page_day()}T19:00"}, "Sign-up must close before the activity starts."),
    ({"registration_opens_at": f"{page_day()}T17:00"}, "Sign-up must open before it closes"),
    ({"ends": "15:00"}, "The activity must end after it starts."),
    ({"day": page_day(-2).isoformat()}, "The activity must start in the future."),
    ({"day": spring_forward_day().isoformat(), "starts": "02:30", "ends": "04:00"}, "does not exist on"),
    ({"max_seats_per_registration": "500"}, "Seats per sign-up can be at most 10."),
    ({"title": ""}, "This field is required."),
    ({"price_kr": "-1"}, "Price (kr.) must be at least 0."),
    ({"repeat_weeks": "99"}, "Enter a number from 0 to 52."),
    ({"room_id": "99999"}, "That choice is not valid."),
    ({"category": "rave"}, "That choice is not valid."),
]


@pytest.mark.parametrize(("overrides", "message"), STAFF_ERRORS)
def test_staff_form(client, auth, staff, place, room, overrides, message):
    auth.login(staff)
    refused(client, "/personale/arrangementer/nyt", activity_form(place, room, **overrides), message)


SIGNUP_ERRORS = [
    ({"seats": "500"}, "You can sign up for at most 2 seats at a time."),
    ({"seats": "0"}, "Seats must be at least 1."),
    ({"seats": "-3"}, "Seats must be at least 1."),
    ({"email": "ikke-en-adresse"}, "not a valid email address"),
    ({"email": ""}, "This field is required."),
    ({"name": ""}, "This field is required."),
    ({"name": "   "}, "Name is required."),
    ({"phone": "ring til mig"}, "not a valid phone number"),
]


@pytest.mark.parametrize(("overrides", "message"), SIGNUP_ERRORS)
def test_sign_up_form(client, make_activity, overrides, message):
    activity = make_activity(max_seats_per_registration=2, when=page_start())
    data = {"name": "Karen Sørensen", "email": "karen@example.dk", "seats": "1", "phone": ""}
    data.update(overrides)
    client.post("/sprog", data={"locale": "en"})
    refused(client, f"/arrangementer/{activity.id}", data, message)


def test_a_forged_form_without_token_is_refused(client, make_activity):
    activity = make_activity(when=page_start())
    before = snapshot()
    response = client.post(f"/arrangementer/{activity.id}", data={"name": "X", "email": "x@example.dk"}, csrf=False)
    assert response.status_code == 400
    assert snapshot() == before
