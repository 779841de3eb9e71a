"""Throughput and latency of the JSON API on PostgreSQL, behind gunicorn.

    .venv/bin/python benchmarks/api.py --url postgresql+psycopg://postgres@127.0.0.1:5432/booking_bench
        [--seconds 10] [--clients 8] [--workers N] [--threads 4] [--skip-build]

Builds the database (its tables are dropped and rebuilt by the migrations) with 40 rooms in
5 places and 100 000 occurrences (with their bookings and claims), starts gunicorn with as
many workers as cores, and prints in one run:

(a) requests/s of a trivial JSON endpoint of the app (GET /api/v1/);
(b) requests/s of a bare endpoint registered only by the benchmark (benchmarks/api_app.py):
    one raw SQL INSERT of an occurrence and its claim under the exclusion constraint, commit;
(c) requests/s of POST /api/v1/bookings with a personal token (auth, validation, rules,
    conflict check, history, outbox), every request a new free slot;
(d) latency (p50, p95) of availability for all rooms over 30 days, and of the free-room
    search over all rooms.
Targets: (c) >= 50 % of (b); (d) p50 < 50 ms. Durability is the server's default
(synchronous_commit on); every request is its own transaction.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ROOMS_PER_PLACE, PLACES, OCCURRENCES = 8, 5, 100_000
TZ = ZoneInfo("Europe/Copenhagen")


def config(url: str) -> dict:
    return {
        "SQLALCHEMY_DATABASE_URI": url,
        "SECRET_KEY": "benchmark-secret",
        "MAIL_BACKEND": "none",
        "MAIL_DELIVER_AFTER_REQUEST": False,
        "RATELIMIT_ENABLED": False,
    }


def fresh_tokens(url: str, clients: int) -> list[str]:
    """New tokens for the benchmark's users of an already built database (--skip-build)."""
    from sqlalchemy import select

    from booking import create_app
    from booking.accounts.models import User
    from booking.api.tokens import create_token
    from booking.extensions import db

    app = create_app(config(url))
    with app.app_context():
        users = db.session.scalars(select(User).where(User.email.like("bench%")).order_by(User.id)).all()
        secrets = [create_token(user, name="bench", now=datetime.now(UTC))[1] for user in users[: clients + 1]]
        db.session.commit()
        db.engine.dispose()
    return secrets


