"""url_state in a real Streamlit page: notices render as plain text and the URL follows."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

FILTER_APP = """
import streamlit as st

from orion_data.url_state import Param, read_state, write_state

SPEC = {
    "region": Param(default="84", choices={"84", "11"}, label="région"),
    "niveau": Param(default=[], choices={"500", "400"}, multiple=True),
}
state, notices = read_state(st.query_params, SPEC)
for notice in notices:
    st.warning(notice)
region = st.radio("Région", ["84", "11"], index=["84", "11"].index(state["region"]))
st.write("Niveaux : " + ", ".join(state["niveau"]))
write_state(st.query_params, dict(state, region=region), SPEC)
"""

HOSTILE = "**gras** :red[rouge] $x$ <b>b</b>"


@pytest.fixture
def filter_url(start_streamlit, tmp_path):
    script = tmp_path / "filter_app.py"
    script.write_text(FILTER_APP, encoding="utf-8")
    return start_streamlit(script)


def test_notice_shows_value_literally(page, filter_url):
    page.goto(f"{filter_url}/?region={quote(HOSTILE)}&niveau=500")

    alert = page.get_by_test_id("stAlert")
    expect(alert).to_contain_text(f"Paramètre « région » : « {HOSTILE} » ignoré")
    expect(alert.locator("strong, b, .katex, a")).to_have_count(0)
    expect(page.get_by_text("Niveaux : 500")).to_be_visible()


def test_url_drops_bad_value(page, filter_url):
    page.goto(f"{filter_url}/?region=99&niveau=500")

    expect(page.get_by_test_id("stAlert")).to_contain_text("« 99 »")
    expect(page).to_have_url(re.compile(r"\?niveau=500$"))


def test_widget_change_updates_url(page, filter_url):
    page.goto(filter_url)
    expect(page.get_by_text("Région")).to_be_visible()

    page.get_by_text("11", exact=True).click()

    expect(page).to_have_url(re.compile(r"\?region=11$"))
    expect(page.get_by_test_id("stAlert")).to_have_count(0)
