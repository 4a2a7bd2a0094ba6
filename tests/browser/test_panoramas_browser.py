"""The two panorama pages in Chromium against a real `streamlit run` of Home.py."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def _open(page: Page, base_url: str, path: str) -> None:
    """Open the home page first, then `path`.

    With Streamlit 1.67, the first session of a fresh server opened directly on a page path
    showed a "Page not found" dialog over the page, which then ran anyway.
    """
    page.goto(base_url)
    expect(page.get_by_role("heading", name="Orion")).to_be_visible()
    page.goto(f"{base_url}/{path}")


def _no_error(page: Page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_text("Traceback")).to_have_count(0)


def _external_requests(page: Page, base_url: str) -> list[str]:
    """Start recording the requests to any other origin than the app's."""
    requests: list[str] = []

    def record(request) -> None:
        if not request.url.startswith((base_url, "data:", "blob:")):
            requests.append(request.url)

    page.on("request", record)
    return requests


def _map_is_drawn(page: Page) -> None:
    """Check that the deck.gl canvas is visible and shows several colours."""
    chart = page.get_by_test_id("stDeckGlJsonChart").first
    canvas = chart.locator("canvas").first
    expect(canvas).to_be_visible()
    # deck.gl draws after the first animation frames; the polygons then give many colours.
    page.wait_for_timeout(1500)
    image = Image.open(io.BytesIO(canvas.screenshot())).convert("RGB")
    colours = image.getcolors(maxcolors=100_000)
    assert colours is not None
    assert len(colours) > 5


def test_territoire_page_opens(page, orion_app, warehouse):
    _open(page, orion_app, "panorama_territoire?region=53")
    expect(page.get_by_role("heading", name="Chiffres clés – Bretagne")).to_be_visible()
    metric = page.get_by_test_id("stMetric").filter(has_text="Nombre d'élèves")
    expect(metric).to_contain_text("28")
    _no_error(page)


def test_territoire_map_is_drawn(page, orion_app, warehouse):
    _open(page, orion_app, "panorama_territoire?region=53")
    _map_is_drawn(page)
    _no_error(page)


def test_territoire_charts_are_drawn(page, orion_app, warehouse):
    _open(page, orion_app, "panorama_territoire?region=53")
    charts = page.get_by_test_id("stVegaLiteChart")
    expect(charts).to_have_count(3)
    expect(charts.nth(1).locator("canvas, svg").first).to_be_visible()


def test_territoire_fetches_no_basemap(page, orion_app, warehouse):
    requests = _external_requests(page, orion_app)
    _open(page, orion_app, "panorama_territoire?region=53")
    _map_is_drawn(page)
    assert requests == []


def test_departement_in_url(page, orion_app, warehouse):
    _open(page, orion_app, "panorama_territoire")
    expect(page.get_by_role("heading", name=re.compile("^Chiffres clés"))).to_be_visible()

    page.get_by_test_id("stSelectbox").filter(has_text="Département").click()
    page.get_by_role("option", name=re.compile("^001 – Ain")).click()

    expect(page).to_have_url(re.compile(r"departement=001"))
    expect(page.get_by_text("Taux d'emploi à 6 mois (régional)")).to_be_visible()
    _no_error(page)


def test_etablissement_page_opens(page, orion_app, warehouse):
    _open(page, orion_app, "panorama_etablissement")
    expect(page.get_by_text("Cherchez un établissement")).to_be_visible()
    _no_error(page)


def test_etablissement_search_finds_school(page, orion_app, warehouse):
    _open(page, orion_app, "panorama_etablissement")
    search = page.get_by_label("Rechercher un établissement")
    search.fill("alexandre ber")
    search.press("Enter")

    page.get_by_test_id("stSelectbox").filter(has_text="Résultats").click()
    page.get_by_role("option", name=re.compile("Alexandre Berard")).click()

    expect(page.get_by_role("heading", name="Lycee Professionnel Alexandre Berard")).to_be_visible()
    expect(page).to_have_url(re.compile(r"uai=0010001W"))
    _map_is_drawn(page)
    _no_error(page)
