"""Rooms, availability and the free-room search; who is asking (token, session, nobody) and
CSRF for session writes; the token section of the profile page; the OpenAPI document."""

import re

import pytest
from openapi_spec_validator import validate
from sqlalchemy import select

from booking.api.models import ApiToken
from booking.api.tokens import hash_token
from booking.extensions import db
from tests.bookings.conftest import counts

API = "/api/v1"


def test_rooms_list_filter_and_detail(client, place, create_equipment):
    projector = create_equipment()
    place.hall.equipment.append(projector)
    db.session.commit()

    everything = client.get(f"{API}/rooms").get_json()
    big = client.get(f"{API}/rooms?min_capacity=100").get_json()
    with_projector = client.get(f"{API}/rooms?equipment=projektor").get_json()
    hall = client.get(f"{API}/rooms/{place.hall.id}").get_json()

    assert len(everything) == 4
    assert [r["id"] for r in big] == [place.hall.id]
    assert [r["id"] for r in with_projector] == [place.hall.id]
    assert sorted(hall["part_ids"]) == sorted([place.part_a.id, place.part_b.id])
    assert hall["equipment"] == ["projektor"]
    assert client.get(f"{API}/rooms/999999").status_code == 404
    assert client.get(f"{API}/rooms?min_capacity=many").status_code == 400
    assert client.get(f"{API}/rooms?equipment=teleporter").status_code == 400


def test_availability_of_many_rooms_sees_halls_and_parts(client, place, book, day):
    from booking.db import utcnow

    book(place.member, place.part_a, day, "10:00", "12:00", now=utcnow(), public=True, title="Skak")
    url = f"{API}/availability?start={day}T00:00&end={day}T23:00&rooms={place.hall.id},{place.part_b.id}"

    rooms = {r["room_id"]: r["busy"] for r in client.get(url).get_json()["rooms"]}

    assert [slot["title"] for slot in rooms[place.hall.id]] == ["Skak"]
    assert rooms[place.part_b.id] == []
    assert len(client.get(f"{API}/availability?start={day}T00:00&end={day}T23:00").get_json()["rooms"]) == 4
    assert client.get(f"{API}/availability?start={day}T00:00&end={day}T23:00&rooms=999999").status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "start=2026-12-01T10:00",  # no end
        "start=2026-12-01T10:00&end=2026-12-01T09:00",  # end before start
        "start=2026-12-01T10:00&end=2027-12-01T09:00",  # a year at once
        "start=2026-12-01T10:00&end=2026-12-01T12:00&timezone=Mars/Olympus",
        "start=yesterday&end=2026-12-01T12:00",
    ],
)
def test_bad_ranges_are_400(client, place, query):
    response = client.get(f"{API}/rooms/{place.room.id}/availability?{query}")

    assert response.status_code == 400
    assert response.get_json()["error"]["fields"]


def test_free_room_search(client, place, book, day):
    from booking.db import utcnow

    book(place.member, place.room, day, "10:00", "12:00", now=utcnow())
    url = f"{API}/free-rooms?start={day}T10:30%2B01:00&end={day}T11:30%2B01:00"

    free = [r["id"] for r in client.get(url).get_json()["rooms"]]
    big = [r["id"] for r in client.get(url + "&people=100").get_json()["rooms"]]
    late = client.get(f"{API}/free-rooms?start={day}T22:30&end={day}T23:30").get_json()["rooms"]

    assert place.room.id not in free and place.hall.id in free
    assert big == [place.hall.id]
    assert late == []  # closed then
    assert client.get(f"{API}/free-rooms?start={day}T10:00&end={day}T11:00&location=nowhere").status_code == 404


def test_an_offset_sent_unencoded_in_a_query_string_still_counts(client, place, day):
    response = client.get(f"{API}/rooms/{place.room.id}/availability?start={day}T10:00+01:00&end={day}T12:00+01:00")

    assert response.status_code == 200
    assert response.get_json()["start"] == f"{day}T10:00:00+01:00"


def test_wrong_tokens_are_401_and_say_how_to_authenticate(client, place, payload):
    for header in ("Bearer lf_nonsense", "Basic dXNlcjpwdw==", "Bearer "):
        response = client.post(f"{API}/bookings", json=payload(), headers={"Authorization": header})
        assert response.status_code == 401
        assert response.get_json()["error"]["code"] == "unauthorized"


