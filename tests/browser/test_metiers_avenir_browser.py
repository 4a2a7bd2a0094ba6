"""The métiers d'avenir page in Chromium against a real `streamlit run`."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _no_error(page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)
    expect(page.get_by_text("Traceback")).to_have_count(0)


def test_page_shows_chart(page, orion_app, warehouse):
    page.goto(f"{orion_app}/metiers_avenir")

    expect(page.get_by_role("heading", name="Métiers d'avenir")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Formations \(CFD\) : métiers en tension"))).to_be_visible()
    expect(page.get_by_test_id("stVegaLiteChart").first).to_be_visible()
    _no_error(page)


def test_region_choice_keeps_page_working(page, orion_app, warehouse):
    page.goto(f"{orion_app}/metiers_avenir")
    caption = page.get_by_text(re.compile(r"^Formations \(CFD\) : métiers en tension"))
    expect(caption).to_be_visible()
    national = caption.inner_text()

    page.get_by_test_id("stRadio").filter(has_text="Territoire").get_by_text("Région", exact=True).click()
    page.get_by_test_id("stSelectbox").filter(has_text="Région").click()
    page.get_by_role("option", name="Bretagne").click()

    expect(caption).not_to_have_text(national)
    _no_error(page)
