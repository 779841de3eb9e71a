"""The pages: the programme, an activity with sign-up, the cancel link, and the staff pages
(with every role's denial). Pages run on the real clock, so their activities lie ahead of it."""

from __future__ import annotations

from datetime import UTC, datetime
from html import unescape

import pytest

from booking.activities import registration as reg
from booking.activities.models import Activity, ActivityStatus, RegistrationStatus
from booking.extensions import db
from tests.activities.conftest import ROLES, page_day, page_start, registrant_mail
from tests.activities.test_bad_input import activity_form
from tests.mail import link_in

# After the fixed NOW of the services, before the real clock: an activity that has been held.
HELD = datetime(2026, 6, 2, 15, 0, tzinfo=UTC)


def text(response) -> str:
    return unescape(response.get_data(as_text=True))


def danish(client) -> None:
    client.post("/sprog", data={"locale": "da"})


def test_the_programme_shows_free_seats_sold_out_and_the_waitlist(client, make_activity, sign_up):
    free = make_activity(title="Klimadialog", when=page_start(10), capacity=10)
    full = make_activity(title="Forfattermøde", when=page_start(11), capacity=2, max_seats_per_registration=1)
    make_activity(title="Hemmelig kladde", when=page_start(12), publish=False)
    sign_up(free, seats=3)
    for _ in range(4):
        sign_up(full)
    danish(client)

    page = text(client.get("/arrangementer"))

    assert "Klimadialog" in page and "7 ledige pladser" in page
    assert "Forfattermøde" in page and "Udsolgt" in page and "Venteliste (2)" in page
    assert "Hemmelig kladde" not in page
    assert "Deltager" not in page  # no registrant's name on public pages


def test_the_programme_filters(client, make_activity, place):
    make_activity(title="Babysalmesang", target_group="age_0_6", category="reading", when=page_start(10))
    make_activity(title="Computercafé", target_group="seniors", category="it_help", when=page_start(11))

    page = text(client.get("/arrangementer?maalgruppe=age_0_6"))
    assert "Babysalmesang" in page and "Computercafé" not in page
    page = text(client.get(f"/arrangementer?kategori=it_help&sted={place.id}&fra={page_day(11)}&til={page_day(11)}"))
    assert "Computercafé" in page and "Babysalmesang" not in page
    assert client.get("/arrangementer?maalgruppe=rave&fra=igaar").status_code == 200  # ignored, not a 500


def test_signing_up_on_the_page(client, make_activity):
    activity = make_activity(when=page_start(), capacity=1)
    danish(client)

    first = client.post(f"/arrangementer/{activity.id}", data={"name": "Karen", "email": "karen@example.dk",
                                                              "seats": "1"}, follow_redirects=True)  # fmt: skip
    assert "Du er tilmeldt" in text(first)
    second = client.post(f"/arrangementer/{activity.id}", data={"name": "Ole", "email": "ole@example.dk",
                                                               "seats": "1"}, follow_redirects=True)  # fmt: skip
    assert "nummer 1 på ventelisten" in text(second)
    assert "Udsolgt" in text(second) and "Skriv mig på ventelisten" in text(second)
    assert [m.kind for m in registrant_mail()] == ["activity_confirmed", "activity_waitlisted"]


def test_an_account_prefills_the_form(client, auth, make_activity, create_user):
    citizen = create_user("signe@example.dk", name="Signe Nielsen")
    auth.login(citizen)
    page = text(client.get(f"/arrangementer/{make_activity(when=page_start()).id}"))
    assert 'value="Signe Nielsen"' in page and 'value="signe@example.dk"' in page


def test_the_cancel_link_cancels_that_registration_only(client, make_activity, sign_up):
    activity = make_activity(when=page_start(), capacity=1)
    mine, waiting = sign_up(activity), sign_up(activity)
    url = link_in(registrant_mail()[0], "/arrangementer/afmeld/")
    other_url = f"/arrangementer/afmeld/{waiting.id}/{url.rsplit('/', 1)[1]}"

    assert client.get(other_url).status_code == 404
    assert client.post(other_url, data={}).status_code == 404
    assert client.get(f"/arrangementer/afmeld/{mine.id}/forkert").status_code == 404
    assert client.get(url).status_code == 200
    assert client.post(url, data={}, csrf=False).status_code == 400

    response = client.post(url, data={})
    assert response.status_code == 302
    db.session.expire_all()
    assert (mine.status, waiting.status) == (RegistrationStatus.CANCELLED, RegistrationStatus.CONFIRMED)
    assert registrant_mail()[-1].kind == "activity_promoted" and registrant_mail()[-1].to_email == waiting.email


STAFF_PAGES = [
    ("get", "/personale/arrangementer"),
    ("get", "/personale/arrangementer/nyt"),
    ("get", "/personale/arrangementer/{id}"),
    ("get", "/personale/arrangementer/{id}/rediger"),
    ("get", "/personale/arrangementer/{id}/tilmeldinger.csv"),
    ("get", "/personale/arrangementer/overblik"),
    ("get", "/personale/arrangementer/overblik.csv"),
    ("post", "/personale/arrangementer/{id}/offentliggoer"),
    ("post", "/personale/arrangementer/{id}/pladser"),
    ("post", "/personale/arrangementer/{id}/aflys"),
    ("post", "/personale/arrangementer/{id}/fremmoede"),
    ("post", "/personale/arrangementer/{id}/besked"),
    ("post", "/personale/arrangementer/{id}/tilmeldinger/{reg}/afmeld"),
]


