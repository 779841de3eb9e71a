"""The pages, as people use them: browse without login, organisers propose and manage, staff
moderate and publish."""

from datetime import date

import pytest

from booking.communities import editions, schedule
from booking.communities.models import Community, CommunityStatus
from booking.extensions import db
from tests.communities.conftest import ROLES
from tests.factories import NOW

PAYLOAD = "<script>alert('x')</script>"


def login(auth, user):
    if user is not None:
        auth.login(user)


def proposal_form(place, room, **overrides):
    data = {
        "organisation_id": "", "title": "Sprogcafé på dansk", "summary": "Øv dansk over en kop kaffe.",
        "description": "Vi taler dansk sammen. *Alle niveauer.*", "category": "language",
        "target_group": "adults", "languages": "da, en, uk", "accessibility": "", "price": "",
        "drop_in": "y", "signup_info": "", "contact_name": "Mette Frivillig", "contact_email": "",
        "contact_phone": "", "location_id": str(place.id), "room_id": str(room.id), "frequency": "weekly",
        "weekday": "2", "start_time": "16:30", "end_time": "18:00", "valid_from": "2026-01-07", "valid_until": "",
    }
    data.update(overrides)
    return data


def test_the_list_is_public_filterable_and_links_to_the_feed(client, create_community, create_location):
    create_community()
    create_community(title="Strikkecafé", category="crafts", location_id=create_location("Lindved").id,
                     room_id=None)

    page = client.get("/faellesskaber").get_data(as_text=True)
    games = client.get("/faellesskaber?kategori=games").get_data(as_text=True)
    bad = client.get("/faellesskaber?kategori=cooking&ugedag=9")

    assert "Skakcafé" in page and "Strikkecafé" in page
    assert "webcal://localhost/kalender/faellesskaber.ics" in page
    assert "Skakcafé" in games and "Strikkecafé" not in games
    assert bad.status_code == 200


def test_a_community_page_shows_dates_contact_and_subscribe_links(client, create_community, organiser):
    community = create_community()
    schedule.cancel_date(organiser, community, schedule.upcoming(community, NOW)[0].original_date,
                         "Aflyst i vinterferien", NOW)
    db.session.commit()

    page = client.get(f"/faellesskaber/{community.slug}").get_data(as_text=True)

    assert "Hver tirsdag, 17.00–19.00" in page
    assert "henrik@skakklub.example" in page
    assert f"webcal://localhost/kalender/faellesskaber/{community.slug}.ics" in page
    assert "calendar.google.com" in page
    assert "<strong>Gratis</strong> kaffe" in page  # Markdown rendered


def test_contact_details_need_consent(client, create_community):
    community = create_community(contact_public=False)

    page = client.get(f"/faellesskaber/{community.slug}").get_data(as_text=True)

    assert "Henrik Skak" in page
    assert "henrik@skakklub.example" not in page
    assert "+45 20 30 40 50" not in page


def test_user_text_is_shown_escaped(client, create_community):
    community = create_community(title=f"Æblekage, strik; {PAYLOAD}", summary=PAYLOAD,
                                 description=f"Hej {PAYLOAD} [link](javascript:alert(1))", accessibility=PAYLOAD)

    for url in ("/faellesskaber", f"/faellesskaber/{community.slug}"):
        page = client.get(url).get_data(as_text=True)
        assert PAYLOAD not in page, url
        assert "javascript:" not in page
    assert "Æblekage, strik; &lt;script&gt;" in client.get(f"/faellesskaber/{community.slug}").get_data(as_text=True)


def test_a_proposed_community_is_hidden_from_the_public_but_not_its_organiser(client, auth, create_community,
                                                                              organiser):
    community = create_community(approve=False)

    assert client.get(f"/faellesskaber/{community.slug}").status_code == 404
    assert "Skakcafé" not in client.get("/faellesskaber").get_data(as_text=True)
    auth.login(organiser)
    assert client.get(f"/faellesskaber/{community.slug}").status_code == 200


