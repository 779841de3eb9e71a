"""``flask seed-demo`` on an empty database: the Søby Kommune places and rooms, and every
public page of them renders."""

from __future__ import annotations

from sqlalchemy import select

from booking.extensions import db
from booking.rooms.models import BookingPolicy, Closure, Location, LocationKind, Room, RoomKind


def test_seed_demo(runner, client):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert "Demo data loaded." in result.output

    places = db.session.scalars(select(Location)).all()
    rooms = db.session.scalars(select(Room)).all()
    assert len(places) == 6
    assert sorted(place.kind for place in places).count(LocationKind.LIBRARY) == 4
    assert 14 <= len(rooms) <= 18
    assert {room.kind for room in rooms} >= set(RoomKind) - {RoomKind.OTHER}

    by_slug = {room.slug: room for room in rooms}
    assert [part.name for part in by_slug["salen"].parts] == ["Sal A", "Sal B"]
    assert by_slug["salen"].buffer_minutes > 0
    assert by_slug["makerspace-vaerkstedet"].booking_policy == BookingPolicy.STAFF
    study_rooms = [room for room in rooms if room.kind == RoomKind.STUDY_ROOM]
    assert study_rooms and all(
        room.booking_policy == BookingPolicy.EVERYONE and not room.requires_approval for room in study_rooms
    )
    assert {room.requires_approval for room in rooms} == {True, False}
    assert any(room.booking_policy == BookingPolicy.ORGANISATIONS for room in rooms)
    assert all(place.opening_hours for place in places)

    reasons = {(closure.location_id, closure.reason) for closure in db.session.scalars(select(Closure))}
    for place in places:
        assert (place.id, "Juleaftensdag") in reasons
        assert (place.id, "Nytårsaftensdag") in reasons
    assert any(closure.room is not None for closure in db.session.scalars(select(Closure)))

    for url in ["/steder", "/lokaler", *(f"/steder/{p.slug}" for p in places), *(f"/lokaler/{r.slug}" for r in rooms)]:
        assert client.get(url).status_code == 200, url


def test_seed_demo_twice_does_nothing_the_second_time(runner):
    runner.invoke(args=["seed-demo"])
    result = runner.invoke(args=["seed-demo"])
    assert "already has data" in result.output