def test_a_deactivated_users_token_stops_working(client, place, token_for):
    headers = token_for(place.member)
    place.member.active = False
    db.session.commit()

    assert client.get(f"{API}/bookings", headers=headers).status_code == 401


def test_session_reads_work_and_session_writes_need_the_csrf_header(client, auth, place, payload):
    auth.login(place.member)
    before = counts()

    assert client.get(f"{API}/").get_json()["user_id"] == place.member.id
    forged = client.post(f"{API}/bookings", json=payload())

    assert forged.status_code == 403
    assert forged.get_json()["error"]["code"] == "csrf"
    assert counts() == before

    response = client.post(f"{API}/bookings", json=payload(), headers={"X-CSRFToken": client.csrf_token()})

    assert response.status_code == 201


def test_a_token_request_ignores_the_session_cookie(client, auth, place, token_for):
    headers = token_for(place.citizen)
    auth.login(place.staff)

    assert client.get(f"{API}/", headers=headers).get_json()["user_id"] == place.citizen.id
    assert client.get(f"{API}/approvals", headers=headers).status_code == 403


def test_unknown_api_urls_and_methods_answer_json(client):
    missing = client.get(f"{API}/nothing-here")
    wrong_method = client.delete(f"{API}/rooms")

    assert missing.status_code == 404 and missing.get_json()["error"]["code"] == "not_found"
    assert wrong_method.status_code == 405 and wrong_method.get_json()["error"]["code"] == "method_not_allowed"


def test_profile_page_makes_shows_and_revokes_tokens(client, auth, place):
    auth.login(place.member)

    page = client.get("/konto").get_data(as_text=True)
    assert "API" in page and 'id="api-tokens-heading"' in page

    created = client.post("/konto/api-noegler", data={"name": "Klubbens kalender"})
    secret = re.search(r'id="api-token-secret">([^<]+)<', created.get_data(as_text=True)).group(1)
    token = db.session.scalar(select(ApiToken).where(ApiToken.user_id == place.member.id))

    assert token.token_hash == hash_token(secret) and secret not in token.token_hash
    assert client.get(f"{API}/", headers={"Authorization": f"Bearer {secret}"}).get_json()["user_id"] == place.member.id
    assert "Klubbens kalender" in client.get("/konto").get_data(as_text=True)

    assert client.post("/konto/api-noegler", data={"name": ""}).status_code == 302
    token_id = token.id
    client.post(f"/konto/api-noegler/{token_id}/slet", data={}, csrf=False)
    assert db.session.get(ApiToken, token_id) is not None  # no CSRF token, nothing revoked

    client.post(f"/konto/api-noegler/{token_id}/slet", data={})

    assert db.session.get(ApiToken, token_id) is None
    assert client.get(f"{API}/", headers={"Authorization": f"Bearer {secret}"}).status_code == 401


def test_nobody_revokes_someone_elses_token(client, auth, place, token_for):
    token_for(place.member)
    token = db.session.scalar(select(ApiToken).where(ApiToken.user_id == place.member.id))
    auth.login(place.other_member)

    response = client.post(f"/konto/api-noegler/{token.id}/slet", data={})

    assert response.status_code == 403
    assert db.session.get(ApiToken, token.id) is not None


def test_openapi_document_is_valid_and_lists_every_route(app, client):
    document = client.get(f"{API}/openapi.json").get_json()

    validate(document)
    listed = {(path, method.upper()) for path, ops in document["paths"].items() for method in ops}
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(API):
            path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
            for method in rule.methods - {"HEAD", "OPTIONS"}:
                assert (path, method) in listed
    create = document["paths"][f"{API}/bookings"]["post"]
    assert set(create["responses"]) >= {"201", "400", "401", "403", "404", "409"}
    assert "BookingCreate" in document["components"]["schemas"]


def test_availability_shows_a_slot_by_its_own_times_not_its_buffer(client, place, book, day):
    from booking.db import utcnow

    place.room.buffer_minutes = 30
    db.session.commit()
    book(place.member, place.room, day, "10:00", "11:00", now=utcnow())

    after = client.get(f"{API}/rooms/{place.room.id}/availability?start={day}T11:00&end={day}T12:00").get_json()
    during = client.get(f"{API}/rooms/{place.room.id}/availability?start={day}T10:30&end={day}T12:00").get_json()

    assert after["rooms"][0]["busy"] == []
    assert len(during["rooms"][0]["busy"]) == 1
