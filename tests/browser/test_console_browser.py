"""The home page and the console formations in Chromium against a real `streamlit run`."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from orion_data.paths import PROJECT_DIR

pytestmark = pytest.mark.browser


def _no_error(page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_text("Traceback")).to_have_count(0)


def test_home_shows_figures(page, orion_app, warehouse):
    page.goto(orion_app)
    metric = page.get_by_test_id("stMetric").filter(has_text="Élèves en lycée professionnel")
    expect(metric).to_contain_text("623")
    _no_error(page)


def test_console_filters_and_url(page, orion_app, warehouse):
    page.goto(f"{orion_app}/console_formations")
    caption = page.get_by_text(re.compile(r"^\d+ formations · rentrée"))
    expect(caption).to_be_visible()
    national = int(caption.inner_text().split()[0])

    page.get_by_test_id("stSelectbox").filter(has_text="Région").click()
    page.get_by_role("option", name="Auvergne-Rhône-Alpes").click()

    expect(page).to_have_url(re.compile(r"region=84"))
    expect(caption).not_to_have_text(re.compile(rf"^{national} formations"))
    _no_error(page)


def test_console_csv_download(page, orion_app, warehouse):
    page.goto(f"{orion_app}/console_formations?region=84&niveau=500")
    button = page.get_by_role("button", name="Exporter en CSV")
    expect(button).to_be_visible()

    with page.expect_download() as download_info:
        button.click()
    download = download_info.value
    content = open(download.path(), "rb").read()

    assert download.suggested_filename.startswith("orion_console-formations_rentree-")
    assert content.startswith(b"\xef\xbb\xbf")
    assert b"CFD;Formation;" in content.splitlines()[0]


PUBLIC_PATHS = [
    "console_formations", "console_etablissements", "panorama_territoire",
    "panorama_etablissement", "insertion", "metiers_avenir", "glossaire",
]


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_page_opens_directly_by_url(page, orion_app, warehouse, path):
    page.goto(f"{orion_app}/{path}")
    expect(page.get_by_test_id("stHeading").first).to_be_visible()
    expect(page.get_by_text("Page not found")).to_have_count(0)
    _no_error(page)


def test_first_visit_of_new_server_runs_home(page, start_streamlit, orion_app_env, tmp_path,
                                             warehouse):
    # A server of its own, so that this deep link is the very first visit it serves.
    env = dict(orion_app_env, ORION_DB=str(tmp_path / "first-visit.sqlite"))
    url = start_streamlit(PROJECT_DIR / "Home.py", env)
    page.goto(f"{url}/glossaire")
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_role("button", name="Se connecter")).to_be_visible()
    expect(sidebar.get_by_role("link", name="Glossaire")).to_be_visible()
    expect(sidebar.get_by_text("demande formulaire")).to_have_count(0)
    expect(page.get_by_text("Page not found")).to_have_count(0)
