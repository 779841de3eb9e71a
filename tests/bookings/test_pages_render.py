"""Every booking page renders, in Danish and in English, for the people who may see it; the
public sees taken time as "Optaget" without private details."""

from __future__ import annotations

from html import unescape

import pytest

from tests.bookings.conftest import set_language


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return unescape(response.get_data(as_text=True))


def urls(scene) -> dict[str, str]:
    s = scene
    booking, occurrence = s.private, s.private.occurrences[0]
    held = s.past.occurrences[0]
    day = s.day.isoformat()
    return {
        "find": f"/find-lokale?day={day}&start=09:00&end=11:00&people=4&location=",
        "week": f"/lokaler/{s.place.room.slug}/kalender?uge={day}",
        "new": f"/lokaler/{s.place.room.slug}/book?dag={day}&fra=12:00&til=13:00",
        "detail": f"/bookinger/{booking.id}",
        "mine": "/mine-bookinger?vis=alle",
        "organisation": f"/mine-bookinger/forening/{s.place.association.id}",
        "cancel": f"/bookinger/{booking.id}/aflys",
        "cancel_date": f"/bookinger/{booking.id}/datoer/{occurrence.id}/aflys",
        "edit": f"/bookinger/{booking.id}/rediger",
        "move": f"/bookinger/{booking.id}/datoer/{occurrence.id}/flyt",
        "queue": "/personale/godkendelser",
        "reject": f"/personale/godkendelser/{s.pending.id}/afvis",
        "calendar": f"/personale/kalender?location={s.place.library.id}&day={day}&view=week",
        "calendar_day": f"/personale/kalender?location={s.place.library.id}&day={day}&view=day",
        "attendance": f"/bookinger/{s.past.id}/datoer/{held.id}/fremmoede",
    }


EXPECTED = {
    "da": {
        "find": "Find et ledigt lokale",
        "week": "Kalender for Mødelokalet",
        "new": "Book Mødelokalet",
        "detail": "Historik",
        "mine": "Mine bookinger",
        "organisation": "Bookinger for Skakklubben Springeren",
        "cancel": "Aflys bookingen",
        "cancel_date": "Aflys en dato",
        "edit": "Ret bookingen",
        "move": "Flyt en dato",
        "queue": "Bookinger der venter på godkendelse",
        "reject": "Afvis Bestyrelsesmøde",
        "calendar": "Lokalernes bookinger, uge",
        "calendar_day": "Næste dag",
        "attendance": "Fremmøde",
    },
    "en": {
        "find": "Find a free room",
        "week": "Calendar for Mødelokalet",
        "new": "Book Mødelokalet",
        "detail": "History",
        "mine": "My bookings",
        "organisation": "Bookings of Skakklubben Springeren",
        "cancel": "Cancel the booking",
        "cancel_date": "Cancel a date",
        "edit": "Edit the booking",
        "move": "Move a date",
        "queue": "Bookings awaiting approval",
        "reject": "Reject Bestyrelsesmøde",
        "calendar": "Bookings of the rooms, week",
        "calendar_day": "Next day",
        "attendance": "Attendance",
    },
}


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_page_renders_in_both_languages(client, auth, scene, language):
    auth.login(scene.place.staff)
    set_language(client, language)
    for name, url in urls(scene).items():
        text = page(client, url)
        assert f'<html lang="{language}">' in text, name
        assert EXPECTED[language][name] in text, name


def test_the_booker_sees_her_pages_in_danish(client, auth, scene):
    auth.login(scene.place.member)
    set_language(client, "da")
    mine = page(client, "/mine-bookinger")
    assert "Skak for øvede" in mine and "Skakklubben Springeren" in mine
    detail = page(client, f"/bookinger/{scene.private.id}")
    assert "Intern turnering" in detail and "Anmodet" in detail  # the history's first row


def test_the_public_week_shows_taken_time_without_details(client, scene):
    text = page(client, f"/lokaler/{scene.place.room.slug}/kalender?uge={scene.day.isoformat()}")
    assert "17.00–19.00: Optaget" in text
    assert "Skak for øvede" not in text
    assert "Forrige uge" in text and "Næste uge" in text
    # the free time before it links to the booking form at that time
    assert f"/lokaler/{scene.place.room.slug}/book?dag={scene.day.isoformat()}&fra=08:00&til=17:00" in text


def test_members_see_their_own_title_in_the_week(client, auth, scene):
    auth.login(scene.place.member)
    set_language(client, "da")
    text = page(client, f"/lokaler/{scene.place.room.slug}/kalender?uge={scene.day.isoformat()}")
    assert "Skak for øvede" in text


def test_the_room_page_links_to_its_week(client, scene):
    text = page(client, f"/lokaler/{scene.place.room.slug}")
    assert f"/lokaler/{scene.place.room.slug}/kalender" in text


def test_free_room_search_lists_free_rooms_with_a_link_to_book(client, scene):
    day = scene.day.isoformat()
    text = page(client, f"/find-lokale?day={day}&start=17:00&end=18:00&people=10&location=")
    assert "Mødelokalet" not in text.split("ledige lokaler")[-1]  # taken then
    assert "Salen" in text
    assert f"book?dag={day}&fra=17:00&til=18:00" in text


