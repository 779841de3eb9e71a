"""Booking through the API: one slot, a series, clashes, cancelling, approval, and every
denial per role. A refused request writes nothing."""

from datetime import timedelta

import pytest

from booking.bookings.models import Booking, BookingStatus
from booking.extensions import db
from tests.api.conftest import iso
from tests.bookings.conftest import counts

API = "/api/v1"


def test_a_member_books_a_room_with_a_token(client, place, token_for, payload, day):
    body = payload(public=True, expected_attendees=8)

    response = client.post(f"{API}/bookings", json=body, headers=token_for(place.member))

    assert response.status_code == 201
    booking = response.get_json()["booking"]
    assert booking["status"] == "approved"
    assert booking["occurrences"][0]["starts_at"] == iso(day, "17:00")
    assert booking["booker"]["id"] == place.member.id
    assert db.session.get(Booking, booking["id"]).events[0].action == "created"


def test_the_same_slot_twice_is_a_conflict_naming_it(client, place, token_for, payload):
    headers = token_for(place.member)
    assert client.post(f"{API}/bookings", json=payload(), headers=headers).status_code == 201
    before = counts()

    response = client.post(f"{API}/bookings", json=payload(title="Igen"), headers=token_for(place.other_member))

    assert response.status_code == 409
    error = response.get_json()["error"]
    assert error["code"] == "conflict"
    assert len(error["details"]["clashes"]) == 1
    assert counts() == before


def test_a_weekly_series_with_taken_dates_lists_them_or_books_the_rest(client, place, token_for, payload, day, book):
    for week in (1, 3, 4):
        book(place.other_member, place.room, day + timedelta(weeks=week), "17:00", "19:00", now=db_now())
    headers = token_for(place.member)
    series = payload(recurrence={"frequency": "weekly", "count": 6})
    before = counts()

    refused = client.post(f"{API}/bookings", json=series, headers=headers)

    assert refused.status_code == 409
    assert len(refused.get_json()["error"]["details"]["clashes"]) == 3
    assert counts() == before

    booked = client.post(f"{API}/bookings", json={**series, "book_free_dates_only": True}, headers=headers)

    assert booked.status_code == 201
    body = booked.get_json()
    assert len(body["booking"]["occurrences"]) == 3
    assert [s["clash"] for s in body["skipped"]] == [True, True, True]


def db_now():
    from booking.db import utcnow

    return utcnow()


def test_naive_times_are_read_on_the_library_clock_or_the_given_zone(client, place, token_for, payload, day):
    headers = token_for(place.member)
    local = client.post(
        f"{API}/bookings", json=payload(starts_at=f"{day}T10:00", ends_at=f"{day}T11:00"), headers=headers
    )
    utc = client.post(
        f"{API}/bookings",
        json=payload(starts_at=f"{day}T10:00", ends_at=f"{day}T11:00", timezone="UTC"),
        headers=headers,
    )

    assert local.status_code == utc.status_code == 201
    assert local.get_json()["booking"]["occurrences"][0]["starts_at"] == iso(day, "10:00")
    assert utc.get_json()["booking"]["occurrences"][0]["starts_at"] == iso(day, "11:00")  # 10 UTC = 11 CET


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"ends_at": "2026-01-01T00:00:00+01:00"}, "ends_at"),  # end before start
        ({"timezone": "Europe/Atlantis", "starts_at": "2027-05-04T10:00"}, "timezone"),
        ({"starts_at": "not a time"}, "starts_at"),
        ({"title": ""}, "title"),
        ({"expected_attendees": 0}, "expected_attendees"),
        ({"recurrence": {"frequency": "weekly", "until": "3026-01-01"}}, "until"),
        ({"recurrence": {"frequency": "daily", "count": 3}}, "recurrence"),
        ({"recurrence": {"frequency": "weekly"}}, "recurrence"),
        ({"surprise": 1}, "surprise"),
        ({"room_id": "one"}, "room_id"),
    ],
)
def test_bad_input_is_a_400_naming_the_field_and_writes_nothing(client, place, token_for, payload, changes, field):
    headers = token_for(place.member)
    before = counts()

    response = client.post(f"{API}/bookings", json=payload(**changes), headers=headers)

    assert response.status_code == 400, response.get_json()
    error = response.get_json()["error"]
    assert error["message"]
    assert field in str(error.get("fields", {})) or field in error["message"] or field == "ends_at"
    assert counts() == before


