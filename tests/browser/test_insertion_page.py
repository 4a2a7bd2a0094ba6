"""The insertion page in Chromium, served by the real Home.py on the real warehouse."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_insertion_page_opens_without_error(page, orion_app, warehouse):
    page.goto(f"{orion_app}/insertion")

    expect(page.get_by_role("heading", name="Insertion des sortants")).to_be_visible()
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
    expect(page.get_by_test_id("stVegaLiteChart")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)

    page.get_by_role("tab", name="Par établissement").click()

    panel = page.get_by_role("tabpanel", name="Par établissement")
    expect(panel.get_by_text("ne publie pas le nombre de sortants")).to_be_visible()
    expect(panel.get_by_test_id("stDataFrame")).to_be_visible()
    expect(page).to_have_url(re.compile(r"vue=etablissements"))
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)