def test_an_organiser_proposes_through_the_form(client, auth, organiser, club, place, room):
    auth.login(organiser)

    response = client.post("/faellesskaber/ny", data=proposal_form(place, room, organisation_id=str(club.id)))

    assert response.status_code == 302
    community = db.session.query(Community).one()
    assert community.recurrence == "FREQ=WEEKLY;BYDAY=WE"
    assert community.languages == "da,en,uk"
    assert community.status == CommunityStatus.PROPOSED


def test_a_bad_proposal_shows_errors_and_saves_nothing(client, auth, organiser, club, place, room):
    auth.login(organiser)

    response = client.post("/faellesskaber/ny", data=proposal_form(
        place, room, organisation_id=str(club.id), start_time="18:00", end_time="16:00", weekday="x"))

    assert response.status_code == 200
    assert "error-summary" in response.get_data(as_text=True)
    assert db.session.query(Community).count() == 0


def test_the_propose_page_is_refused_to_people_without_an_organisation(client, auth, person):
    auth.login(person("citizen"))

    assert client.get("/faellesskaber/ny").status_code == 403


def test_an_organiser_cannot_propose_for_another_organisation(client, auth, person, club, place, room):
    other_admin = person("other_org_admin")
    auth.login(other_admin)

    response = client.post("/faellesskaber/ny", data=proposal_form(place, room, organisation_id=str(club.id)))

    assert response.status_code == 200  # the club is not among the choices
    assert db.session.query(Community).count() == 0


@pytest.mark.parametrize("role", ROLES)
def test_who_reaches_the_edit_and_dates_pages(client, auth, person, create_community, role):
    community = create_community()
    login(auth, person(role))

    for url in (f"/faellesskaber/{community.slug}/rediger", f"/faellesskaber/{community.slug}/datoer"):
        status = client.get(url).status_code
        if role == "anonymous":
            assert status == 302
        elif role in ("org_admin", "staff", "admin"):
            assert status == 200
        else:
            assert status == 403


def test_cancel_move_and_undo_a_date_through_the_page(client, auth, organiser, create_community):
    community = create_community(valid_from=date(2027, 1, 5))  # the dates are ahead whatever today is
    auth.login(organiser)
    url = f"/faellesskaber/{community.slug}/datoer"

    client.post(url, data={"action": "cancel", "cancel-original_date": "2027-01-12", "cancel-note": "Vinterferie"})
    client.post(url, data={"action": "move", "move-original_date": "2027-01-19", "move-new_date": "2027-01-21",
                           "move-start_time": "18:00", "move-end_time": "20:00", "move-note": ""})
    bad = client.post(url, data={"action": "cancel", "cancel-original_date": "2027-01-13", "cancel-note": ""})

    db.session.expire_all()
    kinds = {e.original_date: e.kind.value for e in db.session.get(Community, community.id).exceptions}
    assert kinds == {date(2027, 1, 12): "cancelled", date(2027, 1, 19): "moved"}
    assert bad.status_code == 200 and "error-summary" in bad.get_data(as_text=True)

    client.post(url, data={"action": "restore", "original_date": "2027-01-12"})
    db.session.expire_all()
    assert [e.original_date for e in db.session.get(Community, community.id).exceptions] == [date(2027, 1, 19)]


def test_staff_moderate_from_the_list(client, auth, staff, create_community):
    community = create_community(approve=False)
    auth.login(staff)

    assert "Skakcafé" in client.get("/personale/faellesskaber?status=proposed").get_data(as_text=True)
    client.post(f"/personale/faellesskaber/{community.slug}/moderer", data={"action": "approve", "comment": ""})

    db.session.expire_all()
    assert db.session.get(Community, community.id).status == CommunityStatus.ACTIVE


@pytest.mark.parametrize("role", ROLES)
def test_staff_pages_are_for_staff(client, auth, person, role):
    login(auth, person(role))

    for url in ("/personale/faellesskaber", "/personale/faellesskaber/udgaver"):
        status = client.get(url).status_code
        assert status == (200 if role in ("staff", "admin") else 302 if role == "anonymous" else 403), url


