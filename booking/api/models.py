from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from booking.accounts.models import ACCOUNT_RETENTION, User
from booking.db import Base, personal, utcnow


class ApiToken(Base):
    """A personal API token. Only the SHA-256 hash of the secret is kept (the secret has 256
    random bits, so a fast hash is enough and a leaked table reveals no usable token); the
    prefix lets the owner tell tokens apart."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(
        String(100), info=personal("let the owner tell their API tokens apart", ACCOUNT_RETENTION)
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(
        info=personal("show the owner when a token was last used", "until the token is revoked")
    )

    user: Mapped[User] = relationship()
