"""Error pages: one look for every failure, in both languages; JSON under /api/."""

import pytest
from flask import Blueprint
from flask_babel import gettext as _

from booking.errors import NotAllowed

MESSAGES = {
    "da": {
        400: "Formularen var udløbet",
        403: "Det er kun bibliotekets personale, der kan gøre det.",
        404: "Vi kunne ikke finde den side, du bad om.",
        405: "Det kan ikke lade sig gøre her.",
        413: "Det, du sendte, er for stort.",
        500: "Der opstod en fejl hos os. Intet blev gemt.",
    },
    "en": {
        400: "The form had expired",
        403: "Only library staff can do that.",
        404: "We could not find the page you asked for.",
        405: "That action is not possible here.",
        413: "What you sent is too large.",
        500: "An error occurred on our side. Nothing was saved.",
    },
}
CODES = {
    400: "csrf", 403: "forbidden", 404: "not_found", 405: "method_not_allowed", 413: "too_large", 500: "server_error",
}


@pytest.fixture
def probe(app):
    """Routes that fail on purpose, as pages and as API endpoints."""
    app.config["MAX_CONTENT_LENGTH"] = 10_000
    app.config["PROPAGATE_EXCEPTIONS"] = False  # show the 500 page instead of raising in the test
    for name, prefix in (("probe_page", "/probe"), ("probe_api", "/api/v1/probe")):
        bp = Blueprint(name, __name__, url_prefix=prefix)
        bp.add_url_rule("/post", "post", lambda: "ok", methods=["POST"])
        bp.add_url_rule("/forbidden", "forbidden", _forbidden)
        bp.add_url_rule("/broken", "broken", _broken)
        app.register_blueprint(bp)
    return app


def _forbidden():
    raise NotAllowed(_("Only library staff can do that."))


def _broken():
    raise RuntimeError("a bug")


def fail(client, status: int, prefix: str):
    if status == 400:
        return client.post(f"{prefix}/post", data={}, csrf=False)
    if status == 403:
        return client.get(f"{prefix}/forbidden")
    if status == 404:
        return client.get(f"{prefix}/findes-ikke")
    if status == 405:
        return client.get(f"{prefix}/post")
    if status == 413:
        return client.post(f"{prefix}/post", data={"text": "x" * 20_000})
    return client.get(f"{prefix}/broken")


@pytest.mark.parametrize("status", sorted(CODES))
@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("prefix", ["/probe", "/api/v1/probe"], ids=["page", "api"])
def test_errors_are_explained_in_both_languages(probe, client, prefix, language, status):
    client.post("/sprog", data={"locale": language})

    response = fail(client, status, prefix)

    assert response.status_code == status
    if prefix.startswith("/api/"):
        error = response.get_json()["error"]
        assert error["code"] == CODES[status]
        text = error["message"]
    else:
        assert response.mimetype == "text/html"
        text = response.get_data(as_text=True)
        assert f'<html lang="{language}">' in text
    assert MESSAGES[language][status] in text


def test_the_405_answer_says_what_is_allowed(probe, client):
    allowed = client.get("/probe/post").headers["Allow"]

    assert set(allowed.split(", ")) == {"OPTIONS", "POST"}


def test_a_page_that_does_not_exist_is_404_under_any_prefix(client):
    assert client.get("/foreninger/findes-ikke").status_code == 404
    assert client.get("/api/v1/findes-ikke").get_json()["error"]["code"] == "not_found"


def test_an_id_too_large_for_the_database_is_404_not_a_crash(client, auth, create_user):
    auth.login(create_user(role="admin"))

    answer = client.post("/admin/brugere/99999999999999999999/aktiv")

    assert answer.status_code == 404
