"""End-to-end checks of the harness itself, on tiny Streamlit scripts written to tmp_path."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

HELLO_APP = """
import streamlit as st

st.title("Harnais Orion")
if st.button("Dire bonjour"):
    st.write("Bonjour depuis Streamlit")
"""

ENV_APP = """
import os

import streamlit as st

st.write("Base : " + os.environ.get("ORION_DB", "absente"))
st.write("Entrepôt : " + os.environ.get("ORION_WAREHOUSE", "absent"))
"""


def write_script(folder: Path, name: str, text: str) -> Path:
    script = folder / name
    script.write_text(text, encoding="utf-8")
    return script


def test_button_writes_text(start_streamlit, page, tmp_path):
    url = start_streamlit(write_script(tmp_path, "hello_app.py", HELLO_APP))
    page.goto(url)

    expect(page.get_by_role("heading", name="Harnais Orion")).to_be_visible()
    expect(page.get_by_text("Bonjour depuis Streamlit")).to_have_count(0)

    page.get_by_role("button", name="Dire bonjour").click()

    expect(page.get_by_text("Bonjour depuis Streamlit")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_env_reaches_script(start_streamlit, page, tmp_path, monkeypatch):
    monkeypatch.setenv("ORION_WAREHOUSE", "/inherited/from/the/test/runner")
    script = write_script(tmp_path, "env_app.py", ENV_APP)
    url = start_streamlit(script, {"ORION_DB": "/tmp/orion-test.sqlite"})
    page.goto(url)

    expect(page.get_by_text("Base : /tmp/orion-test.sqlite")).to_be_visible()
    expect(page.get_by_text("Entrepôt : absent")).to_be_visible()


def test_same_script_reuses_server(start_streamlit, tmp_path):
    script = write_script(tmp_path, "hello_app.py", HELLO_APP)
    assert start_streamlit(script) == start_streamlit(script)


def test_missing_script_raises(start_streamlit, tmp_path):
    with pytest.raises(FileNotFoundError, match="nowhere.py"):
        start_streamlit(tmp_path / "nowhere.py")


def run_hello_test(ci: str) -> subprocess.CompletedProcess[str]:
    """Run test_button_writes_text in a child pytest that cannot find Chromium."""
    env = dict(os.environ, ORION_CHROMIUM_PATH="/nonexistent/chromium", CI=ci)
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-p",
        "no:cacheprovider",
        "-q",
        f"{__file__}::test_button_writes_text",
    ]
    return subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_missing_chromium_skips_locally():
    result = run_hello_test(ci="")
    assert result.returncode == 0, result.stdout
    assert "1 skipped" in result.stdout
    assert "Chromium not found at /nonexistent/chromium" in result.stdout


def test_missing_chromium_fails_in_ci():
    result = run_hello_test(ci="true")
    assert result.returncode != 0, result.stdout
    assert "Browser tests are not skipped when CI is set" in result.stdout