def build(url: str, clients: int) -> list[str]:
    """A fresh schema, the places, rooms and 100 000 occurrences; returns one token per client
    (and one more for the reads)."""
    from flask_migrate import upgrade
    from sqlalchemy import text

    from booking import create_app
    from booking.accounts.models import User
    from booking.api.tokens import create_token
    from booking.bookings.models import Booking, Claim, Occurrence
    from booking.extensions import db
    from booking.rooms.models import Location, OpeningHours, Room

    app = create_app(config(url))
    with app.app_context():
        db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        db.session.commit()
        upgrade()
        now = datetime.now(UTC)
        rooms = []
        for p in range(PLACES):
            place = Location(name=f"Bibliotek {p}", slug=f"bibliotek-{p}", address="Vej 1", postal_code="8000",
                             city="Søby", closed_on_public_holidays=False, created_at=now)  # fmt: skip
            for weekday in range(7):
                place.opening_hours.append(OpeningHours(weekday=weekday, opens=clock(7), closes=clock(23)))
            db.session.add(place)
            for r in range(ROOMS_PER_PLACE):
                rooms.append(Room(location=place, name=f"Lokale {p}.{r}", slug=f"lokale-{p}-{r}", capacity=20,
                                  requires_approval=False, min_notice_hours=0, horizon_days=365,
                                  max_duration_minutes=480, created_at=now))  # fmt: skip
        db.session.add_all(rooms)
        users = [User(email=f"bench{i}@example.org", name=f"Bench {i}", password_hash="x", created_at=now)
                 for i in range(clients + 1)]  # fmt: skip
        db.session.add_all(users)
        db.session.flush()
        secrets = [create_token(user, name="bench", now=now)[1] for user in users]

        today = now.astimezone(TZ).date()
        bookings, occurrences, claims = [], [], []
        n = 0
        day_offset = -690
        while n < OCCURRENCES:
            day = today + timedelta(days=day_offset)
            for room in rooms:
                for hour in (9, 13, 17, 20)[: 3 + (day.toordinal() + room.id) % 2]:
                    if n >= OCCURRENCES:
                        break
                    n += 1
                    starts = datetime.combine(day, clock(hour), TZ).astimezone(UTC)
                    ends = starts + timedelta(hours=2)
                    user = users[n % len(users)]
                    bookings.append({"id": n, "user_id": user.id, "room_id": room.id, "title": f"Møde {n}",
                                     "public": n % 3 == 0, "status": "approved", "duration_minutes": 120,
                                     "created_at": now})  # fmt: skip
                    occurrences.append({"id": n, "booking_id": n, "room_id": room.id, "starts_at": starts,
                                        "ends_at": ends, "active": True, "no_show": False})  # fmt: skip
                    claims.append({"id": n, "occurrence_id": n, "room_id": room.id, "starts_at": starts,
                                   "blocked_until": ends, "active": True})  # fmt: skip
            day_offset += 1
        for model, rows in ((Booking, bookings), (Occurrence, occurrences), (Claim, claims)):
            for i in range(0, len(rows), 5000):
                db.session.execute(model.__table__.insert(), rows[i : i + 5000])
            db.session.execute(text(f"SELECT setval('{model.__tablename__}_id_seq', {n})"))
        db.session.commit()
        db.session.execute(text("ANALYZE"))
        db.session.commit()
        print(f"built: {len(rooms)} rooms, {n} occurrences up to {today + timedelta(days=day_offset)}")
        db.engine.dispose()
    return secrets


# --- load ------------------------------------------------------------------------------------


class Client:
    def __init__(self, base: str):
        parts = urlsplit(base)
        self.conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)

    def request(self, method: str, path: str, body=None, headers=None) -> int:
        data = json.dumps(body).encode() if body is not None else None
        hdrs = {"Content-Type": "application/json", **(headers or {})}
        self.conn.request(method, path, body=data, headers=hdrs)
        response = self.conn.getresponse()
        response.read()
        return response.status


def throughput(base: str, clients: int, seconds: float, make_request) -> tuple[float, int]:
    """Requests/s with ``clients`` threads each sending ``make_request(i, k)`` -> (method,
    path, body, headers) over a kept-alive connection for ``seconds``. Returns (rate, errors)."""
    done, errors = [0] * clients, [0] * clients
    stop = time.monotonic() + seconds
    start_barrier = threading.Barrier(clients + 1)

    def run(i: int) -> None:
        client = Client(base)
        k = 0
        start_barrier.wait()
        while time.monotonic() < stop:
            status = client.request(*make_request(i, k))
            k += 1
            if 200 <= status < 300:
                done[i] += 1
            else:
                errors[i] += 1

    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    start_barrier.wait()
    began = time.monotonic()
    for thread in threads:
        thread.join()
    return sum(done) / (time.monotonic() - began), sum(errors)


