"""Headers, cookies and limits that protect every page."""

import pytest


def test_pages_carry_a_strict_content_security_policy(client):
    headers = client.get("/").headers

    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_error_pages_carry_the_headers_too(client):
    assert "Content-Security-Policy" in client.get("/findes-ikke").headers


def test_pages_for_a_logged_in_user_are_not_stored_by_caches(client, auth, create_user):
    assert client.get("/").headers["Cache-Control"] == "no-cache"

    auth.login(create_user())

    assert client.get("/konto").headers["Cache-Control"] == "private, no-store"


def test_the_session_cookie_is_http_only_and_same_site(client, create_user):
    client.get("/")  # the page's form token starts the session
    cookie = client.get_cookie("session")

    assert cookie is not None
    assert cookie.http_only
    assert cookie.same_site == "Lax"


def test_cookies_are_secure_when_configured_for_https(app):
    app.config["SESSION_COOKIE_SECURE"] = True
    client = app.test_client()

    client.get("/", base_url="https://localhost")

    assert client.get_cookie("session", domain="localhost").secure


@pytest.mark.parametrize("app_config", [{"RATELIMIT_ENABLED": True}])
def test_login_is_rate_limited(client, create_user):
    user = create_user()
    attempts = [
        client.post("/konto/log-ind", data={"email": user.email, "password": "forkert"}).status_code
        for _ in range(11)
    ]

    assert attempts[:10] == [200] * 10
    assert attempts[10] == 429
    assert "For mange forsøg" in client.post("/konto/log-ind", data={"email": user.email, "password": "x"}).text
