"""Personal API tokens: create (the secret is shown once), list, revoke, and authenticate."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import select, update

from booking.accounts.models import User
from booking.accounts.permissions import require_login
from booking.api.models import ApiToken
from booking.errors import Invalid, NotAllowed, NotFound
from booking.extensions import db

TOKEN_PREFIX = "lf_"  # noqa: S105  (marks our tokens, not a secret)
MAX_TOKENS = 20
# last_used_at is written at most this often, so reading with a token is not a write each time.
USE_RESOLUTION = timedelta(hours=1)


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def tokens_of(actor: User | None) -> list[ApiToken]:
    user = require_login(actor)
    return list(
        db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.created_at.desc()))
    )


def create_token(actor: User | None, *, name: str | None, now: datetime) -> tuple[ApiToken, str]:
    """A new token and its secret (shown to the owner once, never stored)."""
    user = require_login(actor)
    name = (name or "").strip()
    if not name:
        raise Invalid(_("Give the token a name."), fields={"name": _("Give the token a name.")})
    if len(name) > 100:
        raise Invalid(_("The name can be at most 100 characters."), fields={"name": "too_long"})
    if len(tokens_of(user)) >= MAX_TOKENS:
        raise Invalid(_("You can have at most %(n)d API tokens; revoke one first.", n=MAX_TOKENS))
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, name=name, token_hash=hash_token(secret), prefix=secret[:10], created_at=now)
    db.session.add(token)
    db.session.flush()
    return token, secret


def revoke_token(actor: User | None, token_id: int) -> None:
    user = require_login(actor)
    token = db.session.get(ApiToken, token_id)
    if token is None:
        raise NotFound(_("No such token."))
    if token.user_id != user.id:
        raise NotAllowed(_("That is not your token."))
    db.session.delete(token)
    db.session.flush()


def user_for_token(secret: str, now: datetime) -> tuple[User | None, bool]:
    """The active owner of a token (or None), and whether the use was noted (at most once
    per hour; the caller then commits)."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 100:
        return None, False
    row = db.session.execute(
        select(ApiToken.id, ApiToken.last_used_at, User)
        .join(User, ApiToken.user_id == User.id)
        .where(ApiToken.token_hash == hash_token(secret))
    ).first()
    if row is None or not row.User.is_active:
        return None, False
    if row.last_used_at is None or now - row.last_used_at > USE_RESOLUTION:
        db.session.execute(update(ApiToken).where(ApiToken.id == row.id).values(last_used_at=now))
        return row.User, True
    return row.User, False
