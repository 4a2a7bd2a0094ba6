"""The password policy and bcrypt hashing."""

from __future__ import annotations

import pytest

from orion_data.auth import passwords
from orion_data.errors import ValidationError

GOOD = "Orion-2026!"


@pytest.mark.parametrize("password", [GOOD, "aB3$efgh", "Été-2026x", "x" * 60 + "A1!"])
def test_policy_accepts(password):
    passwords.check_password_policy(password)


@pytest.mark.parametrize(
    ("password", "missing"),
    [
        ("aB3$efg", "8 caractères"),
        ("ab3$efgh", "majuscule"),
        ("AB3$EFGH", "minuscule"),
        ("aBc$efgh", "chiffre"),
        ("aB3defgh", "symbole"),
        (" aB3$efgh", "espace"),
    ],
)
def test_policy_rejects(password, missing):
    with pytest.raises(ValidationError) as raised:
        passwords.check_password_policy(password)
    assert missing in raised.value.errors["password"]


@pytest.mark.parametrize("password", ["aB3$" * 33, "é" * 37 + "A1!"])
def test_overlong_rejected(password):
    with pytest.raises(ValidationError) as raised:
        passwords.check_password_policy(password)
    assert "trop long" in raised.value.errors["password"]


def test_hash_verifies():
    hashed = passwords.hash_password(GOOD)
    assert hashed.startswith("$2b$04$")
    assert passwords.verify_password(GOOD, hashed) is True
    assert passwords.verify_password("Orion-2026?", hashed) is False


def test_verify_overlong_false():
    hashed = passwords.hash_password(GOOD)
    assert passwords.verify_password(GOOD + "x" * 80, hashed) is False


def test_verify_without_hash_false():
    assert passwords.verify_password(GOOD, None) is False
