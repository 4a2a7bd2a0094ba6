from __future__ import annotations

import io
import re
from datetime import date, datetime
from decimal import Decimal

import numpy as np
import openpyxl
import pandas as pd
import pytest

from orion_data.exports import (
    FORMULA_PREFIXES,
    export_filename,
    neutralize_formula,
    to_csv_bytes,
    to_xlsx_bytes,
)

BOM = b"\xef\xbb\xbf"


@pytest.fixture
def formations() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "libelle": ["CAP cuisine", "=cmd|' /C calc'!A0", "Bac pro; commerce"],
            "taux_pression": [12.5, -3.25, np.nan],
            "effectif_entree": pd.array([24, -4, None], dtype="Int64"),
            "date_ouverture": pd.to_datetime(["2022-09-01", None, "2019-01-31"]),
        }
    )


HEADERS = {
    "libelle": "Libellé",
    "taux_pression": "Taux de pression",
    "effectif_entree": "Effectif d'entrée",
    "date_ouverture": "Date d'ouverture",
}


def read_xlsx(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data)).active


def test_csv_exact_text(formations):
    expected = (
        BOM
        + "Libellé;Taux de pression;Effectif d'entrée;Date d'ouverture\r\n"
        "CAP cuisine;12,5;24;01/09/2022\r\n"
        "'=cmd|' /C calc'!A0;-3,25;-4;\r\n"
        '"Bac pro; commerce";;;31/01/2019\r\n'.encode()
    )
    assert to_csv_bytes(formations, HEADERS) == expected


def test_csv_lf_terminator(formations):
    text = to_csv_bytes(formations, HEADERS, line_terminator="\n").decode("utf-8-sig")
    assert "\r" not in text
    assert text.count("\n") == 4


def test_csv_rejects_other_terminator(formations):
    with pytest.raises(ValueError, match="line_terminator"):
        to_csv_bytes(formations, HEADERS, line_terminator="\r")


def test_csv_header_order_follows_mapping(formations):
    text = to_csv_bytes(formations, {"effectif_entree": "Effectif", "libelle": "Libellé"})
    assert text.decode("utf-8-sig").splitlines()[0] == "Effectif;Libellé"


def test_csv_unknown_column_raises(formations):
    with pytest.raises(KeyError, match="uai"):
        to_csv_bytes(formations, {"uai": "UAI"})


def test_csv_missing_values_are_empty():
    df = pd.DataFrame(
        {
            "texte": pd.Series(["x", None, np.nan, pd.NA], dtype=object),
            "nombre": [1.0, np.nan, np.inf, -np.inf],
            "entier": pd.array([1, None, None, None], dtype="Int64"),
            "jour": pd.to_datetime(["2024-01-01", None, None, None]),
            "decimal": [Decimal("1.5"), Decimal("NaN"), Decimal("sNaN"), None],
        }
    )
    lines = to_csv_bytes(df, {name: name for name in df}).decode("utf-8-sig").splitlines()
    assert lines[1] == "x;1;1;01/01/2024;1,5"
    assert lines[2:] == [";;;;"] * 3


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("=1+1", "'=1+1"),
        ("+1+1", "'+1+1"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\0=1+1", "'\0=1+1"),
        # The carriage return becomes a line break, so the field is quoted.
        ("\r=1+1", '"\'\n=1+1"'),
    ],
)
def test_csv_neutralizes_formula(text, field):
    df = pd.DataFrame({"texte": [text]})
    assert to_csv_bytes(df, {"texte": "Texte"}) == BOM + f"Texte\r\n{field}\r\n".encode()


def test_formula_prefixes_list():
    assert set(FORMULA_PREFIXES) == {"=", "+", "-", "@", "\t", "\r", "\0"}


def test_csv_neutralizes_header():
    df = pd.DataFrame({"a": [1]})
    assert to_csv_bytes(df, {"a": "@SUM(A1)"}).decode("utf-8-sig").startswith("'@SUM(A1)\r\n")


