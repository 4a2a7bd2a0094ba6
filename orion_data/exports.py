"""Exports of a DataFrame to CSV for French Excel and to XLSX, and their file names.

Both formats take a mapping from the DataFrame's columns to the French headers to show, in
the order to show them. The index is not exported. Text that a spreadsheet would run as a
formula is prefixed with a single quote, while numbers, booleans and dates are never altered.
"""

from __future__ import annotations

import csv
import io
import logging
import math
import re
import unicodedata
from collections.abc import Iterator, Mapping
from datetime import date, datetime, time
from decimal import Decimal
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import pandas as pd
import xlsxwriter

logger = logging.getLogger(__name__)

CSV_MIME: Final = "text/csv"
XLSX_MIME: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Leading characters after which a spreadsheet may read a text cell as a formula. This is the
# usual CSV-injection list, with the null character that OWASP ASVS 4 (requirement 1.2.10) adds.
FORMULA_PREFIXES: Final = ("=", "+", "-", "@", "\t", "\r", "\0")

# Excel keeps only 15 significant digits of a number, so further digits would be lost on import
# anyway.
_SIGNIFICANT_DIGITS: Final = 15
_XLSX_MAX_ROWS: Final = 1_048_576
_WIDTH_SAMPLE_ROWS: Final = 1_000
_MIN_WIDTH: Final = 8
_MAX_WIDTH: Final = 60
_TIMEZONE: Final = "Europe/Paris"
_MAX_SLUG_LENGTH: Final = 40
_MAX_STEM_LENGTH: Final = 150


