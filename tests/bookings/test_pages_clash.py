"""The booking form without JavaScript: a clash comes back as a list of the taken dates; a series
then offers "book the free dates only", a single slot "join the waitlist"."""

from __future__ import annotations

from datetime import timedelta
from html import unescape

from sqlalchemy import select

from booking.bookings.models import Booking, WaitlistEntry
from booking.extensions import db
from tests.bookings.conftest import counts, set_language
from tests.bookings.test_pages_writes import booking_form


def post(client, scene, **changes):
    response = client.post(f"/lokaler/{scene.place.room.slug}/book", data=booking_form(scene, **changes))
    return response, unescape(response.get_data(as_text=True))


def test_a_taken_single_slot_lists_the_clash_and_offers_the_waitlist(client, auth, scene):
    auth.login(scene.place.citizen)
    set_language(client, "da")
    before = counts()
    response, text = post(client, scene, start="18:00", end="20:00", title="Læsekreds")
    assert response.status_code == 200
    assert "Optaget på det tidspunkt, du valgte" in text
    assert "17.00" not in text.split("Optaget på det tidspunkt")[1].split("</ul>")[0]  # our wanted time is listed
    assert "18.00–20.00" in text
    assert 'value="waitlist"' in text and "Skriv mig på ventelisten" in text
    assert 'value="free_only"' not in text
    assert counts() == before

    response, _text = post(client, scene, start="18:00", end="20:00", title="Læsekreds", action="waitlist")
    assert response.status_code == 302 and "/mine-bookinger" in response.headers["Location"]
    entry = db.session.scalar(select(WaitlistEntry))
    assert entry.user_id == scene.place.citizen.id and entry.title == "Læsekreds"
    assert "Læsekreds" in client.get("/mine-bookinger").get_data(as_text=True)


def test_a_series_with_a_taken_date_lists_it_and_books_the_free_dates_only(client, auth, scene, book):
    # A second date of the would-be series is taken too: two clashes out of four dates.
    book(scene.place.citizen, scene.place.room, scene.day + timedelta(days=14), "18:00", "19:00", now=now())
    db.session.commit()
    auth.login(scene.place.org_admin)
    set_language(client, "en")
    series = {
        "start": "17:30",
        "end": "19:30",
        "title": "Skoleskak",
        "repeat": "weekly",
        "count": "4",
        "organisation": str(scene.place.association.id),
    }
    before = counts()
    response, text = post(client, scene, **series)
    assert response.status_code == 200
    clash_list = text.split("Taken at the time you chose")[1].split("</ul>")[0]
    assert clash_list.count("<li>") == 2
    assert 'value="free_only"' in text and "Book the free dates only" in text
    assert 'value="waitlist"' not in text
    assert counts() == before

    response, _text = post(client, scene, action="free_only", **series)
    assert response.status_code == 302
    booking = db.session.scalar(select(Booking).where(Booking.title == "Skoleskak"))
    assert len(booking.occurrences) == 2
    page = unescape(client.get(response.headers["Location"]).get_data(as_text=True))
    assert "2 dates were not booked" in page


def now():
    from booking.db import utcnow

    return utcnow()
