"""Signing up, logging in and out, as a visitor does it and as the services see it."""

import pytest
from sqlalchemy import func, select

from booking.accounts import services
from booking.accounts.models import User, UserRole
from booking.errors import Invalid
from booking.extensions import db
from tests.factories import NOW, PASSWORD


def user_count() -> int:
    return db.session.scalar(select(func.count()).select_from(User))


def signup_form(**changes) -> dict[str, str]:
    form = {
        "name": "Karen Blixen",
        "email": "Karen@Example.dk",
        "phone": "+45 12 34 56 78",
        "password": "en lang adgangskode",
        "password_again": "en lang adgangskode",
        "locale": "da",
    }
    return {**form, **changes}


def test_signup_creates_a_citizen_and_logs_them_in(client):
    response = client.post("/konto/opret", data=signup_form())

    assert response.status_code == 302
    assert response.headers["Location"] == "/konto"
    user = db.session.scalar(select(User))
    assert (user.email, user.name, user.role) == ("karen@example.dk", "Karen Blixen", UserRole.CITIZEN)
    assert user.password_hash != "en lang adgangskode"
    assert "karen@example.dk" in client.get("/konto").get_data(as_text=True)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"email": "ikke-en-adresse"}, "Invalid email address."),
        ({"password": "kort", "password_again": "kort"}, "Field must be between 10 and 200 characters long."),
        ({"password_again": "noget andet helt"}, "The passwords differ."),
        ({"name": "   "}, "This field is required."),
        ({"name": "x" * 5000}, "Field cannot be longer than 200 characters."),
    ],
)
def test_signup_with_bad_input_says_what_is_wrong_and_writes_nothing(client, changes, message):
    client.post("/sprog", data={"locale": "en"})

    response = client.post("/konto/opret", data=signup_form(**changes))

    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert user_count() == 0


def test_signup_with_an_email_that_has_an_account_says_so(client, create_user):
    create_user("karen@example.dk")

    response = client.post("/konto/opret", data=signup_form(email="KAREN@example.dk"))

    assert response.status_code == 200
    assert "allerede en konto" in response.get_data(as_text=True)
    assert user_count() == 1


def test_a_ten_megabyte_name_gets_a_clear_message(client):
    response = client.post("/konto/opret", data=signup_form(name="x" * 10_000_000))

    assert response.status_code == 200
    assert "Navn: Feltet må højst være på 200 tegn." in response.get_data(as_text=True)
    assert user_count() == 0


def test_a_request_beyond_the_size_limit_gets_413(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 100_000

    response = client.post("/konto/opret", data=signup_form(name="x" * 200_000))

    assert response.status_code == 413
    assert "For stor" in response.get_data(as_text=True)
    assert user_count() == 0


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"email": "ikke en adresse"}, "email"),
        ({"email": ""}, "email"),
        ({"password": "kort"}, "password"),
        ({"name": ""}, "name"),
        ({"name": "x" * 10_000_000}, "name"),
        ({"phone": "ring til mig"}, "phone"),
    ],
)
def test_register_user_checks_its_input_itself(app, changes, field):
    values = {"email": "karen@example.dk", "name": "Karen", "password": "en lang adgangskode", **changes}

    with pytest.raises(Invalid) as error:
        services.register_user(now=NOW, **values)

    assert field in error.value.fields
    assert user_count() == 0


def test_login_with_the_right_password(client, create_user):
    user = create_user("karen@example.dk", name="Karen Blixen")

    response = client.post("/konto/log-ind", data={"email": "KAREN@example.dk ", "password": PASSWORD})

    assert response.status_code == 302
    assert "Karen Blixen" in client.get("/").get_data(as_text=True)
    assert db.session.get(User, user.id).last_login_at is not None


@pytest.mark.parametrize(
    ("email", "password", "active"),
    [
        ("karen@example.dk", "forkert adgangskode", True),
        ("ukendt@example.dk", PASSWORD, True),
        ("karen@example.dk", PASSWORD, False),
    ],
    ids=["wrong password", "unknown email", "deactivated account"],
)
def test_a_failed_login_always_gives_the_same_message(client, create_user, email, password, active):
    create_user("karen@example.dk", active=active)

    response = client.post("/konto/log-ind", data={"email": email, "password": password})

    assert response.status_code == 200
    assert "Forkert e-mail eller adgangskode." in response.get_data(as_text=True)
    assert client.get("/konto").status_code == 302  # still logged out


def test_login_follows_a_local_next_link_only(client, auth, create_user):
    user = create_user()

    response = client.post("/konto/log-ind", data={"email": user.email, "password": PASSWORD, "next": "/foreninger"})
    assert response.headers["Location"] == "/foreninger"

    auth.logout()
    response = client.post(
        "/konto/log-ind", data={"email": user.email, "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response.headers["Location"] == "/"


def test_logout_needs_a_post_with_the_form_token(client, auth, create_user):
    auth.login(create_user())

    assert client.get("/konto/log-ud").status_code == 405
    refused = client.post("/konto/log-ud", data={}, csrf=False)
    assert refused.status_code == 400
    assert client.get("/konto").status_code == 200  # still logged in

    assert auth.logout().status_code == 302
    assert client.get("/konto").status_code == 302


def test_a_post_without_the_form_token_gets_a_clear_page(client, create_user):
    response = client.post("/konto/log-ind", data={"email": "a@example.dk", "password": "x"}, csrf=False)

    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Formularen var udløbet" in page
    assert '<html lang="da">' in page


def test_profile_changes_are_saved(client, auth, create_user):
    user = create_user()
    auth.login(user)

    response = client.post("/konto", data={"name": "Ny Navnesen", "phone": "", "locale": "en"})

    assert response.status_code == 302
    assert (user.name, user.locale) == ("Ny Navnesen", "en")
    assert '<html lang="en">' in client.get("/konto").get_data(as_text=True)
