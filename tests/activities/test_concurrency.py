"""30 people sign up at the same moment for 10 seats: exactly 10 get a seat, 20 wait in the
order they were served, never 11 seats. Real threads, each with its own connection."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from booking.activities import registration as reg
from booking.activities.models import Activity, Registration, RegistrationStatus
from booking.extensions import db
from tests.factories import NOW

PEOPLE = 30
SEATS = 10


def sign_up_at_once(app, activity_id: int) -> list[BaseException]:
    start = threading.Barrier(PEOPLE)
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        with app.app_context():
            try:
                start.wait()  # before any query: on SQLite a query already takes the write lock
                activity = db.session.get(Activity, activity_id)
                reg.register(None, activity, reg.SignUp(f"Person {n}", f"person{n}@example.dk"), NOW)
                db.session.commit()
            except BaseException as error:  # collected and shown by the test
                db.session.rollback()
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


def check_outcome(activity_id: int) -> None:
    db.session.expire_all()
    rows = db.session.scalars(select(Registration).where(Registration.activity_id == activity_id)
                              .order_by(Registration.id)).all()  # fmt: skip
    confirmed = [r for r in rows if r.status == RegistrationStatus.CONFIRMED]
    waiting = [r for r in rows if r.status == RegistrationStatus.WAITLISTED]
    assert (len(rows), len(confirmed), len(waiting)) == (PEOPLE, SEATS, PEOPLE - SEATS)
    # Served one at a time: the first ten served have the seats, the rest wait in that order.
    assert [r.id for r in confirmed] == [r.id for r in rows[:SEATS]]
    activity = db.session.get(Activity, activity_id)
    assert [r.id for r in reg.waitlist(activity)] == [r.id for r in rows[SEATS:]]
    assert [reg.waitlist_position(r) for r in waiting] == list(range(1, PEOPLE - SEATS + 1))
    assert reg.confirmed_seats(activity) == SEATS
    assert len({r.email for r in rows}) == PEOPLE


def run_race(app, make_activity) -> None:
    activity_id = make_activity(capacity=SEATS, max_seats_per_registration=1).id
    db.session.commit()  # and touch nothing now: on SQLite a reload would take the write lock

    errors = sign_up_at_once(app, activity_id)

    assert errors == []
    check_outcome(activity_id)


# One connection per person, so all thirty really are in flight at once.
WIDE_POOL = pytest.mark.parametrize("app_config", [{"SQLALCHEMY_ENGINE_OPTIONS": {"pool_size": PEOPLE + 2}}])


@pytest.mark.postgres
@WIDE_POOL
def test_thirty_sign_ups_for_ten_seats_on_postgresql(app, make_activity, test_database):
    assert test_database.kind == "postgresql"
    run_race(app, make_activity)


@WIDE_POOL
def test_thirty_sign_ups_for_ten_seats_on_sqlite(app, make_activity, test_database):
    if test_database.kind != "sqlite":
        pytest.skip("this run uses PostgreSQL; the SQLite race runs in the SQLite run")
    run_race(app, make_activity)
