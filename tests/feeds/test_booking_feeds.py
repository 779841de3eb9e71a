"""Bookings in the feeds: a room's public feed says only that it is taken, staff see the
details, a personal feed holds the user's own and their organisations' bookings (and nobody
else's), every date is its own event with a stable UID, and a change reaches SEQUENCE and the
ETag."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from flask import url_for

from booking.accounts.models import UserRole
from booking.bookings import changes
from booking.bookings import services as bookings
from booking.bookings.recurrence import Recurrence
from booking.bookings.rules import local_slot
from booking.db import utcnow
from booking.extensions import db
from booking.feeds import services
from booking.timeutil import local_date
from tests.factories import NOW
from tests.feeds.helpers import expand, feed_at, parse

SECRET = "Lønforhandling i bestyrelsen"


def book(actor, room, day: date, *, organisation=None, title=SECRET, count=None, now=NOW):
    starts_at, ends_at = local_slot(day, time(17), time(19))
    series = Recurrence(count=count) if count else None
    result = bookings.create_booking(actor, room, starts_at, ends_at, title=title, purpose="Fortroligt punkt",
                                     organisation=organisation, recurrence=series, now=now, allocated=True)
    db.session.commit()
    return result.booking


def soon() -> date:
    """A day inside the window of the feeds served with the real clock."""
    return local_date(utcnow()) + timedelta(days=14)


def events(body: bytes):
    return parse(body).walk("VEVENT")


def test_the_public_room_feed_shows_a_booking_as_busy_without_details(client, room, organiser, club):
    book(organiser, room, soon(), organisation=club)

    response = client.get(f"/kalender/lokaler/{room.slug}.ics")

    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert SECRET not in text and "Fortroligt" not in text and club.name not in text
    [event] = events(response.data)
    assert str(event["SUMMARY"]) in ("Optaget", "Busy")
    assert event["UID"].startswith("room-booking-")


def test_the_staff_room_feed_shows_the_details(client, room, organiser, club, create_user):
    book(organiser, room, soon(), organisation=club)
    staff = create_user(role=UserRole.STAFF)
    token = services.feed_token(staff, NOW)
    db.session.commit()

    response = client.get(f"/kalender/personlig/{token}/lokaler/{room.slug}.ics")

    [event] = events(response.data)
    assert str(event["SUMMARY"]) == SECRET
    assert "Fortroligt punkt" in str(event["DESCRIPTION"])
    assert event["UID"].startswith("staff-room-booking-")
    assert response.headers["Cache-Control"].startswith("private")


def test_a_personal_feed_holds_my_bookings_and_my_organisations_not_others(client, room, club, organiser,
                                                                          create_user, create_room, place):
    member = next(m.user for m in club.memberships if m.user != organiser)
    stranger = create_user(name="Fremmed Person")
    other_room = create_room("Studierum", location=place)
    book(member, room, soon(), title="Mit eget møde")
    book(organiser, other_room, soon(), organisation=club, title="Klubbens møde")
    book(stranger, other_room, soon() + timedelta(days=1), title="Andres møde")
    token = services.feed_token(member, NOW)
    db.session.commit()

    response = client.get(f"/kalender/personlig/{token}.ics")

    summaries = {str(e["SUMMARY"]) for e in events(response.data)}
    assert {"Mit eget møde", "Klubbens møde"} <= summaries
    assert "Andres møde" not in summaries
    assert all(str(e["UID"]).startswith(("mine-booking-", "mine-community-")) for e in events(response.data))


def test_a_cancelled_date_leaves_the_room_feed_and_is_marked_in_the_personal_feed(room, organiser, club):
    booking = book(organiser, room, date(2026, 3, 10), organisation=club, count=3)
    changes.cancel_occurrence(organiser, booking.occurrences[1], now=NOW, reason="Ferie")
    db.session.commit()

    public = events(feed_at(NOW, lambda now: services.room_source(room.slug).feed(now)))
    mine = {str(e["UID"]): e for e in events(feed_at(NOW, lambda now: services.personal_source(organiser).feed(now)))}

    assert len(public) == 2
    cancelled = mine[f"mine-booking-{booking.occurrences[1].id}@localhost"]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert str(cancelled["TRANSP"]) == "TRANSPARENT"


def test_a_booking_change_changes_the_etag_and_raises_the_sequence(client, room, organiser, club):
    booking = book(organiser, room, soon(), organisation=club, count=2, now=utcnow())
    url = f"/kalender/lokaler/{room.slug}.ics"
    first = client.get(url)
    assert client.get(url, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304

    occurrence = booking.occurrences[0]
    moved_start = occurrence.starts_at + timedelta(hours=1)
    changes.move_occurrence(organiser, occurrence, moved_start, moved_start + timedelta(hours=2), now=utcnow())
    db.session.commit()
    second = client.get(url, headers={"If-None-Match": first.headers["ETag"]})

    assert second.status_code == 200 and second.headers["ETag"] != first.headers["ETag"]
    before = {str(e["UID"]): int(e["SEQUENCE"]) for e in events(first.data)}
    after = {str(e["UID"]): (int(e["SEQUENCE"]), e["DTSTART"].dt) for e in events(second.data)}
    assert set(before) == set(after)  # the UIDs stay
    uid = f"room-booking-{occurrence.id}@localhost"
    assert after[uid][0] > before[uid]
    assert after[uid][1] == moved_start


def test_a_series_across_the_change_to_summer_time_expands_to_the_database_dates(room, organiser, club):
    booking = book(organiser, room, date(2026, 3, 17), organisation=club, count=5)  # 29 March is in it
    changes.cancel_occurrence(organiser, booking.occurrences[2], now=NOW)
    db.session.commit()

    body = feed_at(NOW, lambda now: services.room_source(room.slug).feed(now))
    found = [(start, end) for start, end, _s in expand(body, datetime(2026, 3, 1, tzinfo=UTC),
                                                       datetime(2026, 5, 1, tzinfo=UTC))]

    database = sorted((o.starts_at, o.ends_at) for o in booking.occurrences if o.active)
    assert found == database
    assert (datetime(2026, 3, 17, 16, 0, tzinfo=UTC), datetime(2026, 3, 17, 18, 0, tzinfo=UTC)) in found
    assert (datetime(2026, 4, 7, 15, 0, tzinfo=UTC), datetime(2026, 4, 7, 17, 0, tzinfo=UTC)) in found
    assert b"TZID=Europe/Copenhagen" in body


def test_a_community_holding_the_room_shows_once_in_the_room_feed(create_community, room):
    community = create_community()
    assert community.booking is not None

    body = feed_at(NOW, lambda now: services.room_source(room.slug).feed(now))

    uids = [str(e["UID"]) for e in events(body)]
    assert len(uids) == 1 and uids[0].startswith(f"room-{community.uid}")
    held = sorted((o.starts_at, o.ends_at) for o in community.booking.occurrences if o.active)
    found = [(s, e) for s, e, _t in expand(body, NOW, NOW + timedelta(days=120))]
    assert found == [slot for slot in held if slot[0] < NOW + timedelta(days=120)]


def test_the_room_and_place_pages_offer_their_feeds(client, room, place):
    with client.application.test_request_context():
        room_url, place_url = url_for("rooms.room", slug=room.slug), url_for("rooms.location", slug=place.slug)
    room_html = client.get(room_url).get_data(as_text=True)
    place_html = client.get(place_url).get_data(as_text=True)

    assert f"webcal://localhost/kalender/lokaler/{room.slug}.ics" in room_html
    assert f"webcal://localhost/kalender/faellesskaber/steder/{place.slug}.ics" in place_html
