"""Every write route of the booking pages, tried by every role: the denied are sent to log in
(anonymous) or refused with 403 and nothing changes; the allowed change what they should.
Bad input comes back as a form error and writes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from booking.bookings import waitlist
from booking.bookings.models import Booking, BookingStatus, Occurrence, WaitlistEntry
from booking.extensions import db
from tests.bookings.conftest import at, counts, set_language

ROLES = ("anonymous", "citizen", "other_member", "member", "org_admin", "staff")


def fingerprint() -> tuple:
    bookings = db.session.execute(
        select(Booking.id, Booking.status, Booking.title, Booking.purpose).order_by(Booking.id)
    ).all()
    occurrences = db.session.execute(
        select(
            Occurrence.id, Occurrence.active, Occurrence.starts_at, Occurrence.room_id, Occurrence.attendance
        ).order_by(Occurrence.id)
    ).all()
    entries = db.session.execute(select(WaitlistEntry.id, WaitlistEntry.status).order_by(WaitlistEntry.id)).all()
    return counts(), bookings, occurrences, entries


def login(auth, scene, who: str) -> None:
    if who != "anonymous":
        auth.login(getattr(scene.place, who))


def requests_for(scene) -> dict[str, tuple[str, dict]]:
    s = scene
    booking, occurrence = s.private, s.private.occurrences[0]
    day = (s.day + timedelta(days=1)).isoformat()
    held = s.past.occurrences[0]
    return {
        "cancel": (f"/bookinger/{booking.id}/aflys", {"reason": "Sygdom"}),
        "cancel_date": (f"/bookinger/{booking.id}/datoer/{occurrence.id}/aflys", {"scope": "one", "reason": ""}),
        "edit": (
            f"/bookinger/{booking.id}/rediger",
            {"title": "Skak for alle", "purpose": "", "expected_attendees": "8"},
        ),
        "move": (
            f"/bookinger/{booking.id}/datoer/{occurrence.id}/flyt",
            {"room": str(s.place.room.id), "day": day, "start": "17:00", "end": "19:00"},
        ),
        "approve": (f"/personale/godkendelser/{s.pending.id}/godkend", {}),
        "approve_many": ("/personale/godkendelser/godkend-flere", {"booking_ids": [str(s.pending.id)]}),
        "reject": (f"/personale/godkendelser/{s.pending.id}/afvis", {"reason": "Lokalet skal males"}),
        "attendance": (f"/bookinger/{s.past.id}/datoer/{held.id}/fremmoede", {"attendance": "9"}),
    }


# Who may use each route (everyone else is refused).
ALLOWED = {
    "cancel": {"member", "org_admin", "staff"},
    "cancel_date": {"member", "org_admin", "staff"},
    "edit": {"member", "org_admin", "staff"},
    "move": {"member", "org_admin", "staff"},
    "approve": {"staff"},
    "approve_many": {"staff"},
    "reject": {"staff"},
    "attendance": {"staff"},
}

EFFECT = {
    "cancel": lambda s: s.private.status == BookingStatus.CANCELLED,
    "cancel_date": lambda s: s.private.status == BookingStatus.CANCELLED,  # its only date
    "edit": lambda s: s.private.title == "Skak for alle" and s.private.expected_attendees == 8,
    "move": lambda s: s.private.occurrences[0].starts_at == at(s.day + timedelta(days=1), "17:00", "19:00")[0],
    "approve": lambda s: s.pending.status == BookingStatus.APPROVED,
    "approve_many": lambda s: s.pending.status == BookingStatus.APPROVED,
    "reject": lambda s: (
        s.pending.status == BookingStatus.REJECTED and s.pending.decision_reason == "Lokalet skal males"
    ),
    "attendance": lambda s: s.past.occurrences[0].attendance == 9,
}


@pytest.mark.parametrize("route", sorted(ALLOWED))
def test_denied_roles_change_nothing(client, auth, scene, route):
    url, data = requests_for(scene)[route]
    before = fingerprint()
    for who in ROLES:
        if who in ALLOWED[route]:
            continue
        login(auth, scene, who)
        response = client.post(url, data=data)
        if who == "anonymous":
            assert response.status_code == 302 and "/konto/log-ind" in response.headers["Location"], who
        else:
            assert response.status_code == 403, (who, response.status_code)
            auth.logout()
        db.session.expire_all()
        assert fingerprint() == before, who


@pytest.mark.parametrize("route, who", [(route, who) for route in sorted(ALLOWED) for who in sorted(ALLOWED[route])])
def test_allowed_roles_make_the_change(client, auth, scene, route, who):
    url, data = requests_for(scene)[route]
    login(auth, scene, who)
    response = client.post(url, data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    db.session.expire_all()
    assert EFFECT[route](scene)


def test_a_post_without_the_form_token_is_refused(client, auth, scene):
    auth.login(scene.place.member)
    url, data = requests_for(scene)["cancel"]
    before = fingerprint()
    assert client.post(url, data=data, csrf=False).status_code == 400
    assert fingerprint() == before


def test_booking_a_room_for_someone_elses_organisation_is_refused(client, auth, scene):
    auth.login(scene.place.other_member)
    before = fingerprint()
    response = client.post(
        f"/lokaler/{scene.place.room.slug}/book",
        data=booking_form(scene, organisation=str(scene.place.association.id)),
    )
    assert response.status_code == 200 and "That choice is not valid." in response.get_data(as_text=True)
    assert fingerprint() == before


def test_a_staff_only_room_refuses_citizens(client, auth, scene, create_room):
    from booking.rooms.models import BookingPolicy

    closed = create_room("Personalerummet", location=scene.place.library, booking_policy=BookingPolicy.STAFF)
    db.session.commit()
    auth.login(scene.place.citizen)
    before = fingerprint()
    assert client.post(f"/lokaler/{closed.slug}/book", data=booking_form(scene)).status_code == 403
    assert fingerprint() == before


def test_anonymous_visitors_cannot_book(client, scene):
    before = fingerprint()
    response = client.post(f"/lokaler/{scene.place.room.slug}/book", data=booking_form(scene))
    assert response.status_code == 302 and "/konto/log-ind" in response.headers["Location"]
    assert fingerprint() == before


def booking_form(scene, **changes) -> dict:
    data = {
        "day": scene.day.isoformat(),
        "start": "12:00",
        "end": "14:00",
        "title": "Lektiecafé",
        "purpose": "",
        "expected_attendees": "6",
        "organisation": "",
        "repeat": "",
        "interval": "1",
        "until": "",
        "count": "",
        "action": "book",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"title": ""}, "Feltet skal udfyldes."),
        ({"end": "11:00"}, "Slutningen skal ligge efter starten."),
        ({"day": "31-02-2026"}, "Skriv en dato, fx 2026-12-24."),
        ({"start": "25:00"}, "Skriv et klokkeslæt"),
        ({"expected_attendees": "500"}, "Mødelokalet har plads til 12 personer."),
        ({"start": "12:07"}, "hele 15-minutters trin"),
        ({"repeat": "weekly", "count": "", "until": ""}, "Angiv enten en slutdato eller et antal datoer"),
        ({"repeat": "weekly", "until": "3026-01-01"}, "højst have 200 datoer"),
        ({"repeat": "yearly"}, "Det valg er ikke gyldigt."),
    ],
)
def test_bad_input_is_a_form_error_and_writes_nothing(client, auth, scene, changes, message):
    auth.login(scene.place.citizen)
    set_language(client, "da")
    before = fingerprint()
    response = client.post(f"/lokaler/{scene.place.room.slug}/book", data=booking_form(scene, **changes))
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert fingerprint() == before


def test_a_citizen_books_a_free_time(client, auth, scene):
    auth.login(scene.place.citizen)
    response = client.post(f"/lokaler/{scene.place.room.slug}/book", data=booking_form(scene))
    assert response.status_code == 302
    booking = db.session.scalar(select(Booking).where(Booking.title == "Lektiecafé"))
    assert booking.status == BookingStatus.APPROVED and booking.user_id == scene.place.citizen.id
    assert response.headers["Location"].endswith(f"/bookinger/{booking.id}")


def test_an_association_books_a_monthly_series(client, auth, scene):
    auth.login(scene.place.org_admin)
    data = booking_form(
        scene,
        organisation=str(scene.place.association.id),
        repeat="monthly_weekday",
        count="3",
        title="Generalforsamling",
    )
    assert client.post(f"/lokaler/{scene.place.room.slug}/book", data=data).status_code == 302
    booking = db.session.scalar(select(Booking).where(Booking.title == "Generalforsamling"))
    assert booking.organisation_id == scene.place.association.id and len(booking.occurrences) == 3


def test_edit_with_bad_input_writes_nothing(client, auth, scene):
    auth.login(scene.place.member)
    before = fingerprint()
    url = f"/bookinger/{scene.private.id}/rediger"
    response = client.post(url, data={"title": "x" * 201, "purpose": "", "expected_attendees": "0"})
    assert response.status_code == 200
    assert fingerprint() == before


def test_reject_needs_a_reason(client, auth, scene):
    auth.login(scene.place.staff)
    set_language(client, "da")
    before = fingerprint()
    url = f"/personale/godkendelser/{scene.pending.id}/afvis"
    response = client.post(url, data={"reason": ""})
    assert response.status_code == 200 and "Feltet skal udfyldes." in response.get_data(as_text=True)
    response = client.post(url, data={"reason": "  "})
    assert response.status_code == 200
    assert "Skriv til bookeren, hvorfor bookingen afvises." in response.get_data(as_text=True)
    assert fingerprint() == before


def test_attendance_of_a_coming_date_is_refused(client, auth, scene):
    auth.login(scene.place.staff)
    occurrence = scene.private.occurrences[0]
    before = fingerprint()
    response = client.post(f"/bookinger/{scene.private.id}/datoer/{occurrence.id}/fremmoede", data={"attendance": "3"})
    assert response.status_code == 200
    assert fingerprint() == before


def test_a_move_onto_a_taken_time_writes_nothing(client, auth, scene, book):
    book(scene.place.citizen, scene.place.room, scene.day + timedelta(days=1), "17:00", "18:00", now=scene_now())
    db.session.commit()
    auth.login(scene.place.member)
    before = fingerprint()
    url, data = requests_for(scene)["move"]
    response = client.post(url, data=data)
    assert response.status_code == 200
    assert fingerprint() == before


def scene_now():
    from booking.db import utcnow

    return utcnow()


@pytest.fixture
def offer(scene, book):
    """The citizen queues for the association's slot and is offered it when it is cancelled."""
    from booking.bookings import changes

    s = scene
    starts_at, ends_at = at(s.day, "17:00", "19:00")
    entry = waitlist.join_waitlist(
        s.place.citizen, s.place.room, starts_at, ends_at, title="Læsekreds", now=scene_now(), auto_book=False
    )
    changes.cancel_booking(s.place.member, s.private, now=scene_now())
    db.session.commit()
    assert entry.status.value == "offered"
    return entry


