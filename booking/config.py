"""Configuration defaults.

Order of precedence (lowest first): these defaults, ``FLASK_*`` environment variables
(``app.config.from_prefixed_env()``), then the mapping passed to ``create_app``.
Nothing here reads the environment at import time.
"""

from __future__ import annotations

DEFAULTS: dict[str, object] = {
    # Relative SQLite paths are resolved inside the instance folder by Flask-SQLAlchemy.
    "SQLALCHEMY_DATABASE_URI": "sqlite:///booking.sqlite3",
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    "SECRET_KEY": None,  # required in production; a development key is made in instance/
    "BOOKING_TIMEZONE": "Europe/Copenhagen",
    "BOOKING_COUNTRY": "DK",
    "BABEL_DEFAULT_LOCALE": "da",
    "BABEL_DEFAULT_TIMEZONE": "Europe/Copenhagen",
    "LANGUAGES": ("da", "en"),
    "PUBLIC_BASE_URL": "http://127.0.0.1:5000",
    # Mail: "log" writes mails to the log, "smtp" sends them, "none" leaves them in the outbox.
    "MAIL_BACKEND": "log",
    "MAIL_SERVER": "localhost",
    "MAIL_PORT": 25,
    "MAIL_USE_TLS": False,
    "MAIL_USERNAME": None,
    "MAIL_PASSWORD": None,
    "MAIL_FROM": "Folkebiblioteket <lokaler@folkebiblioteket.example>",
    # Deliver queued mails right after the request that queued them commits.
    # In production run `flask outbox send` from a timer instead and set this to False.
    "MAIL_DELIVER_AFTER_REQUEST": True,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_SECURE": False,  # set FLASK_SESSION_COOKIE_SECURE=true behind https
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_SECURE": False,
    "PERMANENT_SESSION_LIFETIME": 60 * 60 * 24 * 14,
    "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session
    "MAX_CONTENT_LENGTH": 16 * 1024 * 1024,
    "RATELIMIT_STORAGE_URI": "memory://",  # redis://127.0.0.1:6379/0 in production
    # How many reverse proxies (load balancer, nginx) stand in front of the app. Their
    # X-Forwarded-For/-Proto headers are trusted only then; without it every visitor behind
    # the proxy shares one address, and with it set too high a client can forge theirs.
    "PROXY_COUNT": 0,
    "RATELIMIT_HEADERS_ENABLED": True,
    "RATELIMIT_ENABLED": True,
    "UPLOAD_FOLDER": None,  # defaults to instance/uploads
    "PASSWORD_RESET_MAX_AGE": 60 * 60 * 2,
    "INVITATION_MAX_AGE_DAYS": 14,
    "SEED_DEMO_ON_FIRST_START": False,
}
