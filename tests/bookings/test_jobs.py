"""The timer jobs: day-before reminders and expiring waitlist offers."""

from datetime import UTC, date, datetime, timedelta

from booking.bookings import mail
from booking.bookings.models import WaitStatus
from booking.extensions import db
from booking.notifications.models import OutboxMessage
from tests.factories import NOW


def test_reminders_go_out_once_for_tomorrows_approved_dates(place, book, create_user):
    dane = create_user(locale="da")
    tomorrow = book(dane, place.room, date(2026, 3, 3), "17:00", "19:00", title="Bogklub").booking
    book(place.citizen, place.room, date(2026, 3, 4), "17:00", "19:00")  # the day after: not yet
    place.room.requires_approval = True
    book(place.member, place.room, date(2026, 3, 3), "10:00", "11:00")  # pending: no reminder

    assert mail.send_reminders(NOW) == 1
    assert mail.send_reminders(NOW + timedelta(hours=1)) == 0
    [reminder] = db.session.query(OutboxMessage).filter_by(kind="booking_reminder").all()
    assert reminder.to_email == dane.email
    assert reminder.subject == "Påmindelse: Bogklub i morgen"
    assert "03.03.2026 17:00–19:00" in reminder.body
    assert tomorrow.occurrences[0].reminder_sent_at == NOW


def test_the_cli_commands_run(runner, place, book):
    # The commands use the real clock; a booking far ahead needs no reminder today.
    result = runner.invoke(args=["bookings", "send-reminders"])
    assert result.exit_code == 0 and "Queued 0 reminder(s)." in result.output
    result = runner.invoke(args=["bookings", "expire-offers"])
    assert result.exit_code == 0 and "Expired 0 offer(s)." in result.output


def test_expire_offers_command_passes_an_old_offer_on(runner, place, book, create_user):
    from booking.bookings import changes, waitlist
    from tests.bookings.conftest import at

    now = datetime.now(UTC)
    day = (now + timedelta(days=3)).date()
    blocker = book(place.citizen, place.room, day, "10:00", "12:00", now=now).booking
    starts_at, ends_at = at(day, "10:00", "12:00")
    first = waitlist.join_waitlist(place.member, place.room, starts_at, ends_at, title="A", now=now, auto_book=False)
    second = waitlist.join_waitlist(
        place.other_member, place.room, starts_at, ends_at, title="B", now=now, auto_book=False
    )
    changes.cancel_booking(place.citizen, blocker, now=now - timedelta(days=1, minutes=1))
    db.session.commit()
    assert first.status == WaitStatus.OFFERED

    result = runner.invoke(args=["bookings", "expire-offers"])

    assert "Expired 1 offer(s)." in result.output
    db.session.expire_all()
    assert (first.status, second.status) == (WaitStatus.EXPIRED, WaitStatus.OFFERED)
