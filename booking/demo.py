"""Demo data: a plausible Danish municipality, invented names and addresses.

Each feature's ``demo.seed(ctx)`` adds its part and may use what earlier features put in
``ctx`` (users, organisations, locations, rooms, ...). Random choices use a fixed seed, so
the demo looks the same every time; dates are relative to today, so it always looks current.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from booking.db import utcnow

DEMO_LOGINS: list[tuple[str, str, str]] = [
    ("Staff (personale)", "personale@folkebiblioteket.example", "demo-personale"),
    ("Association admin", "formand@skakklubben.example", "demo-forening"),
    ("Citizen (borger)", "borger@example.com", "demo-borger"),
    ("Administrator", "admin@folkebiblioteket.example", "demo-admin-2026"),
]


@dataclass
class DemoContext:
    now: datetime
    rng: random.Random
    users: dict[str, Any] = field(default_factory=dict)
    organisations: dict[str, Any] = field(default_factory=dict)
    locations: dict[str, Any] = field(default_factory=dict)
    rooms: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


def seed_all(now: datetime | None = None) -> DemoContext:
    from booking import FEATURES, feature_module
    from booking.extensions import db

    ctx = DemoContext(now=now or utcnow(), rng=random.Random(2026))
    for name in FEATURES:
        if name == "core":
            continue
        module = feature_module(name, "demo")
        if module is not None:
            module.seed(ctx)
            db.session.flush()
    _file_demo_mail()
    return ctx


def _file_demo_mail() -> None:
    """The demo's requests, receipts and decisions queued mail to invented addresses; file it
    as sent so a first start delivers none of it (the outbox still shows what was written)."""
    from sqlalchemy import update

    from booking.extensions import db
    from booking.notifications.models import OutboxMessage, OutboxStatus

    db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.status == OutboxStatus.PENDING)
        .values(status=OutboxStatus.SENT, sent_at=OutboxMessage.created_at)
    )
