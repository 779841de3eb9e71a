"""An organiser proposes an open community on a phone; once the library approves it, a
citizen finds it and subscribes to its calendar."""

import re

from playwright.sync_api import expect

from booking.communities import services
from booking.communities.models import Community
from booking.extensions import db
from tests.communities.conftest import club, organiser, place, room, staff  # noqa: F401  (fixtures)
from tests.factories import NOW, PASSWORD


def test_an_organiser_proposes_and_a_citizen_subscribes(phone, organiser, club, room, staff):  # noqa: F811
    organiser.locale = "da"  # the fixture speaks English to the tests
    email = organiser.email
    db.session.commit()  # before the browser acts: an open transaction holds SQLite's write lock
    page = phone
    page.goto("/konto/log-ind")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Log ind").click()

    page.goto("/faellesskaber/mine")
    page.get_by_role("link", name="Foreslå et åbent fællesskab").click()
    page.get_by_label("Fællesskabets navn").fill("Strikkecafé")
    page.get_by_label("Kort beskrivelse").fill("Strik, hækl og snak.")
    page.get_by_label("Beskrivelse", exact=True).fill("Tag dit eget garn med.")
    page.get_by_label("Kategori").select_option("crafts")
    page.get_by_label("Sted").select_option(label="Hovedbiblioteket Søby")
    page.get_by_label("Ugedag").select_option("2")
    page.get_by_label("Starter kl.").fill("14:00")
    page.get_by_label("Slutter kl.").fill("16:00")
    page.get_by_label("Første dato").fill("2026-01-07")
    page.get_by_label("Kontaktperson", exact=True).fill("Birthe Lund")
    page.get_by_role("button", name="Send forslaget").click()
    expect(page.get_by_role("status")).to_contain_text("Biblioteket ser på Strikkecafé")

    community = db.session.query(Community).one()
    services.approve(staff, community, NOW)
    db.session.commit()

    page.context.clear_cookies()
    page.goto("/faellesskaber?ugedag=2")
    page.get_by_role("link", name="Strikkecafé").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Strikkecafé")
    subscribe = page.get_by_role("link", name="Abonnér på Strikkecafé")
    expect(subscribe).to_have_attribute("href", re.compile(r"^webcal://.+/kalender/faellesskaber/strikkecafe\.ics$"))
