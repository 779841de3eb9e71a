"""An association's chair finds a free room on her phone and books it for the association; the
live check says the time is free; staff approve the booking from the queue."""

from __future__ import annotations

import re

from playwright.sync_api import expect
from sqlalchemy import select

from booking.accounts.models import UserRole
from booking.bookings.models import Booking, BookingStatus
from booking.extensions import db
from booking.rooms.models import BookingPolicy
from tests.bookings.conftest import coming_tuesday
from tests.factories import PASSWORD


def log_in(page, email: str) -> None:
    page.goto("/konto/log-ind")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Log ind").click()


def test_an_association_books_a_free_room_and_staff_approve_it(
    phone, create_location, create_room, create_user, create_organisation
):
    library = create_location("Havnstrup Bibliotek")
    create_room(
        "Havnestuen",
        location=library,
        capacity=24,
        requires_approval=True,
        booking_policy=BookingPolicy.ORGANISATIONS,
    )
    create_room("Studieboksen", location=library, capacity=3)
    chair = create_user("formand@skakklubben.example", name="Jens Holm")
    create_organisation("Skakklubben Springeren", admin=chair)
    create_user("personale@folkebiblioteket.example", name="Helle Jensen", role=UserRole.STAFF)
    db.session.commit()
    day = coming_tuesday(2).isoformat()
    page = phone

    log_in(page, "formand@skakklubben.example")
    page.goto("/find-lokale")
    page.get_by_label("Dato").fill(day)
    page.get_by_label("Fra").fill("18:00")
    page.get_by_label("Til").fill("20:00")
    page.get_by_label("Antal personer").fill("10")
    page.get_by_role("button", name="Find ledige lokaler").click()
    expect(page.get_by_role("heading", name="1 ledigt lokale")).to_be_visible()
    page.get_by_role("link", name="Book Havnestuen på dette tidspunkt").click()

    expect(page.get_by_role("heading", name="Book Havnestuen", level=1)).to_be_visible()
    expect(page.locator("#check-result")).to_have_text("Tiden er ledig.")
    page.get_by_label("Titel").fill("Bestyrelsesmøde")
    page.get_by_label("Book på vegne af").select_option(label="Skakklubben Springeren")
    page.get_by_role("button", name="Book", exact=True).click()
    expect(page.get_by_role("status").first).to_have_text(
        "Tak. Bookingen venter på bibliotekets godkendelse; vi skriver til dig."
    )
    expect(page.get_by_role("heading", name="Bestyrelsesmøde")).to_be_visible()
    page.get_by_role("button", name="Log ud").click()

    log_in(page, "personale@folkebiblioteket.example")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Godkendelser").click()
    expect(page).to_have_url(re.compile(r"/personale/godkendelser$"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    row = page.get_by_role("row", name=re.compile("Bestyrelsesmøde"))
    row.get_by_role("button", name="Godkend").click()
    expect(page.get_by_role("status").first).to_have_text("Bestyrelsesmøde er godkendt.")
    expect(page.get_by_text("Intet venter på godkendelse.")).to_be_visible()

    # The public sees the evening as taken, without the title, in the room's week on a phone.
    page.get_by_role("button", name="Log ud").click()
    page.goto("/lokaler")
    page.get_by_role("link", name="Havnestuen").first.click()
    page.get_by_role("link", name="Se hvornår lokalet er ledigt").click()
    page.get_by_role("link", name="Næste uge").click()
    expect(page).to_have_url(re.compile(r"/kalender\?uge="))
    page.goto(page.url.split("?")[0] + f"?uge={day}")
    expect(page.get_by_text("18.00–20.00: Optaget")).to_be_visible()
    expect(page.get_by_text("Bestyrelsesmøde")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    db.session.expire_all()
    booking = db.session.scalar(select(Booking))
    assert booking.status == BookingStatus.APPROVED and booking.organisation.name == "Skakklubben Springeren"