def neutralize_formula(text: str) -> str:
    """Return `text` with a leading single quote when a spreadsheet would run it as a formula."""
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def _classify(value: object) -> tuple[str, object]:
    """Return the cell kind of `value` and the value to write for that kind.

    Kinds are "blank", "boolean", "number", "date", "datetime" and "text". Missing values
    (None, NaN, NaT, pd.NA) and infinities are blank. A datetime at midnight is a date, and a
    timezone-aware datetime keeps its wall-clock time.
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return "blank", None
    if isinstance(value, (bool, np.bool_)):
        return "boolean", bool(value)
    if isinstance(value, (int, np.integer)):
        return "number", int(value)
    if isinstance(value, (float, np.floating, Decimal)):
        if isinstance(value, Decimal) and value.is_nan():
            return "blank", None  # float() raises on a signalling NaN
        number = float(value)
        if not math.isfinite(number):
            return "blank", None
        return "number", number + 0.0  # turns -0.0 into 0.0
    if isinstance(value, np.datetime64):
        value = pd.Timestamp(value)
        if value is pd.NaT:
            return "blank", None
    if isinstance(value, datetime):
        wall_clock = value.replace(tzinfo=None)
        if wall_clock.time() == time(0):
            return "date", wall_clock.date()
        return "datetime", wall_clock
    if isinstance(value, date):
        return "date", value
    return "text", neutralize_formula(str(value))


def _format_number(number: int | float) -> str:
    if isinstance(number, int):
        return str(number)
    text = f"{number:.{_SIGNIFICANT_DIGITS}g}"
    if "e" in text:
        text = np.format_float_positional(
            number, precision=_SIGNIFICANT_DIGITS, unique=False, fractional=False, trim="-"
        )
    return text.replace(".", ",")


def _format_date(day: date) -> str:
    # strftime("%Y") does not pad years below 1000 on every platform.
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def _cell_text(kind: str, value: object) -> str:
    """Return the CSV text of a classified cell, as French Excel reads it."""
    if kind == "blank":
        return ""
    if kind == "boolean":
        return "VRAI" if value else "FAUX"
    if kind == "number":
        return _format_number(value)
    if kind == "date":
        return _format_date(value)
    if kind == "datetime":
        return f"{_format_date(value)} {value:%H:%M:%S}"
    # The csv module quotes a field only for the characters of its own line terminator, so a
    # bare carriage return could go out unquoted and split the row.
    return value.replace("\r\n", "\n").replace("\r", "\n")


def _select(df: pd.DataFrame, columns: Mapping[str, str]) -> list[str]:
    missing = [name for name in columns if name not in df.columns]
    if missing:
        raise KeyError(
            f"Columns {missing} not found in the DataFrame. Its columns are {list(df.columns)}."
        )
    return list(columns)


def _iter_cells(df: pd.DataFrame, names: list[str]) -> Iterator[list[tuple[str, object]]]:
    """Yield each row of `df` as a list of classified cells."""
    values = [df[name].to_numpy(dtype=object) for name in names]
    for row in zip(*values, strict=True):
        yield [_classify(value) for value in row]


def to_csv_bytes(
    df: pd.DataFrame, columns: Mapping[str, str], *, line_terminator: str = "\r\n"
) -> bytes:
    """Write `df` as CSV for French Excel and return the bytes.

    `columns` maps each column to export to its French header. The file is UTF-8 with a BOM,
    separated by ';', with a decimal comma, dates as JJ/MM/AAAA, booleans as VRAI/FAUX and an
    empty field for a missing value. Every row ends with `line_terminator` ("\\r\\n" or "\\n"),
    and a line break inside a text cell is written as "\\n" in a quoted field.
    """
    if line_terminator not in ("\r\n", "\n"):
        raise ValueError(f"line_terminator must be '\\r\\n' or '\\n', not {line_terminator!r}.")
    names = _select(df, columns)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator=line_terminator)

    writer.writerow([_cell_text("text", neutralize_formula(columns[name])) for name in names])
    for cells in _iter_cells(df, names):
        writer.writerow([_cell_text(kind, value) for kind, value in cells])

    return buffer.getvalue().encode("utf-8-sig")


def _clean_sheet_name(name: str) -> str:
    cleaned = re.sub(r"[\[\]:*?/\\]", " ", name).strip().strip("'")[:31]
    return cleaned or "Export"


def _write_cell(sheet, row: int, col: int, kind: str, value: object, formats: dict) -> None:
    if kind == "blank":
        return
    if kind == "boolean":
        sheet.write_boolean(row, col, value)
    elif kind == "number":
        sheet.write_number(row, col, value)
    elif kind == "date":
        sheet.write_datetime(row, col, value, formats["date"])
    elif kind == "datetime":
        sheet.write_datetime(row, col, value, formats["datetime"])
    else:
        # Not write(), because it would store a string that starts with "=" as a formula.
        sheet.write_string(row, col, _cell_text(kind, value))


def to_xlsx_bytes(
    df: pd.DataFrame, columns: Mapping[str, str], *, sheet_name: str = "Export"
) -> bytes:
    """Write `df` as an Excel workbook of one sheet and return the bytes.

    `columns` maps each column to export to its French header. Numbers, booleans and dates
    are typed cells. The bold header row is frozen and filterable, and each column is as
    wide as its longest text among the header and the first 1,000 rows, from 8 to 60
    characters. Raise ValueError when `df` has more rows than an Excel sheet can hold.
    """
    names = _select(df, columns)
    if len(df) >= _XLSX_MAX_ROWS:
        raise ValueError(
            f"{len(df)} rows do not fit in an Excel sheet, which holds {_XLSX_MAX_ROWS - 1} "
            "at most. Filter the table or export it as CSV."
        )
    buffer = io.BytesIO()
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    workbook = xlsxwriter.Workbook(buffer, options)
    sheet = workbook.add_worksheet(_clean_sheet_name(sheet_name))
    formats = {
        "header": workbook.add_format({"bold": True, "bottom": 1}),
        "date": workbook.add_format({"num_format": "dd/mm/yyyy"}),
        "datetime": workbook.add_format({"num_format": "dd/mm/yyyy hh:mm:ss"}),
    }

    widths = []
    for col, name in enumerate(names):
        header = neutralize_formula(columns[name])
        sheet.write_string(0, col, header, formats["header"])
        widths.append(len(header))

    for row, cells in enumerate(_iter_cells(df, names), start=1):
        for col, (kind, value) in enumerate(cells):
            _write_cell(sheet, row, col, kind, value, formats)
            if row <= _WIDTH_SAMPLE_ROWS:
                longest_line = max(_cell_text(kind, value).split("\n"), key=len)
                widths[col] = max(widths[col], len(longest_line))

    for col, width in enumerate(widths):
        sheet.set_column(col, col, min(max(width + 2, _MIN_WIDTH), _MAX_WIDTH))
    sheet.freeze_panes(1, 0)
    if names:
        sheet.autofilter(0, 0, len(df), len(names) - 1)
    workbook.close()
    return buffer.getvalue()


def _slug(value: object) -> str:
    """Return `value` as ASCII letters, digits and single hyphens, at most 40 characters."""
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        value = "-".join(str(item) for item in items)
    ascii_text = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-")
    return slug[:_MAX_SLUG_LENGTH].strip("-")


def _now_in_france() -> datetime:
    try:
        return datetime.now(ZoneInfo(_TIMEZONE))
    except ZoneInfoNotFoundError:
        logger.warning("Time zone %s not found, so export names use local time", _TIMEZONE)
        return datetime.now()


def export_filename(
    view: str,
    filters: Mapping[str, object],
    extension: str,
    *,
    at: datetime | None = None,
) -> str:
    """Build an ASCII file name that says what was exported, with which filters and when.

    `export_filename("console-formations", {"region": "84", "rentree": 2022}, "csv")` returns
    e.g. "orion_console-formations_region-84_rentree-2022_2026-12-04T1530.csv". Accents are
    dropped, any other character than a letter or a digit becomes a hyphen, and filters whose
    value is None or empty are left out. `at` defaults to the current time in France.
    """
    extension = extension.lower().lstrip(".")
    if extension not in ("csv", "xlsx"):
        raise ValueError(f"extension must be 'csv' or 'xlsx', not {extension!r}.")
    parts = ["orion", _slug(view) or "export"]
    for name, value in filters.items():
        value_slug = _slug(value) if value is not None else ""
        if value_slug:
            parts.append(f"{_slug(name) or 'filtre'}-{value_slug}")
    stem = "_".join(parts)[:_MAX_STEM_LENGTH].rstrip("-_")
    stamp = (at or _now_in_france()).strftime("%Y-%m-%dT%H%M")
    return f"{stem}_{stamp}.{extension}"