def test_zero_length_and_nonexistent_local_times_are_refused(client, place, token_for, payload, day):
    headers = token_for(place.member)
    zero = client.post(f"{API}/bookings", json=payload(ends_at=iso(day, "17:00")), headers=headers)
    gap = client.post(
        f"{API}/bookings", json=payload(starts_at="2027-03-28T02:30", ends_at="2027-03-28T03:30"), headers=headers
    )

    assert zero.status_code == 400
    assert gap.status_code == 400
    assert "starts_at" in gap.get_json()["error"]["fields"]


@pytest.mark.parametrize("body", ["{not json", "[1, 2]", "null"])
def test_malformed_json_is_a_400(client, place, token_for, body):
    before = counts()

    response = client.post(
        f"{API}/bookings", data=body, headers={**token_for(place.member), "Content-Type": "application/json"}
    )

    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "malformed_json"
    assert counts() == before


def test_unknown_room_and_organisation_are_404(client, place, token_for, payload):
    headers = token_for(place.member)

    assert client.post(f"{API}/bookings", json=payload(room_id=999999), headers=headers).status_code == 404
    assert client.post(f"{API}/bookings", json=payload(organisation_id=999999), headers=headers).status_code == 404


def test_booking_for_an_organisation_one_is_not_in_is_403(client, place, token_for, payload):
    response = client.post(
        f"{API}/bookings", json=payload(organisation_id=place.association.id), headers=token_for(place.other_member)
    )

    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "forbidden"


@pytest.fixture
def club_booking(client, place, token_for, payload):
    """A private booking by a member of the chess club, for the club, in a room needing approval."""
    place.room.requires_approval = True
    db.session.commit()
    response = client.post(
        f"{API}/bookings", json=payload(organisation_id=place.association.id), headers=token_for(place.member)
    )
    assert response.status_code == 201
    return response.get_json()["booking"]


def test_who_sees_a_private_booking(client, place, token_for, club_booking):
    url = f"{API}/bookings/{club_booking['id']}"

    for allowed in (place.member, place.org_admin, place.staff):
        assert client.get(url, headers=token_for(allowed)).status_code == 200
    for denied in (place.other_member, place.citizen):
        assert client.get(url, headers=token_for(denied)).status_code == 403
    assert client.get(url).status_code == 401
    assert client.get(f"{API}/bookings/999999", headers=token_for(place.staff)).status_code == 404


def test_availability_hides_private_details_from_other_associations(client, place, token_for, club_booking, day):
    url = f"{API}/rooms/{place.room.id}/availability?start={day}T00:00&end={day}T23:00"

    theirs = client.get(url, headers=token_for(place.other_member)).get_json()["rooms"][0]["busy"][0]
    ours = client.get(url, headers=token_for(place.member)).get_json()["rooms"][0]["busy"][0]

    assert theirs["title"] is None and theirs["booking_id"] is None and theirs["pending"] is True
    assert ours["title"] == "Klubaften" and ours["booking_id"] == club_booking["id"]


def test_lists_of_own_and_the_organisations_bookings(client, place, token_for, club_booking):
    mine = client.get(f"{API}/bookings", headers=token_for(place.member)).get_json()
    club = client.get(f"{API}/bookings?organisation_id={place.association.id}", headers=token_for(place.org_admin))
    outsider = client.get(
        f"{API}/bookings?organisation_id={place.association.id}", headers=token_for(place.other_member)
    )

    assert [b["id"] for b in mine] == [club_booking["id"]]
    assert [b["id"] for b in club.get_json()] == [club_booking["id"]]
    assert outsider.status_code == 403
    assert client.get(f"{API}/bookings").status_code == 401
    assert client.get(f"{API}/bookings?upcoming=perhaps", headers=token_for(place.member)).status_code == 400


