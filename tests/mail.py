"""The outbox as a test sees it: mail is queued, never sent (MAIL_BACKEND is "none")."""

import re

from sqlalchemy import select

from booking.extensions import db
from booking.notifications.models import OutboxMessage


def outbox() -> list[OutboxMessage]:
    return list(db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def link_in(message: OutboxMessage, path: str) -> str:
    """The path of the link in ``message`` that starts with ``path``, on the public address."""
    match = re.search(rf"http://localhost({re.escape(path)}\S+)", message.body)
    assert match, message.body
    return match.group(1)
