"""The demo municipality's year of bookings: series, one-offs, every status, attendance, a
waitlist entry, and the booking pages show them."""

from __future__ import annotations

import time

from sqlalchemy import func, select

from booking.bookings.models import Booking, BookingStatus, Occurrence, WaitlistEntry
from booking.extensions import db
from booking.notifications.models import OutboxMessage, OutboxStatus


def test_the_demo_has_a_year_of_bookings(runner, client, auth):
    started = time.monotonic()
    result = runner.invoke(args=["seed-demo"])
    elapsed = time.monotonic() - started
    assert result.exit_code == 0, result.output
    assert elapsed < 60

    statuses = dict(db.session.execute(select(Booking.status, func.count()).group_by(Booking.status)).all())
    assert set(statuses) == set(BookingStatus)
    assert statuses[BookingStatus.APPROVED] > 30
    series = db.session.scalars(select(Booking).where(Booking.recurrence_rule.is_not(None))).all()
    assert len(series) >= 20 and max(len(b.occurrences) for b in series) >= 10
    assert db.session.scalar(select(func.count()).where(Occurrence.attendance.is_not(None))) > 100
    assert db.session.scalar(select(func.count()).where(Occurrence.no_show.is_(True))) >= 1
    assert db.session.scalar(select(func.count()).select_from(WaitlistEntry)) == 1
    pending_mail = select(func.count()).where(OutboxMessage.status == OutboxStatus.PENDING)
    assert db.session.scalar(pending_mail) == 0  # the demo's past mails are not sent again

    auth.login("personale@folkebiblioteket.example", "demo-personale")
    for url in ("/personale/godkendelser", "/personale/kalender?view=week", "/find-lokale", "/mine-bookinger"):
        assert client.get(url).status_code == 200, url
    auth.logout()
    auth.login("formand@skakklubben.example", "demo-forening")
    page = client.get("/mine-bookinger?vis=alle").get_data(as_text=True)
    assert "Klubaften i Springeren" in page