def test_only_booker_org_admin_or_staff_may_cancel(client, place, token_for, club_booking):
    url = f"{API}/bookings/{club_booking['id']}/cancel"
    before = counts()

    for denied in (place.other_member, place.citizen):
        response = client.post(url, json={"reason": "Nej"}, headers=token_for(denied))
        assert response.status_code == 403
    assert client.post(url, json={}).status_code == 401
    assert counts()["booking_event"] == before["booking_event"]

    response = client.post(url, json={"reason": "Aflyst"}, headers=token_for(place.org_admin))

    assert response.status_code == 200
    assert response.get_json()["status"] == "cancelled"
    assert client.post(url, headers=token_for(place.org_admin)).status_code == 400  # already cancelled


def test_cancel_one_date_of_a_series(client, place, token_for, payload):
    headers = token_for(place.member)
    created = client.post(
        f"{API}/bookings", json=payload(recurrence={"frequency": "weekly", "count": 3}), headers=headers
    ).get_json()["booking"]
    second = created["occurrences"][1]["id"]
    url = f"{API}/bookings/{created['id']}/occurrences/{second}/cancel"

    assert client.post(url, json={}, headers=token_for(place.other_member)).status_code == 403
    response = client.post(url, json={"reason": "Ferie"}, headers=headers)

    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "approved"
    assert [o["active"] for o in body["occurrences"]] == [True, False, True]
    other = client.post(
        f"{API}/bookings", json=payload(starts_at=payload()["starts_at"], title="X"), headers=headers
    ).get_json()
    wrong = f"{API}/bookings/{created['id']}/occurrences/999999/cancel"
    assert client.post(wrong, json={}, headers=headers).status_code == 404
    assert other["error"]["code"] == "conflict"


def test_staff_approve_and_reject_citizens_cannot(client, place, token_for, club_booking, payload, day):
    url = f"{API}/bookings/{club_booking['id']}"
    for denied in (place.citizen, place.member, place.org_admin):
        assert client.post(f"{url}/approve", json={}, headers=token_for(denied)).status_code == 403
        assert client.post(f"{url}/reject", json={"reason": "x"}, headers=token_for(denied)).status_code == 403
        assert client.get(f"{API}/approvals", headers=token_for(denied)).status_code == 403
    staff = token_for(place.staff)

    queue = client.get(f"{API}/approvals", headers=staff).get_json()
    assert [b["id"] for b in queue] == [club_booking["id"]]
    assert client.post(f"{url}/reject", json={}, headers=staff).status_code == 400  # a reason is required
    approved = client.post(f"{url}/approve", json={"reason": "Velkommen"}, headers=staff)

    assert approved.status_code == 200
    assert approved.get_json()["status"] == "approved"
    assert client.post(f"{url}/approve", json={}, headers=staff).status_code == 400  # no longer pending

    second = client.post(
        f"{API}/bookings", json=payload(starts_at=iso(day, "20:00"), ends_at=iso(day, "21:00")),
        headers=token_for(place.citizen),
    ).get_json()["booking"]
    rejected = client.post(f"{API}/bookings/{second['id']}/reject", json={"reason": "Lukket"}, headers=staff)
    assert rejected.get_json()["status"] == "rejected"
    assert db.session.get(Booking, second["id"]).status == BookingStatus.REJECTED


@pytest.mark.parametrize("changes", [{"room_id": 2**40}, {"organisation_id": 2**40}, {"expected_attendees": 2**40}])
def test_numbers_too_large_for_the_database_are_a_400(client, place, token_for, payload, changes):
    response = client.post(f"{API}/bookings", json=payload(**changes), headers=token_for(place.member))

    assert response.status_code == 400


def test_huge_numbers_in_queries_are_a_400(client, place):
    assert client.get(f"{API}/rooms?min_capacity={2**40}").status_code == 400
    assert client.get(f"{API}/free-rooms?start=2026-12-01T10:00&end=2026-12-01T11:00&people={2**40}").status_code == 400
