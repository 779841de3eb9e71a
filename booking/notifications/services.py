"""Queue and deliver mail."""

from __future__ import annotations

import logging
import smtplib
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import formataddr
from typing import Any

from flask import current_app, g, has_request_context, render_template
from flask_babel import force_locale
from sqlalchemy import delete, select

from booking.extensions import db
from booking.notifications.models import OutboxMessage, OutboxStatus

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5


def queue_mail(
    *,
    kind: str,
    to_email: str,
    to_name: str | None = None,
    locale: str | None = None,
    context: dict[str, Any] | None = None,
    about: tuple[str, int] | None = None,
    now: datetime,
) -> OutboxMessage:
    """Render ``templates/notifications/<kind>.txt`` in the recipient's language and queue it.

    The template's first line is the subject. The message is added to the session only: it
    is sent after the caller's transaction commits.
    """
    locale = locale or current_app.config["BABEL_DEFAULT_LOCALE"]
    context = dict(context or {})
    context.setdefault("to_name", to_name)
    context.setdefault("base_url", current_app.config["PUBLIC_BASE_URL"].rstrip("/"))
    with force_locale(locale):
        text = render_template(f"notifications/{kind}.txt", **context)
    subject, _sep, body = text.strip().partition("\n")
    message = OutboxMessage(
        created_at=now,
        kind=kind,
        to_email=to_email,
        to_name=to_name,
        locale=locale,
        subject=subject.strip()[:300],
        body=body.strip() + "\n",
        subject_type=about[0] if about else None,
        subject_id=about[1] if about else None,
    )
    db.session.add(message)
    if has_request_context():
        g.outbox_dirty = True
    return message


def _send_smtp(message: OutboxMessage) -> None:
    config = current_app.config
    email = EmailMessage()
    email["From"] = config["MAIL_FROM"]
    email["To"] = formataddr((message.to_name or "", message.to_email))
    email["Subject"] = message.subject
    email.set_content(message.body)
    with smtplib.SMTP(config["MAIL_SERVER"], int(config["MAIL_PORT"]), timeout=20) as smtp:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        smtp.send_message(email)


def deliver_pending(now: datetime, limit: int = 100) -> int:
    """Deliver pending messages; commits after each so one bad address stops nothing else.

    Returns how many were sent. Called by ``flask outbox send`` and, in development, after
    each request that queued mail.
    """
    backend = current_app.config["MAIL_BACKEND"]
    if backend == "none":
        return 0
    ids = db.session.scalars(
        select(OutboxMessage.id)
        .where(OutboxMessage.status == OutboxStatus.PENDING)
        .order_by(OutboxMessage.created_at, OutboxMessage.id)
        .limit(limit)
    ).all()
    db.session.commit()
    sent = 0
    for message_id in ids:
        message = db.session.get(OutboxMessage, message_id)
        if message is None or message.status != OutboxStatus.PENDING:
            continue
        try:
            if backend == "smtp":
                _send_smtp(message)
            else:
                log.info("Mail to %s: %s\n%s", message.to_email, message.subject, message.body)
        except (OSError, smtplib.SMTPException) as exc:
            message.attempts += 1
            message.last_error = str(exc)[:2000]
            if message.attempts >= MAX_ATTEMPTS:
                message.status = OutboxStatus.FAILED
            log.warning("Mail %s to %s failed: %s", message.id, message.to_email, exc)
        else:
            message.status = OutboxStatus.SENT
            message.sent_at = now
            message.attempts += 1
            sent += 1
        db.session.commit()
    return sent


def purge_sent(now: datetime, older_than_days: int = 90) -> int:
    """Delete delivered messages past their retention (they hold email addresses)."""
    cutoff = now - timedelta(days=older_than_days)
    result = db.session.execute(
        delete(OutboxMessage).where(
            OutboxMessage.status == OutboxStatus.SENT, OutboxMessage.sent_at < cutoff
        )
    )
    return result.rowcount or 0


def messages_about(subject_type: str, subject_id: int) -> list[OutboxMessage]:
    return list(
        db.session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.subject_type == subject_type, OutboxMessage.subject_id == subject_id)
            .order_by(OutboxMessage.id)
        )
    )