def test_csv_keeps_negative_numbers():
    df = pd.DataFrame({"float": [-3.5], "int": [-4], "decimal": [Decimal("-0.75")]})
    row = to_csv_bytes(df, {name: name for name in df}).decode("utf-8-sig").splitlines()[1]
    assert row == "-3,5;-4;-0,75"


def test_csv_negative_text_neutralized():
    df = pd.DataFrame({"code": ["-5"]})
    assert to_csv_bytes(df, {"code": "Code"}).decode("utf-8-sig").splitlines()[1] == "'-5"


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (0.1 + 0.2, "0,3"),
        (1e20, "100000000000000000000"),
        (2.5e-10, "0,00000000025"),
        (1234567.5, "1234567,5"),
        (3.0, "3"),
        (-0.0, "0"),
        (np.float32(0.5), "0,5"),
    ],
)
def test_csv_float_format(number, text):
    df = pd.DataFrame({"x": pd.Series([number], dtype=object)})
    assert to_csv_bytes(df, {"x": "X"}).decode("utf-8-sig").splitlines()[1] == text


def test_csv_dates_and_times():
    df = pd.DataFrame(
        {
            "jour": [date(2022, 9, 1)],
            "horodatage": [datetime(2022, 9, 1, 8, 5, 3)],
            "annee_ancienne": [date(999, 1, 2)],
            "fuseau": [pd.Timestamp("2022-09-01 23:30", tz="Europe/Paris")],
        }
    )
    row = to_csv_bytes(df, {name: name for name in df}).decode("utf-8-sig").splitlines()[1]
    assert row == "01/09/2022;01/09/2022 08:05:03;02/01/0999;01/09/2022 23:30:00"


def test_csv_booleans():
    df = pd.DataFrame({"ouvert": [True, False, None], "n": [1, 2, 3]})
    lines = to_csv_bytes(df, {"ouvert": "Ouvert", "n": "N"}).decode("utf-8-sig").splitlines()
    assert lines[1:] == ["VRAI;1", "FAUX;2", ";3"]


def test_csv_lone_empty_field_is_quoted():
    # The csv module quotes a lone empty field so that the row is not read as a blank line.
    df = pd.DataFrame({"uai": ["0750001A", None]})
    assert to_csv_bytes(df, {"uai": "UAI"}) == BOM + b'UAI\r\n0750001A\r\n""\r\n'


def test_csv_line_break_in_cell():
    df = pd.DataFrame({"texte": ["ligne 1\r\nligne 2"], "n": [1]})
    text = to_csv_bytes(df, {"texte": "Texte", "n": "N"}).decode("utf-8-sig")
    assert text.endswith('"ligne 1\nligne 2";1\r\n')


def test_csv_empty_frame_has_header():
    df = pd.DataFrame({"uai": pd.Series([], dtype="str")})
    assert to_csv_bytes(df, {"uai": "UAI"}) == BOM + b"UAI\r\n"


def test_csv_ignores_index():
    df = pd.DataFrame({"n": [7]}, index=["=ignored"])
    assert to_csv_bytes(df, {"n": "N"}) == BOM + b"N\r\n7\r\n"


def test_neutralize_leaves_plain_text():
    assert neutralize_formula("Lycée =") == "Lycée ="


def test_xlsx_header_and_values(formations):
    sheet = read_xlsx(to_xlsx_bytes(formations, HEADERS))
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(HEADERS.values())
    assert rows[1] == ("CAP cuisine", 12.5, 24, datetime(2022, 9, 1))
    assert rows[2] == ("'=cmd|' /C calc'!A0", -3.25, -4, None)
    assert rows[3] == ("Bac pro; commerce", None, None, datetime(2019, 1, 31))


def test_xlsx_numbers_are_numbers(formations):
    sheet = read_xlsx(to_xlsx_bytes(formations, HEADERS))
    assert sheet["B3"].data_type == "n"
    assert sheet["C3"].data_type == "n"
    assert sheet["C3"].value == -4


def test_xlsx_has_no_formula(formations):
    sheet = read_xlsx(to_xlsx_bytes(formations, HEADERS))
    kinds = {cell.data_type for row in sheet.iter_rows() for cell in row}
    assert "f" not in kinds


