"""The app as served, plus one bare endpoint that only the benchmark registers: a single raw
SQL INSERT of an occurrence and its claim under the exclusion constraint, then a commit.
Its throughput is the database's ceiling for any booking endpoint.

    gunicorn "benchmarks.api_app:create()"
"""

from __future__ import annotations

from flask import Blueprint, jsonify, request
from sqlalchemy import text

from booking import create_app
from booking.extensions import csrf, db

RAW_INSERT = text(
    """
    WITH o AS (
        INSERT INTO occurrence (booking_id, room_id, starts_at, ends_at, active, no_show)
        VALUES (:booking_id, :room_id, :starts_at, :ends_at, true, false)
        RETURNING id, room_id, starts_at, ends_at
    )
    INSERT INTO claim (occurrence_id, room_id, starts_at, blocked_until, active)
    SELECT id, room_id, starts_at, ends_at, true FROM o
    """
)

bare = Blueprint("bench", __name__)
csrf.exempt(bare)


@bare.post("/bench/raw-insert")
def raw_insert():
    data = request.get_json(force=True)
    db.session.execute(RAW_INSERT, data)
    db.session.commit()
    return jsonify(ok=True), 201


def create():
    app = create_app()
    app.register_blueprint(bare)
    return app
