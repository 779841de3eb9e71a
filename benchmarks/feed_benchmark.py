"""Benchmark: the all-communities feed with 500 weekly communities.

Measures the cold generation of the feed (a full GET) and a warm revalidation (GET with
If-None-Match, answered 304). Targets: < 200 ms cold, < 5 ms for the 304.

    .venv/bin/python benchmarks/feed_benchmark.py            # a temporary SQLite database
    TEST_DATABASE_URL=postgresql+psycopg://... .venv/bin/python benchmarks/feed_benchmark.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time as clock
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from booking import create_app
from booking.accounts.models import MemberRole, Membership, Organisation, User, UserRole
from booking.communities import schedule, services
from booking.extensions import db
from booking.rooms.models import Location, OpeningHours

COMMUNITIES = 500
RUNS = 20
NOW = datetime.now(UTC)
URL = "/kalender/faellesskaber.ics"


def database_url(tmp: str) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    return url if url else f"sqlite:///{tmp}/bench.sqlite3"


def seed() -> None:
    staff = User(email="staff@example.org", name="Staff", password_hash="x", role=UserRole.STAFF, created_at=NOW)
    admin = User(email="admin@example.org", name="Formand", password_hash="x", created_at=NOW)
    club = Organisation(name="Klubben", slug="klubben", created_at=NOW)
    db.session.add_all([staff, admin, club, Membership(user=admin, organisation=club, role=MemberRole.ADMIN)])
    places = []
    for n in range(10):
        place = Location(name=f"Bibliotek {n}", slug=f"bibliotek-{n}", address=f"Vej {n}", postal_code="8000",
                         city="Søby", created_at=NOW)
        place.opening_hours = [OpeningHours(weekday=d, opens=time(8), closes=time(22)) for d in range(7)]
        places.append(place)
    db.session.add_all(places)
    db.session.flush()
    weekdays = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
    today = NOW.date()
    for n in range(COMMUNITIES):
        data = services.CommunityData(
            title=f"Fællesskab nr. {n}: skak, strik; sprog", summary="Kom og vær med – alle er velkomne.",
            description="En beskrivelse med æøå, kommaer, semikolon; og\nlinjeskift.\n" * 3,
            category="games", target_group="everyone", contact_name="Kontakt Person", location_id=places[n % 10].id,
            schedule=services.ScheduleData(
                f"FREQ=WEEKLY;BYDAY={weekdays[n % 7]}", time(17), time(19), date(today.year - 1, 1, 1)
            ),
        )
        community = services.propose_community(admin, club, data, NOW)
        services.approve(staff, community, NOW)
        first = schedule.upcoming(community, NOW, days=30, limit=3)
        if n % 5 == 0 and first:
            schedule.cancel_date(staff, community, first[0].original_date, "Aflyst", NOW)
        if n % 7 == 0 and len(first) > 1:
            day = first[1].original_date
            schedule.move_date(staff, community, day, day + timedelta(days=1), time(18), time(20), None, NOW)
    db.session.commit()


def timed(client, **headers) -> tuple[float, object]:
    start = clock.perf_counter()
    response = client.get(URL, headers=headers)
    return (clock.perf_counter() - start) * 1000, response


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"SQLALCHEMY_DATABASE_URI": database_url(tmp), "SECRET_KEY": "bench",
                          "RATELIMIT_ENABLED": False, "PUBLIC_BASE_URL": "https://bibliotek.example"})
        with app.app_context():
            from flask_migrate import upgrade

            if os.environ.get("TEST_DATABASE_URL"):
                db.drop_all()
                with db.engine.begin() as conn:
                    conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
            upgrade()
            seed()
            client = app.test_client()
            timed(client)  # first request of the process: imports, template and zone caches
            cold = [timed(client)[0] for _ in range(RUNS)]
            _ms, response = timed(client)
            etag = response.headers["ETag"]
            warm = [timed(client, **{"If-None-Match": etag})[0] for _ in range(RUNS)]
            status = timed(client, **{"If-None-Match": etag})[1].status_code
            print(f"database: {db.engine.dialect.name}; {COMMUNITIES} weekly communities")
            print(f"feed size: {len(response.data) / 1024:.0f} KiB")
            print(f"cold GET: median {statistics.median(cold):.1f} ms, max {max(cold):.1f} ms")
            print(f"304 revalidation (status {status}): median {statistics.median(warm):.2f} ms, "
                  f"max {max(warm):.2f} ms")
            if os.environ.get("TEST_DATABASE_URL"):
                db.session.remove()
                db.drop_all()


if __name__ == "__main__":
    main()
