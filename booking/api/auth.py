"""Who is asking: a personal token (``Authorization: Bearer ...``) or the session.

A token request reads no cookie, so it needs no CSRF protection and gets none. A session
request that writes must carry the CSRF token in the ``X-CSRFToken`` header (from a page of
the app): a cookie alone, which another site can make the browser send, is not enough.
"""

from __future__ import annotations

from flask import g, request
from flask_babel import gettext as _
from flask_login import current_user

from booking.accounts.models import User
from booking.api import tokens
from booking.db import utcnow
from booking.errors import DomainError
from booking.extensions import csrf, db

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class Unauthorized(DomainError):
    status_code = 401
    code = "unauthorized"


def actor() -> User | None:
    return g.get("api_user")


def authenticate() -> None:
    """Before every API request: set ``g.api_user`` (None for anonymous) and check CSRF for
    session writes."""
    g.api_user = None
    g.api_token = False
    header = request.headers.get("Authorization")
    if header is not None:
        scheme, _sep, secret = header.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise Unauthorized(_("Use the header Authorization: Bearer <your API token>."))
        user, noted = tokens.user_for_token(secret.strip(), utcnow())
        if noted:
            db.session.commit()
        if user is None:
            raise Unauthorized(_("That API token is not valid. Make a new one on your profile page."))
        g.api_user, g.api_token = user, True
        return
    if current_user.is_authenticated:
        g.api_user = current_user._get_current_object()
        if request.method not in SAFE_METHODS:
            csrf.protect()
        return
    if request.method not in SAFE_METHODS and request.endpoint != "api.openapi":
        raise Unauthorized(_("Log in or send a personal API token."))


def require_user() -> User:
    user = actor()
    if user is None:
        raise Unauthorized(_("Log in or send a personal API token."))
    return user
