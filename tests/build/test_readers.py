"""Reading raw files: encodings, headers, typed cells and the errors that point at a cell."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from orion_data.build.catalogue import CATALOGUE, RawFile
from orion_data.build.readers import read_raw
from orion_data.errors import BuildError
from orion_data.paths import RAW_DIR

SAMPLE = RawFile(
    key="sample",
    path="dossier/exemple.csv",
    columns=(("Code UAI", "uai"), ("Effectif", "effectif"), ("Taux", "taux")),
    integers=("effectif",),
    decimals=("taux",),
    decimal_comma=True,
    nulls=("", "nd"),
)


def write(tmp_path: Path, data: bytes, raw: RawFile = SAMPLE) -> Path:
    path = tmp_path / raw.path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return tmp_path


def test_codes_keep_zeros(tmp_path):
    folder = write(tmp_path, b"Code UAI;Effectif;Taux\n0010001W;12;5,7\n")

    table = read_raw(folder, SAMPLE).to_pylist()

    assert table == [{"uai": "0010001W", "effectif": 12, "taux": 5.7, "_line": 2}]


def test_null_tokens_are_none(tmp_path):
    folder = write(tmp_path, b"Code UAI;Effectif;Taux\n0010001W;nd;\n")

    row = read_raw(folder, SAMPLE).to_pylist()[0]

    assert row["effectif"] is None
    assert row["taux"] is None


def test_columns_found_by_name(tmp_path):
    folder = write(tmp_path, b"Taux;Autre;Effectif;Code UAI\r\n1,5;x;3;0750001A\r\n")

    row = read_raw(folder, SAMPLE).to_pylist()[0]

    assert row == {"uai": "0750001A", "effectif": 3, "taux": 1.5, "_line": 2}


def test_missing_column_message(tmp_path):
    folder = write(tmp_path, b"UAI;Effectif;Taux\n0010001W;12;5,7\n")

    with pytest.raises(BuildError) as caught:
        read_raw(folder, SAMPLE)

    assert "dossier/exemple.csv" in str(caught.value)
    assert "« Code UAI »" in str(caught.value)


def test_bom_left_is_missing_column(tmp_path):
    folder = write(tmp_path, b"\xef\xbb\xbfCode UAI;Effectif;Taux\n0010001W;12;5,7\n")

    with pytest.raises(BuildError) as caught:
        read_raw(folder, SAMPLE)

    assert "« Code UAI »" in str(caught.value)


def test_bad_utf8_names_line(tmp_path):
    folder = write(tmp_path, b"Code UAI;Effectif;Taux\n0010001W;12;5,7\n00\xe90002X;1;2\n")

    with pytest.raises(BuildError) as caught:
        read_raw(folder, SAMPLE)

    assert "ligne 3 " in str(caught.value)
    assert "e9" in str(caught.value)


def test_bad_cp1252_names_line(tmp_path):
    raw = CATALOGUE["fap_rome"]
    original = (RAW_DIR / raw.path).read_bytes().split(b"\n")
    original[9] = original[9] + b"\x81"
    folder = write(tmp_path, b"\n".join(original), raw)

    with pytest.raises(BuildError) as caught:
        read_raw(folder, raw)

    assert "ligne 10 " in str(caught.value)
    assert "cp1252" in str(caught.value)


def test_bad_integer_names_cell(tmp_path):
    folder = write(tmp_path, b"Code UAI;Effectif;Taux\n0010001W;12;5,7\n0010002X;1 2;3\n")

    with pytest.raises(BuildError) as caught:
        read_raw(folder, SAMPLE)

    message = str(caught.value)
    assert "ligne 3," in message
    assert "« Effectif »" in message
    assert "« 1 2 »" in message


def test_point_rejected_with_comma(tmp_path):
    folder = write(tmp_path, b"Code UAI;Effectif;Taux\n0010001W;12;5.7\n")

    with pytest.raises(BuildError) as caught:
        read_raw(folder, SAMPLE)

    assert "« Taux »" in str(caught.value)
    assert "virgule" in str(caught.value)


def test_short_row_names_line(tmp_path):
    folder = write(tmp_path, b"Code UAI;Effectif;Taux\n0010001W;12\n")

    with pytest.raises(BuildError) as caught:
        read_raw(folder, SAMPLE)

    assert "ligne 2 " in str(caught.value)
    assert "2 champs au lieu de 3" in str(caught.value)


def test_missing_file_named(tmp_path):
    with pytest.raises(BuildError) as caught:
        read_raw(tmp_path, SAMPLE)

    assert "dossier/exemple.csv" in str(caught.value)


def test_positional_header_checked(tmp_path):
    raw = CATALOGUE["depp_pro_2019_2020"]
    lines = (RAW_DIR / raw.path).read_bytes().split(b"\n")
    lines[0] = lines[0].replace(b'"Taux attendu"', b'"Taux cible"')
    folder = write(tmp_path, b"\n".join(lines), raw)

    with pytest.raises(BuildError) as caught:
        read_raw(folder, raw)

    assert "colonne 7" in str(caught.value)
    assert "« Taux cible »" in str(caught.value)


def test_quoted_depp_file_read():
    rows = read_raw(RAW_DIR, CATALOGUE["depp_pro_2018_2019"]).to_pylist()

    first = rows[0]
    assert first["uai"] == "0010001W"
    assert first["row_type"] == "ensemble"
    assert first["taux_emploi_24_mois"] == 56


def test_cp1252_decoded():
    rows = read_raw(RAW_DIR, CATALOGUE["n_formation_diplome"]).to_pylist()

    labels = {row["cfd"]: row["libelle"] for row in rows}
    # Byte 0x92 of the raw line 368 is a right single quotation mark in cp1252.
    assert labels["46321210"].startswith("CONDUITE D’UN ELEVAGE CAPRIN")


def test_bcn_dates_parsed():
    rows = read_raw(RAW_DIR, CATALOGUE["n_mef"]).to_pylist()

    first = rows[0]
    assert first["date_ouverture"] == datetime.date(1995, 9, 1)
    assert first["date_fermeture"] == datetime.date(2025, 8, 31)


def test_json_missing_field(tmp_path):
    raw = CATALOGUE["comparateur_lycees"]
    folder = write(tmp_path, b'{"lycees": [{"uai": "0010001W", "nom": "Lycee"}]}', raw)

    with pytest.raises(BuildError) as caught:
        read_raw(folder, raw)

    assert "enregistrement 1" in str(caught.value)
    assert "« ville »" in str(caught.value)


def test_json_bad_number(tmp_path):
    record = (
        b'{"uai": "0010001W", "nom": "L", "ville": "V", "secteur": "public", '
        b'"type": "Pro", "lat": "46,1", "lng": 5.0}'
    )
    folder = write(tmp_path, b'{"lycees": [' + record + b"]}", CATALOGUE["comparateur_lycees"])

    with pytest.raises(BuildError) as caught:
        read_raw(folder, CATALOGUE["comparateur_lycees"])

    assert "« lat »" in str(caught.value)
    assert "« 46,1 »" in str(caught.value)