def latency(base: str, path: str, headers: dict, runs: int) -> tuple[float, float]:
    client = Client(base)
    client.request("GET", path, headers=headers)  # warm
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        status = client.request("GET", path, headers=headers)
        times.append((time.perf_counter() - began) * 1000)
        assert status == 200, status
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def start_server(url: str, workers: int, threads: int, port: int) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "FLASK_SQLALCHEMY_DATABASE_URI": url,
           "FLASK_SECRET_KEY": "benchmark-secret", "FLASK_MAIL_BACKEND": "none",
           "FLASK_MAIL_DELIVER_AFTER_REQUEST": "false", "FLASK_RATELIMIT_ENABLED": "false",
           "FLASK_LOG_LEVEL": "WARNING",
           "FLASK_SQLALCHEMY_ENGINE_OPTIONS": json.dumps({"pool_size": threads + 1})}  # fmt: skip
    command = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
               "--worker-class", "gthread", "--threads", str(threads), "--log-level", "warning",
               "--chdir", str(ROOT / "instance"), "benchmarks.api_app:create()"]  # fmt: skip
    (ROOT / "instance").mkdir(exist_ok=True)
    process = subprocess.Popen(command, env=env)
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            if Client(base).request("GET", "/api/v1/") == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("gunicorn did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True, help="an expendable PostgreSQL database")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--skip-build", action="store_true", help="reuse the database of an earlier run")
    parser.add_argument("--first-day", type=int, default=40, help="days ahead of the first slot booked in (c)")
    args = parser.parse_args()

    secrets = fresh_tokens(args.url, args.clients) if args.skip_build else build(args.url, args.clients)
    auth = [{"Authorization": f"Bearer {secret}"} for secret in secrets]
    rooms = PLACES * ROOMS_PER_PLACE
    today = datetime.now(TZ).date()
    server = start_server(args.url, args.workers, args.threads, args.port)
    base = f"http://127.0.0.1:{args.port}"
    print(f"gunicorn: {args.workers} workers x {args.threads} threads; {args.clients} clients; {args.seconds:g} s each")
    try:
        trivial, errors_a = throughput(base, args.clients, args.seconds, lambda i, k: ("GET", "/api/v1/", None, None))
        print(f"(a) trivial JSON endpoint        {trivial:8.1f} req/s  (errors {errors_a})")

        def slot(i: int, k: int, first_day: int) -> tuple[int, date, int]:
            n = k * args.clients + i
            return 1 + n % rooms, today + timedelta(days=first_day + (n // rooms) // 15), 7 + (n // rooms) % 15

        def raw(i: int, k: int):
            room, day, hour = slot(i, k, 400 + args.first_day)
            starts = datetime.combine(day, clock(hour), TZ).astimezone(UTC)
            body = {"booking_id": 1, "room_id": room, "starts_at": starts.isoformat(),
                    "ends_at": (starts + timedelta(hours=1)).isoformat()}  # fmt: skip
            return "POST", "/bench/raw-insert", body, None

        bare, errors_b = throughput(base, args.clients, args.seconds, raw)
        print(f"(b) bare INSERT + commit         {bare:8.1f} req/s  (errors {errors_b})")

        def create(i: int, k: int):
            room, day, hour = slot(i, k, args.first_day)
            body = {"room_id": room, "title": "Bestyrelsesmøde", "expected_attendees": 8,
                    "starts_at": f"{day}T{hour:02d}:00", "ends_at": f"{day}T{hour + 1:02d}:00"}  # fmt: skip
            return "POST", "/api/v1/bookings", body, auth[i]

        booking, errors_c = throughput(base, args.clients, args.seconds, create)
        print(f"(c) POST /api/v1/bookings        {booking:8.1f} req/s  (errors {errors_c}); "
              f"{100 * booking / bare:.0f} % of (b), target >= 50 %")  # fmt: skip

        start, end = today.isoformat(), (today + timedelta(days=30)).isoformat()
        p50, p95 = latency(base, f"/api/v1/availability?start={start}T00:00&end={end}T00:00", auth[-1], args.runs)
        print(f"(d) availability, {rooms} rooms, 30 days: p50 {p50:.1f} ms, p95 {p95:.1f} ms (target p50 < 50 ms)")
        p50, p95 = latency(base, f"/api/v1/free-rooms?start={start}T00:00&end={end}T00:00", auth[-1], args.runs)
        print(f"    free-room search, all rooms, 30 days: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
        day = today + timedelta(days=3)
        p50, p95 = latency(base, f"/api/v1/free-rooms?start={day}T10:00&end={day}T12:00", auth[-1], args.runs)
        print(f"    free-room search, all rooms, one slot: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
