"""Time the statistics page and a year's review snapshot for one location.

    .venv/bin/python benchmarks/stats_review.py [--url postgresql+psycopg://...] [--runs 15] [--reuse]

Builds a fresh database (a temporary SQLite file unless --url names an empty PostgreSQL
database, whose tables are dropped and rebuilt by the migrations), loads the demo
municipality, adds years of daily visitor counts for every place and thousands of
statements, then reports the median and worst of ``--runs`` requests of the statistics page
for the main library's year, and of computing that year's review snapshot. Targets:
page p50 < 500 ms, snapshot p50 < 1 s.

The main library also gets a year of bookings (2025) with 100 000 occurrences, written with
bulk inserts: series and single dates in every room, some pending, rejected, cancelled (a date
or the whole booking, at every lateness), no-shows, waitlist entries and empty free-room
searches, so every booking figure is computed from a full table. The figures of activities
join the measurement by themselves when their metrics are registered.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select, text

from booking import create_app
from booking.extensions import db


def build(url: str) -> None:
    from flask_migrate import upgrade

    from booking.demo import seed_all
    from booking.rooms.models import Location
    from booking.statements.models import AgeGroup, Channel, Statement, StatementKind
    from booking.visitors.models import CountSource, CountSpan, VisitorCount

    if url.startswith("postgresql"):
        db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        db.session.commit()
    upgrade()
    now = datetime(2026, 11, 20, 12, tzinfo=UTC)
    seed_all(now)
    places = db.session.scalars(select(Location)).all()
    existing = {(c.location_id, c.day) for c in db.session.scalars(select(VisitorCount))}
    rows = []
    for place in places:
        day = date(2016, 1, 1)
        while day < date(2026, 11, 1):
            if (place.id, day) not in existing:
                rows.append({"location_id": place.id, "span": CountSpan.DAY, "day": day, "visitors": 100,
                             "source": CountSource.IMPORT, "entered_at": now})  # fmt: skip
            day += timedelta(days=1)
    db.session.execute(VisitorCount.__table__.insert(), rows)
    statements = [
        {"kind": list(StatementKind)[n % 3], "said_on": date(2020, 1, 1) + timedelta(days=n % 2500),
         "location_id": places[n % len(places)].id, "room_id": None, "age_group": AgeGroup.ADULT,
         "channel": Channel.SURVEY, "text": "Et udsagn", "tags": "", "consent_to_quote": False,
         "citizen_name": None, "created_at": now, "updated_at": now}
        for n in range(20_000)
    ]  # fmt: skip
    db.session.execute(Statement.__table__.insert(), statements)
    db.session.commit()
    print(f"built: {len(rows)} visitor counts, {len(statements)} statements")
    seed_bookings(now)


def seed_bookings(now: datetime, slug: str = "hovedbiblioteket-soeby", occurrences: int = 100_000) -> None:
    """A year of bookings at one place, written as plain rows (claims are left out: no figure
    reads them)."""
    import random

    from sqlalchemy import func

    from booking.accounts.models import Organisation, User
    from booking.bookings.models import Booking, BookingStatus, Occurrence, SearchLog, WaitlistEntry, WaitStatus
    from booking.rooms.models import Location, Room

    rng = random.Random(2025)
    place = db.session.scalar(select(Location).where(Location.slug == slug))
    rooms = db.session.scalars(select(Room.id).where(Room.location_id == place.id, Room.active)).all()
    users = db.session.scalars(select(User.id)).all()
    organisations = [None, *db.session.scalars(select(Organisation.id)).all()]
    booking_id = (db.session.scalar(select(func.max(Booking.id))) or 0) + 1
    occurrence_id = (db.session.scalar(select(func.max(Occurrence.id))) or 0) + 1
    statuses = [BookingStatus.APPROVED] * 16 + [BookingStatus.PENDING, BookingStatus.REJECTED, BookingStatus.CANCELLED]
    bookings, dates = [], []
    first_day = datetime(2025, 1, 1, 7, tzinfo=UTC)
    while len(dates) < occurrences:
        status = rng.choice(statuses)
        count = rng.choice((1, 1, 1, 5, 10, 20))
        start = first_day + timedelta(days=rng.randrange(365 - count * 7 % 365), hours=rng.randrange(13))
        hours = rng.choice((1, 2, 2, 3, 4))
        created = start - timedelta(days=rng.randrange(1, 60))
        decided = None if status == BookingStatus.PENDING else created
        bookings.append({"id": booking_id, "user_id": rng.choice(users), "organisation_id": rng.choice(organisations),
                         "room_id": rng.choice(rooms), "title": "Møde", "public": False, "status": status,
                         "duration_minutes": hours * 60, "created_at": created, "decided_at": decided,
                         "cancelled_at": start if status == BookingStatus.CANCELLED else None})  # fmt: skip
        for n in range(count):
            starts = start + timedelta(days=7 * n)
            cancelled = status == BookingStatus.CANCELLED or rng.random() < 0.04
            dates.append({"id": occurrence_id, "booking_id": booking_id, "room_id": bookings[-1]["room_id"],
                          "starts_at": starts, "ends_at": starts + timedelta(hours=hours),
                          "active": status in (BookingStatus.APPROVED, BookingStatus.PENDING) and not cancelled,
                          "cancelled_at": starts - timedelta(hours=rng.choice((3, 30, 400))) if cancelled else None,
                          "no_show": rng.random() < 0.02})  # fmt: skip
            occurrence_id += 1
        booking_id += 1
    db.session.execute(Booking.__table__.insert(), bookings)
    db.session.execute(Occurrence.__table__.insert(), dates)
    waiting = [{"room_id": rng.choice(rooms), "user_id": rng.choice(users), "title": "Kø", "public": False,
                "starts_at": (at := first_day + timedelta(days=rng.randrange(365), hours=rng.randrange(12))),
                "ends_at": at + timedelta(hours=2), "auto_book": True, "created_at": at - timedelta(days=3),
                "status": rng.choice(list(WaitStatus))} for _ in range(5_000)]  # fmt: skip
    db.session.execute(WaitlistEntry.__table__.insert(), waiting)
    searches = [{"searched_at": (at := first_day + timedelta(days=rng.randrange(365), hours=rng.randrange(14))),
                 "wanted_starts_at": at + timedelta(days=2), "wanted_ends_at": at + timedelta(days=2, hours=2),
                 "people": 20, "equipment": "", "location_id": place.id} for _ in range(3_000)]  # fmt: skip
    db.session.execute(SearchLog.__table__.insert(), searches)
    if db.session.get_bind().dialect.name == "postgresql":
        for table in ("booking", "occurrence"):
            last = f"(SELECT max(id) FROM {table})"
            db.session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), {last})"))
        db.session.execute(text("ANALYZE"))
    db.session.commit()
    print(f"built: {len(bookings)} bookings with {len(dates)} occurrences, {len(waiting)} waitlist entries, "
          f"{len(searches)} empty searches")  # fmt: skip


def timed(action, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--reuse", action="store_true", help="time the database a previous run built")
    args = parser.parse_args()
    url = args.url or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite3'}"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True, "WTF_CSRF_ENABLED": False,
                      "RATELIMIT_ENABLED": False, "SECRET_KEY": "bench"})  # fmt: skip
    with app.app_context():
        if not args.reuse:
            build(url)
        from booking.review.figures import compute_snapshot
        from booking.rooms.models import Location

        place = db.session.scalar(select(Location).where(Location.slug == "hovedbiblioteket-soeby"))
        client = app.test_client()
        client.post("/konto/log-ind", data={"email": "personale@folkebiblioteket.example",
                                             "password": "demo-personale"})  # fmt: skip
        page = f"/personale/statistik?fra=2025-01-01&til=2025-12-31&omfang=location:{place.id}"
        assert client.get(page).status_code == 200
        # Each request and each snapshot in an application context of its own, as in production.

        def get_page():
            with app.app_context():
                client.get(page)

        def snapshot():
            with app.app_context():
                compute_snapshot(db.session.get(Location, place_id), 2025)

        place_id = place.id
        db.session.remove()  # the timed work runs in sessions of its own

        p50, worst = timed(get_page, args.runs)
        print(f"statistics page, one location, one year: p50 {p50:.0f} ms, max {worst:.0f} ms (target p50 < 500)")
        p50, worst = timed(snapshot, args.runs)
        print(f"review snapshot, one location, one year: p50 {p50:.0f} ms, max {worst:.0f} ms (target p50 < 1000)")


if __name__ == "__main__":
    main()
