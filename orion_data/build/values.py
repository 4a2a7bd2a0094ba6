"""Parsing of raw cell values, and the build errors that point at one cell."""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable
from typing import Final

from orion_data.errors import BuildError

_INTEGER: Final = re.compile(r"[+-]?\d+")
_DECIMAL: Final = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_DATE: Final = re.compile(r"(\d{2})/(\d{2})/(\d{4})")


def parse_integer(text: str) -> int:
    if not _INTEGER.fullmatch(text):
        raise ValueError("un nombre entier est attendu")
    return int(text)


def parse_decimal(text: str) -> float:
    if not _DECIMAL.fullmatch(text):
        raise ValueError("un nombre décimal avec un point est attendu")
    number = float(text)
    if not math.isfinite(number):
        raise ValueError("un nombre fini est attendu")
    return number


def parse_decimal_comma(text: str) -> float:
    if "." in text:
        raise ValueError("un nombre décimal avec une virgule est attendu")
    try:
        return parse_decimal(text.replace(",", "."))
    except ValueError:
        raise ValueError("un nombre décimal avec une virgule est attendu") from None


def parse_whole(text: str) -> int:
    """Parse an integer that the file may write as a decimal, such as `38.0`."""
    number = parse_decimal(text)
    if not number.is_integer():
        raise ValueError("un nombre entier est attendu")
    return int(number)


def parse_date(text: str) -> datetime.date:
    """Parse a date written `JJ/MM/AAAA`, as the BCN tables write them."""
    match = _DATE.fullmatch(text)
    if match is None:
        raise ValueError("une date JJ/MM/AAAA est attendue")
    day, month, year = (int(part) for part in match.groups())
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise ValueError("une date JJ/MM/AAAA existante est attendue") from None


Parser = Callable[[str], object]


def cell_error(path: str, line: int, column: str, value: object, expected: str) -> BuildError:
    """Return the error for a cell whose value the build cannot use."""
    return BuildError(
        f"{path}, ligne {line}, colonne « {column} » : valeur « {value} » illisible, "
        f"{expected}. Corrigez la cellule ou remettez la copie d'origine du fichier."
    )
