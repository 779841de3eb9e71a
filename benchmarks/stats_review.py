"""Time the statistics page and a year's review snapshot for one location.

    .venv/bin/python benchmarks/stats_review.py [--url postgresql+psycopg://...] [--runs 15]

Builds a fresh database (a temporary SQLite file unless --url names an empty PostgreSQL
database, whose tables are dropped and rebuilt by the migrations), loads the demo
municipality, adds years of daily visitor counts for every place and thousands of
statements, then reports the median and worst of ``--runs`` requests of the statistics page
for the main library's year, and of computing that year's review snapshot. Targets:
page p50 < 500 ms, snapshot p50 < 1 s.

The figures of the booking core and activities join the measurement by themselves when their
metrics are registered; a seeder for 100 000 occurrences belongs next to them.
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
    args = parser.parse_args()
    url = args.url or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite3'}"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True, "WTF_CSRF_ENABLED": False,
                      "RATELIMIT_ENABLED": False, "SECRET_KEY": "bench"})  # fmt: skip
    with app.app_context():
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