def test_staff_make_edit_and_publish_an_edition_through_the_pages(client, auth, staff, create_community):
    create_community()
    auth.login(staff)

    response = client.post("/personale/faellesskaber/udgaver", data={"year": "2026"})
    edition = editions.editions_of(2026)[0]
    assert response.status_code == 302
    entry = edition.entries[0]
    page = client.get(f"/personale/faellesskaber/udgaver/{edition.id}/{entry.id}").get_data(as_text=True)
    assert "Skakcafé" in page
    client.post(f"/personale/faellesskaber/udgaver/{edition.id}/udgiv", data={"change_note": ""})

    db.session.expire_all()
    assert editions.is_published(2026)
    overview = client.get("/personale/faellesskaber/udgaver").get_data(as_text=True)
    assert "Ja" in overview or "Yes" in overview
    assert client.get("/faellesskaber/2026").status_code == 200


def test_the_help_and_my_calendar_pages(client, auth, organiser):
    assert client.get("/kalender/hjaelp").status_code == 200
    auth.login(organiser)

    page = client.get("/konto/kalender").get_data(as_text=True)

    assert "webcal://localhost/kalender/personlig/" in page


def test_the_menu_has_the_community_entries(client, auth, staff):
    assert 'href="/faellesskaber"' in client.get("/").get_data(as_text=True)
    auth.login(staff)
    assert 'href="/personale/faellesskaber"' in client.get("/").get_data(as_text=True)


def test_the_pages_in_english(client, create_community, staff):
    community = create_community()
    editions.publish(staff, editions.create_edition(staff, 2026, NOW), NOW)
    db.session.commit()

    for url in ("/faellesskaber", f"/faellesskaber/{community.slug}", "/faellesskaber/2026", "/kalender/hjaelp"):
        response = client.get(url + "?lang=en")
        assert response.status_code == 200, url
        assert 'lang="en"' in response.get_data(as_text=True)
    assert "Every Tuesday" in client.get(f"/faellesskaber/{community.slug}?lang=en").get_data(as_text=True)


def test_bad_input_on_every_form_is_an_answer_not_a_500(client, auth, staff, create_community):
    community = create_community()
    auth.login(staff)
    draft = client.post("/personale/faellesskaber/udgaver", data={"year": "2026"})
    assert draft.status_code == 302
    edition = editions.editions_of(2026)[0]
    entry = edition.entries[0]
    posts = [
        (f"/faellesskaber/{community.slug}/rediger", {"title": "", "start_time": "25:99", "valid_from": "x"}),
        (f"/faellesskaber/{community.slug}/datoer", {"action": "move", "move-original_date": "2026-13-01"}),
        (f"/faellesskaber/{community.slug}/datoer", {"action": "restore", "original_date": "nonsense"}),
        (f"/faellesskaber/{community.slug}/status", {"status": "flying"}),
        (f"/personale/faellesskaber/{community.slug}/moderer", {"action": "explode"}),
        ("/personale/faellesskaber/udgaver", {"year": "abc"}),
        ("/personale/faellesskaber/udgaver", {"year": "1850"}),
        (f"/personale/faellesskaber/udgaver/{edition.id}/{entry.id}", {"title": "", "category": "cooking"}),
        (f"/personale/faellesskaber/udgaver/{edition.id}", {"title": "x" * 500}),
    ]

    for url, data in posts:
        assert client.post(url, data=data).status_code in (200, 302), url
    assert client.get("/personale/faellesskaber?status=nonsense").status_code == 200
    assert client.get("/personale/faellesskaber/udgaver/999999").status_code == 404
    assert client.get(f"/personale/faellesskaber/udgaver/{edition.id}/999999").status_code == 404
    db.session.expire_all()
    assert db.session.get(Community, community.id).title == "Skakcafé"
