"""A citizen's first visit, on a phone."""

import re

from playwright.sync_api import expect


def test_a_citizen_signs_up_logs_out_and_in_and_switches_language(phone):
    page = phone
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "da")

    # The first Tab lands on the skip link, which shows itself with a visible focus ring.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Spring til indholdet")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    style, width = skip.evaluate("el => [getComputedStyle(el).outlineStyle, getComputedStyle(el).outlineWidth]")
    assert style == "solid" and float(width.removesuffix("px")) >= 3  # ours, not the browser's thin default

    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Opret konto").click()
    page.get_by_label("Navn").fill("Signe Nielsen")
    page.get_by_label("E-mail").fill("signe@example.dk")
    page.get_by_label("Adgangskode", exact=True).fill("en lang adgangskode")
    page.get_by_label("Gentag adgangskoden").fill("en lang adgangskode")
    page.get_by_role("button", name="Opret konto").click()
    expect(page.get_by_role("status")).to_have_text("Din konto er klar.")
    expect(page).to_have_url(re.compile(r"/konto$"))

    page.get_by_role("button", name="Log ud").click()
    expect(page.get_by_role("status")).to_have_text("Du er logget ud.")

    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Log ind").click()
    page.get_by_label("E-mail").fill("signe@example.dk")
    page.get_by_label("Adgangskode").fill("en lang adgangskode")
    page.get_by_role("main").get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("status")).to_have_text("Velkommen, Signe Nielsen.")

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.get_by_role("button", name="Dansk").click()
    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(page.get_by_role("button", name="Log ud")).to_be_visible()