def test_free_room_search_with_bad_input_explains(client, scene):
    text = page(client, f"/find-lokale?day={scene.day.isoformat()}&start=18:00&end=17:00")
    assert "Slutningen skal ligge efter starten." in text


@pytest.mark.parametrize("who, status", [("citizen", 403), ("other_member", 403), ("member", 200), ("staff", 200)])
def test_private_details_only_for_those_who_may(client, auth, scene, who, status):
    auth.login(getattr(scene.place, who))
    assert client.get(f"/bookinger/{scene.private.id}").status_code == status


def test_anonymous_visitors_are_asked_to_log_in(client, scene):
    for url in ("/mine-bookinger", f"/bookinger/{scene.private.id}", f"/lokaler/{scene.place.room.slug}/book"):
        response = client.get(url)
        assert response.status_code == 302 and "/konto/log-ind" in response.headers["Location"], url
    for url in ("/personale/godkendelser", "/personale/kalender"):
        assert client.get(url).status_code == 302


def test_staff_pages_are_closed_to_others(client, auth, scene):
    auth.login(scene.place.org_admin)
    for url in ("/personale/godkendelser", "/personale/kalender", f"/personale/godkendelser/{scene.pending.id}/afvis"):
        assert client.get(url).status_code == 403, url


def test_the_json_check_lists_clashes(client, scene):
    day = scene.day.isoformat()
    slug = scene.place.room.slug
    free = client.get(f"/lokaler/{slug}/tjek?day={day}&start=12:00&end=13:00").get_json()
    assert free == {"dates": 1, "free": 1, "clashes": [], "skipped": []}
    taken = client.get(f"/lokaler/{slug}/tjek?day={day}&start=18:00&end=20:00&repeat=weekly&count=3").get_json()
    assert taken["dates"] == 3 and taken["free"] == 2 and len(taken["clashes"]) == 1
    bad = client.get(f"/lokaler/{slug}/tjek?day={day}&start=20:00&end=19:00")
    assert bad.status_code == 400 and "error" in bad.get_json()
    assert client.get(f"/lokaler/{slug}/tjek?day=nope").status_code == 400


def test_a_room_only_organisations_may_book_says_so_to_a_citizen(client, auth, scene, create_room):
    from booking.rooms.models import BookingPolicy

    hall = create_room("Foreningssalen", location=scene.place.library, booking_policy=BookingPolicy.ORGANISATIONS)
    from booking.extensions import db

    db.session.commit()
    auth.login(scene.place.citizen)
    set_language(client, "da")
    text = page(client, f"/lokaler/{hall.slug}/book")
    assert "kun bookes på vegne af en forening" in text
    assert 'name="title"' not in text
    auth.logout()
    auth.login(scene.place.member)  # a member of an association may
    form = page(client, f"/lokaler/{hall.slug}/book")
    assert 'name="title"' in form
    assert "Skakklubben Springeren" in form and ">Myself<" not in form and ">Mig selv<" not in form


def test_the_menu_offers_the_free_room_search(client):
    assert 'href="/find-lokale"' in page(client, "/")


def test_the_history_says_who_changed_what_in_the_readers_language(client, auth, scene):
    auth.login(scene.place.org_admin)
    set_language(client, "da")
    url = f"/bookinger/{scene.private.id}/rediger"
    data = {"title": "Skak for alle", "purpose": "Intern turnering", "expected_attendees": "8"}
    assert client.post(url, data=data).status_code == 302
    auth.logout()
    auth.login(scene.place.staff)
    set_language(client, "da")
    held = scene.past.occurrences[0]
    assert (
        client.post(f"/bookinger/{scene.past.id}/datoer/{held.id}/fremmoede", data={"no_show": "y"}).status_code == 302
    )
    text = page(client, f"/bookinger/{scene.private.id}")
    assert "Beskrivelsen blev ændret: Titel, Forventet antal deltagere" in text
    assert scene.place.org_admin.name in text
    assert "Fremmøde registreret: ingen mødte op" in page(client, f"/bookinger/{scene.past.id}")


def test_a_non_member_cannot_see_an_organisations_bookings(client, auth, scene):
    auth.login(scene.place.other_member)
    assert client.get(f"/mine-bookinger/forening/{scene.place.association.id}").status_code == 403
    assert client.get("/mine-bookinger/forening/999999").status_code == 404


def test_a_search_that_finds_no_room_is_kept_as_anonymous_demand(client, auth, scene):
    from sqlalchemy import func, select

    from booking.bookings.models import SearchLog
    from booking.extensions import db

    auth.login(scene.place.citizen)
    page(client, f"/find-lokale?day={scene.day.isoformat()}&start=10:00&end=12:00&people=900")
    page(client, f"/find-lokale?day={scene.day.isoformat()}&start=10:00&end=12:00")

    logged = db.session.scalars(select(SearchLog)).all()
    assert [entry.people for entry in logged] == [900]
    assert db.session.scalar(select(func.count()).select_from(SearchLog)) == 1
