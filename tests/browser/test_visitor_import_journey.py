"""Staff import a people-counter file and find the visitors in the statistics, on a desktop."""

from __future__ import annotations

from datetime import time

from playwright.sync_api import expect

from booking.extensions import db
from tests.factories import PASSWORD

CSV = "dato;sted;antal\n2026-02-02;Lindved Bibliotek;120\n2026-02-03 15:00;Lindved Bibliotek;80\n"


def test_staff_import_visitor_counts_and_see_them_in_the_statistics(
    browser, live_server, create_user, create_location, tmp_path
):
    create_location("Lindved Bibliotek", hours={day: [(time(10), time(18))] for day in range(7)})
    create_user("personale@example.dk", role="staff")
    db.session.commit()  # and touch no model after this: on SQLite a new transaction locks the server out
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(5_000)
    page = context.new_page()
    csp_violations = []
    page.on("console", lambda msg: csp_violations.append(msg.text) if "Content Security Policy" in msg.text else None)

    page.goto("/konto/log-ind")
    page.get_by_label("E-mail").fill("personale@example.dk")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Log ind").click()

    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Statistik").click()
    page.get_by_role("link", name="Besøgstal").click()
    page.get_by_role("link", name="Indlæs en fil fra persontælleren").click()
    upload = tmp_path / "taeller.csv"
    upload.write_text(CSV, encoding="utf-8")
    page.get_by_label("Fil fra persontælleren (CSV)").set_input_files(str(upload))
    page.get_by_role("button", name="Tjek filen").click()
    expect(page.get_by_role("table", name="Hvad indlæsningen gemmer")).to_contain_text("120")
    page.get_by_role("button", name="Indlæs", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("200 besøgende")

    page.goto("/personale/statistik?fra=2026-01-01&til=2026-12-31")
    table = page.get_by_role("table", name="Besøgende pr. måned (personer)")
    expect(table.get_by_role("row", name="februar 2026")).to_contain_text("200")
    expect(page.get_by_role("img", name="Besøgende pr. måned")).to_be_visible()
    assert not csp_violations, csp_violations
    context.close()
