"""Readers that turn one raw file into an Arrow table of the columns the build uses.

Every column is read as a string, so codes keep their leading zeros, and the typed columns
of the catalogue are parsed cell by cell. Each error names the file and the line, and the
column and the value when one cell is at fault. The Arrow table also has a `_line` column
(line number in the file, header = 1) for CSV files, or `_record` (position from 1) for
JSON records.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from pathlib import Path
from typing import Final

import pyarrow as pa

from orion_data.build.catalogue import RawFile
from orion_data.build.values import (
    Parser,
    cell_error,
    parse_date,
    parse_decimal,
    parse_decimal_comma,
    parse_integer,
    parse_whole,
)
from orion_data.errors import BuildError

logger = logging.getLogger(__name__)

_ENCODING_NAMES: Final = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 (avec BOM)",
    "cp1252": "Windows-1252 (cp1252)",
}


def read_raw(raw_dir: Path, raw: RawFile) -> pa.Table:
    """Read, check and parse one raw file of the catalogue."""
    text = _decode(_read_bytes(raw_dir, raw), raw)
    if raw.records is not None:
        table = _read_json(text, raw)
        logger.info("%s : %d enregistrements lus", raw.path, table.num_rows)
    else:
        table = _read_csv(text, raw)
        logger.info("%s : %d lignes lues", raw.path, table.num_rows)
    return table


def _read_bytes(raw_dir: Path, raw: RawFile) -> bytes:
    path = raw_dir / raw.path
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise BuildError(
            f"Fichier brut introuvable : {path}. "
            "Copiez-le depuis sa source, décrite dans data/raw/SOURCES.md."
        ) from None


def _decode(data: bytes, raw: RawFile) -> str:
    try:
        return data.decode(raw.encoding)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        bad_bytes = data[error.start : error.end].hex(" ")
        encoding = _ENCODING_NAMES.get(raw.encoding, raw.encoding)
        raise BuildError(
            f"{raw.path}, ligne {line} : les octets {bad_bytes} ne se décodent pas en {encoding}. "
            f"Le fichier doit être encodé en {encoding} : remettez la copie d'origine."
        ) from None


def _parser(raw: RawFile, name: str) -> tuple[Parser | None, pa.DataType]:
    if name in raw.integers:
        return parse_integer, pa.int64()
    if name in raw.wholes:
        return parse_whole, pa.int64()
    if name in raw.decimals:
        return (parse_decimal_comma if raw.decimal_comma else parse_decimal), pa.float64()
    if name in raw.dates:
        return parse_date, pa.date32()
    return None, pa.string()


def _column_positions(header: list[str], raw: RawFile) -> list[tuple[int, str, str]]:
    """Return (position, raw header, name) for each catalogued column, or raise."""
    if raw.positional:
        expected = [header_name for header_name, _ in raw.columns]
        if len(header) != len(expected):
            raise BuildError(
                f"{raw.path}, ligne 1 : l'en-tête a {len(header)} colonnes au lieu de "
                f"{len(expected)}. Remettez la copie d'origine du fichier."
            )
        for position, (found, wanted) in enumerate(zip(header, expected, strict=True), start=1):
            if found != wanted:
                raise BuildError(
                    f"{raw.path}, ligne 1, colonne {position} : en-tête « {found} » au lieu "
                    f"de « {wanted} ». Remettez la copie d'origine du fichier."
                )
        return [(index, raw_name, name) for index, (raw_name, name) in enumerate(raw.columns)]

    positions = []
    for raw_name, name in raw.columns:
        if raw_name not in header:
            raise BuildError(
                f"{raw.path}, ligne 1 : colonne « {raw_name} » absente de l'en-tête. "
                "Remettez la copie d'origine du fichier, ou mettez à jour "
                "orion_data/build/catalogue.py si la source a changé."
            )
        positions.append((header.index(raw_name), raw_name, name))
    return positions


def _read_csv(text: str, raw: RawFile) -> pa.Table:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=raw.delimiter)
    header = next(reader, None)
    if header is None:
        raise BuildError(f"{raw.path} est vide : la ligne d'en-tête est absente.")
    positions = _column_positions(header, raw)
    parsers = [_parser(raw, name)[0] for _, _, name in positions]
    columns: list[list[object]] = [[] for _ in positions]
    lines: list[int] = []
    previous_line = reader.line_num
    try:
        for row in reader:
            line = previous_line + 1
            previous_line = reader.line_num
            if not row:
                continue
            if len(row) != len(header):
                raise BuildError(
                    f"{raw.path}, ligne {line} : {len(row)} champs au lieu de {len(header)}. "
                    f"Vérifiez le séparateur « {raw.delimiter} » et les guillemets de la ligne."
                )
            lines.append(line)
            for column, (index, raw_name, _), parse in zip(
                columns, positions, parsers, strict=True
            ):
                column.append(_parse_cell(row[index], parse, raw, line, raw_name))
    except csv.Error as error:
        raise BuildError(
            f"{raw.path}, ligne {reader.line_num} : ligne CSV illisible ({error}). "
            "Remettez la copie d'origine du fichier."
        ) from None
    return _to_arrow(raw, [name for _, _, name in positions], columns, "_line", lines)


def _parse_cell(text: str, parse: Parser | None, raw: RawFile, line: int, column: str):
    value = text.strip()
    if value in raw.nulls:
        return None
    if parse is None:
        return value
    try:
        return parse(value)
    except ValueError as error:
        raise cell_error(raw.path, line, column, value, str(error)) from None


def _read_json(text: str, raw: RawFile) -> pa.Table:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise BuildError(
            f"{raw.path}, ligne {error.lineno}, colonne {error.colno} : JSON invalide "
            f"({error.msg}). Remettez la copie d'origine du fichier."
        ) from None
    records = document.get(raw.records) if isinstance(document, dict) else None
    if not isinstance(records, list):
        raise BuildError(
            f"{raw.path} : la liste « {raw.records} » est absente du document JSON. "
            "Remettez la copie d'origine du fichier."
        )
    columns: list[list[object]] = [[] for _ in raw.columns]
    for number, record in enumerate(records, start=1):
        for column, (raw_name, name) in zip(columns, raw.columns, strict=True):
            column.append(_json_value(record, raw_name, name in raw.decimals, raw, number))
    names = [name for _, name in raw.columns]
    positions = list(range(1, len(records) + 1))
    return _to_arrow(raw, names, columns, "_record", positions)


def _json_value(record: object, field: str, numeric: bool, raw: RawFile, number: int):
    if not isinstance(record, dict) or field not in record:
        raise BuildError(
            f"{raw.path}, enregistrement {number} : champ « {field} » absent. "
            "Remettez la copie d'origine du fichier."
        )
    value = record[field]
    if value is None:
        return None
    if numeric and isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if not numeric and isinstance(value, str):
        return value.strip() or None
    expected = "un nombre est attendu" if numeric else "un texte est attendu"
    raise BuildError(
        f"{raw.path}, enregistrement {number}, champ « {field} » : valeur « {value} » "
        f"illisible, {expected}. Remettez la copie d'origine du fichier."
    )


def _to_arrow(
    raw: RawFile, names: list[str], columns: list[list[object]], position: str, rows: list[int]
) -> pa.Table:
    arrays = {
        name: pa.array(values, type=_parser(raw, name)[1])
        for name, values in zip(names, columns, strict=True)
    }
    arrays[position] = pa.array(rows, type=pa.int64())
    return pa.table(arrays)
