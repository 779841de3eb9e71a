"""Shared fixtures, in the spirit of the Flask tutorial's: ``app``, ``client``, ``runner``
and ``auth``, plus factory fixtures (``create_user``, ``create_room``, ...) that return
callables, as Indico's room booking tests do.

The database is real: SQLite by default, PostgreSQL when ``TEST_DATABASE_URL`` is set. Its
schema is built once per run by the Alembic migrations; each SQLite test gets a copy of that
file, each PostgreSQL test starts from emptied tables.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from flask_babel import refresh as refresh_babel
from sqlalchemy import create_engine, text

from booking import create_app
from booking.extensions import db
from tests.factories import *  # noqa: F403  (factory fixtures)

# A fixed "now" for services: Monday 2 March 2026, 09:00 in Copenhagen (08:00 UTC).
from tests.factories import NOW, PASSWORD


@dataclass
class TestDatabase:
    kind: str  # "sqlite" or "postgresql"
    url: str
    template: Path | None = None


def _postgres_url() -> str | None:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        return None
    if url.startswith(("postgres://", "postgresql://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def pytest_report_header(config):
    url = _postgres_url()
    if url:
        return f"database: PostgreSQL {url.rsplit('@', 1)[-1]}"
    return "database: SQLite (set TEST_DATABASE_URL to run on PostgreSQL)"


def pytest_collection_modifyitems(config, items):
    if _postgres_url():
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: set TEST_DATABASE_URL")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


def base_config(url: str) -> dict[str, object]:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-not-for-production",
        "SQLALCHEMY_DATABASE_URI": url,
        "MAIL_BACKEND": "none",
        "MAIL_DELIVER_AFTER_REQUEST": False,
        "RATELIMIT_ENABLED": False,
        "PUBLIC_BASE_URL": "http://localhost",
    }


def reset_postgres_schema(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def migrate_to_head(url: str) -> None:
    from flask_migrate import upgrade

    app = create_app(base_config(url))
    with app.app_context():
        upgrade()
        db.engine.dispose()


@pytest.fixture(scope="session")
def test_database(tmp_path_factory) -> TestDatabase:
    url = _postgres_url()
    if url:
        reset_postgres_schema(url)
        migrate_to_head(url)
        return TestDatabase("postgresql", url)
    template = tmp_path_factory.mktemp("db") / "template.sqlite3"
    migrate_to_head(f"sqlite:///{template}")
    return TestDatabase("sqlite", f"sqlite:///{template}", template)


def _empty_postgres_tables() -> None:
    tables = [t.name for t in db.metadata.sorted_tables]
    if tables:
        quoted = ", ".join(f'"{name}"' for name in tables)
        db.session.execute(text(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE"))
        db.session.commit()


@pytest.fixture
def app(test_database, tmp_path):
    if test_database.kind == "sqlite":
        copy = tmp_path / "test.sqlite3"
        shutil.copyfile(test_database.template, copy)
        url = f"sqlite:///{copy}"
    else:
        url = test_database.url
    app = create_app({**base_config(url), "UPLOAD_FOLDER": str(tmp_path / "uploads")})
    app.test_client_class = CSRFClient
    ctx = app.app_context()
    ctx.push()
    try:
        yield app
    finally:
        db.session.rollback()
        if test_database.kind == "postgresql":
            _empty_postgres_tables()
        db.session.remove()
        db.engine.dispose()
        ctx.pop()


@pytest.fixture
def now() -> datetime:
    return NOW


class CSRFClient(FlaskClient):
    """A test client that behaves like a browser with a form in front of it: before each
    request it ends the test's own transaction (so the request sees the test's data and the
    test then sees the request's), and ``post(..., data=...)`` adds the CSRF token the page
    would carry unless ``csrf=False``."""

    _csrf_token: str | None = None

    def open(self, *args, **kwargs):
        db.session.commit()
        # Requests reuse the test's app context, where Flask-Babel caches the locale; forget
        # it around each request so every request (and the test after it) chooses afresh.
        refresh_babel()
        try:
            return super().open(*args, **kwargs)
        finally:
            refresh_babel()

    def csrf_token(self) -> str:
        if self._csrf_token is None:
            page = self.get("/").get_data(as_text=True)
            match = re.search(r'name="csrf_token" value="([^"]+)"', page)
            assert match, "no CSRF token on the front page"
            self._csrf_token = match.group(1)
        return self._csrf_token

    def post(self, *args, csrf: bool = True, **kwargs):
        data = kwargs.get("data")
        if csrf and isinstance(data, dict) and "csrf_token" not in data:
            kwargs["data"] = {**data, "csrf_token": self.csrf_token()}
        return super().post(*args, **kwargs)


@pytest.fixture
def client(app) -> CSRFClient:
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class AuthActions:
    def __init__(self, client: CSRFClient):
        self._client = client

    def login(self, user_or_email, password: str = PASSWORD):
        email = getattr(user_or_email, "email", user_or_email)
        response = self._client.post("/konto/log-ind", data={"email": email, "password": password})
        assert response.status_code == 302, f"login of {email} failed"
        self._client._csrf_token = None  # a new session gets a new token
        return response

    def logout(self):
        response = self._client.post("/konto/log-ud", data={})
        self._client._csrf_token = None
        return response


@pytest.fixture
def auth(client) -> AuthActions:
    return AuthActions(client)
