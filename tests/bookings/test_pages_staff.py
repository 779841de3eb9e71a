"""The staff's pages: the approval queue's filters and order, approving several at once, the
calendar of a place's rooms; and a booker's series: cancel a date and the rest."""

from __future__ import annotations

from datetime import timedelta
from html import unescape

from booking.bookings.models import BookingStatus
from booking.bookings.recurrence import Recurrence
from booking.db import utcnow
from booking.extensions import db
from tests.bookings.conftest import set_language


def text(response) -> str:
    assert response.status_code == 200
    return unescape(response.get_data(as_text=True))


def test_the_queue_filters_by_place_day_and_organisation(client, auth, scene, book, create_location, create_room):
    other_place = create_location("Egebjerg Bibliotek")
    far_room = create_room("Egestuen", location=other_place, requires_approval=True)
    book(scene.place.citizen, far_room, scene.day, "10:00", "11:00", title="Slægtsforskning", now=utcnow())
    db.session.commit()
    auth.login(scene.place.staff)
    set_language(client, "da")
    everything = text(client.get("/personale/godkendelser"))
    assert everything.index("Bestyrelsesmøde") < everything.index("Slægtsforskning")  # oldest first
    by_place = text(client.get(f"/personale/godkendelser?location={other_place.id}&day=&organisation="))
    assert "Slægtsforskning" in by_place and "Bestyrelsesmøde" not in by_place
    by_org = text(client.get(f"/personale/godkendelser?location=&day=&organisation={scene.place.association.id}"))
    assert "Bestyrelsesmøde" in by_org and "Slægtsforskning" not in by_org
    next_week = (scene.day + timedelta(days=7)).isoformat()
    by_day = text(client.get(f"/personale/godkendelser?location=&day={next_week}&organisation="))
    assert "Bestyrelsesmøde" in by_day and "Slægtsforskning" not in by_day  # the series' 2nd date
    bad = text(client.get("/personale/godkendelser?location=abc&day=nej&organisation="))
    assert "Skriv en dato, fx 2026-12-24." in bad


def test_approving_several_at_once(client, auth, scene, book):
    second = book(
        scene.place.member, scene.approval_room, scene.day, "13:00", "14:00", title="Turnering", now=utcnow()
    ).booking
    db.session.commit()
    auth.login(scene.place.staff)
    response = client.post(
        "/personale/godkendelser/godkend-flere", data={"booking_ids": [str(scene.pending.id), str(second.id)]}
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert scene.pending.status == second.status == BookingStatus.APPROVED
    # nothing chosen: a message, nothing written
    response = client.post("/personale/godkendelser/godkend-flere", data={}, follow_redirects=True)
    assert "Choose the bookings to approve." in text(response) or "Vælg de bookinger" in text(response)


def test_the_staff_calendar_shows_every_rooms_bookings_with_titles(client, auth, scene):
    auth.login(scene.place.staff)
    set_language(client, "da")
    day = scene.day.isoformat()
    week = text(client.get(f"/personale/kalender?location={scene.place.library.id}&day={day}&view=week"))
    assert "Skak for øvede" in week and "Bestyrelsesmøde" in week and "Studierummet" in week
    one_day = text(client.get(f"/personale/kalender?location={scene.place.library.id}&day={day}&view=day"))
    assert "Skak for øvede" in one_day and one_day.count('<th scope="col">') == 2  # room + one day


def test_cancel_a_date_and_the_rest_of_a_series(client, auth, scene, book):
    series = book(
        scene.place.member,
        scene.place.room,
        scene.day,
        "12:00",
        "13:00",
        title="Skoleskak",
        recurrence=Recurrence(count=4),
        now=utcnow(),
    ).booking
    db.session.commit()
    auth.login(scene.place.member)
    third = series.occurrences[2]
    url = f"/bookinger/{series.id}/datoer/{third.id}/aflys"
    assert "Denne dato og alle senere" in text(client.get(url)) or "This date and every later one" in text(
        client.get(url)
    )
    assert client.post(url, data={"scope": "following", "reason": "Sæsonen slutter"}).status_code == 302
    db.session.expire_all()
    assert [o.active for o in series.occurrences] == [True, True, False, False]
    assert series.status == BookingStatus.APPROVED


def test_move_a_date_to_another_room(client, auth, scene):
    auth.login(scene.place.org_admin)
    occurrence = scene.private.occurrences[0]
    url = f"/bookinger/{scene.private.id}/datoer/{occurrence.id}/flyt"
    data = {"room": str(scene.place.hall.id), "day": scene.day.isoformat(), "start": "17:00", "end": "19:00"}
    assert client.post(url, data=data).status_code == 302
    db.session.expire_all()
    assert occurrence.room_id == scene.place.hall.id and occurrence.moved_from_starts_at is not None


def test_the_staff_calendar_starts_on_a_place_without_complaint(client, auth, scene):
    auth.login(scene.place.staff)
    set_language(client, "da")
    page = text(client.get("/personale/kalender"))
    assert "Det valg er ikke gyldigt." not in page and "Mødelokalet" in page
