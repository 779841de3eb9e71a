"""Headers, cookies and limits that protect every page."""

import pytest

from tests.factories import PASSWORD


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


def login_attempts(client, email: str, n: int, address: str | None = None) -> list[int]:
    headers = {"X-Forwarded-For": address} if address else {}
    return [
        client.post("/konto/log-ind", data={"email": email, "password": "forkert"}, headers=headers).status_code
        for _ in range(n)
    ]


@pytest.mark.parametrize("app_config", [{"RATELIMIT_ENABLED": True}])
def test_login_is_rate_limited(client, create_user):
    user = create_user()

    assert login_attempts(client, user.email, 10) == [200] * 10
    response = client.post("/konto/log-ind", data={"email": user.email, "password": PASSWORD})

    assert response.status_code == 429
    assert "For mange forsøg" in response.text
    # A forged X-Forwarded-For does not buy new attempts when no proxy is configured.
    assert login_attempts(client, user.email, 1, "203.0.113.9") == [429]


@pytest.mark.parametrize("app_config", [{"RATELIMIT_ENABLED": True, "PROXY_COUNT": 1}])
def test_behind_a_proxy_each_visitor_has_their_own_login_limit(client, create_user):
    user = create_user()

    assert login_attempts(client, user.email, 11, "203.0.113.7")[-1] == 429
    assert login_attempts(client, user.email, 1, "203.0.113.8") == [200]