def test_xlsx_date_format(formations):
    sheet = read_xlsx(to_xlsx_bytes(formations, HEADERS))
    assert sheet["D2"].number_format == "dd/mm/yyyy"


def test_xlsx_frozen_bold_header(formations):
    sheet = read_xlsx(to_xlsx_bytes(formations, HEADERS))
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold
    assert sheet.auto_filter.ref == "A1:D4"


def test_xlsx_column_widths(formations):
    sheet = read_xlsx(to_xlsx_bytes(formations, HEADERS))
    libelle_width = sheet.column_dimensions["A"].width
    assert libelle_width >= len("=cmd|' /C calc'!A0") + 1
    assert libelle_width <= 62


def test_xlsx_width_is_capped():
    df = pd.DataFrame({"texte": ["x" * 500]})
    sheet = read_xlsx(to_xlsx_bytes(df, {"texte": "Texte"}))
    assert sheet.column_dimensions["A"].width <= 61


def test_xlsx_booleans_and_missing():
    df = pd.DataFrame({"ouvert": [True, None], "taux": [np.inf, np.nan]})
    sheet = read_xlsx(to_xlsx_bytes(df, {"ouvert": "Ouvert", "taux": "Taux"}))
    assert sheet["A2"].value is True
    assert sheet["A3"].value is None
    assert sheet["B2"].value is None


def test_xlsx_sheet_name_cleaned():
    df = pd.DataFrame({"a": [1]})
    sheet = read_xlsx(to_xlsx_bytes(df, {"a": "A"}, sheet_name="Région [84]/2022: effectifs*"))
    assert sheet.title == "Région  84  2022  effectifs"


def test_xlsx_too_many_rows_raises():
    df = pd.DataFrame({"a": np.zeros(1_048_576, dtype=np.int8)})
    with pytest.raises(ValueError, match="CSV"):
        to_xlsx_bytes(df, {"a": "A"})


def test_filename_example():
    name = export_filename(
        "console-formations",
        {"region": "84", "rentree": 2022},
        "csv",
        at=datetime(2026, 12, 4, 15, 30),
    )
    assert name == "orion_console-formations_region-84_rentree-2022_2026-12-04T1530.csv"


def test_filename_sanitises_values():
    name = export_filename(
        "Console formations",
        {"région": "Île-de-France / Paris", "uai": ["0750001A", "0750002B"]},
        ".XLSX",
        at=datetime(2026, 1, 2, 3, 4),
    )
    assert name == (
        "orion_Console-formations_region-Ile-de-France-Paris"
        "_uai-0750001A-0750002B_2026-01-02T0304.xlsx"
    )


def test_filename_skips_empty_filters():
    name = export_filename(
        "carte", {"secteur": None, "voie": "", "niveau": []}, "csv", at=datetime(2026, 1, 1)
    )
    assert name == "orion_carte_2026-01-01T0000.csv"


def test_filename_is_ascii_and_bounded():
    hostile = {"q": "../../etc/passwd\x00<script>" + "é" * 300, "n": "x" * 300}
    name = export_filename("vue", hostile, "csv", at=datetime(2026, 1, 1))
    assert re.fullmatch(r"[A-Za-z0-9_.-]+", name)
    assert ".." not in name
    assert len(name) <= 180


def test_filename_default_time():
    name = export_filename("vue", {}, "csv")
    assert re.fullmatch(r"orion_vue_\d{4}-\d{2}-\d{2}T\d{4}\.csv", name)


def test_filename_rejects_extension():
    with pytest.raises(ValueError, match="extension"):
        export_filename("vue", {}, "exe")


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@A1", "\t=1"])
def test_xlsx_neutralizes_formula(text):
    df = pd.DataFrame({"texte": [text]})
    sheet = read_xlsx(to_xlsx_bytes(df, {"texte": "Texte"}))
    assert sheet["A2"].value == "'" + text
    assert sheet["A2"].data_type == "s"