@pytest.mark.parametrize("role", ROLES)
def test_staff_pages_are_for_staff_only(client, auth, person, make_activity, sign_up, role):
    user = person(role)
    activity = make_activity(when=page_start(), capacity=5)
    registration = sign_up(activity, name="Hemmelig Person")
    if user is not None:
        auth.login(user)
    allowed = role in ("staff", "admin")
    for method, url in STAFF_PAGES:
        url = url.format(id=activity.id, reg=registration.id)
        response = client.get(url) if method == "get" else client.post(url, data={"capacity": "7"})
        if allowed:
            assert response.status_code in (200, 302), url
        elif user is None:
            assert response.status_code == 302 and "/konto/log-ind" in response.location, url
        else:
            assert response.status_code == 403, url
            assert "Hemmelig Person" not in text(response)
    db.session.expire_all()
    assert (registration.status == RegistrationStatus.CONFIRMED) is not allowed


def test_staff_see_registrants_and_download_the_list(client, auth, staff, make_activity, sign_up):
    activity = make_activity(when=page_start(), capacity=1)
    sign_up(activity, name="Karen Sørensen")
    sign_up(activity, name="=HYPERLINK(\"http://evil\")")
    auth.login(staff)

    page = text(client.get(f"/personale/arrangementer/{activity.id}"))
    assert "Karen Sørensen" in page and "deltager1@example.dk" in page
    csv = client.get(f"/personale/arrangementer/{activity.id}/tilmeldinger.csv")
    body = csv.get_data(as_text=True)
    assert csv.headers["Cache-Control"] == "private, no-store"
    assert "Karen Sørensen;deltager1@example.dk" in body
    assert "'=HYPERLINK" in body  # never a live formula in a spreadsheet
    assert "Karen Sørensen" not in text(client.get(f"/arrangementer/{activity.id}"))


def test_staff_create_publish_and_cancel_through_the_pages(client, auth, staff, place, room, sign_up):
    auth.login(staff)
    response = client.post("/personale/arrangementer/nyt", data=activity_form(place, room, repeat_weeks="1"))
    assert response.status_code == 302
    activity_id = int(response.location.rstrip("/").rsplit("/", 1)[1])
    assert client.post(f"/personale/arrangementer/{activity_id}/offentliggoer", data={}).status_code == 302
    activity = db.session.get(Activity, activity_id)
    assert activity.status == ActivityStatus.PUBLISHED
    sign_up(activity)

    assert client.post(f"/personale/arrangementer/{activity_id}/pladser", data={"capacity": "-3"}).status_code == 200
    assert client.post(f"/personale/arrangementer/{activity_id}/pladser", data={"capacity": "20"}).status_code == 302
    assert client.post(f"/personale/arrangementer/{activity_id}/besked",
                       data={"subject": "Husk", "body": "Tag en ven med"}).status_code == 302  # fmt: skip
    assert client.post(f"/personale/arrangementer/{activity_id}/aflys", data={"cancel_reason": ""}).status_code == 200
    response = client.post(f"/personale/arrangementer/{activity_id}/aflys",
                           data={"cancel_reason": "Underviseren er syg"})  # fmt: skip
    assert response.status_code == 302
    db.session.expire_all()
    assert (activity.status, activity.capacity) == (ActivityStatus.CANCELLED, 20)
    assert [m.kind for m in registrant_mail()][-1] == "activity_cancelled"
    assert "Underviseren er syg" in text(client.get(f"/arrangementer/{activity_id}"))


def test_staff_record_attendance_through_the_page(client, auth, staff, make_activity, sign_up):
    activity = make_activity(when=HELD, capacity=5)
    came, absent = sign_up(activity), sign_up(activity)
    auth.login(staff)

    response = client.post(f"/personale/arrangementer/{activity.id}/fremmoede",
                           data={"attended": [str(came.id)], "attendance_count": ""})  # fmt: skip

    assert response.status_code == 302
    db.session.expire_all()
    assert (came.status, absent.status) == (RegistrationStatus.ATTENDED, RegistrationStatus.NO_SHOW)
    assert (activity.status, activity.attendance_count) == (ActivityStatus.COMPLETED, 1)


def test_every_activity_page_renders(client, auth, staff, make_activity, sign_up):
    activity = make_activity(when=HELD, capacity=1)
    sign_up(activity)
    sign_up(activity)
    auth.login(staff)
    for url in ("/arrangementer", f"/arrangementer/{activity.id}", "/personale/arrangementer?vis=tidligere",
                "/personale/arrangementer?vis=alle", f"/personale/arrangementer/{activity.id}",
                f"/personale/arrangementer/{activity.id}/rediger", "/personale/arrangementer/overblik"):  # fmt: skip
        assert client.get(url).status_code == 200, url
    assert reg.availability(activity).waiting == 1
