"""``flask seed-demo``: a year of activities with sign-ups, sold-out dates with waitlists,
cancellations and attendance, and their pages render."""

from __future__ import annotations

from sqlalchemy import func, select

from booking.activities.models import Activity, ActivityStatus, Registration, RegistrationStatus
from booking.extensions import db
from booking.notifications.models import OutboxMessage


def test_seed_demo_has_a_year_of_activities(runner, client, auth):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output

    activities = db.session.scalars(select(Activity)).all()
    statuses = {status for status in (a.status for a in activities)}
    assert statuses == set(ActivityStatus)
    assert len(activities) > 100
    days = sorted(a.starts_at for a in activities)
    assert (days[-1] - days[0]).days > 300
    assert any(a.sold_out_at for a in activities)
    assert all(a.cancel_reason for a in activities if a.status == ActivityStatus.CANCELLED)
    assert all(a.attendance_count is not None for a in activities if a.status == ActivityStatus.COMPLETED)
    counted = dict(db.session.execute(select(Registration.status, func.count()).group_by(Registration.status)).all())
    assert set(counted) == set(RegistrationStatus)
    activity_bookings = select(Activity.booking_id).where(Activity.booking_id.is_not(None))
    demo_mail = select(func.count()).select_from(OutboxMessage).where(
        (OutboxMessage.subject_type == "registration")
        | ((OutboxMessage.subject_type == "booking") & OutboxMessage.subject_id.in_(activity_bookings))
    )
    assert db.session.scalar(demo_mail) == 0  # no demo mail to registrants or about the activities' rooms
    assert db.session.scalar(select(func.count()).select_from(Activity).where(Activity.booking_id.is_not(None))) > 50

    upcoming = next(a for a in activities if a.status == ActivityStatus.PUBLISHED)
    assert client.get("/arrangementer").status_code == 200
    assert client.get(f"/arrangementer/{upcoming.id}").status_code == 200
    auth.login("personale@folkebiblioteket.example", "demo-personale")
    for url in ("/personale/arrangementer", f"/personale/arrangementer/{upcoming.id}",
                "/personale/arrangementer/overblik"):  # fmt: skip
        assert client.get(url).status_code == 200, url
