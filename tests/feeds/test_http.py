"""How feeds are served: content type, no compression, caching headers, 304s, HEAD, and the
personal feed behind its secret token."""

from datetime import datetime

import pytest

from booking.extensions import db
from booking.feeds import services
from tests.factories import NOW
from tests.feeds.helpers import parse

URL = "/kalender/faellesskaber.ics"


def test_a_feed_is_text_calendar_in_utf8_and_never_compressed(client, create_community):
    create_community()

    response = client.get(URL, headers={"Accept-Encoding": "gzip, deflate"})

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert "Content-Encoding" not in response.headers
    assert response.headers["Cache-Control"].startswith("public")
    assert response.data.startswith(b"BEGIN:VCALENDAR\r\n")


def test_no_accept_header_and_odd_accept_headers_get_the_same_feed(client, create_community):
    create_community()

    plain = client.get(URL, headers={})
    html = client.get(URL, headers={"Accept": "text/html"})

    assert plain.status_code == html.status_code == 200
    assert plain.data == html.data


def test_the_same_data_gives_the_same_bytes_and_etag(client, create_community):
    create_community()

    first, second = client.get(URL), client.get(URL)

    assert first.data == second.data
    assert first.headers["ETag"] == second.headers["ETag"]
    assert first.headers["Last-Modified"]


def test_if_none_match_gets_304(client, create_community):
    create_community()
    etag = client.get(URL).headers["ETag"]

    response = client.get(URL, headers={"If-None-Match": etag})

    assert response.status_code == 304
    assert response.data == b""


def test_if_modified_since_gets_304(client, create_community):
    create_community()
    last_modified = client.get(URL).headers["Last-Modified"]

    assert client.get(URL, headers={"If-Modified-Since": last_modified}).status_code == 304


def test_a_change_gives_a_new_etag(client, create_community, organiser):
    from booking.communities import services as communities

    community = create_community()
    etag = client.get(URL).headers["ETag"]
    communities.set_status(organiser, community, "paused", datetime(2026, 3, 3, 12, 0, tzinfo=NOW.tzinfo))
    db.session.commit()

    response = client.get(URL, headers={"If-None-Match": etag})

    assert response.status_code == 200
    assert response.headers["ETag"] != etag


def test_head_works(client, create_community):
    create_community()
    get = client.get(URL)

    head = client.head(URL)

    assert head.status_code == 200
    assert head.data == b""
    assert head.headers["ETag"] == get.headers["ETag"]
    assert head.headers["Content-Type"] == "text/calendar; charset=utf-8"


def test_an_empty_feed_is_still_a_valid_calendar(client):
    calendar = parse(client.get(URL).data)

    assert calendar.walk("VEVENT") == []
    assert calendar.walk("VTIMEZONE")


# --- personal feeds --------------------------------------------------------------------------


def personal_url(token: str) -> str:
    return f"/kalender/personlig/{token}.ics"


def test_the_personal_feed_has_my_organisations_communities_and_is_private(client, create_community, organiser):
    create_community(title="Skakcafé")
    token = services.feed_token(organiser, NOW)
    db.session.commit()

    response = client.get(personal_url(token))

    assert response.status_code == 200
    assert response.headers["Cache-Control"].startswith("private")
    assert [str(e["SUMMARY"]) for e in parse(response.data).walk("VEVENT")] == ["Skakcafé"]


def test_the_personal_feed_uses_other_uids_than_the_public_feed(client, create_community, organiser):
    create_community()
    token = services.feed_token(organiser, NOW)
    db.session.commit()

    public = {str(e["UID"]) for e in parse(client.get(URL).data).walk("VEVENT")}
    personal = {str(e["UID"]) for e in parse(client.get(personal_url(token)).data).walk("VEVENT")}

    assert public and personal and not public & personal


@pytest.mark.parametrize("token", ["wrong", "x" * 43, "", "a" * 200])
def test_a_wrong_token_is_404(client, organiser, token):
    services.feed_token(organiser, NOW)
    db.session.commit()

    assert client.get(personal_url(token)).status_code == 404


def test_one_users_token_shows_nothing_of_anothers(client, create_community, create_user, create_organisation):
    create_community(title="Skakcafé")  # the chess club's
    stranger = create_user()
    create_organisation("Strikkeklubben", admin=stranger)
    token = services.feed_token(stranger, NOW)
    db.session.commit()

    body = client.get(personal_url(token)).data

    assert b"Skak" not in body
    assert parse(body).walk("VEVENT") == []


