"""Changing and resetting a password."""

import re

import pytest
from itsdangerous import URLSafeTimedSerializer
from werkzeug.security import check_password_hash

from booking.accounts import services
from booking.accounts.models import User
from booking.errors import Invalid
from booking.extensions import db
from booking.notifications.models import OutboxMessage, OutboxStatus
from tests.factories import PASSWORD
from tests.mail import link_in, outbox

NEW = "et helt nyt kodeord"


def reset_link(message: OutboxMessage) -> str:
    return link_in(message, "/konto/nulstil/")


def test_changing_the_password_logs_out_other_devices(app, client, auth, create_user):
    user = create_user()
    auth.login(user)  # on the laptop
    phone = app.test_client()
    phone.post("/konto/log-ind", data={"email": user.email, "password": PASSWORD})

    response = phone.post(
        "/konto/adgangskode",
        data={"current_password": PASSWORD, "new_password": NEW, "new_password_again": NEW},
    )

    assert response.status_code == 302
    assert phone.get("/konto").status_code == 200  # this device stays logged in
    assert client.get("/konto").status_code == 302  # the laptop is sent to log in
    assert check_password_hash(db.session.get(User, user.id).password_hash, NEW)


def test_changing_the_password_needs_the_current_one(client, auth, create_user):
    user = create_user()
    auth.login(user)

    response = client.post(
        "/konto/adgangskode",
        data={"current_password": "ikke den rigtige", "new_password": NEW, "new_password_again": NEW},
    )

    assert response.status_code == 200
    assert check_password_hash(db.session.get(User, user.id).password_hash, PASSWORD)
    assert client.get("/konto").status_code == 200


def test_a_reset_link_is_mailed_and_works_once(client, create_user):
    user = create_user("karen@example.dk", name="Karen")

    response = client.post("/konto/glemt-adgangskode", data={"email": "karen@example.dk"})

    assert response.status_code == 302
    [mail] = outbox()
    assert (mail.kind, mail.to_email, mail.status) == ("password_reset", "karen@example.dk", OutboxStatus.PENDING)
    assert "Karen" in mail.body
    link = reset_link(mail)

    response = client.post(link, data={"new_password": NEW, "new_password_again": NEW})
    assert response.headers["Location"] == "/konto"
    assert check_password_hash(db.session.get(User, user.id).password_hash, NEW)

    client.post("/konto/log-ud", data={})
    third = "og et tredje kodeord"
    again = client.post(link, data={"new_password": third, "new_password_again": third})
    assert again.status_code == 200
    assert check_password_hash(db.session.get(User, user.id).password_hash, NEW)


def test_a_reset_link_points_at_the_public_address_whatever_the_request_says(client, create_user):
    create_user("karen@example.dk")

    evil = "http://evil.example"  # a request with a forged Host header
    page = client.get("/konto/glemt-adgangskode", base_url=evil).get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)

    client.post("/konto/glemt-adgangskode", base_url=evil, data={"email": "karen@example.dk", "csrf_token": token})

    [mail] = outbox()
    assert "evil.example" not in mail.body
    assert reset_link(mail).startswith("/konto/nulstil/")


@pytest.mark.parametrize("email", ["karen@example.dk", "ukendt@example.dk"], ids=["known", "unknown"])
def test_the_forgot_password_page_says_the_same_for_any_email(client, create_user, email):
    create_user("karen@example.dk")

    response = client.post("/konto/glemt-adgangskode", data={"email": email}, follow_redirects=True)

    assert response.status_code == 200
    assert response.request.path == "/konto/log-ind"
    assert "Hvis der findes en konto med den e-mailadresse" in response.get_data(as_text=True)
    assert len(outbox()) == (1 if email == "karen@example.dk" else 0)


def test_a_deactivated_account_gets_no_reset_mail(client, create_user):
    create_user("karen@example.dk", active=False)

    client.post("/konto/glemt-adgangskode", data={"email": "karen@example.dk"})

    assert outbox() == []


def test_a_garbled_reset_link_is_refused(client, create_user):
    user = create_user()

    response = client.post("/konto/nulstil/noget-vrøvl", data={"new_password": NEW, "new_password_again": NEW})

    assert response.status_code == 200
    assert "Linket til at nulstille adgangskoden er ikke gyldigt" in response.get_data(as_text=True)
    assert check_password_hash(db.session.get(User, user.id).password_hash, PASSWORD)


def test_an_expired_reset_link_is_refused(app, create_user):
    user = create_user()
    app.config["PASSWORD_RESET_MAX_AGE"] = -1  # every link is already too old

    with pytest.raises(Invalid) as error:
        services.reset_password(services.make_reset_token(user), NEW)

    assert error.value.code == "expired"


def test_a_reset_link_signed_with_another_key_is_refused(app, create_user):
    user = create_user()
    forged = URLSafeTimedSerializer("another key", salt="password-reset").dumps({"uid": user.id, "v": 1})

    with pytest.raises(Invalid) as error:
        services.reset_password(forged, NEW)

    assert error.value.code == "bad_token"
