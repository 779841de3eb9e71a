"""Danish first, English second, and the choice sticks."""

from datetime import UTC, datetime

from flask import render_template_string
from flask_babel import force_locale

from booking.accounts.models import User
from booking.extensions import db
from tests.factories import PASSWORD


def page(client, path: str = "/") -> str:
    return client.get(path).get_data(as_text=True)


def test_pages_are_danish_by_default(client):
    html = page(client)

    assert '<html lang="da">' in html
    assert "Log ind" in html
    assert "Opret konto" in html
    assert "Spring til indholdet" in html


def test_switching_to_english_sticks_until_switched_back(client):
    response = client.post("/sprog", data={"locale": "en", "next": "/konto/log-ind"})
    assert response.headers["Location"] == "/konto/log-ind"

    for path in ("/", "/konto/log-ind", "/konto/opret"):
        html = page(client, path)
        assert '<html lang="en">' in html
        assert "Create account" in html

    client.post("/sprog", data={"locale": "da"})
    assert '<html lang="da">' in page(client)


def test_an_unknown_language_is_ignored(client):
    client.post("/sprog", data={"locale": "fr"})

    assert '<html lang="da">' in page(client)


def test_switching_language_needs_the_form_token(client):
    assert client.post("/sprog", data={"locale": "en"}, csrf=False).status_code == 400
    assert '<html lang="da">' in page(client)


def test_a_logged_in_users_choice_is_saved_and_follows_them(app, client, auth, create_user):
    user = create_user(locale="da")
    auth.login(user)

    client.post("/sprog", data={"locale": "en"})

    assert db.session.get(User, user.id).locale == "en"
    other_device = app.test_client()
    other_device.post("/konto/log-ind", data={"email": user.email, "password": PASSWORD})
    assert '<html lang="en">' in page(other_device)


def test_dates_and_times_are_shown_the_danish_way(app):
    start, end = datetime(2026, 3, 2, 16, 0, tzinfo=UTC), datetime(2026, 3, 2, 18, 0, tzinfo=UTC)
    template = "{{ start|timerange(end) }} / {{ start|date }}"

    with app.test_request_context("/"):
        danish = render_template_string(template, start=start, end=end)
        with force_locale("en"):
            english = render_template_string(template, start=start, end=end)

    assert danish == "man. 2. mar. 2026 17.00–19.00 / 2. mar. 2026"
    assert english == "Mon, Mar 2, 2026 5:00\u202fPM–7:00\u202fPM / Mar 2, 2026"