@pytest.mark.parametrize("who", ["anonymous", "other_member", "member", "staff"])
def test_only_the_offered_person_can_take_an_offer(client, auth, scene, offer, who):
    login(auth, scene, who)
    before = fingerprint()
    response = client.post(f"/venteliste/{offer.id}/accepter", data={})
    if who == "anonymous":
        assert response.status_code == 302 and "/konto/log-ind" in response.headers["Location"]
    else:
        assert response.status_code == 403
    assert fingerprint() == before


def test_the_offered_person_takes_the_time(client, auth, scene, offer):
    auth.login(scene.place.citizen)
    response = client.post(f"/venteliste/{offer.id}/accepter", data={})
    assert response.status_code == 302
    db.session.expire_all()
    assert offer.status.value == "booked" and offer.booking.title == "Læsekreds"


@pytest.mark.parametrize("who, allowed", [("other_member", False), ("citizen", True), ("staff", True)])
def test_leaving_the_queue(client, auth, scene, offer, who, allowed):
    login(auth, scene, who)
    before = fingerprint()
    response = client.post(f"/venteliste/{offer.id}/forlad", data={})
    db.session.expire_all()
    if allowed:
        assert response.status_code == 302 and offer.status.value == "withdrawn"
    else:
        assert response.status_code == 403 and fingerprint() == before
