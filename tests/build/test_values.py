"""Parsing of single raw values."""

from __future__ import annotations

import datetime

import pytest

from orion_data.build.values import (
    parse_date,
    parse_decimal,
    parse_decimal_comma,
    parse_integer,
    parse_whole,
)


def test_integer_signs():
    assert parse_integer("-7") == -7
    assert parse_integer("012") == 12


@pytest.mark.parametrize("text", ["1_000", "12.0", "1e3", "douze", ""])
def test_integer_rejects(text):
    with pytest.raises(ValueError):
        parse_integer(text)


def test_whole_accepts_decimal_zero():
    assert parse_whole("38.0") == 38
    assert parse_whole("-4.0") == -4


def test_whole_rejects_fraction():
    with pytest.raises(ValueError):
        parse_whole("38.5")


def test_decimal_exponent():
    assert parse_decimal("-1.5e-3") == -0.0015


@pytest.mark.parametrize("text", ["nan", "inf", "1,5", "1.2.3"])
def test_decimal_rejects(text):
    with pytest.raises(ValueError):
        parse_decimal(text)


def test_decimal_comma():
    assert parse_decimal_comma("5,7") == 5.7
    assert parse_decimal_comma("8") == 8.0


def test_decimal_comma_rejects_point():
    with pytest.raises(ValueError):
        parse_decimal_comma("5.7")


def test_date_french_order():
    assert parse_date("31/08/2025") == datetime.date(2025, 8, 31)


@pytest.mark.parametrize("text", ["2025-08-31", "31/02/2025", "1/9/2025"])
def test_date_rejects(text):
    with pytest.raises(ValueError):
        parse_date(text)
