"""Many people booking the same slot at the same moment: exactly one gets it.

Real threads, each with its own app context, session and database connection. On PostgreSQL
the exclusion constraint decides; on SQLite every transaction is BEGIN IMMEDIATE, so the
check and the insert of one request cannot interleave with another's.
"""

import threading
from datetime import date, timedelta

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from booking.accounts.models import User
from booking.bookings import services
from booking.bookings.models import Booking, Claim
from booking.errors import Conflict
from booking.extensions import db
from booking.rooms.models import Room
from tests.bookings.conftest import at
from tests.factories import NOW

THREADS = 20
DAY = date(2026, 3, 10)


POOL = pytest.mark.parametrize("app_config", [{"SQLALCHEMY_ENGINE_OPTIONS": {"pool_size": THREADS + 2}}])


def race(app, attempts):
    """Run ``attempts`` (room_id, user_id, starts_at, ends_at) at once; returns the outcomes."""
    db.session.commit()  # the test's own session must not hold SQLite's write lock meanwhile
    barrier = threading.Barrier(len(attempts))
    outcomes: list[str] = [""] * len(attempts)

    def attempt(i, room_id, user_id, starts_at, ends_at):
        with app.app_context():
            try:
                barrier.wait(timeout=30)
                room, user = db.session.get(Room, room_id), db.session.get(User, user_id)
                services.create_booking(user, room, starts_at, ends_at, title=f"Forsøg {i}", now=NOW)
                db.session.commit()
                outcomes[i] = "booked"
            except Conflict:
                db.session.rollback()
                outcomes[i] = "conflict"
            except Exception as exc:  # reported by the assertion below, never swallowed
                db.session.rollback()
                outcomes[i] = f"error: {exc!r}"

    threads = [threading.Thread(target=attempt, args=(i, *a)) for i, a in enumerate(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


def assert_no_overlap():
    db.session.expire_all()
    claims = db.session.execute(
        select(Claim.room_id, Claim.starts_at, Claim.blocked_until).where(Claim.active.is_(True))
    ).all()
    for i, (room_a, start_a, end_a) in enumerate(claims):
        for room_b, start_b, end_b in claims[i + 1 :]:
            assert not (room_a == room_b and start_a < end_b and start_b < end_a)
    return claims


@POOL
def test_twenty_at_once_on_overlapping_slots_exactly_one_wins(app, place):
    attempts = []
    for i in range(THREADS):
        starts_at, _ = at(DAY, "10:00", "11:00")
        starts_at += timedelta(minutes=15 * (i % 4))
        user = (place.citizen, place.member, place.other_member, place.org_admin)[i % 4]
        attempts.append((place.room.id, user.id, starts_at, starts_at + timedelta(hours=1)))

    outcomes = race(app, attempts)

    assert outcomes.count("booked") == 1, outcomes
    assert outcomes.count("conflict") == THREADS - 1, outcomes
    assert len(assert_no_overlap()) == 1


@POOL
def test_hall_and_parts_at_once_exactly_one_wins(app, place):
    rooms = (place.hall, place.part_a, place.part_b, place.hall)
    attempts = []
    for i in range(THREADS):
        starts_at, ends_at = at(DAY, "10:00", "12:00")
        attempts.append((rooms[i % 4].id, place.citizen.id, starts_at, ends_at))

    outcomes = race(app, attempts)

    # Either the whole hall won alone, or each part was taken once.
    booked = outcomes.count("booked")
    assert booked in (1, 2), outcomes
    assert outcomes.count("conflict") == THREADS - booked, outcomes
    assert_no_overlap()


@pytest.mark.postgres
def test_the_database_itself_refuses_an_overlapping_claim(app, place, book):
    first = book(place.citizen, place.room, DAY, "10:00", "12:00").occurrences[0]
    db.session.commit()
    with pytest.raises(IntegrityError, match="ex_claim_no_overlap"):
        db.session.execute(
            text(
                "INSERT INTO claim (occurrence_id, room_id, starts_at, blocked_until, active) "
                "VALUES (:o, :r, :s, :e, true)"
            ),
            {
                "o": first.id,
                "r": place.room.id,
                "s": first.starts_at + timedelta(hours=1),
                "e": first.ends_at + timedelta(hours=1),
            },
        )
    db.session.rollback()
    # An inactive claim (a cancelled date) does not count.
    db.session.execute(
        text(
            "INSERT INTO claim (occurrence_id, room_id, starts_at, blocked_until, active) "
            "VALUES (:o, :r, :s, :e, false)"
        ),
        {"o": first.id, "r": place.room.id, "s": first.starts_at, "e": first.ends_at},
    )


@pytest.mark.postgres
def test_a_clash_only_the_database_sees_becomes_a_conflict_naming_the_slot(place, book, monkeypatch, english):
    """As if another request took the slot between our check and our insert."""
    from booking.bookings import claims

    book(place.citizen, place.room, DAY, "10:00", "12:00")
    db.session.commit()
    real = claims.find_clashes
    calls = []

    def blind_first(*args, **kwargs):
        calls.append(1)
        return [] if len(calls) == 1 else real(*args, **kwargs)

    monkeypatch.setattr(claims, "find_clashes", blind_first)
    with pytest.raises(Conflict, match=r"already booked at: 10\.03\.2026 11:00–13:00"):
        book(place.member, place.room, DAY, "11:00", "13:00")
    # The savepoint kept the session usable and nothing of the refused booking is left.
    db.session.commit()
    assert len(assert_no_overlap()) == 1
    assert db.session.query(Booking).count() == 1
