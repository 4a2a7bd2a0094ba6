"""The cookie key and the signed cookie value."""

from __future__ import annotations

import stat
import tomllib

import pytest

from orion_data.auth import cookie
from orion_data.errors import OrionError


@pytest.fixture(autouse=True)
def no_env_key(monkeypatch):
    monkeypatch.delenv(cookie.ENV_VARIABLE, raising=False)


def test_env_key_wins(tmp_path, monkeypatch):
    monkeypatch.setenv(cookie.ENV_VARIABLE, "from-env")
    path = tmp_path / "secrets.toml"
    assert cookie.cookie_key(path) == "from-env"
    assert not path.exists()


def test_generated_key_saved(tmp_path):
    path = tmp_path / ".streamlit" / "secrets.toml"
    key = cookie.cookie_key(path)
    with open(path, "rb") as handle:
        saved = tomllib.load(handle)
    assert len(key) >= 40
    assert saved["orion"]["cookie_key"] == key
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_generated_key_stable(tmp_path):
    path = tmp_path / "secrets.toml"
    assert cookie.cookie_key(path) == cookie.cookie_key(path)


def test_existing_secrets_kept(tmp_path):
    path = tmp_path / "secrets.toml"
    path.write_text('[connections.db]\nurl = "sqlite://"\n')
    key = cookie.cookie_key(path)
    with open(path, "rb") as handle:
        saved = tomllib.load(handle)
    assert saved["connections"]["db"]["url"] == "sqlite://"
    assert saved["orion"]["cookie_key"] == key


def test_saved_key_read(tmp_path):
    path = tmp_path / "secrets.toml"
    path.write_text('[orion]\ncookie_key = "configured"\n')
    assert cookie.cookie_key(path) == "configured"


def test_orion_table_without_key(tmp_path):
    path = tmp_path / "secrets.toml"
    path.write_text("[orion]\nother = 1\n")
    with pytest.raises(OrionError):
        cookie.cookie_key(path)


def test_sign_round_trip():
    assert cookie.unsign(cookie.sign("token-abc", "key"), "key") == "token-abc"


@pytest.mark.parametrize(
    "value", [None, 42, b"token.mac", "", "token-abc", "token-abd.", "token-abx." + "A" * 43, "."]
)
def test_unsign_rejects(value):
    assert cookie.unsign(value, "key") is None


def test_unsign_other_key():
    assert cookie.unsign(cookie.sign("token-abc", "key"), "other") is None


def test_cookie_lifetime_within_day():
    assert cookie.COOKIE_MAX_AGE_SECONDS <= 86_400
