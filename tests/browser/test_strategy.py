"""A member of staff reports on the action plan: imports the plan file, binds a measurement point
to a figure, writes a status, signs the half year off and exports the plan to Excel."""

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from booking.accounts.models import UserRole
from booking.extensions import db
from tests.strategy.conftest import NEW_USERS, PLAN_FILE  # also registers the tests' own figures

DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def desktop(browser, live_server):
    context = browser.new_context(viewport=DESKTOP, base_url=live_server.url, accept_downloads=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # "Sign off? ..." confirmations
    yield page
    context.close()


def test_staff_import_bind_report_sign_off_and_export(desktop, create_user):
    create_user("helle@folkebiblioteket.example", name="Helle Birk Jensen", role=UserRole.STAFF)
    db.session.commit()
    page = desktop
    page.goto("/konto/log-ind")
    page.get_by_label("E-mail").fill("helle@folkebiblioteket.example")
    page.get_by_label("Adgangskode").fill("correct horse battery")
    page.get_by_role("main").get_by_role("button", name="Log ind").click()

    # Import the plan: a preview first, then the import.
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Handlingsplan").click()
    page.get_by_role("link", name="Importér en planfil").click()
    page.get_by_label("Planfil (CSV eller Excel)").set_input_files(str(PLAN_FILE))
    page.get_by_role("button", name="Vis, hvad der ændres").click()
    expect(page.get_by_text("Nye handlinger: 23")).to_be_visible()
    page.get_by_role("button", name="Importér planen").click()
    expect(page.get_by_role("status")).to_contain_text("Planen er importeret: 23 nye")
    expect(page.get_by_role("heading", level=1)).to_have_text("Handlingsplan 2023–2025")

    # Bind a measurement point of action 18 to a figure of the system.
    page.get_by_role("link", name="Handling 18", exact=True).click()
    page.get_by_role("link", name="Tilføj et målepunkt").click()
    page.get_by_label("Målepunkt").fill("Nye brugere af biblioteket")
    page.get_by_label("Måles med").select_option("metric")
    page.get_by_label("Tal", exact=True).select_option(NEW_USERS)
    page.get_by_label("Mål pr. år, fra").fill("8")
    page.get_by_label("Mål pr. år, op til").fill("10")
    page.get_by_role("button", name="Gem målepunktet").click()
    expect(page.get_by_role("status")).to_have_text("Målepunktet er gemt.")
    point = page.get_by_role("region", name="Nye brugere af biblioteket")
    expect(point.get_by_role("columnheader", name="År til dato", exact=True)).to_be_visible()
    expect(point.get_by_text("Mål pr. år: 8–10")).to_be_visible()

    # Write the status of December 2023 and sign it off.
    page.get_by_role("link", name="Handlingsplan 2023–2025").click()
    page.get_by_role("link", name="Status december 2023").click()
    page.get_by_label("Status for handling 18").select_option("in_progress")
    page.get_by_label("Statustekst for handling 18").fill("Fire interviews er gennemført; resten følger i foråret.")
    page.get_by_role("button", name="Gem statusserne").click()
    expect(page.get_by_role("status")).to_have_text("Statusserne er gemt (1 ændret).")
    page.get_by_role("button", name="Godkend december 2023").click()
    expect(page.get_by_role("status")).to_have_text("december 2023 er godkendt; tallene er fastfrosset.")
    expect(page.get_by_label("Status for handling 18")).to_have_count(0)  # no longer editable

    # Export to Excel and read the status cell back.
    page.get_by_role("link", name="Handlingsplan 2023–2025").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Eksportér til Excel").click()
    assert download.value.suggested_filename == "handlingsplan-2023-2025.xlsx"
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    header = [cell.value for cell in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == 18)
    assert row[header.index("Status december 2023")] == (
        "I gang: Fire interviews er gennemført; resten følger i foråret."
    )
    assert row[header.index("Handling")].startswith("Som en del af den generelle opfølgning")