def test_resetting_the_token_makes_the_old_address_404(client, auth, organiser):
    old = services.feed_token(organiser, NOW)
    db.session.commit()
    auth.login(organiser)

    page = client.get("/konto/kalender")
    assert old in page.get_data(as_text=True)
    response = client.post("/konto/kalender", data={})

    assert response.status_code == 302
    db.session.expire_all()
    new = services.feed_token(organiser, NOW)
    assert new != old
    assert client.get(personal_url(old)).status_code == 404
    assert client.get(personal_url(new)).status_code == 200


def test_the_calendar_page_needs_login(client):
    response = client.get("/konto/kalender")

    assert response.status_code in (302, 401)


def test_a_deactivated_users_feed_is_404(client, organiser):
    token = services.feed_token(organiser, NOW)
    organiser.active = False
    db.session.commit()

    assert client.get(personal_url(token)).status_code == 404


def test_a_revalidation_does_not_build_the_feed(client, create_community, monkeypatch):
    create_community()
    etag = client.get(URL).headers["ETag"]

    def no_building(self, now):
        raise AssertionError("the feed was built for a 304")

    monkeypatch.setattr(services.Source, "feed", no_building)

    assert client.get(URL, headers={"If-None-Match": etag}).status_code == 304


def test_renaming_the_place_changes_the_etag(client, create_community, place):
    create_community()
    etag = client.get(URL).headers["ETag"]
    place.name = "Hovedbiblioteket i Søby"
    db.session.commit()

    response = client.get(URL, headers={"If-None-Match": etag})

    assert response.status_code == 200
    assert "Hovedbiblioteket i Søby" in response.get_data(as_text=True)


def test_the_etag_is_the_same_for_the_same_data_in_another_process(client, create_community):
    """The validator comes from the data only: a second app (another server) agrees."""
    from flask import current_app

    create_community()
    first = client.get(URL).headers["ETag"]
    other = current_app.test_client()

    assert other.get(URL).headers["ETag"] == first


def test_calendar_response_serves_a_built_feed_with_a_hash_etag(app):
    from booking.feeds.http import calendar_response
    from booking.feeds.ical import CalendarFeed

    feed = CalendarFeed(uid="x", name="Tom", description="")
    with app.test_request_context("/x.ics"):
        response = calendar_response(feed, filename="x.ics")
    with app.test_request_context("/x.ics", headers={"If-None-Match": response.headers["ETag"]}):
        again = calendar_response(feed, filename="x.ics")

    assert response.status_code == 200 and again.status_code == 304
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"


# --- room feeds --------------------------------------------------------------------------------


def test_the_public_room_feed_says_only_busy(client, create_community, room):
    create_community(title="Skakcafé", description="Hemmeligt indhold")

    response = client.get(f"/kalender/lokaler/{room.slug}.ics")
    events = parse(response.data).walk("VEVENT")

    assert response.status_code == 200
    assert [str(e["SUMMARY"]) for e in events] == ["Optaget"]
    assert b"Skak" not in response.data and b"Hemmeligt" not in response.data
    assert response.headers["Cache-Control"].startswith("public")
    assert client.get("/kalender/lokaler/no-such-room.ics").status_code == 404


def test_staff_get_the_room_feed_with_details_through_their_token(client, create_community, room, staff, organiser):
    create_community(title="Skakcafé")
    staff_token = services.feed_token(staff, NOW)
    citizen_token = services.feed_token(organiser, NOW)
    db.session.commit()

    detailed = client.get(f"/kalender/personlig/{staff_token}/lokaler/{room.slug}.ics")
    public = client.get(f"/kalender/lokaler/{room.slug}.ics")

    assert detailed.status_code == 200
    assert detailed.headers["Cache-Control"].startswith("private")
    assert [str(e["SUMMARY"]) for e in parse(detailed.data).walk("VEVENT")] == ["Skakcafé"]
    assert client.get(f"/kalender/personlig/{citizen_token}/lokaler/{room.slug}.ics").status_code == 404
    assert client.get(f"/kalender/personlig/wrong/lokaler/{room.slug}.ics").status_code == 404
    uids = {str(e["UID"]) for e in parse(detailed.data).walk("VEVENT")}
    assert not uids & {str(e["UID"]) for e in parse(public.data).walk("VEVENT")}


def test_staff_see_the_detailed_room_feeds_on_their_calendar_page(client, auth, staff, room):
    auth.login(staff)

    page = client.get("/konto/kalender").get_data(as_text=True)

    assert f"/lokaler/{room.slug}.ics" in page
