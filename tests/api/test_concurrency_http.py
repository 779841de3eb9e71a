"""Twenty clients posting the same slot at once to a real gunicorn server on PostgreSQL:
exactly one gets 201, the other nineteen 409, and the database holds no overlap."""

import threading

import pytest

from booking.extensions import db
from tests.api.server import gunicorn, post_json
from tests.bookings.test_concurrency import assert_no_overlap

THREADS = 20


@pytest.mark.postgres
def test_twenty_clients_post_the_same_slot_exactly_one_wins(app, place, create_user, token_for, payload, tmp_path):
    users = [create_user() for _ in range(THREADS)]
    headers = [token_for(user) for user in users]
    body = payload()
    db.session.commit()
    results: list[tuple[int, dict] | None] = [None] * THREADS

    with gunicorn(app.config["SQLALCHEMY_DATABASE_URI"], instance=tmp_path) as base:
        barrier = threading.Barrier(THREADS)

        def attempt(i: int) -> None:
            barrier.wait(timeout=30)
            results[i] = post_json(f"{base}/api/v1/bookings", {**body, "title": f"Forsøg {i}"}, headers[i])

        threads = [threading.Thread(target=attempt, args=(i,)) for i in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)

    statuses = sorted(status for status, _body in results)
    assert statuses == [201] + [409] * (THREADS - 1), results
    assert all(body["error"]["code"] == "conflict" for status, body in results if status == 409)
    assert len(assert_no_overlap()) == 1
