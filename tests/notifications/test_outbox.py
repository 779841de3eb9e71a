"""Mail goes through the outbox: queued with the change, delivered after the commit."""

from datetime import timedelta

from booking.extensions import db
from booking.notifications.models import OutboxStatus
from booking.notifications.services import MAX_ATTEMPTS, deliver_pending, purge_sent, queue_mail
from tests.factories import NOW
from tests.mail import outbox


def queue_reset_mail(locale: str = "da"):
    return queue_mail(
        kind="password_reset",
        to_email="karen@example.dk",
        to_name="Karen",
        locale=locale,
        context={"reset_url": "http://localhost/konto/nulstil/abc", "hours": 2},
        now=NOW,
    )


def test_a_mail_is_rendered_in_the_recipients_language(app):
    danish, english = queue_reset_mail("da"), queue_reset_mail("en")

    assert danish.subject == "Vælg en ny adgangskode"
    assert danish.body.startswith("Hej Karen")
    assert english.subject == "Choose a new password"
    assert "Kind regards, Folkebiblioteket" in english.body


def test_a_rolled_back_change_sends_no_mail(app):
    queue_reset_mail()
    db.session.rollback()

    assert outbox() == []


def test_delivery_marks_mail_sent(app):
    app.config["MAIL_BACKEND"] = "log"
    message = queue_reset_mail()
    db.session.commit()

    assert deliver_pending(NOW) == 1
    assert (message.status, message.sent_at, message.attempts) == (OutboxStatus.SENT, NOW, 1)


def test_a_failing_mail_server_is_retried_and_then_given_up(app):
    app.config.update(MAIL_BACKEND="smtp", MAIL_SERVER="127.0.0.1", MAIL_PORT=9)  # nothing listens
    message = queue_reset_mail()
    db.session.commit()

    for _ in range(MAX_ATTEMPTS):
        assert deliver_pending(NOW) == 0

    assert message.status == OutboxStatus.FAILED
    assert message.attempts == MAX_ATTEMPTS
    assert message.last_error


def test_delivered_mail_is_purged_after_its_retention(app):
    app.config["MAIL_BACKEND"] = "log"
    queue_reset_mail()
    db.session.commit()
    deliver_pending(NOW)

    assert purge_sent(NOW + timedelta(days=89), older_than_days=90) == 0
    assert purge_sent(NOW + timedelta(days=91), older_than_days=90) == 1
