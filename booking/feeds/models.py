from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from booking.accounts.models import User
from booking.db import Base, utcnow


class PersonalFeed(Base):
    """The secret address of a user's personal calendar feed.

    The token is kept as it is (not hashed), because the user must be able to see and copy
    the address again; it only grants reading that one calendar, and resetting it makes the
    old address a 404 at once.
    """

    __tablename__ = "personal_feed"

    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship()
